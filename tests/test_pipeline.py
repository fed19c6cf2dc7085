"""The pipeline: identical tables from every scheduler."""

from __future__ import annotations

import gc
import subprocess
import sys

import pandas as pd
import pytest

import newsvoices as nv
from newsvoices.pipeline import analyse_articles, analyse_chunk, analyse_corpus
from newsvoices.records import Analysis

from .conftest import SEEDS


@pytest.fixture(scope="module")
def serial(seeds) -> Analysis:
    return analyse_corpus(seeds, nv.actor_registry(seeds), scheduler="serial")


def analyse(corpus, **options) -> Analysis:
    return analyse_corpus(corpus, nv.actor_registry(corpus), **options)


def _same(a: Analysis, b: Analysis) -> None:
    for name in Analysis.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def test_process_pool_gives_identical_tables(seeds, serial, monkeypatch):
    monkeypatch.setattr("newsvoices.pipeline.CHUNK", 1)  # one article per task: really parallel
    _same(serial, analyse(seeds, scheduler="processes", workers=2))


UNGUARDED_SCRIPT = """
import multiprocessing, sys
multiprocessing.set_start_method("forkserver", force=True)  # Python 3.14's default on Linux
import newsvoices as nv
from newsvoices import corpus, parallel, pipeline
pipeline.CHUNK = 1  # one article per task: really parallel
corpus.PARALLEL_FILES = 2  # the folder is read by worker processes too
here = []  # files read in this process: none, unless the loader fell back to reading them itself
read = corpus._read_article
def spy(job):
    here.append(job)
    return read(job)
corpus._read_article = spy
seeds = nv.load_corpus(sys.argv[1])
result = nv.analyse(seeds, workers=2)
with parallel.process_pool(2) as pool:
    method = pool._mp_context.get_start_method()  # what the library chose
print(method, len(here), len(seeds), len(result.statements))
"""


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="processes are forked on Linux and POSIX only")
def test_a_script_without_a_main_guard_runs_in_parallel_whatever_the_start_method(serial, tmp_path):
    script = tmp_path / "analyse_my_articles.py"  # no `if __name__ == "__main__":`, as users write them
    script.write_text(UNGUARDED_SCRIPT, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), str(SEEDS)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["fork", "0", "3", str(len(serial.statements))]


@pytest.mark.slow
def test_dask_cluster_gives_identical_tables(seeds, serial, monkeypatch):
    from dask.distributed import LocalCluster

    monkeypatch.setattr("newsvoices.pipeline.CHUNK", 1)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        result = analyse(seeds, address=cluster.scheduler_address)
    _same(serial, result)


@pytest.mark.slow
def test_dask_progress_moves_as_partitions_finish(seeds, monkeypatch):
    """With a cluster address the bar is updated per finished partition, up to every article."""
    from dask.distributed import LocalCluster

    from newsvoices import pipeline

    updates: list[int] = []

    class Bar:
        def update(self, n):
            updates.append(n)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            pass

    monkeypatch.setattr(pipeline, "CHUNK", 1)
    monkeypatch.setattr(pipeline, "progress_bar", lambda total, enabled, desc, unit: Bar())
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        analyse(seeds, address=cluster.scheduler_address, progress=True)
    assert updates == [1, 1, 1]


def test_the_articles_of_one_task_give_the_tables_of_the_corpus(seeds, serial):
    tables = analyse_articles(seeds.articles, nv.actor_registry(seeds))
    _same(serial, Analysis(**tables))


def test_a_chunk_leaves_almost_nothing_to_the_cycle_collector(seeds):
    registry = nv.actor_registry(seeds)
    analyse_chunk(seeds.articles, registry)  # caches filled once
    gc.collect()
    gc.disable()
    try:
        analyse_chunk(seeds.articles, registry)
        left = gc.collect()
    finally:
        gc.enable()
    # a few objects of spaCy's parser per batch; the Docs' cached Tokens and Spans (some 5,000
    # objects for the seeds) are freed by reference counting
    assert left < 200


def test_bad_scheduler_is_refused(seeds):
    with pytest.raises(ValueError, match="scheduler"):
        analyse(seeds, scheduler="threads")
