"""The library's knowledge, read from the CSV files in ``newsvoices/data``.

Word lists, cue verbs, titles, first names and the like live there as tables, one row per entry
with a ``comment`` column that says why it is there; code holds only the mechanisms. A row whose
first cell starts with ``#`` is a note, not an entry. Each file is read once per process.

Example:
    >>> "said" in word_map("cue_forms.csv", "lemma")
    True
    >>> word_map("cue_forms.csv", "lemma")["said"]
    'say'
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

__all__ = ["common_words", "rows", "word_map", "word_set"]


@functools.lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The entries of ``data/<name>``, each a dict of its columns (notes left out).

    Raises:
        FileNotFoundError: No such file in the library's data folder.
    """
    text = resources.files("newsvoices").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(r for r in csv.DictReader(io.StringIO(text)) if r and not (next(iter(r.values())) or "").startswith("#"))


@functools.lru_cache(maxsize=None)
def word_set(name: str, column: str = "word", where: tuple[str, str] | None = None) -> frozenset[str]:
    """The lower-cased values of ``column`` in ``data/<name>``; with ``where=(other, value)``, of
    the rows whose column ``other`` holds ``value`` only.

    Example:
        >>> sorted(word_set("name_particles.csv", where=("form", "hyphen")))[:3]
        ['abu', 'ad', 'al']
    """
    return frozenset(r[column].lower() for r in rows(name) if where is None or r[where[0]] == where[1])


@functools.lru_cache(maxsize=None)
def word_map(name: str, value: str, column: str = "word") -> dict[str, str]:
    """``{entry of column (lower case): value column}`` of ``data/<name>``."""
    return {r[column].lower(): r[value] for r in rows(name)}


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case words that news writes in lower case at least as often as capitalised inside a
    sentence (``data/common_words.txt``, from the PolNeAR train articles): a capitalised word
    that opens a sentence and is none of them is taken for a name.

    Example:
        >>> "good" in common_words(), "rouhani" in common_words()
        (True, False)
    """
    return frozenset(resources.files("newsvoices").joinpath("data", "common_words.txt")
                     .read_text(encoding="utf-8").split())
