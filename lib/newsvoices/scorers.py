"""The two tone scorers, TextBlob and VADER, as the library runs them: fast, and equal to them.

TextBlob (the Pattern lexicon) is the scorer of the design card; VADER gives an independent second
opinion. Scoring every sentence, statement and clause of a large corpus through their own APIs
was the slowest step of the pipeline, so this module computes the **same numbers** without
their per-call overhead (:class:`_Pattern`, :class:`_Vader`; ``tests/test_scorers.py`` compares
both with the libraries on every sentence of the test corpora and on generated text).

Public: :func:`polarity`, :func:`textblob_scores` (polarity, subjectivity and the words behind
them), :func:`vader` (VADER's compound score; :func:`vader_scores` with its positive and negative
scores), :func:`tone_values` / :func:`with_tone` (the
tone columns of a statements table), :func:`one_article` (score each distinct text of an article
once), :func:`evidence_text` and :func:`assessments` (the words behind a score, as text and
back).

Example:
    >>> polarity("an illegal and wrong policy")
    -0.5
    >>> vader("a great success") > 0.5
    True
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
import re
import string
from collections.abc import Iterator

import pandas as pd
from vaderSentiment import vaderSentiment as _vader_module
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .lexicons import common_words, word_set
from .records import TONE_COLUMNS
from .text import trie_pattern

__all__ = [
    "MIN_CONTENT_WORDS",
    "NEUTRAL_BAND",
    "assessments",
    "common_words",
    "evidence_text",
    "masked",
    "neutral_words",
    "one_article",
    "polarity",
    "said_texts",
    "sign",
    "textblob_scores",
    "tone_values",
    "vader_analyzer",
    "vader",
    "vader_scores",
    "with_tone",
]

#: Polarities within ±NEUTRAL_BAND count as neutral.
NEUTRAL_BAND = 0.05


class _Pattern:
    """TextBlob's default sentiment (the Pattern lexicon), computed without its per-call overhead.

    ``TextBlob(text).sentiment_assessments`` tokenises the text twice, builds a namedtuple class
    on every call and goes through a lazy dictionary for every word: about 0.4 ms a sentence,
    which made it the slowest step on a large corpus. This class gives the **same numbers**
    (the tests compare it with TextBlob on every sentence of the test corpora and on generated
    text): it reads TextBlob's own lexicon, splits each whitespace-separated chunk with
    TextBlob's own tokenizer, or by its rules where they reduce to a few (:meth:`_plain_tokens`;
    chunks are split independently of each other, so the split of a chunk is kept; it is a
    property of the vocabulary, not of the article), and then walks the
    words with Pattern's rules — modifiers ("very good"), negations ("not good" counts −0.5 ×),
    "!" boosts, emoticons. Text where TextBlob's tokenizer would join tokens across chunks
    (emoticons, "(!)") or that holds a paragraph break is handed to TextBlob's tokenizer whole.
    """

    def __init__(self) -> None:
        # imported here, not at the top: TextBlob imports NLTK (a quarter of a second), which
        # only scoring needs
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
        # what the tokenizer's rules read, for :meth:`_plain_tokens`
        self.contractions = list(_text.replacements.items())
        self.abbreviations = _text.ABBREVIATIONS
        self.abbreviation_forms = (_text.RE_ABBR1, _text.RE_ABBR2, _text.RE_ABBR3)
        self.end_of_sentence = _text.EOS
        self.rewritten = re.compile(f"{_text.RE_EMOTICONS.pattern}|{_text.RE_SARCASM.pattern}")

    def _split_chunk(self, chunk: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        tokens = self._plain_tokens(chunk)
        if tokens is None:
            tokens = tuple(" ".join(self.tokenizer(chunk)).split())
        return tokens, tuple(t.lower() for t in tokens)

    def _plain_tokens(self, chunk: str) -> tuple[str, ...] | None:
        """The tokenizer's tokens of a chunk made of words, quotes and apostrophes (``said.``,
        ``Iran’s``, ``“We``, ``don't``, ``U.S.``, ``—``), by its own rules; ``None`` for any other chunk.

        TextBlob's tokenizer costs about 20 µs a chunk (ten ``re.sub`` calls through the regex
        cache, and its sentence splitting), and every new chunk of a corpus goes through it.
        On such a chunk its steps reduce to these: contractions get a space before them, each
        quote or apostrophe stands alone, a word sheds one trailing mark unless the word is an
        abbreviation, a single character stays as it is. The sentence splitting changes
        nothing unless a token is its end-of-sentence marker, and the emoticon and "(!)"
        rewriting nothing unless its pattern occurs: those chunks go to the tokenizer.
        (``tests/test_scorers.py`` compares the two on every chunk of the test corpora and
        on generated chunks.)
        """
        if "'" in chunk:
            for contraction, spaced in self.contractions:
                chunk = chunk.replace(contraction, spaced)
        tokens: list[str] = []
        for piece in _QUOTE_PIECES.findall(chunk):
            if len(piece) == 1:
                tokens.append(piece)
                continue
            word = _PLAIN_WORD.fullmatch(piece)
            if word is None:
                return None
            stem, mark = word.groups()
            if not mark or (mark == "." and self._abbreviation(piece)):
                tokens.append(piece)
            else:
                tokens += (stem, mark)
        if self.end_of_sentence in tokens or self.rewritten.search(" ".join(tokens)):
            return None
        return tuple(tokens)

    def _abbreviation(self, word: str) -> bool:
        """Whether the tokenizer keeps the final point of ``word`` ("e.g.", "U.S.", "Mr.")."""
        return word in self.abbreviations or any(form.match(word) for form in self.abbreviation_forms)

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


#: A quote or apostrophe (each one a piece), or a run of anything else but spaces.
_QUOTE_PIECES = re.compile("[“”‘’'\"]|[^\\s“”‘’'\"]+")
#: A word (letters and digits, with inner hyphens, points or commas) and maybe one trailing mark.
_PLAIN_WORD = re.compile(r"([^\W_]+(?:[-.,][^\W_]+)*)([,;:!?.]?)")


@functools.lru_cache(maxsize=1)
def _pattern() -> _Pattern:
    return _Pattern()


def _score_text(text: str) -> tuple[float, float, tuple[tuple[str, float], ...]]:
    polarity, subjectivity, assessments = _pattern()(text)
    return polarity, subjectivity, tuple((" ".join(w), round(p, 3)) for w, p, _s, _x in assessments)


#: Scores of the texts of the article being analysed (see :func:`one_article`); ``None``
#: outside. A context variable, so that threads (a Dask worker runs several) each have their own.
_ARTICLE_SCORES: contextvars.ContextVar[dict[str, tuple[float, float, tuple[tuple[str, float], ...]]] | None] = (
    contextvars.ContextVar("newsvoices_article_scores", default=None)
)


def textblob_scores(text: str) -> tuple[float, float, tuple[tuple[str, float], ...]]:
    """TextBlob polarity, subjectivity and the (words, polarity) assessments behind them, as
    ``TextBlob(text).sentiment_assessments`` gives them (polarity rounded to three places).

    Example:
        >>> polarity, subjectivity, words = textblob_scores("a very good deal")
        >>> round(polarity, 2), words
        (0.91, (('very good', 0.91),))
    """
    memo = _ARTICLE_SCORES.get()
    if memo is None:
        return _score_text(text)
    scores = memo.get(text)
    if scores is None:
        scores = memo[text] = _score_text(text)
    return scores


@contextlib.contextmanager
def one_article() -> Iterator[None]:
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
        >>> with one_article():
        ...     textblob_scores("a good deal") is textblob_scores("a good deal")
        True
    """
    token = _ARTICLE_SCORES.set({})
    try:
        yield
    finally:
        _ARTICLE_SCORES.reset(token)


# ---------------------------------------------------------------- what must not move a score


@functools.lru_cache(maxsize=1)
def neutral_words() -> frozenset[str]:
    """Words that the lexicons score but that are neutral in news ("foreign minister", "crude
    oil", "top officials", "its own"): ``data/neutral_words.csv``, plus the titles and
    honorifics of ``data/titles.csv``.

    Example:
        >>> {"foreign", "crude oil", "top", "mr"} <= neutral_words()
        True
    """
    return word_set("neutral_words.csv") | {w.rstrip(".") for w in word_set("titles.csv")}


def said_texts(contents: list, texts: list, speakers: list) -> list[str]:
    """What the tone of a statement is read from: its ``content`` (what was said, without the
    reporting frame) when that holds at least :data:`MIN_CONTENT_WORDS` words, else its ``text``
    (a bare object, "censured the US", says nothing of the tone of the censure), with the
    speaker's name, names, titles and neutral words masked (:func:`masked`).

    Example:
        >>> said_texts(["a good plan", "the plan was very good"], ["Abe praised a good plan.", "x"], ["Abe", "Kono"])
        ['    praised a good plan.', 'the plan was very good']
    """
    out = []
    for content, text, speaker in zip(contents, texts, speakers):
        chosen = content if isinstance(content, str) and len(content.split()) >= MIN_CONTENT_WORDS else text
        out.append(masked(chosen if isinstance(chosen, str) else "", (speaker,) if isinstance(speaker, str) else ()))
    return out


#: Fewest words of a statement's content for the content alone to be scored.
MIN_CONTENT_WORDS = 4

_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_OPENS = frozenset(".!?:;\"“‘'([—–-")


@functools.lru_cache(maxsize=1)
def _neutral_pattern() -> re.Pattern:
    return re.compile(r"(?i)(?<![\w’'-])" + trie_pattern(sorted(neutral_words())) + r"(?![\w’'-])")


def masked(text: str, names: tuple[str, ...] | list[str] = ()) -> str:
    """``text`` without what must not move a tone score: the given ``names`` (actors, places),
    every capitalised word that does not open a sentence (a name, a title or a place: "Grand
    Ethiopian Renaissance Dam", "Foreign Minister"), a capitalised word that opens one but is no
    :func:`common_words` word ("Hope said ..."), and the :func:`neutral_words`. Each is
    replaced by a space, so the words around it stay apart.

    Example:
        >>> masked("The foreign minister of the United States called it a good move.")
        'The         minister of the               called it a good move.'
        >>> masked("Rouhani called it a good move.")
        '        called it a good move.'
    """
    for name in names:
        if name:
            text = text.replace(name, " " * len(name))
    chars = list(text)
    for match in _WORD.finditer(text):
        if match.group()[0].isupper():
            before = text[: match.start()].rstrip()
            if (before and before[-1] not in _OPENS) or match.group().lower() not in common_words():
                chars[match.start() : match.end()] = " " * (match.end() - match.start())
    text = "".join(chars)
    return _neutral_pattern().sub(lambda m: " " * len(m.group()), text)


@functools.lru_cache(maxsize=1)
def vader_analyzer() -> SentimentIntensityAnalyzer:
    """vaderSentiment's analyser, made once per process (its lexicon takes a tenth of a second)."""
    return SentimentIntensityAnalyzer()


#: Facts about one whitespace-separated token, as VADER's rules read them: the word (the token
#: without surrounding punctuation) lower-cased, whether it is in ALL CAPS, its lexicon valence,
#: its booster value, whether it is a negation.
_TokenFacts = tuple[str, bool, float | None, float | None, bool]


class _Vader:
    """VADER's compound score, ``polarity_scores(text)["compound"]``, computed without its overhead
    (and, by :meth:`scores`, its positive and negative scores).

    ``SentimentIntensityAnalyzer.polarity_scores`` lower-cases every word again for each rule
    and copies the whole lower-cased text for each lexicon word and each word before it: about
    0.1 ms a statement. This class gives the **same number** (``==`` on floats; the tests
    compare it with vaderSentiment on every sentence of the test corpora and on generated text):
    it reads vaderSentiment's own lexicon, emoji descriptions and word lists, works out the facts
    about each token once (see ``_TokenFacts``; cached by token, never by text), and applies
    VADER's rules only at the lexicon words, with VADER's floating-point operations in VADER's
    order. A text without a lexicon word scores 0.0 at once: every rule that moves a score
    (negations, "no", "least", boosters, idioms, ALL CAPS, "but", "!" and "?") scales, shifts or
    replaces the valence of a lexicon word, so without one every word's valence is 0 and so are
    the compound, positive and negative scores. Emoji are replaced by their descriptions first,
    as VADER does.
    """

    def __init__(self) -> None:
        vader = _vader_module
        analyzer = vader_analyzer()
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
        found = self._sentiments(text)
        if found is None:
            return 0.0
        text, sentiments = found
        return self._compound(sentiments, self._emphasis(text))

    def scores(self, text: str) -> tuple[float, float, float]:
        """The ``compound``, ``pos`` and ``neg`` scores of ``SentimentIntensityAnalyzer().polarity_scores(text)``."""
        found = self._sentiments(text)
        if found is None:  # no lexicon word: every valence is 0, and so is each score
            return 0.0, 0.0, 0.0
        text, sentiments = found
        emphasis = self._emphasis(text)
        positive, negative, neutral = 0.0, 0.0, 0
        for value in sentiments:  # VADER's sums, in its order: each word counts 1 beside its valence
            if value > 0:
                positive += float(value) + 1
            if value < 0:
                negative += float(value) - 1
            if value == 0:
                neutral += 1
        if positive > math.fabs(negative):
            positive += emphasis
        elif positive < math.fabs(negative):
            negative -= emphasis
        total = positive + math.fabs(negative) + neutral
        return (self._compound(sentiments, emphasis), round(math.fabs(positive / total), 3),
                round(math.fabs(negative / total), 3))

    def _sentiments(self, text: str) -> tuple[str, list[float]] | None:
        """The text VADER reads (emoji described) and the valence of each of its words after
        VADER's rules and its "but" rule, as ``polarity_scores`` computes them; ``None`` when no
        word is in the lexicon."""
        if not text.isascii() and not self.emojis.keys().isdisjoint(text):
            text = self._describe_emoji(text)
        facts = list(map(self.token, text.split()))
        scored = [i for i, fact in enumerate(facts) if fact[2] is not None]
        if not scored:
            return None
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
        return text, sentiments

    def _compound(self, sentiments: list[float], emphasis: float) -> float:
        """VADER's compound score of the words' valences, with the emphasis of "!" and "?"."""
        total = float(sum(sentiments))
        if total > 0:
            total += emphasis
        elif total < 0:
            total -= emphasis
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
    return textblob_scores(text)[0]


def evidence_text(words) -> str:
    """The lexicon words behind a score, as text (the ``evidence`` column).

    Example:
        >>> evidence_text([("illegal", -0.5), ("important", 0.4)])
        'illegal -0.5; important +0.4'
    """
    return "; ".join(f"{w} {p:+g}" for w, p in words)


def assessments(text: str, evidence: str | None) -> tuple[tuple[str, float], ...]:
    """The (words, polarity) pairs behind a statement's score, read back from its ``evidence``
    (written by :func:`evidence_text`) when that is exact, else scored again from ``text``."""
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
            if evidence_text(pairs) == evidence:  # a word holding "; " would not read back the same
                return pairs
    return textblob_scores(text)[2]


def sign(value: float) -> int:
    """-1, 0 or 1: the side of :data:`NEUTRAL_BAND` a score falls on.

    Example:
        >>> sign(0.02), sign(-0.3)
        (0, -1)
    """
    return 0 if abs(value) < NEUTRAL_BAND else (1 if value > 0 else -1)


def tone_values(texts: list[str]) -> list[tuple[float, float, str, float, bool]]:
    """One tuple of :data:`~newsvoices.records.TONE_COLUMNS` values per text: TextBlob polarity,
    subjectivity, the words behind them, VADER's compound score and whether the two differ in
    sign (each outside the neutral band)."""
    vader = _vader_scorer()
    values = []
    for text in texts:
        polarity, subjectivity, words = textblob_scores(text)
        compound = vader(text)
        disagree = sign(polarity) != 0 and sign(compound) != 0 and sign(polarity) != sign(compound)
        values.append((polarity, subjectivity, evidence_text(words), compound, disagree))
    return values


def with_tone(table: pd.DataFrame, values: list[tuple[float, float, str, float, bool]]) -> pd.DataFrame:
    """``table`` with the :data:`~newsvoices.records.TONE_COLUMNS` of :func:`tone_values` (one
    per row)."""
    out = table.copy()
    columns = list(zip(*values)) if values else [()] * len(TONE_COLUMNS)
    out["polarity"] = list(columns[0])
    out["subjectivity"] = list(columns[1])
    out["evidence"] = pd.Series(list(columns[2]), index=out.index, dtype="str")
    out["vader"] = list(columns[3])
    out["disagree"] = pd.Series(list(columns[4]), index=out.index, dtype=bool)  # bool even when empty
    return out


def vader(text: str) -> float:
    """VADER's compound score of ``text`` (−1 … 1), as
    ``SentimentIntensityAnalyzer().polarity_scores(text)["compound"]`` gives it.

    Example:
        >>> vader("not good")
        -0.3412
    """
    return _vader_scorer()(text)


def vader_scores(text: str) -> tuple[float, float, float]:
    """VADER's compound, positive and negative scores of ``text``, as
    ``SentimentIntensityAnalyzer().polarity_scores(text)`` gives them (``compound``, ``pos``, ``neg``).

    Example:
        >>> vader_scores("a good plan, but a bad result")
        (-0.5859, 0.167, 0.406)
    """
    return _vader_scorer().scores(text)
