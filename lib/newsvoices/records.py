"""The tables of newsvoices: their columns, the types of those columns, and :class:`Analysis`.

Every analysis step writes rows of one of these tables, the pipeline assembles them, and the
store (cache and archive) writes and reads them as Parquet: one definition here serves all of
them, so that a column added to a table is added everywhere at once.

Example:
    >>> STATEMENT_COLUMNS[:4]
    ['statement_id', 'article', 'start', 'end']
    >>> sorted(TABLE_COLUMNS) == sorted(Analysis.TABLES)
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = [
    "ARTICLE_COLUMNS",
    "COLUMN_TYPES",
    "CORRECTION_COLUMNS",
    "LOAD_REPORT_COLUMNS",
    "MENTION_COLUMNS",
    "PHRASE_COLUMNS",
    "SCORED_COLUMNS",
    "SENTENCE_COLUMNS",
    "SENTENCE_TONE_COLUMNS",
    "STANCE_COLUMNS",
    "STATEMENT_COLUMNS",
    "TABLE_COLUMNS",
    "TONE_COLUMNS",
    "WORD_COLUMNS",
    "Analysis",
]

#: :attr:`Corpus.load_report <newsvoices.Corpus.load_report>`: one row per file or table row seen.
LOAD_REPORT_COLUMNS = ["file", "status", "reason", "id", "words", "sentences"]
#: :meth:`Corpus.to_frame <newsvoices.Corpus.to_frame>`: one row per article.
ARTICLE_COLUMNS = ["id", "title", "date", "source", "words", "sentences"]
#: :meth:`Corpus.sentences <newsvoices.Corpus.sentences>`: one row per sentence.
SENTENCE_COLUMNS = ["article", "paragraph", "sentence", "start", "end", "text"]
#: ``Analysis.sentences``: the sentences with their TextBlob scores.
SENTENCE_TONE_COLUMNS = SENTENCE_COLUMNS + ["polarity", "subjectivity"]
#: ``Analysis.words``: one row per (article, content word, lemma).
WORD_COLUMNS = ["article", "term", "lemma", "count"]
#: ``Analysis.phrases``: one row per (article, n, phrase, lemma phrase).
PHRASE_COLUMNS = ["article", "n", "term", "lemma", "count"]
#: :func:`newsvoices.statements`: one row per (statement, speaker).
STATEMENT_COLUMNS = [
    "statement_id", "article", "start", "end", "text", "quote", "content", "mode", "cue",
    "speaker", "speaker_type", "affiliation", "resolved_by", "source",
]
#: The columns :func:`newsvoices.score_statements` adds to a statements table.
TONE_COLUMNS = ["polarity", "subjectivity", "evidence", "vader", "disagree"]
#: ``Analysis.statements``: the statements with their tone.
SCORED_COLUMNS = STATEMENT_COLUMNS + TONE_COLUMNS
#: :func:`newsvoices.mentions`: one row per mention of a known actor.
MENTION_COLUMNS = ["article", "start", "end", "text", "actor", "actor_type", "affiliation", "kind", "role", "tone"]
#: :func:`newsvoices.stance`: one row per (statement, speaker, target).
STANCE_COLUMNS = ["statement_id", "article", "speaker", "target", "target_affiliation", "cue", "role", "word",
                  "negated", "stance", "evidence", "text"]
#: ``Analysis.corrections``: one row per row of the user's ``cues.csv`` and ``corrections.csv``
#: (see :mod:`newsvoices.userfiles`): ``file``, ``row`` (its line), ``action`` (``cue``, ``drop``,
#: ``speaker``), ``article``, ``text`` (the cue's words, the correction's snippet), ``speaker``
#: (the new speaker), ``status`` (``added``, ``applied`` or ``problem``: left out), ``statement_id``
#: (the statement re-attributed), ``statement`` (its text; for a cue, its frame and forms),
#: ``problem`` and ``fix``.
CORRECTION_COLUMNS = ["file", "row", "action", "article", "text", "speaker", "status", "statement_id", "statement",
                      "problem", "fix"]

#: Columns of every table of an :class:`Analysis`, by table.
TABLE_COLUMNS = {
    "articles": ARTICLE_COLUMNS,
    "sentences": SENTENCE_TONE_COLUMNS,
    "words": WORD_COLUMNS,
    "phrases": PHRASE_COLUMNS,
    "statements": SCORED_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "stance": STANCE_COLUMNS,
    "corrections": CORRECTION_COLUMNS,
}

#: Arrow type of every column of the tables that does not hold text (all others hold text).
COLUMN_TYPES = {
    "paragraph": "int64", "sentence": "int64", "start": "int64", "end": "int64", "count": "int64", "n": "int64",
    "words": "int64", "sentences": "int64", "polarity": "float64", "subjectivity": "float64", "vader": "float64",
    "stance": "float64", "tone": "float64", "negated": "bool", "disagree": "bool", "row": "int64",
    "date": "timestamp[ns]",
}


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
        statements: :func:`newsvoices.statements` with the tone columns of
            :func:`newsvoices.score_statements`.
        mentions: :func:`newsvoices.mentions`: every mention of a known actor.
        stance: :func:`newsvoices.stance`: one row per (statement, speaker, target).
        corrections: The user's cues and corrections (:data:`CORRECTION_COLUMNS`): what was
            added or applied, and every row left out with its problem and fix.
        from_cache: Whether the tables were read from the cache (or an archive).

    Example:
        >>> empty = Analysis(**{name: pd.DataFrame(columns=cols) for name, cols in TABLE_COLUMNS.items()})
        >>> list(empty.statements.columns) == SCORED_COLUMNS
        True
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    words: pd.DataFrame
    phrases: pd.DataFrame
    statements: pd.DataFrame
    mentions: pd.DataFrame
    stance: pd.DataFrame
    corrections: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CORRECTION_COLUMNS))
    from_cache: bool = False

    TABLES = ("articles", "sentences", "words", "phrases", "statements", "mentions", "stance", "corrections")

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in :attr:`TABLES` order."""
        return {name: getattr(self, name) for name in self.TABLES}
