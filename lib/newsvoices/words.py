"""Word frequency: tokens, term counts, n-grams, keyness, keyword in context, collocations.

Everything here needs no downloaded data. Words come from :func:`newsvoices.text.tokenize`
(sentence by sentence, so nothing crosses a sentence boundary) and are folded into a
normalised form, ``norm``, by these rules:

* curly apostrophes become straight ones (``can’t`` → ``can't``), and a possessive ``’s`` /
  ``'s`` is removed (``Japan’s`` → ``japan``), whichever apostrophe the text used;
* acronyms stay recognisable: a token whose letters are all capitals (``IAEA``, ``US``,
  ``COVID-19``) is kept as it is, and a dotted capital acronym loses its dots, so ``U.S.``
  and ``US`` are counted as the same term, ``US`` (``U.K.`` → ``UK``, ``U.N.`` → ``UN``);
  lower-case abbreviations keep their dots (``e.g.``). A headline typed in capitals is
  therefore read as acronyms too;
* every other token is lower-cased (``Iran`` → ``iran``).

``lemma`` comes from `simplemma <https://github.com/adbar/simplemma>`_ (data-free):
``officials`` → ``official``, ``stressed`` / ``stressing`` → ``stress``. Acronyms, numbers
and capitalised words inside a sentence (taken as names: *United States*, *Self-Defense
Forces*) are not lemmatised. Functions that count take ``lemma=True`` to count lemmas
instead of normalised forms.

**Stop words** are the English list of the `stop-words
<https://pypi.org/project/stop-words/>`_ package (``get_stop_words("en")``), plus
:data:`EXTRA_STOP_WORDS`, minus :data:`KEEP_WORDS` (see :func:`stop_word_list`). Pass your
own collection as ``stop_list`` to any function to replace it. A token is a stop word when
its ``norm`` is in the list (so ``us`` is one, the acronym ``US`` is not) or when it has no
letter at all (numbers such as ``2015`` or ``250,000``).

**N-grams** (``ngram=2`` or ``3``) are runs of adjacent tokens within one sentence, with
nothing but spaces or a hyphen between them (a comma, quote, dash or bracket breaks the
run), whose first and last tokens are not stop words: ``bilateral cooperation``,
``strait of hormuz`` and ``maximum pressure`` count, ``of the`` and ``in the region`` do not.

Frequencies per 1,000 words divide by all word tokens (stop words and numbers included), the
same count as the ``words`` column of :meth:`Corpus.to_frame`.

Example:
    >>> import newsvoices as nv
    >>> corpus = nv.load_corpus("seeds")                           # doctest: +SKIP
    >>> nv.term_frequencies(corpus, top=3)                         # doctest: +SKIP
            term  count  per_1000
    0       iran     17     12.67
    ...
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import itertools
import math
import operator
import re
import weakref
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from stop_words import get_stop_words

from .corpus import Article, Corpus
from .records import Analysis
from .text import TOKEN_RE, squash_spaces, tokenize

__all__ = [
    "EXTRA_STOP_WORDS",
    "KEEP_WORDS",
    "TOKEN_COLUMNS",
    "collocations",
    "concordance",
    "dispersion",
    "keyness",
    "normalise_token",
    "stop_word_list",
    "term_frequencies",
    "tfidf",
    "tokens",
    "NAMING_KINDS",
    "SIGNIFICANT_G2",
    "SUGGESTION_COLUMNS",
    "suggest_terms",
]

#: Added to the library's stop words: reporting verbs and weekday names, which fill news text
#: without saying what it is about. Override with ``stop_word_list(extra=...)``.
EXTRA_STOP_WORDS: frozenset[str] = frozenset(
    {
        "told", "stated", "reportedly", "dr",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    }
)

#: Removed from the library's stop words: content words of news that the list treats as
#: filler (it was built for web pages), so that *United States*, *UN General Assembly* and
#: *world powers* survive. Override with ``stop_word_list(keep=...)``.
KEEP_WORDS: frozenset[str] = frozenset(
    {
        "state", "states", "world", "general", "group", "groups", "member", "members",
        "information", "interest", "interests", "problem", "problems", "research", "system",
        "home", "man", "men", "bill", "fire", "computer", "microsoft",
    }
)

#: Columns of :func:`tokens`.
TOKEN_COLUMNS = [
    "article", "sentence", "position", "start", "end", "token", "norm", "lemma", "term", "is_stop",
]
FREQ_COLUMNS = ["term", "count", "per_1000"]
KEYNESS_COLUMNS = [
    "article", "term", "count", "per_1000", "rest_count", "rest_per_1000",
    "log_likelihood", "log_ratio", "p_value",
]
TFIDF_COLUMNS = ["article", "term", "count", "tf", "df", "idf", "tfidf"]
CONCORDANCE_COLUMNS = [
    "term", "article", "sentence", "start", "end", "left", "keyword", "right", "sentence_text",
]
COLLOCATION_COLUMNS = ["term", "collocate", "count", "collocate_count", "expected", "log_likelihood", "pmi"]
DISPERSION_COLUMNS = [
    "term", "article", "match", "sentence", "start", "end", "position", "words", "relative",
    "corpus_position",
]

CorpusLike = Corpus | Iterable[Article]

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'"})
_DOTTED_CAPS = re.compile(r"(?:[^\W\d_]\.){2,}")
# Between two tokens of one n-gram or phrase: spaces only, or one hyphen (U.S.-imposed).
_JOINING_GAP = re.compile(r"\s*|[-‐‑]")


# --------------------------------------------------------------------------------------------
# stop words and normalisation


def stop_word_list(
    extra: Iterable[str] = EXTRA_STOP_WORDS, keep: Iterable[str] = KEEP_WORDS
) -> frozenset[str]:
    """Return the stop-word list: the ``stop-words`` package's English list + ``extra`` − ``keep``.

    Entries are compared with a token's ``norm`` (lower case, straight apostrophes; acronyms
    in capitals), so add ``"US"`` to ``extra`` to drop the acronym as well.

    Args:
        extra: Words added to the library list (default :data:`EXTRA_STOP_WORDS`).
        keep: Words removed from it (default :data:`KEEP_WORDS`).

    Returns:
        The stop words as a frozenset.

    Example:
        >>> stops = stop_word_list()
        >>> "the" in stops, "told" in stops, "states" in stops, "US" in stops
        (True, True, False, False)
        >>> "monday" in stop_word_list(extra=())
        False
    """
    return (_library_stop_words() | {_fold(w) for w in extra}) - {_fold(w) for w in keep}


@functools.lru_cache(maxsize=1)
def _library_stop_words() -> frozenset[str]:
    return frozenset(_fold(w) for w in get_stop_words("en"))


def _fold(word: str) -> str:
    word = word.strip().translate(_APOSTROPHES)
    return word if _is_acronym(word) else word.lower()


@functools.lru_cache(maxsize=200_000)
def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@functools.lru_cache(maxsize=200_000)
def normalise_token(token: str) -> str:
    """Return the normalised form (``norm``) of one token; see the module notes for the rules.

    Example:
        >>> [normalise_token(t) for t in ["Japan’s", "U.S.", "US", "IAEA's", "Sanctions", "e.g."]]
        ['japan', 'US', 'US', 'IAEA', 'sanctions', 'e.g.']
    """
    norm = token.translate(_APOSTROPHES)
    if len(norm) > 2 and norm[-2:] in ("'s", "'S"):
        norm = norm[:-2]
    if _DOTTED_CAPS.fullmatch(norm) and _is_acronym(norm):
        return norm.replace(".", "")
    return norm if _is_acronym(norm) else norm.lower()


@functools.lru_cache(maxsize=200_000)
def _lemma(norm: str) -> str:
    import simplemma  # its import loads word lists: paid only when lemmas are counted

    return simplemma.lemmatize(norm, lang="en").lower()


@functools.lru_cache(maxsize=200_000)
def _has_letter(token: str) -> bool:
    return any(c.isalpha() for c in token)


# --------------------------------------------------------------------------------------------
# tokens


class _Token(NamedTuple):
    sentence: int
    start: int
    end: int
    token: str
    norm: str
    lemma: str
    numeric: bool  # no letter at all: always a stop word
    joins_prev: bool  # same sentence as the previous token, only a space or hyphen between


# Tokens of each article, computed once and kept while the article object lives.
_TOKEN_CACHE: weakref.WeakKeyDictionary[Article, tuple[_Token, ...]] = weakref.WeakKeyDictionary()


def _article_tokens(article: Article) -> tuple[_Token, ...]:
    cached = _TOKEN_CACHE.get(article)
    if cached is None:
        cached = _TOKEN_CACHE[article] = _tokenize_article(article)
    return cached


_new_token = tuple.__new__  # builds a _Token without the Python-level __new__ of NamedTuple


def _tokenize_article(article: Article) -> tuple[_Token, ...]:
    out: list[_Token] = []
    for s in range(len(article.sentence_spans)):
        _tokenize_sentence(article, s, out)
    return tuple(out)


def _tokenize_sentence(article: Article, s: int, out: list[_Token]) -> list[_Token]:
    """Append the tokens of sentence ``s`` to ``out`` (the article's tokens are those of its
    sentences in order: nothing joins across a sentence boundary)."""
    _, s_start, s_end = article.sentence_spans[s]
    out.extend(_new_token(_Token, (s, *fields)) for fields in _sentence_fields(article.text, s_start, s_end))
    return out


def _sentence_fields(text: str, s_start: int, s_end: int) -> Iterator[tuple]:
    """``(start, end, token, norm, lemma, numeric, joins_prev)`` of each token of one sentence."""
    prev_end = -1
    for mt in TOKEN_RE.finditer(text, s_start, s_end):
        start, end = mt.span()
        tok = mt.group()
        norm, lemma, numeric = _token_forms(tok, prev_end >= 0)
        joins = prev_end >= 0 and _joining_gap(text[prev_end:start])
        yield start, end, tok, norm, lemma, numeric, joins
        prev_end = end


def _ngram_mask(ok: Sequence[bool], joins: Sequence[bool], n: int) -> list[bool]:
    """``mask[i]``: a valid n-gram starts at token ``i``: no stop word at either end (``ok``:
    the token is not one), only spaces or a hyphen inside (``joins[k]``: token ``k`` joins the
    one before it); one entry per n-gram position. Bitwise ``and`` over whole lists, so the
    loops run in C: this runs for every article of a corpus."""
    linked: Iterable[bool] = ok  # the first word is not a stop word, ...
    for k in range(1, n):
        linked = map(operator.and_, linked, joins[k:])  # ... each next word joins the one before, ...
    return list(map(operator.and_, linked, ok[n - 1 :]))  # ... and the last is not a stop word


def _ngram_terms(forms: Sequence[str], mask: Sequence[bool], n: int) -> Iterator[str]:
    """The n-grams of ``forms`` where ``mask`` (of :func:`_ngram_mask`) is true, space-joined."""
    return map(" ".join, itertools.compress(zip(*(forms[k:] for k in range(n))), mask))


@functools.lru_cache(maxsize=4096)
def _joining_gap(gap: str) -> bool:
    """Whether two tokens with ``gap`` between them may stand in one n-gram."""
    return _JOINING_GAP.fullmatch(gap) is not None


@functools.lru_cache(maxsize=200_000)
def _token_forms(tok: str, inside: bool) -> tuple[str, str, bool]:
    """``(norm, lemma, numeric)`` of a token; ``inside``: not the first of its sentence."""
    norm = normalise_token(tok)
    numeric = not _has_letter(norm)
    name_like = inside and tok[:1].isupper()  # capitalised inside a sentence: a name
    lemma = norm if numeric or name_like or _is_acronym(norm) else _lemma(norm)
    return norm, lemma, numeric


#: N-gram sizes the pipeline counts.
PHRASE_SIZES = (2, 3)


def count_rows(article: Article, stops: Collection[str] | None = None) -> tuple[list[list], list[list]]:
    """Columns of the pipeline's ``words`` and ``phrases`` tables for one article.

    The same tokens, stop words and n-gram rules as :func:`term_frequencies`; each row holds
    a normalised form with its lemma, so one table serves both ``lemma=False`` and
    ``lemma=True``. (The pipeline calls this for every article, so it splits each sentence
    with one regex call and keeps flat lists instead of a record per token; it returns
    columns, not a tuple per row: rows held until a chunk of articles becomes a DataFrame
    made Python's cycle collector walk them again and again, a third of this step's time.)

    Returns:
        ``(words, phrases)``: the columns of :data:`WORD_COLUMNS` and of
        :data:`PHRASE_COLUMNS`, one list each, in column order, rows most frequent first.

    Example:
        >>> words, phrases = count_rows(Article.from_text("a", "Maximum pressure failed. Maximum pressure."))
        >>> words
        [['a', 'a', 'a'], ['maximum', 'pressure', 'failed'], ['maximum', 'pressure', 'fail'], [2, 2, 1]]
        >>> phrases[1:3]
        [[2, 2, 3], ['maximum pressure', 'pressure failed', 'maximum pressure failed']]
    """
    stops = stop_word_list() if stops is None else stops
    text = article.text
    norms: list[str] = []  # of every token of the article, sentence after sentence
    lemmas: list[str] = []
    ok: list[bool] = []  # not a stop word
    joins: list[bool] = []  # joins the previous token (never the first of a sentence)
    for _, s_start, s_end in article.sentence_spans:
        parts = _TOKEN_SPLIT.split(text[s_start:s_end])  # gap, token, gap, token, ..., gap
        forms = list(map(_token_forms, parts[1::2], itertools.chain((False,), itertools.repeat(True))))
        if not forms:
            continue
        sentence_norms, sentence_lemmas, numeric = zip(*forms)
        norms += sentence_norms
        lemmas += sentence_lemmas
        ok += [not (number or norm in stops) for number, norm in zip(numeric, sentence_norms)]
        joins.append(False)
        joins += map(_joining_gap, parts[2:-1:2])
    words = Counter(itertools.compress(zip(norms, lemmas), ok))
    phrases: Counter = Counter()
    for n in PHRASE_SIZES:  # a phrase never crosses a sentence boundary: no join there
        mask = _ngram_mask(ok, joins, n)
        phrases.update(zip(itertools.repeat(n), _ngram_terms(norms, mask, n), _ngram_terms(lemmas, mask, n)))
    return ([[article.id] * len(words), *_columns(words.most_common(), 2)],
            [[article.id] * len(phrases), *_columns(phrases.most_common(), 3)])


def _columns(counted: list[tuple[tuple, int]], width: int) -> list[list]:
    """``(key, count)`` pairs (keys of ``width`` fields) as ``width + 1`` columns."""
    if not counted:
        return [[] for _ in range(width + 1)]
    keys, counts = zip(*counted)
    return [*map(list, zip(*keys)), list(counts)]


#: :data:`TOKEN_RE` as one capture group: ``split`` returns the gaps and the tokens in turn.
_TOKEN_SPLIT = re.compile(f"({TOKEN_RE.pattern})")


def _is_analysis(source: object) -> bool:
    return isinstance(source, Analysis)


def _table_counts(analysis, ngram: int, lemma: bool) -> pd.DataFrame:
    """``article``, ``term``, ``count`` from the pipeline's tables, in corpus order."""
    if ngram == 1:
        table = analysis.words
    elif ngram in PHRASE_SIZES:
        table = analysis.phrases[analysis.phrases["n"] == ngram]
    else:
        raise ValueError(f"the pipeline counts words and n-grams of {PHRASE_SIZES}; for ngram={ngram} pass the corpus")
    key = "lemma" if lemma else "term"
    # the last grouping is kept on the analysis: term frequencies, keyness and TF-IDF of one kind
    # in a row group once; only one, as each holds a row per (article, term) of a large corpus
    source = analysis.words if ngram == 1 else analysis.phrases
    kept = vars(analysis).get("_counts")
    if kept is None or kept[0] != (ngram, lemma) or kept[1] is not source:  # another kind, or a new table
        counts = table.groupby(["article", key], sort=False, observed=True)["count"].sum().reset_index()
        kept = vars(analysis)["_counts"] = ((ngram, lemma), source, counts.rename(columns={key: "term"}))
    return kept[2]


def _article_words(analysis) -> pd.Series:
    """Words (tokens) per article, indexed by id, in corpus order."""
    return analysis.articles.set_index("id")["words"]


def _no_stop_list(stop_list, name: str) -> None:
    if stop_list is not None:
        raise ValueError(
            f"{name}: the pipeline's tables were counted with the default stop-word list; "
            "pass the corpus (not the analysis) to count with your own stop_list"
        )


def _articles(corpus: CorpusLike) -> list[Article]:
    return list(corpus.articles if isinstance(corpus, Corpus) else corpus)


def _stops(stop_list: Collection[str] | None) -> frozenset[str] | Collection[str]:
    return stop_word_list() if stop_list is None else {_fold(w) for w in stop_list}


def _is_stop(tok: _Token, stops: Collection[str]) -> bool:
    return tok.numeric or tok.norm in stops


def tokens(
    corpus: CorpusLike,
    lemma: bool = False,
    stopwords: bool = True,
    *,
    stop_list: Collection[str] | None = None,
) -> pd.DataFrame:
    """One row per word token of every article, with its offsets and normalised forms.

    Args:
        corpus: A :class:`Corpus` (or any iterable of :class:`Article`).
        lemma: Fill ``term`` with the lemma instead of the normalised form.
        stopwords: Keep the rows of stop words (flagged in ``is_stop``); ``False`` drops them.
        stop_list: Stop words to use instead of :func:`stop_word_list`.

    Returns:
        Columns ``article`` (id), ``sentence`` (number within the article, from 0, as in
        :meth:`Corpus.sentences`), ``position`` (token number within the article, from 0,
        counting every token), ``start``/``end`` (character offsets in ``Article.text``),
        ``token`` (as written), ``norm``, ``lemma``, ``term`` (``lemma`` or ``norm``, the
        form the counting functions use) and ``is_stop``.

    Example:
        >>> from newsvoices import Article, Corpus
        >>> c = Corpus([Article.from_text("a", "Japan’s officials stressed the U.S. sanctions.")])
        >>> tokens(c, lemma=True)[["token", "norm", "term", "is_stop"]]
               token       norm      term  is_stop
        0    Japan’s      japan     japan    False
        1  officials  officials  official    False
        2   stressed   stressed    stress    False
        3        the        the       the     True
        4       U.S.         US        US    False
        5  sanctions  sanctions  sanction    False
    """
    stops = _stops(stop_list)
    rows = []
    for article in _articles(corpus):
        for pos, t in enumerate(_article_tokens(article)):
            is_stop = _is_stop(t, stops)
            if is_stop and not stopwords:
                continue
            rows.append((article.id, t.sentence, pos, t.start, t.end, t.token, t.norm, t.lemma,
                         t.lemma if lemma else t.norm, is_stop))
    frame = pd.DataFrame(rows, columns=TOKEN_COLUMNS)
    return frame.astype({"sentence": "int64", "position": "int64", "start": "int64",
                         "end": "int64", "is_stop": "bool"})


# --------------------------------------------------------------------------------------------
# counting


def _check_ngram(ngram: int) -> None:
    if not isinstance(ngram, int) or isinstance(ngram, bool) or ngram < 1:
        raise ValueError(f"ngram must be a whole number from 1 (words) up, e.g. 2 for bigrams; got {ngram!r}")


def _ngrams(toks: Sequence[_Token], n: int, lemma: bool, stops: Collection[str]) -> Iterator[str]:
    """Terms (space-joined) of every valid n-gram in one article's tokens."""
    form = [t.lemma if lemma else t.norm for t in toks]
    ok = [not _is_stop(t, stops) for t in toks]
    return _ngram_terms(form, _ngram_mask(ok, [t.joins_prev for t in toks], n), n)


def _article_counts(article: Article, ngram: int, lemma: bool, stops: Collection[str]) -> Counter:
    return Counter(_ngrams(_article_tokens(article), ngram, lemma, stops))


def _per_1000(count: float, words: int) -> float:
    return round(1000 * count / words, 2) if words else float("nan")


def _sorted_rows(counter: Counter, top: int | None) -> list[tuple[str, int]]:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return items if top is None else items[:top]


def term_frequencies(
    corpus: CorpusLike,
    ngram: int = 1,
    by: str | None = None,
    lemma: bool = False,
    top: int | None = None,
    *,
    stop_list: Collection[str] | None = None,
) -> pd.DataFrame:
    """Count content words (or n-grams) in the corpus, or per article.

    Stop words and numbers are not counted (for n-grams: not at either end). Rows are sorted
    by ``count`` (highest first), then alphabetically.

    Args:
        corpus: A :class:`Corpus` (or any iterable of :class:`Article`).
        ngram: 1 for words, 2 for bigrams, 3 for trigrams (see the module notes).
        by: ``None`` for corpus totals, ``"article"`` for one block of rows per article.
        lemma: Count lemmas (``officials`` and ``official`` together).
        top: Keep the first ``top`` rows (per article with ``by="article"``); ``None``: all.
        stop_list: Stop words to use instead of :func:`stop_word_list`.

    Returns:
        Columns ``term``, ``count``, ``per_1000`` (occurrences per 1,000 words of the corpus,
        or of the article), preceded by ``article`` with ``by="article"``.

    Raises:
        ValueError: ``by`` is not ``None`` or ``"article"``, ``ngram`` is below 1 or ``top``
            is negative.

    Example:
        >>> from newsvoices import Article, Corpus
        >>> c = Corpus([Article.from_text("a", "Oil from the Strait of Hormuz. The Strait of Hormuz matters.")])
        >>> term_frequencies(c, ngram=3)
                       term  count  per_1000
        0  strait of hormuz      2    181.82
    """
    _check_ngram(ngram)
    if by not in (None, "article"):
        raise ValueError(f"by must be None (corpus totals) or 'article'; got {by!r}")
    if top is not None and top < 0:
        raise ValueError(f"top must be 0 or more; got {top!r}")
    if _is_analysis(corpus):
        _no_stop_list(stop_list, "term_frequencies")
        return _frequencies_from_tables(corpus, ngram, by, lemma, top)
    stops = _stops(stop_list)
    articles = _articles(corpus)
    if by == "article":
        rows = []
        for a in articles:
            words = len(_article_tokens(a))
            for term, n in _sorted_rows(_article_counts(a, ngram, lemma, stops), top):
                rows.append((a.id, term, n, _per_1000(n, words)))
        frame = pd.DataFrame(rows, columns=["article", *FREQ_COLUMNS])
    else:
        total: Counter = Counter()
        words = 0
        for a in articles:
            total.update(_article_counts(a, ngram, lemma, stops))
            words += len(_article_tokens(a))
        rows = [(term, n, _per_1000(n, words)) for term, n in _sorted_rows(total, top)]
        frame = pd.DataFrame(rows, columns=FREQ_COLUMNS)
    return frame.astype({"count": "int64", "per_1000": "float64"})


# --------------------------------------------------------------------------------------------
# distinctive terms


def _log_likelihood(a: float, b: float, c: float, d: float) -> float:
    """Rayson & Garside (2000) log-likelihood G² for ``a`` of ``c`` words against ``b`` of ``d``."""
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    g2 = 0.0
    if a > 0:
        g2 += a * math.log(a / e1)
    if b > 0:
        g2 += b * math.log(b / e2)
    return 2 * g2


def _log_ratio(a: float, b: float, c: float, d: float) -> float:
    """Binary log of the ratio of relative frequencies; a zero count is taken as 0.5 (Hardie 2014)."""
    return math.log2((max(a, 0.5) / c) / (max(b, 0.5) / d))


def _chi2_1df_p(stat: float) -> float:
    return math.erfc(math.sqrt(max(stat, 0.0) / 2))


def keyness(
    corpus: CorpusLike,
    article: str | None = None,
    *,
    ngram: int = 1,
    lemma: bool = False,
    min_count: int = 2,
    stop_list: Collection[str] | None = None,
) -> pd.DataFrame:
    """Distinctive terms of each article against the rest of the corpus (log-likelihood keyness).

    For a term occurring ``a`` times in an article of ``c`` words and ``b`` times in the other
    articles (``d`` words), ``log_likelihood`` is Rayson & Garside's G²
    ``2·Σ O·ln(O/E)`` (≥ 0; above 3.84 means p < 0.05, above 6.63 p < 0.01, one degree of
    freedom) and ``log_ratio`` the effect size ``log2((a/c) / (b/d))`` (Hardie 2014; a zero
    count is taken as 0.5): +1 means twice as frequent in the article as in the rest,
    negative means rarer. The keyness chart (:func:`newsvoices.plots.keyness_bars`) ranks by
    ``log_likelihood`` among terms with a positive ``log_ratio``; :func:`tfidf` is the
    alternative view.

    Args:
        corpus: A :class:`Corpus` with at least two articles (fewer: no rows).
        article: One article id; ``None`` for every article.
        ngram: 1 for words, 2 or 3 for n-grams.
        lemma: Count lemmas instead of normalised forms.
        min_count: Only terms occurring at least this often in the article.
        stop_list: Stop words to use instead of :func:`stop_word_list`.

    Returns:
        Columns ``article``, ``term``, ``count`` and ``per_1000`` (in the article),
        ``rest_count`` and ``rest_per_1000`` (in the other articles), ``log_likelihood``,
        ``log_ratio``, ``p_value``. Within each article, over-represented terms come first by
        ``log_likelihood`` (highest first), then under-represented ones.

    Raises:
        KeyError: ``article`` is not an id of the corpus.

    Example:
        >>> from newsvoices import Article, Corpus
        >>> c = Corpus([Article.from_text("a", "Oil oil oil talks."),
        ...             Article.from_text("b", "Talks talks peace oil.")])
        >>> keyness(c, "a", min_count=1)[["term", "count", "rest_count", "log_ratio"]]
            term  count  rest_count  log_ratio
        0    oil      3           1   1.584963
        1  talks      1           2  -1.000000
    """
    _check_ngram(ngram)
    if _is_analysis(corpus):
        _no_stop_list(stop_list, "keyness")
        return _keyness_from_tables(corpus, article, ngram, lemma, min_count)
    stops = _stops(stop_list)
    articles = _articles(corpus)
    if article is not None and article not in {a.id for a in articles}:
        raise KeyError(f"no article with id {article!r}; ids are {[a.id for a in articles]}")
    counts = [_article_counts(a, ngram, lemma, stops) for a in articles]
    sizes = [len(_article_tokens(a)) for a in articles]
    total: Counter = Counter()
    for cnt in counts:
        total.update(cnt)
    total_words = sum(sizes)
    rows = []
    for a, cnt, c in zip(articles, counts, sizes):
        if article is not None and a.id != article:
            continue
        d = total_words - c
        if len(articles) < 2 or c == 0 or d == 0:
            continue
        block = []
        for term, n in cnt.items():
            if n < min_count:
                continue
            rest = total[term] - n
            g2 = _log_likelihood(n, rest, c, d)
            lr = _log_ratio(n, rest, c, d)
            block.append((a.id, term, n, _per_1000(n, c), rest, _per_1000(rest, d), g2, lr,
                          _chi2_1df_p(g2)))
        block.sort(key=lambda r: (r[7] < 0, -r[6] if r[7] >= 0 else r[6], r[1]))
        rows.extend(block)
    frame = pd.DataFrame(rows, columns=KEYNESS_COLUMNS)
    return frame.astype({"count": "int64", "rest_count": "int64", "per_1000": "float64",
                         "rest_per_1000": "float64", "log_likelihood": "float64",
                         "log_ratio": "float64", "p_value": "float64"})


def tfidf(
    corpus: CorpusLike,
    ngram: int = 1,
    lemma: bool = False,
    top: int | None = None,
    *,
    stop_list: Collection[str] | None = None,
) -> pd.DataFrame:
    """TF-IDF of each term in each article: frequent in the article, rare in the others.

    ``tf`` is the term's share of the article's words, ``idf = ln(N / df)`` with ``N``
    articles and ``df`` the number of articles containing the term (no smoothing: a term
    found in every article scores 0, so in a one-article corpus every score is 0).

    Args:
        corpus: A :class:`Corpus` (or any iterable of :class:`Article`).
        ngram: 1 for words, 2 or 3 for n-grams.
        lemma: Count lemmas instead of normalised forms.
        top: Keep the first ``top`` rows of each article; ``None``: all.
        stop_list: Stop words to use instead of :func:`stop_word_list`.

    Returns:
        Columns ``article``, ``term``, ``count``, ``tf``, ``df``, ``idf``, ``tfidf``; within
        each article sorted by ``tfidf``, then ``count`` (highest first).

    Example:
        >>> from newsvoices import Article, Corpus
        >>> c = Corpus([Article.from_text("a", "Oil talks."), Article.from_text("b", "Peace talks.")])
        >>> tfidf(c)[["article", "term", "df", "tfidf"]]
          article   term  df     tfidf
        0       a    oil   1  0.346574
        1       a  talks   2  0.000000
        2       b  peace   1  0.346574
        3       b  talks   2  0.000000
    """
    _check_ngram(ngram)
    if _is_analysis(corpus):
        _no_stop_list(stop_list, "tfidf")
        return _tfidf_from_tables(corpus, ngram, lemma, top)
    stops = _stops(stop_list)
    articles = _articles(corpus)
    counts = [_article_counts(a, ngram, lemma, stops) for a in articles]
    df: Counter = Counter()
    for cnt in counts:
        df.update(cnt.keys())
    n_docs = len(articles)
    rows = []
    for a, cnt in zip(articles, counts):
        words = len(_article_tokens(a))
        block = []
        for term, n in cnt.items():
            tf = n / words
            idf = math.log(n_docs / df[term])
            block.append((a.id, term, n, tf, df[term], idf, tf * idf))
        block.sort(key=lambda r: (-r[6], -r[2], r[1]))
        rows.extend(block if top is None else block[:top])
    frame = pd.DataFrame(rows, columns=TFIDF_COLUMNS)
    return frame.astype({"count": "int64", "tf": "float64", "df": "int64", "idf": "float64",
                         "tfidf": "float64"})


# --------------------------------------------------------------------------------------------
# the same counts from the pipeline's tables (nv.analyse): no pass over the text


def _in_corpus(frame: pd.DataFrame, sizes: pd.Series):
    """``(rows, positions)``: the rows of ``frame`` whose article the articles table holds
    (the others are left out of the tables) and each one's article as its position in the
    corpus (the order of ``sizes``), as an array.

    The ids are factorised first (fast on string columns), so only the distinct ids are
    looked up: on millions of rows this is tens of times quicker than ``Series.map``."""
    codes, uniques = pd.factorize(frame["article"])
    positions = sizes.index.get_indexer(uniques)[codes]  # -1: not in the articles table
    known = positions >= 0
    if known.all():
        return frame, positions
    return frame[known], positions[known]


def _heads(groups, n: int):
    """Positions of the first ``n`` items of each run of equal values in ``groups``, as
    ``groupby(sort=False).head(n)`` keeps them when equal values stand together (a negative
    ``n`` keeps all but the last ``-n`` of each run).

    Example:
        >>> import numpy as np
        >>> _heads(np.array([0, 0, 0, 2, 2, 5]), 2).tolist()
        [0, 1, 3, 4, 5]
    """
    size = len(groups)
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]]) if size else np.zeros(0, dtype=np.intp)
    lengths = np.diff(np.r_[starts, size])
    rank = np.arange(size) - np.repeat(starts, lengths)
    limit = n if n >= 0 else np.repeat(lengths, lengths) + n
    return np.flatnonzero(rank < limit)


def _rounded_per_1000(counts, words):
    """``_per_1000`` of each pair, vectorised: NumPy rounds where it agrees with Python's
    ``round`` (everywhere but within a hair of a tie), Python rounds the rest, so the values
    are those of the corpus path to the last bit."""
    counts = np.asarray(counts, dtype=float)
    words = np.asarray(words, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = 1000 * counts / words
        scaled = values * 100  # what np.round(values, 2) rounds to an integer
        out = np.round(values, 2)
        near_tie = ~(np.abs(scaled - np.floor(scaled) - 0.5) > 1e-6)  # NaN and inf included
        near_tie |= np.abs(scaled) >= 2.0**52  # no fraction left to test (counts no table holds)
    for k in np.flatnonzero(near_tie | (words == 0)).tolist():
        out[k] = _per_1000(counts[k].item(), words[k].item())
    return out


def _frequencies_from_tables(analysis, ngram: int, by: str | None, lemma: bool, top: int | None) -> pd.DataFrame:
    counts = _table_counts(analysis, ngram, lemma)
    sizes = _article_words(analysis)
    if by == "article":
        # integer sort keys: article order, count, and the term's rank among the sorted terms
        counts, article_order = _in_corpus(counts, sizes)
        ranks, _ = pd.factorize(counts["term"], sort=True)
        order = np.lexsort((ranks, -counts["count"].to_numpy(), article_order))
        if top is not None:  # chosen on integers: only the rows kept are copied
            order = order[_heads(article_order[order], top)]
        frame = counts.iloc[order]
        frame = frame.assign(per_1000=_rounded_per_1000(frame["count"], sizes.to_numpy()[article_order[order]]))
        frame = frame[["article", *FREQ_COLUMNS]].reset_index(drop=True)
    else:
        total = counts.groupby("term", sort=False)["count"].sum().reset_index()
        total = total.sort_values(["count", "term"], ascending=[False, True], kind="stable")
        frame = total if top is None else total.head(top)
        words = int(sizes.sum())
        frame = frame.assign(per_1000=_rounded_per_1000(frame["count"], [words] * len(frame)))
        frame = frame[FREQ_COLUMNS].reset_index(drop=True)
    return frame.astype({"count": "int64", "per_1000": "float64"})


def _keyness_from_tables(analysis, article: str | None, ngram: int, lemma: bool, min_count: int) -> pd.DataFrame:
    counts = _table_counts(analysis, ngram, lemma)
    sizes = _article_words(analysis)
    if article is not None and article not in sizes.index:
        raise KeyError(f"no article with id {article!r}; ids are {list(sizes.index)}")
    total = counts.groupby("term", sort=False)["count"].sum()
    total_words = int(sizes.sum())
    frame = counts[counts["count"] >= min_count]
    if article is not None:
        frame = frame[frame["article"] == article]
    frame, positions = _in_corpus(frame, sizes)
    c = sizes.to_numpy(dtype=float)[positions]
    d = total_words - c
    keep = (c > 0) & (d > 0) & (len(sizes) >= 2)
    frame, c, d, positions = frame[keep], c[keep], d[keep], positions[keep]
    a = frame["count"].to_numpy(dtype=float)
    b = frame["term"].map(total).to_numpy(dtype=float) - a
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * (np.where(a > 0, a * np.log(a / e1), 0.0) + np.where(b > 0, b * np.log(b / e2), 0.0))
    lr = np.log2((np.maximum(a, 0.5) / c) / (np.maximum(b, 0.5) / d))
    out = pd.DataFrame({
        "article": frame["article"].to_numpy(), "term": frame["term"].to_numpy(), "count": a.astype("int64"),
        "per_1000": _rounded_per_1000(a, c), "rest_count": b.astype("int64"),
        "rest_per_1000": _rounded_per_1000(b, d), "log_likelihood": g2, "log_ratio": lr,
        "p_value": [_chi2_1df_p(x) for x in g2.tolist()],
    })
    ranks, _ = pd.factorize(out["term"], sort=True)
    out = out.iloc[np.lexsort((ranks, np.where(lr >= 0, -g2, g2), lr < 0, positions))]  # stable
    return out[KEYNESS_COLUMNS].reset_index(drop=True).astype(
        {"count": "int64", "rest_count": "int64", "per_1000": "float64", "rest_per_1000": "float64",
         "log_likelihood": "float64", "log_ratio": "float64", "p_value": "float64"})


def _tfidf_from_tables(analysis, ngram: int, lemma: bool, top: int | None) -> pd.DataFrame:
    counts = _table_counts(analysis, ngram, lemma)
    sizes = _article_words(analysis)
    counts, articles = _in_corpus(counts, sizes)
    ranks, _ = pd.factorize(counts["term"], sort=True)
    out = counts.assign(df=np.bincount(ranks)[ranks])  # each row is one (article, term): df = rows per term
    out["tf"] = out["count"] / sizes.to_numpy()[articles]
    out["idf"] = np.log(len(sizes) / out["df"])
    out["tfidf"] = out["tf"] * out["idf"]
    order = np.lexsort((ranks, -out["count"].to_numpy(), -out["tfidf"].to_numpy(), articles))  # stable
    if top is not None:  # chosen on integers: only the rows kept are copied
        order = order[_heads(articles[order], top)]
    out = out.iloc[order]
    return out[TFIDF_COLUMNS].reset_index(drop=True).astype(
        {"count": "int64", "tf": "float64", "df": "int64", "idf": "float64", "tfidf": "float64"})


# --------------------------------------------------------------------------------------------
# finding a term: keyword in context, collocations, dispersion


def _needles(forms: list[str], lemma: bool) -> re.Pattern | str | None:
    """What every sentence holding the query's first word contains: the word as written for
    acronyms (``US`` or ``U.S.``) and words with an apostrophe (any apostrophe), as a pattern;
    any other word as a lower-case string, found in the lower-cased text (a token whose
    normalised form is that word holds it, lower-cased). ``None`` when no such test is safe
    (lemmas: *went* is a form of *go*; non-ASCII words, whose case may change their length)."""
    if lemma or not forms:
        return None
    first = forms[0]
    if not first.isascii():
        return None
    any_apostrophe = "['’‘ʼ′]"
    written = any_apostrophe.join(map(re.escape, first.split("'")))  # DON'T is also DON’T in the text
    if _is_acronym(first):
        options = [written] + ([re.escape(".".join(first) + ".")] if first.isalpha() else [])
        return re.compile("|".join(options))
    if "'" in first:
        return re.compile(written, re.IGNORECASE)
    return first


def _candidate_sentences(article: Article, needles: re.Pattern | str | None,
                         lower: Callable[[], str] | None = None) -> Iterator[int]:
    """Sentences of ``article`` that may hold a match: all of them without ``needles``.
    ``lower``: gives the article's text lower-cased (a caller looking for several terms
    lowers it once)."""
    spans = article.sentence_spans
    if needles is None:
        yield from range(len(spans))
        return
    text = article.text
    if isinstance(needles, str):
        lowered = text.lower() if lower is None else lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): offsets move
            needles = re.compile(re.escape(needles), re.IGNORECASE)
        else:
            yield from _sentences_at(spans, len(needles), lowered.find, needles)
            return
    yield from _sentences_at(spans, None, needles.search, text)


def _sentences_at(spans, size: int | None, search, what) -> Iterator[int]:
    """The sentences holding a hit of ``search(what, position)`` (``str.find``, or a pattern's
    ``search`` when ``size`` is ``None``), each once: after a hit, the search resumes at the
    end of its sentence."""
    starts = [s for _, s, _ in spans]
    hit = search(what)  # most articles of a large corpus: no hit
    while hit is not None and hit != -1:
        begin, end = (hit, hit + size) if size is not None else hit.span()
        s = bisect.bisect_right(starts, begin) - 1
        if s >= 0 and end <= spans[s][2]:
            yield s
            hit = search(what, spans[s][2])  # the next sentence that holds the needle
        else:  # before the first sentence, or across a sentence break
            hit = search(what, begin + 1)


class _Found(NamedTuple):
    """The matches of a query in one sentence, with just enough of its tokens to report them."""

    sentence: int
    words: list[str]  # the sentence's tokens as written
    spans: list[tuple[int, int]]  # (start, end) in the article text of the tokens up to the last match
    hits: list[tuple[int, int]]  # (first, last) token of each match, in text order


def _found(article: Article, forms: list[str], lemma: bool, needles,
           lower: Callable[[], str] | None = None) -> Iterator[_Found]:
    """The sentences of ``article`` that hold a match, in text order.

    A match is the query's forms (norms, or lemmas) on consecutive tokens of one sentence
    with only a space or a hyphen between them (the tests check this against a scan of every
    token record). No record is built for every word: a candidate sentence is split by the
    regular-expression engine, each word is normalised (cached), and spans are taken only
    where the words match."""
    n = len(forms)
    if n == 0:
        return
    text = article.text
    first, rest = forms[0], forms[1:]
    for s in _candidate_sentences(article, needles, lower):
        _, s_start, s_end = article.sentence_spans[s]
        words = TOKEN_RE.findall(text, s_start, s_end)
        keys = [_token_forms(w, k > 0)[1] for k, w in enumerate(words)] if lemma else list(map(normalise_token, words))
        starts = []  # none when the needle was part of a longer word ("oil" in "turmoil")
        i = -1
        with contextlib.suppress(ValueError):  # raised after the last occurrence
            while True:
                i = keys.index(first, i + 1)
                if keys[i + 1 : i + n] == rest:
                    starts.append(i)
        if not starts:
            continue
        # the spans of the tokens up to the end of the last match are all that is needed
        spans = [mt.span() for mt in itertools.islice(TOKEN_RE.finditer(text, s_start, s_end), starts[-1] + n)]
        hits = [(i, i + n - 1) for i in starts
                if all(_joining_gap(text[spans[k - 1][1] : spans[k][0]]) for k in range(i + 1, i + n))]
        if hits:
            yield _Found(s, words, spans, hits)


def _query(term: str) -> list[str]:
    """The normalised words of a query; empty (matching nothing) when it holds no word."""
    return [normalise_token(t) for _, _, t in tokenize(term)]


def _query_forms(term: str, lemma: bool) -> list[str]:
    parts = _query(term)
    if not lemma:
        return parts
    # the query's own words are lemmatised like lower-case words in running text
    return [p if _is_acronym(p) or not _has_letter(p) else _lemma(p) for p in parts]


_SPACE = re.compile(r"\s")  # the characters str.isspace() accepts, one by one


def _plain(text: str) -> str:
    """``text`` with every whitespace character (line breaks, tabs) as a space."""
    return _SPACE.sub(" ", text)


def concordance(
    corpus: CorpusLike,
    term: str,
    width: int = 40,
    *,
    lemma: bool = False,
) -> pd.DataFrame:
    """Keyword in context: one row per occurrence of a word or phrase.

    ``term`` is tokenised and normalised like the text (``"Iran"`` also finds ``Iran’s``;
    ``"US"`` and ``"U.S."`` find both spellings); a phrase matches adjacent tokens of one
    sentence with only spaces or a hyphen between them.

    Args:
        corpus: A :class:`Corpus` (or any iterable of :class:`Article`).
        term: A word or phrase, e.g. ``"sanctions"`` or ``"Strait of Hormuz"``.
        width: Characters of context on each side.
        lemma: Match lemmas: ``"sanction"`` then finds ``sanctions`` too.

    Returns:
        Columns ``term`` (as asked), ``article``, ``sentence`` (number), ``start``/``end``
        (character offsets of the keyword in ``Article.text``), ``left`` (the ``width``
        characters before, line breaks as spaces), ``keyword`` (as written), ``right``,
        ``sentence_text``. No rows when the term does not occur (or holds no word).

    Example:
        >>> from newsvoices import Article, Corpus
        >>> c = Corpus([Article.from_text("a", "Iran’s oil. Japan buys oil from Iran.")])
        >>> concordance(c, "Iran", width=10)[["left", "keyword", "right", "start"]]
                 left keyword       right  start
        0              Iran’s   oil. Japa      0
        1   oil from     Iran           .     32
    """
    forms = _query_forms(term, lemma)
    needles = _needles(forms, lemma)
    rows = []
    for a in _articles(corpus):
        for found in _found(a, forms, lemma, needles):
            _, s_start, s_end = a.sentence_spans[found.sentence]
            sentence_text = squash_spaces(a.text[s_start:s_end])
            for i, j in found.hits:
                start, end = found.spans[i][0], found.spans[j][1]
                rows.append((term, a.id, found.sentence, start, end,
                             _plain(a.text[max(0, start - width) : start]), a.text[start:end],
                             _plain(a.text[end : end + width]), sentence_text))
    frame = pd.DataFrame(rows, columns=CONCORDANCE_COLUMNS)
    return frame.astype({"sentence": "int64", "start": "int64", "end": "int64"})


def collocations(
    corpus: CorpusLike,
    term: str,
    window: int = 5,
    measure: str = "loglik",
    min_count: int = 2,
    *,
    lemma: bool = False,
    stop_list: Collection[str] | None = None,
) -> pd.DataFrame:
    """Words that occur near ``term`` more often than chance, ranked by an association measure.

    The span is ``window`` tokens on each side of every occurrence, within its sentence
    (tokens are counted with stop words; the occurrences themselves are left out, and
    overlapping spans are counted once). For a collocate ``w`` with ``O`` occurrences in the
    span, ``C`` in the corpus, span size ``R`` and corpus size ``N`` tokens, the expected
    count is ``E = R·C/N``; ``pmi = log2(O/E)``; ``log_likelihood`` is G² over the 2×2 table
    (span / rest × ``w`` / other words), given a minus sign when ``O < E``. Stop words and
    numbers are never collocates.

    Args:
        corpus: A :class:`Corpus` (or any iterable of :class:`Article`).
        term: The node word or phrase (matched as in :func:`concordance`).
        window: Tokens on each side.
        measure: ``"loglik"`` (log-likelihood, the default) or ``"pmi"``: the sort order.
        min_count: Only collocates seen at least this often in the span (PMI overrates rare
            pairs, so keep it at 2 or more with ``"pmi"``).
        lemma: Match and count lemmas.
        stop_list: Stop words to use instead of :func:`stop_word_list`.

    Returns:
        Columns ``term`` (as asked), ``collocate``, ``count`` (O), ``collocate_count`` (C),
        ``expected`` (E), ``log_likelihood``, ``pmi``; sorted by ``measure`` (highest first).

    Raises:
        ValueError: Unknown ``measure`` or ``window`` below 1.

    Example:
        >>> from newsvoices import Article, Corpus
        >>> c = Corpus([Article.from_text("a", "Crude oil prices rose. Crude oil imports fell. Peace talks went on.")])
        >>> collocations(c, "oil", window=1, min_count=1)[["collocate", "count", "collocate_count"]]
          collocate  count  collocate_count
        0     crude      2                2
        1   imports      1                1
        2    prices      1                1
    """
    if measure not in ("loglik", "pmi"):
        raise ValueError(f"measure must be 'loglik' or 'pmi'; got {measure!r}")
    if window < 1:
        raise ValueError(f"window must be 1 token or more; got {window!r}")
    forms = _query_forms(term, lemma)
    needles = _needles(forms, lemma)
    stops = _stops(stop_list)
    articles = _articles(corpus)
    totals, n_tokens = _content_totals(corpus, articles, lemma, stops)
    observed: Counter = Counter()
    span_size = 0
    for a in articles:
        for found in _found(a, forms, lemma, needles):  # a span never leaves its sentence
            words = found.words
            node: set[int] = set()
            span: set[int] = set()
            for i, j in found.hits:
                node.update(range(i, j + 1))
                span.update(range(max(0, i - window), min(len(words), j + window + 1)))
            span -= node
            span_size += len(span)
            for k in span:
                if lemma:
                    norm, form, numeric = _token_forms(words[k], k > 0)
                else:  # the lemmatiser is not needed
                    norm = form = normalise_token(words[k])
                    numeric = not _has_letter(norm)
                if not (numeric or norm in stops):
                    observed[form] += 1
    rows = []
    for word, o in observed.items():
        if o < min_count:
            continue
        c = totals[word]
        expected = span_size * c / n_tokens
        table = [(o, expected), (span_size - o, span_size * (n_tokens - c) / n_tokens),
                 (c - o, (n_tokens - span_size) * c / n_tokens),
                 (n_tokens - span_size - c + o, (n_tokens - span_size) * (n_tokens - c) / n_tokens)]
        g2 = 2 * sum(obs * math.log(obs / exp) for obs, exp in table if obs > 0 and exp > 0)
        rows.append((term, word, o, c, expected, g2 if o >= expected else -g2, math.log2(o / expected)))
    key = 5 if measure == "loglik" else 6
    rows.sort(key=lambda r: (-r[key], -r[2], r[1]))
    frame = pd.DataFrame(rows, columns=COLLOCATION_COLUMNS)
    return frame.astype({"count": "int64", "collocate_count": "int64", "expected": "float64",
                         "log_likelihood": "float64", "pmi": "float64"})


def _content_totals(corpus: CorpusLike, articles: list[Article], lemma: bool,
                    stops: Collection[str]) -> tuple[Counter, int]:
    """Content-word counts of the whole corpus (norm or lemma) and its number of tokens.

    Normalised forms depend on the token alone, so they are counted from the tokens as
    written (found by the regular-expression engine, not token by token in Python) and kept
    with the corpus for the next query; lemmas depend on the token's place in its sentence
    and take a full tokenisation.
    """
    # kept on the Corpus object, for these very articles (a changed article list misses)
    key = (lemma, frozenset(stops), tuple(articles))  # the articles themselves: ids may be reused
    cache = vars(corpus).setdefault("_word_totals", {}) if isinstance(corpus, Corpus) else {}
    if key in cache:
        return cache[key]
    if len(cache) >= 4:
        cache.clear()  # a few kinds of count per corpus, never an unbounded pile
    totals: Counter = Counter()
    n_tokens = 0
    if lemma:
        for a in articles:
            toks = _article_tokens(a)
            n_tokens += len(toks)
            totals.update(t.lemma for t in toks if not _is_stop(t, stops))
    else:
        written: Counter = Counter()
        for a in articles:
            text = a.text
            for _, s, e in a.sentence_spans:
                found = TOKEN_RE.findall(text, s, e)
                n_tokens += len(found)
                written.update(found)
        for tok, count in written.items():
            norm = normalise_token(tok)
            if _has_letter(norm) and norm not in stops:
                totals[norm] += count
    cache[key] = (totals, n_tokens)
    return totals, n_tokens


def dispersion(corpus: CorpusLike, terms: str | Iterable[str], *, lemma: bool = False) -> pd.DataFrame:
    """Where each term occurs: one row per occurrence, with its position in the article.

    Args:
        corpus: A :class:`Corpus` (or any iterable of :class:`Article`).
        terms: A word or phrase, or several (matched as in :func:`concordance`); a term that
            does not occur simply has no rows.
        lemma: Match lemmas.

    Returns:
        Columns ``term`` (as asked), ``article``, ``match`` (as written), ``sentence``,
        ``start``/``end`` (character offsets), ``position`` (token number in the article),
        ``words`` (the article's length in words), ``relative`` (``start`` / length of the
        article text: 0 at the start, 1 at the end) and ``corpus_position`` (token number
        counted through the articles in corpus order, for a plot of the whole corpus).

    Example:
        >>> from newsvoices import Article, Corpus
        >>> c = Corpus([Article.from_text("a", "Peace now. Oil later."), Article.from_text("b", "Oil.")])
        >>> dispersion(c, ["oil", "war"])[["term", "article", "position", "corpus_position"]]
          term article  position  corpus_position
        0  oil       a         2                2
        1  oil       b         0                4
    """
    terms = [terms] if isinstance(terms, str) else list(terms)
    queries = [(term, forms, _needles(forms, lemma)) for term in terms for forms in [_query_forms(term, lemma)]]
    articles = _articles(corpus)
    rows = []
    offset = 0
    for a in articles:
        sizes = a.sentence_sizes
        words = sum(sizes)
        length = max(len(a.text), 1)
        before: list[int] | None = None  # tokens before each sentence, computed on the first match
        lower = functools.cache(a.text.lower)  # once per article, whatever the number of terms
        for term, forms, needles in queries:
            for found in _found(a, forms, lemma, needles, lower):
                if before is None:
                    before = [0]
                    for size in sizes:
                        before.append(before[-1] + size)
                for i, j in found.hits:
                    start, end = found.spans[i][0], found.spans[j][1]
                    position = before[found.sentence] + i
                    rows.append((term, a.id, a.text[start:end], found.sentence, start, end, position,
                                 words, start / length, offset + position))
        offset += words
    frame = pd.DataFrame(rows, columns=DISPERSION_COLUMNS)
    frame = frame.astype({"sentence": "int64", "start": "int64", "end": "int64", "position": "int64",
                          "words": "int64", "relative": "float64", "corpus_position": "int64"})
    order = {t: k for k, t in enumerate(terms)}
    article_order = {a.id: k for k, a in enumerate(articles)}
    return (frame.assign(_t=frame["term"].map(order), _a=frame["article"].map(article_order))
            .sort_values(["_t", "_a", "position"], kind="stable")
            .drop(columns=["_t", "_a"]).reset_index(drop=True))


# --------------------------------------------------------------------------------------------
# terms worth following: the corpus's own actors and distinctive words

#: Columns of :func:`suggest_terms`.
SUGGESTION_COLUMNS = ["term", "kind", "reason"]
#: Mention kinds whose text is the actor's name as the articles write it (not a role noun such
#: as "the Japanese premier", nor a nationality adjective).
NAMING_KINDS = ("name", "country", "organisation")
#: Log-likelihood G² above which a term is distinctive at p < 0.05 (one degree of freedom).
SIGNIFICANT_G2 = 3.84


def suggest_terms(analysis: Analysis, n: int = 6, *, actors: int = 3) -> pd.DataFrame:
    """Terms worth following in a corpus: its most reported actors and its most distinctive words.

    For a notebook run on a corpus nobody has read yet, in place of a list typed for another
    corpus. First up to ``actors`` actors, ranked by how often they are mentioned plus how many
    statements they make, each written as the articles most often name it (``"Rouhani"``,
    ``"US"``); then distinctive words up to ``n`` terms: the most distinctive word of each
    article by log-likelihood keyness (significant at p < 0.05), then the second of each, and so
    on, so that every article is represented; where keyness finds too few (one article, or short
    ones), the highest TF-IDF, then the most frequent words. Words of the actors' names are not
    repeated as distinctive words, and no term is suggested twice. Every term occurs in the
    corpus as :func:`concordance` and :func:`dispersion` match it.

    Args:
        analysis: ``newsvoices.analyse(corpus)`` (its mentions, statements and word counts).
        n: How many terms in all.
        actors: How many of them may be actors.

    Returns:
        Columns ``term``, ``kind`` (``actor``, ``keyness``, ``tf-idf`` or ``frequency``) and
        ``reason`` (why it was picked, with the counts); at most ``n`` rows, fewer when the
        corpus has fewer content words.

    Raises:
        TypeError: ``analysis`` is not an analysis (a corpus has no actors yet).
        ValueError: ``n`` or ``actors`` is negative.

    Example:
        >>> from newsvoices.records import TABLE_COLUMNS
        >>> tables = {name: pd.DataFrame(columns=cols) for name, cols in TABLE_COLUMNS.items()}
        >>> tables["articles"] = pd.DataFrame({"id": ["a", "b"], "words": [100, 100]})
        >>> tables["words"] = pd.DataFrame({"article": ["a", "a", "a", "b", "b", "b"],
        ...     "term": ["dam", "river", "pakistan", "river", "farmers", "pakistan"],
        ...     "lemma": ["dam", "river", "pakistan", "river", "farmer", "pakistan"], "count": [5, 2, 3, 2, 4, 1]})
        >>> tables["mentions"] = pd.DataFrame({"article": ["a"] * 4, "text": ["Pakistan"] * 4,
        ...     "actor": ["Pakistan"] * 4, "kind": ["country"] * 4})
        >>> picked = suggest_terms(Analysis(**tables), n=3, actors=1)
        >>> picked[["term", "kind"]]
               term     kind
        0  Pakistan    actor
        1       dam  keyness
        2   farmers  keyness
        >>> picked["reason"].tolist()[:2]
        ['Pakistan: mentioned 4 times, in 0 statement(s)', 'distinctive of a: 5 times there, 0 in the other articles (G² 6.9)']
    """
    if not isinstance(analysis, Analysis):
        raise TypeError(f"suggest_terms reads the tables of an analysis, not a {type(analysis).__name__}: "
                        "pass newsvoices.analyse(corpus)")
    if n < 0 or actors < 0:
        raise ValueError(f"n and actors must be 0 or more; got n={n!r}, actors={actors!r}")
    words = set(analysis.words["term"])
    phrases = set(analysis.phrases["term"])
    rows: list[tuple[str, str, str]] = []
    taken: set[tuple[str, ...]] = set()
    for term, reason in _actor_terms(analysis, words, phrases):
        if len(rows) >= min(n, actors):
            break
        key = tuple(_query(term))
        if key not in taken:
            taken.add(key)
            rows.append((term, "actor", reason))
    named = _name_words(analysis)  # words of actors' names: the actors' own rows cover them
    for term, kind, reason in _distinctive_terms(analysis, named):
        if len(rows) >= n:
            break
        key = tuple(_query(term))
        if key and key not in taken:
            taken.add(key)
            rows.append((term, kind, reason))
    return pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)


def _naming_mentions(analysis: Analysis) -> pd.DataFrame:
    mentions = analysis.mentions
    return mentions[mentions["kind"].isin(NAMING_KINDS) & mentions["actor"].notna()]


def _name_words(analysis: Analysis) -> set[str]:
    """The normalised words of every name by which an actor is mentioned."""
    return {word for text in _naming_mentions(analysis)["text"].unique().tolist() for word in _query(text)}


def _actor_terms(analysis: Analysis, words: set[str], phrases: set[str]) -> Iterator[tuple[str, str]]:
    """``(term, reason)`` of each actor that has a name in the articles, most reported first."""
    named = _naming_mentions(analysis)
    if named.empty:
        return
    mentioned = analysis.mentions.groupby("actor").size()
    said = (analysis.statements.dropna(subset=["speaker"]).drop_duplicates(["statement_id", "speaker"])
            .groupby("speaker").size())
    forms = named.groupby(["actor", "text"]).size()
    ranked = sorted(named["actor"].unique().tolist(),
                    key=lambda a: (-(int(mentioned.get(a, 0)) + int(said.get(a, 0))), a))
    for actor in ranked:
        term = _written_name(forms.loc[actor], words, phrases)
        if term is not None:
            yield term, (f"{actor}: mentioned {int(mentioned.get(actor, 0))} times, "
                         f"in {int(said.get(actor, 0))} statement(s)")


def _written_name(forms: pd.Series, words: set[str], phrases: set[str]) -> str | None:
    """The commonest way the articles write a name (counts of ``forms`` by text), among those
    that the word counts hold, so that the concordance finds it; else the last word of one
    (a surname); ``None`` when no form is found."""
    by_key: dict[tuple[str, ...], Counter] = {}
    for text, count in forms.items():
        key = tuple(_query(text))
        if key:
            by_key.setdefault(key, Counter())[text] += int(count)
    ranked = sorted(by_key, key=lambda k: (-sum(by_key[k].values()), len(k), k))
    for key in ranked:
        if (len(key) == 1 and key[0] in words) or " ".join(key) in phrases:
            return by_key[key].most_common(1)[0][0]
    for key in ranked:
        if key[-1] in words:
            return tokenize(by_key[key].most_common(1)[0][0])[-1][2]
    return None


def _round_robin(frame: pd.DataFrame, score: str) -> pd.DataFrame:
    """The rows of ``frame`` (blocks of rows per article, best first): the first of every
    article by ``score``, then the second of every article, and so on."""
    rank = frame.groupby("article", sort=False).cumcount()
    return frame.assign(_rank=rank).sort_values(["_rank", score], ascending=[True, False], kind="stable")


def _distinctive_terms(analysis: Analysis, named: set[str]) -> Iterator[tuple[str, str, str]]:
    """``(term, kind, reason)``: keyness first, then TF-IDF, then frequency, leaving out the
    words of ``named`` before each article's terms are ranked (repeats are the caller's to skip)."""
    key = keyness(analysis)
    key = key[(key["log_ratio"] > 0) & (key["log_likelihood"] >= SIGNIFICANT_G2) & ~key["term"].isin(named)]
    for row in _round_robin(key, "log_likelihood").itertuples():
        yield row.term, "keyness", (f"distinctive of {row.article}: {row.count} times there, {row.rest_count} in "
                                    f"the other articles (G² {row.log_likelihood:.1f})")
    scores = tfidf(analysis)
    scores = scores[(scores["tfidf"] > 0) & ~scores["term"].isin(named)]
    for row in _round_robin(scores, "tfidf").itertuples():
        yield row.term, "tf-idf", (f"distinctive of {row.article} by TF-IDF ({row.tfidf:.3f}: {row.count} times "
                                   f"there, in {row.df} of {len(analysis.articles)} articles)")
    freq = term_frequencies(analysis)
    for row in freq[~freq["term"].isin(named)].itertuples():
        yield row.term, "frequency", f"{row.count} times in the corpus ({row.per_1000:.1f} per 1,000 words)"
