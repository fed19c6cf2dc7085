"""Speaker attribution: who is reported saying what, in direct quotes and reported speech.

The pipeline, per article:

1. **Mentions** (:func:`find_mentions`): every reference to a possible speaker — registry and
   discovered names, countries, capitals and institutional metonyms, organisations, role nouns
   ("the Iranian president"), groups ("Senior Japanese officials"), unnamed sources ("an
   official", "a Western diplomat"), joint references ("the two sides") and pronouns. Each is
   marked as possessive (``Abe’s visit``) or *governed* (after a preposition or a verb: an
   object, never a speaker).
2. **Cues** (:data:`CUES`, ``data/cues.csv``): a lexicon of reporting verbs and phrases in
   every inflection — communication (said, told, added, noted), emphasis (stressed,
   underlined), directives (urged, called for), evaluation (praised, censured, rejected,
   described ... as), and ``according to``. Ambiguous verbs ("added", "maintained", "noted",
   "described") count only with a complement that makes them speech: ``that``, a clause, a
   quote, ``as``, or a trailing position (``..., Abe added.``).
3. **Speaker of a cue**: the nearest subject-position mention before it in its clause (skipping
   parentheticals such as ``, who spoke on condition of anonymity,``), or the mention right
   after it (``said Kono``, ``according to X``). Participle cues (``, adding that``,
   ``, urging Japan to``) and conjoined ones (``rejected ... and said``) share the speaker of
   their main clause. Cues inside the content of another cue (``said Tokyo hopes that
   Washington has maintained ...``) are not new statements.
4. **Resolution**: pronouns to the most recent compatible speaker or subject (gender and number
   respected; people only mentioned inside the statement are excluded); role nouns to the
   most recent actor holding that role (nationality respected), else to the registry; joint
   references to the article's two principal actors; unnamed sources get their nationality
   from the phrase or from the latest group of the same kind ("Senior Japanese officials ...
   an official said" → "Japanese official (anonymous)").
5. **Statements**: a statement is the sentence holding the cue, extended over every sentence
   its quotation spans, plus a quote-only sentence whose cue comes in the next sentence of
   the paragraph; a quote-only sentence after a statement continues it (``continuation``).

Example:
    >>> import newsvoices as nv
    >>> corpus = nv.load_corpus("seeds")                    # doctest: +SKIP
    >>> nv.statements(corpus)[["speaker", "cue", "mode"]]   # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import csv
import functools
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from importlib import resources

import pandas as pd

from .actors import INSTITUTION_WORDS as _INSTITUTION_WORDS
from .actors import ROLE_HEADS, Actor, ActorRegistry, discover_actors, gazetteer, role_core
from .actors import TITLE_MODIFIERS as _TITLE_MODIFIERS
from .corpus import Article, Corpus
from .records import MENTION_COLUMNS, STATEMENT_COLUMNS
from .text import quote_spans, trie_pattern

__all__ = [
    "PREPOSITIONS",
    "cue_lexicon",
    "Statement",
    "Mention",
    "ArticleAnalysis",
    "analyse_article",
    "attribute_article",
    "find_mentions",
    "mention_rows",
    "statement_rows",
    "target_mentions",
    "evaluate",
    "speaker_summary",
    "speaks_vs_mentioned",
    "dateline_country",
]


# ---------------------------------------------------------------- vocabulary (English, general)

PREPOSITIONS = {
    "with", "to", "by", "of", "for", "from", "on", "in", "at", "between", "against", "about",
    "toward", "towards", "over", "under", "into", "including", "like", "than", "among",
    "via", "after", "before", "during", "despite", "without", "within", "upon", "through",
    "across", "behind", "beside", "besides", "near", "onto", "per", "regarding", "concerning",
    "amid", "following", "unlike", "alongside", "versus", "whom",
}
# Words after which a mention can be a subject (clause openers, conjunctions, adverbs).
SUBJECT_OPENERS = {
    "and", "but", "or", "nor", "yet", "so", "while", "whereas", "when", "as", "that", "because",
    "since", "although", "though", "if", "then", "however", "also", "meanwhile", "instead",
    "further", "furthermore", "moreover", "later", "earlier", "today", "yesterday", "now",
    "still", "both", "where", "once", "until", "unless", "whether", "thus", "hence", "indeed",
    "previously", "separately", "additionally", "again", "first", "finally", "subsequently",
    "how", "why", "what",
}
#: Common verbs that take a person or a country as object in news ("met Abe", "visited Japan").
OBJECT_VERBS = {
    "met", "meet", "meets", "saw", "see", "sees", "hosted", "host", "hosts", "visited", "visit", "visits",
    "thanked", "thank", "thanks", "called", "phoned", "joined", "join", "joins", "replaced", "replace",
    "succeeded", "appointed", "named", "elected", "defeated", "beat", "beats", "hit", "hits", "struck",
    "strike", "strikes", "attacked", "attack", "attacks", "sent", "send", "sends", "gave", "give", "gives",
    "let", "lets", "made", "make", "makes", "left", "leave", "leaves", "won", "win", "wins", "lost", "lose",
    "loses", "got", "get", "gets", "brought", "bring", "brings", "took", "take", "takes", "helped", "help",
    "helps", "backed", "back", "backs", "supported", "support", "supports", "opposed", "oppose", "opposes",
    "welcomed", "welcome", "welcomes", "told", "tell", "tells", "asked", "ask", "asks", "urged", "urge",
    "urges", "pressed", "press", "presses", "accused", "accuse", "accuses", "blamed", "blame", "blames",
    "sanctioned", "sanction", "sanctions", "warned", "warn", "warns", "invited", "invite", "invites",
    "including", "like", "unlike", "against", "versus", "vs",
}
PRONOUNS = {"he": ("male", "sg"), "she": ("female", "sg"), "they": (None, "pl")}
DETERMINERS = r"(?:the|a|an|his|her|its|their|two|both|several|some|many|other|one|three|four|another|this|these|those)"
PREMODIFIERS = (
    r"(?:senior|top|high-ranking|high-level|unnamed|anonymous|visiting|former|current|new|then|"
    r"local|government|foreign|official|military|security|intelligence|diplomatic|"
    r"regional|other|leading|chief|deputy|acting|two|"
    r"ministry|defense|defence|trade|economic|energy|health|finance|interior|prime|press|"
    r"presidential|state|white|house|kremlin|palace|administration|congressional|party|cabinet)"
)
#: Supranational or regional adjectives that are affiliations of their own.
BLOC_ADJECTIVES = {"Western": "Western", "European": "European", "Arab": "Arab", "African": "African",
                   "Asian": "Asian", "Gulf": "Gulf", "EU": "European Union", "UN": "United Nations",
                   "U.N.": "United Nations", "NATO": "NATO", "AU": "African Union"}
SINGULAR_SOURCES = {
    "official", "diplomat", "source", "spokesman", "spokeswoman", "spokesperson", "analyst",
    "expert", "aide", "adviser", "advisor", "negotiator", "lawmaker", "envoy", "ambassador",
    "minister", "president", "premier", "chancellor", "leader", "chief", "commander",
    "secretary", "governor", "mayor", "king", "queen", "prince", "emir", "sheikh", "general",
    "director", "chairman", "chairwoman", "chairperson", "commissioner", "head", "officer",
    "representative", "member", "insider", "observer", "witness", "resident", "person",
    "government", "ministry", "prime minister", "foreign minister", "defense minister",
    "defence minister", "defense chief", "defence chief", "secretary-general",
}
PLURAL_SOURCES = {
    "officials", "diplomats", "sources", "spokesmen", "analysts", "experts", "aides", "advisers",
    "advisors", "negotiators", "lawmakers", "envoys", "ministers", "leaders", "sides",
    "authorities", "governments", "delegations", "members", "observers", "insiders", "witnesses",
    "residents", "people", "parties", "countries", "nations", "media", "counterparts",
}
#: Offices that "the <nationality> leader" refers to.
LEADER_ROLES = {"president", "prime minister", "chancellor", "king", "queen", "emir", "supreme leader",
                "sultan", "crown prince", "leader"}
INSTITUTION_HEADS = {"ministry", "government", "office", "department", "administration", "council",
                     "commission", "agency", "committee", "cabinet", "parliament", "presidency"}
MEDIA_WORDS = {"media", "press", "news agency", "newspaper", "television", "tv", "broadcaster",
               "agency", "daily", "outlet", "outlets", "radio", "website"}
AUXILIARIES = {"is", "are", "was", "were", "will", "would", "can", "could", "has", "have", "had",
               "should", "must", "may", "might", "does", "did", "do", "shall", "be", "won’t", "won't",
               "can’t", "can't", "isn’t", "isn't", "aren’t", "aren't", "wasn’t", "wasn't"}


# ---------------------------------------------------------------- records


@dataclass
class Mention:
    """A reference to a possible speaker at ``[start, end)`` of an article's text."""

    start: int
    end: int
    text: str
    kind: str  # name country organisation institution role group anonymous joint pronoun outlet adjective
    actor: Actor | None = None
    country: str | None = None
    head: str | None = None
    plural: bool = False
    definite: bool = False
    gender: str | None = None
    possessive: bool = False
    governed: bool = False


@dataclass
class Statement:
    """One attributed statement: a cue, its content and its speaker(s).

    :func:`statements` turns each into one table row per speaker. ``speakers`` holds
    ``(actor, resolved_by)``; ``sentences`` the sentence numbers it spans; ``cue_start`` and
    ``stance`` the main cue's offset and attitude; ``cues`` every cue of the statement as
    ``(start, text, stance, group)`` (participles such as ", adding that" included).
    """

    article: str
    start: int
    end: int
    text: str
    quote: str
    mode: str
    cue: str
    speakers: list[tuple[Actor | None, str]] = field(default_factory=list)
    source: str | None = None
    sentences: tuple[int, ...] = ()
    cue_start: int = -1
    stance: float = 0.0
    cues: list[tuple[int, str, float, str]] = field(default_factory=list)  # (start, text, stance, group)


# ---------------------------------------------------------------- cue lexicon


@dataclass(frozen=True)
class Cue:
    lemma: str
    strength: str
    requires: tuple[str, ...]
    stance: float
    group: str


def _inflect(verb: str) -> set[str]:
    """The forms of a regular or listed irregular verb: base, -s, past, -ing (British and
    American doubling of a final l both)."""
    irregular = {
        "say": {"say", "says", "said", "saying"},
        "tell": {"tell", "tells", "told", "telling"},
        "write": {"write", "writes", "wrote", "written", "writing"},
        "deny": {"deny", "denies", "denied", "denying"},
        "reply": {"reply", "replies", "replied", "replying"},
    }
    if verb in irregular:
        return irregular[verb]
    forms = {verb}
    if verb.endswith("ee"):  # agree, guarantee
        forms |= {verb + "s", verb + "d", verb + "ing"}
    elif verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {verb + "es", verb + "ed", verb + "ing"}
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif verb.endswith("l") and verb[-2] in "aeiou" and verb[-3] not in "aeiou":  # label, signal
        forms |= {verb + "s", verb + "ed", verb + "ing", verb + "led", verb + "ling"}
    elif re.search(r"[^aeiou][aeiou][bdgmnprt]$", verb):
        # slam → slammed, admit → admitted, but visit → visited: stress decides, so both forms
        # are listed (the one English does not use never occurs in a text)
        forms |= {verb + "s", verb + "ed", verb + "ing", verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    else:
        forms |= {verb + "s", verb + "ed", verb + "ing"}
    return forms


@functools.lru_cache(maxsize=1)
def _cue_table() -> tuple[dict[str, Cue], re.Pattern]:
    text = resources.files("newsvoices").joinpath("data", "cues.csv").read_text(encoding="utf-8")
    lexicon: dict[str, Cue] = {}
    patterns: list[str] = []
    for row in csv.DictReader(io.StringIO(text)):
        cue = Cue(row["cue"], row["strength"], tuple(r for r in row["requires"].split("|") if r),
                  float(row["stance"] or 0), row["group"])
        lexicon[cue.lemma] = cue
        words = cue.lemma.split()
        if words == ["according", "to"]:
            patterns.append(r"(?P<according>according\s+to)")
            continue
        verb_forms = "|".join(sorted(_inflect(words[0]), key=len, reverse=True))
        rest = r"".join(rf"\s+{re.escape(w)}" for w in words[1:])
        patterns.append(rf"(?:{verb_forms}){rest}")
    rx = re.compile(r"(?<![\w’'-])(?:" + "|".join(patterns) + r")(?![\w-])", re.IGNORECASE)
    return lexicon, rx


@functools.lru_cache(maxsize=1)
def _cue_index() -> dict[str, tuple[re.Pattern, ...]]:
    """First word of a cue form (lower case) → the cues that may start with it, as patterns,
    in lexicon order: what the lexicon's single pattern tries at that word, without trying
    every cue at every character."""
    lexicon, _ = _cue_table()
    index: dict[str, list[re.Pattern]] = {}
    for lemma in lexicon:
        words = lemma.split()
        rest = "".join(rf"\s+{re.escape(w)}" for w in words[1:]) + r"(?![\w-])"
        forms = [words[0]] if words == ["according", "to"] else _inflect(words[0])
        for form in forms:
            index.setdefault(form, []).append(re.compile(re.escape(form) + rest, re.IGNORECASE))
    return {form: tuple(patterns) for form, patterns in index.items()}


@functools.lru_cache(maxsize=1)
def _cue_start_rx() -> re.Pattern:
    """Words that may open a cue (any inflection of a cue's first word)."""
    return re.compile(rf"(?<![\w’'-]){trie_pattern(_cue_index())}(?!\w)", re.IGNORECASE)


# Letters that re.IGNORECASE matches to ASCII ones but str.lower() leaves alone ("ſaid").
_FOLD = str.maketrans({"ſ": "s", "ı": "i", "\u0307": None})


def _cue_matches(text: str, start: int, end: int) -> Iterator[re.Match]:
    """The matches of the cue lexicon's pattern in ``text[start:end]``: each word that may open
    a cue is tried with the cues it may open, in lexicon order (the first that matches wins,
    as in the lexicon's single pattern)."""
    index = _cue_index()
    after = start
    for word in _cue_start_rx().finditer(text, start, end):
        if word.start() < after:
            continue
        form = word.group().lower()
        for pattern in index.get(form) or index.get(form.translate(_FOLD), ()):
            mt = pattern.match(text, word.start(), end)
            if mt:
                yield mt
                after = mt.end()
                break


def _lemma_of(match_text: str) -> Cue:
    """The lexicon entry of a matched cue ("stressing" → stress, "called for" → call for)."""
    return _cue_forms()[" ".join(match_text.lower().split())]


@functools.lru_cache(maxsize=1)
def _cue_forms() -> dict[str, Cue]:
    lexicon, _ = _cue_table()
    forms: dict[str, Cue] = {}
    for lemma, cue in lexicon.items():
        words = lemma.split()
        if words == ["according", "to"]:
            forms[lemma] = cue
            continue
        for form in _inflect(words[0]):
            forms.setdefault(" ".join([form, *words[1:]]), cue)
    return forms


def cue_lexicon() -> pd.DataFrame:
    """The reporting-cue lexicon as a DataFrame: ``cue, strength, requires, stance, group``.

    ``strength`` is ``strong`` (always speech) or ``weak`` (speech only with one of the
    complements in ``requires``); ``stance`` is the cue's own attitude toward its object
    (−1 censure … +1 praise), used by the tone module.
    """
    lexicon, _ = _cue_table()
    return pd.DataFrame(
        [{"cue": c.lemma, "strength": c.strength, "requires": "|".join(c.requires), "stance": c.stance,
          "group": c.group} for c in lexicon.values()]
    )


# ---------------------------------------------------------------- outlets


@functools.lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    text = resources.files("newsvoices").joinpath("data", "outlets.csv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        for n in [row["name"], *[a for a in row["aliases"].split("|") if a]]:
            table[n] = row["name"]
    return table


# ---------------------------------------------------------------- mentions


class _Matcher:
    """Compiled patterns for one registry (shared by every article)."""

    def __init__(self, registry: ActorRegistry):
        gaz = gazetteer()
        self.registry = registry
        self.gaz = gaz
        names: dict[str, tuple[str, object]] = {}
        for actor in registry:
            for n in actor.names:
                names.setdefault(n, ("name", actor))
        outlets = _outlets()
        for n, canonical in outlets.items():
            names.setdefault(n, ("outlet", canonical))
        for n, org in gaz.organisations.items():
            names.setdefault(n, ("organisation", org))
        for table in (gaz.metonyms, gaz.country_names, gaz.capitals):
            for n, country in table.items():
                names.setdefault(n, ("country", country))
        for n in list(names):
            if n[:1].islower() and n[:1].upper() + n[1:] not in names:
                names[n[:1].upper() + n[1:]] = names[n]  # "von der Leyen" opens a sentence
        self.names = names
        self.name_index = _NameIndex(names)
        org_adjectives = [n for n in gaz.organisations if not n.startswith("the ")]
        adjectives = sorted(set(gaz.adjectives) | set(BLOC_ADJECTIVES) | set(org_adjectives), key=len, reverse=True)
        adj = "|".join(re.escape(a) for a in adjectives)
        heads_sg = sorted(SINGULAR_SOURCES | ROLE_HEADS | INSTITUTION_HEADS, key=len, reverse=True)
        heads_pl = sorted(PLURAL_SOURCES, key=len, reverse=True)
        head = "|".join(re.escape(h) for h in heads_pl + heads_sg)
        # [det] [premod]* [ADJ [and ADJ]] [premod/lower modifiers]* HEAD
        self.np_rx = re.compile(
            rf"(?<![\w’'-])(?P<det>(?i:{DETERMINERS})\s+)?"
            rf"(?P<pre>(?:(?i:{PREMODIFIERS})\s+){{0,3}})"
            rf"(?P<adj>(?:{adj})(?:\s+and\s+(?:{adj}))?\s+)?"
            rf"(?P<mods>(?:(?:(?i:{PREMODIFIERS})|[A-Z][a-z]+)\s+){{0,3}})"
            rf"(?P<head>(?i:{head}))(?![\w-])"
        )
        self.adj_rx = re.compile(rf"(?<![\w-])(?:{adj})(?![\w-])")


_TOKEN = re.compile(r"\S+")
_LEADING = "“\"‘'(«[—–"
_TRAILING = ",;:!?”\"’)»]—–"


def _word_tokens(text: str) -> list[tuple[int, int, bool, bool]]:
    """Words as ``(start, end, punctuation before, punctuation after)``, the span without
    surrounding quotes, brackets, commas and a possessive ’s."""
    tokens = []
    append = tokens.append
    for mt in _TOKEN.finditer(text):
        a, b = mt.span()
        if text[a] not in _LEADING and text[b - 1] not in _TRAILING and text[b - 1] != "s":
            append((a, b, False, False))  # most words: nothing to strip
            continue
        raw_a, raw_b = a, b
        while a < b and text[a] in _LEADING:
            a += 1
        while b > a and text[b - 1] in _TRAILING:
            b -= 1
        if text[b - 2 : b] in ("’s", "'s") and b - 2 > a:
            b -= 2
        if b > a:
            append((a, b, raw_a != a, raw_b != b))
    return tokens


def _token_texts(text: str, tokens: list[tuple[int, int, bool, bool]]) -> list[str]:
    """The words of :func:`_word_tokens` as strings."""
    return [text[a:b] for a, b, _, _ in tokens]


class _NameIndex:
    """Finds many names in a text in one pass over its words (a dictionary keyed by each
    name's first word), so the cost does not grow with the number of names known."""

    def __init__(self, names):
        # first word → second word ("" for one-word names) → names, longest first
        self.index: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = {}
        for name in names:
            words = tuple(name.split())
            if words:
                second = words[1] if len(words) > 1 else ""
                self.index.setdefault(words[0], {}).setdefault(second, []).append((words, name))
        for by_second in self.index.values():
            for options in by_second.values():
                options.sort(key=lambda o: (-len(o[0]), -len(o[1])))

    def _options(self, text: str, tokens, i: int):
        a, b = tokens[i][0], tokens[i][1]
        word = text[a:b]
        by_second = self.index.get(word) or (self.index.get(word[:-1]) if word.endswith(".") else None)
        if not by_second:
            return ()
        options = []
        if i + 1 < len(tokens):
            nxt = text[tokens[i + 1][0] : tokens[i + 1][1]]
            options.extend(by_second.get(nxt, ()))
            if nxt.endswith("."):
                options.extend(by_second.get(nxt[:-1], ()))
        options.extend(by_second.get("", ()))
        return options

    def finditer(self, text: str, tokens: list | None = None, words: list[str] | None = None):
        """Yield ``(start, end, name)`` for each name, leftmost and longest first.

        ``tokens`` (of :func:`_word_tokens`) and ``words`` (their text) may be passed when
        the caller already has them."""
        tokens = _word_tokens(text) if tokens is None else tokens
        words = _token_texts(text, tokens) if words is None else words
        index = self.index
        n = len(tokens)
        after = 0  # the first word not inside the last name found
        # most words start no name: visit only those that may (a known first word, or "Japan.")
        for i in [k for k, w in enumerate(words) if w in index or w[-1] == "."]:
            if i < after:
                continue
            for name_words, name in self._options(text, tokens, i):
                k = len(name_words)
                if i + k > n:
                    continue
                end = self._match(text, tokens, i, name_words)
                if end is not None:
                    yield tokens[i][0], end, name
                    after = i + k
                    break

    @staticmethod
    def _match(text: str, tokens, i: int, words: tuple[str, ...]) -> int | None:
        for j, expected in enumerate(words):
            a, b, led, trailed = tokens[i + j]
            last = j == len(words) - 1
            if j and (led or text[tokens[i + j - 1][1] : a].strip(" \t")):
                return None  # punctuation or a line break between two words of a name
            if not last and trailed:
                return None
            word = text[a:b]
            if word == expected:
                end = b
            elif last and word.endswith(".") and word[:-1] == expected:
                end = b - 1  # "... in Japan." : the sentence's full stop is not the name's
            else:
                return None
        return end


def _matcher(registry: ActorRegistry) -> _Matcher:
    return _matcher_for(tuple(registry.actors))


@functools.lru_cache(maxsize=8)
def _matcher_for(actors: tuple[Actor, ...]) -> _Matcher:
    return _Matcher(ActorRegistry(list(actors)))


def find_mentions(article: Article, registry: ActorRegistry, discovered: list[Actor] | None = None) -> list[Mention]:
    """Every reference to a possible speaker in ``article``, in text order, without overlaps.

    Args:
        article: The article.
        registry: Registry actors (names, aliases, roles).
        discovered: Actors found by :func:`~newsvoices.actors.discover_actors` (computed when
            ``None``).
    """
    m = _matcher(registry)
    text = article.text
    if discovered is None:
        discovered = discover_actors(text, registry)
    found: list[Mention] = []
    # 1. names: registry, discovered, organisations, outlets, countries
    extra = {}
    for actor in discovered:
        for n in actor.names:
            extra.setdefault(n, ("name", actor))
            extra.setdefault(n[:1].upper() + n[1:], ("name", actor))
    tokens = _word_tokens(text)
    words = _token_texts(text, tokens)
    if extra:
        for start, end, name in _NameIndex(extra).finditer(text, tokens, words):
            found.append(_name_mention(start, end, name, extra[name]))
    for start, end, name in m.name_index.finditer(text, tokens, words):
        found.append(_name_mention(start, end, name, m.names[name]))
    # 2. noun phrases: roles, groups, unnamed sources, joint references
    phrases = {(mt.start(), mt.end()): mt for mt in _noun_phrases(text, tokens, m, words)}
    longest = _without_overlaps([Mention(a, b, "", "role") for a, b in phrases])  # as one scan would find
    for span in longest:
        mention = _np_mention(text, phrases[(span.start, span.end)], m)
        if mention is not None:
            found.append(mention)
    # 3. pronouns
    for mt in re.finditer(r"(?<![\w’'-])(he|she|they|He|She|They)(?![\w’'-])", text):
        gender, number = PRONOUNS[mt.group().lower()]
        found.append(Mention(mt.start(), mt.end(), mt.group(), "pronoun", gender=gender, plural=number == "pl"))
    found = [f for f in found if not (f.kind == "country" and _opens_a_name(text, f.end))]
    found.extend(_bare_names(text, found, m))
    mentions = _without_overlaps(found)
    for mention in mentions:
        _extend_titles(text, mention, m)
    mentions = _without_overlaps(mentions)
    _merge_possessive_owners(text, mentions)
    for mention in mentions:
        mention.possessive = bool(re.match(r"[’']s?(?!\w)", text[mention.end : mention.end + 2]))
        mention.governed = _governed(text, mention.start)
    for before, after in zip(mentions, mentions[1:]):
        # an apposition shares the position of what it renames: "with his counterpart, Taro
        # Kono," and "turned to Getachew Reda, the head of the delegation," are objects
        if before.governed and re.fullmatch(r",\s*", text[before.end : after.start]) and _closes_apposition(text, after.end):
            after.governed = True
    return mentions


_BARE_NAME_WORDS = r"[A-Z][a-z’'\-]+(?:\s+(?:[A-Z][a-z’'\-]+|(?:von|van|de|der|al|bin|da|di|le|la)))*"


@functools.lru_cache(maxsize=1)
def _bare_name_rx() -> re.Pattern:
    verbs = trie_pattern(_cue_forms(), space=r"\s+")  # any reporting cue of the lexicon
    return re.compile(rf"(?<![\w’'-])(?P<name>{_BARE_NAME_WORDS})(?=(?:,\s*(?:who|whose)\b[^.;“”\"]{{0,200}}?,)?"
                      rf"(?:\s+(?:has|have|had|also|then|later|further|repeatedly|again))*\s+"
                      rf"(?i:(?<![\w’'-]){verbs}(?![\w-])))"
                      rf"|(?<=\bsaid\s)(?P<after>{_BARE_NAME_WORDS})(?=\s*[.,])")


def _bare_names(text: str, found: list[Mention], m: _Matcher) -> list[Mention]:
    """A capitalised name that nobody introduced, right before or after a strong reporting
    verb ("Novak said", "said Ivanova"), is taken to be a person; anything the gazetteer or the
    registry knows, sentence-initial function words and institution words are not."""
    taken = _occupancy(found, len(text))
    people: dict[str, Actor] = {}
    out: list[Mention] = []
    for mt in _bare_name_rx().finditer(text):
        name = mt.group("name") or mt.group("after")
        start = mt.start("name") if mt.group("name") else mt.start("after")
        end = start + len(name)
        if any(taken[start:end]):
            continue
        words = name.split()
        if (words[0] in _NOT_NAMES or words[0].lower() in PREPOSITIONS or words[0].lower() in SUBJECT_OPENERS
                or words[-1].lower() in _NOT_NAME_ENDINGS or name in m.names or m.gaz.country_of(name)):
            continue
        actor = people.setdefault(name, Actor(words[-1] if len(words) > 1 else name, "person", None,
                                              (name,) if len(words) > 1 else (), (), None, "discovered"))
        out.append(Mention(start, end, name, "name", actor=actor))
    return out


_NOT_NAMES = {"The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "You",
              "There", "Here", "Officials", "Police", "Sources", "Analysts", "Experts", "Diplomats", "Critics",
              "Witnesses", "Residents", "Observers", "Others", "Some", "Many", "Both", "Each", "Everyone",
              "Nobody", "Someone", "Parliament", "Government", "Ministry", "Congress", "Senate", "Court",
              "But", "And", "Yet", "So", "Then", "However", "Meanwhile", "Also", "Later", "Earlier", "Today",
              "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Who", "What"}
_NOT_NAME_ENDINGS = {w for w in ("ministry", "government", "office", "council", "committee", "agency",
                                 "department", "commission", "parliament", "court", "police", "army",
                                 "party", "union", "bank", "report", "statement", "media")}


def _closes_apposition(text: str, pos: int) -> bool:
    """An apposition ends at a comma soon after, with no reporting verb on the way."""
    rest = text[pos : pos + 120]
    comma = rest.find(",")
    if comma < 0 or re.search(r"[.;:!?]", rest[:comma]):
        return False
    segment = rest[:comma]
    return len(segment.split()) <= 8 and not _cue_table()[1].search(segment)


def _merge_possessive_owners(text: str, mentions: list[Mention]) -> None:
    """"Kenya’s government", "Pakistan's National Security Committee": the owner gives the
    noun phrase its country and the two become one mention."""
    i = 1
    while i < len(mentions):
        owner, np = mentions[i - 1], mentions[i]
        if (owner.kind in ("country", "organisation") and np.kind in ("institution", "group", "anonymous", "role")
                and re.fullmatch(r"[’']s?\s+", text[owner.end : np.start])):
            np.country = np.country or owner.country
            np.start = owner.start
            np.text = text[np.start : np.end]
            np.definite = True
            del mentions[i - 1]
            continue
        if (owner.kind == "name" and owner.actor is not None and owner.actor.type == "person"
                and np.kind == "institution" and re.fullmatch(r"[’']s?\s+", text[owner.end : np.start])):
            # "Netanyahu’s office said": the person's office speaks, with the person's side
            np.actor = Actor(f"{owner.actor.name}'s {np.head}", "organisation", owner.actor.affiliation,
                             origin="discovered")
            np.kind, np.start = "name", owner.start
            np.text = text[np.start : np.end]
            del mentions[i - 1]
            continue
        i += 1


_NP_WORDS = None


def _np_words() -> tuple[frozenset[str], frozenset[str]]:
    """Last words of noun-phrase heads, and the lower-case words a noun phrase may hold."""
    global _NP_WORDS
    if _NP_WORDS is None:
        heads = {h.split()[-1] for h in SINGULAR_SOURCES | ROLE_HEADS | INSTITUTION_HEADS | PLURAL_SOURCES}
        inner = {w for w in re.findall(r"[a-z\-]+", DETERMINERS + PREMODIFIERS)} | {"and"}
        _NP_WORDS = (frozenset(heads), frozenset(inner))
    return _NP_WORDS


def _noun_phrases(text: str, tokens, m: _Matcher, words: list[str] | None = None):
    """Matches of the noun-phrase pattern, tried only where a head word stands ("officials",
    "minister"): the phrase is grown leftwards over the words it may hold, then matched once.
    Same matches as scanning the whole text, at a fraction of the cost. ``words``: the text
    of each token, if the caller has it."""
    heads, inner = _np_words()
    words = _token_texts(text, tokens) if words is None else words
    for i in [k for k, w in enumerate(words) if w.rstrip(".").lower() in heads]:
        _, b, led, _ = tokens[i]
        if text[b - 1] == ".":
            b -= 1  # "between the two countries."
        j = i
        while j > 0 and i - j < 10:
            pa, pb, pled, ptrailed = tokens[j - 1]
            word = text[pa:pb]
            if ptrailed or (led and j == i) or text[pb : tokens[j][0]].strip(" \t"):
                break
            if not (word[:1].isupper() or word.lower() in inner):
                break
            j -= 1
            led = pled
        for k in range(j, i + 1):  # the longest phrase ending at this head; overlaps go later
            mt = m.np_rx.match(text, tokens[k][0], b)
            if mt and mt.end() == b:
                yield mt
                break


def _name_mention(start: int, end: int, name: str, target: tuple[str, object]) -> Mention:
    kind, value = target
    if kind == "name":
        return Mention(start, end, name, "name", actor=value, country=value.affiliation)
    if kind == "country":
        return Mention(start, end, name, "country", actor=_country_actor(value), country=value)
    if kind == "organisation":
        return Mention(start, end, name, "organisation", actor=_org_actor(value), country=value)
    return Mention(start, end, name, "outlet", head=value)


@functools.lru_cache(maxsize=512)
def _country_actor(country: str) -> Actor:
    return Actor(country, "government", country, origin="gazetteer")


@functools.lru_cache(maxsize=512)
def _org_actor(name: str) -> Actor:
    return Actor(name, "organisation", name, origin="gazetteer")


def _np_mention(text: str, mt: re.Match, m: _Matcher) -> Mention | None:
    head = mt.group("head")
    head_l = head.lower()
    det = (mt.group("det") or "").strip().lower()
    pre = (mt.group("pre") or "").lower()
    mods = (mt.group("mods") or "")
    adj_text = (mt.group("adj") or "").strip()
    # capitalised modifiers that are not title words make it a name ("Hormuz Peace Endeavor")
    unknown = [w for w in mods.split() if w[0].isupper() and w.lower() not in _MODIFIER_WORDS and not m.gaz.country_of(w)]
    if unknown and head_l not in INSTITUTION_HEADS:
        if not (det and head_l in _SOURCE_HEADS and not adj_text):
            return None  # a capitalised name, not a description ("the Hormuz Peace Endeavor")
        adj_text = " ".join(unknown)  # "a senior Hamas official": Hamas is the affiliation
    countries = [_adj_country(a, m) or (a if a in unknown else None)
                 for a in re.split(r"\s+and\s+", adj_text) if a] if adj_text else []
    countries = [c for c in countries if c]
    plural = head_l in PLURAL_SOURCES
    start = mt.start()
    mention = Mention(start, mt.end(), mt.group(), "", head=head_l, plural=plural,
                      definite=det in ("the", "his", "her", "its", "their", "this", "these", "those"))
    mention.country = countries[0] if len(countries) == 1 else None
    if head_l in ("sides", "parties", "counterparts") or (
        plural and (len(countries) > 1 or (not countries and (det in ("two", "both") or "two " in pre)))
    ):
        mention.kind = "joint"  # "the two sides", "both leaders", "the German and French leaders"
    elif head_l in ("side", "party", "counterpart", "people", "person", "member", "members", "countries", "nations", "resident", "residents", "witness", "witnesses"):
        return None if head_l not in ("counterpart",) else replace(mention, kind="role")
    elif head_l in INSTITUTION_HEADS:
        mention.kind = "institution"
        mention.text = mt.group()
    elif head_l == "media":
        mention.kind = "outlet"
        mention.head = f"{adj_text} media".strip() if adj_text else "media"
    elif plural:
        if not det and not countries and not pre.strip() and head_l in ("leaders", "ministers", "members"):
            return None
        mention.kind = "group"
    elif det in ("a", "an", "one", "another") or "unnamed" in pre or "anonymous" in pre:
        mention.kind = "anonymous"
    elif det in ("the", "his", "her", "its", "their", "this"):
        mention.kind = "role"
    else:
        return None  # a bare title word ("President") is part of a name, handled there
    return mention


_SOURCE_HEADS = {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "source", "sources",
                 "diplomat", "diplomats", "aide", "aides", "adviser", "advisers", "negotiator", "negotiators",
                 "leader", "leaders", "commander", "commanders", "member", "members", "envoy", "representative"}
_MODIFIER_WORDS = {w.lower() for w in PREMODIFIERS.strip("(?:)").split("|")}


def _adj_country(adj: str, m: _Matcher) -> str | None:
    return (BLOC_ADJECTIVES.get(adj) or m.gaz.adjectives.get(adj) or m.gaz.organisations.get(adj)
            or m.gaz.country_of(adj))


def _opens_a_name(text: str, end: int) -> bool:
    """"Jordan Bardella", "Chad Wolf": a country word followed by an unknown capitalised word."""
    mt = re.match(r"[ \t]+([A-Z][a-z]+)\b", text[end : end + 30])
    if not mt:
        return False
    word = mt.group(1)
    return (word.lower() not in _TITLE_MODIFIERS and word.lower() not in ROLE_HEADS
            and word.lower() not in INSTITUTION_HEADS and word.lower() not in MEDIA_WORDS
            and word.lower() not in _INSTITUTION_WORDS and not gazetteer().country_of(word)
            and word not in _NOT_NAMES and word.lower() not in PREPOSITIONS)


def _occupancy(mentions, length: int) -> bytearray:
    """One byte per character of the text: 1 where a mention lies."""
    taken = bytearray(length + 1)
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    return taken


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    """Keep the longest mention where several overlap (then by kind priority), in text order."""
    priority = {"name": 0, "organisation": 1, "outlet": 1, "institution": 1, "country": 2,
                "joint": 3, "group": 3, "role": 3, "anonymous": 3, "pronoun": 4}
    found.sort(key=lambda x: (-(x.end - x.start), priority.get(x.kind, 5), x.start))
    taken = bytearray(max((m.end for m in found), default=0))
    kept: list[Mention] = []
    for mention in found:
        if any(taken[mention.start : mention.end]):
            continue
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        kept.append(mention)
    kept.sort(key=lambda x: x.start)
    return kept


_TITLE_WORD = re.compile(r"(?:[A-Z][\w.\-]*|of)\s+$")


def _extend_titles(text: str, mention: Mention, m: _Matcher) -> None:
    """Grow a name mention leftwards over its titles and nationality: "Iranian President
    Hassan Rouhani" is one mention, so "met Prime Minister Shinzo Abe" reads as an object."""
    if mention.kind not in ("name",):
        return
    start = mention.start
    while True:
        mt = re.search(r"([A-Z][\w.’'\-]*|of|[a-z][a-z\-]+)\s+$", text[max(0, start - 40) : start])
        if mt and mt.group(1)[0].islower() and mt.group(1) != "of":
            if mt.group(1) in ROLE_HEADS and mt.group(1) not in ("counterpart",):
                start -= len(mt.group(0))  # "Kremlin spokesman Dmitry Peskov"
                continue
            break
        if not mt:
            break
        word = mt.group(1)
        bare = re.sub(r"[’']s$", "", word)
        w = bare.lower().rstrip(".")
        if word == "of":  # only inside a title: "Secretary of State Marco Rubio"
            prev = re.search(r"([A-Z][\w\-]*)\s+$", text[max(0, start - len(mt.group(0)) - 30) : start - len(mt.group(0))])
            if not (prev and prev.group(1).lower() in ROLE_HEADS):
                break
        elif not (w in ROLE_HEADS or w in _TITLE_MODIFIERS or m.gaz.country_of(bare) or bare in m.gaz.organisations
                  or w in ("mr", "mrs", "ms", "dr") or bare in BLOC_ADJECTIVES):
            break
        if _sentence_initial_capital(text, start - len(mt.group(0))) and not (
            w in ROLE_HEADS or w in _TITLE_MODIFIERS or m.gaz.country_of(bare) or bare in BLOC_ADJECTIVES
        ):
            break
        start -= len(mt.group(0))
    mention.start = start
    rest = re.match(r"(?:[ \t]+[A-Z][a-z]+(?:-[a-z]+)?){1,2}(?=[\s,.;:’'])", text[mention.end : mention.end + 40])
    if rest and not any(m.gaz.country_of(w) or w.lower() in ROLE_HEADS or w.lower() in _TITLE_MODIFIERS
                        or w in _NOT_NAMES or w.lower() in PREPOSITIONS for w in rest.group().split()):
        mention.end += len(rest.group())  # "Kim" of "Kim Yo Jong": the mention covers the full name
    mention.text = text[start : mention.end]


def _sentence_initial_capital(text: str, pos: int) -> bool:
    i = pos
    while i > 0 and text[i - 1].isspace():  # what str.rstrip() strips, without copying text[:pos]
        i -= 1
    return i == 0 or text[i - 1] in ".!?“\""


_WORD_BEFORE = re.compile(r"([\w’'\-]+)[^\w]*$")


def _governed(text: str, start: int) -> bool:
    """True when the word before ``start`` makes the mention an object: a preposition, or a
    lower-case verb ("met Abe", "urging Japan", "told Abe")."""
    window = text[max(0, start - 40) : start]
    if not window.strip():
        return False
    tail = window.rstrip(" \t")
    if not tail or tail[-1] in ",;:—–(“”\"’).!?\n":
        return False
    mt = _WORD_BEFORE.search(window)
    if not mt:
        return False
    word = mt.group(1)
    lw = word.lower()
    if lw in ("the", "a", "an"):  # look past the article: "said the JCS" vs ", the JCS said"
        return _governed(text, start - len(window) + mt.start(1))
    if lw in PREPOSITIONS:
        return True
    if (lw in SUBJECT_OPENERS or lw in AUXILIARIES or lw in ROLE_HEADS or lw in _TITLE_MODIFIERS
            or lw in INSTITUTION_HEADS or lw in MEDIA_WORDS):
        return False  # "the U.N. refugee agency UNHCR", "spokesman Peskov"
    if word[0].isupper():
        return False  # sentence-initial "Visiting", "Senior", a preceding name
    if re.search(r"(?<![\w’'-])(?:a|an|the|this|that|such)\s+[\w’'\-]+\s*$", window, re.IGNORECASE):
        return False  # "a charge Islamabad denies": the word before is a noun, not a verb
    # a verb makes it an object ("met Abe", "urging Japan", "told Abe"); a noun or an adjective
    # ("far-right leader Jordan Bardella", "Last week Abe said") does not
    return lw in _cue_forms() or lw in OBJECT_VERBS or lw.endswith(("ed", "ing"))


# ---------------------------------------------------------------- quotes


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s < pos < e for s, e in spans)


# ---------------------------------------------------------------- attribution


@dataclass
class _CueHit:
    start: int
    end: int
    text: str
    cue: Cue
    participle: bool
    according: bool

    @property
    def stance(self) -> float:
        """The cue's attitude: the lexicon's, or that of what is expressed ("expressed regret")."""
        words = self.text.split()
        if len(words) > 1 and words[-1] in EXPRESSED_STANCE and "object" in self.cue.requires:
            return EXPRESSED_STANCE[words[-1]]
        return self.cue.stance


def _find_cues(text: str, s: int, e: int, quotes: list[tuple[int, int]],
               mentions: list[Mention] = ()) -> list[_CueHit]:
    """Licensed reporting cues of ``text[s:e]``, outside quotations and outside names
    ("the United States, officials said": "States" is no cue)."""
    hits = []
    covered = -1  # end of the last cue's phrase ("expressed regret" covers "regret")
    for mt in _cue_matches(text, s, e):
        if _inside(quotes, mt.start()) or mt.start() < covered:
            continue
        if any(m.start <= mt.start() < m.end for m in mentions):
            continue
        word = mt.group()
        try:
            cue = _lemma_of(word)
        except KeyError:
            continue
        first = word.split()[0].lower()
        according = cue.lemma == "according to"
        participle = first.endswith("ing") and not according
        if not according and not _cue_licensed(text, mt, cue, s, e):
            continue
        if _NOUN_BEFORE.search(text, max(s, mt.start() - 12), mt.start()):
            continue  # "his remarks", "the claims", "a warning": a noun, not a verb
        if _NEGATED.search(text, max(s, mt.start() - 24), mt.start()):
            continue  # "declined to say", "did not comment": no statement was made
        if word[0].isupper() and mt.start() > s and not according and text[mt.start() - 1] not in "“\"(":
            # a capitalised verb mid-sentence is part of a name or a title, except right after
            # a news outlet ("..., Presstv Reported.")
            before = [m for m in mentions if m.end <= mt.start()]
            if not (before and before[-1].kind == "outlet" and not text[before[-1].end : mt.start()].strip()):
                continue
        label = word.lower()
        label_end = mt.end()
        if "object" in cue.requires:  # "expressed regret", "voiced concern"
            obj = re.match(r"\s+(?:(?:its|his|her|their|the|deep|strong|serious|grave)\s+)?([\w’'-]+)", text[mt.end() : e])
            if obj and obj.group(1).lower() in _EXPRESSED_OBJECTS:
                label = f"{label} {obj.group(1).lower()}"
                label_end = mt.end() + obj.end()
        hits.append(_CueHit(mt.start(), mt.end(), label, cue, participle, according))
        covered = label_end
    return hits


_NOUN_BEFORE = re.compile(
    r"(?<![\w’'-])(?:the|a|an|his|her|their|its|our|my|your|this|these|those|such)\s+$", re.IGNORECASE
)


_AS_IDIOM = re.compile(r"\bas\s+(?:soon|well|long|far|much|many|part|usual|expected|planned)\b", re.IGNORECASE)
_NEGATED = re.compile(
    r"(?<![\w’'-])(?:declined|refused|declines|refuses|declining|refusing)\s+to\s+$|"
    r"(?<![\w’'-])(?:did|does|do|would|will|could|has|have|had)\s*(?:not|n[’']t)\s+(?:immediately\s+|yet\s+)?$",
    re.IGNORECASE,
)


def _next_words(text: str, pos: int, end: int, n: int) -> list[str]:
    return re.findall(r"[\w’'\-]+|[“\"”:]", text[pos:end])[:n]


def _trailing(text: str, pos: int, end: int) -> bool:
    """The cue ends its clause: ``..., Abe said.`` / ``said on Tuesday.`` / ``added, urging``."""
    rest = text[pos:end]
    rest = re.sub(r"^\s+(?:on|in|at|last|this|earlier|later)\b[^,.;]{0,40}", "", rest)
    rest = re.sub(r"^\s+(?:to|through)\s+[^,.;]{0,40}", "", rest)
    return bool(re.match(r"\s*(?:[.,;!?]|$)", rest))


def _cue_licensed(text: str, mt: re.Match, cue: Cue, start: int, end: int) -> bool:
    """Strong cues always count; weak ones need a complement listed in ``cue.requires``."""
    if cue.strength == "strong":
        return True
    after = _next_words(text, mt.end(), end, 14)
    after_l = [w.lower() for w in after]
    req = set(cue.requires)
    if "that" in req and "that" in after_l[:3]:
        return True
    if "quote" in req and any(w in ("“", '"', ":") for w in after[:2]):
        return True
    if "trailing" in req and _trailing(text, mt.end(), end):
        return True
    if "clause" in req and any(w in AUXILIARIES for w in after_l[1:6]):
        return True
    if "as" in req and "as" in after_l[:10]:
        return True
    if "object-as" in req and "as" in after_l[:8] and not _AS_IDIOM.search(text, mt.end(), min(end, mt.end() + 80)):
        return True
    if "object-a" in req and any(w in ("a", "an") for w in after_l[1:5]) and "for" not in after_l[:1]:
        return True  # "called the plan a mistake"
    if "how" in req and re.search(r"\bhow\b", text[start : mt.start()], re.IGNORECASE):
        return True  # "That was how the official described ..."
    if "object" in req and after_l[:1] and after_l[0] in _EXPRESSED_OBJECTS:
        return True
    if "object" in req and len(after_l) > 1 and after_l[0] in ("its", "his", "her", "their", "the", "deep", "strong", "serious", "grave") and after_l[1] in _EXPRESSED_OBJECTS:
        return True
    for r in req - {"that", "quote", "trailing", "clause", "as", "object-as", "object-a", "object", "how"}:
        words = r.split()
        if after_l[: len(words)] == words:
            return True
        if len(words) == 1 and r in ("to", "for") and r in after_l[1:8]:
            return True  # "urged Tokyo to", "pressed Mexico City for months to"
    return False


#: What can be "expressed" or "voiced", with the stance it carries toward its content.
EXPRESSED_STANCE = {
    "regret": -0.5, "hope": 0.5, "hopes": 0.5, "concern": -0.5, "concerns": -0.5, "support": 0.6,
    "opposition": -0.6, "gratitude": 0.8, "thanks": 0.8, "appreciation": 0.8, "condolences": 0.0,
    "satisfaction": 0.6, "dissatisfaction": -0.6, "disappointment": -0.6, "optimism": 0.5,
    "readiness": 0.3, "willingness": 0.3, "confidence": 0.4, "doubt": -0.4, "doubts": -0.4,
    "solidarity": 0.7, "sympathy": 0.5, "frustration": -0.6, "anger": -0.8, "outrage": -0.9,
    "alarm": -0.6, "worry": -0.5, "worries": -0.5, "reservations": -0.4, "displeasure": -0.7,
    "surprise": 0.0, "interest": 0.3, "objection": -0.6, "objections": -0.6, "commitment": 0.4,
    "desire": 0.3, "wish": 0.3, "belief": 0.0,
}
_EXPRESSED_OBJECTS = set(EXPRESSED_STANCE)


@dataclass
class _ArticleState:
    article: Article
    registry: ActorRegistry
    mentions: list[Mention]
    actors: dict[str, Actor]
    principals: list[Actor]
    last_speakers: list[tuple[int, list[Actor]]] = field(default_factory=list)
    #: ``(position, n, actor)`` of each entry of ``last_speakers`` with one speaker (the n-th
    #: entry), kept sorted: a pronoun looks back from its position without sorting them all.
    single_speakers: list[tuple[int, int, Actor]] = field(default_factory=list)
    #: The latest entry of ``last_speakers`` that is several speakers or a plural one.
    plural_speakers: list[Actor] | None = None
    subjects: list[tuple[int, Actor]] = field(default_factory=list)  # in text order, as units are read
    # what is known of the groups and unnamed sources met so far, indexed so that a look-back
    # does not rescan the article (see add_source): the latest group; each family's groups,
    # as (position, actor) in the order they were met; the positions of groups
    last_group: Actor | None = None
    groups_by_family: dict[str, list[tuple[int, Actor]]] = field(default_factory=dict)
    group_starts: set[int] = field(default_factory=set)
    #: latest actor with a nationality, per (list, family); latest per (family, nationality)
    latest_affiliated: dict[tuple[str, str], Actor] = field(default_factory=dict)
    latest_anonymous: dict[tuple[str, str | None], Actor] = field(default_factory=dict)
    role_history: _RoleHistory = field(default_factory=lambda: _RoleHistory())  # people named so far
    dateline: str | None = None

    def add_speakers(self, at: int, speakers: list[Actor]) -> None:
        """Note that ``speakers`` spoke at ``at`` (the latest speakers are ``last_speakers[-1]``)."""
        self.last_speakers.append((at, speakers))
        if len(speakers) == 1:
            bisect.insort(self.single_speakers, (at, len(self.last_speakers), speakers[0]))
        if len(speakers) > 1 or (speakers and speakers[0].plural):
            self.plural_speakers = speakers

    def add_source(self, kind: str, start: int, actor: Actor, family: str) -> None:
        """Note a group (``kind="group"``) or an unnamed source (``"anonymous"``) met at ``start``."""
        if kind == "group":
            self.last_group = actor
            self.groups_by_family.setdefault(family, []).append((start, actor))
            self.group_starts.add(start)
        else:
            self.latest_anonymous[(family, None)] = actor
            self.latest_anonymous[(family, actor.affiliation)] = actor
        if actor.affiliation:
            self.latest_affiliated[(kind, family)] = actor


@dataclass
class ArticleAnalysis:
    """What attribution found in one article: its statements, the mentions of actors (with
    the actor each refers to, where known) and every actor it knows (registry, discovered,
    groups and unnamed sources)."""

    article: Article
    statements: list[Statement]
    mentions: list[Mention]
    actors: dict[str, Actor]


def attribute_article(article: Article, registry: ActorRegistry) -> list[Statement]:
    """Find the statements of one article and their speakers.

    Returns:
        :class:`Statement` records in text order (a joint statement holds several speakers).
    """
    return analyse_article(article, registry).statements


def analyse_article(article: Article, registry: ActorRegistry) -> ArticleAnalysis:
    """Statements, mentions and actors of one article (see :class:`ArticleAnalysis`)."""
    discovered = discover_actors(article.text, registry)
    mentions = find_mentions(article, registry, discovered)
    text = article.text
    actors = _ActorTable((a.name, a) for a in [*registry, *discovered])
    state = _ArticleState(article, registry, mentions, actors, _principals(mentions, actors, registry),
                          dateline=dateline_country(text))
    statements: list[Statement] = []
    paragraphs = article.paragraph_spans
    quotes_by_par = {p: quote_spans(text, s, e) for p, (s, e) in enumerate(paragraphs)}
    sentences = list(article.sentence_spans)
    units = _units(sentences, quotes_by_par)
    starts = [mm.start for mm in mentions]
    pending_quote: list[int] = []  # indices of quote-only units waiting for a cue
    for ui, unit in enumerate(units):
        p = unit["paragraph"]
        s, e = unit["start"], unit["end"]
        quotes = [q for q in quotes_by_par[p] if q[0] < e and s < q[1]]
        sent_mentions = mentions[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]
        cues = _find_cues(text, s, e, quotes, sent_mentions)
        stmts = _statements_in_unit(state, unit, cues, sent_mentions, quotes)
        if stmts:
            if pending_quote:
                first = stmts[0]
                for qi in pending_quote:  # quote-only sentences of this paragraph, before the cue
                    q_unit = units[qi]
                    first.start = min(first.start, q_unit["start"])
                    first.sentences = tuple(sorted(set(first.sentences) | set(q_unit["sentences"])))
                first.text = text[first.start : first.end]
                first.quote = _quote_text(text, quotes_by_par[p], first.start, first.end)
                first.mode = "direct" if first.quote else first.mode
                pending_quote = []
            statements.extend(stmts)
        elif _quote_only(text, s, e, quotes):
            nxt = units[ui + 1] if ui + 1 < len(units) else None
            if nxt is not None and nxt["paragraph"] == p and not _quote_only(text, nxt["start"], nxt["end"], quotes_by_par[p]):
                pending_quote.append(ui)
            else:
                statements.extend(_continuation(state, unit, quotes_by_par))
        else:
            for qi in pending_quote:
                statements.extend(_continuation(state, units[qi], quotes_by_par))
            pending_quote = []
        _note_subjects(state, sent_mentions, stmts, s)
    for qi in pending_quote:
        statements.extend(_continuation(state, units[qi], quotes_by_par))
    statements.sort(key=lambda st: st.start)
    history = _RoleHistory()
    for mention in mentions:  # name the actor behind role nouns, for the mention table
        if mention.actor is None and mention.kind == "role":
            mention.actor = _role_lookup(mention, state.actors, registry, history)
        if mention.actor is not None and mention.kind in ("name", "role"):
            history.remember(mention.actor)
    everything = sorted(mentions + _adjective_mentions(text, mentions), key=lambda m: m.start)
    return ArticleAnalysis(article, statements, everything, state.actors)


def _adjective_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Nationality adjectives ("Iranian initiative", "Japanese media") as mentions of their
    country, outside the names and countries already found."""
    gaz = gazetteer()
    taken = _occupancy(mentions, len(text))  # "The Iranian president" is a mention of Rouhani only
    out = []
    for start, end in _adjective_spans(text):
        if taken[start]:
            continue
        word = text[start:end]
        country = gaz.adjectives.get(word)
        if country:
            out.append(Mention(start, end, word, "adjective", actor=_country_actor(country), country=country))
    return out


@functools.lru_cache(maxsize=1)
def _adjective_rx() -> re.Pattern:
    """Capitalised nationality adjectives standing as words (longest first where they overlap)."""
    adjectives = [a for a in gazetteer().adjectives if a[:1].isupper() and not a.isupper()]
    return re.compile(rf"(?<![\w’'-]){trie_pattern(adjectives)}(?![\w-])")


def _adjective_spans(text: str) -> Iterator[tuple[int, int]]:
    return (mt.span() for mt in _adjective_rx().finditer(text))


def _units(sentences, quotes_by_par) -> list[dict]:
    """Group sentences that one quotation spans into a unit."""
    units: list[dict] = []
    for i, (p, s, e) in enumerate(sentences):
        if units and units[-1]["paragraph"] == p and any(
            q[0] < units[-1]["end"] and q[1] > s and q[0] >= units[-1]["start"] for q in quotes_by_par[p]
        ):
            units[-1]["end"] = e
            units[-1]["sentences"].append(i)
            continue
        units.append({"paragraph": p, "start": s, "end": e, "sentences": [i]})
    return units


def _quote_only(text: str, s: int, e: int, quotes) -> bool:
    inside = sum(min(e, qe) - max(s, qs) for qs, qe in quotes if qs < e and s < qe)
    return inside >= 0.6 * (e - s) and inside > 0


def _quote_text(text: str, quotes, s: int, e: int) -> str:
    parts = []
    for qs, qe in quotes:
        if qs < e and s < qe:
            inner = text[max(qs, s) : min(qe, e)].strip("“”\"«»„‘’ ")
            if inner:
                parts.append(inner)
    return " … ".join(parts)


def _continuation(state: _ArticleState, unit: dict, quotes_by_par) -> list[Statement]:
    """A quote-only sentence with no cue: it continues the previous statement's speaker."""
    if not state.last_speakers:
        return []
    at, speakers = state.last_speakers[-1]
    paragraph_of_last = bisect.bisect_right(state.article.paragraph_spans, at, key=lambda span: span[0]) - 1
    if unit["paragraph"] - paragraph_of_last > 1:
        return []  # other paragraphs came between: whose quote this is cannot be told
    text = state.article.text
    quote = _quote_text(text, quotes_by_par[unit["paragraph"]], unit["start"], unit["end"])
    state.add_speakers(unit["start"], speakers)  # a quote may run on over paragraphs
    return [Statement(state.article.id, unit["start"], unit["end"], text[unit["start"] : unit["end"]], quote,
                      "direct", "", [(a, "continuation") for a in speakers], None, tuple(unit["sentences"]))]


def _statements_in_unit(state, unit, cues: list[_CueHit], mentions: list[Mention], quotes) -> list[Statement]:
    text = state.article.text
    s, e = unit["start"], unit["end"]
    if not cues:
        return []
    source = _source(text, s, e, mentions, cues)
    results: list[tuple[_CueHit, list[tuple[Actor | None, str]]]] = []
    main: list[tuple[Actor | None, str]] | None = None
    content_from: int | None = None  # where the content of the main cue starts
    # "according to X" makes the whole sentence X's: it is read first, the rest is content
    cues = sorted(cues, key=lambda h: (not (h.according and _mention_after(text, h.end, mentions, e)), h.start))
    for hit in cues:
        if _is_source_cue(text, hit, mentions, s):
            continue
        if content_from is not None and hit.start > content_from and not hit.participle:
            # a cue inside the content of an earlier cue: embedded, unless a conjoined
            # predicate of the same subject ("rejected ... and said") or a new clause with
            # its own subject after "while"/"but"
            if _conjoined(text, s, hit.start):
                continue
            subject = _subject_before(text, hit, mentions, s, stop_at=content_from)
            if subject is None or not (_new_clause(text, subject.start, s) or _reduced_relative(text, subject.start, s)):
                continue
            speakers = _resolve(state, subject, hit, unit)
            results.append((hit, speakers))
            continue
        if hit.participle and main is not None:
            continue  # ", adding that ...": same speaker, same statement
        if hit.according:
            subject = _mention_after(text, hit.end, mentions, e)
        elif hit.participle:
            subject = _main_subject(text, hit, mentions, s)
        else:
            subject = _subject_before(text, hit, mentions, s) or _mention_after(text, hit.end, mentions, e, inverted=True)
            if subject is None and _conjoined(text, s, hit.start):
                subject = _main_subject(text, hit, mentions, s)  # "He turned to X, and told him"
        if subject is None:
            continue
        if subject.kind == "outlet":
            continue
        speakers = _resolve(state, subject, hit, unit)
        for other in _coordinated(text, subject, mentions):
            speakers = _resolve(state, other, hit, unit) + speakers  # "India and Pakistan traded warnings"
        if main is None:
            main = speakers
            content_from = s if hit.according else hit.end
        results.append((hit, speakers))
    stmts = []
    for hit, speakers in results:
        quote = _quote_text(text, quotes, s, e)
        stmts.append(Statement(state.article.id, s, e, text[s:e], quote, "direct" if quote else "indirect",
                               hit.text, speakers, source, tuple(unit["sentences"]), hit.start, hit.stance))
    # one statement per speaker set per unit: merge the cues of the same speakers
    merged: list[Statement] = []
    for st in stmts:
        same = next((m for m in merged if [a for a, _ in m.speakers] == [a for a, _ in st.speakers]), None)
        if same is None:
            merged.append(st)
    # every cue of the unit belongs to the statement whose cue precedes it ("..., adding that")
    for hit in cues:
        if not merged or hit.cue.lemma == "report":
            continue
        owner = max((st for st in merged if st.cue_start <= hit.start), key=lambda st: st.cue_start, default=merged[0])
        owner.cues.append((hit.start, hit.text, hit.stance, hit.cue.group))
    return merged


def _new_clause(text: str, pos: int, s: int) -> bool:
    before = text[s:pos].rstrip().lower()
    return bool(re.search(r"(?:,|;)\s*(?:while|whereas|but|and)?$|\b(?:while|whereas|but)$", before))


def _reduced_relative(text: str, pos: int, s: int) -> bool:
    """", a charge Islamabad denies" / ", a decision Beijing warned could ...": a new speaker
    inside a clause that modifies a noun in apposition."""
    return bool(re.search(r",\s+(?:a|an|the)\s+[a-z]+\s+(?:that\s+|which\s+)?$", text[s:pos]))


def _coordinated(text: str, subject: Mention, mentions: list[Mention]) -> list[Mention]:
    """Mentions joined to the subject by "and" ("India and Pakistan", "Abe and Rouhani")."""
    joined: list[Mention] = []
    current = subject
    for mention in reversed([m for m in mentions if m.end <= subject.start]):
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[mention.end : current.start]) and not mention.governed \
                and not mention.possessive and mention.kind in ("name", "country", "organisation", "group", "role"):
            joined.insert(0, mention)
            current = mention
        else:
            break
    if joined and not re.search(r"\band\s*$", text[joined[-1].end if len(joined) > 1 else joined[0].end : subject.start]):
        return []
    return joined


def _conjoined(text: str, s: int, pos: int) -> bool:
    before = text[s:pos].rstrip()
    return bool(re.search(r"(?:\band|\bor|,)\s*(?:also\s+|then\s+|later\s+)?$", before))


def _is_source_cue(text: str, hit: _CueHit, mentions: list[Mention], s: int) -> bool:
    if hit.cue.lemma != "report":
        return False
    subject = _subject_before(text, hit, mentions, s)
    return subject is None or subject.kind in ("outlet",)


def _source(text: str, s: int, e: int, mentions: list[Mention], cues: list[_CueHit]) -> str | None:
    """An outlet named as the channel of the statement: "X reported", "told X", "according to X"."""
    for hit in cues:
        if hit.cue.lemma == "report":
            subject = _subject_before(text, hit, mentions, s)
            if subject is not None and subject.kind == "outlet":
                return subject.head
        if hit.cue.lemma in ("tell", "according to"):
            after = _mention_after(text, hit.end, mentions, e)
            if after is not None and after.kind == "outlet" and after.start - hit.end < 6:
                return after.head
    for mention in mentions:
        if mention.kind == "outlet" and re.match(r"\s+(?:reported|reports|said|says|quoted)", text[mention.end : mention.end + 12]):
            return mention.head
    return None


def _clause_start(text: str, s: int, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last ';', ':' or quote close + comma."""
    segment = text[s:pos]
    cut = max(segment.rfind(";"), segment.rfind(":"))
    return s + cut + 1 if cut >= 0 else s


_PARENTHETICAL = re.compile(
    r",\s*(?:who|which|whose|speaking|citing|according|however|then|also|too|in turn|meanwhile|"
    r"instead|for (?:his|her|their|its) part|at the same time|on [A-Z]\w+|as well)[^,]*,"
)


def _subject_before(text: str, hit: _CueHit, mentions: list[Mention], s: int, stop_at: int | None = None) -> Mention | None:
    """The nearest subject-position mention before the cue, within its clause.

    Between the subject and the cue there may be auxiliaries and adverbs (at most
    :data:`MAX_SUBJECT_GAP` words) and one parenthetical or apposition set off by commas
    (``Erdogan, who has ... since 2022, told``; ``Redwan Hussien, adviser to ..., wrote``).
    """
    start = _clause_start(text, s, hit.start)
    if stop_at is not None:
        start = max(start, stop_at)
    candidates = [mm for mm in mentions if start <= mm.start and mm.end <= hit.start]
    quotes = None
    inside = _relative_clauses(text, start, hit.start)
    for mention in reversed(candidates):
        if mention.possessive:
            continue
        if mention.governed and not _clause_subject(text, mention, hit.start):
            continue
        if any(a < mention.start < b for a, b in inside):
            continue  # "Erdogan, who has ties with Moscow and Kyiv, told": not Kyiv
        gap = text[mention.end : hit.start]
        if "”" in gap or '"' in gap:
            quotes = quotes if quotes is not None else quote_spans(text, s, hit.start)
            if _inside(quotes, mention.start):
                continue  # inside a quotation: the speaker's words, not the speaker
        words = _gap_words(gap)
        if words is None or len(words) > MAX_SUBJECT_GAP:
            continue
        if any(w.lower() in ("that", "which", "who", "whose") for w in words):
            continue
        return mention
    return None


_SUBORDINATORS = re.compile(r"(?:after|before|since|until|as|because|once|while|when)\s+$", re.IGNORECASE)


def _clause_subject(text: str, mention: Mention, cue_start: int) -> bool:
    """"a day after Pyongyang denounced ...": after/before/since open a clause when a verb
    follows the mention directly."""
    before = text[max(0, mention.start - 12) : mention.start]
    gap = _gap_words(text[mention.end : cue_start])
    return bool(_SUBORDINATORS.search(before)) and gap is not None and len(gap) <= 2


def _relative_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ", who/which/whose ... ," clauses that close before ``end``."""
    spans = []
    for mt in re.finditer(r",\s*(?:who|which|whose|where)\b", text[start:end]):
        close = text.rfind(",", start + mt.end(), end)
        if close > 0:
            spans.append((start + mt.start(), close))
    return spans


#: Words allowed between a subject and its cue ("have", "however", "at the same time").
MAX_SUBJECT_GAP = 6


def _gap_words(gap: str) -> list[str] | None:
    """Words between subject and cue once one leading parenthetical is removed."""
    stripped = gap.strip()
    if stripped.startswith(","):
        close = stripped.find(",", 1)
        if close > 0 and len(stripped[1:close].split()) <= 25:
            stripped = stripped[close + 1 :]
        else:
            return None
    stripped = _PARENTHETICAL.sub(" ", stripped + ",").rstrip(",")
    return re.findall(r"[\w’'\-]+", stripped)


def _mention_after(text: str, pos: int, mentions: list[Mention], e: int, inverted: bool = False) -> Mention | None:
    for mention in mentions:
        if mention.start >= pos:
            gap = text[pos : mention.start]
            if len(re.findall(r"[\w’'\-]+", gap)) > (1 if inverted else 3):
                return None
            if inverted and not _trailing(text, mention.end, e):
                return None
            return mention
    return None


def _main_subject(text: str, hit: _CueHit, mentions: list[Mention], s: int) -> Mention | None:
    """Subject of the main clause for a participle cue: the first subject-position mention."""
    for mention in mentions:
        if mention.end > hit.start:
            break
        if mention.possessive or mention.governed or mention.kind == "outlet":
            continue
        return mention
    return None


# ---------------------------------------------------------------- resolution


def _principals(mentions: list[Mention], actors: dict[str, Actor], registry: ActorRegistry) -> list[Actor]:
    """The article's two principal people of different affiliations (for "the two sides")."""
    counts: Counter = Counter()
    for mention in mentions:
        if mention.kind == "name" and mention.actor is not None and mention.actor.type == "person":
            counts[mention.actor.name] += 1
        elif mention.kind == "role" and mention.country:
            actor = _role_lookup(mention, actors, registry, None)
            if actor is not None:
                counts[actor.name] += 1
    chosen: list[Actor] = []
    for name, _ in counts.most_common():
        actor = actors.get(name) or registry.get(name)
        if actor is None:
            continue
        if all(actor.affiliation != c.affiliation or actor.affiliation is None for c in chosen):
            chosen.append(actor)
        if len(chosen) == 2:
            break
    return chosen


class _RoleHistory:
    """The actors an article has named so far (one per name, the latest named wins), with the
    people indexed by role as in :class:`_ActorTable`: "the minister" finds the latest
    minister among the ministers met, "the Iranian minister" the latest among the Iranian ones
    and those of no known side, instead of walking back through everyone met (which, on a long
    text, grew with the number of people)."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[int, Actor]] = {}  # name → (when last remembered, actor)
        self._tick = 0
        # role key (see _role_keys) → affiliation (None: none) → names, least recent first
        self._index: dict[tuple[str, str], dict[str | None, dict[str, None]]] = {}

    def _buckets(self, actor: Actor) -> list[dict[str, None]]:
        side = actor.affiliation or None
        return [self._index.setdefault(key, {}).setdefault(side, {}) for key in _role_keys(actor)]

    def remember(self, actor: Actor) -> None:
        """Make ``actor`` the most recent (replacing an earlier actor of the same name)."""
        if actor.name in self._known:
            for bucket in self._buckets(self._known[actor.name][1]):
                bucket.pop(actor.name)
        self._tick += 1
        self._known[actor.name] = (self._tick, actor)
        for bucket in self._buckets(actor):
            bucket[actor.name] = None

    def find(self, core: str, head: str | None, leader: bool, country: str | None) -> Actor | None:
        """The most recent person whose roles have ``core``, end in ``head`` (if given) or,
        with ``leader``, are a leader's; with ``country``, of that country or of none."""
        best, when = None, -1
        for by_side in map(self._index.get, _role_query(core, head, leader)):
            if not by_side:
                continue
            for names in (by_side.values() if country is None else (by_side.get(None), by_side.get(country))):
                if names:  # its most recent
                    at, actor = self._known[next(reversed(names))]
                    if at > when:
                        best, when = actor, at
        return best


def _role_lookup(mention: Mention, actors: dict[str, Actor], registry: ActorRegistry,
                 history: _RoleHistory | None) -> Actor | None:
    core = role_core(mention.text)
    if not core:
        return None
    head = core.split()[-1]
    by_head = len(core.split()) == 1  # "the minister": any minister; "the foreign minister": that one
    leader = core == "leader" and bool(mention.country)  # "the Turkish leader": head of state or government
    country = mention.country or None

    def matches(actor: Actor) -> bool:  # what the role indexes of the history and the table hold
        if actor.type != "person":
            return False
        if country and actor.affiliation and actor.affiliation != country:
            return False
        cores, heads, leads = _role_facts(actor.roles)
        return core in cores or (by_head and head in heads) or (leader and leads)

    if history is not None:
        found = history.find(core, head if by_head else None, leader, country)
        if found is not None:
            return found
    if isinstance(actors, _ActorTable):  # two are enough to tell one from several
        h = head if by_head else None
        pool = actors.with_role(core, h, leader, None if country is None else (None, country), limit=2)
        if len(pool) == 1:
            return pool[0]
        exact = actors.with_role(core, h, leader, (country,), limit=2) if country else []
    else:
        pool = [a for a in actors.values() if matches(a)]
        if len(pool) == 1:
            return pool[0]
        exact = [a for a in pool if country and a.affiliation == country]
    return exact[0] if len(exact) == 1 else None


class _ActorTable(dict):
    """An article's actors by name (a dict), which also finds the people holding a role
    without going through all of them: an index by role core, by the last word of a core and
    for leaders' roles, extended as actors are added (and rebuilt if one is replaced)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._dirty()

    def _dirty(self) -> None:
        self._seen = 0
        # role key (see _role_keys) → affiliation (None: none) → (position, person), in order
        self._index: dict[tuple[str, str], dict[str | None, list[tuple[int, Actor]]]] = {}

    def __setitem__(self, name, actor) -> None:
        if name in self and self[name] is not actor:
            self._dirty()
        super().__setitem__(name, actor)

    def _changed(method):  # wraps the dict methods that may replace or remove actors
        def changed(self, *args, **kwargs):
            self._dirty()
            return method(self, *args, **kwargs)

        return changed

    __delitem__ = _changed(dict.__delitem__)
    pop = _changed(dict.pop)
    popitem = _changed(dict.popitem)
    clear = _changed(dict.clear)
    update = _changed(dict.update)
    setdefault = _changed(dict.setdefault)
    __ior__ = _changed(dict.__ior__)
    del _changed

    def __copy__(self) -> _ActorTable:
        return type(self)(self)  # a fresh index: a copy that grows must not add to this one's

    def with_role(self, core: str, head: str | None, leader: bool, sides: tuple[str | None, ...] | None = None,
                  limit: int | None = None) -> list[Actor]:
        """People whose roles have ``core``, end in ``head`` (if given) or, with ``leader``,
        are a leader's, in the order they were added: of the affiliations in ``sides`` (None
        or "" for people of none) if given, the first ``limit`` if given."""
        if len(self) > self._seen:
            for k, actor in enumerate(itertools.islice(self.values(), self._seen, None), start=self._seen):
                for key in _role_keys(actor):
                    self._index.setdefault(key, {}).setdefault(actor.affiliation or None, []).append((k, actor))
            self._seen = len(self)
        found: dict[int, Actor] = {}
        sides = None if sides is None else tuple(dict.fromkeys(side or None for side in sides))
        for by_side in map(self._index.get, _role_query(core, head, leader)):
            for side in (by_side or {}) if sides is None else sides:
                people = (by_side or {}).get(side, ())
                found.update(people if limit is None else people[:limit])  # each list is in order
        ordered = [found[k] for k in sorted(found)]
        return ordered if limit is None else ordered[:limit]


def _role_keys(actor: Actor) -> list[tuple[str, str]]:
    """Where a role index files ``actor``: ``("core", c)`` for each of its role cores,
    ``("head", w)`` for the last word of each, ``("leader", "")`` if one is a leader's role;
    nowhere if it is not a person or holds no role (no role noun can name it)."""
    if actor.type != "person" or not actor.roles:
        return []
    cores, heads, leads = _role_facts(actor.roles)
    return [*(("core", c) for c in cores), *(("head", h) for h in heads), *([("leader", "")] if leads else [])]


def _role_query(core: str, head: str | None, leader: bool) -> list[tuple[str, str]]:
    """The keys of :func:`_role_keys` a role noun looks under: its core, the last word of a
    one-word core ("the minister": any minister), and leaders' roles for "the Turkish leader"."""
    return [("core", core), *([("head", head)] if head is not None else []), *([("leader", "")] if leader else [])]


@functools.lru_cache(maxsize=65536)
def _role_facts(roles: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], bool]:
    """Of an actor's roles: their cores, the last word of each, and whether one is a leader's
    role (what :func:`_role_lookup` compares, worked out once per set of roles)."""
    cores = frozenset(role_core(role) for role in roles)
    return cores, frozenset(c.split()[-1] for c in cores if c.split()), any(c in LEADER_ROLES for c in cores)


def _resolve(state: _ArticleState, mention: Mention, hit: _CueHit, unit: dict) -> list[tuple[Actor | None, str]]:
    kind = mention.kind
    if kind in ("name", "country", "organisation") and mention.actor is not None:
        return [(mention.actor, "name")]
    if kind == "pronoun":
        return _resolve_pronoun(state, mention, unit)
    if kind == "joint":
        return _resolve_joint(state, mention)
    if kind == "institution":
        return [(_institution_actor(state, mention), "name")]
    if kind == "group":
        if mention.definite and mention.country is None:
            # "the (top) officials": an earlier group of that kind, else the article's principals
            family = _family(mention.head)
            for start, actor in reversed(state.groups_by_family.get(family, ())):
                if start < mention.start:  # the latest such group met before this mention
                    return [(actor, "group")]
            if len(state.principals) >= 2:
                return _resolve_joint(state, mention)
        return [(_group_actor(state, mention), "group")]
    if kind == "anonymous":
        return [(_anonymous_actor(state, mention, new=True), "anonymous")]
    if kind == "role":
        if mention.head in ("official", "diplomat", "source", "spokesman", "spokeswoman", "spokesperson", "aide",
                            "adviser", "advisor", "insider", "officer", "analyst", "expert"):
            actor = _role_lookup(mention, state.actors, state.registry, state.role_history)
            if actor is not None:
                return [(actor, "role noun")]
            return [(_anonymous_actor(state, mention, new=False), "anonymous")]
        actor = _role_lookup(mention, state.actors, state.registry, state.role_history)
        if actor is not None:
            return [(actor, "role noun")]
        return [(None, "unresolved")]
    return [(None, "unresolved")]


def _resolve_pronoun(state: _ArticleState, mention: Mention, unit: dict) -> list[tuple[Actor | None, str]]:
    if mention.plural:
        if state.plural_speakers is not None:
            return [(a, "pronoun") for a in state.plural_speakers]
        if state.last_group is not None:
            return [(state.last_group, "pronoun")]
        return [(None, "unresolved")]
    pos = mention.start
    # the speakers and subjects before the pronoun, latest first (a subject before a speaker
    # at the same position), until one is a person of a compatible gender; both lists are in
    # position order, so only the candidates passed over are visited
    singles, subjects = state.single_speakers, state.subjects
    i = bisect.bisect_left(singles, pos, key=lambda c: c[0]) - 1
    j = bisect.bisect_left(subjects, pos, key=lambda c: c[0]) - 1
    while i >= 0 or j >= 0:
        if j >= 0 and (i < 0 or subjects[j][0] >= singles[i][0]):
            actor = subjects[j][1]
            j -= 1
        else:
            actor = singles[i][2]
            i -= 1
        if actor.type != "person" or actor.plural:
            continue
        if mention.gender and actor.gender and actor.gender != mention.gender:
            continue
        return [(actor, "pronoun")]
    # no compatible speaker or subject: the latest compatible person mentioned at all
    k = bisect.bisect_left(state.mentions, unit["start"], key=lambda mm: mm.start)
    for other in reversed([mm for mm in state.mentions[max(0, k - 200) : k] if mm.kind == "name"]):
        actor = other.actor
        if actor is not None and actor.type == "person" and mention.gender and actor.gender == mention.gender:
            return [(actor, "pronoun")]
    return [(None, "unresolved")]


def _resolve_joint(state: _ArticleState, mention: Mention) -> list[tuple[Actor | None, str]]:
    if len(state.principals) >= 2:
        return [(a, "joint") for a in state.principals[:2]]
    return [(None, "unresolved")]


def _context_country(state: _ArticleState, mention: Mention, family: str) -> str | None:
    """Nationality for an unnamed source: the latest group or source of the same kind with
    one ("Senior Japanese officials ... an official said"), else the dateline's country."""
    for kind in ("anonymous", "group"):  # the sources first, then the groups, latest first
        actor = state.latest_affiliated.get((kind, family))
        if actor is not None:
            return actor.affiliation
    # "sources" may be on either side: only their own words give them a nationality
    return state.dateline if family != "source" else None


_DATELINE = re.compile(
    r"\A\s*(?P<city>[A-Z][A-Z .'’-]{1,30}[A-Z])(?:,\s*(?P<country>[A-Z][\w .]{1,30}?))?"
    r"(?:,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?\s*\([^)]{1,40}\)\s*[-—–]"
)


def dateline_country(text: str) -> str | None:
    """Country (or organisation, for "BRUSSELS") of a wire-style dateline, if the text has one.

    Example:
        >>> dateline_country("SOCHI, Russia, Sept 4 (Reuters) - Turkish President ...")
        'Russia'
    """
    mt = _DATELINE.match(text)
    if not mt:
        return None
    gaz = gazetteer()
    if mt.group("country"):
        found = gaz.country_of(mt.group("country").strip())
        if found:
            return found
    return gaz.country_of(mt.group("city").title())


def _family(head: str | None) -> str:
    h = (head or "").lower()
    if h.endswith("s") and h not in ("sources",):
        h = h[:-1]
    return {"sources": "source", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
            "advisor": "adviser"}.get(h, h)


def _adjective_for(country: str) -> str:
    """"Iran" → "Iranian"; an organisation → its acronym ("United Nations" → "UN")."""
    gaz = gazetteer()
    if country in BLOC_ADJECTIVES:
        return country
    if country in gaz.organisations.values():
        acronyms = [n for n, org in gaz.organisations.items() if org == country and n.isupper() and "." not in n]
        return min(acronyms, key=len) if acronyms else country
    for adj, c in gaz.adjectives.items():
        if c == country and adj[0].isupper() and not adj.endswith("s") and "." not in adj and not adj.isupper():
            return adj
    return country


def _group_actor(state: _ArticleState, mention: Mention) -> Actor:
    family = _family(mention.head)
    country = mention.country or _context_country(state, mention, family)
    head = mention.head or "officials"
    adjective = _adjective_for(country) if country else ""
    name = f"{adjective} {head}".strip()
    if head == "sources":
        name += " (anonymous)"
    actor = state.actors.get(name) or Actor(name, "group", country, origin="group")
    state.actors[name] = actor
    state.add_source("group", mention.start, actor, family)
    return actor


def _anonymous_actor(state: _ArticleState, mention: Mention, new: bool) -> Actor:
    family = _family(mention.head)
    if not new or mention.definite:
        actor = state.latest_anonymous.get((family, mention.country))  # the latest of that kind (and country)
        if actor is not None:
            state.add_source("anonymous", mention.start, actor, family)
            return actor
    country = mention.country or _context_country(state, mention, family)
    adjective = _adjective_for(country) if country else ""
    head = {"spokesman": "spokesperson", "spokeswoman": "spokesperson"}.get(mention.head or "", mention.head or "source")
    name = f"{adjective} {head} (anonymous)".strip()
    actor = state.actors.get(name) or Actor(name, "person", country, origin="anonymous")
    state.actors[name] = actor
    state.add_source("anonymous", mention.start, actor, family)
    return actor


def _institution_actor(state: _ArticleState, mention: Mention) -> Actor:
    text = mention.text
    words = [w for w in text.split() if w.lower() not in ("the", "a", "an", "its", "their", "his", "her")
             and not re.search(r"[’']s$", w)]
    phrase = " ".join(words)
    for actor in state.registry:
        if phrase in actor.names or any(phrase.lower() == n.lower() for n in actor.names):
            return actor
    country = mention.country or _context_country(state, mention, "official")
    if mention.head == "government" and country:
        return _country_actor(country)
    adjective = _adjective_for(country) if country else ""
    core = " ".join(w[:1].upper() + w[1:] for w in words if not gazetteer().country_of(w) and w not in BLOC_ADJECTIVES)
    name = f"{adjective} {core}".strip()
    actor = state.actors.get(name) or Actor(name, "organisation", country, origin="discovered")
    state.actors[name] = actor
    return actor


def _note_subjects(state: _ArticleState, mentions: list[Mention], stmts: list[Statement], s: int) -> None:
    for mention in mentions:
        if mention.kind == "name" and mention.actor is not None and not mention.possessive and not mention.governed:
            state.subjects.append((mention.start, mention.actor))
        if mention.kind in ("name", "role") and mention.actor is not None:
            state.role_history.remember(mention.actor)
        if (mention.kind == "group" and mention.start not in state.group_starts
                and not (mention.definite and mention.country is None)):
            _group_actor(state, mention)
    for st in stmts:
        speakers = [a for a, _ in st.speakers if a is not None]
        if speakers:
            state.add_speakers(st.cue_start if st.cue_start >= 0 else st.start, speakers)
            for a in speakers:
                state.role_history.remember(a)


# ---------------------------------------------------------------- public tables


#: Mention kinds that name a known actor (the targets of tone and stance).
TARGET_KINDS = ("name", "country", "organisation", "role", "adjective")


def target_mentions(analysis: ArticleAnalysis) -> list[Mention]:
    """The mentions of ``analysis`` that name a known actor, in text order."""
    return [m for m in analysis.mentions if m.actor is not None and m.kind in TARGET_KINDS]


def statement_rows(analysis: ArticleAnalysis) -> list[tuple]:
    """Rows of :data:`STATEMENT_COLUMNS` for one article, one per (statement, speaker)."""
    article = analysis.article.id
    return [
        (f"{article}:{n}", article, st.start, st.end, st.text, st.quote, st.mode, st.cue,
         actor.name if actor else None, actor.type if actor else None,
         actor.affiliation if actor else None, how, st.source)
        for n, st in enumerate(analysis.statements, start=1)
        for actor, how in st.speakers
    ]


def mention_rows(analysis: ArticleAnalysis) -> list[tuple]:
    """Rows of :data:`MENTION_COLUMNS` for one article, one per mention of a known actor."""
    return [
        (analysis.article.id, m.start, m.end, m.text, m.actor.name, m.actor.type, m.actor.affiliation,
         m.kind, role_core(m.text) if m.kind == "role" else None)
        for m in target_mentions(analysis)
    ]


def evaluate(predicted: pd.DataFrame, gold: pd.DataFrame, corpus: Corpus) -> dict:
    """Precision, recall and F1 of (sentence, speaker) pairs against a hand annotation.

    Each predicted statement contributes one pair per sentence it spans and per speaker;
    ``gold`` has one row per (article, sentence, speaker).

    Returns:
        ``{"precision", "recall", "f1", "tp", "fp", "fn", "missed", "spurious"}`` where the
        last two are DataFrames of the pairs that disagree.
    """
    sentences = corpus.sentences()
    pred_pairs = set()
    for row in predicted.itertuples():
        hit = sentences[(sentences.article == row.article) & (sentences.start < row.end) & (sentences.end > row.start)]
        for sent in hit.sentence:
            pred_pairs.add((row.article, int(sent), row.speaker if isinstance(row.speaker, str) else None))
    gold_pairs = {(r.article, int(r.sentence), r.speaker if isinstance(r.speaker, str) else None)
                  for r in gold.itertuples()}
    tp = len(pred_pairs & gold_pairs)
    fp = len(pred_pairs - gold_pairs)
    fn = len(gold_pairs - pred_pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    cols = ["article", "sentence", "speaker"]
    return {
        "precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn,
        "missed": pd.DataFrame(sorted(gold_pairs - pred_pairs, key=str), columns=cols),
        "spurious": pd.DataFrame(sorted(pred_pairs - gold_pairs, key=str), columns=cols),
    }


def speaker_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per speaker: how many statements, how many direct and indirect, in how many articles.

    Args:
        table: Output of :func:`statements`.

    Returns:
        One row per speaker (unresolved rows left out): ``speaker``, ``affiliation``,
        ``speaker_type``, ``statements``, ``direct``, ``indirect``, ``direct_share``,
        ``articles``; sorted by ``statements``, most first.

    Example:
        >>> speaker_summary(pd.DataFrame(columns=STATEMENT_COLUMNS)).empty
        True
    """
    cols = ["speaker", "affiliation", "speaker_type", "statements", "direct", "indirect", "direct_share", "articles"]
    known = table.dropna(subset=["speaker"])
    if known.empty:
        return pd.DataFrame(columns=cols)
    grouped = known.groupby("speaker")
    out = pd.DataFrame({
        "affiliation": grouped["affiliation"].first(),
        "speaker_type": grouped["speaker_type"].first(),
        "statements": grouped["statement_id"].nunique(),
        "direct": known[known["mode"] == "direct"].groupby("speaker")["statement_id"].nunique(),
        "indirect": known[known["mode"] == "indirect"].groupby("speaker")["statement_id"].nunique(),
        "articles": grouped["article"].nunique(),
    }).fillna({"direct": 0, "indirect": 0})
    out[["direct", "indirect"]] = out[["direct", "indirect"]].astype(int)
    out["direct_share"] = out["direct"] / out["statements"]
    out = out.reset_index().sort_values(["statements", "speaker"], ascending=[False, True])
    return out[cols].reset_index(drop=True)


def speaks_vs_mentioned(table: pd.DataFrame, mention_table: pd.DataFrame) -> pd.DataFrame:
    """Who speaks and who is spoken of: statements and mentions per actor.

    Args:
        table: Output of :func:`statements`.
        mention_table: Output of :func:`mentions`.

    Returns:
        One row per actor: ``actor``, ``affiliation``, ``statements`` (as speaker),
        ``mentions`` (times named, by name, role, country or capital), sorted by the sum.
    """
    spoken = table.dropna(subset=["speaker"]).groupby("speaker")["statement_id"].nunique()
    named = mention_table.groupby("actor").size()
    affiliation = pd.concat([
        table.dropna(subset=["speaker"]).groupby("speaker")["affiliation"].first(),
        mention_table.groupby("actor")["affiliation"].first(),
    ])
    affiliation = affiliation[~affiliation.index.duplicated()]
    out = pd.DataFrame({"statements": spoken, "mentions": named}).fillna(0).astype(int)
    out["affiliation"] = affiliation.reindex(out.index)
    out = out.rename_axis("actor").reset_index()
    out = out.assign(_total=out["statements"] + out["mentions"]).sort_values(["_total", "actor"], ascending=[False, True])
    return out[["actor", "affiliation", "statements", "mentions"]].reset_index(drop=True)
