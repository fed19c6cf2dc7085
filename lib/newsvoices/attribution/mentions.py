"""Step 3a: who is named in an article — its people, and the known actors it mentions.

**People.** Runs of proper nouns are names (no named-entity recognition is run: on PolNeAR it
bought 0.2 points of F1 and cost as much as the parse). A run is a person when it opens with a
first name (``data/first_names.csv``) or follows a title or honorific (``data/titles.csv``), or
ends with the surname of such a person, or is the subject of a verb whose reported clause has a
he or she for its subject ("Adel Nefzi said he ...": an organisation would be an it). People are
keyed by surname (its last word, :func:`newsvoices.actors.surname` without particles: "Van Hollen"
and "Chris Van Hollen" are one person) and first name, so Bill and Hillary Clinton stay apart and a
lone first name ("Bernie") joins the one person it can be.
Gender comes from honorifics, first names and the he/she that follows a sentence naming one
person. Each mention records its sentence and whether it is a subject, for pronouns.

**Known actors.** The actor registry (names, aliases, metonyms), the actors discovered by
:func:`newsvoices.actors.discover_actors` (people introduced with a title or an apposition, and
organisations) and the gazetteer (countries, capitals, metonyms such as "the Kremlin", nationality
adjectives, international organisations, outlets) are matched against the article's tokens.

**Names.** A person is named as the registry or discovery names them; else by surname, or by the
full name when two people of the article share the surname.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain, repeat

import numpy
from spacy.attrs import DEP, HEAD, LOWER, POS, SENT_START
from spacy.matcher import PhraseMatcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..actors import (HONORIFICS, NAME_PARTICLES, ROLE_HEADS, TITLE_MODIFIERS, Actor, ActorRegistry, first_name, gazetteer,
                      suffixed, surname, surname_first)
from ..lexicons import common_words, rows, word_map, word_set
from ..nlp import load_pipeline
from ..parse import sentence_of, sentences, text_of, token_columns
from .quotes import Quotes
from .records import Mention

__all__ = ["KnownActors", "People", "Person", "common_first_names", "country_actor", "first_names", "titles"]

#: Pronouns that name a person, with the gender they imply.
PERSON_PRONOUNS = {"he": "male", "she": "female", "him": "male", "her": "female", "his": "male", "hers": "female"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")
_POSSESSIVE = {"'s", "’s", "'", "’"}
_GENDER = {"m": "male", "f": "female"}
#: Sentence-initial words that are capitalised without being names (in unparsed sentences).
_COMMON_INITIALS = frozenset({"but", "and", "in", "on", "at", "for", "with", "after", "before", "while", "when", "if",
                              "as", "still", "yet", "now", "then", "meanwhile", "however", "asked", "last", "earlier",
                              "later"})


@functools.lru_cache(maxsize=None)
def _genders(name: str) -> dict[str, str]:
    """The words of ``data/<name>`` (lower case) → the gender of its ``gender`` column, spelled
    out ("m" → "male", "f" → "female", else "") (one shared table: read it, do not change it)."""
    return {w: _GENDER.get(g, "") for w, g in word_map(name, "gender").items()}


def titles() -> dict[str, str]:
    """Titles and honorifics (lower case) → the gender they imply (``male``, ``female`` or "")
    (one shared table: read it, do not change it)."""
    return _genders("titles.csv")


@functools.lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Words that open a name as a title ("Defense Minister Brigadier General Amir Hatami"): the
    titles and honorifics of ``data/titles.csv`` and the title words of ``data/title_words.csv``
    (the actors module's ``TITLE_MODIFIERS``, ``ROLE_HEADS`` and ``HONORIFICS``)."""
    return frozenset(titles()) | {w.rstrip(".") for w in titles()} | TITLE_MODIFIERS | ROLE_HEADS | HONORIFICS \
        | {w + "." for w in HONORIFICS}


@functools.lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    """Titles that make the name after them a person's ("Sen.", "President", "spokesman"), unlike
    the modifiers of a title ("senior", "foreign")."""
    return title_words() - TITLE_MODIFIERS


def common_first_names() -> dict[str, str]:
    """Common first names (lower case, ``data/first_names.csv``) → gender ("male", "female" or "")
    (one shared table: read it, do not change it)."""
    return _genders("first_names.csv")


@functools.lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """Every known first name → gender: the common ones and the US Census ones
    (``data/census_first_names.csv``: "Gerard", "Cecile"; "Chung" too, which is mostly a surname;
    not common words such as "Major").

    Example:
        >>> first_names()["gerard"], first_names()["hillary"], "major" in first_names()
        ('male', 'female', False)
    """
    return {**_genders("census_first_names.csv"), **common_first_names()}


@functools.lru_cache(maxsize=1024)
def country_actor(country: str) -> Actor:
    """The actor of a country (a government), as the gazetteer names it."""
    return Actor(country, "government", country, origin="gazetteer")


@functools.lru_cache(maxsize=1024)
def _organisation_actor(name: str) -> Actor:
    return Actor(name, "organisation", name, origin="gazetteer")


@functools.lru_cache(maxsize=1024)
def _outlet_actor(name: str) -> Actor:
    return Actor(name, "organisation", None, origin="outlet")


# ---------------------------------------------------------------- people


@dataclass(eq=False)
class Person:
    """A person named in an article."""

    surname: str
    first: str = ""
    names: list[str] = field(default_factory=list)  # full forms seen, in order
    gender: str = ""
    votes: Counter = field(default_factory=Counter)
    actor: Actor | None = None

    @property
    def key(self) -> str:
        return (self.first.lower() + " " if self.first else "") + self.surname.lower()

    @property
    def fullest(self) -> str:
        if not self.names:
            return self.surname
        return max(self.names, key=lambda n: (len(n.split()), -self.names.index(n)))


@dataclass(eq=False)
class PersonMention:
    """A person named (or a pronoun resolved) at token ``i``."""

    i: int
    sentence: int
    person: Person
    subject: bool
    speaker: bool = False
    text: str = ""
    modifier: bool = False  # the name modifies another noun ('Obama consultant Cornell Belcher', "Trump's")
    main: bool = False  # subject of its sentence's main verb
    quoted: bool = False
    start: int = -1  # the name's characters in the text (-1 for a pronoun)
    end: int = -1


_CALENDAR = word_set("time_words.csv", where=("kind", "calendar"))


def name_words(tokens: list[Token]) -> list[str]:
    """The words of a name as written: tokens joined where no space parts them ("Adams-Sarthou",
    "O’Malley")."""
    return _glued((t.text, t.whitespace_) for t in tokens)


def _glued(tokens: Iterable[tuple[str, str | bool]]) -> list[str]:
    """The words of :func:`name_words`, from each token's text and the white space after it (or
    whether there is any)."""
    words: list[str] = []
    glue = False
    for text, space in tokens:
        if words and glue:
            words[-1] += text
        else:
            words.append(text)
        glue = not space
    return words


def span_text(tokens: list[Token]) -> str:
    """The article's text from the first to the last token (hyphens and spacing as written)."""
    if not tokens:
        return ""
    last = tokens[-1]  # cut from the text: a Span of the tokens would join their texts again
    return text_of(last.doc)[tokens[0].idx : last.idx + len(last)]


@functools.lru_cache(maxsize=1)
def _nationalities() -> frozenset[str]:
    """Nationality adjectives and side names that stand before a title ("Mexican President ...")."""
    return frozenset(a for a in gazetteer().adjectives if a[:1].isupper()) | frozenset(r["word"] for r in rows("blocs.csv") if r["kind"] == "adjective")


def _leading(token: Token) -> bool:
    """A word that opens a name without being part of it: a title, a determiner, a nationality, or
    a common word that is no first name ("Despite Ted Cruz", "Pastor Kevin Swanson", a title-case
    headline's "Understated Perez"; not "Will Rogers", "de Blasio", nor a common word capitalised
    inside a sentence, :func:`_capitalised_inside`)."""
    low = token.lower_
    return (low in title_words() or low in ("the", "a", "an") or token.text in _nationalities()
            or (low in common_words() and low not in first_names() and low not in NAME_PARTICLES
                and not (token.i + 1 < len(token.doc)
                         and _hyphenated(_columns(token.doc), token.i + 1))  # 'Sun-Times'
                and not _capitalised_inside(token)))


def _capitalised_inside(token: Token) -> bool:
    """Whether ``token``, a capitalised common word before another capitalised word that is no
    first name, is part of a name: the article writes the two words, somewhere, after a lower-case
    word or a comma on a line of ordinary case ("said Planned Parenthood", "just as Red Hot Chili
    Peppers announced"); then they stay together at a sentence's start too, so the name is the same
    everywhere. Not "Despite Ted Cruz" (a first name follows), nor a title-case headline's
    "Understated Perez" that no ordinary line writes, nor a title before a surname that the article
    also writes alone ("Father Pfleger ... Pfleger said")."""
    doc = token.doc
    if not token.text[:1].isupper() or token.is_upper or token.i + 1 >= len(doc):
        return False
    after = doc[token.i + 1]
    if not after.text[:1].isupper() or after.lower_ in first_names():
        return False
    pair = (token.text, after.text)
    written = doc.user_data.setdefault("newsvoices.written_inside", {})
    if pair not in written:
        together = [k for k in _with_lower(doc, (token.lower_,))
                    if k.text == token.text and k.i + 1 < len(doc) and doc[k.i + 1].text == after.text]
        alone = any(k.text == after.text and not (k.i and doc[k.i - 1].text == token.text)
                    and not (k.i + 1 < len(doc) and doc[k.i + 1].text[:1].isupper())
                    for k in _with_lower(doc, (after.lower_,)))
        written[pair] = not alone and any(_ordinary_inside(k) for k in together)
    return written[pair]


def _ordinary_inside(token: Token) -> bool:
    """Whether ``token`` follows a lower-case word or a comma on a line of ordinary case: of the
    common words of four letters or more of its sentence and line, outside the capitalised run that
    holds ``token``, at least two, and fewer than half of them capitalised (a headline above the
    text may share the sentence, never the line)."""
    doc = token.doc
    before = doc[token.i - 1] if token.i else None
    if before is None or not (before.text == "," or before.text.islower()):
        return False
    sentence, text = sentence_of(token), text_of(doc)
    first, last = text.rfind("\n", 0, token.idx) + 1, text.find("\n", token.idx)
    last = len(text) if last < 0 else last
    end = token.i
    while end + 1 < sentence.end and doc[end + 1].text[:1].isupper():
        end += 1
    words = [t for t in sentence if not token.i <= t.i <= end and first <= t.idx < last and t.is_alpha
             and len(t) > 3 and t.lower_ in common_words()]
    return len(words) >= 2 and 2 * sum(t.text[:1].isupper() for t in words) < len(words)


def clean_name(tokens: list[Token]) -> list[Token]:
    """The name without leading titles, nationalities and determiners (:func:`_leading`), possessive
    endings, punctuation and a generational suffix after a surname (``data/name_suffixes.csv``:
    "Robert P. Casey Jr." is Casey; "Donald Jr." stays as written). An organisation's name, one
    that ends in a word of ``data/organisation_words.csv`` (column ``mentions``), keeps its titles
    and nationalities: "the Commerce Department", "the American Legion"."""
    tokens = [t for t in tokens if not t.is_space and t.text not in _POSSESSIVE
              and not (t.is_punct and t.text not in ("-", "."))]
    if tokens and _institutional(tokens[-1].lower_):  # 'the American Legion', 'the Commerce Department'
        while len(tokens) > 1 and tokens[0].lower_ in ("the", "a", "an"):
            tokens = tokens[1:]
        return tokens
    while len(tokens) > 1 and _leading(tokens[0]) and not surname_first(name_words(tokens)):
        tokens = tokens[1:]  # but 'Moon Jae-in', 'Ban Ki-moon': a surname that is a common word too
    titles_at = [k for k, t in enumerate(tokens[:-1]) if t.lower_ in title_words()]
    if titles_at:  # 'Unification Minister Chung': the title ends at its last title word
        tokens = tokens[titles_at[-1] + 1 :]
    if tokens and _leading(tokens[0]) and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    while suffixed(name_words(tokens)):  # words as written, as surname() counts them
        tokens = tokens[:-1]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


class _Columns:
    """What the name rules read of each token of a Doc, as Python lists made once from the Doc's
    arrays (making a Token per word, and reading its attributes, cost more than the rules): the
    string ids of its text and lower case (``orth``, ``lower``; ``lowers``, the array), whether
    white space follows it (``space``), its coarse part of speech (``pos``, an id: 0 in an
    unparsed sentence), whether it starts a sentence, whether its first character is upper case
    (``upper``) or lower case (``small``), the tokens that can be a proper noun for
    :func:`_propn` (``starts``: a capitalised word or a lower-case name particle), and the
    tokens in apposition with their heads (``appos``, in order)."""

    __slots__ = ("doc", "strings", "orth", "lower", "lowers", "space", "pos", "start", "upper", "small", "starts",
                 "appos")

    def __init__(self, doc: Doc) -> None:
        self.doc, self.strings = doc, doc.vocab.strings
        self.orth, offsets, self.space = token_columns(doc)
        array = doc.to_array([LOWER, POS, SENT_START, DEP, HEAD]).reshape(len(doc), 5)
        self.lowers = array[:, 0]
        self.lower = self.lowers.tolist()
        self.pos = array[:, 1].astype("int64").tolist()
        self.start = (array[:, 2] == 1).tolist()  # Token.is_sent_start: 1 (-1 inside a sentence)
        # the first characters, from the text's code points at the tokens' offsets: ASCII letters
        # told apart by their codes, any other character asked
        points = numpy.frombuffer(text_of(doc).encode("utf-32-le", "surrogatepass"), dtype="<u4")
        firsts = points[numpy.asarray(offsets, dtype=numpy.intp)]
        upper, small = (firsts >= 65) & (firsts <= 90), (firsts >= 97) & (firsts <= 122)
        for k in numpy.flatnonzero(firsts >= 128).tolist():
            ch = chr(firsts[k])
            upper[k], small[k] = ch.isupper(), ch.islower()
        self.upper, self.small = upper.tolist(), small.tolist()
        particles = _particle_array()  # sorted: where each lower case would stand among them
        if len(particles):
            at = numpy.searchsorted(particles, self.lowers).clip(max=len(particles) - 1)
            upper = upper | (particles[at] == self.lowers)
        self.starts = numpy.flatnonzero(upper).tolist()
        appos = numpy.flatnonzero(array[:, 3] == _APPOS_ID)  # HEAD holds the offset to the head
        self.appos = dict(zip(appos.tolist(), (appos + array[appos, 4].astype("int64")).tolist()))

    def alpha(self, i: int) -> bool:
        """Whether token ``i`` is alphabetic (read from its Token: rarely asked)."""
        return self.doc[i].is_alpha


def _columns(doc: Doc) -> _Columns:
    """The :class:`_Columns` of a Doc, made once."""
    found = doc.user_data.get("newsvoices.columns")
    if found is None:
        found = doc.user_data["newsvoices.columns"] = _Columns(doc)
    return found


def _ids(words: Iterable[str]) -> frozenset[int]:
    """The string ids of ``words`` (what the Doc's arrays hold for them)."""
    return frozenset(get_string_id(w) for w in words)


_CALENDAR_IDS = _ids(_CALENDAR)
_COMMON_INITIAL_IDS = _ids(_COMMON_INITIALS)
_DASH_IDS = _ids(("-", "‐"))
_HYPHEN_ID, _COMMA_ID = get_string_id("-"), get_string_id(",")
_PROPN_ID = int(POS_IDS["PROPN"])
_APPOS_ID = get_string_id("appos")


@functools.lru_cache(maxsize=1)
def _title_ids() -> frozenset[int]:
    return _ids(title_words())


@functools.lru_cache(maxsize=1)
def _person_title_ids() -> frozenset[int]:
    return _ids(person_titles())


@functools.lru_cache(maxsize=1)
def _nationality_ids() -> frozenset[int]:
    return _ids(_nationalities())


def _particle(c: _Columns, i: int) -> bool:
    """A lower-case particle inside a name ("Ursula von der Leyen", "Khalil al-Hayya"): token
    ``i`` followed by a capitalised word, another particle or a hyphen."""
    particles = _particle_ids()
    if not (c.lower[i] in particles and i + 1 < len(c.orth) and i > 0 and c.upper[i - 1]):
        return False
    return c.upper[i + 1] or c.lower[i + 1] in particles or (c.orth[i + 1] == _HYPHEN_ID and not c.space[i])


def _institutional(lower: str) -> bool:
    """Whether a word (in lower case) ends the name of an organisation
    (``data/organisation_words.csv``, column ``mentions``): a title or nationality before it is
    part of the name."""
    return lower.rstrip(".") in word_set("organisation_words.csv", where=("mentions", "1"))


def _hyphenated(c: _Columns, i: int) -> bool:
    """A hyphen inside a name, or the part after it ("al-Hayya", "Chung Dong-young"): token ``i``."""
    if c.orth[i] in _DASH_IDS and not c.space[i - 1] and not c.space[i]:
        return i + 1 < len(c.orth) and c.alpha(i + 1)
    return c.orth[i - 1] in _DASH_IDS and not c.space[i - 1] and c.alpha(i) and i >= 2 and not c.space[i - 2]


def _propn(c: _Columns, i: int) -> bool:
    """Whether token ``i`` reads as a word of a name."""
    if c.lower[i] in _CALENDAR_IDS:
        return False
    if _particle(c, i) and c.small[i]:
        return True
    if c.pos[i]:
        return c.pos[i] == _PROPN_ID and c.upper[i]
    # an unparsed sentence: capitalised words that are not sentence-initial function words
    if not c.upper[i]:
        return False
    token = c.doc[i]
    return token.is_alpha and not token.is_stop and not (c.start[i] and c.lower[i] in _COMMON_INITIAL_IDS)


def _aged(c: _Columns, e: int) -> bool:
    """Whether the name ending before token ``e`` is followed by an age, as news gives a person's
    ("Yin Myint May, 60, a doctor, said")."""
    if e + 2 >= len(c.orth) or c.orth[e] != _COMMA_ID or c.orth[e + 2] != _COMMA_ID:
        return False
    age = c.strings[c.orth[e + 1]]
    return age.isdigit() and 1 <= int(age) <= 110


@functools.lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """Singular nouns that name a person by office, occupation or part ("minister", "pollster",
    "spokesman", "resident"): the role heads of :mod:`newsvoices.actors` and the person and
    unnamed-source nouns of ``data/source_nouns.csv``."""
    kinds = word_map("source_nouns.csv", "kind")
    return frozenset(ROLE_HEADS) | {w for w, k in kinds.items() if k in ("person", "source")}


def _apposed_to_person(c: _Columns, root: Callable[[int, int], Token], start: int, end: int) -> bool:
    """Whether a name stands in apposition to a singular noun naming a person ("Geoff Garin, a
    pollster and strategist"; "his Lithuanian counterpart, Dovilė Šakalienė"): a person's name,
    whatever its first name (:func:`_person_nouns`).

    Args:
        c: The Doc's columns.
        root: The root of the name at ``(start, end)`` (``Span.root``): found only when an
            apposition of the Doc is inside the name or hangs on it.
        start: The name's first token.
        end: The token after its last.
    """
    if not any(start <= k < end or (k >= end and start <= head < end) for k, head in c.appos.items()):
        return False
    top = root(start, end)
    nouns = [top.head] if top.dep_ == "appos" and top.head.i < start else []
    # its children in apposition after it, from the Doc's appositions (not every child: the
    # first token of an unparsed sentence has every other for its children)
    nouns += [c.doc[k] for k, head in c.appos.items() if head == top.i and k >= end]
    return any(n.tag_ == "NN" and n.lower_ in _person_nouns() for n in nouns)


def name_entities(doc: Doc, known_people: frozenset[str] = frozenset()) -> dict[str, str]:
    """Set ``doc.ents`` from runs of proper nouns: ``PERSON`` for people (see the module notes, and
    ``known_people``: the surnames of the registry's and discovery's people), ``ORG`` for the
    other names and for those that end in a word of ``data/organisation_words.csv`` (column
    ``mentions``: "Orlando Regional Medical Center": "Orlando" is a first name too).

    Returns:
        The surnames (lower case) of the people that only a he or she made people
        (:func:`_named_by_pronoun`) → the gender that pronoun gives them.
    """
    known_first, known_titles, real = first_names(), _title_ids(), _person_title_ids()
    nationalities = _nationality_ids()
    c = _columns(doc)
    strings, lower, n = c.strings, c.lower, len(c.orth)
    roots: dict[tuple[int, int], Token] = {}

    def root(b: int, e: int) -> Token:  # of a run, read once (Span(...), not doc[b:e]: no slice to normalise)
        found = roots.get((b, e))
        if found is None:
            found = roots[b, e] = Span(doc, b, e).root
        return found

    runs = []
    i = 0
    for k in c.starts:  # the tokens that can open a run: only they are read
        if k < i:
            continue
        i = k
        if _propn(c, i):
            j = i
            while j + 1 < n and (_propn(c, j + 1) or _hyphenated(c, j + 1)):
                j += 1
            b = i
            org = _institutional(strings[lower[j]])  # 'Orlando Regional Medical Center', 'Warren County'
            if not org:  # 'the American Legion', 'the Commerce Department' keep their first words
                while b < j and (lower[b] in known_titles or c.orth[b] in nationalities):
                    b += 1
                last_title = max((k for k in range(b, j) if lower[k] in known_titles), default=None)
                if last_title is not None:  # 'Unification Minister Chung Dong-young': the title ends at its last
                    b = last_title + 1      # title word
            if b <= j and not (b == j and lower[b] in known_titles):
                titled = (i > 0 and lower[i - 1] in real) or any(lower[k] in real for k in range(i, b))
                runs.append((b, j + 1, titled or _aged(c, j + 1) or _apposed_to_person(c, root, b, j + 1), org))
            i = j + 1
        else:
            i += 1

    lasts: dict[tuple[int, int], str] = {}

    def last(b: int, e: int) -> str:
        found = lasts.get((b, e))
        if found is None:
            words = _glued(zip([strings[orth] for orth in c.orth[b:e]], c.space[b:e]))
            found = lasts[b, e] = surname(words, particles=False).lower()
        return found

    def first(b: int, e: int) -> bool:  # opens with a first name
        return e - b >= 2 and strings[lower[b]] in known_first

    surnames = {last(b, e) for b, e, titled, org in runs if not org and (first(b, e) or titled)}
    surnames |= known_people
    revealed = _named_by_pronoun(doc, [(b, e, first(b, e) or titled or last(b, e) in surnames)
                                       for b, e, titled, org in runs if not org], root)
    surnames |= set(revealed)
    ents = []
    for b, e, titled, org in runs:
        person = not org and (first(b, e) or titled or last(b, e) in surnames)
        ents.append(Span(doc, b, e, label="PERSON" if person else "ORG"))
    doc.set_ents(ents, default="outside")
    return revealed


def _named_by_pronoun(doc: Doc, runs: list[tuple[int, int, bool]],
                      root: Callable[[int, int], Token]) -> dict[str, str]:
    """The last words (lower case) of names that nothing marks as a person's but the he or she
    of their own clause's complement, each with the gender of that pronoun: "Adel Nefzi said he
    ...", "Bob acknowledged that he was" (an organisation is an it). Not when the verb has a name
    or a pronoun for its object, whom the pronoun may be ("asked Rubio which states he could
    win"); the name is singular, not in capitals (a dateline), without a determiner or an
    adjective ("many Latinos"), and no known country, organisation or outlet.

    Args:
        doc: The parsed Doc.
        runs: ``(start, end, person)`` of its runs of proper nouns (those that end in an
            organisation word left out), ``person`` when a first name, a title or a surname
            already makes the run a person's.
        root: The root of the run at ``(start, end)`` (``Span.root``).
    """
    known = _gazetteer_name_set()
    heads: dict[int, tuple[int, int]] | None = None  # found at the first he or she that is a subject
    out: dict[str, str] = {}
    for token in _with_lower(doc, ("he", "she")):
        if token.dep_ not in SUBJECT_DEPS:
            continue
        if heads is None:
            heads = {}
            for b, e, person in runs:
                top = None if person else root(b, e)
                if top is not None and top.dep_ in SUBJECT_DEPS and top.tag_ == "NNP":
                    heads[top.head.i] = (b, e)
        if not heads:
            continue
        clause = token.head
        while clause.dep_ in ("ccomp", "xcomp", "conj") and clause.head.i != clause.i and clause.head.i not in heads:
            clause = clause.head
        if clause.dep_ not in ("ccomp", "xcomp") or clause.head.i not in heads \
                or any(c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "PRON") for c in clause.head.children):
            continue  # 'Earhardt asked Rubio which states he could win': the he may be the object's
        b, e = heads[clause.head.i]
        name = doc[b:e]
        if b < token.i and not name.text.isupper() and name.text not in known \
                and not any(c.dep_ in ("det", "amod", "nummod", "poss") for c in name.root.children):
            out.setdefault(surname(name_words(list(name)), particles=False).lower(), PERSON_PRONOUNS[token.lower_])
    return out


@functools.lru_cache(maxsize=1)
def _gazetteer_name_set() -> frozenset[str]:
    """Every name the gazetteer knows (countries, capitals, metonyms, nationalities,
    organisations, outlets)."""
    return frozenset(name for name, _, _ in _gazetteer_names())


@functools.lru_cache(maxsize=1)
def _particle_ids() -> frozenset[int]:
    """The string ids of the name particles (what ``doc.to_array(LOWER)`` holds for them)."""
    return frozenset(get_string_id(w) for w in NAME_PARTICLES)


@functools.lru_cache(maxsize=1)
def _particle_array() -> numpy.ndarray:
    """:func:`_particle_ids` as a sorted array, for ``numpy.searchsorted``."""
    return numpy.array(sorted(_particle_ids()), dtype="uint64")


def _with_lower(doc: Doc, words: Iterable[str]) -> list[Token]:
    """The tokens of ``doc`` whose lower case is one of ``words``, in order (found by the Doc's
    array of lower cases, without making a Token of every word)."""
    if not len(doc):
        return []
    wanted = numpy.unique(numpy.array([get_string_id(w) for w in words], dtype="uint64"))
    if not len(wanted):
        return []
    lowers = _columns(doc).lowers  # each looked up among the sorted wanted ones
    hits = wanted[numpy.searchsorted(wanted, lowers).clip(max=len(wanted) - 1)] == lowers
    return [doc[k] for k in hits.nonzero()[0].tolist()]


def entity_of(token: Token) -> Span | None:
    """The name (entity) holding ``token``, or ``None``."""
    if not token.ent_type_:
        return None
    doc = token.doc
    b = token.i
    while b > 0 and doc[b].ent_iob_ == "I":
        b -= 1
    e = token.i + 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return doc[b:e]


class People:
    """The people of an article, their mentions in text order and the speakers met so far."""

    def __init__(self, doc: Doc, quotes: Quotes, actors: list[Actor]) -> None:
        self.doc = doc
        self.quotes = quotes
        # token → its sentence (the dict built in C, not a Python loop over every token)
        spans = [(sentence.start, sentence.end) for sentence in sentences(doc)]
        tokens = chain.from_iterable(range(b, e) for b, e in spans)
        self.sentence_of: dict[int, int] = dict(zip(tokens, chain.from_iterable(repeat(k, e - b)
                                                                                for k, (b, e) in enumerate(spans))))
        self.by_surname: dict[str, list[Person]] = {}
        self.mentions: list[PersonMention] = []
        self.speakers: list[tuple[int, Person]] = []
        self._revealed = name_entities(doc, frozenset(surname(name.split(), particles=False).lower() for a in actors
                                                      if a.type == "person" for name in a.names))
        self._register()
        self._name(actors)
        self._chain = self._subject_pronouns()

    # -- who is named
    def _register(self) -> None:
        known_first, known_titles = first_names(), titles()
        singles = []
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            tokens = clean_name(list(ent))
            if not tokens:
                continue
            words = name_words(tokens)
            before = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            gender = known_titles.get(ent[0].lower_) or known_titles.get(before) or ""
            if len(words) == 1:
                singles.append((ent, tokens, gender))
                continue
            person = self._person(surname(words, particles=False), first_name(words))
            name = span_text(tokens)
            if name not in person.names:
                person.names.append(name)
            self._vote(person, gender or known_first.get(first_name(words).lower(), ""))
            self._mention(ent, tokens, person)
        for ent, tokens, gender in singles:
            word = tokens[0].text
            person = self.lookup([word], gender)
            if person is None:  # a first name alone: 'Hillary', 'Bernie'
                firsts = [p for ps in self.by_surname.values() for p in ps if p.first.lower() == word.lower()]
                if len(firsts) == 1:
                    person = firsts[0]
            if person is None:
                person = self._person(word, "")
                person.names.append(word)
            alone = person.surname.lower() == word.lower() and not person.first
            self._vote(person, gender or (known_first.get(word.lower(), "") if alone else ""))
            self._mention(ent, tokens, person)
        self.mentions.sort(key=lambda m: m.i)
        for person in self.people():
            if not person.votes:  # 'Adel Nefzi said he': the he tells the gender too
                self._vote(person, self._revealed.get(person.surname.lower(), ""))
            votes = {g: n for g, n in person.votes.items() if g in ("male", "female")}
            if votes:
                person.gender = max(votes, key=votes.get)
        self._pronoun_votes()

    def people(self) -> list[Person]:
        return [p for ps in self.by_surname.values() for p in ps]

    def _person(self, surname: str, first: str) -> Person:
        same = self.by_surname.setdefault(surname.lower(), [])
        for person in same:
            if not first or not person.first or person.first.lower()[:1] == first.lower()[:1]:
                if first and not person.first:
                    person.first = first
                return person
        person = Person(surname, first)
        same.append(person)
        return person

    @staticmethod
    def _vote(person: Person, gender: str) -> None:
        if gender:
            person.votes[gender] += 1

    def _mention(self, ent: Span, tokens: list[Token], person: Person) -> None:
        root = ent.root
        quoted = self.quotes.inside(root.idx)
        sentence = self.sentence_of.get(root.i, 0)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if not root.pos_:  # an unparsed sentence: a name that opens it stands for its subject
            doc = self.doc
            first = ent.start == sentence_of(ent[0]).start or (ent.start > 0 and doc[ent.start - 1].is_sent_start
                                                    and doc[ent.start - 1].is_punct)
            self.mentions.append(PersonMention(ent[-1].i, sentence, person, first and not quoted, False,
                                               span_text(tokens), False, first and not quoted, quoted, start, end))
            return
        subject = root.dep_ in SUBJECT_DEPS and not quoted
        self.mentions.append(PersonMention(
            root.i, sentence, person, subject, False, span_text(tokens),
            root.dep_ in ("compound", "poss", "nmod", "amod"), subject and root.head.dep_ == "ROOT", quoted,
            start, end))

    def _pronoun_votes(self) -> None:
        """He/she as the subject of a sentence whose previous sentence names one person only:
        that person's gender (when nothing else tells it)."""
        by_sentence: dict[int, set[int]] = {}
        for m in self.mentions:
            by_sentence.setdefault(m.sentence, set()).add(id(m.person))
        persons = {id(m.person): m.person for m in self.mentions}
        votes: dict[int, Counter] = {}
        for token in _with_lower(self.doc, PERSON_PRONOUNS):
            gender = PERSON_PRONOUNS.get(token.lower_)
            if gender is None or token.dep_ not in SUBJECT_DEPS:
                continue
            k = self.sentence_of.get(token.i, 0)
            candidates = by_sentence.get(k - 1, set()) | {id(m.person) for m in self.mentions
                                                          if m.sentence == k and m.i < token.i}
            if len(candidates) == 1:
                votes.setdefault(next(iter(candidates)), Counter())[gender] += 1
        for key, counter in votes.items():
            person = persons[key]
            if not person.gender and counter["male"] != counter["female"]:
                person.gender = "male" if counter["male"] > counter["female"] else "female"

    def lookup(self, words: list[str], gender: str = "") -> Person | None:
        """The person a name refers to: by surname, then first name; a title's gender breaks ties."""
        if not words:
            return None
        same = self.by_surname.get(surname(words, particles=False).lower())
        if not same:
            return None
        if len(words) > 1:
            given = first_name(words)
            return next((p for p in same if p.first and p.first.lower()[:1] == given.lower()[:1]), None)
        if len(same) == 1:
            return same[0]
        if gender:
            matching = [p for p in same if p.gender == gender]
            if len(matching) == 1:
                return matching[0]
        return max(same, key=lambda p: len(p.names))

    # -- how they are named
    def _name(self, actors: list[Actor]) -> None:
        """Give each person its actor: the registry's when a name matches; else a new one named by
        surname (full name when two people of the article share it), with the affiliation and roles
        discovery found for it."""
        by_word: dict[str, list[Actor]] = {}
        for actor in actors:
            if actor.type != "person":
                continue
            for name in actor.names:
                by_word.setdefault(surname(name.split(), particles=False), []).append(actor)
        shared = {s for s, ps in self.by_surname.items() if len(ps) > 1}
        for person in self.people():
            match = None
            for actor in by_word.get(person.surname, []):
                firsts = {first_name(n.split()) for n in actor.names if len(n.split()) > 1}
                if not person.first or not firsts or any(f[:1].lower() == person.first[:1].lower() for f in firsts):
                    match = actor
                    break
            if match is not None and not person.gender and match.gender in ("male", "female"):
                person.gender = match.gender
            if match is not None and match.origin == "registry":
                person.actor = match
                continue
            name = person.fullest if person.surname.lower() in shared and person.first else person.surname
            if match is not None and self._usage_name(match.name, person):
                name = match.name  # discovery's reading of the name: "Wang" of "Wang Yi", "al-Hayya"
            aliases = tuple(n for n in dict.fromkeys(person.names) if n != name)
            affiliation, roles = (match.affiliation, match.roles) if match is not None else (None, ())
            person.actor = Actor(name, "person", affiliation, aliases, roles, person.gender or None, "discovered")

    @staticmethod
    def _usage_name(name: str, person: Person) -> bool:
        """Whether discovery's name for a person is a sound one: a word of its name as written,
        its surname, or a word that is no common first name ("Hillary"; not "Chung", a census first
        name that is mostly a surname)."""
        parts = name.split()
        within = any(parts == n.split()[k : k + len(parts)] for n in person.names for k in range(len(n.split())))
        return within and (name == person.surname or name.lower() not in common_first_names())

    # -- pronouns and speakers
    def resolve_pronoun(self, token: Token) -> Person | None:
        """The person a he/she refers to: the best-scoring gender-compatible person mentioned
        shortly before (a speaker or a subject preferred, nearer better; a name inside a quotation
        or one that only modifies another noun counts less or not at all)."""
        gender = PERSON_PRONOUNS.get(token.lower_)
        if gender is None:
            return None
        self._chain_to(token.i)
        return self._antecedent(token, gender)

    def resolve_description(self, token: Token, gender: str | None = None) -> Person | None:
        """The person a definite description of a role refers to ("the senator", "the former
        secretary of state" after the person was named): scored as a pronoun's antecedent, of the
        gender the noun gives ("the congresswoman"), else of either.

        Example:
            >>> from newsvoices.parse import parse_articles
            >>> from newsvoices.corpus import Article
            >>> doc, = parse_articles([Article.from_text("a", "Sen. Marco Rubio spoke. The senator said no.")])
            >>> people = People(doc, Quotes(doc.text), [])
            >>> people.resolve_description(doc[6]).surname
            'Rubio'
        """
        self._chain_to(token.i)
        return self._antecedent(token, gender)

    def _chain_to(self, i: int) -> None:
        """Resolve, in text order, each he/she that is a subject before token ``i`` and not yet
        resolved, and keep it as a mention of its person: "She appeared to imply ... Clinton ...
        she said" then follows the chain of pronouns, not the last name."""
        chain = self._chain
        while chain and chain[-1] < i:
            token = self.doc[chain.pop()]
            if any(m.i == token.i for m in self.mentions):
                continue
            person = self._antecedent(token, PERSON_PRONOUNS[token.lower_])
            if person is not None:
                where = bisect.bisect([m.i for m in self.mentions], token.i)
                main = token.dep_ in SUBJECT_DEPS and token.head.dep_ == "ROOT" or not token.pos_
                self.mentions.insert(where, PersonMention(token.i, self.sentence_of.get(token.i, 0), person, True,
                                                          False, token.text, main=main))

    def _subject_pronouns(self) -> list[int]:
        """He and she as subjects outside quotations (in an unparsed sentence, opening it), last first."""
        found = []
        for token in _with_lower(self.doc, ("he", "she")):
            if token.lower_ not in ("he", "she") or self.quotes.inside(token.idx):
                continue
            if token.pos_:
                if token.dep_ not in SUBJECT_DEPS:
                    continue
            elif not (token.is_sent_start or token.i > 0 and self.doc[token.i - 1].is_sent_start
                      and self.doc[token.i - 1].lower_ in ("but", "and", "yet", "still", "“", '"')):
                continue
            found.append(token.i)
        return found[::-1]

    def _antecedent(self, token: Token, gender: str | None) -> Person | None:
        k = self.sentence_of.get(token.i, 0)
        best: dict[int, tuple[float, PersonMention]] = {}
        for m in reversed(self.mentions):
            if m.i >= token.i or m.quoted:
                continue
            back = k - m.sentence
            if back > 12:
                break
            if back > (12 if m.speaker else 6) or (gender is not None and m.person.gender not in (gender, "")):
                continue
            score = m.speaker + m.subject + m.main - back - m.modifier - (0.3 if not m.person.gender else 0)
            if id(m.person) not in best or score > best[id(m.person)][0]:
                best[id(m.person)] = (score, m)
        if not best:
            return None
        return max(best.values(), key=lambda x: (x[0], x[1].i))[1].person

    def said(self, token: Token, person: Person) -> None:
        """Record that ``person`` spoke through the source ``token`` (a pronoun becomes a mention)."""
        self.speakers.append((token.i, person))
        for old in self.mentions:
            if old.i == token.i or (old.person is person and abs(old.i - token.i) <= 3):
                old.speaker = old.subject = True
                old.person = person
                return
        where = bisect.bisect([m.i for m in self.mentions], token.i)
        self.mentions.insert(where, PersonMention(token.i, self.sentence_of.get(token.i, 0), person, True, True,
                                                  token.text))

    def at(self, token: Token) -> Person | None:
        """The person named by the proper noun ``token`` (its name read with what precedes it)."""
        entity = entity_of(token)
        if entity is None or token.ent_type_ != "PERSON":
            return None
        last = token.i
        while last + 1 < entity.end and not token.doc[last].whitespace_:
            last += 1  # the whole word: 'Jae-in' of 'Moon Jae-in', which the parse cuts at its hyphen
        tokens = clean_name([t for t in entity if t.i <= last])
        if not tokens:
            return None
        before = tokens[0].doc[tokens[0].i - 1].lower_ if tokens[0].i > 0 else ""
        return self.lookup(name_words(tokens), titles().get(before, ""))


# ---------------------------------------------------------------- known actors


@functools.lru_cache(maxsize=8)
def _gazetteer_names() -> tuple[tuple[str, str, Actor], ...]:
    """(name as written, kind, actor) of every name the gazetteer knows."""
    gaz = gazetteer()
    out: list[tuple[str, str, Actor]] = []
    for table in (gaz.country_names, gaz.capitals, gaz.metonyms):
        out.extend((name, "country", country_actor(country)) for name, country in table.items())
    out.extend((name, "adjective", country_actor(country)) for name, country in gaz.adjectives.items()
               if name[:1].isupper())
    out.extend((row["word"], row["kind"], _organisation_actor(row["affiliation"])) for row in rows("blocs.csv"))
    out.extend((name, "organisation", _organisation_actor(org)) for name, org in gaz.organisations.items())
    for row in rows("outlets.csv"):
        for name in [row["name"], *[a for a in row["aliases"].split("|") if a]]:
            out.append((name, "outlet", _outlet_actor(row["name"])))
    return tuple(out)


def name_start(doc: Doc, start: int) -> int:
    """The first token of the name that token ``start`` ends or continues: back over the words
    before it that are part of a name (:func:`inside_name`'s test of the word before).

    Example:
        >>> from newsvoices.nlp import load_pipeline
        >>> doc = load_pipeline().make_doc("Acme Widgets USA said so.")
        >>> name_start(doc, 2), name_start(doc, 3)
        (0, 3)
    """
    while start > 0 and _part_of_name(doc, start - 1):
        start -= 1
    return start


def inside_name(doc: Doc, start: int, end: int) -> bool:
    """Whether the country's name at tokens ``start:end`` ends a longer name ("Rep. Steve Israel",
    "New Mexico"): the word before it is part of the name (a proper noun, or in an unparsed sentence
    a capitalised word that is no common word), no nationality, country, weekday or month, nor a
    headline in capitals.
    A capital or a metonym keeps its country ("the Obama White House" is the United States)."""
    if start == 0 or doc[start:end].text not in gazetteer().country_names:
        return False
    return _part_of_name(doc, start - 1)


def _part_of_name(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is part of the name after it (see :func:`inside_name`)."""
    before = doc[i]
    if not (before.is_alpha and before.text[:1].isupper()) or (before.is_upper and len(before) > 1):
        return False  # a lower-case word, or a headline in capitals ('IN TURKEY')
    if before.text in _nationalities() or gazetteer().country_of(before.text) or before.lower_ in _CALENDAR:
        return False  # 'Iranian', 'Japan's', 'On Monday North Korea said'
    if before.lower_ == "may" and (i == 0 or doc[i - 1].lower_ in ("in", "since", "until", "by", "last", "next",
                                                                  "this", "early", "late", "mid", "of")):
        return False  # 'In May China said': the month, not a modal
    return before.tag_ in ("NNP", "NNPS") if before.tag_ else before.lower_ not in common_words()


class KnownActors:
    """Matches of the registry, discovered actors and the gazetteer in a Doc, by token."""

    def __init__(self, doc: Doc, registry: ActorRegistry, discovered: list[Actor]) -> None:
        self.doc = doc
        matcher, table = _matcher(tuple(registry.actors))
        found: list[tuple[int, int, str, Actor]] = []
        for key, start, end in matcher(doc):
            kind, actor = table[key]
            found.append((start, end, kind, actor))
        organisations = [a for a in discovered if a.type != "person"]  # people are the People's
        if organisations:
            extra = PhraseMatcher(doc.vocab, attr="ORTH")
            extra_table = {}
            nlp = load_pipeline()
            for actor in organisations:
                kind = "organisation"
                for name in actor.names:
                    key = f"d:{actor.name}:{name}"
                    extra.add(key, [nlp.make_doc(name)])
                    extra_table[doc.vocab.strings[key]] = (kind, actor)
            for key, start, end in extra(doc):
                kind, actor = extra_table[key]
                found.append((start, end, kind, actor))
        # the longest match wins; a registry or discovered actor wins over the gazetteer at the same length
        rank = {"name": 0, "organisation": 1, "country": 2, "outlet": 2, "adjective": 3}
        found.sort(key=lambda f: (f[0], -(f[1] - f[0]), rank.get(f[2], 9)))
        self.matches: list[tuple[int, int, str, Actor]] = []
        self.by_token: dict[int, tuple[int, int, str, Actor]] = {}
        end = -1
        for match in found:
            if match[0] < end or (match[2] == "country" and inside_name(doc, match[0], match[1])):
                continue
            self.matches.append(match)
            end = match[1]
            for i in range(match[0], match[1]):
                self.by_token[i] = match

    def at(self, token: Token) -> tuple[int, int, str, Actor] | None:
        """The match holding ``token``: ``(start token, end token, kind, actor)``."""
        return self.by_token.get(token.i)

    def mentions(self) -> list[Mention]:
        """The matches as :class:`Mention` records (outlets left out: they report, they are not
        spoken of)."""
        doc = self.doc
        out = []
        for start, end, kind, actor in self.matches:
            if kind == "outlet":
                continue
            span = Span(doc, start, end)
            out.append(Mention(span.start_char, span.end_char, span.text,
                               "name" if kind == "name" and actor.type == "person" else
                               ("country" if actor.type == "government" and kind == "name" else kind), actor))
        return out


@functools.lru_cache(maxsize=8)
def _matcher(actors: tuple[Actor, ...]) -> tuple[PhraseMatcher, dict[int, tuple[str, Actor]]]:
    """A phrase matcher of the gazetteer and the registry's names (one per registry)."""
    nlp = load_pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    table: dict[int, tuple[str, Actor]] = {}
    entries = list(_gazetteer_names())
    for actor in actors:
        kind = "organisation" if actor.type == "organisation" else "name"
        entries.extend((name, kind, actor) for name in actor.names)
    for n, (name, kind, actor) in enumerate(entries):
        key = f"{n}"
        matcher.add(key, [nlp.make_doc(name)])
        table[nlp.vocab.strings[key]] = (kind, actor)
    return matcher, table
