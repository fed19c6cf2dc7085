"""newsvoices: actor-centred analysis of news — words, who said what, and tone per actor.

Example:
    >>> from newsvoices import load_corpus
    >>> corpus = load_corpus("seeds")     # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import plots, report
from .actors import Actor, ActorRegistry, ActorsError, countries, discover_actors, load_actors
from .archive import ArchiveRun, analyse_archive, read_archive
from .attribution import evaluate, mentions, speaker_summary, speaks_vs_mentioned, statements
from .corpus import Article, Corpus, CorpusError, load_corpus
from .pipeline import Analysis, analyse
from .tone import score_statements, stance, stance_matrix, tone_by_actor, tone_toward, tone_words
from .words import (
    collocations,
    concordance,
    dispersion,
    keyness,
    stop_word_list,
    term_frequencies,
    tfidf,
    tokens,
)

__all__ = [
    "__version__",
    "Article",
    "Corpus",
    "CorpusError",
    "load_corpus",
    "plots",
    "report",
    # actors and attribution
    "Actor",
    "ActorRegistry",
    "ActorsError",
    "countries",
    "discover_actors",
    "load_actors",
    "statements",
    "mentions",
    "speaker_summary",
    "speaks_vs_mentioned",
    "evaluate",
    # pipeline
    "Analysis",
    "analyse",
    "ArchiveRun",
    "analyse_archive",
    "read_archive",
    # tone
    "score_statements",
    "stance",
    "stance_matrix",
    "tone_by_actor",
    "tone_toward",
    "tone_words",
    # words
    "collocations",
    "concordance",
    "dispersion",
    "keyness",
    "stop_word_list",
    "term_frequencies",
    "tfidf",
    "tokens",
]
