"""Where the library's parallel work runs: process pools, a Dask cluster, progress bars.

Every part of newsvoices that spreads work — reading a large folder, analysing a corpus,
building an archive, executing the report's notebooks — gets its processes here, so that the
start method, fork safety and progress bars are decided in one place.

:class:`Executor` runs one function over a list of jobs and gives the results **in job order**,
whatever runs them: this process (``"serial"``), a pool of this machine's processes
(``"processes"``), or Dask (``"dask"``: a cluster at ``address``, else Dask's local processes).
An executor may carry one *shared* object (the actor registry): it reaches each worker process
once, not once per job.

Example:
    >>> with Executor.start("serial") as ex:
    ...     list(ex.map(pow, [(2, 3), (3, 2)]))
    [8, 9]
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from tqdm.auto import tqdm

__all__ = ["SCHEDULERS", "Executor", "forks_safely", "process_pool", "progress_bar", "wants_progress"]

#: Where an :class:`Executor` runs its jobs.
SCHEDULERS = ("processes", "serial", "dask")


def wants_progress(progress: bool | None) -> bool:
    """``progress``, or when it is ``None``: yes, unless ``NEWSVOICES_NO_PROGRESS`` is set (the
    report build sets it: a progress bar frozen in a static page would mislead).

    Example:
        >>> wants_progress(False)
        False
    """
    return not os.environ.get("NEWSVOICES_NO_PROGRESS") if progress is None else progress


def progress_bar(total: int, enabled: bool, desc: str, unit: str) -> tqdm:
    """A tqdm progress bar on stderr (a widget in notebooks); does nothing if not ``enabled``.

    Example:
        >>> with progress_bar(3, False, "reading", "file") as bar:
        ...     bar.update(3)
    """
    return tqdm(total=total, disable=not enabled, desc=desc, unit=unit, file=sys.stderr)


def forks_safely() -> bool:
    """Whether this platform forks processes safely: Linux and other Unix systems, not macOS
    (whose system libraries may break in a forked child) nor Windows (no fork)."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def process_pool(workers: int | None, **options) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes (``None``: one per core) for the library's parallel work.

    Where the platform forks safely (Linux and other Unix systems, not macOS), the workers
    are forked from this process whatever Python's default start method: they start without
    importing the library again, and a user's script needs no ``if __name__ == "__main__":``
    guard, which Python 3.14's default on Linux (``forkserver``) would otherwise ask for.
    Elsewhere (Windows, macOS) Python's start method is used. The environment variable
    ``NEWSVOICES_START_METHOD`` (``fork``, ``spawn`` or ``forkserver``) chooses another, for a
    process whose threads must not be forked. ``options`` go to
    :class:`~concurrent.futures.ProcessPoolExecutor` (``initializer``, ``initargs``).

    Raises:
        ValueError: ``NEWSVOICES_START_METHOD`` names no start method of this platform.
    """
    method = os.environ.get("NEWSVOICES_START_METHOD") or ("fork" if forks_safely() else None)
    try:
        context = multiprocessing.get_context(method)
    except ValueError:
        raise ValueError(f"NEWSVOICES_START_METHOD={method!r}: use one of "
                         f"{multiprocessing.get_all_start_methods()}, or unset it") from None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, **options)


# ---------------------------------------------------------------- executors

#: The shared object of the executor that started this worker process (see :class:`Executor`).
_WORKER_SHARED: object = None


def _install_shared(shared: object, prepare: Callable[[], object] | None = None) -> None:
    """Start a worker process: keep the executor's shared object, run ``prepare`` (which loads
    what every job needs, such as the spaCy pipeline), then move every object the worker holds
    (the pipeline, the registry, the modules: forked from the caller or loaded) out of the garbage
    collector's sight. They live as long as the worker, and each full collection walked all of
    them again: 4 of about 200 ms each per 200 articles analysed, some 8% of the analysis. Only
    the worker is touched, never the caller's process."""
    global _WORKER_SHARED, _PREPARE_ERROR
    _WORKER_SHARED = shared
    if prepare is not None:
        try:
            prepare()
        except Exception as exc:  # raised by each job instead: an initializer's error would only break the pool
            _PREPARE_ERROR = exc
    gc.freeze()


#: What ``prepare`` raised in this worker process, raised again by every job it is given.
_PREPARE_ERROR: Exception | None = None


def _call_in_worker(function: Callable, job: tuple, shared: bool):
    if _PREPARE_ERROR is not None:
        raise _PREPARE_ERROR
    return function(*job, _WORKER_SHARED) if shared else function(*job)


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass


class Executor:
    """Runs a function over jobs, in this process, on a pool of processes or on Dask.

    Start one with :meth:`start`; :meth:`map` then gives ``function(*job)`` for each job, in job
    order, moving a progress bar by each job's size as it finishes.

    Attributes:
        scheduler: ``"serial"``, ``"processes"`` or ``"dask"``.
        slots: How many jobs run at once.
    """

    def __init__(self, scheduler: str, slots: int, shared: object, pool=None, client=None,
                 workers: int | None = None) -> None:
        self.scheduler = scheduler
        self.slots = slots
        self._shared = shared
        self._pool = pool
        self._client = client
        self._workers = workers
        self._on_cluster = None  # the shared object, scattered to every worker once

    @classmethod
    @contextlib.contextmanager
    def start(cls, scheduler: str = "processes", workers: int | None = None, address: str | None = None,
              shared: object = None, prepare: Callable[[], object] | None = None) -> Iterator[Executor]:
        """An executor for the duration of a ``with`` block.

        Args:
            scheduler: ``"processes"`` (default), ``"serial"`` or ``"dask"``; an ``address``
                implies ``"dask"``, and ``workers=1`` means ``"serial"`` for processes.
            workers: Processes of this machine (default: every core).
            address: A Dask scheduler (``tcp://host:8786``).
            shared: An object every job run with ``shared=True`` receives as its last argument;
                it reaches each worker process once.
            prepare: A module-level function each worker process of the ``"processes"``
                scheduler runs once as it starts, before it hides what it holds from the garbage
                collector: what it loads (the spaCy pipeline) is then never walked again. Not run
                by the other schedulers (jobs load what they need). What it raises is raised by
                each job (a pipeline not installed: :class:`~newsvoices.nlp.PipelineError`).

        Raises:
            ValueError: An unknown scheduler, or ``workers`` below 1.
            ConnectionError: The Dask scheduler at ``address`` cannot be reached.
        """
        if address:
            scheduler = "dask"
        if scheduler not in SCHEDULERS:
            raise ValueError(f"scheduler {scheduler!r} is not one of {SCHEDULERS}")
        if workers is not None and workers < 1:
            raise ValueError(f"workers={workers}: give at least 1 (or None for every core)")
        if scheduler == "dask" and address:
            from dask.distributed import Client  # a large import, needed only for a cluster

            try:
                client = Client(address)
            except (OSError, ValueError) as exc:
                raise ConnectionError(f"cannot reach the Dask scheduler at {address} ({exc}); check the address "
                                      "(tcp://host:8786) and that the scheduler runs") from exc
            with client:
                yield cls("dask", max(1, sum(client.nthreads().values())), shared, client=client)
            return
        n = workers or os.cpu_count() or 1
        if scheduler == "serial" or (scheduler == "processes" and n == 1):
            yield cls("serial", 1, shared)
        elif scheduler == "dask":
            yield cls("dask", n, shared, workers=n)
        else:
            with process_pool(n, initializer=_install_shared, initargs=(shared, prepare)) as pool:
                yield cls("processes", n, shared, pool=pool)

    def map(self, function: Callable, jobs: Sequence[tuple], *, sizes: Sequence[int] | None = None,
            bar=None, shared: bool = False) -> Iterator:
        """``function(*job)`` for each job, in job order (``shared=True``: ``function(*job,
        shared_object)``). The function must be importable (a module-level function) to run in
        other processes. An error of a job is raised at its turn; the jobs not started then
        never start.

        Args:
            function: What to run.
            jobs: The arguments of each call.
            sizes: How far each finished job moves ``bar`` (default 1).
            bar: A progress bar (:func:`progress_bar`), or ``None``.
            shared: Pass the executor's shared object as the last argument.
        """
        bar = bar or _NoBar()
        sizes = sizes if sizes is not None else [1] * len(jobs)
        if self.scheduler == "serial":
            return self._serial(function, jobs, sizes, bar, shared)
        if self.scheduler == "processes":
            return self._processes(function, jobs, sizes, bar, shared)
        if self._client is not None:
            return iter(self._cluster(function, jobs, sizes, bar, shared))
        return iter(self._dask_local(function, jobs, sizes, bar, shared))

    def _serial(self, function, jobs, sizes, bar, shared) -> Iterator:
        for job, size in zip(jobs, sizes):
            yield function(*job, self._shared) if shared else function(*job)
            bar.update(size)

    def _processes(self, function, jobs, sizes, bar, shared) -> Iterator:
        if not jobs:
            return
        calls = self._pool.map(_call_in_worker, [function] * len(jobs), jobs, [shared] * len(jobs))
        for size, result in zip(sizes, calls):  # map gives results in submission order
            yield result
            bar.update(size)

    def _cluster(self, function, jobs, sizes, bar, shared) -> list:
        from dask.distributed import as_completed

        client = self._client
        if shared and self._on_cluster is None:
            self._on_cluster = client.scatter(self._shared, broadcast=True)
        extra = (self._on_cluster,) if shared else ()
        futures = [client.submit(function, *job, *extra, pure=False) for job in jobs]
        position = {future.key: k for k, future in enumerate(futures)}
        try:
            for future in as_completed(futures):  # the bar moves as jobs finish
                future.result()  # a job's error is raised here, with the worker's traceback
                bar.update(sizes[position[future.key]])
        except BaseException:
            client.cancel(futures)  # the jobs not started yet never start
            raise
        return client.gather(futures)

    def _dask_local(self, function, jobs, sizes, bar, shared) -> list:
        import dask

        extra = (self._shared,) if shared else ()
        tasks = [dask.delayed(function, pure=False)(*job, *extra) for job in jobs]
        results = list(dask.compute(*tasks, scheduler="processes", num_workers=self._workers))
        bar.update(sum(sizes))
        return results
