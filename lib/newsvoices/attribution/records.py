"""The records of attribution: a cue, a statement, a mention of a known actor, an analysed article."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..actors import Actor
from ..corpus import Article

__all__ = ["ArticleAnalysis", "Cue", "Mention", "Statement"]


@dataclass
class Cue:
    """A word that reports speech ("said", "according to", "her claim that", a line's "NAME:").

    Attributes:
        token: The cue's head token.
        lemma: Its lemma ("say").
        frame: The complements that make it speech (``data/cues.csv``), or ``noun``, ``according``,
            ``colon``, ``signature`` (a dash before the speaker's name: a post's byline, a signed
            quotation).
        complement: The complement found (``clause``, ``quote``, ``obj``, ``xcomp``, ``prep-for`` ...).
        owner: For a noun cue, the possessor who speaks ("her" of "her claim"); for a headline's verb
            the tagger read as a noun, the name before it ("Obama" of "Obama rips rhetoric").
        reject: Why the candidate is not a cue ("" for a cue).
        words: Its words from the head on (a cue of the user's ``cues.csv`` may be a phrase:
            "put it this way").
    """

    token: Token
    lemma: str
    frame: str
    complement: str = ""
    owner: Token | None = None
    reject: str = ""
    words: int = 1

    @property
    def text(self) -> str:
        """The cue as the tables show it: "said", "called for", "pointed out", "according to"."""
        if self.frame == "according":
            return "according to"
        if self.words > 1:
            return self.token.doc[self.token.i : self.token.i + self.words].text
        if self.complement.startswith(("prep-", "prt-")):
            particle = self.complement.split("-", 1)[1]
            word = next((c for c in self.token.children if c.lower_ == particle and c.i > self.token.i), None)
            if word is not None and word.i - self.token.i <= 2:
                return self.token.doc[self.token.i : word.i + 1].text
        return self.token.text


@dataclass
class Mention:
    """A mention of a known actor at ``[start, end)`` of an article's text.

    ``kind`` is ``name`` (a person or a registry name), ``country`` (a country, its capital or
    a metonym), ``organisation``, ``role`` (a role noun resolved to a person) or ``adjective`` (a
    nationality adjective: "Iranian initiative").
    """

    start: int
    end: int
    text: str
    kind: str
    actor: Actor


@dataclass
class Statement:
    """One attributed statement: a cue, its content and its speaker(s).

    ``speakers`` holds ``(actor, resolved_by)``, one per speaker (a joint statement has several;
    an unresolved one ``(None, "unresolved")``); ``cues`` every cue of the statement as ``(start,
    text)``; ``cue_start`` the main cue's offset.
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
    cue_start: int = -1
    cues: list[tuple[int, str]] = field(default_factory=list)
    content: str = ""


@dataclass
class ArticleAnalysis:
    """What attribution found in one article: its mentions of known actors and its statements, and
    what the user's corrections did to them (rows of :data:`~newsvoices.records.CORRECTION_COLUMNS`)."""

    article: Article
    doc: Doc
    mentions: list[Mention]
    statements: list[Statement]
    corrections: list[dict] = field(default_factory=list)
