"""Step 2: the source of a cue, from the dependency parse — the head of the noun phrase that speaks.

In this order:

1. a noun cue's owner ("*her* claim that"), or the name before a headline's verb that the tagger
   read as a noun ("*Obama* rips rhetoric"); the object of "according to";
2. the subject of the cue (a relative pronoun stands for the noun its clause modifies: "Reilly,
   *who* said" → Reilly); the agent of a passive ("was told *by X*"); a passive without an agent
   has no source;
3. a verb without a subject of its own takes it from the verb it hangs on: conjoined verbs ("X said
   ... and *added*"), participles and to-infinitives ("..., *adding*", "X continued *to say*", "X was
   quick *to say*"), object control from ``data/control.csv``, in any form of the verb ("urged *Y*
   to say", "led *Y* to declare" → Y; in the passive, "*Y* was pressed to explain" → Y), "X was
   quoted *as saying*", a purpose clause ("held a call *to defend*"), a participle on a speech noun of
   ``data/speech_nouns.csv`` ("issued a statement *saying*" → who issued it; "*his* statement
   saying" → its owner); a present participle on a subject ("a married couple *claiming*" → the
   couple) or hung on an object after a comma ("repeated accusations that ..., *calling* him" →
   who repeated them);
4. when the parse gives no subject at all (a finite verb): the nearest noun phrase before the verb,
   past an apposition ("X, a Y of Z, said"), or right after it ("..., said Chris Low", past modifiers
   such as "retired"; a word that reads as a name whatever its tag: "..., said Skelly"); also for a
   past form the parse misread, with no auxiliary: a bare participle at the root ("Skelly called/VBN
   Braynard"), a verb hung on the root noun ("Trump blasted/amod Disney", "O'Malley, who ...,
   interjected/acl"); a title-case modal right before a past form is a name ("Will wrote" → Will).
   A time next to the verb is no source ("... going to the polls Tuesday say", ``data/time_words.csv``).
   An infinitive read as a relative clause is a purpose clause when it has its own object or clause
   ("has done nothing *to explain* this" → the subject of "done"), not when the noun is its object
   ("have other topics *to discuss*").

A source inside a quotation when the cue is outside it is a misparse ("“The more people ...,”
Briggs said" → not "people"): the noun phrase next to the verb is taken instead, else none.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..actors import gazetteer
from ..lexicons import word_set
from ..parse import cue_lemma, dependent, in_dateline, lemma, reads_as_name, sentence_of
from ..text import dateline_end
from .quotes import Quotes
from .records import Cue

__all__ = ["dateline_country", "source_of"]

_RELATIVE = frozenset({"who", "that", "which", "whom"})
_NOMINAL = ("NOUN", "PROPN", "PRON")
_OPENER_OF = {")": "(", ",": ",", "—": "—", "--": "--", "-": "-"}
_CLAUSE_VERBS = ("VERB", "AUX")


def _governor(noun: Token) -> Token:
    """The word a noun hangs on, through its preposition if it is a preposition's object ("held a
    call to defend" → "held"; "issued in a statement" → "issued")."""
    return noun.head.head if noun.head.pos_ == "ADP" else noun.head


def _agent(token: Token) -> Token | None:
    agent = dependent(token, "agent")
    return dependent(agent, "pobj") if agent is not None else None


def dateline_country(text: str) -> str | None:
    """The country of a wire-style dateline ("SOCHI, Russia, Sept 4 (Reuters) - ..."), if any,
    opening the text or one of its first lines (after a headline).

    Example:
        >>> dateline_country("SOCHI, Russia, Sept 4 (Reuters) - Turkish President ...")
        'Russia'
        >>> dateline_country("Erdogan Meets Putin.\\n\\nSOCHI, Russia (Reuters) - Turkish President ...")
        'Russia'
        >>> dateline_country("Erdogan Meets Putin. Turkish President ...") is None
        True
    """
    head = ""
    for line in text[:600].split("\n")[:4]:  # the dateline opens the text or follows the headline
        end = dateline_end(line, word_set("wire_agencies.csv"))
        if end:
            head = line[:end]
            break
    if not head:
        return None
    gaz = gazetteer()
    for part in (p.strip() for p in re.split(r"[,(]", head)):
        country = gaz.country_of(part) or gaz.country_of(part.title())
        if country:
            return country
    return None


def source_of(cue: Cue, quotes: Quotes) -> tuple[Token | None, str]:
    """The head token of the cue's source and how it was found, or ``(None, why not)``."""
    verb = cue.token
    if cue.frame not in ("noun", "according"):
        inverted = _inverted(verb)
        if inverted is not None and not in_dateline(inverted) and not quotes.inside(inverted.idx):
            return inverted, "inverted: '..., said NAME,'"
    source, how = _source(cue.token, cue, 0)
    if source is not None and in_dateline(source):
        # the parse took the dateline's city for the subject, and the real subject for its apposition
        # ('RANGOON, Burma - X ...') or for a second subject of the same verb ('Washington (AFP) - X has ...')
        real = [c for c in source.children if c.dep_ == "appos" and not in_dateline(c)] or \
            [c for c in source.head.children if c.dep_ == source.dep_ and c.i > source.i and not in_dateline(c)]
        source = real[-1] if real else _linear(verb)
        how = "the subject after the dateline" if real else "next to the verb, after the dateline"
        if source is None or in_dateline(source):
            return None, "only the dateline before the verb"
    if source is not None and quotes.inside(source.idx) and not quotes.inside(verb.idx):
        beside = _linear(verb)
        if beside is not None and not quotes.inside(beside.idx):
            return beside, "beside the verb, the subject being inside a quotation"
        return None, "the subject is inside a quotation"
    return source, how


def _source(verb: Token, cue: Cue | None, depth: int) -> tuple[Token | None, str]:
    if cue is not None and (cue.frame == "noun" or cue.owner is not None):  # a headline's verb read as a noun too
        return cue.owner, "owner"
    if cue is not None and cue.frame == "according":
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "to":
                obj = dependent(child, "pobj")
                if obj is not None:
                    return obj, "according to"
        return None, "'according to' without an object"
    subject = dependent(verb, "nsubj")
    if subject is not None:
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return verb.head, "relative clause"
        return subject, "subject"
    agent = _agent(verb)
    if agent is not None:
        return agent, "agent"
    if dependent(verb, "nsubjpass") is not None:
        return None, "a passive without an agent"
    modal = dependent(verb, "aux")
    if (depth == 0 and modal is not None and modal.tag_ == "MD" and modal.i == verb.i - 1 and modal.text.istitle()
            and verb.tag_ in ("VBD", "VBN")):
        return modal, "a name read as a modal: 'Will wrote'"  # no modal comes before a past form
    if depth == 0 and _misread_finite(verb):
        beside = _linear(verb)
        if beside is not None and beside.i < verb.i:
            return beside, "a finite verb the parse misread, the noun phrase before it"
    if depth < 4:
        found = _inherited(verb, depth)
        if found is not None:
            return found
    if depth == 0 and verb.tag_ in ("VBD", "VBZ", "VBP"):
        beside = _linear(verb)
        if beside is not None:
            return beside, "next to the verb"
    return None, "no subject"


def _misread_finite(verb: Token) -> bool:
    """Whether a past form without an auxiliary is the sentence's finite verb that the parse misread.

    The tagger reads "Will wrote" or "Skelly called Braynard" as a bare participle at the root
    ("wrote"/VBN), or hangs the verb on the noun before or after it when it finds no verb at all
    ("O'Malley, who signed ..., interjected" → a clause on "O'Malley", "Trump blasted Disney" →
    "blasted Disney"): with no auxiliary and a noun at the root of the sentence, the verb is finite.
    """
    if verb.tag_ not in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if verb.dep_ == "ROOT":
        return verb.tag_ == "VBN"
    root = sentence_of(verb).root
    if verb.dep_ == "amod":  # the subject right before the verb: not 'Obama's highly criticized press conference'
        before = verb.doc[verb.i - 1] if verb.i > sentence_of(verb).start else None
        if before is None or before.pos_ not in _NOMINAL or before.dep_ == "poss":
            return False
    return verb.dep_ in ("acl", "amod") and root.pos_ in ("NOUN", "PROPN") and verb.head == root


def _inherited(verb: Token, depth: int) -> tuple[Token | None, str] | None:
    """The source of a verb without a subject, from the verb it hangs on (see the module notes)."""
    head = verb.head
    if verb.dep_ == "conj" and head.pos_ in _CLAUSE_VERBS:
        source, how = _source(head, None, depth + 1)
        return source, f"conjoined verb, {how}"
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    speech_nouns = word_set("speech_nouns.csv")
    # an infinitive relative whose own object is the noun ('topics to discuss') is no purpose clause
    gap = verb.dep_ == "relcl" and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)
    if (verb.dep_ in ("acl", "relcl") and not gap and infinitive and head.pos_ == "NOUN" and head.dep_ in ("dobj", "attr", "npadvmod", "pobj")
            and head.lower_ not in speech_nouns):
        governor = _governor(head)
        if governor.pos_ in _CLAUSE_VERBS:  # 'held a call to defend', 'has done nothing to explain'
            source, how = _source(governor, None, depth + 1)
            return source, f"purpose clause, {how}"
    if verb.dep_ in ("xcomp", "advcl", "pcomp") and (verb.dep_ == "xcomp" or verb.tag_ == "VBG" or infinitive):
        if head.dep_ == "prep" or head.pos_ == "ADP":  # 'quoted as saying', 'by saying'
            head = head.head
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod"):  # 'was quick to say'
            head = head.head
        if verb.dep_ == "xcomp" and lemma(head) in word_set("control.csv"):  # 'prompted', 'led': not cue forms
            obj = dependent(head, "dobj")
            if obj is not None:
                return obj, "object of 'urge ... to'"
            passive = dependent(head, "nsubjpass")
            if passive is not None and _agent(head) is None:
                return passive, "subject of 'was urged to'"  # 'Mr. Trump was prompted to say'
        quoted = dependent(head, "nsubjpass")
        if quoted is not None and _agent(head) is None and cue_lemma(head) in ("quote", "cite", "report"):
            return quoted, "subject of 'was quoted as saying'"
        source, how = _source(head, None, depth + 1)
        return source, f"participle or infinitive, {how}"
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        if head.lower_ in speech_nouns or lemma(head) in speech_nouns:  # 'op-eds', 'petitions'
            owner = dependent(head, "poss")
            if owner is not None:
                return owner, "owner of the speech noun"
            if head.dep_ in ("dobj", "pobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX", "ADP"):
                governor = _governor(head)
                source, how = _source(governor, None, depth + 1)
                return source, f"issuer of the speech noun, {how}"
            return None, "a speech noun without its owner"
        if verb.tag_ == "VBG":
            if any(t.text in (",", "—", "--") for t in verb.doc[head.i + 1 : verb.i]):
                # '..., calling him a “talented guy”' hung on the object before the comma: the clause's subject
                governor = _governor(head)
                if governor.pos_ in _CLAUSE_VERBS:
                    source, how = _source(governor, None, depth + 1)
                    return source, f"a participle after a comma, {how}"
            elif head.dep_ in ("nsubj", "nsubjpass", "attr"):
                return head, "the subject a present participle modifies"  # 'a married couple claiming ...'
        return None, "a participle on a noun"
    return None


def _inverted(verb: Token) -> Token | None:
    """The speaker of an inverted cue set off by commas, or ``None``.

    "The contrast with Trump, said Doyle, would be clear"; "Any interpretation of his actions, said
    Michael Kofman, an expert on Russia, would ...": a finite verb right after a comma, followed by a
    noun phrase that ends at a comma, a parenthesis or the end of the sentence. The parse takes the
    fronted part of what was said for the subject (or gives none). A noun phrase followed by its
    own verb is the subject of a reported clause ("..., said Clinton was wrong"), the object of
    the verb is no speaker ("..., told Agence France-Presse."), nor is a date ("..., said Monday.").
    """
    doc, sentence = verb.doc, sentence_of(verb)
    if (verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ in ("relcl", "acl", "advcl")
            or verb.i - 1 < sentence.start or doc[verb.i - 1].text != ","):
        return None
    j = verb.i + 1
    while j < sentence.end and (doc[j].pos_ in ("DET", "ADJ") or doc[j].is_space):
        j += 1
    if j >= sentence.end or doc[j].pos_ not in ("PROPN", "NOUN"):
        return None
    k = j
    while k + 1 < sentence.end and doc[k + 1].pos_ in ("PROPN", "NOUN"):
        k += 1
    after = doc[k + 1] if k + 1 < sentence.end else None
    if doc[k].dep_ == "npadvmod":  # a date: "..., said Monday." (no NER runs on the parse)
        return None
    if doc[k].head == verb and doc[k].dep_ in ("dobj", "dative", "attr", "oprd"):
        return None  # what was said, or to whom: '..., told Agence France-Presse.'
    if after is None or after.text in (",", "(", ".", ";"):
        return doc[k]
    return None


def _np_head(token: Token, before: int) -> Token:
    """The head of the noun phrase ``token`` is in, not past the index ``before`` (the verb)."""
    while (token.dep_ in ("compound", "flat", "amod", "nmod") and token.i < token.head.i < before
           and token.head.pos_ in _NOMINAL):
        token = token.head
    return token


def _linear(verb: Token) -> Token | None:
    """No subject in the parse: the nearest noun phrase before the verb, else right after it; a
    time ('Tuesday', 'Sunday night', ``data/time_words.csv``) is none."""
    found = _beside(verb)
    if found is not None and found.lower_ in word_set("time_words.csv"):
        return None  # '... on Super Tuesday said', 'Wednesday added one more development'
    return found


def _beside(verb: Token) -> Token | None:
    """The nearest noun phrase before the verb, else right after it."""
    doc, sentence = verb.doc, sentence_of(verb)
    i = verb.i - 1
    while i >= sentence.start and (doc[i].dep_ in ("aux", "neg", "advmod") or doc[i].is_space
                                   or doc[i].pos_ in ("AUX", "ADV", "PART")):
        i -= 1
    if i >= sentence.start and doc[i].text in _OPENER_OF:
        # an apposition or parenthesis closes just before the verb: 'X, a Y of Z, said'
        opener = _OPENER_OF[doc[i].text]
        j = i - 1
        while j >= sentence.start and j > i - 30 and doc[j].text != opener and doc[j].text not in ("”", '"', "“"):
            j -= 1
        if j - 1 >= sentence.start and doc[j].text == opener and doc[j - 1].pos_ in _NOMINAL:
            return _np_head(doc[j - 1], verb.i)
        return None
    if i >= sentence.start and doc[i].pos_ in _NOMINAL and doc[i].text not in ("”", '"'):
        return _np_head(doc[i], verb.i)
    j = verb.i + 1  # inverted: '..., said Chris Low', '"...," said the spokesman', '... said retired neurosurgeon X'
    while j < sentence.end and (doc[j].is_space or ((doc[j].pos_ in ("ADV", "DET", "ADJ") or doc[j].dep_ == "amod")
                                                    and not _name_like(doc[j]))):
        j += 1
    if j < sentence.end and (doc[j].pos_ in ("PROPN", "NOUN") or _name_like(doc[j])):
        k = j
        while (k + 1 < sentence.end and (doc[k + 1].pos_ in ("PROPN", "NOUN") or _name_like(doc[k + 1]))
               and doc[k + 1].dep_ != "npadvmod" and doc[k + 1].lower_ not in word_set("time_words.csv")):
            k += 1
        return doc[k]
    return None


def _name_like(token: Token) -> bool:
    """A word that reads as a name whatever its tag ('"...," said Skelly', 'Skelly' read as an adverb)."""
    return token.pos_ not in ("PROPN", "NOUN") and reads_as_name(token)
