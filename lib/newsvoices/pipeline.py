"""One pipeline from a corpus to its tables: every article through the same steps, on any executor.

:func:`analyse_corpus` runs every article through the same steps — sentence tone, word and
phrase counts, speaker attribution, statement tone, mentions and stance, with the user's cues and
corrections (:mod:`newsvoices.userfiles`) applied where the statements are made, so that every table
agrees — and returns the tables as one :class:`~newsvoices.records.Analysis`. Each article is
analysed on its own, so the work is a map over chunks of articles on a
:class:`~newsvoices.parallel.Executor`: this process, this machine's cores, or a Dask cluster.
Whatever runs it, the tables are identical, row for row: the chunks' results are concatenated in
corpus order.

This module knows nothing of storage: :func:`newsvoices.analyse` (in :mod:`newsvoices.store`)
is what users call, which reads and writes the cache around it.

Example:
    >>> import newsvoices as nv
    >>> corpus = nv.Corpus([nv.Article.from_text("x", "“We are ready,” Kono said.")])
    >>> result = analyse_corpus(corpus, nv.ActorRegistry(), scheduler="serial", progress=False)
    >>> result.statements[["speaker", "cue"]].values.tolist()
    [['Kono', 'said']]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from .actors import ActorRegistry
from .attribution import analyse_article, correction_rows, mention_rows, statement_rows
from .corpus import Article, Corpus
from .nlp import load_pipeline
from .parse import parse_articles, release
from .parallel import Executor, progress_bar
from .records import MENTION_COLUMNS, STATEMENT_COLUMNS, TABLE_COLUMNS, Analysis
from .scorers import one_article, said_texts, textblob_scores, tone_values, with_tone
from .stances import stance_rows
from .toward import mention_tone
from .userfiles import correction_report
from .words import count_rows, stop_word_list

__all__ = ["CHUNK", "analyse_articles", "analyse_chunk", "analyse_corpus", "chunks", "combine", "finish"]

#: Articles handed to a worker at a time.
CHUNK = 64
#: The tables made per article (all but ``articles``).
_ROW_TABLES = [name for name in Analysis.TABLES if name != "articles"]


_START, _END = MENTION_COLUMNS.index("start"), MENTION_COLUMNS.index("end")
#: The tables :func:`analyse_chunk` gathers by column (:func:`newsvoices.words.count_rows`).
_COLUMN_TABLES = ("words", "phrases")


def _frame(columns: list[list], names: list[str]) -> pd.DataFrame:
    """The table of ``columns`` (lists, in the order of ``names``), typed as a DataFrame of its
    rows would be: with no row, every column of the ``object`` type."""
    if not columns[0]:
        return pd.DataFrame([], columns=names)
    return pd.DataFrame(dict(zip(names, columns)))


def _mention_tones(doc, article: Article, mentions: list[tuple]) -> dict[tuple[int, int], float]:
    """The tone toward each distinct mention span of an article (:func:`newsvoices.toward.mention_tone`)."""
    spans = tuple((a, b) for _, a, b in article.sentence_spans)
    tones: dict[tuple[int, int], float] = {}
    for row in mentions:
        key = (row[_START], row[_END])
        if key not in tones:
            tones[key] = mention_tone(doc, spans, *key)
    return tones


def analyse_chunk(articles: Sequence[Article], registry: ActorRegistry) -> dict[str, pd.DataFrame]:
    """The rows of every table for a few articles (what one worker does at a time).

    Returns:
        One DataFrame per table but ``articles`` (far smaller to send back and to hold than
        millions of tuples).
    """
    stops = stop_word_list()
    rows: dict[str, list] = {name: [] for name in _ROW_TABLES if name not in _COLUMN_TABLES}
    # the words and phrases tables, the largest, by column: no tuple per row for the cycle
    # collector to walk while the chunk is analysed (see count_rows)
    columns: dict[str, list[list]] = {name: [[] for _ in TABLE_COLUMNS[name]] for name in _COLUMN_TABLES}
    tone: list[tuple] = []  # tone of the statements, scored here so that it runs in parallel too
    text_at, content_at, speaker_at = (STATEMENT_COLUMNS.index(c) for c in ("text", "content", "speaker"))
    for article, doc in zip(articles, parse_articles(articles, triggers=registry.cues.trigger)):
        with one_article():  # TextBlob scores a text once, as a sentence, a statement or a clause
            for i, (p, s, e) in enumerate(article.sentence_spans):
                sentence = article.text[s:e]
                polarity, subjectivity, _ = textblob_scores(sentence)
                rows["sentences"].append((article.id, p, i, s, e, sentence, polarity, subjectivity))
            for name, counted in zip(_COLUMN_TABLES, count_rows(article, stops)):
                for column, values in zip(columns[name], counted):
                    column.extend(values)
            analysis = analyse_article(article, doc, registry)
            statements = statement_rows(analysis)
            rows["statements"].extend(statements)
            rows["corrections"].extend(correction_rows(analysis))
            tone.extend(tone_values(said_texts([r[content_at] for r in statements], [r[text_at] for r in statements],
                                               [r[speaker_at] for r in statements])))
            mentions = mention_rows(analysis)
            tones = _mention_tones(doc, article, mentions)

            def tone_of(m, tones=tones) -> tuple[float, str]:
                value = tones[(m.start, m.end)]  # the stance targets are the mentions of the table
                return value, f"tone toward “{m.text}”: {value:+.2f}" if value else ""

            rows["mentions"].extend((*row, tones[(row[_START], row[_END])]) for row in mentions)
            rows["stance"].extend(stance_rows(analysis, tone_of))
        release(doc)  # its caches refer back to it: their Tokens and Spans go now, the Docs with the chunk,
        # none of them left to the cycle collector
    frames = {name: _frame(columns[name], TABLE_COLUMNS[name]) if name in columns
              else pd.DataFrame(rows[name], columns=TABLE_COLUMNS[name]) for name in _ROW_TABLES if name != "statements"}
    frames["statements"] = with_tone(pd.DataFrame(rows["statements"], columns=STATEMENT_COLUMNS), tone)
    return frames


def chunks(items: Sequence[Article], size: int | None = None) -> list[list[Article]]:
    """``items`` in consecutive lists of ``size`` (default :data:`CHUNK`)."""
    size = size or CHUNK
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def combine(parts: Iterable[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """The rows of each table of ``parts`` (results of :func:`analyse_chunk`, or parts of an
    archive), in order, as one table each: the table one DataFrame of every row would make,
    whatever the parts."""
    pieces: dict[str, list[pd.DataFrame]] = {name: [] for name in _ROW_TABLES}
    for part in parts:
        for name, frame in part.items():
            if len(frame):
                pieces[name].append(frame)
    return {name: _concat(pieces[name], TABLE_COLUMNS[name]) for name in _ROW_TABLES}


def _concat(pieces: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    if not pieces:
        return pd.DataFrame([], columns=columns)
    frame = pd.concat(pieces, ignore_index=True) if len(pieces) > 1 else pieces[0]
    for col in frame.columns[frame.dtypes == object]:
        # a chunk where a column held only None made it "object": infer from all rows, as
        # one DataFrame of every row would, so that any chunking gives the same table
        frame[col] = pd.Series(frame[col].tolist(), index=frame.index, name=col)
    return frame


def finish(tables: dict[str, pd.DataFrame], articles: pd.DataFrame | Iterable[pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables of an analysis with its ``articles`` table (one frame, or parts of it), in the
    types the analysis gives them however they were put together (from chunks, from the cache
    or from an archive's parts): article dates as timestamps, ``disagree`` and ``negated`` as
    booleans, the line of a corrections row as an integer."""
    if not isinstance(articles, pd.DataFrame):
        articles = _concat([frame for frame in articles if len(frame)], TABLE_COLUMNS["articles"])
    articles["date"] = articles["date"].astype("datetime64[ns]")
    tables["articles"] = articles
    tables["statements"]["disagree"] = tables["statements"]["disagree"].astype(bool)
    tables["stance"]["negated"] = tables["stance"]["negated"].astype(bool)
    tables["corrections"]["row"] = tables["corrections"]["row"].astype("int64")
    return tables


def analyse_articles(articles: Sequence[Article], registry: ActorRegistry) -> dict[str, pd.DataFrame]:
    """Every table of ``articles``, in this process (what one task of an archive does)."""
    return finish(combine(analyse_chunk(chunk, registry) for chunk in chunks(articles)), Corpus(list(articles)).to_frame())


def analyse_corpus(corpus: Corpus, registry: ActorRegistry, *, scheduler: str = "processes",
                   workers: int | None = None, address: str | None = None, progress: bool = False) -> Analysis:
    """Analyse every article of ``corpus`` into the tables of :class:`~newsvoices.records.Analysis`.

    Args:
        corpus: The articles.
        registry: The actor registry (see :func:`newsvoices.actor_registry`).
        scheduler: ``"processes"`` (all cores, default), ``"serial"`` or ``"dask"``.
        workers: Processes to use (default: every core).
        address: A Dask scheduler address (``tcp://host:8786``); implies ``scheduler="dask"``.
        progress: Show a progress bar.

    Returns:
        The :class:`~newsvoices.records.Analysis`; identical whatever the scheduler.
    """
    parts = chunks(corpus.articles)
    if scheduler == "processes" and len(parts) <= 1:
        workers = 1  # one chunk: a pool would only add its start-up
    if scheduler in ("processes", "serial") and not address:
        load_pipeline()  # once, here: worker processes forked from this one share it
    with progress_bar(len(corpus), progress, "analysing", "article") as bar, \
            Executor.start(scheduler, workers, address, shared=registry, prepare=load_pipeline) as executor:
        results = executor.map(analyse_chunk, [(part,) for part in parts], sizes=[len(p) for p in parts], bar=bar,
                               shared=True)
        tables = finish(combine(results), corpus.to_frame())
    tables["corrections"] = correction_report(registry.cues, registry.corrections, tables["corrections"],
                                              [a.id for a in corpus.articles])
    return Analysis(**tables)
