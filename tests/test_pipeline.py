"""The pipeline: identical tables from every scheduler, and a cache that is never stale."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import newsvoices as nv
from newsvoices.pipeline import Analysis, analyse

from .conftest import SEEDS

TONE = ["polarity", "subjectivity", "evidence", "vader", "disagree"]


@pytest.fixture(scope="module")
def serial(seeds) -> Analysis:
    return analyse(seeds, scheduler="serial", cache=False, progress=False)


def _same(a: Analysis, b: Analysis) -> None:
    for name in Analysis.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def test_serial_tables_match_the_public_functions(seeds, serial):
    pd.testing.assert_frame_equal(serial.statements.drop(columns=TONE), nv.statements(seeds))
    pd.testing.assert_frame_equal(serial.statements, nv.score_statements(nv.statements(seeds)))
    pd.testing.assert_frame_equal(serial.mentions, nv.mentions(seeds))
    pd.testing.assert_frame_equal(serial.stance, nv.stance(seeds))
    pd.testing.assert_frame_equal(serial.sentences.drop(columns=["polarity", "subjectivity"]), seeds.sentences())
    assert serial.sentences["polarity"].tolist() == [nv.tone.polarity(t) for t in serial.sentences["text"]]
    pd.testing.assert_frame_equal(serial.articles, seeds.to_frame())
    by_article = nv.term_frequencies(seeds, by="article")
    expected = by_article.set_index(["article", "term"])["count"].sort_index()
    got = serial.words.groupby(["article", "term"])["count"].sum().sort_index()
    pd.testing.assert_series_equal(got, expected)
    assert set(serial.phrases["n"]) == {2, 3}
    pd.testing.assert_frame_equal(nv.tone.tone_toward_tables(serial.mentions, serial.sentences), nv.tone_toward(seeds))


def test_process_pool_gives_identical_tables(seeds, serial, monkeypatch):
    monkeypatch.setattr("newsvoices.pipeline.CHUNK", 1)  # one article per task: really parallel
    _same(serial, analyse(seeds, scheduler="processes", workers=2, cache=False, progress=False))


UNGUARDED_SCRIPT = """
import multiprocessing, sys
multiprocessing.set_start_method("forkserver", force=True)  # Python 3.14's default on Linux
import newsvoices as nv
from newsvoices import corpus, pipeline
pipeline.CHUNK = 1  # one article per task: really parallel
corpus.PARALLEL_FILES = 2  # the folder is read by worker processes too
here = []  # files read in this process: none, unless the loader fell back to reading them itself
read = corpus._read_article
def spy(job):
    here.append(job)
    return read(job)
corpus._read_article = spy
seeds = nv.load_corpus(sys.argv[1], cache=False, progress=False)
result = nv.analyse(seeds, workers=2, cache=False, progress=False)
with corpus.process_pool(2) as pool:
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


def test_the_start_method_can_be_chosen_and_a_wrong_one_is_named(monkeypatch):
    from newsvoices.corpus import process_pool

    monkeypatch.setenv("NEWSVOICES_START_METHOD", "spawn")
    with process_pool(1) as pool:
        assert pool._mp_context.get_start_method() == "spawn"
    monkeypatch.setenv("NEWSVOICES_START_METHOD", "thread")
    with pytest.raises(ValueError, match=r"NEWSVOICES_START_METHOD='thread': use one of \[.*'spawn'"):
        process_pool(1)


@pytest.mark.slow
def test_dask_cluster_gives_identical_tables(seeds, serial, monkeypatch):
    from dask.distributed import LocalCluster

    monkeypatch.setattr("newsvoices.pipeline.CHUNK", 1)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        result = analyse(seeds, address=cluster.scheduler_address, cache=False, progress=False)
    _same(serial, result)


def test_cache_hits_and_is_invalidated_by_any_change(tmp_path, serial, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    corpus = nv.load_corpus(folder)
    first = analyse(corpus, scheduler="serial", progress=False)
    second = analyse(corpus, scheduler="serial", progress=False)
    assert (first.from_cache, second.from_cache) == (False, True)
    _same(first, second)
    _same(serial, second)
    assert len(list((tmp_path / "cache").iterdir())) == 1
    # a changed word in one article: a new key, nothing stale served
    path = folder / "000_a571ae5cbdec7a76.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("censured", "praised"), encoding="utf-8")
    changed = analyse(nv.load_corpus(folder), scheduler="serial", progress=False)
    assert not changed.from_cache
    assert (changed.statements["cue"] == "praised").sum() == (first.statements["cue"] == "praised").sum() + 1
    # another registry: another key
    other = analyse(corpus, actors=nv.ActorRegistry(), scheduler="serial", progress=False)
    assert not other.from_cache
    # no cache at all
    assert not analyse(corpus, scheduler="serial", cache=False, progress=False).from_cache
    # the edited folder's analysis replaced the first one; the other registry's is kept
    assert len(list((tmp_path / "cache").iterdir())) == 2


def test_cache_keeps_one_copy_per_folder_and_registry(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        shutil.copytree(SEEDS, folder)

    def copies() -> list[str]:
        return sorted(p.name for p in (tmp_path / "cache").iterdir())

    analyse(nv.load_corpus(folders[0]), scheduler="serial", progress=False)
    (first_a,) = copies()
    analyse(nv.load_corpus(folders[1]), scheduler="serial", progress=False)
    analyse(nv.load_corpus(folders[0]), actors=nv.ActorRegistry(), scheduler="serial", progress=False)
    kept = copies()
    assert len(kept) == 3 and all(name.startswith("analysis-") for name in kept)
    # each edit of folder a (default registry) leaves one copy of it, the others untouched
    for n in range(3):
        (folders[0] / f"new_{n}.txt").write_text(f"Officials said talks would resume, report {n} said.\n",
                                                 encoding="utf-8")
        assert not analyse(nv.load_corpus(folders[0]), scheduler="serial", progress=False).from_cache
    now = copies()
    assert len(now) == 3 and first_a not in now and set(kept) - {first_a} < set(now)
    # the same folder spelled another way is the same folder: the copy is found, not duplicated
    monkeypatch.chdir(tmp_path)
    again = analyse(nv.load_corpus(Path("b") / ".." / "a"), scheduler="serial", progress=False)
    assert again.from_cache and copies() == now
    # a corpus built in memory has no origin: it never replaces another corpus's copy
    articles = nv.load_corpus(folders[1]).articles
    analyse(nv.Corpus(articles[:2]), scheduler="serial", progress=False)
    analyse(nv.Corpus([nv.Article.from_text(articles[0].id, "Kono said talks went well.")]),
            scheduler="serial", progress=False)  # the same id, another text
    assert len(copies()) == 5 and set(now) < set(copies())
    # files of one folder loaded one at a time are corpora of their own, and so is the folder
    singles = [sorted(folders[1].glob("*.txt"))[k] for k in (0, 1, 0)]
    assert [analyse(nv.load_corpus(f), scheduler="serial", progress=False).from_cache for f in singles] == [
        False, False, True]
    assert analyse(nv.load_corpus(folders[1], recursive=False), scheduler="serial", progress=False).from_cache is False
    assert analyse(nv.load_corpus(folders[1]), scheduler="serial", progress=False).from_cache


def test_cache_keeps_the_most_recently_used_analyses(tmp_path, monkeypatch):
    from newsvoices import cache

    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "KEEP", 2)
    articles = nv.load_corpus(SEEDS).articles
    corpora = [nv.Corpus([a]) for a in articles]  # three corpora, three scopes
    analyse(corpora[0], scheduler="serial", progress=False)
    analyse(corpora[1], scheduler="serial", progress=False)
    assert analyse(corpora[0], scheduler="serial", progress=False).from_cache  # used again: now the latest
    analyse(corpora[2], scheduler="serial", progress=False)  # a third: the least recently used goes
    assert len(list((tmp_path / "cache").iterdir())) == 2
    assert analyse(corpora[0], scheduler="serial", progress=False).from_cache
    assert analyse(corpora[2], scheduler="serial", progress=False).from_cache
    assert not analyse(corpora[1], scheduler="serial", progress=False).from_cache


def test_bad_scheduler_is_refused(seeds):
    with pytest.raises(ValueError, match="scheduler"):
        analyse(seeds, scheduler="threads", cache=False, progress=False)


@pytest.mark.slow
def test_dask_progress_moves_as_partitions_finish(seeds, monkeypatch):
    """With a cluster address the bar is updated per finished partition, up to every article."""
    from dask.distributed import LocalCluster

    from newsvoices import pipeline

    updates: list[int] = []

    class Bar:
        def update(self, n):
            updates.append(n)

        def close(self):
            pass

    monkeypatch.setattr(pipeline, "CHUNK", 1)
    monkeypatch.setattr(pipeline, "_progress", lambda total, enabled, desc: Bar())
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        analyse(seeds, address=cluster.scheduler_address, cache=False, progress=True)
    assert updates == [1, 1, 1]
