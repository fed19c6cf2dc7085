"""Actors: the registry users edit, the world table that ships with the library, and discovery.

An *actor* is anyone who can speak or be spoken of: a person, a government (a country), an
organisation or a group. Three sources feed the actors of an analysis:

* the **registry**, a CSV file users edit (``seeds/actors.csv``): one row per actor with
  ``name, type, affiliation, aliases, roles, gender`` (and optionally ``metonyms``); lists are
  ``|``-separated. Load it with :func:`load_actors`;
* the **gazetteer** that ships with the library (``newsvoices/data``): every country with its
  names, nationality adjectives, demonyms and capital, international organisations, and
  institutional metonyms such as "the Kremlin". It makes countries speakers ("Tehran
  proposed ...") and gives nationality words their country;
* **discovery** (:func:`discover_actors`): a capitalised name after a title or a nationality
  ("Iranian Foreign Minister Mohammad Javad Zarif") or in apposition to a role noun ("his
  Japanese counterpart, Taro Kono,") becomes a person with the affiliation of that word, the
  title as a role and the surname as an alias.

Example:
    >>> registry = load_actors("seeds/actors.csv")          # doctest: +SKIP
    >>> registry.to_frame()[["name", "type", "affiliation"]] # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import csv
import functools
import io
import re
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from os import PathLike
from pathlib import Path

import pandas as pd

from .lexicons import rows, word_map, word_set
from .text import decode_bytes
from .userfiles import CORRECTIONS_FILE, CUES_FILE, Corrections, UserCues, find_user_file, load_corrections, load_cues

__all__ = [
    "Actor",
    "ActorRegistry",
    "ActorsError",
    "Gazetteer",
    "discover_actors",
    "find_registry",
    "first_name",
    "gazetteer",
    "load_actors",
    "countries",
    "resolve_registry",
    "suffixed",
    "surname",
    "surname_first",
]

ACTOR_TYPES = ("person", "government", "organisation", "group")
GENDERS = ("male", "female")
REGISTRY_COLUMNS = ["name", "type", "affiliation", "aliases", "roles", "gender"]
OPTIONAL_COLUMNS = ["metonyms", "notes"]

# ---------------------------------------------------------------- shared vocabulary (English)


#: Words that form a title before a name ("Foreign Minister", "Brigadier General"):
#: ``data/title_words.csv``, part ``modifier``.
TITLE_MODIFIERS = word_set("title_words.csv", where=("part", "modifier"))
#: Heads of titles and role nouns ("President", "spokesman"); lower case: ``data/title_words.csv``,
#: part ``head``.
ROLE_HEADS = word_set("title_words.csv", where=("part", "head"))
#: Role nouns that name a relation, not an office ("his counterpart"): never stored as roles
#: (``data/title_words.csv``, part ``relational``).
RELATIONAL_ROLES = word_set("title_words.csv", where=("part", "relational"))
#: Honorifics that precede a name (``data/title_words.csv``, part ``honorific``).
HONORIFICS = word_set("title_words.csv", where=("part", "honorific"))
#: Name particles that may stand lower case inside a name ("Ursula von der Leyen"):
#: ``data/name_particles.csv``, form ``word``.
NAME_PARTICLES = word_set("name_particles.csv", where=("form", "word"))
#: Role synonyms in news English, mapped to one form for matching (``data/role_synonyms.csv``,
#: in file order).
ROLE_SYNONYMS: dict[str, str] = dict(word_map("role_synonyms.csv", "canonical"))


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Actor:
    """Someone who can speak or be spoken of.

    Attributes:
        name: Canonical name used in every table ("Rouhani", "United States").
        type: ``person``, ``government``, ``organisation`` or ``group``.
        affiliation: Country or organisation the actor belongs to ("Iran"), if known.
        aliases: Other names that refer to the actor in text (case-sensitive).
        roles: Role nouns that refer to the actor ("Iranian president"), lower case.
        gender: ``male`` / ``female`` for pronoun resolution, or ``None``.
        origin: ``registry``, ``discovered``, ``gazetteer``, ``group`` or ``anonymous``.

    Example:
        >>> Actor("Abe", "person", "Japan", aliases=("Shinzo Abe",)).names
        ('Abe', 'Shinzo Abe')
    """

    name: str
    type: str
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    gender: str | None = None
    origin: str = "registry"

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases."""
        return (self.name, *self.aliases)

    @property
    def plural(self) -> bool:
        """Groups are referred to by plural pronouns."""
        return self.type == "group"


class ActorsError(ValueError):
    """The actor registry cannot be read at all; the message names the file and the fix."""


@dataclass
class ActorRegistry:
    """The actors of an analysis, plus the problems found while reading the registry file, and the
    user's own cues and corrections (``cues.csv`` and ``corrections.csv`` beside the articles, see
    :mod:`newsvoices.userfiles`): what the user tells the tool about a corpus.

    Attributes:
        actors: Registry actors, in file order.
        problems: One row per problem: ``row`` (line in the file), ``name``, ``problem``,
            ``fix`` (what to do, then, after ``"; "``, what was done meanwhile). Rows with
            problems that make them unusable are left out of ``actors``.
        path: The file read, if any.
        cues: Reporting cues the library lacks (``cues.csv``).
        corrections: Statements to drop or re-attribute (``corrections.csv``).
    """

    actors: list[Actor] = field(default_factory=list)
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["row", "name", "problem", "fix"]))
    path: Path | None = None
    cues: UserCues = field(default_factory=UserCues)
    corrections: Corrections = field(default_factory=Corrections)

    def __iter__(self):
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def get(self, name: str) -> Actor | None:
        """Return the actor with this canonical name, or ``None``."""
        return next((a for a in self.actors if a.name == name), None)

    def to_frame(self) -> pd.DataFrame:
        """One row per actor: ``name, type, affiliation, aliases, roles, gender``."""
        return pd.DataFrame(
            [
                {"name": a.name, "type": a.type, "affiliation": a.affiliation,
                 "aliases": "|".join(a.aliases), "roles": "|".join(a.roles), "gender": a.gender}
                for a in self.actors
            ],
            columns=REGISTRY_COLUMNS,
        )


# ---------------------------------------------------------------- registry


def load_actors(path: str | PathLike[str] | None) -> ActorRegistry:
    """Read and validate an actor registry CSV.

    Columns: ``name`` (required), ``type`` (person / government / organisation / group),
    ``affiliation``, ``aliases``, ``roles``, ``metonyms`` (``|``-separated lists) and
    ``gender`` (male / female / empty). Rows that cannot be used are left out and listed in
    ``registry.problems`` with the fix; smaller problems (an unknown gender, an alias claimed
    by two actors) are fixed by dropping the bad value and listed too. A warning summarises
    the problems.

    Args:
        path: The CSV file, or ``None`` for an empty registry (discovery only).

    Raises:
        ActorsError: The file is missing, unreadable, or has no ``name`` column.

    Example:
        >>> reg = load_actors(None)
        >>> len(reg)
        0
    """
    if path is None:
        return ActorRegistry()
    path = Path(path)
    if path.is_dir():
        raise ActorsError(f"{path}: is a folder, not a CSV file: pass the actors.csv inside it")
    if not path.is_file():
        raise ActorsError(f"{path}: actor registry not found; pass an existing CSV file, or no registry at all")
    try:
        text = decode_bytes(path.read_bytes())
        reader = csv.DictReader(io.StringIO(text))
        header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
        entries = list(reader)
    except (ValueError, csv.Error) as exc:
        raise ActorsError(f"{path}: cannot be read as CSV ({exc}); save it as UTF-8 CSV") from None
    if "name" not in header:
        raise ActorsError(
            f"{path}: no 'name' column (columns: {header}); the first line must be "
            f"{','.join(REGISTRY_COLUMNS)}"
        )
    problems: list[dict] = []
    unknown = [h for h in header if h and h not in REGISTRY_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        problems.append({"row": 1, "name": "", "problem": f"unknown columns {unknown}",
                         "fix": f"use only {', '.join(REGISTRY_COLUMNS + OPTIONAL_COLUMNS)}; they are ignored"})
    actors: list[Actor] = []
    claimed: dict[str, str] = {}
    for line, raw in enumerate(entries, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        name = row.get("name", "")
        if not name:
            if any(row.values()):
                problems.append({"row": line, "name": "", "problem": "no name",
                                 "fix": "fill the name column; the row is left out"})
            continue
        kind = row.get("type", "").lower() or "person"
        if kind in ("country", "state"):
            kind = "government"
        if kind == "organization":
            kind = "organisation"
        if kind not in ACTOR_TYPES:
            problems.append({"row": line, "name": name,
                             "problem": f"type {row.get('type')!r} is not known (valid types: {', '.join(ACTOR_TYPES)})",
                             "fix": "write one of these types in the type column; the row is left out"})
            continue
        if any(a.name == name for a in actors):
            problems.append({"row": line, "name": name, "problem": "name used by an earlier row",
                             "fix": "merge the rows or rename one; this row is left out"})
            continue
        gender = row.get("gender", "").lower() or None
        if gender in ("m", "man"):
            gender = "male"
        if gender in ("f", "woman"):
            gender = "female"
        if gender is not None and gender not in GENDERS:
            problems.append({"row": line, "name": name, "problem": f"gender {row['gender']!r} is not known",
                             "fix": "use male, female or leave it empty; it is ignored"})
            gender = None
        aliases = []
        for alias in _split(row.get("aliases", "")) + _split(row.get("metonyms", "")):
            owner = claimed.get(alias)
            if owner and owner != name:
                problems.append({"row": line, "name": name, "problem": f"alias {alias!r} is also {owner}'s",
                                 "fix": "give each alias to one actor; it is dropped here"})
                continue
            if alias != name and alias not in aliases:
                aliases.append(alias)
        for n in [name, *aliases]:
            claimed.setdefault(n, name)
        roles = tuple(dict.fromkeys(r.lower() for r in _split(row.get("roles", ""))))
        actors.append(Actor(name, kind, row.get("affiliation") or None, tuple(aliases), roles, gender))
    frame = pd.DataFrame(problems, columns=["row", "name", "problem", "fix"])
    if len(frame):
        warnings.warn(
            f"{path}: {len(frame)} problem(s) in the actor registry; see registry.problems: "
            + "; ".join(f"row {p['row']}: {p['problem']} ({p['fix']})" for p in problems[:3]),
            stacklevel=2,
        )
    return ActorRegistry(actors, frame, path)


def find_registry(corpus_root: str | PathLike[str] | None, actors: str | PathLike[str] | None = None) -> Path | None:
    """Return the registry to use: ``actors`` if given, else ``actors.csv`` beside the corpus."""
    if actors:
        return Path(actors)
    if corpus_root is not None:
        candidate = Path(corpus_root) / "actors.csv"
        if candidate.is_file():
            return candidate
    return None


def resolve_registry(corpus_root: str | PathLike[str] | None,
                     actors: ActorRegistry | str | PathLike[str] | None,
                     cues: str | PathLike[str] | None = None,
                     corrections: str | PathLike[str] | None = None) -> ActorRegistry:
    """The registry to use: ``actors`` itself, the CSV file it names, or (``None``)
    ``actors.csv`` in ``corpus_root`` when there is one, else an empty registry (discovery only);
    with the user's cues and corrections: the files ``cues`` and ``corrections`` name, else those
    the registry holds, else ``cues.csv`` and ``corrections.csv`` in ``corpus_root`` when there
    are (see :mod:`newsvoices.userfiles`).

    Example:
        >>> registry = resolve_registry(None, None)
        >>> len(registry), len(registry.cues), len(registry.corrections)
        (0, 0, 0)
    """
    registry = actors if isinstance(actors, ActorRegistry) else load_actors(find_registry(corpus_root, actors))
    if cues or not (registry.cues.path or len(registry.cues)):
        found = find_user_file(corpus_root, CUES_FILE, cues)
        if found is not None:
            registry = replace(registry, cues=load_cues(found))  # a copy: the caller's registry stays as it is
    if corrections or not (registry.corrections.path or len(registry.corrections)):
        found = find_user_file(corpus_root, CORRECTIONS_FILE, corrections)
        if found is not None:
            registry = replace(registry, corrections=load_corrections(found))
    return registry


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


# ---------------------------------------------------------------- gazetteer


@dataclass(frozen=True)
class Gazetteer:
    """The world table shipped with the library: countries, organisations, metonyms.

    Attributes:
        country_names: Any name, short form or capital → country ("Tehran" → "Iran").
        adjectives: Nationality adjective or demonym → country ("Iranian" → "Iran").
        organisations: Name or alias → canonical organisation name.
        metonyms: Institution → country ("the Kremlin" → "Russia").
    """

    country_names: dict[str, str]
    capitals: dict[str, str]
    adjectives: dict[str, str]
    demonyms_plural: dict[str, str]
    organisations: dict[str, str]
    metonyms: dict[str, str]

    def country_of(self, word: str) -> str | None:
        """Country for a name, capital, metonym, adjective or demonym; ``None`` if none.

        Example:
            >>> gazetteer().country_of("Japanese"), gazetteer().country_of("Tehran")
            ('Japan', 'Iran')
        """
        w = word.strip()
        if w.lower().startswith("the "):
            w2 = w[4:]
        else:
            w2 = w
        for table in (self.country_names, self.metonyms, self.capitals, self.adjectives):
            for key in (w, w2):
                if key in table:
                    return table[key]
        return None


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load (once) the country, organisation and metonym tables shipped with the library."""
    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    plural: dict[str, str] = {}
    for row in rows("countries.csv"):
        country = row["country"]
        for n in [country, *_split(row["names"])]:
            names.setdefault(n, country)
            if n.startswith("the "):
                names.setdefault(n[4:], country)
        for c in _split(row["capital"]):
            if c != country:
                capitals.setdefault(c, country)
        for a in _split(row["adjectives"]):
            adjectives.setdefault(a, country)
        for d in _split(row["demonyms"]):
            adjectives.setdefault(d, country)
            if d.endswith("s") and d[:-1] in adjectives:
                plural.setdefault(d, country)
    orgs: dict[str, str] = {}
    for row in rows("organisations.csv"):
        for n in [row["name"], *_split(row["aliases"])]:
            orgs.setdefault(n, row["name"])
            if n.startswith("the "):
                orgs.setdefault(n[4:], row["name"])
    metonyms = {}
    for row in rows("metonyms.csv"):
        metonyms[row["name"]] = row["country"]
        if row["name"].startswith("the "):
            metonyms.setdefault(row["name"][4:], row["country"])
    return Gazetteer(names, capitals, adjectives, plural, orgs, metonyms)


def countries() -> pd.DataFrame:
    """The shipped country table: ``country, iso3, names, adjectives, demonyms, capital``.

    Example:
        >>> countries().set_index("country").loc["Japan", "capital"]
        'Tokyo'
    """
    return pd.DataFrame(rows("countries.csv"))


# ---------------------------------------------------------------- discovery

_CAP = r"(?:[A-Z]\.|[A-Z][\w’'\-]*)"  # a capitalised word or an initial ("J.")
_PARTICLE = r"(?:" + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True)) + r")(?:[ \-])"
# A personal name: 1-4 capitalised words with optional lower-case particles, on one line.
NAME_RE = re.compile(rf"{_CAP}(?:[ \t]+(?:{_PARTICLE})*{_CAP}){{0,3}}")


def _norm_role(text: str) -> str:
    t = " ".join(text.lower().replace("’", "'").split())
    for key in sorted(ROLE_SYNONYMS, key=len, reverse=True):
        t = re.sub(rf"\b{re.escape(key)}\b", ROLE_SYNONYMS[key], t)
    return t


@functools.lru_cache(maxsize=16384)
def role_core(role: str) -> str:
    """A role without nationality words, normalised: "Japanese premier" → "prime minister".

    Example:
        >>> role_core("the Japanese defense chief")
        'defense minister'
    """
    gaz = gazetteer()
    words = [w for w in role.split() if w.lower() not in ("the", "a", "an", "his", "her", "its", "their")]
    words = [w for w in words if not any(gaz.country_of(v) for v in (w, w.capitalize(), w.upper(), re.sub(r"[’']s$", "", w)))]
    return _norm_role(" ".join(words))


def _is_title_word(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in TITLE_MODIFIERS or w in ROLE_HEADS or w in HONORIFICS


def discover_actors(text: str, registry: ActorRegistry | None = None) -> list[Actor]:
    """Find people introduced by a title, a nationality or an apposition in ``text``.

    A discovered person gets its full name as written, its surname as an alias, the title
    as a role (with and without the nationality word) and the affiliation of the nationality
    word, country, capital, metonym or organisation in front of the title. A person already
    in ``registry`` (by full name or surname) is not discovered again.

    Example:
        >>> [a.name for a in discover_actors("Iranian Foreign Minister Mohammad Javad Zarif said ...")]
        ['Zarif']
        >>> discover_actors("Iranian Foreign Minister Mohammad Javad Zarif said ...")[0].affiliation
        'Iran'
    """
    gaz = gazetteer()
    known: dict[str, Actor] = {}
    for actor in registry or []:
        for n in actor.names:
            known[n] = actor
    found: dict[str, Actor] = {}
    for full, title, affiliation in _titled_names(text, gaz):
        _add_discovered(found, known, full, title, affiliation)
    for full, role, affiliation in _appositions(text, gaz):
        _add_discovered(found, known, full, role, affiliation)
    usage = _word_counts(text)
    phrases = _Phrases(text, {p for actor in found.values() for p in _usage_phrases(actor)})
    named = [_name_by_usage(actor, text, usage, phrases) for actor in found.values()]
    named.extend(_organisations(text, gaz, {a.name for a in named} | set(known)))
    counts = Counter(a.name for a in named)
    return [
        replace(a, name=max(a.aliases, key=len)) if counts[a.name] > 1 and a.aliases else a
        for a in named
    ]


#: Last words of organisation names ("Joint Chiefs of Staff", "Argentine Industrial Union"):
#: ``data/organisation_words.csv``, column ``organisations``.
ORGANISATION_ENDINGS = word_set("organisation_words.csv", where=("organisations", "1"))
_ORG = re.compile(
    r"(?:(?P<owner>[A-Z][\w.\-]*(?:[ \t][A-Z][\w\-]*)?)[’']s[ \t]+|(?<![\w’'-])(?:the|The)[ \t]+)"
    r"(?P<name>(?:[A-Z][\w\-]*[ \t]+(?:(?:of|for|and|on)[ \t]+)?){0,5}[A-Z][\w\-]*)"
)


def _organisations(text: str, gaz: Gazetteer, taken: set[str]) -> list[Actor]:
    """Organisations named in the text: "South Korea's Joint Chiefs of Staff", "the Argentine
    Industrial Union". The owner or the nationality word gives the affiliation; the name is
    "<Nationality adjective> <Name>"; the acronym of the name ("JCS") is an alias."""
    found: dict[str, Actor] = {}
    for mt in _ORG.finditer(text):
        words = mt.group("name").split()
        if words[-1].lower() not in ORGANISATION_ENDINGS or len(words) < 2:
            continue
        owner = mt.group("owner")
        country = gaz.country_of(owner) if owner else None
        if owner and not country:
            continue  # "Netanyahu's office": a person's office is not named here
        if not country and gaz.country_of(words[0]) and words[0] in gaz.adjectives:
            country, words = gaz.country_of(words[0]), words[1:]
        core = " ".join(words)
        if core in gaz.organisations or f"the {core}" in gaz.organisations or core in taken:
            continue
        if any(f"{a} {core}" in taken for a, c in gaz.adjectives.items() if c == country):
            continue  # already in the registry under its adjective form
        if not country and len(words) < 3:
            continue  # "the Foreign Ministry" alone: a role noun, resolved in context
        adjective = next((a for a, c in gaz.adjectives.items() if c == country and a[0].isupper()
                          and not a.endswith("s") and "." not in a and not a.isupper()), country) if country else ""
        name = f"{adjective} {core}".strip()
        initials = "".join(w[0] for w in words if w[0].isupper())
        aliases = tuple(dict.fromkeys(a for a in (core, initials if len(initials) >= 3 else "") if a and a != name))
        found.setdefault(name, Actor(name, "organisation", country, aliases, (), None, "discovered"))
    return list(found.values())


def _word_counts(text: str) -> Counter:
    """How often each word stands in ``text`` (hyphens inside words kept)."""
    return Counter(_USAGE_WORD.findall(text))


# a word standing alone; not the "Don" of "Don’t" (a contraction in n’t), which made "Don Stewart" "Don"
_USAGE_WORD = re.compile(r"(?<![\w’'-])[\w-]++(?![’']t\b)")


class _Phrases:
    """Where phrases of two words or more occur in one text (every occurrence, as ``str.find``
    finds them), looked up without searching the whole text once per phrase: that made naming
    the people of a long text grow with the square of its length.

    With a few phrases, each is searched for (``str.find`` is fast). With many, the text is
    read once: from its second word on, a phrase stands at the start of a run of non-space
    characters (white space comes before it), so the runs are indexed by their first
    characters and each phrase is checked only where its own rest could start.

    Example:
        >>> _Phrases("Ali Khan met Ali Khanov.", ["Ali Khan"]).starts("Ali Khan")
        [0, 13]
    """

    #: Phrases from which the text is indexed. A search costs about 0.3 ms per phrase and MB
    #: of text, indexing 100 to 180 ms per MB (measured here on 4 KB to 1 MB of news): the
    #: index pays from 300 to 600 phrases. Either way the cost grows with the text, linearly.
    INDEX_FROM = 300
    #: Characters of a run start that key the index.
    KEY = 4

    def __init__(self, text: str, phrases) -> None:
        self.text = text
        self.rest: dict[str, tuple[str, int]] = {}  # phrase → (the phrase from its second word, where that starts)
        for phrase in phrases:
            mt = _SECOND_WORD.search(phrase)
            if mt is None:
                raise ValueError(f"not a phrase of two words or more: {phrase!r}")
            self.rest[phrase] = (phrase[mt.start(1) :], mt.start(1))
        self.at: dict[str, list[int]] | None = None  # key → run starts, when indexed
        if len(self.rest) >= self.INDEX_FROM:
            keys = {rest[: self.KEY] for rest, _ in self.rest.values()}
            lengths = sorted({len(key) for key in keys})
            self.at = {key: [] for key in keys}
            size = len(text)
            for mt in _RUN.finditer(text):
                start = mt.start()
                for k in lengths:
                    if start + k > size:
                        break  # the key would be cut short (and found twice)
                    found = self.at.get(text[start : start + k])
                    if found is not None:
                        found.append(start)

    def starts(self, phrase: str) -> list[int]:
        """Every position where ``phrase`` (one of those given) occurs, overlaps included."""
        if phrase not in self.rest:
            raise KeyError(f"{phrase!r} was not among the phrases to find")
        text = self.text
        if self.at is None:
            found, at = [], text.find(phrase)
            while at != -1:
                found.append(at)
                at = text.find(phrase, at + 1)
            return found
        rest, offset = self.rest[phrase]
        return [at - offset for at in self.at[rest[: self.KEY]] if at >= offset and text.startswith(phrase, at - offset)]


_SECOND_WORD = re.compile(r"\s(\S)")
_RUN = re.compile(r"\S+")


def _without_overlaps(starts: list[int], length: int) -> list[int]:
    """The spans of ``length`` at ``starts`` (sorted) that a left-to-right search finds."""
    kept: list[int] = []
    end = 0
    for start in starts:
        if start >= end:
            kept.append(start)
            end = start + length
    return kept


def _full_name(actor: Actor) -> str:
    return max(actor.aliases, key=len, default=actor.name)


def _case_forms(word: str) -> set[str]:
    """``word`` with its first letter upper-cased and lower-cased (which may change its length:
    "ß".upper() is "SS")."""
    return {word[:1].upper() + word[1:], word[:1].lower() + word[1:]}


def _usage_phrases(actor: Actor) -> list[str]:
    """The phrases :func:`_name_by_usage` looks for when naming ``actor``: its full name and
    the name's tails of two words or more, with the first letter in either case."""
    parts = _full_name(actor).split()
    if len(parts) < 2:
        return []
    return [_full_name(actor), *(form for i in range(1, len(parts) - 1) for form in _case_forms(" ".join(parts[i:])))]


def _count_outside(text: str, phrase: str, phrases: _Phrases, full_at: list[int], full_length: int) -> int:
    r"""How often ``phrase`` (first letter in either case) stands as words of its own outside
    the full name at ``full_at``: the matches of ``(?<![\w’'-])[Pp]hrase(?![\w-])`` in the
    text with each full name replaced by a space (but for a phrase that the replacing itself
    would make, as "Javad" + the full name + "Zarif" makes "Javad Zarif")."""
    ends = {start + full_length for start in full_at}
    full_at_set = set(full_at)

    def outside(start: int, end: int) -> bool:
        i = bisect.bisect_right(full_at, end - 1) - 1  # the last full name starting in the phrase
        return i < 0 or full_at[i] + full_length <= start

    def alone(start: int, end: int) -> bool:  # a replaced full name leaves a space
        return ((start == 0 or start in ends or not _joined_before(text[start - 1]))
                and (end == len(text) or end in full_at_set or not _joined_after(text[end])))

    found = sorted((s, s + len(form)) for form in _case_forms(phrase) for s in phrases.starts(form)
                   if outside(s, s + len(form)) and alone(s, s + len(form)))
    count, last_end = 0, 0
    for start, end in found:  # left to right, without overlaps, whichever the case
        if start >= last_end:
            count, last_end = count + 1, end
    return count


def _joined_before(ch: str) -> bool:
    return ch.isalnum() or ch in "_’'-"


def _joined_after(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def _name_by_usage(actor: Actor, text: str, usage: Counter | None = None, phrases: _Phrases | None = None) -> Actor:
    """Name a person by the part of the full name the article itself uses on its own:
    "Mao Ning" → "Mao" when the text later says "Mao said", "Moussa Faki Mahamat" → "Faki";
    Western order ("Taro Kono" → "Kono") when nothing else is used.

    ``usage`` (:func:`_word_counts`) and ``phrases`` (a :class:`_Phrases` of at least
    :func:`_usage_phrases`) may be given when several people of one text are named: found once
    for all of them, so that naming them does not search a long text again per person."""
    full = _full_name(actor)
    parts = full.split()
    if len(parts) < 2:
        return actor
    words = usage if usage is not None else _word_counts(text)
    phrases = phrases if phrases is not None else _Phrases(text, _usage_phrases(actor))
    full_at = _without_overlaps(phrases.starts(full), len(full))
    in_full = len(full_at)

    @functools.cache
    def alone(word: str) -> int:
        """Times ``word`` stands outside the full name (first letter in either case)."""
        if " " in word:
            return _count_outside(text, word, phrases, full_at, len(full))
        forms = {word[0].upper() + word[1:], word[0].lower() + word[1:]}
        return sum(words[f] for f in forms) - in_full * sum(1 for p in parts if p in forms)

    gaz = gazetteer()
    family = surname(parts)  # "Chung Dong-young": Chung (surname_first)
    tails = [" ".join(parts[i:]) for i in range(1, len(parts) - 1)]  # "García Harfuch"
    for tail in tails:  # a longer tail wins when its last word is never used without it
        if alone(tail) and alone(tail) == alone(parts[-1]):
            return replace(actor, name=tail, aliases=tuple(dict.fromkeys([*actor.aliases, actor.name])))
    bare = [p.split("-", 1)[1] for p in parts if _HYPHEN_PARTICLE.match(p)]  # "al-Ansari" → "Ansari"
    named = len(parts)
    while suffixed(parts[:named]):  # "Joseph F. Dunford Jr" is never named "Jr"
        named -= 1
    candidates = [family, *bare] + [p for p in parts[:named] if p[:1].isupper() and p not in family.split()]
    candidates = [c for c in candidates if not gaz.country_of(c)]  # "Israel Katz" is not "Israel"
    best = max(candidates, key=lambda p: (alone(p), p == family), default=actor.name)
    if best != actor.name and (alone(best) > alone(actor.name) or best == family):
        return replace(actor, name=best, aliases=tuple(dict.fromkeys([*actor.aliases, actor.name])))
    return actor


def _add_discovered(found: dict[str, Actor], known: dict[str, Actor], full: str, title: str, affiliation: str | None) -> None:
    parts = full.split()
    family = surname(parts)
    if full in known or family in known:
        return
    gaz = gazetteer()
    if gaz.country_of(full) or full in gaz.organisations or gaz.country_of(family):
        return
    roles = [r for r in (role_core(seg) for seg in _title_segments(title)) if r and r not in RELATIONAL_ROLES]
    existing = found.get(family)
    if existing is not None:
        merged = replace(
            existing,
            affiliation=existing.affiliation or affiliation,
            aliases=tuple(dict.fromkeys([*existing.aliases, full])) if full != family else existing.aliases,
            roles=tuple(dict.fromkeys([*existing.roles, *roles])),
        )
        found[family] = merged
        return
    aliases = tuple(a for a in dict.fromkeys([full]) if a != family)
    found[family] = Actor(family, "person", affiliation, aliases, tuple(dict.fromkeys(roles)), None, "discovered")


def _title_segments(title: str) -> list[str]:
    """Split a title run at each head: "Defense Minister Brigadier General" → two roles."""
    segments, current = [], []
    words = title.split()
    for i, word in enumerate(words):
        current.append(word)
        next_word = words[i + 1] if i + 1 < len(words) else ""
        if word.lower().rstrip(".") in ROLE_HEADS and next_word != "of":
            segments.append(" ".join(current))
            current = []
    if current and segments and current[0] == "of":
        segments[-1] += " " + " ".join(current)
    return segments or [title]


#: Capitalised words that end institution names, never personal names (``data/organisation_words.csv``,
#: column ``discovery``).
INSTITUTION_WORDS = word_set("organisation_words.csv", where=("discovery", "1"))


def suffixed(words: Sequence[str]) -> bool:
    """Whether a name ends in a generational suffix (``data/name_suffixes.csv``) after a first name
    and a surname ("Robert P. Casey Jr."; not "Donald Jr.", where the suffix tells who is meant)."""
    return len(words) > 2 and words[-1].lower() in word_set("name_suffixes.csv")


def surname_first(words: Sequence[str]) -> bool:
    """Whether a name is written surname first, as English news writes Chinese and Korean names
    ("Xi Jinping", "Kim Jong Un", "Moon Jae-in"): it opens with a surname of
    ``data/surname_first.csv`` and its given name is no common English first name
    (``data/first_names.csv``), or any surname opens it before a romanised Korean given name
    ("Chung Dong-young"). A surname that is an English name or word too ("Kim", "Lee") counts
    only before a given name of two words or a hyphenated one ("Kim Jong Un", not "Kim Wells").

    Example:
        >>> [surname_first(n.split()) for n in ("Xi Jinping", "Kim Jong Un", "Kim Wells", "Lee Harvey Oswald")]
        [True, True, False, False]
    """
    if not 2 <= len(words) <= 3 or not words[0][:1].isupper():
        return False
    ambiguous = word_map("surname_first.csv", "ambiguous").get(words[0].lower())
    given = words[1:]
    if ambiguous is None:  # an unlisted surname before a romanised Korean given name ("Chung Dong-young")
        return len(given) == 1 and _KOREAN_GIVEN.fullmatch(given[0]) is not None
    if any(w.lower() in word_set("first_names.csv") for w in given):
        return False
    two_part = len(given) == 2 or ("-" in given[0] and given[0].split("-", 1)[1][:1].islower())
    return two_part or ambiguous == "0"


def first_name(words: Sequence[str]) -> str:
    """The first (given) name of a name of two words or more: its first word, or its second when the
    name is written surname first (:func:`surname_first`).

    Example:
        >>> first_name("Hillary Clinton".split()), first_name("Xi Jinping".split())
        ('Hillary', 'Jinping')
    """
    return words[1] if len(words) > 1 and surname_first(words) else words[0]


def surname(words: Sequence[str], *, particles: bool = True) -> str:
    """The surname of a name given as its words: the last word, not a generational suffix
    (``data/name_suffixes.csv``), with the name particles before it (``NAME_PARTICLES``; a first
    word only when written in lower case: "de Blasio", not "Al Gore").

    Args:
        words: The name's words ("Ursula", "von", "der", "Leyen").
        particles: Whether the particles belong to the surname. Without them the surname is the
            one word that "Ursula von der Leyen", "von der Leyen" and "Leyen" share, however a text
            writes or drops the particles ("Chris Van Hollen", "Van Hollen", "Hollen"): the key
            that finds one person's mentions.

    Example:
        >>> surname("Ursula von der Leyen".split()), surname("Ursula von der Leyen".split(), particles=False)
        ('von der Leyen', 'Leyen')
        >>> surname(["Robert", "P.", "Casey", "Jr."]), surname(["Donald", "Jr."]), surname(["Xi", "Jinping"])
        ('Casey', 'Jr.', 'Xi')
    """
    while suffixed(words):
        words = words[:-1]
    if not words:
        return ""
    if surname_first(words):
        return words[0]
    i = len(words) - 1
    while particles and i > 0 and words[i - 1].lower().rstrip("-") in NAME_PARTICLES and (i > 1 or words[0][:1].islower()):
        i -= 1
    return " ".join(words[i:])


def _titled_names(text: str, gaz: Gazetteer):
    """Yield (full name, title, affiliation) for 'ADJ? TITLE+ NAME' phrases."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TITLED_TOKEN.finditer(text)]
    n = len(tokens)
    after = 0
    # a phrase can only start at a title word: visit those, not every word of the text
    for i in [k for k, t in enumerate(tokens) if _opens_title(t[2])]:
        if i < after:
            continue
        # a title run: title words (any case for heads, capitalised modifiers)
        j = i
        while j < n:
            word = tokens[j][2]
            if _is_title_word(word) and _title_case_ok(word):
                j += 1
            elif word == "of" and j > i and j + 1 < n and _is_title_word(tokens[j + 1][2]) and tokens[j + 1][2][0].isupper():
                j += 1  # "Secretary of State", "Minister of Foreign Affairs"
            else:
                break
        if j == i or not _ends_with_head(tokens[i:j]):
            after = i + 1
            continue
        # the name: capitalised tokens right after the title, on the same line
        k = j
        name_tokens: list[str] = []
        while k < n and len(name_tokens) < 5:
            word = tokens[k][2]
            gap = text[tokens[k - 1][1] : tokens[k][0]]
            if gap.strip() not in ("",) or "\n" in gap:
                break
            if word[0].isupper() and not _is_title_word(word) and (
                not gaz.country_of(word) or _capital_follows(tokens, k + 1, same_line_of=text)
            ):
                name_tokens.append(word)  # "Israel Katz": a country word inside a name
            elif _HYPHEN_PARTICLE.match(word):
                name_tokens.append(word)  # "Khalil al-Hayya"
            elif word.lower().rstrip("-") in NAME_PARTICLES and name_tokens and _capital_follows(tokens, k + 1):
                name_tokens.append(word)
            else:
                break
            k += 1
        name_tokens = _trim_name(name_tokens)
        if name_tokens and _looks_like_name(name_tokens):
            title = " ".join(t[2] for t in tokens[i:j])
            affiliation = _affiliation_before(text, tokens, i, gaz)
            yield " ".join(name_tokens), title, affiliation
            after = k
        else:
            after = j if j > i else i + 1


_TITLED_TOKEN = re.compile(r"[\w’'.\-]+")


@functools.lru_cache(maxsize=65536)
def _opens_title(word: str) -> bool:
    return _is_title_word(word) and _title_case_ok(word)


def _capital_follows(tokens, k: int, same_line_of: str | None = None) -> bool:
    """True if, after any further particles, a capitalised word comes ("von der Leyen")."""
    while k < len(tokens) and tokens[k][2].lower().rstrip("-") in NAME_PARTICLES:
        k += 1
    if k >= len(tokens) or not tokens[k][2][:1].isupper():
        return False
    if same_line_of is not None:  # directly after, not across punctuation
        return same_line_of[tokens[k - 1][1] : tokens[k][0]].strip() == ""
    return True


#: A romanised Korean given name ("Dong-young", "Jae-myung"): the family name comes first.
_KOREAN_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")
#: "al-Hayya", "bin-Salman", "el-Sisi": a particle joined to a capitalised name (``data/name_particles.csv``,
#: form ``hyphen``).
_HYPHEN_PARTICLE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, word_set("name_particles.csv", where=("form", "hyphen"))), key=len, reverse=True))
    + ")-[A-Z]")


def _title_case_ok(word: str) -> bool:
    # modifiers must be capitalised ("Foreign Minister"); heads may be lower case ("spokesman")
    w = word.lower().rstrip(".")
    return word[0].isupper() or w in ROLE_HEADS


def _ends_with_head(run: list[tuple[int, int, str]]) -> bool:
    """The run holds a head ("Secretary of State" ends in its complement)."""
    last = run[-1][2].lower().rstrip(".")
    words = [t[2].lower().rstrip(".") for t in run]
    return last in ROLE_HEADS or last in HONORIFICS or ("of" in words and any(w in ROLE_HEADS for w in words))


#: An initial ("J."), and a possessive ending ("Kono's"): compiled once (``re.sub`` with a pattern
#: string looks it up in re's cache at every call, and discovery calls it for every name word).
_INITIAL = re.compile(r"[A-Z]\.")
_POSSESSIVE_END = re.compile(r"[’']s$")


def _trim_name(tokens: list[str]) -> list[str]:
    out = [t.rstrip(".,") if not _INITIAL.fullmatch(t) else t for t in tokens]
    out = [_POSSESSIVE_END.sub("", t) for t in out]
    while out and out[-1].lower() in NAME_PARTICLES:
        out.pop()
    return [t for t in out if t]


def _looks_like_name(tokens: list[str]) -> bool:
    if not tokens or tokens[-1].lower() in INSTITUTION_WORDS:
        return False
    if any(_HYPHEN_PARTICLE.match(t) for t in tokens):
        return True
    if all(t.isupper() and len(t) > 1 for t in tokens):  # acronyms: IAEA, UN
        return False
    return all(t[0].isupper() or t.lower() in NAME_PARTICLES for t in tokens)


def _affiliation_before(text: str, tokens, i: int, gaz: Gazetteer) -> str | None:
    """Country or organisation named in the 1-4 words before a title."""
    # longest match first: "European Commission President", "Chinese Foreign Ministry spokesperson"
    window_start = max(0, i - 4)
    for s in range(window_start, i):
        phrase = text[tokens[s][0] : tokens[i - 1][1]] if i > s else ""
        if not phrase:
            continue
        phrase_clean = _POSSESSIVE_END.sub("", phrase)
        if phrase_clean in gaz.organisations:
            return gaz.organisations[phrase_clean]
    for s in range(i - 1, window_start - 1, -1):
        word = _POSSESSIVE_END.sub("", tokens[s][2])
        country = gaz.country_of(word)
        if country:
            return country
        if word in gaz.organisations:
            return gaz.organisations[word]
    # the title itself may carry the nationality ("Iranian Defense Minister" when the
    # adjective is part of the run)
    return None


_APPOSITION_ROLE_FIRST = re.compile(
    r"(?:the|his|her|its|their)\s+(?P<role>(?:[A-Z][a-z]+\s+)?(?:[a-z\-]+\s+){0,2}?(?:" +
    "|".join(sorted((re.escape(h) for h in ROLE_HEADS), key=len, reverse=True)) +
    r")),\s+(?P<name>" + NAME_RE.pattern + r"),"
)
_APPOSITION_NAME_FIRST = re.compile(
    r"(?P<name>" + NAME_RE.pattern + r"),\s+(?:(?:the|a|an)\s+)?(?P<role>(?:[A-Z][a-z]+\s+)?(?:[a-z\-]+\s+){0,2}?(?:" +
    "|".join(sorted((re.escape(h) for h in ROLE_HEADS), key=len, reverse=True)) +
    r"))\b"
)


def _appositions(text: str, gaz: Gazetteer):
    """Yield (full name, role, affiliation) for 'his Japanese counterpart, Taro Kono,' and
    'Taro Kono, the Japanese defense minister,'."""
    for rx in (_APPOSITION_ROLE_FIRST, _APPOSITION_NAME_FIRST):
        for m in rx.finditer(text):
            tokens = _trim_name(m.group("name").split())
            if not tokens or not _looks_like_name(tokens) or any(_is_title_word(t) for t in tokens):
                continue
            if len(tokens) < 2:  # a single capitalised word is too often a place or a thing
                continue
            role = m.group("role")
            first = role.split()[0]
            affiliation = gaz.country_of(first)
            yield " ".join(tokens), role, affiliation
