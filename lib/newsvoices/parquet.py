"""The library's tables and articles as Parquet: written whole or not at all, read back checked.

The one way the cache and the archive write and read what they keep:

* :func:`write_tables` / :func:`read_tables`: a folder of tables, one ``<name>.parquet`` each,
  with a checksum on every page, made in a temporary folder that is renamed into place;
* :func:`articles_table` / :func:`read_articles` : articles with their metadata, paragraph and
  sentence offsets and word counts, so that a corpus reads back without splitting again;
* :func:`write_part` / :func:`read_part`: one part of a table of an archive, in the table's one
  Arrow schema (:func:`table_schema`), so that any Parquet reader combines the parts.

Example:
    >>> from newsvoices.corpus import Article
    >>> articles_table([Article.from_text("a", "One. Two.")]).num_rows
    1
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import shutil
import threading
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .corpus import Article
from .records import COLUMN_TYPES, TABLE_COLUMNS

__all__ = ["ERRORS", "articles_table", "read_articles", "read_part", "read_tables", "release_unused", "table_schema",
           "write_part", "write_tables"]

#: What reading or writing Parquet may raise besides OSError: Arrow's errors (a damaged file,
#: a value Parquet cannot hold, such as a lone surrogate in a text) subclass these.
ERRORS = (OSError, ValueError, TypeError, NotImplementedError, KeyError, MemoryError)
#: Key of a part's metadata naming the columns that held no value in that part.
_NULL_KEY = b"newsvoices.null_columns"
_SPAN_COLUMNS = ("paragraph_spans", "sentence_spans", "sentence_sizes")


def release_unused() -> None:
    """Give back to the system the memory Arrow kept after reading Parquet.

    Arrow's allocator holds on to the buffers a read decoded through and freed (about 160 MB
    after reading 10,000 articles), which a notebook kernel would otherwise carry to the end.
    """
    pa.default_memory_pool().release_unused()


# ---------------------------------------------------------------- folders of tables


def read_tables(folder: Path, names: tuple[str, ...]) -> dict[str, pd.DataFrame] | None:
    """The tables ``names`` of a folder, or ``None`` if any is missing, unreadable or damaged
    (each page's checksum is verified)."""
    try:
        return {name: pd.read_parquet(folder / f"{name}.parquet", page_checksum_verification=True)
                for name in names}
    except ERRORS:
        return None
    finally:
        release_unused()


def write_tables(folder: Path, tables: dict) -> bool:
    """Write each table (a DataFrame, a ``pyarrow.Table`` or a function returning one) as
    ``folder/<name>.parquet``, with a checksum on every page; whether it was written.

    All or nothing: the files are written to a temporary folder that is then renamed, so a
    reader never sees half a folder; a folder left by a failed write is replaced. A folder that
    cannot be written (a full disk, no permission, a value Parquet cannot hold, another process
    that wrote it first) is skipped and ``False`` returned.
    """
    tmp = folder.with_name(f"{folder.name}.tmp{os.getpid()}-{threading.get_ident()}")
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        for name, table in tables.items():
            table = table() if callable(table) else table
            if isinstance(table, pd.DataFrame):
                table.to_parquet(tmp / f"{name}.parquet", index=False, write_page_checksum=True)
            else:
                pq.write_table(table, tmp / f"{name}.parquet", write_page_checksum=True)
        if folder.exists() and read_tables(folder, tuple(tables)) is None:
            shutil.rmtree(folder, ignore_errors=True)  # broken (an interrupted copy, a bad disk)
        tmp.rename(folder)
    except ERRORS:
        return False
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return True


# ---------------------------------------------------------------- articles


@functools.lru_cache(maxsize=1)
def _articles_schema() -> pa.Schema:
    """Columns of stored articles: one row each, offsets as flat lists of integers."""
    spans = pa.list_(pa.int64())
    return pa.schema([("id", pa.string()), ("text", pa.large_string()), ("title", pa.string()),
                      ("date", pa.date32()), ("source", pa.string()), ("path", pa.string()),
                      ("paragraph_spans", spans), ("sentence_spans", spans), ("sentence_sizes", spans)])


def articles_table(articles: list[Article]) -> pa.Table:
    """The articles as one ``pyarrow.Table``: text, metadata, offsets and word counts."""
    return pa.table({
        "id": [a.id for a in articles],
        "text": [a.text for a in articles],
        "title": [a.title for a in articles],
        "date": [a.date for a in articles],
        "source": [a.source for a in articles],
        "path": [a.path for a in articles],
        "paragraph_spans": [[x for span in a.paragraph_spans for x in span] for a in articles],
        "sentence_spans": [[x for span in a.sentence_spans for x in span] for a in articles],
        "sentence_sizes": [list(a.sentence_sizes) for a in articles],
    }, schema=_articles_schema())


def read_articles(path: Path) -> list[Article] | None:
    """The articles of a Parquet file written from :func:`articles_table`; ``None`` if it
    cannot be read or is not such a file.

    Read a few hundred articles at a time: Arrow then holds one batch, not the whole corpus,
    on top of the Python objects built from it (half the memory, and faster)."""
    articles = []
    try:
        parquet = pq.ParquetFile(path, page_checksum_verification=True)
        if not parquet.schema_arrow.equals(_articles_schema()):
            return None  # the footer, which has no checksum, was damaged
        for batch in parquet.iter_batches(batch_size=500, use_threads=False):
            columns = [batch.column(name).to_pylist() for name in ("id", "text", "title", "date", "source", "path")]
            spans, counts = [], []
            for name, width in zip(_SPAN_COLUMNS, (2, 3, 1)):
                lists = batch.column(name)
                offsets, values = lists.offsets.to_numpy(), lists.values.to_numpy().tolist()
                sizes = offsets[1:] - offsets[:-1]
                if len(values) != offsets[-1] - offsets[0] or (sizes % width).any():
                    return None  # not the copy that was written (a damaged page header)
                counts.append(sizes // width)
                runs = [iter(values[a:b]) for a, b in itertools.pairwise(offsets.tolist())]
                spans.append([tuple(zip(*[run] * width)) for run in runs] if width > 1 else list(map(tuple, runs)))
            if (counts[1] != counts[2]).any():
                return None  # a sentence without its size
            for *fields, paragraphs, sentences, sizes in zip(*columns, *spans):
                article = Article(*fields, paragraphs, sentences)
                article.__dict__["sentence_sizes"] = sizes  # the cached_property, as the loader counted it
                articles.append(article)
    except ERRORS:
        return None
    finally:
        release_unused()
    return articles


# ---------------------------------------------------------------- parts of a table


def table_schema(name: str) -> pa.Schema:
    """The one Arrow schema of every part of table ``name`` (see
    :data:`~newsvoices.records.TABLE_COLUMNS`)."""
    return pa.schema([(col, pa.type_for_alias(COLUMN_TYPES.get(col, "large_string"))) for col in TABLE_COLUMNS[name]])


def write_part(frame: pd.DataFrame, name: str, path: Path) -> None:
    """One part of table ``name``, in the table's one schema (:func:`table_schema`), so that any
    Parquet reader combines the parts of a table, whatever each holds. The text columns that
    hold no value in this part (pandas keeps them as ``object``) are named in the file's
    metadata, so that :func:`read_part` gives them back as they were. The folder must exist."""
    empty = [col for col in frame.columns if frame[col].dtype == object and len(frame) and frame[col].isna().all()]
    table = pa.Table.from_pandas(frame, schema=table_schema(name), preserve_index=False)
    metadata = {**(table.schema.metadata or {}), _NULL_KEY: json.dumps(empty).encode()}
    pq.write_table(table.replace_schema_metadata(metadata), path, write_page_checksum=True)


def read_part(path: Path) -> pd.DataFrame:
    """A part written by :func:`write_part`, as it was written."""
    frame = pd.read_parquet(path, page_checksum_verification=True)
    meta = pq.read_schema(path).metadata or {}
    for name in json.loads(meta.get(_NULL_KEY, b"[]")):
        frame[name] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return frame
