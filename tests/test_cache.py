"""The cache on its own: where it lives, how copies replace and evict each other, its key."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pandas as pd
import platformdirs
import pytest

import newsvoices as nv
from newsvoices import cache
from newsvoices.cache import cache_dir, cache_usage, clear_cache, library_fingerprint
from newsvoices.version import VERSION

from .conftest import SEEDS
from .test_corpus import make_bad_folder

TABLES = {"one": pd.DataFrame({"article": ["a", "b"], "count": [3, 1]}),
          "two": pd.DataFrame({"term": ["peace", "talks", "sanctions"], "score": [0.5, -0.25, 0.0]})}


def test_replaces_deletes_the_older_copies_of_the_same_thing_only(tmp_path):
    for name in ("analysis-s1-old", "analysis-s1-older", "analysis-s2-other", "corpus-s1-x"):
        cache._keep(tmp_path / name, TABLES, replaces=f"{name}-none", kind="none-*")
    (tmp_path / "analysis-s1-y.tmp123-4").mkdir()  # another process still writing
    cache._keep(tmp_path / "analysis-s1-new", TABLES, replaces="analysis-s1-*", kind="none-*")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "analysis-s1-new", "analysis-s1-y.tmp123-4", "analysis-s2-other", "corpus-s1-x"]


def test_a_failed_write_replaces_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 1)  # a successful write would then keep only itself
    cache._keep(tmp_path / "analysis-s1-old", TABLES, replaces="none", kind="none-*")
    cache._keep(tmp_path / "analysis-s3-old", TABLES, replaces="none", kind="none-*")
    cache._keep(tmp_path / "analysis-s1-new", {"two": pd.DataFrame({"t": pd.Series(["\ud800"], dtype=object)})},
                replaces="analysis-s1-*", kind="analysis-*")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["analysis-s1-old", "analysis-s3-old"]
    cache._keep(tmp_path / "analysis-s2-new", TABLES, replaces="none", kind="analysis-*")
    assert [p.name for p in tmp_path.iterdir()] == ["analysis-s2-new"]  # the copy just written stays


def test_keep_recent_deletes_the_least_recently_used_copies_beyond_the_limit(tmp_path):
    for k, name in enumerate(["analysis-a-1", "analysis-b-2", "analysis-c-3", "analysis-d-4", "corpus-e-5"]):
        cache._keep(tmp_path / name, TABLES, replaces="none", kind="none-*")
        os.utime(tmp_path / name, (1000 + k, 1000 + k))  # written in this order
    (tmp_path / "analysis-f-6.tmp12-3").mkdir()  # being written
    cache._touch(tmp_path / "analysis-a-1")  # read just now: the most recent
    cache._keep_recent(tmp_path, "analysis-*", keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "analysis-a-1", "analysis-d-4", "analysis-f-6.tmp12-3", "corpus-e-5"]
    for name in ("analysis-a-1", "analysis-d-4"):
        os.utime(tmp_path / name, (5000, 5000))  # a tie, as on a file system with coarse times
    cache._keep_recent(tmp_path, "analysis-*", keep=1, spare=tmp_path / "analysis-d-4")  # the copy just written
    assert sorted(p.name for p in tmp_path.glob("analysis-*")) == ["analysis-d-4", "analysis-f-6.tmp12-3"]
    cache._keep_recent(tmp_path / "nowhere", "analysis-*", keep=1)  # a missing folder: nothing to do
    cache._touch(tmp_path / "nowhere")  # nor here


def test_the_cache_folder_is_the_environments_else_the_users_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("NEWSVOICES_CACHE")
    assert cache_dir() == Path(platformdirs.user_cache_dir("newsvoices", appauthor=False))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # the platform's convention on Linux
    if os.name == "posix" and os.uname().sysname == "Linux":
        assert cache_dir() == tmp_path / "xdg" / "newsvoices"


def test_usage_lists_the_copies_and_clear_deletes_only_them(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path))
    assert cache_usage().empty and clear_cache() == 0
    cache._keep(tmp_path / "analysis-a-1", TABLES, replaces="none", kind="analysis-*")
    cache._keep(tmp_path / "corpus-b-2", TABLES, replaces="none", kind="corpus-*")
    (tmp_path / "notes.txt").write_text("mine")  # not the library's: never touched
    usage = cache_usage()
    assert sorted(usage["kind"]) == ["analysis", "corpus"] and (usage["bytes"] > 0).all()
    assert set(usage.columns) == {"kind", "folder", "bytes", "last_used"}
    freed = clear_cache()
    assert freed == usage["bytes"].sum()
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_is_folder_is_false_where_it_cannot_look(tmp_path, monkeypatch):
    import pathlib

    (tmp_path / "file").write_text("x")
    assert cache._is_folder(tmp_path) and not cache._is_folder(tmp_path / "file")
    assert not cache._is_folder(tmp_path / "none")

    def denied(self):  # a folder this user may not enter (as root, chmod would not stop us)
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "is_dir", denied)
    assert not cache._is_folder(tmp_path)


def test_the_fingerprint_changes_with_a_dependency_version(monkeypatch):
    before = library_fingerprint()
    assert before.startswith(VERSION + "+") and before == library_fingerprint()
    real = cache.version
    monkeypatch.setattr(cache, "version", lambda name: "99.0" if name == "textblob" else real(name))
    library_fingerprint.cache_clear()
    try:
        assert library_fingerprint() != before
    finally:
        monkeypatch.undo()
        library_fingerprint.cache_clear()
    assert library_fingerprint() == before


# ---------------------------------------------------------------- the cached copy of a large corpus


def _same_corpus(a: nv.Corpus, b: nv.Corpus) -> None:
    assert a.articles == b.articles
    assert [x.sentence_sizes for x in a] == [x.sentence_sizes for x in b]
    pd.testing.assert_frame_equal(a.load_report, b.load_report)
    assert a.root == b.root


def _no_fresh_load(monkeypatch):
    """Make reading the files fail: a corpus loaded after this came from the cache."""
    def fail(*args, **kwargs):
        raise AssertionError("the files were read again")

    monkeypatch.setattr(cache, "read_corpus", fail)


def test_a_large_corpus_is_cached_and_read_back_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CACHE_BYTES", 1)  # every corpus counts as large here
    folder = make_bad_folder(tmp_path / "mixed")  # skipped files, a duplicate, an id clash below
    (folder / "huge.txt").unlink()
    (folder / "sub").mkdir()
    (folder / "sub" / "copy.txt").write_text("Kono said talks went well.", encoding="utf-8")
    (folder / "metadata.csv").write_text("id,title,date,source\nmarkup,A title,2019-12-20,Wire\n", encoding="utf-8")
    fresh = nv.load_corpus(folder, cache=False)
    assert not (tmp_path / "cache").exists()  # cache=False writes nothing
    first = nv.load_corpus(folder)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [p.name for p in (tmp_path / "cache").glob("corpus-*")]
    with monkeypatch.context() as m:
        _no_fresh_load(m)
        again = nv.load_corpus(folder)
    for corpus in (first, again):
        _same_corpus(corpus, fresh)
    assert again["markup"].date == dt.date(2019, 12, 20) and again["markup"].source == "Wire"
    assert again["sub/copy"].path == str(folder / "sub" / "copy.txt")
    assert (again.skipped["status"] == "skipped").sum() == 4 and (again.skipped["status"] == "duplicate").sum() == 1


@pytest.mark.parametrize("change", ["edit", "add", "remove", "metadata", "recursive", "other path"])
def test_any_change_to_the_input_makes_a_new_key(tmp_path, monkeypatch, change):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CACHE_BYTES", 1)
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Abe said peace is a must.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Rouhani agreed.", encoding="utf-8")
    before = nv.load_corpus(folder)
    (first_copy,) = (tmp_path / "cache").iterdir()
    path, recursive = folder, True
    if change == "edit":
        (folder / "a.txt").write_text("Abe said peace is a must!", encoding="utf-8")
    elif change == "add":
        (folder / "c.txt").write_text("Kono listened.", encoding="utf-8")
    elif change == "remove":
        (folder / "sub" / "b.txt").unlink()
    elif change == "metadata":
        (folder / "metadata.csv").write_text("id,title\na,Peace talks\n", encoding="utf-8")
    elif change == "recursive":
        recursive = False
    else:
        monkeypatch.chdir(tmp_path)
        path = "corpus"  # the folder as a relative path: so are the paths in the report
    after = nv.load_corpus(path, recursive=recursive)
    _same_corpus(after, nv.load_corpus(path, recursive=recursive, cache=False))
    copies = sorted(p.name for p in (tmp_path / "cache").iterdir())
    if change in ("recursive", "other path"):  # another corpus: both copies stay
        assert len(copies) == 2 and first_copy.name in copies
    else:  # the same path, new files: the new copy replaces the old one
        assert len(copies) == 1 and copies[0] != first_copy.name
    assert (after.articles, after.load_report["file"].tolist()) != (before.articles, before.load_report["file"].tolist())


def test_a_small_corpus_is_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    nv.load_corpus(SEEDS)  # about 10 KB: loading takes less than reading a copy would
    nv.load_corpus(SEEDS / "000_a571ae5cbdec7a76.txt")
    assert not (tmp_path / "cache").exists()


def test_a_broken_cache_is_ignored_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CACHE_BYTES", 1)
    fresh = nv.load_corpus(SEEDS)
    (cached,) = (tmp_path / "cache").iterdir()
    (cached / "articles.parquet").write_bytes(b"not parquet")  # an interrupted copy, a bad disk
    _same_corpus(nv.load_corpus(SEEDS), fresh)
    with monkeypatch.context() as m:
        _no_fresh_load(m)
        _same_corpus(nv.load_corpus(SEEDS), fresh)  # rewritten, readable again


def test_a_missing_path_is_still_reported_with_the_cache_on(tmp_path):
    with pytest.raises(nv.CorpusError, match="no such file or folder"):
        nv.load_corpus(tmp_path / "nowhere")
    corpus = nv.load_corpus([SEEDS / "000_a571ae5cbdec7a76.txt", tmp_path / "gone.txt"])
    assert corpus.load_report["status"].tolist() == ["loaded", "skipped"]


def _large(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CACHE_BYTES", 1)  # every corpus counts as large here


def test_a_generator_of_paths_is_read_once(tmp_path, monkeypatch):
    _large(monkeypatch, tmp_path)
    expected = nv.load_corpus(sorted(SEEDS.glob("*.txt")), cache=False)
    for _ in range(2):  # writes the copy, then reads it
        _same_corpus(nv.load_corpus(p for p in sorted(SEEDS.glob("*.txt"))), expected)


def test_a_value_parquet_cannot_hold_is_reported_and_the_rest_cached(tmp_path, monkeypatch):
    _large(monkeypatch, tmp_path)
    table = tmp_path / "articles.jsonl"  # a lone surrogate, escaped: valid JSON, not encodable as UTF-8
    table.write_text('{"id": "a", "title": "Caf\\udce9", "text": "Abe said peace is a must."}\n'
                     '{"id": "b", "title": "Caf\\u00e9", "text": "Kono said Japan wants calm."}\n', encoding="utf-8")
    expected = nv.load_corpus(table, cache=False)
    assert [a.id for a in expected] == ["b"] and "'title' holds a \\u escape" in expected.skipped["reason"][0]
    _same_corpus(nv.load_corpus(table), expected)
    _same_corpus(nv.load_corpus(table), expected)  # read back from the cache


def test_a_cache_folder_that_cannot_be_entered_is_passed_by(tmp_path, monkeypatch):
    import pathlib

    _large(monkeypatch, tmp_path)
    expected = nv.load_corpus(SEEDS, cache=False)
    is_dir = pathlib.Path.is_dir

    def denied(self):
        if "cache" in self.parts:
            raise PermissionError(13, "Permission denied", str(self))
        return is_dir(self)

    monkeypatch.setattr(pathlib.Path, "is_dir", denied)
    _same_corpus(nv.load_corpus(SEEDS), expected)


def test_files_the_loader_does_not_read_count_by_name_only(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    (folder / "scans.zip").write_bytes(b"\0" * 2_000_000)  # skipped by its suffix: never opened
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    nv.load_corpus(folder)
    assert not (tmp_path / "cache").exists()  # 10 KB of articles: too small to cache
    _large(monkeypatch, tmp_path)
    expected = nv.load_corpus(folder)
    (folder / "scans.zip").write_bytes(b"\1" * 2_000_000)
    with monkeypatch.context() as m:
        _no_fresh_load(m)
        _same_corpus(nv.load_corpus(folder), expected)  # same names, same articles: same copy
    (folder / "scans.zip").rename(folder / "scans2.zip")
    assert "scans2.zip" in nv.load_corpus(folder).load_report["file"].iloc[-1]  # a new name: a new key


def test_a_file_changed_while_loading_is_not_cached(tmp_path, monkeypatch):
    _large(monkeypatch, tmp_path)
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    article = folder / "000_a571ae5cbdec7a76.txt"
    original = article.read_text(encoding="utf-8")
    load = cache.read_corpus

    def edited_meanwhile(*args, **kwargs):
        corpus = load(*args, **kwargs)
        article.write_text(original + "\n\nA late correction.", encoding="utf-8")
        return corpus

    monkeypatch.setattr(cache, "read_corpus", edited_meanwhile)
    nv.load_corpus(folder)
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())
    monkeypatch.setattr(cache, "read_corpus", load)
    article.write_text(original, encoding="utf-8")
    assert "late correction" not in nv.load_corpus(folder)["000_a571ae5cbdec7a76"].text


def test_a_damaged_copy_is_never_read_back_wrong(tmp_path, monkeypatch):
    _large(monkeypatch, tmp_path)
    expected = nv.load_corpus(SEEDS)
    (cached,) = (tmp_path / "cache").iterdir()
    for name in ("articles.parquet", "load_report.parquet"):
        path = cached / name
        good = path.read_bytes()
        for k in range(4, len(good) - 8, max(1, len(good) // 25)):  # one flipped byte at a time
            path.write_bytes(good[:k] + bytes([good[k] ^ 0x5A]) + good[k + 1 :])
            _same_corpus(nv.load_corpus(SEEDS), expected)  # the damage is noticed: read afresh
        path.write_bytes(good)
