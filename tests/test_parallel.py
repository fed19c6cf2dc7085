"""Where the parallel work runs: executors give results in job order, whatever runs them."""

from __future__ import annotations

import os

import pytest

from newsvoices.parallel import Executor, process_pool, progress_bar, wants_progress


def _square(x: int) -> int:
    return x * x


def _scaled(x: int, shared: dict) -> tuple[int, int]:
    return x * shared["factor"], os.getpid()


def _frozen(x: int) -> int:
    import gc

    return gc.get_freeze_count()


_LOADED: list = []


def _load_many() -> None:
    _LOADED.extend([k] for k in range(50_000))  # 50,000 objects the collector tracks


def _cannot_load() -> None:
    raise LookupError("no pipeline here")


def _fails_at(x: int) -> int:
    if x == 3:
        raise ValueError(f"job {x} failed")
    return x


@pytest.mark.parametrize(("scheduler", "workers"), [("serial", None), ("processes", 1), ("processes", 2),
                                                     ("dask", 2)])
def test_results_come_in_job_order_with_the_shared_object(scheduler, workers):
    jobs = [(k,) for k in range(7)]
    with Executor.start(scheduler, workers, shared={"factor": 3}) as ex:
        assert list(ex.map(_square, jobs)) == [k * k for k in range(7)]
        results = list(ex.map(_scaled, jobs, shared=True))
    assert [value for value, _ in results] == [3 * k for k in range(7)]
    assert ex.scheduler == ("serial" if scheduler == "serial" or workers == 1 else scheduler)
    if ex.scheduler == "processes":
        assert {pid for _, pid in results} != {os.getpid()}  # run in other processes


def test_the_bar_moves_by_each_jobs_size():
    class Bar:
        moved: list[int] = []

        def update(self, n):
            self.moved.append(n)

    with Executor.start("processes", 2) as ex:
        list(ex.map(_square, [(1,), (2,), (3,)], sizes=[5, 1, 2], bar=Bar()))
    assert Bar.moved == [5, 1, 2]


@pytest.mark.parametrize("scheduler", ["serial", "processes"])
def test_an_error_of_a_job_is_raised_at_its_turn(scheduler):
    with Executor.start(scheduler, 2) as ex:
        results = ex.map(_fails_at, [(k,) for k in range(6)])
        assert [next(results) for _ in range(3)] == [0, 1, 2]
        with pytest.raises(ValueError, match="job 3 failed"):
            next(results)


def test_bad_settings_are_refused_with_the_choices():
    with pytest.raises(ValueError, match=r"scheduler 'threads' is not one of \('processes', 'serial', 'dask'\)"):
        with Executor.start("threads"):
            pass
    with pytest.raises(ValueError, match="workers=0: give at least 1"):
        with Executor.start("processes", 0):
            pass


def test_progress_follows_the_environment(monkeypatch):
    monkeypatch.delenv("NEWSVOICES_NO_PROGRESS", raising=False)
    assert wants_progress(None) and not wants_progress(False)
    monkeypatch.setenv("NEWSVOICES_NO_PROGRESS", "1")
    assert not wants_progress(None) and wants_progress(True)
    with progress_bar(2, False, "x", "y") as bar:
        assert bar.disable


def test_the_start_method_can_be_chosen_and_a_wrong_one_is_named(monkeypatch):
    monkeypatch.setenv("NEWSVOICES_START_METHOD", "spawn")
    with process_pool(1) as pool:
        assert pool._mp_context.get_start_method() == "spawn"
    monkeypatch.setenv("NEWSVOICES_START_METHOD", "thread")
    with pytest.raises(ValueError, match=r"NEWSVOICES_START_METHOD='thread': use one of \[.*'spawn'"):
        process_pool(1)


def test_a_worker_hides_what_it_starts_with_from_the_collector_and_the_caller_is_untouched():
    import gc

    before = gc.get_freeze_count()
    with Executor.start("processes", 2, shared={"registry": list(range(1000))}) as ex:
        counts = list(ex.map(_frozen, [(k,) for k in range(4)]))
    assert all(count > 1000 for count in counts)  # the library, the shared object: frozen in the worker
    with Executor.start("serial") as ex:
        assert list(ex.map(_frozen, [(0,)])) == [before]
    assert gc.get_freeze_count() == before


def test_a_worker_prepares_before_it_freezes():
    with Executor.start("processes", 2) as ex:
        plain = list(ex.map(_frozen, [(k,) for k in range(4)]))
    with Executor.start("processes", 2, prepare=_load_many) as ex:
        prepared = list(ex.map(_frozen, [(k,) for k in range(4)]))
    assert min(prepared) >= max(plain) + 40_000  # what prepare loaded is frozen with the rest
    with Executor.start("serial", prepare=_load_many) as ex:
        list(ex.map(_frozen, [(0,)]))
    assert _LOADED == []  # not run in the caller's process


def test_what_prepare_raises_is_raised_by_the_jobs():
    with Executor.start("processes", 2, prepare=_cannot_load) as ex:
        with pytest.raises(LookupError, match="no pipeline here"):
            list(ex.map(_square, [(k,) for k in range(3)]))
