"""newsvoices: actor-centred analysis of news — words, who said what, and tone per actor.

The public API, by layer (see ``docs/design.md``): records and text at the bottom; loading
(:class:`Corpus`, actors); the analysis steps (words, attribution, scorers, tone); the pipeline;
the store (:func:`load_corpus`, :func:`analyse` and the archive, with the cache around them);
plots and the report on top.

Example:
    >>> import newsvoices as nv
    >>> corpus = nv.load_corpus("seeds")       # doctest: +SKIP
    >>> result = nv.analyse(corpus)            # doctest: +SKIP
    >>> nv.tone_by_actor(result.statements)    # doctest: +SKIP
"""

from __future__ import annotations

from . import plots, report, scorers
from .actors import Actor, ActorRegistry, ActorsError, countries, discover_actors, load_actors
from .archive import ArchiveRun, analyse_archive, read_archive
from .attribution import evaluate, speaker_summary, speaks_vs_mentioned
from .cache import cache_dir, cache_usage, clear_cache
from .corpus import Article, Corpus, CorpusError
from .explore import escape_markdown, explore
from .records import Analysis
from .store import actor_registry, analyse, corrections, load_corpus, mentions, stance, statements, tone_toward
from .stances import stance_lexicon, stance_matrix
from .tone import score_statements, timeline, tone_by_actor, tone_toward_tables, tone_words
from .toward import target_tone
from .version import VERSION as __version__
from .words import (
    collocations,
    concordance,
    dispersion,
    keyness,
    stop_word_list,
    suggest_terms,
    term_frequencies,
    tfidf,
    tokens,
)

__all__ = [
    "__version__",
    # loading
    "Article",
    "Corpus",
    "CorpusError",
    "load_corpus",
    # actors and attribution
    "Actor",
    "ActorRegistry",
    "ActorsError",
    "actor_registry",
    "countries",
    "discover_actors",
    "load_actors",
    "statements",
    "mentions",
    "speaker_summary",
    "speaks_vs_mentioned",
    "evaluate",
    "corrections",
    # the analysis and where it is kept
    "Analysis",
    "analyse",
    "ArchiveRun",
    "analyse_archive",
    "read_archive",
    "cache_dir",
    "cache_usage",
    "clear_cache",
    # tone
    "scorers",
    "score_statements",
    "stance",
    "stance_lexicon",
    "stance_matrix",
    "target_tone",
    "timeline",
    "tone_by_actor",
    "tone_toward",
    "tone_toward_tables",
    "tone_words",
    # words
    "collocations",
    "concordance",
    "dispersion",
    "keyness",
    "stop_word_list",
    "suggest_terms",
    "term_frequencies",
    "tfidf",
    "tokens",
    # presentation
    "escape_markdown",
    "explore",
    "plots",
    "report",
]
