"""One pipeline from a corpus to its tables, article by article, in parallel and cached.

:func:`analyse` runs every article through the same steps — sentences, word counts, speaker
attribution, statement tone, mentions and stance — and returns the tables as one
:class:`Analysis`. Each article is analysed on its own, so the work spreads over:

* ``scheduler="processes"`` (the default): all CPU cores of this machine, with a process pool
  from the standard library; no server needed;
* ``scheduler="dask"`` with ``address="tcp://host:8786"``: an existing Dask cluster, through
  ``dask.bag`` (without an address Dask runs on this machine's cores);
* ``scheduler="serial"``: one process, in order (what the others are checked against).

Whatever the scheduler, the tables are identical, row for row: articles are processed in
chunks whose results are concatenated in corpus order.

**Cache.** The tables are written once as Parquet under a key made of the library version (with
a hash of its code and data files), the actor registry and every article's id, metadata and
text (SHA-256). Re-running on the same
inputs reads them back instead of redoing the work; any change to an article, to the registry
or to the library makes a new key, so a stale table is never served. One copy is kept per
corpus as loaded (the paths and options given to ``load_corpus``) and actor registry: a new
analysis of edited files replaces the old copy, while another registry's copy stays; and a
cache folder keeps at most :data:`~newsvoices.cache.KEEP` analyses, the least recently used
going first. ``cache=False`` (CLI: ``--no-cache``) skips the cache; delete the cache folder to
reclaim its space. The cache lives
in ``.newsvoices-cache`` beside the corpus (or under ``NEWSVOICES_CACHE`` if set; when the
corpus folder is read-only, in ``~/.cache/newsvoices``); see :mod:`newsvoices.cache`.

Example:
    >>> import newsvoices as nv
    >>> result = nv.analyse(nv.load_corpus("seeds"))       # doctest: +SKIP
    >>> result.statements[["speaker", "cue", "polarity"]]  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from os import PathLike
from pathlib import Path

import pandas as pd

from .actors import ActorRegistry
from .attribution import (
    MENTION_COLUMNS,
    STATEMENT_COLUMNS,
    analyse_article,
    mention_rows,
    resolve_registry,
    statement_rows,
)
from .cache import (
    cache_root,
    is_folder,
    library_fingerprint,
    read_tables,
    touch,
    write_tables,
)
from .corpus import (
    ARTICLE_COLUMNS,
    SENTENCE_COLUMNS,
    Article,
    Corpus,
    process_pool,
    progress_bar,
    wants_progress,
)
from .tone import (
    STANCE_COLUMNS,
    TONE_COLUMNS,
    _one_article,
    _textblob,
    _tone_values,
    _with_tone,
    stance_rows,
)
from .words import PHRASE_COLUMNS, WORD_COLUMNS

__all__ = ["Analysis", "analyse", "SCHEDULERS"]

SCHEDULERS = ("processes", "serial", "dask")
#: Articles handed to a worker at a time.
CHUNK = 64


@dataclass
class Analysis:
    """The tables of a corpus (each a tidy DataFrame, in corpus order).

    Attributes:
        articles: One row per article (``Corpus.to_frame()``).
        sentences: One row per sentence (``Corpus.sentences()``) with its TextBlob ``polarity``
            and ``subjectivity`` (used for the tone toward each actor).
        words: One row per (article, content word, lemma): ``article``, ``term`` (normalised
            form), ``lemma``, ``count``; the counts behind :func:`newsvoices.term_frequencies`,
            :func:`~newsvoices.keyness` and :func:`~newsvoices.tfidf` when they are given the
            :class:`Analysis` instead of the corpus.
        phrases: The same for two- and three-word phrases: ``article``, ``n``, ``term``,
            ``lemma``, ``count``.
        statements: ``statements()`` with the tone columns of ``score_statements()``.
        mentions: ``mentions()``: every mention of a known actor.
        stance: ``stance()``: one row per (statement, speaker, target).
        from_cache: Whether the tables were read from the cache.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    words: pd.DataFrame
    phrases: pd.DataFrame
    statements: pd.DataFrame
    mentions: pd.DataFrame
    stance: pd.DataFrame
    from_cache: bool = False

    TABLES = ("articles", "sentences", "words", "phrases", "statements", "mentions", "stance")


# ---------------------------------------------------------------- one article


def _analyse_chunk(articles: Sequence[Article], registry: ActorRegistry) -> dict[str, pd.DataFrame]:
    """All rows of a few articles (runs in a worker)."""
    from .words import count_rows, stop_word_list

    stops = stop_word_list()
    rows: dict[str, list] = {name: [] for name in Analysis.TABLES if name != "articles"}
    tone: list[tuple] = []  # tone of the statements, scored here so that it runs in parallel too
    text_at = STATEMENT_COLUMNS.index("text")
    for article in articles:
        with _one_article():  # TextBlob scores a text once, as a sentence, a statement or a clause
            for i, (p, s, e) in enumerate(article.sentence_spans):
                sentence = article.text[s:e]
                polarity, subjectivity, _ = _textblob(sentence)
                rows["sentences"].append((article.id, p, i, s, e, sentence, polarity, subjectivity))
            words, phrases = count_rows(article, stops)
            rows["words"].extend(words)
            rows["phrases"].extend(phrases)
            analysis = analyse_article(article, registry)
            statements = statement_rows(analysis)
            rows["statements"].extend(statements)
            tone.extend(_tone_values([row[text_at] for row in statements]))
            rows["mentions"].extend(mention_rows(analysis))
            rows["stance"].extend(stance_rows(analysis))
    frames = {name: pd.DataFrame(rows[name], columns=cols) for name, cols in _TABLE_COLUMNS.items()
              if name != "statements"}
    frames["statements"] = _with_tone(pd.DataFrame(rows["statements"], columns=STATEMENT_COLUMNS), tone)
    return frames  # DataFrames: far smaller to send back and to hold than millions of tuples


#: Columns of ``Analysis.statements``: the statement table plus its tone scores.
SCORED_COLUMNS = STATEMENT_COLUMNS + TONE_COLUMNS
_TABLE_COLUMNS = {"sentences": SENTENCE_COLUMNS + ["polarity", "subjectivity"], "words": WORD_COLUMNS,
                  "phrases": PHRASE_COLUMNS, "statements": SCORED_COLUMNS, "mentions": MENTION_COLUMNS,
                  "stance": STANCE_COLUMNS}


#: Columns of every table of an analysis, as written to the cache.
_CACHED_COLUMNS = {"articles": ARTICLE_COLUMNS, **_TABLE_COLUMNS}

_WORKER_REGISTRY: ActorRegistry | None = None


def _init_worker(registry: ActorRegistry) -> None:
    global _WORKER_REGISTRY
    _WORKER_REGISTRY = registry


def _worker_chunk(articles: Sequence[Article]) -> dict[str, pd.DataFrame]:
    assert _WORKER_REGISTRY is not None
    return _analyse_chunk(articles, _WORKER_REGISTRY)


# ---------------------------------------------------------------- the corpus


def _chunks(items: Sequence[Article], size: int) -> list[list[Article]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _progress(total: int, enabled: bool, desc: str):
    return progress_bar(total, enabled, desc, "article")


def _run(corpus: Corpus, registry: ActorRegistry, scheduler: str, workers: int | None, address: str | None,
         progress: bool) -> Iterator[dict[str, pd.DataFrame]]:
    chunks = _chunks(corpus.articles, CHUNK)
    bar = _progress(len(corpus), progress, "analysing")
    try:
        if scheduler == "serial" or (scheduler == "processes" and (workers == 1 or len(chunks) <= 1)):
            for chunk in chunks:
                yield _analyse_chunk(chunk, registry)
                bar.update(len(chunk))
        elif scheduler == "processes":
            with process_pool(workers or os.cpu_count(), initializer=_init_worker, initargs=(registry,)) as pool:
                for chunk, result in zip(chunks, pool.map(_worker_chunk, chunks)):
                    yield result  # map returns results in submission order: identical to serial
                    bar.update(len(chunk))
        elif scheduler == "dask":
            yield from _run_dask(chunks, registry, address, workers, bar)
        else:
            raise ValueError(f"scheduler {scheduler!r} is not one of {SCHEDULERS}")
    finally:
        bar.close()


def _run_dask(chunks, registry, address, workers, bar) -> Iterator[dict[str, pd.DataFrame]]:
    import dask.bag as db

    bag = db.from_sequence(chunks, npartitions=max(1, len(chunks)))
    results = bag.map(_analyse_chunk, registry)
    partition_chunks = [list(p) for p in _partitions(chunks, bag.npartitions)]
    if address:
        from dask.distributed import Client, as_completed

        with Client(address) as client:  # the cluster runs the bag, one partition per chunk
            futures = client.compute(results.to_delayed())
            position = {future.key: k for k, future in enumerate(futures)}
            done: list = [None] * len(futures)
            for future in as_completed(futures):  # the bar moves as partitions finish
                k = position[future.key]
                done[k] = future.result()
                bar.update(sum(len(chunk) for chunk in partition_chunks[k]))
        for part in done:  # then the results, in corpus order
            yield from part
        return
    parts = results.compute(scheduler="processes", num_workers=workers or os.cpu_count())
    for chunk, result in zip(chunks, parts):  # bags keep the order of their partitions
        bar.update(len(chunk))
        yield result


def _partitions(items: list, n: int) -> list[list]:
    """How ``dask.bag.from_sequence(items, npartitions=n)`` splits ``items``."""
    size = max(1, math.ceil(len(items) / max(n, 1)))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _frames(parts: Iterator[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    pieces: dict[str, list[pd.DataFrame]] = {name: [] for name in _TABLE_COLUMNS}
    for part in parts:
        for name, frame in part.items():
            if len(frame):
                pieces[name].append(frame)
    return {name: _concat(pieces[name], cols) for name, cols in _TABLE_COLUMNS.items()}


def _concat(pieces: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """The rows of ``pieces`` (none of them empty) as one table: the table one DataFrame of
    every row would make, whatever the pieces."""
    if not pieces:
        return pd.DataFrame([], columns=columns)
    frame = pd.concat(pieces, ignore_index=True) if len(pieces) > 1 else pieces[0]
    for col in frame.columns[frame.dtypes == object]:
        # a chunk where a column held only None made it "object": infer from all rows, as
        # one DataFrame of every row would, so that any chunking gives the same table
        frame[col] = pd.Series(frame[col].tolist(), index=frame.index, name=col)
    return frame


def _finish(tables: dict[str, pd.DataFrame], articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The tables of an analysis, with the articles table, in the types the analysis gives
    them however they were put together (from chunks, from the cache or from an archive's
    parts): article dates as timestamps, ``disagree`` as booleans."""
    articles["date"] = articles["date"].astype("datetime64[ns]")
    tables["articles"] = articles
    tables["statements"]["disagree"] = tables["statements"]["disagree"].astype(bool)
    return tables


# ---------------------------------------------------------------- cache


def _cache_scope(corpus: Corpus, registry: ActorRegistry, key: str) -> str:
    """What a cached analysis is a copy *of*: the corpus as :func:`~newsvoices.load_corpus`
    was asked for it (:attr:`Corpus.origin`: the paths, resolved, and the recursive flag) and
    the actor registry. A new analysis of the same scope (the files were edited) replaces the
    previous one. A corpus built in memory has no origin: its scope is its own ``key``."""
    if corpus.origin is None:
        return key[:16]
    digest = hashlib.sha256(f"loaded {corpus.origin}\n".encode())
    digest.update(registry_digest(registry).encode())
    return digest.hexdigest()[:16]


def registry_digest(registry: ActorRegistry) -> str:
    """A digest of the actors of ``registry``: equal digests, equal analyses of a corpus."""
    return hashlib.sha256(repr(registry.actors).encode()).hexdigest()


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


def _cache_key(corpus: Corpus, registry: ActorRegistry) -> str:
    digest = hashlib.sha256()
    digest.update(f"newsvoices {library_fingerprint()}\n".encode())
    digest.update(registry_digest(registry).encode())
    _add_articles(digest, corpus)
    return digest.hexdigest()[:32]


def _read_cache(folder: Path) -> dict[str, pd.DataFrame] | None:
    tables = read_tables(folder, Analysis.TABLES)
    if tables is None or any(list(tables[name].columns) != cols for name, cols in _CACHED_COLUMNS.items()):
        return None  # unreadable, or not what was written (a damaged footer)
    return _finish(tables, tables["articles"])


# ---------------------------------------------------------------- public


def analyse(
    corpus: Corpus,
    actors: ActorRegistry | str | PathLike[str] | None = None,
    *,
    scheduler: str = "processes",
    workers: int | None = None,
    address: str | None = None,
    cache: bool = True,
    progress: bool | None = None,
) -> Analysis:
    """Analyse every article of ``corpus`` into the tables of :class:`Analysis`.

    Args:
        corpus: The articles.
        actors: Actor registry (see :func:`newsvoices.statements`).
        scheduler: ``"processes"`` (all cores, default), ``"serial"`` or ``"dask"``.
        workers: Processes to use (default: every core).
        address: A Dask scheduler address (``tcp://host:8786``); implies ``scheduler="dask"``.
        cache: Read and write the Parquet cache. With a corpus read from the output of
            :func:`~newsvoices.analyse_archive`, read that archive's tables when they were made
            with the same registry by this version of the library (as from a cache); ``False``
            analyses afresh.
        progress: Show a progress bar (tqdm; a widget in notebooks). ``None``: yes, unless the
            environment sets ``NEWSVOICES_NO_PROGRESS`` (the report build does: a progress bar
            frozen in a static page would mislead).

    Returns:
        The :class:`Analysis`; identical whatever the scheduler.
    """
    progress = wants_progress(progress)
    if address:
        scheduler = "dask"
    if scheduler not in SCHEDULERS:
        raise ValueError(f"scheduler {scheduler!r} is not one of {SCHEDULERS}")
    registry = resolve_registry(corpus, actors)
    folder = scope = None
    if cache:
        key = _cache_key(corpus, registry)
        scope = _cache_scope(corpus, registry, key)
        folder = cache_root(corpus.root) / f"analysis-{scope}-{key}"
    if folder is not None and is_folder(folder):
        tables = _read_cache(folder)
        if tables is not None:
            touch(folder)
            return Analysis(**tables, from_cache=True)
    if cache and corpus.archive is not None:  # read from an archive: its tables, if they are this analysis
        from .archive import archive_analysis

        analysis = archive_analysis(corpus, registry)  # else a warning says why
        if analysis is not None:
            return analysis
    tables = _finish(_frames(_run(corpus, registry, scheduler, workers, address, progress)), corpus.to_frame())
    if folder is not None:
        write_tables(folder, tables, replaces=f"analysis-{scope}-*", kind="analysis-*")  # one per corpus and registry
    return Analysis(**{f.name: tables[f.name] for f in fields(Analysis) if f.name in tables})
