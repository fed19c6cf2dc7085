"""newsvoices: actor-centred analysis of news — words, who said what, and tone per actor.

Example:
    >>> from newsvoices import load_corpus
    >>> corpus = load_corpus("seeds")     # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import plots
from .corpus import Article, Corpus, CorpusError, load_corpus

__all__ = [
    "__version__",
    "Article",
    "Corpus",
    "CorpusError",
    "load_corpus",
    "plots",
]
