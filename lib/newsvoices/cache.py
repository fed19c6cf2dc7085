"""Where cached Parquet tables live, how they are keyed by the library, how they are written.

Two things are cached, each in a folder of Parquet files named by a key (a SHA-256 prefix):
the tables of :func:`newsvoices.analyse` (keyed by the articles, the actor registry and the
library), and a large corpus as :func:`newsvoices.load_corpus` built it (keyed by the bytes
of the files it reads, the names of the others and the library). Both keys hold
:func:`library_fingerprint`, so a new version of the library or of a library it scores text
with, or any edit to its code or data, never reads an old table.

The cache folder is ``$NEWSVOICES_CACHE`` if set, else ``.newsvoices-cache`` beside the corpus,
else (a read-only corpus folder) ``~/.cache/newsvoices``. Delete it to reclaim its space.

Example:
    >>> from newsvoices.cache import cache_root
    >>> cache_root(Path("my_articles"))      # doctest: +SKIP
    PosixPath('my_articles/.newsvoices-cache')
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import threading
from pathlib import Path

import pandas as pd

from . import __version__

__all__ = ["KEEP", "cache_root", "is_folder", "keep_recent", "library_fingerprint", "read_tables", "release_unused",
           "touch", "write_tables"]

#: Copies of each kind (corpora, analyses) one cache folder keeps: when another is written, the
#: least recently used beyond this number are deleted, so that the cache of a corpus being
#: edited, of registries being tried or of several library versions cannot grow without end.
KEEP = 8


#: Libraries whose version changes what the tables hold (decoding, sentence splitting, word
#: forms, stop words, tone scores, parsed dates): part of :func:`library_fingerprint`.
DEPENDENCIES = ("charset-normalizer", "sentencex", "simplemma", "stop-words", "textblob", "vaderSentiment",
                "pandas", "pyarrow")


@functools.lru_cache(maxsize=1)
def library_fingerprint() -> str:
    """Version plus a hash of the library's code and data, of the versions of
    :data:`DEPENDENCIES` and of Python and its Unicode tables: a change to any of them
    changes it, so a cached table is never read by code that would compute it otherwise.

    Example:
        >>> library_fingerprint().startswith(__version__ + "+")
        True
    """
    import sys
    import unicodedata
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for path in sorted([*package.glob("*.py"), *package.glob("data/*.csv")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for name in DEPENDENCIES:
        try:
            digest.update(f"{name} {version(name)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{name} -\n".encode())
    digest.update(f"python {sys.version_info[:3]} unicode {unicodedata.unidata_version}".encode())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def cache_root(corpus_root: Path | None) -> Path:
    """The folder that holds the cache of a corpus read from ``corpus_root``."""
    if os.environ.get("NEWSVOICES_CACHE"):
        return Path(os.environ["NEWSVOICES_CACHE"])
    if corpus_root is not None and os.access(corpus_root, os.W_OK):
        return Path(corpus_root) / ".newsvoices-cache"
    return Path.home() / ".cache" / "newsvoices"


#: What reading or writing a cache may raise besides OSError: Arrow's errors (a damaged file,
#: a value Parquet cannot hold, such as a lone surrogate in a text) subclass these.
ERRORS = (OSError, ValueError, TypeError, NotImplementedError, KeyError, MemoryError)


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; ``False`` also when it cannot be looked at (a cache under
    a home folder this user may not enter)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def read_tables(folder: Path, names: tuple[str, ...]) -> dict[str, pd.DataFrame] | None:
    """The tables ``names`` of a cache folder, or ``None`` if any is missing, unreadable or
    damaged (each page's checksum is verified)."""
    try:
        return {name: pd.read_parquet(folder / f"{name}.parquet", page_checksum_verification=True)
                for name in names}
    except ERRORS:
        return None
    finally:
        release_unused()


def touch(folder: Path) -> None:
    """Mark a cached copy as just used (its folder's time), for :func:`keep_recent`."""
    try:
        os.utime(folder)
    except OSError:
        pass  # a read-only cache: nothing is pruned there either


def keep_recent(parent: Path, pattern: str, keep: int | None = None, spare: Path | None = None) -> None:
    """Delete all but the ``keep`` (default :data:`KEEP`) most recently used folders of
    ``parent`` named like ``pattern`` (``analysis-*``), leaving alone folders being written.
    ``spare``: the copy just written, counted first whatever its time says (on a file system
    with coarse times it may tie with older ones)."""
    keep = KEEP if keep is None else keep
    try:
        copies = [(p == spare, p.stat().st_mtime, p) for p in parent.glob(pattern)
                  if ".tmp" not in p.name and p.is_dir()]
    except OSError:
        return
    copies.sort(key=lambda c: (c[0], c[1]), reverse=True)
    for _, _, old in copies[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def release_unused() -> None:
    """Give back to the system the memory Arrow kept after reading Parquet.

    Arrow's allocator holds on to the buffers a read decoded through and freed (about 160 MB
    after reading 10,000 articles), which a notebook kernel would otherwise carry to the end.
    """
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def write_tables(folder: Path, tables: dict, replaces: str | None = None, kind: str | None = None) -> None:
    """Write each table (a DataFrame, a ``pyarrow.Table`` or a function returning one) as
    ``folder/<name>.parquet``, with a checksum on every page.

    All or nothing: the files are written to a temporary folder that is then renamed, so a
    reader never sees half a cache; a folder left by a failed read is replaced. A cache that
    cannot be written (a full disk, no permission, a value Parquet cannot hold) is skipped: it
    only costs time. Once it is written: ``replaces``, a name pattern (``corpus-1a2b-*``) of
    the folders this one supersedes, are deleted; and of the folders of ``kind`` (a pattern,
    ``corpus-*``) only the :data:`KEEP` most recently used are kept (:func:`keep_recent`).
    """
    import pyarrow.parquet as pq

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
        return  # another process wrote it first, or it cannot be written: the cache only saves time
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    if replaces:
        for old in folder.parent.glob(replaces):
            if old != folder and ".tmp" not in old.name:
                shutil.rmtree(old, ignore_errors=True)
    if kind:
        keep_recent(folder.parent, kind, spare=folder)
