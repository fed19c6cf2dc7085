"""Tone: how each actor speaks, how each is spoken of, and who is hostile or friendly to whom.

Three measurements, each a tidy table with the evidence behind it:

* **Tone of statements** (:func:`score_statements`): TextBlob polarity (−1 … 1) and
  subjectivity (0 … 1) of each statement's text, the lexicon words that produced them
  (``sentiment_assessments``), and VADER's compound score as an independent second opinion;
  ``disagree`` flags statements where the two scorers differ in sign.
* **Tone by actor** (:func:`tone_by_actor`) and **tone toward actor** (:func:`tone_toward`):
  means with a bootstrap 95% confidence interval, counts and shares positive / neutral /
  negative. With one observation the interval is undefined (``NaN``), never zero-width; an
  actor with no observation is not listed.
* **Stance** (:func:`stance` and :func:`stance_matrix`): for each statement and each actor it
  is about, a signed value. The reporting verb often carries the stance a lexicon misses
  ("censured the US", "praised Iran’s role"): when the target is the *object of the cue*, the
  cue's own stance from ``data/cues.csv`` counts for 70% and the tone of the clause around the
  target for 30%; with "described/named/called X as Y" the tone of *Y* is the stance; other
  targets get the tone of their clause. Targets that are only governed by a preposition other
  than "by" ("pressure on Iran", "help from Japan") are not given a stance: a lexicon cannot
  tell a victim from a culprit there.

Example:
    >>> import newsvoices as nv
    >>> corpus = nv.load_corpus("seeds")                      # doctest: +SKIP
    >>> nv.stance_matrix(nv.stance(corpus))                   # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
import functools
import itertools
import math
import re
import string
from collections import Counter
from collections.abc import Iterator
from os import PathLike

import numpy as np
import pandas as pd

from .actors import ActorRegistry
from .attribution import PREPOSITIONS, Mention, Statement, analyse_article, resolve_registry, target_mentions
from .corpus import Corpus
from .text import trie_pattern

__all__ = [
    "NEUTRAL_BAND",
    "bootstrap_ci",
    "polarity",
    "score_statements",
    "stance",
    "stance_matrix",
    "tone_by_actor",
    "tone_toward",
    "tone_toward_tables",
    "tone_words",
]

#: Polarities within ±NEUTRAL_BAND count as neutral in the shares.
NEUTRAL_BAND = 0.05
#: Weight of the cue's own stance when the target is the cue's object.
CUE_WEIGHT = 0.7
#: Words after a cue within which its object is looked for.
OBJECT_WINDOW = 8

ActorsArg = ActorRegistry | str | PathLike[str] | None


# ---------------------------------------------------------------- scorers


class _Pattern:
    """TextBlob's default sentiment (the Pattern lexicon), computed without its per-call overhead.

    ``TextBlob(text).sentiment_assessments`` tokenises the text twice, builds a namedtuple class
    on every call and goes through a lazy dictionary for every word: about 0.4 ms a sentence,
    which made it the slowest step on a large corpus. This class gives the **same numbers**
    (the tests compare it with TextBlob on every sentence of the test corpora and on generated
    text): it reads TextBlob's own lexicon, splits each whitespace-separated chunk with
    TextBlob's own tokenizer (chunks are split independently of each other, so the split of a
    chunk is kept; it is a property of the vocabulary, not of the article), and then walks the
    words with Pattern's rules — modifiers ("very good"), negations ("not good" counts −0.5 ×),
    "!" boosts, emoticons. Text where TextBlob's tokenizer would join tokens across chunks
    (emoticons, "(!)") or that holds a paragraph break is handed to TextBlob's tokenizer whole.
    """

    def __init__(self) -> None:
        from textblob import _text
        from textblob.en import sentiment as lexicon

        if dict.__len__(lexicon) == 0:
            lexicon.load()
        self.tokenizer = lexicon.tokenizer
        self.entries = {w: (tuple(v[None]), any(m in v for m in lexicon.modifiers)) for w, v in dict.items(lexicon)}
        self.labels = dict(lexicon.labeler)
        self.negations = frozenset(lexicon.negations)
        self.modifier = lexicon.modifier
        self.punctuation = _text.PUNCTUATION
        self.emoticons: dict[str, float] = {}
        for (_kind, value), forms in _text.EMOTICONS.items():
            for form in forms:
                self.emoticons.setdefault(form.lower(), value)
        forms = [form for forms in _text.EMOTICONS.values() for form in forms]
        self.joins = re.compile(f"{trie_pattern(forms, between=' ?')}(?:$|\\s)|{_text.RE_SARCASM.pattern}")
        self.mood, self.irony = _text.MOOD, _text.IRONY
        self.split_chunk = functools.lru_cache(maxsize=1 << 18)(self._split_chunk)
        self.special = self.negations | {"!", "(!)"} | set(self.emoticons)

    def _split_chunk(self, chunk: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        tokens = tuple(" ".join(self.tokenizer(chunk)).split())
        return tokens, tuple(t.lower() for t in tokens)

    def words(self, text: str) -> list[str]:
        """The words TextBlob's sentiment sees, lower-cased."""
        parts = [self.split_chunk(chunk) for chunk in text.split()]
        if "\n\n" in text or self.joins.search(" ".join(t for tokens, _ in parts for t in tokens)):
            return [t.lower() for t in " ".join(self.tokenizer(text)).split()]
        return [w for _, lowered in parts for w in lowered]

    def __call__(self, text: str) -> tuple[float, float, list[tuple[list[str], float, float, str | None]]]:
        """(polarity, subjectivity, assessments) as ``TextBlob(text).sentiment_assessments``."""
        found: list[list] = []  # [words, polarity, subjectivity, intensity, negated, label]
        modifier = negation = None
        entries, negations, special = self.entries, self.negations, self.special
        for w in self.words(text):
            entry = entries.get(w)
            if entry is not None:
                (p, s, i), is_modifier = entry
                if modifier is None:
                    found.append([[w], p, s, i, 1, self.labels.get(w)])
                else:  # "very good": the modifier's intensity scales the word
                    last = found[-1]
                    last[0].append(w)
                    last[1] = max(-1.0, min(p * last[3], 1.0))
                    last[2] = max(-1.0, min(s * last[3], 1.0))
                    last[3] = i
                    last[5] = self.labels.get(w)
                if negation is not None:  # "not good"
                    last = found[-1]
                    last[0].insert(0, negation)
                    last[3] = 1.0 / last[3]
                    last[4] = -1
                modifier = w if is_modifier else None
                negation = w if w in negations else None
                continue
            if negation is None and modifier is None and w not in special:
                continue  # an unknown word with nothing pending changes nothing
            if w in negations:
                negation = w
            elif negation and len(w.strip("'")) > 1:
                negation = None
            if negation is not None and modifier is not None and self.modifier(modifier):
                found[-1][0].append(negation)  # "really not good"
                found[-1][4] = -1
                negation = None
            elif modifier and len(w) > 2:
                modifier = None
            if w == "!" and found:
                found[-1][0].append("!")
                found[-1][1] = max(-1.0, min(found[-1][1] * 1.25, 1.0))
            if w == "(!)":
                found.append([[w], 0.0, 1.0, 1.0, 1, self.irony])
            if not w.isalpha() and len(w) <= 5 and w not in self.punctuation and w in self.emoticons:
                found.append([[w], self.emoticons[w], 1.0, 1.0, 1, self.mood])
        assessments = [(ws, p * -0.5 if n < 0 else p, s, x) for ws, p, s, _i, n, x in found]
        total_p = total_s = 0
        for _ws, p, s, _x in assessments:
            total_p += p
            total_s += s
        count = float(len(assessments) or 1)
        return total_p / count, total_s / count, assessments


@functools.lru_cache(maxsize=1)
def _pattern() -> _Pattern:
    return _Pattern()


def _score_text(text: str) -> tuple[float, float, tuple[tuple[str, float], ...]]:
    polarity, subjectivity, assessments = _pattern()(text)
    return polarity, subjectivity, tuple((" ".join(w), round(p, 3)) for w, p, _s, _x in assessments)


#: Scores of the texts of the article being analysed (see :func:`_one_article`); ``None``
#: outside. A context variable, so that threads (a Dask worker runs several) each have their own.
_ARTICLE_SCORES: contextvars.ContextVar[dict[str, tuple[float, float, tuple[tuple[str, float], ...]]] | None] = (
    contextvars.ContextVar("newsvoices_article_scores", default=None)
)


def _textblob(text: str) -> tuple[float, float, tuple[tuple[str, float], ...]]:
    """TextBlob polarity, subjectivity and the (words, polarity) assessments behind them."""
    memo = _ARTICLE_SCORES.get()
    if memo is None:
        return _score_text(text)
    scores = memo.get(text)
    if scores is None:
        scores = memo[text] = _score_text(text)
    return scores


@contextlib.contextmanager
def _one_article() -> Iterator[None]:
    """Score each distinct text once while one article is analysed.

    An article's sentence, its statement and the clause around a target are often the same
    text: about 45% of the texts scored for an article of the benchmark corpus. A score is a
    function of the text alone, so re-using it changes nothing but the time. The memo lives
    only as long as the ``with`` block (the pipeline opens one per article) and belongs to the
    context that opened it (each thread has its own), so memory stays bounded and nothing is
    re-used across articles. Enter and leave the block in one plain function: a ``yield`` or
    ``await`` inside it could leave blocks of two generators or tasks to close out of order.
    (VADER is not memoised: it is cheap, and runs once per statement row.)

    Example:
        >>> with _one_article():
        ...     _textblob("a good deal") is _textblob("a good deal")
        True
    """
    token = _ARTICLE_SCORES.set({})
    try:
        yield
    finally:
        _ARTICLE_SCORES.reset(token)


@functools.lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


#: Facts about one whitespace-separated token, as VADER's rules read them: the word (the token
#: without surrounding punctuation) lower-cased, whether it is in ALL CAPS, its lexicon valence,
#: its booster value, whether it is a negation.
_TokenFacts = tuple[str, bool, float | None, float | None, bool]


class _Vader:
    """VADER's compound score, ``polarity_scores(text)["compound"]``, computed without its overhead.

    ``SentimentIntensityAnalyzer.polarity_scores`` lower-cases every word again for each rule
    and copies the whole lower-cased text for each lexicon word and each word before it: about
    0.1 ms a statement. This class gives the **same number** (``==`` on floats; the tests
    compare it with vaderSentiment on every sentence of the test corpora and on generated text):
    it reads vaderSentiment's own lexicon, emoji descriptions and word lists, works out the facts
    about each token once (see ``_TokenFacts``; cached by token, never by text), and applies
    VADER's rules only at the lexicon words, with VADER's floating-point operations in VADER's
    order. A text without a lexicon word scores 0.0 at once: every rule that moves a score
    (negations, "no", "least", boosters, idioms, ALL CAPS, "but", "!" and "?") scales, shifts or
    replaces the valence of a lexicon word, so without one every word's valence is 0 and so is
    the compound. Emoji are replaced by their descriptions first, as VADER does.
    """

    def __init__(self) -> None:
        from vaderSentiment import vaderSentiment as vader

        analyzer = _vader()
        self.lexicon: dict[str, float] = analyzer.lexicon
        self.boosters: dict[str, float] = vader.BOOSTER_DICT
        self.negations = frozenset(vader.NEGATE)
        self.n_scalar, self.c_incr = vader.N_SCALAR, vader.C_INCR
        # VADER matches phrases as lower-cased words joined by a space; no word holds a space,
        # so a phrase matches exactly when the tuple of its words does.
        self.idioms = {tuple(k.split(" ")): v for k, v in vader.SPECIAL_CASES.items()}
        self.booster_phrases = {tuple(k.split(" ")): v for k, v in vader.BOOSTER_DICT.items() if " " in k}
        # VADER looks emoji up one character at a time; none of them is an ASCII character
        self.emojis = {e: d for e, d in analyzer.emojis.items() if len(e) == 1}
        self.token = functools.lru_cache(maxsize=1 << 18)(self._token)

    def _token(self, token: str) -> _TokenFacts:
        """The facts VADER's rules read about one whitespace-separated token (see ``_TokenFacts``)."""
        stripped = token.strip(string.punctuation)
        word = token if len(stripped) <= 2 else stripped  # ":)" stays whole
        lower = word.lower()
        negation = lower in self.negations or "n't" in lower
        return lower, word.isupper(), self.lexicon.get(lower), self.boosters.get(lower), negation

    def _describe_emoji(self, text: str) -> str:
        """``text`` with each emoji replaced by its description, after a space unless the emoji
        starts the text or follows a space (what follows is not separated, as in VADER)."""
        emojis = self.emojis
        return "".join(
            char if char not in emojis else (" " if k and text[k - 1] != " " else "") + emojis[char]
            for k, char in enumerate(text)
        )

    def __call__(self, text: str) -> float:
        """``SentimentIntensityAnalyzer().polarity_scores(text)["compound"]``."""
        if not text.isascii() and not self.emojis.keys().isdisjoint(text):
            text = self._describe_emoji(text)
        facts = list(map(self.token, text.split()))
        scored = [i for i, fact in enumerate(facts) if fact[2] is not None]
        if not scored:
            return 0.0
        words = [fact[0] for fact in facts]
        n = len(words)
        cap_diff = 0 < n - sum(fact[1] for fact in facts) < n  # some words in ALL CAPS, not all
        sentiments: list[float] = [0] * n
        for i in scored:
            if facts[i][3] is None and not (words[i] == "kind" and i < n - 1 and words[i + 1] == "of"):
                sentiments[i] = self._valence(facts, words, i, cap_diff)
        if "but" in words:
            # VADER halves the values before the first "but" and multiplies those after it by
            # 1.5, each time at the *first* position holding an equal value (list.index); a
            # zero stays zero, and only lexicon words hold a value that is not zero.
            pivot = words.index("but")
            for i in scored:
                value = sentiments[i]
                if value:
                    first = sentiments.index(value)
                    if first < pivot:
                        sentiments[first] = value * 0.5
                    elif first > pivot:
                        sentiments[first] = value * 1.5
        total = float(sum(sentiments))
        if total > 0:
            total += self._emphasis(text)
        elif total < 0:
            total -= self._emphasis(text)
        compound = total / math.sqrt(total * total + 15)
        return round(max(-1.0, min(compound, 1.0)), 4)

    def _valence(self, facts: list[_TokenFacts], words: list[str], i: int, cap_diff: bool) -> float:
        """Valence of the lexicon word at ``i`` after the rules of the (up to) three words before it."""
        n_scalar, c_incr = self.n_scalar, self.c_incr
        _, upper, base, _, _ = facts[i]
        valence = base
        if words[i] == "no" and i != len(words) - 1 and facts[i + 1][2] is not None:
            valence = 0.0  # "no" negates the next lexicon word instead of scoring itself
        if ((i > 0 and words[i - 1] == "no") or (i > 1 and words[i - 2] == "no")
                or (i > 2 and words[i - 3] == "no" and words[i - 1] in ("or", "nor"))):
            valence = base * n_scalar
        if upper and cap_diff:
            valence = valence + c_incr if valence > 0 else valence - c_incr
        for back, damping in ((1, 1.0), (2, 0.95), (3, 0.9)):
            if i < back or facts[i - back][2] is not None:
                continue  # a lexicon word does not modify the next ones
            _, before_upper, _, boost, _ = facts[i - back]
            scalar = 0.0
            if boost is not None:  # booster ("very") or dampener ("slightly"), farther is weaker
                scalar = -boost if valence < 0 else boost
                if before_upper and cap_diff:
                    scalar = scalar + c_incr if valence > 0 else scalar - c_incr
                if back > 1:
                    scalar = scalar * damping
            valence = valence + scalar
            if back == 1:
                if facts[i - 1][4]:
                    valence = valence * n_scalar
            elif back == 2:
                if words[i - 2] == "never" and words[i - 1] in ("so", "this"):
                    valence = valence * 1.25
                elif not (words[i - 2] == "without" and words[i - 1] == "doubt") and facts[i - 2][4]:
                    valence = valence * n_scalar
            else:
                valence = self._third_word_back(valence, facts, words, i)
        if (i > 0 and words[i - 1] == "least" and facts[i - 1][2] is None
                and (i == 1 or words[i - 2] not in ("at", "very"))):
            valence = valence * n_scalar  # "the least good", not "at least good"
        return valence

    def _third_word_back(self, valence: float, facts: list[_TokenFacts], words: list[str], i: int) -> float:
        """VADER's negation rule for the third word before ``i``, then its idioms ("the bomb") and
        two-word dampeners ("kind of")."""
        three, two, one, zero = words[i - 3], words[i - 2], words[i - 1], words[i]
        if (three == "never" and two in ("so", "this")) or one in ("so", "this"):
            valence = valence * 1.25
        elif not (three == "without" and (two == "doubt" or one == "doubt")) and facts[i - 3][4]:
            valence = valence * self.n_scalar
        idioms = self.idioms
        for phrase in ((one, zero), (two, one, zero), (two, one), (three, two, one), (three, two)):
            if phrase in idioms:
                valence = idioms[phrase]
                break
        if len(words) - 1 > i and (zero, words[i + 1]) in idioms:
            valence = idioms[zero, words[i + 1]]
        if len(words) - 1 > i + 1 and (zero, words[i + 1], words[i + 2]) in idioms:
            valence = idioms[zero, words[i + 1], words[i + 2]]
        for phrase in ((three, two, one), (three, two), (two, one)):
            if phrase in self.booster_phrases:
                valence = valence + self.booster_phrases[phrase]
        return valence

    @staticmethod
    def _emphasis(text: str) -> float:
        """VADER's amplifier for "!" (up to four) and "??" (two or more)."""
        questions = text.count("?")
        question_amplifier = 0 if questions <= 1 else questions * 0.18 if questions <= 3 else 0.96
        return min(text.count("!"), 4) * 0.292 + question_amplifier


@functools.lru_cache(maxsize=1)
def _vader_scorer() -> _Vader:
    return _Vader()


def polarity(text: str) -> float:
    """TextBlob polarity of ``text`` (−1 negative … 1 positive; 0 when no lexicon word).

    Example:
        >>> polarity("an illegal and wrong policy")
        -0.5
    """
    return _textblob(text)[0]


def _evidence(words) -> str:
    """"illegal -0.5; important +0.4": the lexicon words behind a score."""
    return "; ".join(f"{w} {p:+g}" for w, p in words)


def _assessments(text: str, evidence: str | None) -> tuple[tuple[str, float], ...]:
    """The (words, polarity) pairs behind a statement's score, read back from its ``evidence``
    (written by :func:`_evidence`) when that is exact, else scored again from ``text``."""
    if isinstance(evidence, str):
        if not evidence:
            return ()
        pairs = []
        for part in evidence.split("; "):
            word, _, number = part.rpartition(" ")
            try:
                pairs.append((word, float(number)))
            except ValueError:
                break
        else:
            pairs = tuple(pairs)
            if _evidence(pairs) == evidence:  # a word holding "; " would not read back the same
                return pairs
    return _textblob(text)[2]


def _sign(value: float) -> int:
    return 0 if abs(value) < NEUTRAL_BAND else (1 if value > 0 else -1)


def score_statements(table: pd.DataFrame) -> pd.DataFrame:
    """Add tone scores to a statements table (one row per statement and speaker).

    Args:
        table: Output of :func:`newsvoices.statements`.

    Returns:
        The table with ``polarity``, ``subjectivity`` (TextBlob), ``evidence`` (the lexicon
        words and their polarity, e.g. ``"illegal −0.5; important +0.4"``), ``vader``
        (VADER compound, −1 … 1) and ``disagree`` (the two scorers differ in sign, each
        outside the neutral band).

    Example:
        >>> t = pd.DataFrame({"statement_id": ["a:1"], "text": ["An illegal policy, he said."]})
        >>> score_statements(t)[["polarity", "evidence"]].values.tolist()
        [[-0.5, 'illegal -0.5']]
    """
    # iterating a list, not an Arrow-backed column, item by item
    return _with_tone(table, _tone_values(table["text"].tolist()))


#: The columns :func:`score_statements` adds.
TONE_COLUMNS = ["polarity", "subjectivity", "evidence", "vader", "disagree"]


def _tone_values(texts: list[str]) -> list[tuple[float, float, str, float, bool]]:
    """One tuple of :data:`TONE_COLUMNS` values per text."""
    vader = _vader_scorer()
    values = []
    for text in texts:
        polarity, subjectivity, words = _textblob(text)
        compound = vader(text)
        disagree = _sign(polarity) != 0 and _sign(compound) != 0 and _sign(polarity) != _sign(compound)
        values.append((polarity, subjectivity, _evidence(words), compound, disagree))
    return values


def _with_tone(table: pd.DataFrame, values: list[tuple[float, float, str, float, bool]]) -> pd.DataFrame:
    """``table`` with the :data:`TONE_COLUMNS` of :func:`_tone_values` (one per row)."""
    out = table.copy()
    columns = list(zip(*values)) if values else [()] * len(TONE_COLUMNS)
    out["polarity"] = list(columns[0])
    out["subjectivity"] = list(columns[1])
    out["evidence"] = pd.Series(list(columns[2]), index=out.index, dtype="str")
    out["vader"] = list(columns[3])
    out["disagree"] = pd.Series(list(columns[4]), index=out.index, dtype=bool)  # bool even when empty
    return out


# ---------------------------------------------------------------- aggregation


def bootstrap_ci(values, n_boot: int = 2000, level: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap confidence interval of the mean; ``(nan, nan)`` below two values.

    The values are sorted first, so the interval depends only on the values and the seed, not
    on their order; identical samples (frequent for small groups) are computed once.

    Example:
        >>> bootstrap_ci([0.5])
        (nan, nan)
        >>> lo, hi = bootstrap_ci([0.1, 0.2, 0.3, 0.4])
        >>> 0.1 <= lo < hi <= 0.4
        True
    """
    data = tuple(sorted(float(v) for v in values))
    if len(data) < 2:
        return (math.nan, math.nan)
    return _bootstrap(data, n_boot, level, seed)


@functools.lru_cache(maxsize=65536)
def _bootstrap(data: tuple[float, ...], n_boot: int, level: float, seed: int) -> tuple[float, float]:
    values, counts = np.unique(np.asarray(data), return_counts=True)
    if len(values) == 1:
        return (data[0], data[0])  # every resample has the same mean
    # A resample of n values draws each distinct value a multinomial number of times, so its
    # mean is (counts · values) / n: the same distribution as drawing the n values one by one,
    # at a cost that grows with the distinct values (tone scores repeat a lot), in batches
    # that keep memory small even for 100,000 mentions of one actor.
    rng = np.random.default_rng(seed)
    n = len(data)
    means = np.concatenate([rng.multinomial(n, counts / n, size=min(250, n_boot - done)) @ values / n
                            for done in range(0, n_boot, 250)])
    alpha = (1 - level) / 2
    return (float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha)))


def _groups(data: pd.DataFrame, keys: list[str], dropna: bool = True):
    """``(key values, row positions)`` of each group of ``data`` by ``keys``, as
    ``data.groupby(keys, sort=True, dropna=dropna)`` gives them (a missing key is ``NaN``),
    without building a DataFrame per group (100,000 groups are common when a large corpus is
    split by article)."""
    codes = data.groupby(keys, sort=True, dropna=dropna).ngroup().to_numpy()
    codes = np.where(np.isnan(codes), -1, codes).astype(int) if codes.dtype.kind == "f" else codes
    order = np.argsort(codes, kind="stable")
    order = order[codes[order] >= 0]  # rows of a dropped (missing) key
    columns = [data[k].to_numpy(dtype=object) for k in keys]
    missing = [data[k].isna().to_numpy() for k in keys]
    bounds = [0, *(np.flatnonzero(np.diff(codes[order])) + 1).tolist(), len(order)]
    for a, b in itertools.pairwise(bounds):
        if a < b:
            first = order[a]
            yield tuple(math.nan if miss[first] else col[first] for col, miss in zip(columns, missing)), order[a:b]


def _mean(values: np.ndarray) -> float:
    """``values.mean()`` as a float; a single value is its own mean (most groups by article)."""
    return float(values[0]) if len(values) == 1 else float(values.mean())


def _summarise(values: np.ndarray, value: str, extra: dict | None = None) -> dict:
    lo, hi = bootstrap_ci(values) if len(values) > 1 else (math.nan, math.nan)
    signs = [_sign(v) for v in values.tolist()]
    row = {
        "n": len(values),
        f"mean_{value}": _mean(values),
        "ci_low": lo,
        "ci_high": hi,
        "share_positive": signs.count(1) / len(values),
        "share_neutral": signs.count(0) / len(values),
        "share_negative": signs.count(-1) / len(values),
    }
    row.update(extra or {})
    return row


TONE_BY_COLUMNS = ["n", "mean_polarity", "ci_low", "ci_high", "mean_subjectivity",
                   "share_positive", "share_neutral", "share_negative"]


def tone_by_actor(scored: pd.DataFrame, by: str = "speaker", per_article: bool = False) -> pd.DataFrame:
    """What each actor says: mean tone of their statements, with a bootstrap 95% CI.

    Args:
        scored: Output of :func:`score_statements`.
        by: ``"speaker"`` or ``"affiliation"``.
        per_article: Also split by article.

    Returns:
        One row per speaker (or affiliation, and article): ``n`` (statements),
        ``mean_polarity``, ``ci_low``, ``ci_high`` (``NaN`` when ``n`` is 1),
        ``mean_subjectivity``, ``share_positive``, ``share_neutral``, ``share_negative``;
        sorted by ``n``. Statements without a resolved speaker are left out; a speaker with
        no statement does not appear (it is not "neutral").
    """
    keys = [by] + (["article"] if per_article else [])
    data = scored.dropna(subset=[by]).drop_duplicates(["statement_id", by])
    rows = []
    polarity = data["polarity"].to_numpy(dtype=float)
    subjectivity = data["subjectivity"].to_numpy(dtype=float)
    for key, at in _groups(data, keys):
        row = dict(zip(keys, key))
        row.update(_summarise(polarity[at], "polarity", {"mean_subjectivity": _mean(subjectivity[at])}))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=keys + TONE_BY_COLUMNS)
    return frame.sort_values(["n"] + keys, ascending=[False] + [True] * len(keys), kind="stable").reset_index(drop=True)


def tone_words(scored: pd.DataFrame, by: str = "speaker", top: int = 10) -> pd.DataFrame:
    """The lexicon words behind each actor's tone.

    Returns:
        One row per (actor, word): ``by`` column, ``word``, ``count`` (statements using it),
        ``polarity`` (the word's mean polarity in these statements, with its modifiers), and
        ``weight`` (count × polarity); the ``top`` words by absolute weight per actor.
    """
    rows = []
    data = scored.dropna(subset=[by]).drop_duplicates(["statement_id", by])
    texts = data["text"].tolist()
    # the evidence of score_statements() lists the words behind the statement's own score (the
    # stance table's is that of a clause): read back only from a table with all its columns
    scored_here = all(c in data.columns for c in TONE_COLUMNS)
    evidence = data["evidence"].tolist() if scored_here else [None] * len(data)
    for (actor,), at in _groups(data, [by]):
        counter: Counter = Counter()
        total: Counter = Counter()
        for k in at.tolist():
            for word, pol in _assessments(texts[k], evidence[k]):
                counter[word] += 1
                total[word] += pol
        value = {w: total[w] / counter[w] for w in counter}
        ranked = sorted(counter, key=lambda w: (-abs(counter[w] * value[w]), w))[:top]
        rows.extend({by: actor, "word": w, "count": counter[w], "polarity": value[w], "weight": counter[w] * value[w]}
                    for w in ranked)
    return pd.DataFrame(rows, columns=[by, "word", "count", "polarity", "weight"])


# ---------------------------------------------------------------- tone toward actors


def tone_toward(corpus: Corpus, actors: ActorsArg = None, *, per_mention: bool = False) -> pd.DataFrame:
    """How each actor is spoken of: the tone of the sentence around each of its mentions.

    Mentions are those of :func:`newsvoices.mentions`: names, role nouns, countries by name,
    capital or metonym, and nationality adjectives (so "Iranian initiative" counts toward Iran).

    Args:
        corpus: The articles.
        actors: Actor registry (see :func:`newsvoices.statements`).
        per_mention: Return one row per mention (``article, start, end, text, target,
            affiliation, kind, sentence, polarity, subjectivity``) instead of the summary.

    Returns:
        One row per target actor: ``target``, ``affiliation``, ``n`` (mentions),
        ``mean_polarity``, ``ci_low``, ``ci_high``, ``share_positive``, ``share_neutral``,
        ``share_negative``; sorted by ``n``.
    """
    from .attribution import mentions as mention_table

    return tone_toward_tables(mention_table(corpus, actors), corpus.sentences(), per_mention=per_mention)


def tone_toward_tables(mention_table: pd.DataFrame, sentences: pd.DataFrame, *, per_mention: bool = False) -> pd.DataFrame:
    """:func:`tone_toward` from tables already computed (``Analysis.mentions`` and
    ``Analysis.sentences``), so that a large corpus is not analysed twice."""
    scored = "polarity" in sentences.columns  # Analysis.sentences carries the scores already
    at = _sentence_of(mention_table, sentences)  # row of the sentence holding each mention; -1: none
    texts = sentences["text"].tolist()
    if scored:
        pols, subjs = sentences["polarity"].tolist(), sentences["subjectivity"].tolist()
    rows = []
    columns = [mention_table[c].tolist() for c in ("article", "start", "end", "text", "actor", "affiliation", "kind")]
    for i, *m in zip(at.tolist(), *columns):
        if i < 0:
            continue
        text = texts[i]
        pol, subj = (pols[i], subjs[i]) if scored else _textblob(text)[:2]
        rows.append((*m, text, pol, subj))
    per = pd.DataFrame(rows, columns=["article", "start", "end", "text", "target", "affiliation", "kind",
                                      "sentence", "polarity", "subjectivity"])
    if per_mention:
        return per
    out = []
    polarity = per["polarity"].to_numpy(dtype=float)
    for (target, affiliation), at in _groups(per, ["target", "affiliation"], dropna=False):
        row = {"target": target, "affiliation": affiliation}
        row.update(_summarise(polarity[at], "polarity"))
        out.append(row)
    cols = ["target", "affiliation", "n", "mean_polarity", "ci_low", "ci_high",
            "share_positive", "share_neutral", "share_negative"]
    frame = pd.DataFrame(out, columns=cols)
    return frame.sort_values(["n", "target"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _sentence_of(mention_table: pd.DataFrame, sentences: pd.DataFrame) -> np.ndarray:
    """For each mention, the row of ``sentences`` holding its start, or -1: the last sentence of
    its article (by start, whatever the table's order) that starts at or before it, if the
    mention starts before that sentence ends; -1 when the mention has no article id. One
    sorted search over (article, start) keys for all mentions at once."""
    codes, _ = pd.factorize(pd.concat([sentences["article"], mention_table["article"]], ignore_index=True))
    s_code, m_code = codes[: len(sentences)], codes[len(sentences) :]
    s_start = sentences["start"].to_numpy(dtype=np.int64)
    s_end = sentences["end"].to_numpy(dtype=np.int64)
    m_start = mention_table["start"].to_numpy(dtype=np.int64)
    if not len(sentences) or not len(mention_table):
        return np.full(len(mention_table), -1, dtype=np.int64)
    span = int(max(s_start.max(), m_start.max(), 0)) + 1  # keys: article * span + start
    order = np.lexsort((s_start, s_code))  # stable: equal starts keep the table's order
    keys = s_code[order].astype(np.int64) * span + s_start[order]
    j = np.searchsorted(keys, m_code.astype(np.int64) * span + m_start, side="right") - 1
    rows = order[np.maximum(j, 0)]
    found = (j >= 0) & (m_code >= 0) & (s_code[rows] == m_code) & (m_start < s_end[rows])  # -1: no article
    return np.where(found, rows, -1)


# ---------------------------------------------------------------- stance: who about whom

STANCE_COLUMNS = ["statement_id", "article", "speaker", "target", "target_affiliation", "cue", "cue_stance",
                  "role", "content_polarity", "stance", "evidence", "text"]
_CLAUSE_BREAK = re.compile(r"[,;:—–()]|\s(?:while|but|whereas|although|though|as|because)\s")
_AS_PHRASE = re.compile(r"\bas\s+(?P<phrase>[^,;.]+)")


def _clause(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    left = lo
    for mt in _CLAUSE_BREAK.finditer(text, lo, start):
        left = mt.end()
    right = hi
    mt = _CLAUSE_BREAK.search(text, end, hi)
    if mt:
        right = mt.start()
    return left, right


def _preposition_before(text: str, pos: int) -> str | None:
    mt = re.search(r"([A-Za-z]+)\s+(?:the\s+|its\s+|their\s+)?$", text[max(0, pos - 25) : pos])
    return mt.group(1).lower() if mt else None


#: Prepositions that leave their object without a stance; "by" (the agent of a passive) is not one.
_PREPS = PREPOSITIONS - {"by"}


def stance(corpus: Corpus, actors: ActorsArg = None) -> pd.DataFrame:
    """Who says what about whom: one row per (statement, speaker, target).

    Args:
        corpus: The articles.
        actors: Actor registry (see :func:`newsvoices.statements`).

    Returns:
        DataFrame with ``statement_id``, ``article``, ``speaker``, ``target``,
        ``target_affiliation``, ``cue``, ``cue_stance`` (the cue's own attitude, −1 … 1),
        ``role`` (``object`` of an evaluative cue, ``as-phrase`` for "described X as Y",
        ``content`` of an expressed attitude, or ``mentioned``),
        ``content_polarity`` (TextBlob polarity of the clause around the target), ``stance``
        (−1 … 1, see the module notes), ``evidence`` (lexicon words of that clause) and
        ``text`` (the statement).
    """
    registry = resolve_registry(corpus, actors)
    rows = [row for article in corpus for row in stance_rows(analyse_article(article, registry))]
    return pd.DataFrame(rows, columns=STANCE_COLUMNS)


def stance_rows(analysis) -> list[tuple]:
    """Rows of :data:`STANCE_COLUMNS` for one analysed article."""
    article = analysis.article
    targets = target_mentions(analysis)  # in text order
    starts = [m.start for m in targets]
    return [
        tuple(r[c] for c in STANCE_COLUMNS)
        for n, st in enumerate(analysis.statements, start=1)
        for r in _statement_stance(f"{article.id}:{n}", article.id, article.text, st,
                                   targets[bisect.bisect_left(starts, st.start) : bisect.bisect_left(starts, st.end)])
    ]


_AS_CUES = ("describ", "nam", "call", "label", "dismiss", "blast", "brand")


def _statement_stance(sid: str, article: str, text: str, st: Statement, inside: list[Mention]) -> list[dict]:
    """Stance rows of one statement; ``inside``: the target mentions that start within it."""
    speakers = [a for a, _ in st.speakers if a is not None]
    if not speakers:
        return []
    cues = sorted(st.cues) or ([(st.cue_start, st.cue, st.stance, "")] if st.cue_start >= 0 else [])
    # the object of each evaluative cue: the first actor named within a few words after it
    objects: dict[int, tuple[str, float]] = {}
    for start, label, cue_stance, group in cues:
        if not cue_stance and not label.startswith(_AS_CUES):
            continue
        cue_end = start + len(label.split()[0])
        for m in inside:
            if m.start >= cue_end and m.kind != "adjective":
                near = len(re.findall(r"[\w’'-]+", text[cue_end : m.start])) <= OBJECT_WINDOW
                if near and _preposition_before(text, m.start) not in _PREPS:  # "invited X to Japan": not Japan
                    objects.setdefault(id(m), (label, cue_stance))
                break
    rows = []
    for m in inside:
        if id(m) not in objects and (_preposition_before(text, m.start) in _PREPS or m.kind == "adjective"):
            continue  # "pressure on Iran", "an Iranian initiative": a lexicon cannot tell the role
        lo, hi = _clause(text, m.start, m.end, st.start, st.end)
        content, _, words = _textblob(text[lo:hi])
        before = [c for c in cues if c[0] < m.start]
        label, cue_stance = (before[-1][1], before[-1][2]) if before else (st.cue, 0.0)
        if id(m) in objects:
            label, cue_stance = objects[id(m)]
            role, value = "object", content
            as_phrase = _AS_PHRASE.search(text, m.end, st.end) if label.startswith(_AS_CUES) else None
            if as_phrase:
                role = "as-phrase"
                value, _, words = _textblob(as_phrase.group("phrase"))
            if cue_stance:
                value = CUE_WEIGHT * cue_stance + (1 - CUE_WEIGHT) * value
        elif cue_stance and label.split()[0].startswith(("express", "voic")):
            role, value = "content", CUE_WEIGHT * cue_stance + (1 - CUE_WEIGHT) * content  # "expressed regret that ..."
        else:
            role, value, cue_stance = "mentioned", content, 0.0
        for speaker in speakers:
            if m.actor.name == speaker.name:
                continue
            rows.append({
                "statement_id": sid, "article": article, "speaker": speaker.name, "target": m.actor.name,
                "target_affiliation": m.actor.affiliation, "cue": label, "cue_stance": cue_stance,
                "role": role, "content_polarity": content, "stance": max(-1.0, min(value, 1.0)),
                "evidence": _evidence(words), "text": st.text,
            })
    return rows


def stance_matrix(table: pd.DataFrame, min_n: int = 1) -> pd.DataFrame:
    """Aggregate :func:`stance` rows into a speaker × target table.

    Returns:
        One row per (speaker, target) with ``stance`` (mean, −1 … 1), ``n`` (statements behind
        it), ``ci_low``/``ci_high`` (bootstrap 95%, ``NaN`` for a single statement) and
        ``statements`` (their ids, ``;``-separated). Pairs whose statements all carry no
        tone (stance 0 from a clause without lexicon words) are kept: 0 is a measurement.
    """
    rows = []
    for (speaker, target), group in table.groupby(["speaker", "target"], sort=True):
        per_statement = group.groupby("statement_id")["stance"].mean()
        if len(per_statement) < min_n:
            continue
        lo, hi = bootstrap_ci(per_statement)
        rows.append({"speaker": speaker, "target": target, "stance": float(per_statement.mean()),
                     "n": len(per_statement), "ci_low": lo, "ci_high": hi,
                     "statements": ";".join(per_statement.index)})
    return pd.DataFrame(rows, columns=["speaker", "target", "stance", "n", "ci_low", "ci_high", "statements"])

