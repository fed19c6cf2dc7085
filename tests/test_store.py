"""The store: load_corpus and analyse with the cache around them, and the one public path to each table."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import newsvoices as nv
from newsvoices import store
from newsvoices.records import STATEMENT_COLUMNS, Analysis

from .conftest import ROOT, SEEDS

TONE = ["polarity", "subjectivity", "evidence", "vader", "disagree"]


@pytest.fixture(scope="module")
def serial(seeds) -> Analysis:
    return nv.analyse(seeds, scheduler="serial", cache=False, progress=False)


def analyse(corpus, **options) -> Analysis:
    return nv.analyse(corpus, **options)


def _same(a: Analysis, b: Analysis) -> None:
    for name in Analysis.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def test_the_table_functions_are_the_tables_of_the_one_analysis(seeds, serial):
    pd.testing.assert_frame_equal(serial.statements.drop(columns=TONE), nv.statements(seeds))
    pd.testing.assert_frame_equal(serial.statements, nv.score_statements(nv.statements(seeds)))
    pd.testing.assert_frame_equal(serial.mentions, nv.mentions(seeds))
    pd.testing.assert_frame_equal(serial.stance, nv.stance(seeds))
    pd.testing.assert_frame_equal(serial.sentences.drop(columns=["polarity", "subjectivity"]), seeds.sentences())
    assert serial.sentences["polarity"].tolist() == [nv.scorers.polarity(t) for t in serial.sentences["text"]]
    pd.testing.assert_frame_equal(serial.articles, seeds.to_frame())
    by_article = nv.term_frequencies(seeds, by="article")
    expected = by_article.set_index(["article", "term"])["count"].sort_index()
    got = serial.words.groupby(["article", "term"])["count"].sum().sort_index()
    pd.testing.assert_series_equal(got, expected)
    assert set(serial.phrases["n"]) == {2, 3}
    pd.testing.assert_frame_equal(nv.tone.tone_toward_tables(serial.mentions, serial.sentences), nv.tone_toward(seeds))



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


def test_one_analysis_serves_every_table_function(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    runs = []
    real = store.analyse_corpus

    def counted(*args, **kwargs):
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "analyse_corpus", counted)
    corpus = nv.load_corpus(SEEDS)
    table = nv.statements(corpus)
    assert list(table.columns) == STATEMENT_COLUMNS
    nv.mentions(corpus), nv.stance(corpus), nv.tone_toward(corpus)
    assert len(runs) == 1  # the pipeline ran once; the other tables came from its cached analysis


def _read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


def _tree(folder: Path) -> list[tuple[str, int]]:
    return sorted((p.relative_to(folder).as_posix(), p.stat().st_mtime_ns) for p in [folder, *folder.rglob("*")])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_article_folder_works_and_gets_no_file(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr("newsvoices.cache.CACHE_BYTES", 1)  # the seeds count as a large corpus: cached too
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    before = _tree(folder)
    _read_only(folder)
    try:
        for _ in range(2):  # written to the cache, then read back from it
            corpus = nv.load_corpus(folder)
            result = nv.analyse(corpus, scheduler="serial", progress=False)
        assert result.from_cache and len(result.statements) > 0
        assert _tree(folder) == before  # nothing added, nothing touched
        assert sorted(p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()) == ["analysis", "corpus"]
    finally:
        _writable(folder)


def test_no_command_leaves_a_file_in_the_article_folder(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    before = _tree(folder)
    env = {**os.environ, "NEWSVOICES_CACHE": str(tmp_path / "cache")}
    commands = [["corpus", str(folder)], ["words", str(folder)], ["statements", str(folder)],
                ["tone", str(folder), "--by", "stance"], ["archive", str(folder), str(tmp_path / "tables")],
                ["statements", str(tmp_path / "tables")]]
    for args in commands:
        proc = subprocess.run([sys.executable, "-m", "newsvoices", *args, "--quiet"], capture_output=True, text=True,
                              env=env, cwd=tmp_path, timeout=300)
        assert proc.returncode == 0, (args, proc.stderr)
    assert _tree(folder) == before
    assert not list(ROOT.glob("seeds/.newsvoices-cache"))
