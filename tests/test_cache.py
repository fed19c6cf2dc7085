"""The cache helpers on their own: where the cache lives, its key, how tables are written and read."""

from __future__ import annotations

import os

import pandas as pd
import pyarrow as pa

from newsvoices import cache
from newsvoices.cache import cache_root, is_folder, keep_recent, library_fingerprint, read_tables, touch, write_tables

TABLES = {"one": pd.DataFrame({"article": ["a", "b"], "count": [3, 1]}),
          "two": pd.DataFrame({"term": ["peace", "talks", "sanctions"], "score": [0.5, -0.25, 0.0]})}


def _same(tables: dict, expected: dict) -> None:
    assert tables is not None and list(tables) == list(expected)
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(tables[name], frame)


def test_tables_are_read_back_as_written(tmp_path):
    lazy = {"one": TABLES["one"], "two": lambda: TABLES["two"],  # a function is called once, at write time
            "three": pa.table({"n": [1, 2]})}
    write_tables(tmp_path / "key", lazy)
    assert sorted(p.name for p in (tmp_path / "key").iterdir()) == ["one.parquet", "three.parquet", "two.parquet"]
    back = read_tables(tmp_path / "key", ("one", "two", "three"))
    _same({k: back[k] for k in ("one", "two")}, TABLES)
    assert back["three"]["n"].tolist() == [1, 2]
    assert not list(tmp_path.glob("*.tmp*"))  # the temporary folder is gone


def test_a_missing_or_damaged_table_reads_as_none(tmp_path):
    write_tables(tmp_path / "key", TABLES)
    assert read_tables(tmp_path / "key", ("one", "three")) is None  # three was never written
    assert read_tables(tmp_path / "nothing", ("one",)) is None
    path = tmp_path / "key" / "two.parquet"
    data = bytearray(path.read_bytes())
    at = data.index(b"sanctions")  # a value, inside a data page (its checksum catches the flip)
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    assert read_tables(tmp_path / "key", ("one", "two")) is None
    write_tables(tmp_path / "key", TABLES)  # a damaged folder is replaced by a new write
    _same(read_tables(tmp_path / "key", ("one", "two")), TABLES)


def test_a_table_parquet_cannot_hold_writes_nothing(tmp_path):
    bad = {"one": TABLES["one"], "two": pd.DataFrame({"title": pd.Series(["ok", "\ud800 lone"], dtype=object)})}
    write_tables(tmp_path / "key", bad)  # no exception: the cache only saves time
    assert list(tmp_path.iterdir()) == []  # all or nothing: not even the first table


def test_replaces_deletes_the_older_copies_of_the_same_thing_only(tmp_path):
    for name in ("analysis-s1-old", "analysis-s1-older", "analysis-s2-other", "corpus-s1-x"):
        write_tables(tmp_path / name, TABLES)
    (tmp_path / "analysis-s1-y.tmp123-4").mkdir()  # another process still writing
    write_tables(tmp_path / "analysis-s1-new", TABLES, replaces="analysis-s1-*")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "analysis-s1-new", "analysis-s1-y.tmp123-4", "analysis-s2-other", "corpus-s1-x"]


def test_a_failed_write_replaces_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 1)  # a successful write would then keep only itself
    write_tables(tmp_path / "analysis-s1-old", TABLES)
    write_tables(tmp_path / "analysis-s3-old", TABLES)
    write_tables(tmp_path / "analysis-s1-new", {"two": pd.DataFrame({"t": pd.Series(["\ud800"], dtype=object)})},
                 replaces="analysis-s1-*", kind="analysis-*")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["analysis-s1-old", "analysis-s3-old"]
    write_tables(tmp_path / "analysis-s2-new", TABLES, kind="analysis-*")
    assert [p.name for p in tmp_path.iterdir()] == ["analysis-s2-new"]  # the copy just written stays


def test_keep_recent_deletes_the_least_recently_used_copies_beyond_the_limit(tmp_path):
    for k, name in enumerate(["analysis-a-1", "analysis-b-2", "analysis-c-3", "analysis-d-4", "corpus-e-5"]):
        write_tables(tmp_path / name, TABLES)
        os.utime(tmp_path / name, (1000 + k, 1000 + k))  # written in this order
    (tmp_path / "analysis-f-6.tmp12-3").mkdir()  # being written
    touch(tmp_path / "analysis-a-1")  # read just now: the most recent
    keep_recent(tmp_path, "analysis-*", keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "analysis-a-1", "analysis-d-4", "analysis-f-6.tmp12-3", "corpus-e-5"]
    for name in ("analysis-a-1", "analysis-d-4"):
        os.utime(tmp_path / name, (5000, 5000))  # a tie, as on a file system with coarse times
    keep_recent(tmp_path, "analysis-*", keep=1, spare=tmp_path / "analysis-d-4")  # the copy just written
    assert sorted(p.name for p in tmp_path.glob("analysis-*")) == ["analysis-d-4", "analysis-f-6.tmp12-3"]
    keep_recent(tmp_path / "nowhere", "analysis-*", keep=1)  # a missing folder: nothing to do
    touch(tmp_path / "nowhere")  # nor here


def test_cache_root_follows_the_environment_then_the_corpus_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "mine"))
    assert cache_root(tmp_path / "corpus") == tmp_path / "mine"
    monkeypatch.delenv("NEWSVOICES_CACHE")
    (tmp_path / "corpus").mkdir()
    assert cache_root(tmp_path / "corpus") == tmp_path / "corpus" / ".newsvoices-cache"
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # a read-only corpus folder
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_root(tmp_path / "corpus") == tmp_path / "home" / ".cache" / "newsvoices"
    assert cache_root(None) == tmp_path / "home" / ".cache" / "newsvoices"


def test_is_folder(tmp_path):
    (tmp_path / "file").write_text("x")
    assert is_folder(tmp_path) and not is_folder(tmp_path / "file") and not is_folder(tmp_path / "none")


def test_is_folder_is_false_where_it_cannot_look(tmp_path, monkeypatch):
    import pathlib

    def denied(self):  # a folder this user may not enter (as root, chmod would not stop us)
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "is_dir", denied)
    assert not is_folder(tmp_path)


def test_the_fingerprint_changes_with_a_dependency_version(monkeypatch):
    import importlib.metadata

    before = library_fingerprint()
    assert before.startswith(cache.__version__ + "+") and before == library_fingerprint()
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: "99.0" if name == "textblob" else real(name))
    library_fingerprint.cache_clear()
    try:
        assert library_fingerprint() != before
    finally:
        monkeypatch.undo()
        library_fingerprint.cache_clear()
    assert library_fingerprint() == before
