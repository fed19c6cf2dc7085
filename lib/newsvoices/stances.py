"""Stance: who is hostile or friendly to whom, read from the parse of each statement.

In the tradition of political event data (CAMEO's verbal cooperation and conflict), a stance is
an act of one actor toward another: praise, thanks, support … against accusation, condemnation,
threats, sanctions. The words and their weights are data (``data/stance_words.csv``, with the
CAMEO category of each); this module finds where they apply:

* **a stance verb and its object**: the target is the verb's object, the subject of its passive,
  or the object of its preposition ("praised *Japan*", "*Japan* was praised", "sided with *Iran*",
  "blamed the crisis on *Washington*"); a possessor or a nationality adjective of the object
  stands for its owner ("condemned the *Chinese* actions", "appreciated *Japan*'s role");
* **an act noun and its patient**: "sanctions on *Iran*", "support for *Japan*", "cooperation
  with *Iran*", counted only when the speaker is the one acting ("Japan will impose sanctions on
  Iran", "we need cooperation with Iran"), and reversed by a verb that ends the act ("lift
  sanctions on Iran");
* **an act noun and its owner**: "*Iran*'s provocations", "*Japan*'s contribution";
* **"described X as Y"**: the tone of Y.

Negation counts: a negated friendly act is hostile at half its weight ("won't be able to satisfy
*Tehran*"); a negated hostile act is no stance ("did not criticise *Japan*" is not praise). The
holder of the stance is the agent of its word: the statement's speaker when the word is the cue,
has no subject of its own, or has the speaker (or "we", "I", or a pronoun of the speaker's kind)
for subject; another named actor when that actor is the subject or the agent of a passive
("Iran was criticised by *the United States*"). Where no stance word applies, the stance is the
tone of the statement toward the target (:func:`newsvoices.target_tone.mention_tone`).

Example:
    >>> import newsvoices as nv
    >>> corpus = nv.Corpus([nv.Article.from_text("a", "Kono praised Iran's restraint on Monday.")])
    >>> table = nv.analyse(corpus, nv.ActorRegistry(), cache=False, progress=False).stance
    >>> table[["speaker", "target", "role", "word", "stance"]].values.tolist()
    [['Kono', 'Iran', 'verb', 'praised', 0.9]]
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd
from spacy.tokens import Doc, Span, Token

from .actors import Actor
from .attribution import ArticleAnalysis, Mention, Statement, target_mentions
from .lexicons import rows
from .parse import dependent, is_parsed, lemma, sentence_of
from .scorers import evidence_text, masked, textblob_scores, vader
from .tone import bootstrap_ci, thin

__all__ = ["StanceReading", "StanceWord", "describers", "negators", "stance_lexicon", "stance_matrix", "stance_reading",
           "stance_rows", "stance_words"]

#: Prepositions whose object is the patient of a stance verb ("sided with", "protested against",
#: "blamed ... on", "stand by").
VERB_PREPOSITIONS = frozenset({"with", "against", "on", "upon", "at", "toward", "towards", "by"})
#: Prepositions whose object is the patient of an act noun ("sanctions on", "support for").
NOUN_PREPOSITIONS = frozenset({"on", "against", "of", "to", "toward", "towards", "for", "with", "at", "upon"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ours"})
_OBJECTS = ("dobj", "obj", "dative", "nsubjpass", "oprd")
_OWNERS = ("poss", "amod", "compound", "nmod")
_NEGATED_FRIENDLY = -0.5  # a negated friendly act: hostile, at half its weight


@dataclass(frozen=True)
class StanceWord:
    """An entry of ``data/stance_words.csv``.

    Attributes:
        lemma: The word's lemma ("condemn", "sanction").
        pos: ``verb`` or ``noun``.
        patient: Stance toward whom the act is aimed at (−1 … 1), or ``None``.
        agent: Stance toward whom does it, for a noun ("Iran's *provocations*"), or ``None``.
        cameo: The CAMEO category it belongs to.
    """

    lemma: str
    pos: str
    patient: float | None
    agent: float | None
    cameo: str


def _number(cell: str) -> float | None:
    return float(cell) if cell.strip() else None


@functools.lru_cache(maxsize=1)
def stance_words() -> dict[tuple[str, str], StanceWord]:
    """The stance words by ``(lemma, pos)``.

    Example:
        >>> stance_words()[("condemn", "verb")].patient
        -0.9
    """
    return {(r["lemma"], r["pos"]): StanceWord(r["lemma"], r["pos"], _number(r["patient"]), _number(r["agent"]),
                                               r["cameo"])
            for r in rows("stance_words.csv") if r["pos"] in ("verb", "noun")}


@functools.lru_cache(maxsize=1)
def negators() -> frozenset[str]:
    """Verbs that reverse the act they govern ("lift sanctions", "refused to condemn").

    Example:
        >>> {"lift", "refuse"} <= negators()
        True
    """
    return frozenset(r["lemma"] for r in rows("stance_words.csv") if r["pos"] == "negator")


@functools.lru_cache(maxsize=1)
def describers() -> frozenset[str]:
    """Verbs whose object is described by an as-phrase or a predicate ("described X as Y").

    Example:
        >>> {"describe", "call"} <= describers()
        True
    """
    return frozenset(r["lemma"] for r in rows("stance_words.csv") if r["pos"] == "describer")


def stance_lexicon() -> pd.DataFrame:
    """The stance lexicon as a table: ``lemma``, ``pos`` (verb, noun, negator or describer), ``patient``,
    ``agent`` (stance toward whom the act is aimed at, toward whom does it), ``cameo``,
    ``comment``.

    Example:
        >>> lexicon = stance_lexicon()
        >>> lexicon.loc[lexicon["lemma"] == "praise", ["pos", "patient"]].values.tolist()
        [['verb', 0.9], ['noun', 0.9]]
    """
    table = pd.DataFrame(list(rows("stance_words.csv")))
    for column in ("patient", "agent"):
        table[column] = pd.to_numeric(table[column].replace("", None))
    return table


# ---------------------------------------------------------------- evidence in the parse


@dataclass(frozen=True)
class _Found:
    """A stance word that applies to a target."""

    holder: Actor | None  # None: the statement's speaker
    value: float
    role: str  # verb, act, owner, as-phrase
    word: str
    negated: bool
    evidence: str


class _Reader:
    """The stance words of one article's parse that apply to its target mentions."""

    def __init__(self, doc: Doc, mentions: list[Mention], any_holder: bool = False) -> None:
        self.doc = doc
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.any_holder = any_holder  # judge the words alone: whoever acts holds the stance

    def in_source(self, mention: Mention, st: Statement) -> bool:
        """Whether the mention is part of the noun phrase that speaks ("the *Japanese* premier
        said", "*Iran*'s foreign minister said"): it names the speaker, it is not spoken of."""
        cue = self.doc.char_span(st.cue_start, st.cue_start + 1, alignment_mode="expand") if st.cue_start >= 0 else None
        if cue is None or not len(cue) or not is_parsed(sentence_of(cue[0])):
            return False
        for child in cue[0].children:
            if child.dep_ in ("nsubj", "nsubjpass") or (child.dep_ == "agent"):
                if child.left_edge.idx <= mention.start < child.right_edge.idx + len(child.right_edge):
                    return True
        return False

    def actor_at(self, token: Token) -> Actor | None:
        """The known actor a token belongs to (a name, a country, a role noun)."""
        k = bisect.bisect_right(self.starts, token.idx) - 1
        if k >= 0 and self.mentions[k].start <= token.idx < self.mentions[k].end:
            return self.mentions[k].actor
        return None

    def find(self, mention: Mention, st: Statement, speakers: list[Actor]) -> _Found | None:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span) or not is_parsed(sentence_of(span[0])):
            return None
        node = _head(span)
        for _ in range(4):  # a conjunct stands where its first conjunct stands; a modifier for its noun
            if node.dep_ == "conj" and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
                node = node.head
                continue
            owned = node.dep_ in _OWNERS and node.head.pos_ in ("NOUN", "PROPN") and node.head.i != node.i
            by = (node.dep_ == "pobj" and node.head.lower_ in ("by", "from") and node.head.dep_ == "prep"
                  and node.head.head.pos_ == "NOUN")  # "the claims by the US": the US owns them
            if owned or by:
                noun = node.head if owned else node.head.head
                word = stance_words().get((lemma(noun), "noun"))
                if word is not None and (word.agent is not None or word.patient is not None):
                    by_verb = self._verb(noun, st, speakers)
                    if by_verb is not None:
                        return by_verb  # "condemned Iran's provocations": the verb's stance
                    if word.agent is None:
                        return None  # "US sanctions": the owner acts, the act says nothing of it
                    return _Found(None, word.agent, "owner", noun.text, False,
                                  f"{noun.text} ({word.agent:+g} toward its owner; CAMEO {word.cameo})")
                node = noun
                continue
            break
        return (self._verb(node, st, speakers) or self._act(node, st, speakers)
                or self._as_phrase(node, st, speakers))

    def _verb(self, node: Token, st: Statement, speakers: list[Actor]) -> _Found | None:
        """The target as the patient of a stance verb."""
        if node.dep_ in _OBJECTS:
            verb = node.head
        elif node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in VERB_PREPOSITIONS:
            verb = node.head.head
        else:
            return None
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        word = stance_words().get((lemma(verb), "verb"))
        if word is None or word.patient is None or any(c.dep_ == "prt" for c in verb.children):
            return None  # with a particle it is another verb ("back up a claim", "call off")
        holder = self.holder(verb, st, speakers)
        if holder is False:
            return None
        negated = _negated(verb)
        value = _negate(word.patient) if negated else word.patient
        what = f"not {verb.text}" if negated else verb.text
        return _Found(holder or None, value, "verb", verb.text, negated,
                      f"{what} ({value:+g} toward its object; CAMEO {word.cameo})")

    def _act(self, node: Token, st: Statement, speakers: list[Actor]) -> _Found | None:
        """The target as the patient of an act noun the speaker performs ("sanctions on X")."""
        if node.dep_ != "pobj" or node.head.lower_ not in NOUN_PREPOSITIONS:
            return None
        noun = node.head.head
        if noun.pos_ in ("VERB", "AUX"):  # "impose sanctions on Iran": the parser may hang "on" on the verb
            noun = next((c for c in noun.children if c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN"
                         and (lemma(c), "noun") in stance_words()), noun)
        if noun.pos_ != "NOUN":
            return None
        word = stance_words().get((lemma(noun), "noun"))
        if word is None or word.patient is None:
            return None
        owner = next((c for c in noun.children if c.dep_ in ("poss", "amod", "compound")
                      and (c.lower_ in _FIRST_PERSON or self.actor_at(c) is not None)), None)
        reversed_ = False
        if owner is not None:
            holder = self.holder_token(owner, speakers)
        else:
            verb = noun.head if noun.dep_ in _OBJECTS else None
            if verb is None or verb.pos_ not in ("VERB", "AUX"):
                return None  # "sanctions on Iran are illegal": who imposes them is not said
            if (lemma(verb), "verb") in stance_words():
                return None  # "condemned the attacks on Iran": a stance toward the attacker
            reversed_ = lemma(verb) in negators()
            holder = self.holder(verb, st, speakers)
        if holder is False:
            return None
        negated = reversed_ or (noun.head.pos_ in ("VERB", "AUX") and _negated(noun.head))
        value = word.patient * _NEGATED_FRIENDLY if negated else word.patient
        what = f"{noun.head.text} {noun.text}" if reversed_ else noun.text
        return _Found(holder or None, value, "act", noun.text, negated,
                      f"{what} {node.head.text} ({value:+g} toward its target; CAMEO {word.cameo})")

    def _as_phrase(self, node: Token, st: Statement, speakers: list[Actor]) -> _Found | None:
        """'described X as Y', 'called X a Y': the tone of Y."""
        if node.dep_ not in ("dobj", "nsubjpass") or lemma(node.head) not in describers():
            return None
        verb = node.head
        phrase = next((c for c in verb.children if c.dep_ in ("oprd", "xcomp", "acomp") and c.i > node.i), None)
        if phrase is None:  # the first "as" after the object, in the verb's clause ("described X ... as Y")
            for token in self.doc[node.right_edge.i + 1 : verb.right_edge.i + 1]:
                if token.text in (",", ";", ":") or token.dep_ in ("advcl", "ccomp", "conj", "relcl"):
                    break
                if token.lower_ == "as" and token.dep_ == "prep":
                    phrase = token
                    break
        if phrase is None:
            return None
        text = self.doc[phrase.left_edge.i : phrase.right_edge.i + 1].text
        value, words = _phrase_tone(text)
        if abs(value) < 0.05:
            return None
        holder = self.holder(verb, st, speakers)
        if holder is False:
            return None
        return _Found(holder or None, value, "as-phrase", verb.text, False, f"{verb.text} … {text} ({words})")

    def holder(self, verb: Token, st: Statement, speakers: list[Actor]) -> Actor | None | bool:
        """Who acts: ``None`` for the statement's speaker, another actor, or ``False`` when it is
        someone else the tables do not know ("the move angered Tehran")."""
        if self.any_holder:
            return None
        if any(start == verb.idx for start, *_ in st.cues) or verb.idx == st.cue_start:
            return None
        node = verb
        for _ in range(4):
            agent = dependent(node, "agent")
            agent = dependent(agent, "pobj") if agent is not None else None
            if agent is not None:
                return self.holder_token(agent, speakers)
            subject = dependent(node, "nsubj", "csubj")
            if subject is not None:
                if subject.lower_ in ("who", "that", "which") and node.dep_ == "relcl":
                    subject = node.head
                return self.holder_token(subject, speakers)
            if any(c.dep_ == "nsubjpass" for c in node.children):
                return None  # a passive without an agent: done by whom the statement does not say
            if node.dep_ in ("xcomp", "acomp", "conj", "advcl", "ccomp") and node.head.i != node.i:
                if any(start == node.head.idx for start, *_ in st.cues):
                    return None  # "vowed to support Iran": the speaker's own act
                node = node.head
                continue
            return None
        return None

    def holder_token(self, token: Token, speakers: list[Actor]) -> Actor | None | bool:
        if self.any_holder:
            return None
        word = token.lower_
        if word in _FIRST_PERSON:
            return None
        person = any(a.type == "person" for a in speakers)
        if word in ("he", "she", "his", "her", "him"):
            return None if person else False
        if word in ("it", "they", "its", "their", "them"):
            return False if person else None
        actor = self.actor_at(token)
        if actor is None:
            return False
        if any(actor.name in (a.name, a.affiliation) for a in speakers):
            return None  # the speaker, or the country the speaker speaks for ("Kono said Japan will ...")
        return actor


class StanceReading(NamedTuple):
    """A stance word that applies to a target (:func:`stance_reading`).

    Attributes:
        role: ``verb``, ``act``, ``owner`` or ``as-phrase`` (as in the stance table).
        word: The stance word as written ("praised").
        value: Its weight toward the target, −1 … 1 (negation applied).
        negated: Whether a negation reverses or weakens it.
    """

    role: str
    word: str
    value: float
    negated: bool


def stance_reading(doc: Doc, start: int, end: int) -> StanceReading | None:
    """The stance word that applies to the target at ``doc.text[start:end]``, judged by the
    words alone: whoever acts, as if every agent were the speaker. What the stance table would
    read there, without its question of who holds the stance; for checking the rules against
    hand-annotated polarity (``evaluation/stance_newsmtsc.py``).

    Args:
        doc: A parsed Doc (``parse_articles(..., everything=True)``): only parsed sentences are read.
        start: Character offset of the target.
        end: Character offset after it.

    Returns:
        The reading, or ``None`` where no stance word applies.

    Example:
        >>> import newsvoices as nv
        >>> from newsvoices.parse import parse_articles
        >>> doc = parse_articles([nv.Article.from_text("a", "Japan praised Iran.")], everything=True)[0]
        >>> stance_reading(doc, 14, 18)
        StanceReading(role='verb', word='praised', value=0.9, negated=False)
    """
    target = Mention(start, end, doc.text[start:end], "name", Actor(doc.text[start:end], "person"))
    anyone = Actor("", "person")
    statement = Statement("", 0, len(doc.text), doc.text, "", "indirect", "", [(anyone, "name")])
    found = _Reader(doc, [target], any_holder=True).find(target, statement, [anyone])
    if found is None:
        return None
    return StanceReading(found.role, found.word, found.value, found.negated)


def _phrase_tone(text: str) -> tuple[float, str]:
    """The tone of an as-phrase ("as wrong", "a truly special young woman"): VADER's compound
    score where VADER finds words (it reads "incredibly offensive racist" as the insult it is,
    TextBlob as praise), else TextBlob's polarity; and what it rests on."""
    phrase = masked(text)
    compound = vader(phrase)
    if compound:
        return compound, f"VADER {compound:+.2f}"
    value, _, words = textblob_scores(phrase)
    return value, evidence_text(words)


def _head(span: Span) -> Token:
    """The token that stands for a mention in the parse: the one whose head lies outside it
    (a determiner before a name left aside: "the US" → "US")."""
    outside = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    return next((t for t in outside if t.dep_ not in ("det", "punct", "case")), outside[0] if outside else span.root)


def _negated(verb: Token) -> bool:
    """Whether ``verb`` is negated, or governed by a negating verb ("refused to condemn",
    "won't be able to satisfy").

    Example:
        >>> from newsvoices.corpus import Article
        >>> from newsvoices.parse import parse_articles
        >>> doc, = parse_articles([Article.from_text("a", "Japan won't be able to satisfy Tehran, he said.")])
        >>> _negated(next(t for t in doc if t.text == "satisfy"))
        True
    """
    node = verb
    for _ in range(4):
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if node is not verb and lemma(node) in negators():
            return True
        if node.dep_ not in ("xcomp", "acomp") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _negate(value: float) -> float:
    """A negated act: a friendly one turns hostile at half its weight, a hostile one is no stance."""
    return round(value * _NEGATED_FRIENDLY, 3) if value > 0 else 0.0


# ---------------------------------------------------------------- rows and their summary

#: The tone of a target mention in its sentence and the words behind it (see
#: :func:`newsvoices.target_tone.mention_tones`).
ToneOf = Callable[[Mention], tuple[float, str]]


def _no_tone(mention: Mention) -> tuple[float, str]:
    return 0.0, ""


def stance_rows(analysis: ArticleAnalysis, tone_of: ToneOf = _no_tone) -> list[tuple]:
    """Who is hostile or friendly to whom in one analysed article: rows of
    :data:`~newsvoices.records.STANCE_COLUMNS`, one per (statement, holder, target).

    Columns: ``statement_id``, ``article``, ``speaker`` (who holds the stance: the statement's
    speaker, or the actor a stance word makes its agent), ``target``, ``target_affiliation``,
    ``cue`` (the statement's cue), ``role`` (``verb``: the target is the object of a stance verb;
    ``act``: the patient of an act noun; ``owner``: the owner of an act noun; ``as-phrase``;
    ``tone``: no stance word applies, the tone toward the target in the statement), ``word`` (the
    stance word, ``""`` for ``tone``), ``negated``, ``stance`` (−1 … 1), ``evidence`` (the words
    behind it) and ``text`` (the statement).

    Args:
        analysis: One article's attribution.
        tone_of: The tone toward a mention where no stance word applies.
    """
    article = analysis.article
    targets = target_mentions(analysis)  # in text order
    reader = _Reader(analysis.doc, targets)
    starts = [m.start for m in targets]
    out = []
    for n, st in enumerate(analysis.statements, start=1):
        speakers = [a for a, _ in st.speakers if a is not None]
        if not speakers:
            continue
        names = {a.name for a in speakers}
        for m in targets[bisect.bisect_left(starts, st.start) : bisect.bisect_left(starts, st.end)]:
            if m.actor.name in names or reader.in_source(m, st):
                continue
            found = reader.find(m, st, speakers)
            if found is None:
                value, evidence = tone_of(m)
                found = _Found(None, value, "tone", "", False, evidence)
            holders = [found.holder] if found.holder is not None else speakers
            for holder in holders:
                if holder.name == m.actor.name:
                    continue
                if found.role == "tone" and _same_side(holder, m.actor):
                    continue  # tone toward one's own side reads as a victim's, not as a stance
                out.append((f"{article.id}:{n}", article.id, holder.name, m.actor.name, m.actor.affiliation, st.cue,
                            found.role, found.word, found.negated, max(-1.0, min(found.value, 1.0)), found.evidence,
                            st.text))
    return out


def _same_side(holder, target) -> bool:
    """Whether one of the two actors is the other's affiliation (Rouhani and Iran)."""
    return bool(holder.affiliation and holder.affiliation == target.name) or bool(
        target.affiliation and target.affiliation == holder.name) or bool(
        holder.affiliation and holder.affiliation == target.affiliation and holder.type != target.type)


def stance_matrix(table: pd.DataFrame, min_n: int = 1) -> pd.DataFrame:
    """Aggregate stance rows into a speaker × target table.

    Args:
        table: ``Analysis.stance`` (or :func:`newsvoices.stance`).
        min_n: Leave out pairs with fewer statements.

    Returns:
        One row per (speaker, target): ``stance`` (mean over statements, −1 … 1), ``n``
        (statements behind it), ``ci_low``/``ci_high`` (bootstrap 95%, ``NaN`` below three
        statements), ``thin`` (fewer than three statements: too little to rank on), ``from_words``
        (statements where a stance word applied, the rest being tone) and ``statements`` (their
        ids, ``;``-separated).

    Example:
        >>> rows = pd.DataFrame({"speaker": ["Kono"] * 3, "target": ["Iran"] * 3, "role": ["verb", "tone", "tone"],
        ...                      "statement_id": ["a:1", "a:2", "a:3"], "stance": [0.9, 0.3, 0.0]})
        >>> stance_matrix(rows)[["speaker", "target", "stance", "n", "thin", "from_words"]].values.tolist()
        [['Kono', 'Iran', 0.4, 3, False, 1]]
    """
    out = []
    for (speaker, target), group in table.groupby(["speaker", "target"], sort=True):
        per_statement = group.groupby("statement_id")["stance"].mean()
        if len(per_statement) < min_n:
            continue
        words = group.loc[group["role"] != "tone", "statement_id"].nunique() if "role" in group else 0
        lo, hi = bootstrap_ci(per_statement) if len(per_statement) >= 3 else (float("nan"), float("nan"))
        out.append({"speaker": speaker, "target": target, "stance": round(float(per_statement.mean()), 6),
                    "n": len(per_statement), "ci_low": lo, "ci_high": hi, "thin": thin(len(per_statement)),
                    "from_words": int(words), "statements": ";".join(per_statement.index)})
    return pd.DataFrame(out, columns=["speaker", "target", "stance", "n", "ci_low", "ci_high", "thin", "from_words",
                                      "statements"])
