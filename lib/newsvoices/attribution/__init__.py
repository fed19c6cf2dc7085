"""Speaker attribution: who is reported saying what, in direct quotes and reported speech.

Per article, on its spaCy Doc (:mod:`newsvoices.parse`), in steps that each have a module:

1. :mod:`~newsvoices.attribution.cues`: the words that report speech;
2. :mod:`~newsvoices.attribution.speaker`: the noun phrase that speaks, from the parse;
3. :mod:`~newsvoices.attribution.mentions` and :mod:`~newsvoices.attribution.resolution`: who
   that noun phrase is (names, pronouns, role nouns, groups, unnamed sources);
4. :mod:`~newsvoices.attribution.statements`: what was said, and the article's analysis;
5. :mod:`~newsvoices.attribution.tables`: rows of the tables, and their summaries.

Example:
    >>> import newsvoices as nv
    >>> corpus = nv.load_corpus("seeds")                    # doctest: +SKIP
    >>> nv.statements(corpus)[["speaker", "cue", "mode"]]   # doctest: +SKIP
"""

from .records import ArticleAnalysis, Cue, Mention, Statement
from .statements import analyse_article
from .tables import (
    TARGET_KINDS,
    correction_rows,
    cue_lexicon,
    evaluate,
    mention_rows,
    speaker_summary,
    speaks_vs_mentioned,
    statement_rows,
    target_mentions,
)

__all__ = ["TARGET_KINDS", "ArticleAnalysis", "Cue", "Mention", "Statement", "analyse_article", "correction_rows",
           "cue_lexicon", "evaluate", "mention_rows", "speaker_summary", "speaks_vs_mentioned", "statement_rows",
           "target_mentions"]
