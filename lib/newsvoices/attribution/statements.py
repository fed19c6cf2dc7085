"""Step 4: statements — what was said, where the statement starts and ends, and the article's analysis.

A statement is a *unit*: a sentence, merged with the next ones while a quotation runs on, and with
a tail that cannot stand alone (a sentence that opens in lower case; a short "..., she said." that
the sentence splitter cut off after a closing quotation). A statement ending with a colon goes on
over the next paragraph (a block quotation); a quotation closing just before its cue, across a
sentence break ("“Who do they think they are?” Trump said"), joins it.

Not every cue makes a statement of its own:

* a cue inside a quotation is the quoted person's own report (unless the quotation is the whole
  statement);
* a cue inside the reported clause of another cue ("Khan said Trump ... *criticized* him") is part
  of what was said;
* in a sentence attributed "according to X", X is the source of what the sentence says.

Cues of one unit with the same speakers make one statement (its ``cues`` list them all: "said
..., adding that"). A paragraph that is one quotation with no cue, right after a direct statement,
continues it (``resolved_by`` ``continuation``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..actors import Actor, ActorRegistry, discover_actors, gazetteer
from ..corpus import Article
from ..lexicons import word_set
from ..parse import is_parsed, reads_as_name, sentences, text_of
from ..userfiles import Correction, UserCues
from .cues import colon_cues, find_cues, noun_cues, signature_cues
from .mentions import KnownActors, People, country_actor, first_names, titles
from .quotes import Quotes
from .records import ArticleAnalysis, Cue, Mention, Statement
from .resolution import Resolver
from .speaker import dateline_country, source_of

__all__ = ["analyse_article", "units"]

_NESTING = ("ccomp", "xcomp", "dobj", "parataxis", "advcl", "prep", "pcomp")
_CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "parataxis")
#: Conjunctions that open a clause of its own inside another's reported clause ("..., while X maintains").
_CONTRAST = frozenset({"while", "whereas", "although", "though"})


def units(doc: Doc, quotes: Quotes) -> list[tuple[int, int, list[Span]]]:
    """The statement units of a Doc: ``(start, end, sentences)``, character offsets without the
    surrounding white space (see the module notes)."""
    out: list[tuple[int, int, list[Span]]] = []
    text = text_of(doc)
    for sentence in sentences(doc):
        b, e = sentence.start_char, sentence.end_char
        chunk = text[b:e]
        e = b + len(chunk.rstrip())
        b = b + (len(chunk) - len(chunk.lstrip()))
        if e <= b:
            continue
        if out:
            pb, pe, sents = out[-1]
            same_paragraph = "\n" not in text[pe:b]
            quote = quotes.at(pe - 1)
            if quote is not None and quote[1] > pe and same_paragraph:  # a quotation runs on
                out[-1] = (pb, e, [*sents, sentence])
                continue
            first = next((t for t in sentence if not t.is_space), None)
            after_quote = text[pb:pe].rstrip()[-1:] in ("”", '"', "'") or text[pe - 2 : pe] in (",”", ',"')
            if same_paragraph and first is not None and (first.text[:1].islower()
                                                         or (after_quote and _tail_only(sentence))):
                out[-1] = (pb, e, [*sents, sentence])
                continue
        out.append((b, e, [sentence]))
    return out


def _tail_only(sentence: Span) -> bool:
    """A short sentence that is only a speaker and a speech verb: 'Rep. Jim McDermott (D-Wash.) said.'"""
    words = [t for t in sentence if not t.is_punct and not t.is_space]
    return len(words) <= 10 and any(t.pos_ == "VERB" and t.dep_ == "ROOT"
                                    and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in t.children)
                                    for t in sentence)


def _extend_colon(text: str, b: int, e: int) -> tuple[int, int]:
    """A statement that ends with ':' goes on over the next paragraph (a block quotation)."""
    if text[b:e].rstrip().endswith(":"):
        nb = e
        while nb < len(text) and text[nb].isspace():
            nb += 1
        ne = text.find("\n", nb)
        ne = len(text) if ne < 0 else ne
        if ne > nb:
            return b, ne
    return b, e


def _attach_quote(text: str, quotes: Quotes, b: int, cue: Token, source: Token | None) -> int:
    """The start of a statement widened to the quotation its cue closes across a sentence break."""
    left = min(cue.idx, source.idx if source is not None and source.i < cue.i else cue.idx)
    k = left - 1
    while k >= 0 and text[k] in " \u00a0,—-":
        k -= 1
    quote = quotes.at(k) if k >= 0 else None
    if quote is not None and quote[0] < b and "\n" not in text[quote[1] : left]:
        return quote[0]
    return b


def _nested_in(cue: Token, cues: dict[int, Cue]) -> tuple[Cue | None, str]:
    """The outer cue whose complement holds this one ('Khan said Trump ... criticized him') and
    the dependency that holds it, or ``(None, "")``."""
    t = cue
    through_adverbial = False
    while t.head.i != t.i:
        child, t = t, t.head
        if t.i in cues and child.dep_ in _NESTING:
            return cues[t.i], ("advcl" if through_adverbial else child.dep_)
        # '..., while Georgetown maintains that ...' inside another's reported clause: its own statement
        through_adverbial = through_adverbial or (child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in _CONTRAST for m in child.children))
    return None, ""


def _reporter(cue: Cue, quotes: Quotes, known: KnownActors) -> bool:
    """Whether a cue's source is an outlet or the media ("..., Dawn reported", "Iranian media said"):
    what it reports is someone else's statement."""
    source, _ = source_of(cue, quotes)
    if source is None:
        return False
    match = known.at(source)
    return (match is not None and match[2] == "outlet") or source.lower_ == "media"


def _content(cue: Token, text: str, quotes: Quotes, b: int, e: int) -> str:
    """What was said: the quotations of the statement, else the cue's complement."""
    quoted = [text[qb:qe] for qb, qe in quotes.within(b, e) if not (qb <= cue.idx < qe)]
    if quoted:
        return " … ".join(q.strip('"“” ,') for q in quoted)
    best = None
    for child in cue.children:
        if child.dep_ in _CONTENT_DEPS:
            tokens = list(child.subtree)
            cb, ce = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            if best is None or ce - cb > best[1] - best[0]:
                best = (cb, ce)
    if best is None and cue.dep_ in ("prep", "advcl") and cue.head.pos_ in ("VERB", "AUX"):  # 'X did Y, according to Z'
        tokens = [t for t in cue.head.subtree if not (cue.i <= t.i <= max(x.i for x in cue.subtree))]
        if tokens:
            best = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    return text[best[0] : best[1]] if best else ""


def _quote_text(text: str, quotes: Quotes, b: int, e: int, cue_at: int) -> str:
    parts = [text[qb:qe].strip('"“”‘’ ') for qb, qe in quotes.within(b, e) if not (qb <= cue_at < qe)]
    return " … ".join(p for p in parts if p)


def analyse_article(article: Article, doc: Doc, registry: ActorRegistry) -> ArticleAnalysis:
    """Who says what in one article: its statements and its mentions of known actors.

    The registry's user cues (``cues.csv``) are read as the library's own, and its corrections
    of this article (``corrections.csv``) are applied to the statements, so that every table
    made from them (statements, stance, tone) agrees; what each correction did is in
    ``corrections`` of the result.

    Args:
        article: The article.
        doc: Its Doc (:func:`newsvoices.parse.parse_articles`, with the registry's cues as
            ``triggers``).
        registry: The actor registry, with the user's cues and corrections.
    """
    text = text_of(doc)
    quotes = Quotes(text, article.paragraph_spans)
    discovered = discover_actors(text, registry)
    people = People(doc, quotes, [*registry, *discovered])
    known = KnownActors(doc, registry, discovered)
    resolver = Resolver(people, known, registry, discovered, dateline_country(text))
    found: list[Statement] = []
    spans = []
    for ub, ue, members in units(doc, quotes):
        spans.append((ub, ue))
        for sentence in members:
            if is_parsed(sentence):
                found.extend(_statements_of(article, doc, sentence, ub, ue, quotes, resolver, known, registry.cues))
    found.extend(_colon_statements(article, doc, quotes, resolver, known))
    found.extend(_signed_statements(article, doc, quotes, resolver, known))
    found = _outlets_as_sources(found, known)
    found.sort(key=lambda s: (s.start, s.cue_start))
    statements = _merge(found)
    statements = _continuations(article, text, quotes, statements, spans)
    mentions = _mentions(known, people)
    corrections = registry.corrections.for_article(article.id)
    if not corrections:
        return ArticleAnalysis(article, doc, mentions, statements)
    pools = [registry.actors, discovered, [m.actor for m in mentions]]
    statements, report = _corrected(article, statements, corrections, pools)
    return ArticleAnalysis(article, doc, mentions, statements, report)


def _statements_of(article: Article, doc: Doc, sentence: Span, ub: int, ue: int, quotes: Quotes,
                   resolver: Resolver, known: KnownActors, user: UserCues | None = None) -> list[Statement]:
    text = text_of(doc)
    cues = find_cues(sentence, quotes, user) + list(noun_cues(sentence, quotes))
    live = {c.token.i: c for c in cues if not c.reject}
    # a cue inside a quotation that is not the whole sentence is the quoted person's own report
    # ('"It's according to age groups," said Mattie Thomas'): no cue of the sentence's own
    quoted = {i for i, c in live.items() if (q := quotes.at(c.token.idx)) is not None and (q[0] > ub or q[1] < ue)}
    according = any(c.frame == "according" for i, c in live.items() if i not in quoted)
    out = []
    for i, cue in live.items():
        verb = cue.token
        if i in quoted:
            continue
        if according and cue.frame != "according":
            continue  # 'X said ..., according to CNN': the sentence is CNN's
        outer, dep = _nested_in(verb, live)
        if (dep in ("ccomp", "parataxis") and cue.frame != "according" and not _reporter(outer, quotes, known)
                and not (cue.complement == "quote" and source_of(outer, quotes)[0] is None)):
            continue  # part of what another cue reports (not 'according to', which the sentence is given to;
            # nor a quotation under a cue with no source: 'When asked why, Sembler responded: “...”')
        if verb.dep_ == "xcomp" and verb.head.lower_ in word_set("non_speech_governors.csv"):
            continue  # 'declined to say', 'refused to comment': nothing was said
        source, _ = source_of(cue, quotes)
        if source is None:
            continue
        speakers = resolver.resolve(source, verb)
        if not any(actor is not None for actor, _ in speakers):
            continue  # a pronoun with no antecedent: no one to attribute it to
        b, e = _extend_colon(text, ub, ue)
        b = _attach_quote(text, quotes, b, verb, source)
        out.append(_statement(article, text, quotes, b, e, cue, speakers, known))
    return out


def _statement(article: Article, text: str, quotes: Quotes, b: int, e: int, cue: Cue, speakers, known) -> Statement:
    verb = cue.token
    mode = "direct" if any(not (qb <= verb.idx < qe) for qb, qe in quotes.within(b, e)) else "indirect"
    cue_text = cue.text if cue.frame != "colon" else ":"
    return Statement(article.id, b, e, text[b:e], _quote_text(text, quotes, b, e, verb.idx), mode, cue_text,
                     list(speakers), _outlet(known, b, e, speakers), verb.idx,
                     [(verb.idx, cue_text)], _content(verb, text, quotes, b, e))


def _outlet(known: KnownActors, b: int, e: int, speakers) -> str | None:
    """The outlet named in the statement that reports it ("..., Press TV reported"), if it is not
    the speaker."""
    names = {a.name for a, _ in speakers if a is not None}
    for start, end, kind, actor in known.matches:
        if kind == "outlet" and b <= known.doc[start].idx < e and actor.name not in names:  # where the match starts
            return actor.name
    return None


def _outlets_as_sources(statements: list[Statement], known: KnownActors) -> list[Statement]:
    """An outlet that reports another speaker's statement of the same span ("..., Hatami said,
    Press TV reported") is its ``source``, not a speaker of its own."""
    outlets = {actor.name for _, _, kind, actor in known.matches if kind == "outlet"}

    def by_outlet(st: Statement) -> bool:
        return all(a is not None and (a.name in outlets or a.name.endswith(" media")) for a, _ in st.speakers)

    out = []
    for st in statements:
        if by_outlet(st):
            others = [o for o in statements if o is not st and o.start < st.end and st.start < o.end and not by_outlet(o)]
            if others:
                for other in others:
                    other.source = other.source or st.speakers[0][0].name
                continue
        out.append(st)
    return out


def _colon_statements(article: Article, doc: Doc, quotes: Quotes, resolver: Resolver,
                      known: KnownActors) -> list[Statement]:
    out = []
    text = text_of(doc)
    lines = list(colon_cues(doc))
    # a transcript: two lines or more below the headline open with a name in capitals ("TAPPER: ...")
    transcript = sum(1 for prefix, lb, _ in lines if lb > 0 and _in_capitals(prefix)) >= 2
    for prefix, lb, le in lines:
        heads = [t for t in prefix if t.pos_ in ("PROPN", "NOUN") or reads_as_name(t)]
        if not heads:
            continue
        source = heads[-1]
        speakers = resolver.resolve(source)
        actor = speakers[0][0] if speakers else None
        if actor is None or not (actor.type == "person" or known.at(source) is not None or actor.origin == "discovered"
                                 or (lb == 0 and source.lower_ in word_set("source_nouns.csv"))):
            # a headline may give its statement to a noun that names speakers: 'Insiders: ...', 'Clinton camp: ...'
            if not (transcript and lb > 0 and _in_capitals(prefix)):
                continue
            # the speaker label of a transcript names a person, whom the tagger may read as a noun
            speakers = [(Actor(_as_written(prefix), "person", None, origin="discovered"), "name")]
        at = text.find(":", prefix.end_char)  # after a headline's audience or topic: 'Clinton to Planned Parenthood:'
        colon = doc.char_span(at, at + 1, alignment_mode="expand")
        if colon is None:
            continue
        cue = Cue(colon[0], ":", "colon", "colon")
        statement = _statement(article, text, quotes, lb, le, cue, speakers, known)
        statement.mode = "direct"
        statement.content = text[at + 1 : le].strip()
        out.append(statement)
    return out


def _signed_statements(article: Article, doc: Doc, quotes: Quotes, resolver: Resolver,
                       known: KnownActors) -> list[Statement]:
    """Statements signed with a dash and a name: an embedded post and its byline, a quotation and
    the line that signs it (:func:`~newsvoices.attribution.cues.signature_cues`). A quotation is
    signed by a person only: not by an outlet, an agency or a place ("— AP", "- Trump Tower")."""
    out = []
    text = text_of(doc)
    for name, dash, b, e in signature_cues(doc, quotes):
        heads = [t for t in name if reads_as_name(t)]
        post = "(@" in text[name.end_char : name.end_char + 3]  # a post's byline: its account follows the name
        speakers = resolver.resolve(heads[-1])
        if not speakers or speakers[0][0] is None:
            continue
        actor = speakers[0][0]
        if actor.type != "person":  # a surname the article gave a person ("-President Obama")
            person = resolver.people.lookup([heads[-1].text])
            if person is not None and person.actor is not None:
                speakers = [(person.actor, "name")]
            elif _names_a_person(name.text.lstrip("-–— ").split()):  # 'President X', 'Ben Jacobs'
                speakers = [(Actor(actor.name, "person", actor.affiliation, origin="discovered"), "name")]
        match = known.at(heads[-1])
        if not post and (speakers[0][0].type != "person" or (match is not None and match[2] in ("outlet", "country"))):
            continue  # '“...”' then '— AP': a credit, not a speaker
        at = doc.char_span(dash, dash + 1, alignment_mode="expand")
        if at is None:
            continue
        cue = Cue(at[0], "—", "signature", "signature")
        statement = _statement(article, text, quotes, b, name.end_char, cue, speakers, known)
        statement.mode = "direct"
        statement.cue, statement.cue_start, statement.cues = "—", dash, [(dash, "—")]
        statement.content = _unquoted(text[b:e])
        out.append(statement)
    return out


def _names_a_person(words: list[str]) -> bool:
    """Whether a signature's words name a person: a title among them, or a first name before a surname.

    Example:
        >>> _names_a_person(["President", "Obama"]), _names_a_person(["Ben", "Jacobs"]), _names_a_person(["CSPAN"])
        (True, True, False)
    """
    titled = any(w.lower().rstrip(".") in titles() for w in words)
    return titled or (len(words) > 1 and words[0].lower() in first_names())


def _unquoted(said: str) -> str:
    """What was said without the quotation marks that open and close all of it.

    Example:
        >>> _unquoted("“We will win.”"), _unquoted('"Crooked Hillary" is a liar!'), _unquoted("No marks.")
        ('We will win.', '"Crooked Hillary" is a liar!', 'No marks.')
    """
    said = said.strip()
    closing = said.rstrip(".")
    if said[:1] in ("“", '"', "‘") and closing[-1:] in ("”", '"', "’") and len(closing) > 1:
        inner = closing[1:-1] + said[len(closing):]
        if not any(c in inner for c in ('"', "“", "”")):  # one quotation, not two ('"A" and "B"')
            return inner.strip()
    return said


def _in_capitals(prefix: Span) -> bool:
    """Whether a colon line's speaker is written in capitals, as transcripts write them ("JAKE TAPPER")."""
    words = [t for t in prefix if t.is_alpha]
    return bool(words) and all(t.is_upper and len(t) > 1 for t in words)


def _as_written(prefix: Span) -> str:
    """A speaker in capitals as the article writes the name elsewhere, word by word, from the
    article's names (``doc.ents``): "MCCAIN" → "McCain"; in title case where it has no such form.

    Example:
        >>> from newsvoices.nlp import load_pipeline
        >>> doc = load_pipeline().make_doc("MCCAIN: No. McCain left.")
        >>> doc.set_ents([Span(doc, 4, 5, label="PERSON")])
        >>> _as_written(doc[0:1]), _as_written(doc[2:3])
        ('McCain', 'No')
    """
    forms = {t.lower_: t.text for ent in prefix.doc.ents for t in ent if not t.is_upper}
    return "".join(forms.get(t.lower_, t.text.title()) + t.whitespace_ for t in prefix).strip()


def _merge(statements: list[Statement]) -> list[Statement]:
    """Statements of one span with the same speakers become one (their cues listed together)."""
    out: list[Statement] = []
    for st in statements:
        prev = out[-1] if out else None
        if prev is not None and (prev.start, prev.end) == (st.start, st.end) and \
                [(a.name if a else None) for a, _ in prev.speakers] == [(a.name if a else None) for a, _ in st.speakers]:
            prev.cues.extend(st.cues)
            continue
        out.append(st)
    return out


def _continuations(article: Article, text: str, quotes: Quotes, statements: list[Statement],
                   spans: list[tuple[int, int]]) -> list[Statement]:
    """A unit that is one quotation with no statement of its own continues the statement right
    before it (in its paragraph, or in the paragraph before); a quotation that opens a paragraph
    joins the statement that follows it in that paragraph ("“The door is open.” Talks will resume,
    the official said.")."""
    out = list(statements)
    for k in range(len(spans)):
        b, e = spans[k]
        if any(s.start < e and s.end > b for s in out):
            continue
        quote = quotes.at(b)
        if quote is None or quote[0] != b or quote[1] < e - 1:
            continue
        if k + 1 < len(spans) and "\n" not in text[e : spans[k + 1][0]]:
            after = [s for s in out if s.start == spans[k + 1][0] and any(a is not None for a, _ in s.speakers)]
            if after and (k == 0 or "\n" in text[spans[k - 1][1] : b]):
                for st in after:
                    st.start, st.text, st.mode = b, text[b : st.end], "direct"
                    st.quote = " … ".join(x for x in (text[b:e].strip('"“”‘’ '), st.quote) if x)
                continue
        if k == 0:
            continue
        pb, pe = spans[k - 1]
        if text[pe:b].count("\n") > 2:
            continue
        before = [s for s in out if s.start < pe and s.end > pb and any(a is not None for a, _ in s.speakers)]
        if not before:
            continue
        st = before[-1]
        speakers = [(a, "continuation") for a, _ in st.speakers if a is not None]
        body = text[b:e].strip('"“”‘’ ')
        out.append(Statement(article.id, b, e, text[b:e], body, "direct", st.cue, speakers, st.source, st.cue_start,
                             list(st.cues), body))
    out.sort(key=lambda s: (s.start, s.cue_start))
    return out


def _mentions(known: KnownActors, people: People) -> list[Mention]:
    """Every mention of a known actor, in text order: the registry's, discovery's and the
    gazetteer's names, and every person named."""
    out = known.mentions()
    taken = {(m.start, m.end) for m in out}
    covered = [(m.start, m.end) for m in out]
    text = text_of(people.doc)
    for m in people.mentions:
        if m.person.actor is None or m.start < 0 or (m.start, m.end) in taken:
            continue
        if any(s <= m.start < e for s, e in covered):
            continue  # a registry or discovered name already holds it
        out.append(Mention(m.start, m.end, text[m.start : m.end], "name", m.person.actor))
        taken.add((m.start, m.end))
    out.sort(key=lambda m: (m.start, m.end))
    return out


# ---------------------------------------------------------------- the user's corrections

_NO_MATCH_FIX = ("copy the snippet from the text column of the statements table (case, spaces and quotation marks "
                 "do not matter); a statement the tool did not find cannot be corrected: add its reporting verb "
                 "to cues.csv")


def _corrected(article: Article, statements: list[Statement], corrections: list[Correction],
               pools: list[list[Actor]]) -> tuple[list[Statement], list[dict]]:
    """The statements of an article with the user's corrections of it applied (``drop``: left
    out; ``speaker``: given to that speaker alone, ``resolved_by`` ``correction``), and one row of
    the corrections report per correction. A correction applies to the one statement whose text
    holds its snippet (and that has the speaker of its ``was`` column, if filled); a snippet
    found in no statement or in several, or a statement corrected by an earlier row, is a
    problem row with the fix, and changes nothing."""
    by: dict[int, int] = {}  # statement index → the row that corrected it
    dropped: set[int] = set()
    done: list[tuple[int | None, dict]] = []
    for c in corrections:
        hits = [k for k, st in enumerate(statements)
                if c.matches(st.text, [a.name if a is not None else None for a, _ in st.speakers])]
        speaker_note = f" with the speaker {c.was!r}" if c.was else ""
        if not hits:
            done.append((None, c.row_of(problem=f"the snippet is in no statement of article {c.article}{speaker_note}",
                                        fix=_NO_MATCH_FIX)))
            continue
        if len(hits) > 1:
            who = "; ".join(", ".join(a.name if a is not None else "unresolved" for a, _ in statements[k].speakers)
                            for k in hits)
            shared = len({(statements[k].start, statements[k].end) for k in hits}) == 1
            fix = ("the statements share this text: name the speaker it has now in a was column"
                   if shared else "lengthen the snippet until one statement holds it, or name the speaker it has "
                                  "now in a was column")
            done.append((None, c.row_of(problem=f"the snippet is in {len(hits)} statements of article {c.article} "
                                                f"(speakers: {who})", fix=fix)))
            continue
        k = hits[0]
        st = statements[k]
        if k in by:
            done.append((None, c.row_of(statement=st.text, problem=f"the statement is corrected by row {by[k]} already",
                                        fix="keep one row per statement; this one is left out")))
            continue
        by[k] = c.row
        if c.action == "drop":
            dropped.add(k)
            done.append((None, c.row_of(status="applied", statement=st.text)))
            continue
        actor, known = _actor_named(c.speaker, [*pools, [a for s in statements for a, _ in s.speakers if a is not None]])
        st.speakers = [(actor, "correction")]
        note = {} if known else {
            "problem": f"{c.speaker!r} is neither in actors.csv nor named in the article: a person with no affiliation",
            "fix": "add a row for it to actors.csv to give its type and affiliation"}
        done.append((k, c.row_of(status="applied", statement=st.text, **note)))
    kept = [k for k in range(len(statements)) if k not in dropped]
    number = {k: n for n, k in enumerate(kept, start=1)}
    for k, row in done:
        if k is not None:
            row["statement_id"] = f"{article.id}:{number[k]}"
    return [statements[k] for k in kept], [row for _, row in done]


def _actor_named(name: str, pools: list[list[Actor]]) -> tuple[Actor, bool]:
    """The actor a correction names, and whether it is known: the first of ``pools`` (the
    registry, the actors discovered in the article, those it mentions or that speak in it) with
    that name or alias (any case), else the gazetteer's country or organisation, else a person of
    that name."""
    key = name.casefold()
    for pool in pools:
        for actor in pool:
            if actor is not None and any(n.casefold() == key for n in actor.names):
                return actor, True
    places = gazetteer()
    country = places.country_of(name)
    if country:
        return country_actor(country), True
    organisation = places.organisations.get(name)
    if organisation:
        return Actor(organisation, "organisation", organisation, origin="gazetteer"), True
    return Actor(name, "person", None, origin="correction"), False
