"""Features for the tone a news sentence takes toward a target mention (a person or a group).

:func:`extract` reads a spaCy ``Doc`` as ``newsvoices.parse.parse_articles`` builds it and the
character span of the mention, and returns feature groups ``{group: {name: value}}`` for a
linear model (``runtime.py``). Two levels of analysis:

* **tokens only** (``syntax=False``): spaCy's tokenizer output and the sentence boundaries; no
  tag, parse, entity or lemma of spaCy is read, so the Doc may be bare (``nlp.make_doc``) or
  have unparsed sentences.
* **tagger and parser** (``syntax=True``): the same features, plus the dependency features, and
  capitalised words tagged as proper nouns are masked as names too. The sentence must have been parsed
  (``parse_articles(..., everything=True)``, or a sentence for which ``newsvoices.parse.is_parsed``).

Masking keeps the features blind to who is named. The mention's naming part (names, pronouns,
determiners, titles) becomes ``<T>``; content words inside a long mention ("his worst mistake")
stay visible. Other names become ``<NAME>``: a capitalised word inside a sentence, or at its
start (no stop word) when it is no common word (``data/common_words.txt``) or the next word, neutral
words skipped, is capitalised too. Numbers become ``<NUM>`` and negations ``<NEG>``. The news-neutral
words (:func:`blind_words`: ``data/neutral_words.csv``, ``data/titles.csv`` and
``data/tone_blind_words.csv``: "foreign", "top", "former", titles, parties) are left out altogether,
so that inserting one changes no feature. Runs of ``<T>`` or ``<NAME>`` count as one word, so a
two-word name weighs as much as a one-word name.

Groups:
    sent: VADER scores and lexicon sums of the sentence, with the target and names masked.
    win: lexicon valence of the words around the target, by side and distance (in words), with
        negation; and the valence of the target's segment (its clause as punctuation and
        conjunctions bound it).
    cue: where the target stands, read from word order alone: it opens its sentence or its
        segment (as a subject would), with the valence of what follows it there, or the valence
        of what precedes it (as an object); a speech verb beside it (a speaker), with the valence
        of what lies outside its segment (what was said); "by" before it (an agent); "'s" after
        it (a possessor); a pronoun; inside a quotation; a question; how many other names.
    bow: the sentence's words and word pairs.
    wbow: the four words on each side of the target, with the side.
    wvec: static word vectors (``data/wordvec.npz``) averaged over the sentence and over six words
        on each side of the target.
    dep (syntax only): the target's role (subject, patient, agent, possessor, ...), the valence of
        the word governing it and of that word's phrase, negation, the target's modifiers, the
        predicate of "X is ...", speaker of a speech verb and the valence of what was said, the
        valence of the target's clause.
    depw (syntax only): the governing word with the role, the word above it, modifier words.
    dvec (syntax only): word vectors of the governing word and of the target's modifiers.

Example:
    >>> from newsvoices.nlp import load_pipeline
    >>> doc = load_pipeline().make_doc("Critics slammed Smith for the failure.")
    >>> groups = extract(doc, 16, 21, syntax=False)
    >>> sorted(groups["wbow"])
    ['wl=critic', 'wl=slam', 'wr=failure', 'wr=for', 'wr=the']
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from importlib import resources
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import simplemma
from spacy.tokens import Doc, Span, Token
from textblob.en import sentiment as _textblob_sentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from ..lexicons import rows, word_set
from ..parse import token_columns
from ..scorers import common_words, vader_analyzer, vader_scores

__all__ = ["GROUPS", "CompactGroups", "Resources", "bag_of_words", "blind_words", "expand", "extract",
           "extract_compact", "extract_for_model", "load_resources"]

#: Feature groups of each level of analysis.
GROUPS = {
    False: ("sent", "win", "cue", "bow", "wbow", "wvec"),
    True: ("sent", "win", "cue", "bow", "wbow", "wvec", "dep", "depw", "dvec"),
}


def _tone_words(role: str) -> frozenset[str]:
    """The words of ``data/tone_words.csv`` with ``role``."""
    return frozenset(r["word"] for r in rows("tone_words.csv") if r["role"] == role)


#: Negations: they flip the valence of the words after them.
NEGATIONS = _tone_words("negation")
QUOTES = frozenset({'"', "“", "”", "‘", "’", "'", "``", "''"})
#: Punctuation and words that end the target's segment (a clause, without a parser).
SEGMENT_PUNCT = frozenset({",", ";", ":", "(", ")", "—", "–", "--", '"', "“", "”", "?", "!"})
SEGMENT_WORDS = _tone_words("segment")
#: Words and punctuation that end the naming part of a mention ("the leader of the party", "Smith, who ...").
MENTION_CUTS = _tone_words("mention_cut") | frozenset({",", "(", "-", "–", "—"})
#: Lemmas of speech verbs (the target as their subject is a speaker).
SPEECH = _tone_words("speech")
PRONOUNS = _tone_words("pronoun")
COPULA = _tone_words("copula")
CONTENT_POS = frozenset({"ADJ", "VERB", "NOUN", "ADV", "INTJ"})
NAME_TAGS = frozenset({"NNP", "NNPS"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PATIENT_DEPS = frozenset({"nsubjpass", "dobj", "dative", "obj", "iobj", "attr", "oprd"})
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "xcomp", "conj", "acl", "pcomp", "csubj", "parataxis"})
#: Factor applied to a negated word's valence (VADER's own).
NEGATION_FACTOR = -0.74
WINDOW = 4
VECTOR_WINDOW = 6
#: Feature groups with each word vector kept whole: ``{group: {name: value}}`` where a value is a
#: number, or, under the prefix of a word vector (``es``, ``el``, ``er`` of ``wvec``; ``eg``, ``em``
#: of ``dvec``), the vector ``v`` standing for the features ``es0 = v[0]``, ``es1 = v[1]``, ...
#: (:func:`expand` writes them out).
CompactGroups = dict[str, dict[str, float | np.ndarray]]


#: What a token of a sentence is to the word features, whoever the target: ``None`` (left out), a
#: form (``<NAME>``, ``<NUM>``, a lemma ...) with the text VADER reads of it (``""``: none), its
#: VADER and TextBlob valence and whether it is a content word.
_Fact = tuple[str | None, str, float, float, bool]
#: What a word is by its text alone (:func:`_lexical`): its lower case (spaCy's ``lower_``), its
#: fact (:func:`_fact`) but for the text VADER reads, whether VADER reads its text, whether it
#: may be a name (then the fact holds when it is none), its row of the word vectors; and its
#: text (spaCy's ``text``), whether it is a space, whether it ends a segment (:func:`_is_boundary`)
#: and whether it is a quotation mark.
_Lexical = tuple[str, str | None, float, float, bool, bool, bool, int | None, str, bool, bool, bool]


@dataclass(frozen=True)
class Resources:
    """The lexicons and tables the features read; loaded once, never changed.

    Attributes:
        vader: VADER's analyser (its lexicon gives word valence in -4..4).
        textblob: TextBlob's word polarity in -1..1.
        neutral: Lower-case words that never count (``neutral_words.csv``).
        common: Lower-case common words (:func:`newsvoices.scorers.common_words`).
        vector_index: Word -> row of ``vectors``.
        vectors: Static word vectors, float32.
        lemmas: Whether words are reduced to simplemma's lemma ("accused" -> "accuse").
        lexemes: A word's ``orth`` -> what it is to the word features by its text alone
            (:func:`_lexical`), filled as words are read.
    """

    vader: SentimentIntensityAnalyzer
    textblob: dict[str, float]
    neutral: frozenset[str]
    common: frozenset[str]
    vector_index: dict[str, int]
    vectors: np.ndarray
    lemmas: bool
    lexemes: dict[int, _Lexical] = field(default_factory=dict, repr=False, compare=False)


@functools.lru_cache(maxsize=1)
def blind_words() -> frozenset[str]:
    """Lower-case words the model never reads: the news-neutral words (``data/neutral_words.csv``),
    titles and honorifics (``data/titles.csv``, with and without their period) and the identity
    and office words of ``data/tone_blind_words.csv``.

    Example:
        >>> {"foreign", "top", "president", "sen.", "sen", "republican"} <= blind_words()
        True
    """
    titles = word_set("titles.csv")
    return (word_set("neutral_words.csv") | titles | {t.rstrip(".") for t in titles}
            | word_set("tone_blind_words.csv"))


def _data(name: str):
    return resources.files("newsvoices").joinpath("data", name)


@functools.lru_cache(maxsize=2)
def load_resources(lemmas: bool = True) -> Resources:
    """Load the lexicons and tables (once per process and setting).

    Args:
        lemmas: Reduce words to their simplemma lemma for the word features.

    Returns:
        The resources: :func:`blind_words`, ``data/common_words.txt``, ``data/wordvec.npz``, and
        the VADER and TextBlob lexicons.
    """
    neutral = blind_words()
    common = common_words()
    with _data("wordvec.npz").open("rb") as fh, np.load(fh) as table:
        vectors = (table["q"].astype(np.float32) * table["scale"]).astype(np.float32)
        index = {w: i for i, w in enumerate(table["words"].tolist()) if w not in neutral}
    textblob = {}
    for word, senses in _textblob_sentiment.items():
        polarity = (senses.get(None) or next(iter(senses.values())))[0]
        if polarity:
            textblob[word] = float(polarity)
    return Resources(vader_analyzer(), textblob, neutral, common, index, vectors, lemmas)


@functools.lru_cache(maxsize=100_000)
def _lemma(word: str) -> str:
    """simplemma's lemma of a lower-case word (about 1 us a call, and an article's words come
    back in every sentence and article: kept, as many as the library's other lemma caches keep)."""
    return simplemma.lemmatize(word, lang="en")


@dataclass(slots=True)
class _Word:
    """One visible word of the sentence: its form for the word features and its valence."""

    form: str
    first: int  # the Doc index of its (first) token
    lower: str  # that token in lower case (spaCy's ``lower_``)
    row: int | None = None  # its row of the word vectors (content words only)
    vader: float = 0.0
    textblob: float = 0.0
    content: bool = False  # a word with a meaning of its own (no stop word, mask or number)
    size: int = 1  # its tokens: a run of ``<T>`` or ``<NAME>`` is one word


def _sentence(doc: Doc, first: Token) -> Span:
    return first.sent if doc.has_annotation("SENT_START") else doc[:]


def _tokens(sentence: Span) -> list[Token]:
    """The sentence's tokens, made once per sentence and Doc (spaCy builds a new Token object at
    every iteration, and an article's mentions read their sentences again and again)."""
    key = ("newsvoices.toward.tokens", sentence.start, sentence.end)
    found = sentence.doc.user_data.get(key)
    if found is None:
        found = sentence.doc.user_data[key] = list(sentence)
    return found


def _target_tokens(sentence: Span, facts: _SentenceFacts, start: int, end: int) -> list[Token]:
    """The tokens but spaces that overlap the characters ``start``..``end`` (else the nearest token)."""
    tokens = _tokens(sentence)
    # the tokens' starts and ends both rise: the overlapping ones are a run between two bisections
    found = [tokens[k] for k in range(bisect_right(facts.ends, start), bisect_left(facts.starts, end))
             if not facts.spaces[k]]
    if not found:
        found = [min(tokens, key=lambda t: abs(t.idx - start))]
    return found


def _is_capitalised(token: Token) -> bool:
    text = token.text
    # an upper-case first character is nearly always a letter, which settles the look for one
    return text[:1].isupper() and (text[0].isalpha() or any(c.isalpha() for c in text)) and text != "I"


def _opens_sentence(token: Token, sentence: Span) -> bool:
    """Whether nothing but opening punctuation precedes ``token`` in its sentence or clause."""
    i = token.i
    tokens = _tokens(sentence)
    while i > sentence.start:
        previous = tokens[i - 1 - sentence.start]
        if previous.is_space:
            i -= 1
            continue
        return previous.text in QUOTES or previous.text in {"(", ":", "—", "–", "--", "-", ".", "!", "?", "[", "…"}
    return True


def _is_name(token: Token, sentence: Span, res: Resources, syntax: bool) -> bool:
    if not _is_capitalised(token):  # a lower-case word the tagger calls a proper noun is its error
        return False
    if syntax and token.tag_ in NAME_TAGS:
        return True
    if not _opens_sentence(token, sentence):
        return True
    if token.is_stop:
        return False
    if token.lower_ not in res.common:
        return True
    following = next((t for t in _tokens(sentence)[token.i + 1 - sentence.start:] if t.lower_ not in res.neutral),
                     None)
    return following is not None and _is_capitalised(following) and not following.is_punct


def _mention_head(tokens: list[Token], syntax: bool) -> Token:
    """The word the mention is about: by the parse, else the last word before a cut word."""
    if syntax:
        ids = {t.i for t in tokens}
        tops = [t for t in tokens if t.head.i not in ids or t.head.i == t.i] or tokens
        if len(tops) == 1:  # most mentions: no depths to compare
            return tops[0]
        return min(tops, key=lambda t: sum(1 for _ in t.ancestors))
    kept = tokens
    for k, t in enumerate(tokens[1:], 1):
        if t.lower_ in MENTION_CUTS:
            kept = tokens[:k]
            break
    words = [t for t in kept if any(c.isalnum() for c in t.text)]
    return (words or kept)[-1]


def _valence(word: str, lemma: str, res: Resources) -> tuple[float, float]:
    vader = res.vader.lexicon.get(word)
    if vader is None:
        vader = res.vader.lexicon.get(lemma, 0.0)
    textblob = res.textblob.get(word)
    if textblob is None:
        textblob = res.textblob.get(lemma, 0.0)
    return vader / 4.0, textblob


def _lexical(tok: Token, res: Resources) -> _Lexical:
    """What ``tok`` is by its text alone (see ``_Lexical``): read once per word and process, as
    spaCy's lexeme attributes are the same wherever the word stands."""
    found = res.lexemes.get(tok.orth)
    if found is not None:
        return found
    lower = tok.lower_
    plain = lower.replace("’", "'")
    form: str | None = None
    vader = textblob = 0.0
    content = may_be_name = False
    speaks = True
    if plain in res.neutral:
        speaks = False
    elif tok.is_punct:
        text = tok.text
        form = text if text in ("?", "!") else "<Q>" if text in QUOTES else None
    else:
        may_be_name = _is_capitalised(tok)
        if tok.like_num or (not plain.isalpha() and any(c.isdigit() for c in plain)):  # no letter is a digit
            form = "<NUM>"
        elif plain in NEGATIONS:
            form = "<NEG>"
        else:
            lemma = _lemma(plain)
            form = lemma if res.lemmas else plain
            if not tok.is_stop and tok.is_alpha:
                vader, textblob = _valence(plain, lemma, res)
                content = True
    row = _vector_row(lower, res) if content else None
    text = tok.text
    found = res.lexemes[tok.orth] = (lower, form, vader, textblob, content, speaks, may_be_name, row, text,
                                     tok.is_space, _is_boundary(tok), text in QUOTES)
    return found


def _fact(tok: Token, sentence: Span, res: Resources, syntax: bool, inside: bool) -> _Fact:
    """What ``tok`` is, outside the target's naming part (``inside``: a content word of a long
    mention, which is never taken for a name)."""
    lexical = _lexical(tok, res)
    if lexical[6] and not inside and _is_name(tok, sentence, res, syntax):  # it may be a name
        return _NAME
    return _plain_fact(lexical, tok.text_with_ws)


def _plain_fact(lexical: _Lexical, text_with_ws: str) -> _Fact:
    """The fact of a word that is not taken for a name, from its lexical facts and its text with
    the white space after it (which VADER reads unless the word is neutral)."""
    _, form, vader, textblob, content, speaks = lexical[:6]
    return form, text_with_ws if speaks else "", vader, textblob, content


#: The target's naming part, masked.
_TARGET: _Fact = ("<T>", "", 0.0, 0.0, False)
#: Another name, masked.
_NAME: _Fact = ("<NAME>", "", 0.0, 0.0, False)

#: A token of a sentence as :func:`_words` reads it: its Doc index, the token, its lower case
#: (spaCy's ``lower_``), its fact (:func:`_fact`) and its row of the word vectors (content words).
_Entry = tuple[int, Token, str, _Fact, int | None]


@dataclass(frozen=True)
class _SentenceFacts:
    """What the features read of a sentence whoever the target: worked out once per sentence of a
    Doc and level of analysis (:func:`_sentence_facts`), and read again by each of its mentions.

    Attributes:
        entries: Every token but spaces (see ``_Entry``).
        means: Mean word vectors by their rows, kept as the mentions ask for them (the vector of
            the whole sentence is often the same for each of its mentions).
        subtrees: Doc index of a token -> the Doc indexes of its subtree in spaCy's order, and
            those of them tagged as a content word (``CONTENT_POS``); kept as asked for (syntax).
        starts: The character offset of each token of the sentence, spaces too.
        ends: The character offset after each token.
        spaces: Whether each token is a space.
        boundaries: Whether each token ends a segment (:func:`_is_boundary`).
        quotes: The quotation marks before each token in the sentence.
    """

    entries: list[_Entry]
    means: dict[tuple[int, ...], np.ndarray]
    subtrees: dict[int, tuple[tuple[int, ...], tuple[int, ...]]]
    starts: list[int]
    ends: list[int]
    spaces: list[bool]
    boundaries: list[bool]
    quotes: list[int]

    def mean(self, rows: tuple[int, ...], res: Resources) -> np.ndarray:
        """The mean of the word vectors at ``rows`` (computed once per sentence; read-only)."""
        found = self.means.get(rows)
        if found is None:
            # numpy's ``mean(axis=0)`` step by step (the same sum, then the same division by the
            # count as an intp), without its Python overhead: the same float32 to the last bit
            found = np.add.reduce(res.vectors[list(rows)], axis=0)
            np.true_divide(found, np.intp(len(rows)), out=found, casting="unsafe")
            found.flags.writeable = False
            self.means[rows] = found
        return found

    def subtree(self, token: Token) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The Doc indexes of ``token``'s subtree in spaCy's order, and those of its content words."""
        found = self.subtrees.get(token.i)
        if found is None:
            tokens = list(token.subtree)
            found = self.subtrees[token.i] = (tuple(t.i for t in tokens),
                                              tuple(t.i for t in tokens if t.pos_ in CONTENT_POS))
        return found


def _vector_row(lower: str, res: Resources) -> int | None:
    """The row of a word's vector: by the word, else by its lemma (``None``: no vector)."""
    row = res.vector_index.get(lower)
    return res.vector_index.get(_lemma(lower)) if row is None else row


def _sentence_facts(sentence: Span, res: Resources, syntax: bool) -> _SentenceFacts:
    """The :class:`_SentenceFacts` of a sentence, made once per sentence and level of analysis
    (every mention of a sentence reads the same facts; only its own tokens differ)."""
    key = ("newsvoices.toward.facts", sentence.start, sentence.end, syntax, res.lemmas)
    doc = sentence.doc
    found = doc.user_data.get(key)
    if found is None:
        orths, offsets, spaced = token_columns(doc)
        lexemes = res.lexemes
        entries: list[_Entry] = []
        starts, ends, spaces, boundaries, quotes = [], [], [], [], []
        quoted = 0
        # a token's lexical facts by its orth, its offset and trailing space from the Doc's
        # columns: no spaCy attribute read per token but for the few that may be names
        for i, tok in enumerate(_tokens(sentence), sentence.start):
            lexical = lexemes.get(orths[i]) or _lexical(tok, res)
            lower, form, vader, textblob, content, speaks, may_be_name, row, text, space, boundary, quote = lexical
            starts.append(offsets[i])
            ends.append(offsets[i] + len(text))
            spaces.append(space)
            boundaries.append(boundary)
            quotes.append(quoted)
            quoted += quote
            if not space:
                if may_be_name and _is_name(tok, sentence, res, syntax):
                    fact = _NAME
                else:  # spaCy's text_with_ws is the text and a space when one follows
                    fact = _plain_fact(lexical, text + " " if spaced[i] else text)
                entries.append((i, tok, lower, fact, row if content and fact is not _NAME else None))
        found = sentence.doc.user_data[key] = _SentenceFacts(entries, {}, {}, starts, ends, spaces, boundaries,
                                                             quotes)
    return found


def _words(facts: _SentenceFacts, sentence: Span, target: set[int], visible_inside: set[int], res: Resources,
           syntax: bool) -> tuple[list[_Word], str]:
    """The sentence as visible words (neutral words and most punctuation left out, runs of
    ``<T>`` and ``<NAME>`` joined), and its text with the masked words left out (for VADER)."""
    words: list[_Word] = []
    text: list[str] = []
    for i, tok, lower, fact, row in facts.entries:
        if i in visible_inside:
            fact = _fact(tok, sentence, res, syntax, True)
            row = _lexical(tok, res)[7] if fact[4] else None
        elif i in target:
            fact = _TARGET
        form, said, vader, textblob, content = fact
        if said:
            text.append(said)
        if form is None:
            continue
        if words and form in ("<T>", "<NAME>") and words[-1].form == form:
            words[-1].size += 1
        else:
            words.append(_Word(form, i, lower, row, vader, textblob, content))
    for k, word in enumerate(words):
        if (word.vader or word.textblob) and any(w.form == "<NEG>" for w in words[max(0, k - 3):k]):
            word.vader *= NEGATION_FACTOR
            word.textblob *= NEGATION_FACTOR
    return words, "".join(text)


def _vector_mean(words: Iterable[_Word], res: Resources, facts: _SentenceFacts) -> np.ndarray | None:
    """The mean vector of the content words of ``words`` that have one (``None``: none has)."""
    rows = tuple(w.row for w in words if w.content and w.row is not None)
    return facts.mean(rows, res) if rows else None


def _add_vector(features: dict[str, float | np.ndarray], prefix: str, vector: np.ndarray | None) -> None:
    if vector is not None:
        features[prefix] = vector


def _distance_bin(distance: int) -> int:
    return 1 if distance <= 2 else 2 if distance <= 5 else 3 if distance <= 10 else 4


def _segment(boundaries: Sequence[bool], offset: int, first: int, last: int) -> tuple[int, int]:
    """Token ids [a, b] of the target's segment: up to the nearest boundary on each side.

    Args:
        boundaries: Whether each token of the sentence is a boundary (:func:`_is_boundary`).
        offset: The Doc index of the sentence's first token.
        first: The Doc index of the target's first token.
        last: The Doc index of its last token.
    """
    a = first
    while a - 1 >= offset and not boundaries[a - 1 - offset]:
        a -= 1
    b = last
    end = offset + len(boundaries)
    while b + 1 < end and not boundaries[b + 1 - offset]:
        b += 1
    return a, b


def _is_boundary(token: Token) -> bool:
    return token.text in SEGMENT_PUNCT or token.lower_ in SEGMENT_WORDS


def extract(doc: Doc, start: int, end: int, *, syntax: bool, sentence: Span | None = None,
            resources: Resources | None = None) -> dict[str, dict[str, float]]:
    """Feature groups for the tone of the mention ``doc.text[start:end]``.

    Args:
        doc: A Doc of ``parse_articles`` (or, without ``syntax``, any tokenized Doc).
        start: Character offset of the mention in ``doc.text``.
        end: Character offset after the mention.
        syntax: Also read the tagger's and parser's annotation (the sentence must be parsed).
        sentence: The sentence holding the mention as the library split the article (pass it:
            the parser may cut a sentence further, and the tokens-only features must not depend
            on whether the parser ran); default: by the Doc's sentence boundaries, else the
            whole Doc.
        resources: Lexicons and tables; default :func:`load_resources` ().

    Returns:
        ``{group: {feature: value}}`` for the groups of ``GROUPS[syntax]``; zero values left out.
    """
    return expand(extract_compact(doc, start, end, syntax=syntax, sentence=sentence, resources=resources))


def expand(groups: CompactGroups) -> dict[str, dict[str, float]]:
    """The groups of :func:`extract_compact` as :func:`extract` gives them: each word vector
    written out as one feature per dimension (``es0``, ``es1``, ...), zero values left out.

    Example:
        >>> expand({"wvec": {"es": np.array([0.5, 0.0, -1.0], dtype=np.float32)}, "bow": {"u=deal": 1.0}})
        {'wvec': {'es0': 0.5, 'es2': -1.0}, 'bow': {'u=deal': 1.0}}
    """
    out: dict[str, dict[str, float]] = {}
    for group, features in groups.items():
        flat: dict[str, float] = {}
        out[group] = flat
        for name, value in features.items():
            if isinstance(value, np.ndarray):
                for k, x in enumerate(value.tolist()):
                    if x:
                        flat[f"{name}{k}"] = x
            elif value:
                flat[name] = value
    return out


def extract_compact(doc: Doc, start: int, end: int, *, syntax: bool, sentence: Span | None = None,
                    resources: Resources | None = None) -> CompactGroups:
    """The features of :func:`extract`, with each word vector kept whole as one array (see
    :data:`CompactGroups`): without a name and a dict entry for each of the some 300 dimensions
    of a mention's vectors. Zero values are kept (:func:`expand` and the model leave them out).
    Arguments as for :func:`extract`.
    """
    return _extract_compact(doc, start, end, syntax, sentence, resources, True)[0]


def extract_for_model(doc: Doc, start: int, end: int, *, syntax: bool, sentence: Span | None = None,
                      resources: Resources | None = None) -> tuple[CompactGroups, list[str]]:
    """What the model reads (:meth:`newsvoices.toward.model.ToneModel.inputs`): the groups of
    :func:`extract_compact` but ``bow``, and the forms of the sentence's words, whose
    :func:`bag_of_words` it is (the model finds the rows of the forms and pairs it has met
    before without writing their names again). Arguments as for :func:`extract`.
    """
    return _extract_compact(doc, start, end, syntax, sentence, resources, False)


def _extract_compact(doc: Doc, start: int, end: int, syntax: bool, sentence: Span | None,
                     resources: Resources | None, bow: bool) -> tuple[CompactGroups, list[str]]:
    """:func:`extract_compact` (with ``bow``) or :func:`extract_for_model` (without)."""
    res = resources or load_resources()
    if sentence is None:
        covering = [t for t in doc if t.idx < max(end, start + 1) and t.idx + len(t.text) > start] or \
            [min(doc, key=lambda t: abs(t.idx - start))]
        sentence = _sentence(doc, covering[0])
    facts = _sentence_facts(sentence, res, syntax)
    mention = _target_tokens(sentence, facts, start, end)
    head = _mention_head(mention, syntax)
    visible_inside = {t.i for t in mention if t.i != head.i and t.is_alpha and not t.is_stop
                      and t.lower_ not in res.neutral and not _is_capitalised(t)
                      and (not syntax or t.pos_ in CONTENT_POS)}
    target = {t.i for t in mention}
    words, masked_text = _words(facts, sentence, target, visible_inside, res, syntax)
    at = [k for k, w in enumerate(words) if w.form == "<T>"]
    if not at:  # the mention was all punctuation or neutral words: place it by its tokens
        at = [min(range(len(words)), key=lambda k: abs(words[k].first - head.i))] if words else [0]
    first, last = at[0], at[-1]
    out: CompactGroups = {}
    out["sent"] = _sentence_features(words, masked_text, res)
    segment = _segment(facts.boundaries, sentence.start, mention[0].i, mention[-1].i)
    out["win"] = _window_features(words, first, last, segment)
    quoted = facts.quotes[mention[0].i - sentence.start] % 2 == 1
    out["cue"] = _cue_features(words, first, last, segment, mention, quoted)
    forms = [w.form for w in words]
    if bow:
        out["bow"] = bag_of_words(forms)
    out["wbow"] = {**{"wl=" + w.form: 1.0 for w in words[max(0, first - WINDOW):first]},
                   **{"wr=" + w.form: 1.0 for w in words[last + 1:last + 1 + WINDOW]}}
    wvec: dict[str, float | np.ndarray] = {}
    _add_vector(wvec, "es", _vector_mean(words, res, facts))
    _add_vector(wvec, "el", _vector_mean(words[max(0, first - VECTOR_WINDOW):first], res, facts))
    _add_vector(wvec, "er", _vector_mean(words[last + 1:last + 1 + VECTOR_WINDOW], res, facts))
    out["wvec"] = wvec
    if syntax:
        out.update(_syntax_features(sentence, head, target - visible_inside, visible_inside, words, res, facts))
    return out, forms


@functools.lru_cache(maxsize=4096)
def _vader_scores(masked_text: str) -> tuple[float, float, float]:
    """VADER's compound, positive and negative scores of a masked sentence (the same text for
    every mention of a sentence whose names are all masked: scored once), by the library's fast
    VADER, equal to ``polarity_scores`` (:func:`newsvoices.scorers.vader_scores`)."""
    return vader_scores(masked_text)


def _sentence_features(words: list[_Word], masked_text: str, res: Resources) -> dict[str, float]:
    compound, positive, negative = _vader_scores(masked_text)
    vader = [w.vader for w in words]
    textblob = [w.textblob for w in words]
    return {
        "s_vc": compound,
        "s_vpos": positive,
        "s_vneg": negative,
        "s_vsum_pos": min(3.0, sum(v for v in vader if v > 0)),
        "s_vsum_neg": max(-3.0, sum(v for v in vader if v < 0)),
        "s_tsum_pos": min(3.0, sum(v for v in textblob if v > 0)),
        "s_tsum_neg": max(-3.0, sum(v for v in textblob if v < 0)),
    }


def _window_features(words: list[_Word], first: int, last: int, segment: tuple[int, int]) -> dict[str, float]:
    features: dict[str, float] = {}
    for k, word in enumerate(words):
        if first <= k <= last or not (word.vader or word.textblob):
            continue
        side, distance = ("L", first - k) if k < first else ("R", k - last)
        distance_bin = _distance_bin(distance)
        for lexicon, value in (("v", word.vader), ("t", word.textblob)):
            if value:
                key = f"w_{lexicon}{side}{distance_bin}{'p' if value > 0 else 'n'}"
                features[key] = features.get(key, 0.0) + value
    a, b = segment
    in_segment = [w for w in words if a <= w.first <= b and w.form != "<T>"]
    features["seg_vpos"] = sum(w.vader for w in in_segment if w.vader > 0)
    features["seg_vneg"] = sum(w.vader for w in in_segment if w.vader < 0)
    features["seg_tpos"] = sum(w.textblob for w in in_segment if w.textblob > 0)
    features["seg_tneg"] = sum(w.textblob for w in in_segment if w.textblob < 0)
    return features


def _cue_features(words: list[_Word], first: int, last: int, segment: tuple[int, int], mention: list[Token],
                  quoted: bool) -> dict[str, float]:
    features: dict[str, float] = {}
    a, b = segment
    if not any(w.content or w.form == "<NAME>" for w in words[:first]):
        features["t_initial"] = 1.0
    before = [w for w in words[:first] if w.first >= a]
    after = [w for w in words[last + 1:] if w.first <= b]
    if not any(w.content for w in before):  # nothing but function words before it: subject-like
        features["subj_like"] = 1.0
        features["subj_rv"] = sum(w.vader for w in after)
        features["subj_rt"] = sum(w.textblob for w in after)
    else:
        features["obj_lv"] = sum(w.vader for w in before)
        features["obj_lt"] = sum(w.textblob for w in before)
    following = [w.lower for w in words[last + 1:last + 3]]
    preceding = [w.lower for w in words[max(0, first - 2):first]]
    if (any(_lemma(x) in SPEECH for x in following)
            or (preceding and _lemma(preceding[-1]) in SPEECH and last >= len(words) - 2)
            or preceding == ["according", "to"]):
        features["t_speaker"] = 1.0
        said = [w for w in words if not a <= w.first <= b]
        features["spk_v"] = sum(w.vader for w in said)
        features["spk_t"] = sum(w.textblob for w in said)
    if preceding[-1:] == ["by"]:
        features["t_by"] = 1.0
    if following[:1] and following[0] in ("'s", "’s", "'"):
        features["t_poss"] = 1.0
    if mention[0].lower_ in PRONOUNS:
        features["t_pron"] = 1.0
    if quoted:  # after an odd number of quotation marks
        features["t_quote"] = 1.0
    if words and words[-1].form == "?":
        features["question"] = 1.0
    features[f"names={min(3, sum(1 for w in words if w.form == '<NAME>'))}"] = 1.0
    return features


def bag_of_words(forms: Sequence[str]) -> dict[str, float]:
    """The ``bow`` group of the sentence's word forms: each form (``u=``) and each pair of
    neighbouring forms (``b=``), in the order they first occur.

    Example:
        >>> bag_of_words(["<T>", "slam", "<T>"])
        {'u=<T>': 1.0, 'u=slam': 1.0, 'b=<T>_slam': 1.0, 'b=slam_<T>': 1.0}
    """
    features = {"u=" + f: 1.0 for f in forms}
    features.update({"b=" + a + "_" + b: 1.0 for a, b in zip(forms, forms[1:])})
    return features


# --- syntax (tagger and parser) -------------------------------------------------------------


def _is_negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if token.dep_ in ("xcomp", "acomp", "ccomp", "dobj", "attr") and any(c.dep_ == "neg" for c in token.head.children):
        return True
    doc = token.doc
    return any(doc[j].lower_ in NEGATIONS for j in range(max(0, token.i - 3), token.i))


def _governor(head: Token) -> tuple[Token, str]:
    """The word governing the target and the target's role for it."""
    dep, above = head.dep_, head.head
    if dep in ("compound", "appos", "conj", "flat") and above.i != head.i:
        return _governor(above) if above.dep_ != "ROOT" else (above, "mod_" + dep)
    if dep == "pobj" and above.i != head.i:
        verb = above.head
        if above.lower_ == "by" and verb.tag_ == "VBN":
            return verb, "agent"
        return verb, "pobj_" + above.lower_
    if dep in SUBJECT_DEPS:
        return above, "subj"
    if dep in PATIENT_DEPS:
        return above, "patient"
    if dep == "poss":
        return above, "poss"
    if dep == "ROOT":
        return head, "root"
    return above, dep


def _syntax_features(sentence: Span, head: Token, masked: set[int], inside: set[int], words: list[_Word],
                     res: Resources, facts: _SentenceFacts) -> CompactGroups:
    by_token: dict[int, _Word] = {w.first: w for w in words if w.size == 1}

    def valence(tokens: Iterable[Token]) -> tuple[float, float]:
        found = [by_token[t.i] for t in tokens if t.i in by_token and t.i not in masked
                 and t.pos_ in CONTENT_POS]
        return sum(w.vader for w in found), sum(w.textblob for w in found)

    def subtree_valence(token: Token) -> tuple[float, float]:
        """:func:`valence` of ``token``'s subtree, read from its content words (kept per sentence)."""
        found = [by_token[i] for i in facts.subtree(token)[1] if i in by_token and i not in masked]
        return sum(w.vader for w in found), sum(w.textblob for w in found)

    def form(token: Token) -> str | None:
        word = by_token.get(token.i)
        if word is None or token.i in masked or not word.content or token.pos_ not in CONTENT_POS:
            return None
        return word.form

    governor, role = _governor(head)
    role_kind = role.split("_")[0] if role.startswith(("pobj", "mod")) else role
    dep: dict[str, float | np.ndarray] = {"role=" + role_kind: 1.0}
    g_vader, g_textblob = valence([governor]) if governor.i not in masked else (0.0, 0.0)
    dep["g_v|" + role_kind] = g_vader
    dep["g_t|" + role_kind] = g_textblob
    dep["g_v"] = g_vader
    governor_negated = _is_negated(governor)
    if governor_negated:
        dep["g_neg"] = 1.0
    g_sub = subtree_valence(governor)
    dep["gs_v|" + role_kind], dep["gs_t|" + role_kind] = g_sub
    dep["m_v"], dep["m_t"] = subtree_valence(head)
    if inside:
        dep["in_v"], dep["in_t"] = valence(t for t in _tokens(sentence) if t.i in inside)
    if role == "subj" and governor.lower_ in COPULA:
        dep["p_v"], dep["p_t"] = valence(t for c in governor.children if c.dep_ in ("acomp", "attr")
                                         for t in c.subtree)
    if role == "subj" and _lemma(governor.lower_) in SPEECH:
        dep["speaker"] = 1.0
        dep["spk_v"] = valence(t for c in governor.children if c.dep_ in ("ccomp", "xcomp", "dobj")
                               for t in c.subtree)[0]
    clause = head
    for _ in range(30):
        if clause.dep_ in CLAUSE_DEPS or clause.head.i == clause.i:
            break
        clause = clause.head
    dep["c_v"], dep["c_t"] = subtree_valence(clause)

    depw: dict[str, float | np.ndarray] = {}
    governor_form = form(governor) if governor.i not in masked else None
    if governor_form:
        depw[f"gov={role}|{governor_form}"] = 1.0
        depw["gov=" + governor_form] = 1.0
        if governor_negated:
            depw["govneg=" + governor_form] = 1.0
    above = governor.head
    if above.i != governor.i and (above_form := form(above)):
        depw["gov2=" + above_form] = 1.0
    subtree, content = facts.subtree(head)
    for i in content:  # the modifiers' forms: content words only
        word = by_token.get(i)
        if word is not None and i not in masked and word.content:
            depw["mod=" + word.form] = 1.0

    dvec: dict[str, float | np.ndarray] = {}
    if governor.i not in masked and governor.i in by_token:
        _add_vector(dvec, "eg", _vector_mean([by_token[governor.i]], res, facts))
    _add_vector(dvec, "em", _vector_mean([by_token[i] for i in subtree if i not in masked and i in by_token],
                                         res, facts))
    return {"dep": dep, "depw": depw, "dvec": dvec}
