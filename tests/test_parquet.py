"""Parquet I/O of the store: folders of tables written whole or not at all, read back checked."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from newsvoices.corpus import Article
from newsvoices.parquet import articles_table, read_articles, read_part, read_tables, table_schema, write_part, write_tables

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
    assert not write_tables(tmp_path / "key", bad)  # no exception: a cache only saves time
    assert list(tmp_path.iterdir()) == []  # all or nothing: not even the first table


def test_articles_read_back_with_their_offsets_and_word_counts(tmp_path):
    articles = [Article.from_text("a", "“We are ready,” Kono said.\n\nAbe spoke. Rouhani listened.", title="T",
                                  date="2019-12-20", source="Kyodo", path="x/a.txt"),
                Article.from_text("b", "One line only.")]
    pq.write_table(articles_table(articles), tmp_path / "articles.parquet")
    back = read_articles(tmp_path / "articles.parquet")
    assert back == articles  # every field, offsets included
    assert [a.sentence_sizes for a in back] == [a.sentence_sizes for a in articles]
    (tmp_path / "junk.parquet").write_bytes(b"not parquet")
    assert read_articles(tmp_path / "junk.parquet") is None
    assert read_articles(tmp_path / "none.parquet") is None


def test_a_part_keeps_its_empty_text_columns_and_the_tables_schema(tmp_path):
    frame = pd.DataFrame({"article": ["a"], "start": [1], "end": [5], "text": ["Abe"], "actor": ["Shinzo Abe"],
                          "actor_type": ["person"], "affiliation": [None], "kind": ["name"], "role": [None],
                          "tone": [0.5]})
    write_part(frame, "mentions", tmp_path / "part-000000.parquet")
    back = read_part(tmp_path / "part-000000.parquet")
    pd.testing.assert_frame_equal(back, frame)
    assert pq.read_schema(tmp_path / "part-000000.parquet").remove_metadata().equals(
        table_schema("mentions"))
