"""Step 1: the cues of a parsed sentence — the words that report speech.

* **Verb cues** (``data/cues.csv``): each lemma lists the complements that make it speech, its
  *frame*: ``clause`` (a that-clause or a reported clause), ``quote`` (a quotation next to the
  verb), ``obj`` (a direct object), ``xcomp`` (a to-infinitive: "urged X to"), ``prep-P`` (a
  preposition: "talk about", "call for"), ``prt-P`` (a particle: "point out"), ``none`` (no
  complement: "..., he added."), ``speechobj`` (a speech noun as object: "issued a statement",
  "made clear that"), or ``any``. The frames of the common verbs were counted on the PolNeAR
  train articles (the share of each verb-and-complement pair that annotators marked as speech;
  the counts are in the file's comment column); the diplomatic cues come from the library's
  earlier lexicon.
* **A clause that opens a quotation**: a verb outside the lexicon whose clause ends on a colon
  followed by a quotation ("he demurred: “...”", "Fallon fired back: “...”"), with frame ``quote``.
* **A reporting clause set off by commas that the parse misreads**: "..., he promised, was ..."
  (a parenthetical verb reports its sentence), '“...,” Conway notes.' (a verb after a quotation that
  the tagger read as a noun; its noun phrase is the source).
* **A headline's verb the tagger read as a noun**: "Obama rips rhetoric over ...", "Dorothy Woods
  Defends Trump" (its source is the name before it).
* **According to**: "according to X".
* **Noun cues with an owner** (``data/noun_cues.csv``): "her claim that ...", "his promise to ...".
* **Colon lines**: "McCain: ..." or "TAPPER: ..." at the start of a line (``data/colon_labels.csv``
  lists the labels that are not speakers: "Q", "UPDATE").
* **Signatures**: a dash before the speaker's name after what was said — an embedded post's
  byline ("... — Paul Ryan (@SpeakerRyan) July 5, 2016", the text a page keeps of an embedded
  tweet) and a quotation signed on the line after it ('"..."' then "- Bernie Sanders.").

A verb cue inside what evidence shows is no cue (``data/evidence_verbs.csv``): "A poll showed that
72 percent of voters said ..." reports the poll's finding, not the respondents' statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..lexicons import common_words, rows, word_map, word_set
from ..parse import cue_lemma, dependent, lemma, reads_as_name, text_of, with_pos
from ..text import CLOSING_QUOTES
from ..userfiles import UserCues
from .quotes import Quotes
from .records import Cue

__all__ = ["colon_cues", "find_cues", "noun_cues", "signature_cues"]

_COMPLEMENT_ORDER = ("quote", "clause", "xcomp", "obj")
_LINE = re.compile(r"[^\n]+")
_NAME_PARTICLES = ("de", "van", "von", "of", "the", "and")
_NOUN_PHRASE = ("DET", "ADJ", "NOUN", "PROPN", "NUM")
_CLAUSE_LINKS = ("ccomp", "advcl", "xcomp", "parataxis")
#: What sets a source off within a line of a digest: "Pollsters agree - Carl Bialik: “...”", "More from Jones:".
_SEPARATOR = re.compile(r"\s[-–—]\s*|\b[Mm]ore from |\b[Ff]rom ")
#: Marks that open a quotation after a colon line's label, single ones included ("Stone: ‘...’").
_COLON_QUOTES = ("“", '"', "‘", "'")
#: A headline's kicker before a dash ("EXCLUSIVE – Roger Stone: ..."), and the preposition that
#: ends a headline's speaker ("Clinton to Planned Parenthood: ...").
_KICKER = re.compile(r"(\w+)\s*[-–—]\s*")
_HEADLINE_PREPOSITION = re.compile(r"\s(?:on|to|at)\s", re.IGNORECASE)


def _frames() -> dict[str, str]:
    return word_map("cues.csv", "frame", column="lemma")


def _complement(token: Token, quotes: Quotes) -> tuple[str, list[str]]:
    """The cue's complement (quote > clause > xcomp > obj > a preposition > none) and every
    complement kind it has."""
    if quotes.inside(token.idx):
        return "inquote", ["inquote"]
    kinds = []
    if quotes.touches(token):
        kinds.append("quote")
    for child in token.children:
        dep = child.dep_
        if dep in ("ccomp", "parataxis"):
            kinds.append("quote" if quotes.inside(child.idx) else "clause")
        elif dep == "xcomp":
            kinds.append("xcomp")
        elif dep in ("dobj", "dative"):
            kinds.append("obj")
        elif dep == "prep":
            kinds.append("prep-" + child.lower_)
        elif dep == "prt":
            kinds.append("prt-" + child.lower_)
        elif dep in ("advcl", "acl"):
            mark = next((m.lower_ for m in child.children if m.dep_ == "mark" and m.lower_ in ("as", "for")), None)
            if mark is not None:  # 'named the United States as the one (that) starts tension';
                kinds.append("prep-" + mark)  # 'called for the wage to be raised' ('for' marks the clause)
    # the verb hangs on a quotation ('"...," he said', parsed with the quotation as its head)
    if token.dep_ in ("parataxis", "ccomp") and quotes.inside(token.head.idx):
        kinds.append("quote")
    # 'a decision Beijing warned (of)': the noun a relative clause modifies is its object
    if token.dep_ == "relcl" and "obj" not in kinds and not any(ch.dep_ in ("nsubjpass", "ccomp") for ch in token.children):
        kinds.append("obj")
    # 'As the minister stressed, ...': what the main clause says
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        kinds.append("clause")
    # 'Freeing her husband, he promised, was one of his top priorities': a parenthetical cue reports its sentence
    if _parenthetical(token):
        kinds.append("clause")
    for kind in _COMPLEMENT_ORDER:
        if kind in kinds:
            return kind, kinds
    preps = [k for k in kinds if k.startswith(("prep-", "prt-"))]
    return (preps[0] if preps else "none"), kinds


def _parenthetical(token: Token) -> bool:
    """Whether a verb and its subject stand between commas inside the sentence they report: "...,
    he promised, was ...", "If the demands are not met, Mr. Taylor warned, die-hard supporters
    plan to leave" (the verb with no complement of its own)."""
    doc = token.doc
    subject = dependent(token, "nsubj")
    if subject is None or subject.i > token.i or token.i + 2 >= len(doc) or doc[token.i + 1].text != ",":
        return False
    first = min(t.i for t in subject.subtree)
    if first == 0 or doc[first - 1].text != "," or doc[token.i + 2].is_punct or doc[token.i + 2].is_sent_start:
        return False
    between = doc[max(t.i for t in subject.subtree) + 1 : token.i]
    return all(t.dep_ in ("advmod", "aux", "neg") for t in between) and not any(
        c.dep_ in ("ccomp", "dobj", "xcomp") for c in token.children)


def _speech_object(token: Token) -> bool:
    """A light verb with speech as its object: "made remarks", "issued a statement", "made clear that"."""
    nouns = word_set("speech_nouns.csv")
    for child in token.children:
        if child.dep_ in ("dobj", "dative") and (child.lower_ in nouns or cue_lemma(child) in nouns):
            return True
        if child.dep_ in ("ccomp", "oprd", "acomp") and child.lower_ == "clear":
            return True
    return False


def _introduces_quotation(token: Token, quotes: Quotes) -> bool:
    """A verb outside the lexicon whose clause ends on a colon that opens a quotation: "he
    demurred: “...”", "Mr. Trump continued: ''...''", "Fallon fired back: “...”". Its subject
    (a noun phrase, not a relative pronoun) is the one quoted."""
    doc = token.doc
    end = min(len(doc) - 1, token.i + 7)
    if token.i + 1 >= end or ":" not in text_of(doc)[doc[token.i + 1].idx : doc[end].idx]:
        return False  # no colon within reach (most verbs): told from the text, before the parse is read
    if quotes.inside(token.idx) or token.dep_ == "relcl" or any(c.dep_ in ("acomp", "oprd") for c in token.children):
        return False  # 'a threat many make but few keep: “...”', 'X seemed irritated: “...”'
    subject = dependent(token, "nsubj")
    if subject is None or subject.lower_ in ("who", "that", "which"):
        return False
    for j in range(token.i + 1, end):
        if doc[j].text == ":":
            k = j + 1
            while k < len(doc) - 1 and doc[k].is_space:
                k += 1  # the quotation may be the next paragraph: 'Cruz continued:\n\n“...”'
            return quotes.inside(doc[k].idx)
        if doc[j].pos_ in ("VERB", "AUX", "SCONJ", "CCONJ", "PUNCT"):
            return False
    return False


def _shown_by_evidence(token: Token) -> str:
    """The evidence verb whose clause holds the cue ("A poll showed that 72 percent of voters said
    ...", "The Q poll finds that, while 37 percent say ..."), or "": the cue reports what the
    evidence found, not a statement. The verb's lemma is looked up in ``data/evidence_verbs.csv``.
    Climbs clause links only (not a coordinated clause: "a poll found ..., and Trump has been
    invoking him")."""
    evidence = word_set("evidence_verbs.csv")
    t = token
    while t.head.i != t.i and t.dep_ in _CLAUSE_LINKS:
        if t.dep_ == "ccomp" and lemma(t.head) in evidence:
            return t.head.text
        t = t.head
    return ""


def _licensed(frame: str, complement: str, kinds: list[str], token: Token) -> bool:
    if frame == "any":
        return True
    allowed = set(frame.split("|"))
    if "speechobj" in allowed and _speech_object(token):
        return True
    return complement in allowed or any(k in allowed for k in kinds)


def find_cues(sentence: Span, quotes: Quotes, user: UserCues | None = None) -> list[Cue]:
    """The verb cues and "according to" of a parsed sentence; a candidate whose complement does
    not make it speech is returned with ``reject`` set (for error analysis). ``user``: the cues of
    the user's ``cues.csv``, which come before the library's (a phrase by all its words)."""
    frames = _frames()
    found = []
    doc = sentence.doc
    for token in with_pos(sentence, "VERB"):
        own = user.match([t.lower_ for t in doc[token.i : token.i + 1 + user.longest]]) if user else None
        if own is not None:
            lemma, frame, words = own.lemma, own.frame, 1 + len(own.words)
        else:
            lemma, words = cue_lemma(token), 1
            frame = frames.get(lemma)
        if not frame:
            if _introduces_quotation(token, quotes):
                found.append(Cue(token, lemma, "quote", "quote"))
            continue
        if frame == "according":
            if any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children):
                found.append(Cue(token, "according", "according", "prep-to"))
            continue
        complement, kinds = _complement(token, quotes)
        cue = Cue(token, lemma, frame, complement, words=words)
        if not _licensed(frame, complement, kinds, token):
            cue.reject = f"frame {frame} without its complement ({complement})"
        elif evidence := _shown_by_evidence(token):
            cue.reject = f"inside what evidence shows ({evidence})"
        found.append(cue)
    found.extend(_headline_verbs(sentence, frames))
    found.extend(_trailing_verbs(sentence, frames, quotes))
    return found


def _trailing_verbs(sentence: Span, frames: dict[str, str], quotes: Quotes) -> list[Cue]:
    """Cue verbs after a quotation that the tagger read as nouns: '“...,” Conway notes.', '“...,”
    the email read.', '“...,” the Saudis state in the white paper': a cue form right after the
    noun phrase that follows a closing quotation and its comma, ending the sentence or followed by
    a comma or a preposition. The noun phrase is its source (``owner``)."""
    doc = sentence.doc
    out = []
    # the nouns and proper nouns, in order (found in the Doc's arrays: no Token for the other words)
    for token in sorted(with_pos(sentence, "NOUN") + with_pos(sentence, "PROPN"), key=lambda t: t.i):
        lemma = cue_lemma(token)  # few nouns are cue forms: asked before the quotations
        if frames.get(lemma, "according") == "according" or quotes.inside(token.idx):
            continue
        k = token.i - 1
        while k > sentence.start and doc[k].pos_ in _NOUN_PHRASE and not quotes.inside(doc[k].idx):
            k -= 1  # back over the noun phrase to the quotation's closing mark
        after = doc[token.i + 1] if token.i + 1 < sentence.end else None
        if (k == token.i - 1 or doc[k].text not in CLOSING_QUOTES
                or doc[k - 1].text != "," or not quotes.inside(doc[k].idx)
                or (after is not None and after.text not in (".", ",", ";") and after.pos_ != "ADP")):
            continue
        heads = [t for t in doc[k + 1 : token.i] if t.pos_ in ("NOUN", "PROPN", "NUM")]
        if heads:
            out.append(Cue(token, lemma, frames[lemma], "quote", owner=heads[-1]))
    return out


def _headline_verbs(sentence: Span, frames: dict[str, str]) -> list[Cue]:
    """Cue verbs of the headline that the tagger read as nouns: "Clinton blasts Trump over ...",
    "Maher Tells Guest ...", "Benghazi Widow Dorothy Woods Defends Trump" (a headline drops the
    articles that tell a verb from a noun, and title case makes every word a proper noun). A form
    with a verb's ending (-s, -ed) right after the name that opens the first line is the verb; the
    name is its source (``owner``). Not after a possessive ("Hillary Clinton's Claim That ..."), a
    common word ("Donald Trump Finally Endorses ...") or a colon ("NY Daily News: Paris Terror Attacks
    Highlight ...": a headline of its own, whose first words are no speaker)."""
    doc = sentence.doc
    end = text_of(doc).find("\n")
    if end < 0 or sentence.start_char > end:
        return []  # no first line of its own: no headline
    out = []
    for token in sentence:
        if token.idx >= end:
            break
        if token.pos_ not in ("NOUN", "PROPN") or not token.lower_.endswith(("s", "ed")):
            continue
        lemma = cue_lemma(token)
        if lemma == token.lower_ or not frames.get(lemma) or frames[lemma] == "according":
            continue
        k = token.i - 1
        while k >= sentence.start and reads_as_name(doc[k]) and cue_lemma(doc[k]) == doc[k].lower_:
            k -= 1
        before = doc[token.i - 1]
        if (k == token.i - 1 or before.pos_ not in ("PROPN", "NOUN")
                or (before.pos_ == "PROPN" and before.lower_ in common_words())
                or (k >= sentence.start and doc[k].text not in ("'", "’", "‘", "“", '"', ",", ";"))):
            continue  # no name right before it ("Trump Finally Endorses"), or not at the start of the headline
        out.append(Cue(token, lemma, frames[lemma], "obj", owner=before))
    return out


def noun_cues(sentence: Span, quotes: Quotes) -> Iterator[Cue]:
    """Speech nouns with an owner and a content: "her claim that ...", "his promise to ...".
    Only a clause or a to-infinitive makes them speech: with a preposition or a quotation the
    annotators of PolNeAR marked them too rarely (precision 0.19–0.45 on its train articles)."""
    nouns = word_set("noun_cues.csv")
    for token in with_pos(sentence, "NOUN"):
        if token.lower_ not in nouns or quotes.inside(token.idx):
            continue
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "PRON")
                      and c.lower_ not in ("its", "their", "our", "my", "your")), None)
        if owner is None:
            continue
        complement = None
        for child in token.children:
            if child.dep_ in ("acl", "ccomp", "relcl") and any(x.dep_ == "mark" and x.lower_ == "that"
                                                                for x in child.children):
                complement = "clause"
            elif child.dep_ == "acl" and (child.tag_ == "TO" or any(x.dep_ == "aux" and x.lower_ == "to"
                                                                   for x in child.children)):
                complement = complement or "to"
        if complement is None and _said_by_copula(token, quotes):
            complement = "clause"
        if complement in ("clause", "to"):
            yield Cue(token, cue_lemma(token), "noun", complement, owner=owner)


def _said_by_copula(noun: Token, quotes: Quotes) -> bool:
    """Whether a speech noun is the subject of "is" whose complement is what was said: "Sanders's
    point was that ...", "Clinton's response was: “...”"."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lower_ not in ("is", "was", "'s", "’s"):
        return False
    if any(c.dep_ == "ccomp" and any(x.dep_ == "mark" and x.lower_ == "that" for x in c.children) for c in verb.children):
        return True
    doc = verb.doc
    return verb.i + 2 < len(doc) and doc[verb.i + 1].text == ":" and quotes.inside(doc[verb.i + 2].idx)


def colon_cues(doc: Doc) -> Iterator[tuple[Span, int, int]]:
    """Lines that open with a speaker and a colon: ``(prefix, line start, line end)``. The prefix is
    at most five capitalised words with a proper noun or a word in capitals, neither a label
    ("Q", "UPDATE") nor two names ("Netanyahu and Obama: ..."). Where a quotation opens right after
    the colon, the speaker may also follow a dash or "from" within the line, as digests quote their
    sources ("Pollsters agree - Carl Bialik: “...”", "More from Jones: “...”")."""
    labels = word_set("colon_labels.csv")
    text = text_of(doc)
    for line in _LINE.finditer(text):
        body = line.group()
        lead = len(body) - len(body.lstrip(" \u00a0\"“-—"))
        colon = body.find(":")
        if colon <= lead:
            continue
        starts = [lead]
        if body[colon + 1 :].lstrip(" \u00a0")[:1] in _COLON_QUOTES:
            starts += [m.end() for m in _SEPARATOR.finditer(body, 0, colon)]
        for start in starts:
            span = _colon_prefix(doc, labels, line.start() + start, line.start() + colon, line.end())
            if span is not None:
                yield span, line.start(), line.end()
                break


def _colon_prefix(doc: Doc, labels: set[str], b: int, colon: int, end: int) -> Span | None:
    """The speaker of a colon line between ``b`` and the colon, or ``None``. In the headline, a
    kicker before a dash is no part of it ("EXCLUSIVE – Roger Stone: ..."), nor are the audience or
    topic after "to", "on" or "at" ("Clinton to Planned Parenthood: ...", "Gillibrand on Hillary
    Releasing Her Speech Transcripts: ...", "Former AG Mukasey at RNC: ..."); and its speaker may be
    a noun that names speakers (``data/source_nouns.csv``: "Insiders: ...", "Clinton camp: ...")."""
    text = text_of(doc)
    prefix = text[b:colon].strip()
    headline = b == 0  # still the headline once its kicker is cut off
    if headline:
        kicker = _KICKER.match(prefix)
        if kicker and kicker.group(1).lower() in labels:
            b, prefix = b + kicker.end(), prefix[kicker.end() :]
        cut = _HEADLINE_PREPOSITION.search(prefix)
        if cut:
            prefix = prefix[: cut.start()]
    words = prefix.split()
    if (not words or len(words) > 5 or len(prefix) > 60 or prefix.lower() in labels
            or words[0].lower() in labels):
        return None
    speakers_noun = headline and words[-1].lower() in word_set("source_nouns.csv")  # 'Insiders:', 'Clinton camp:'
    if not all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words[: -1 if speakers_noun else None]):
        return None
    span = doc.char_span(b, b + len(prefix), alignment_mode="expand")
    if span is None or not (speakers_noun or any(reads_as_name(t) for t in span)):
        return None

    if any(t.lower_ in ("and", "&", "vs", "vs.", "v.") for t in span):
        return None
    if any(t.pos_ in ("VERB", "AUX", "ADP") for t in span) or len(text[colon + 1 : end].split()) < 4:
        return None
    return span


def lexicon_rows() -> tuple[dict[str, str], ...]:
    """The rows of ``data/cues.csv`` (for :func:`newsvoices.attribution.cue_lexicon`)."""
    return rows("cues.csv")


#: The months as a byline writes them ("July", "Sept."), from ``data/time_words.csv``.
_MONTHS = [w for w in word_set("time_words.csv", where=("kind", "calendar")) if not w.endswith("day")] + ["may"]
_MONTH = "(?:" + "|".join(sorted((re.escape(w.capitalize()) for w in _MONTHS), key=len, reverse=True)) + ")"
#: An embedded post's byline: a dash, a name, the account in parentheses and the date ("... — Paul
#: Ryan (@SpeakerRyan) July 5, 2016"); the name is what follows the last dash before the account.
_POST_BYLINE = re.compile(rf"(?:^|\s)[-–—]{{1,2}}\s?(?P<name>[^\s()@\-–—][^()\n]{{0,59}}?)\s*\(@\w{{1,15}}\)"
                          rf"\s*{_MONTH}\s+\d{{1,2}},\s+\d{{4}}", re.MULTILINE)
_LAST_DASH = re.compile(r".*\s[-–—]{1,2}\s?")
#: A line that signs the quotation before it: a dash and a name, up to a comma, a parenthesis or a full stop.
_SIGNED = re.compile(r"\s*[-–—]{1,2}\s*(?P<name>[^\s\-–—,.(][^\n,(]{0,59}?)\s*(?:[,(]|\.?\s*$)")
#: Markup a page may leave before a line's text ("<tweet id=...>").
_MARKUP = re.compile(r"\s*(?:<[^<>\n]{1,300}>\s*)+")
#: Words that open a credit or a caption, not a name ("- By Jane Doe", "— Photo: AFP").
_CREDITS = frozenset({"by", "photo", "photos", "source", "sources", "read", "additional", "reporting", "image",
                      "images", "video", "credit", "via", "see", "more", "editing", "writing", "updated"})


def signature_cues(doc: Doc, quotes: Quotes) -> Iterator[tuple[Span, int, int, int]]:
    """What was said followed by a dash and its speaker's name (see the module notes).

    An embedded post's byline ends the post's text, on its line or alone on the line after it; a
    quotation that is a whole line (not the headline) is signed by a line of a dash and a name.
    A name is at most six words, each capitalised or a particle, one of them reading as a name;
    no credit or caption ("- By Jane Doe", "— Photo: AFP/Getty").

    Args:
        doc: The article's Doc (:func:`newsvoices.parse.parse_articles`).
        quotes: Its quotations.

    Returns:
        ``(name, dash, start, end)`` for each: the name's span, the dash's offset, and what was
        said as character offsets (without the white space around it).

    Example:
        >>> from newsvoices.nlp import load_pipeline
        >>> text = "Wow. No one is above the law. — Paul Ryan (@SpeakerRyan) July 5, 2016"
        >>> doc = load_pipeline().make_doc(text)
        >>> [(n.text, text[b:e]) for n, _, b, e in signature_cues(doc, Quotes(text))]
        [('Paul Ryan', 'Wow. No one is above the law.')]
    """
    text = text_of(doc)
    last: tuple[int, int] | None = None  # the line before, as (start, end) without white space
    quoted = False  # whether that line is one quotation (and not the headline)
    for line in _LINE.finditer(text):
        lb, le = line.start(), line.end()
        start = lb + len(text[lb:le]) - len(text[lb:le].lstrip())
        end = start + len(text[start:le].strip())
        if end <= start:
            continue  # a line of white space: nothing to sign, nothing signed
        found = None
        byline = _POST_BYLINE.search(text, lb, le)
        if byline is not None:
            at = byline.start("name")
            cut = _LAST_DASH.match(text, at, byline.end("name"))  # a dash inside the post: the name is after the last
            at = cut.end() if cut else at
            dash = max(text.rfind(c, lb, at) for c in "-–—")
            markup = _MARKUP.match(text, lb)
            b = markup.end() if markup else start
            name = _signature_name(doc, at, byline.end("name"))
            if name is not None and dash > b:
                found = (name, dash, b, len(text[:dash].rstrip()))
            elif name is not None and last is not None and dash >= start:  # the byline alone on its line
                found = (name, dash, *last)
        elif quoted and last is not None and (signed := _SIGNED.match(text, lb, le)) is not None:
            name = _signature_name(doc, signed.start("name"), signed.end("name"))
            if name is not None:
                found = (name, start, *last)
        if found is not None:
            yield found
        quote = quotes.at(start)
        quoted = lb > 0 and quote is not None and quote[0] == start and text[quote[1] : end].strip() in ("", ".")
        last = (start, end)


def _signature_name(doc: Doc, b: int, e: int) -> Span | None:
    """The name of a signature at ``b``..``e``, or ``None`` when it reads as no name."""
    written = text_of(doc)[b:e]
    words = written.split()
    if (not words or len(words) > 6 or words[0].lower().rstrip(":") in _CREDITS or any(c in written for c in ":/")
            or not all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words)):
        return None
    span = doc.char_span(b, e, alignment_mode="expand")
    if span is None or not any(reads_as_name(t) for t in span):
        return None
    return span
