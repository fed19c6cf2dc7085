"""Step 3b: who the source of a statement is — from the noun phrase the parse found to an actor.

* **Pronouns**: he/she to the person of :meth:`People.resolve_pronoun
  <newsvoices.attribution.mentions.People.resolve_pronoun>`; they/them to the speakers of the
  last joint statement, else a group noun that is the subject of this sentence or the one before
  (not any group that spoke earlier: right 1 time in 52 on PolNeAR); I, we, it and you stay
  unresolved.
* **Names**: a registry name, a discovered actor, a country (or its capital, or a metonym such as
  "the Kremlin"), an organisation or an outlet; else a person of the article; else the name as
  written.
* **Noun phrases**: an apposed name ("the spokesman, Brian Fallon"); a role noun of the registry or
  of a person the article introduced with that title ("the Japanese premier", "the foreign
  minister"); joint references to the article's two principal actors ("the two sides", "both
  leaders", "Iranian and Japanese officials"); a definite description of an office that matched
  no title ("the Florida senator", "the former secretary of state"; ``refers`` in
  ``data/source_nouns.csv``) refers back to the person the article is about, chosen as a pronoun's
  antecedent is, of the noun's gender ("the congresswoman") — not when the phrase brings in
  someone new (a possessor, a prepositional phrase or a clause: "the deputy head of China's
  delegation", "the state's party leader"), names a country the person is not of, or has a
  capitalised word the article wrote beside another person's name only ("the New Jersey
  governor" after "New Jersey Gov. Chris Christie");
  institutions ("the Foreign Ministry", "Iran's government"); groups ("Iranian officials"); unnamed
  sources ("a senior Hamas official" → "Hamas official (anonymous)"); media ("Iranian media"). The
  kinds of source nouns are in ``data/source_nouns.csv``. Anything else is named by its noun phrase
  as written ("a new poll").
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from ..actors import Actor, ActorRegistry, gazetteer, role_core
from ..lexicons import common_words, word_map, word_set
from ..parse import in_dateline, reads_as_name, sentence_of
from .mentions import (PERSON_PRONOUNS, KnownActors, People, Person, clean_name, country_actor, entity_of, first_names,
                       inside_name, name_start, span_text, titles)

__all__ = ["Resolver"]

Speakers = list[tuple[Actor | None, str]]
_PLURAL_PRONOUNS = {"they", "them"}
_UNRESOLVED_PRONOUNS = {"i", "we", "it", "you", "us", "me", "one", "this", "that"}
_QUANTIFIERS = {"some", "others", "many", "both", "few", "most", "several", "another", "all", "those", "everyone",
                "everybody", "someone", "somebody", "nobody", "anyone", "each", "either", "neither"}
_DEFINITE = {"the", "his", "her", "its", "their", "this", "these", "those"}
_INDEFINITE = {"a", "an", "one", "another"}
_KEEP_PREPOSITIONS = ("for", "of", "at", "with", "in", "from")
_QUALIFIER_DEPS = {"compound", "amod", "nmod", "poss", "case", "npadvmod"}


def _hyphen(token: Token) -> bool:
    """A hyphen inside a word ('anti-TPP'), with no space either side."""
    return token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_


def _possessed(source: Token) -> set[int]:
    """The tokens of a noun's possessors ("Mrs. Clinton's" in "Mrs. Clinton's campaign")."""
    return {x.i for child in source.children if child.dep_ == "poss" for x in child.subtree}


def _adjective_for(country: str) -> str:
    """"Iran" → "Iranian"; an organisation → its acronym ("United Nations" → "UN")."""
    gaz = gazetteer()
    if country in gaz.organisations.values():
        acronyms = [n for n, org in gaz.organisations.items() if org == country and n.isupper() and "." not in n]
        return min(acronyms, key=len) if acronyms else country
    for adjective, c in gaz.adjectives.items():
        if c == country and adjective[:1].isupper() and not adjective.endswith("s") and "." not in adjective \
                and not adjective.isupper():
            return adjective
    return country


class Resolver:
    """Resolves the sources of one article's statements (it remembers the speakers met so far)."""

    def __init__(self, people: People, known: KnownActors, registry: ActorRegistry, discovered: list[Actor],
                 dateline: str | None = None) -> None:
        self.people = people
        self.known = known
        self.registry = registry
        self.discovered = discovered
        self.dateline = dateline
        self.kinds = word_map("source_nouns.csv", "kind")
        self.last_joint: list[Actor] | None = None
        self.groups: dict[str, Actor] = {}  # family → the latest group or unnamed source of that family
        self.qualifiers: dict[str, str] = {}  # family → the qualifier of its label ("Japanese")
        self.institutions: dict[str, Actor] = {}  # head noun → the latest institution with a country
        self._principals: list[Actor] | None = None

    # -- public
    def resolve(self, source: Token, cue: Token | None = None) -> Speakers:
        """The speakers of a source (the head token of its noun phrase), each with how it was found;
        conjoined sources ("Clinton and Sanders said") all speak. ``cue``, the word that reports
        the statement, is never part of a speaker's label ("some who warned ...": "some")."""
        speakers = self._resolve(source, cue)
        for other in self._conjoined(source):
            more = self._resolve(other)
            speakers += [s for s in more if s[0] is not None and s[0] not in [a for a, _ in speakers]]
        actors = [a for a, _ in speakers if a is not None]
        if len(actors) > 1:
            self.last_joint = actors
        return speakers

    @staticmethod
    def _conjoined(source: Token) -> list[Token]:
        def named(t: Token) -> bool:  # a name, or a noun with a name in apposition ('his counterpart, X')
            return t.pos_ == "PROPN" or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in t.children)

        if not named(source):
            return []
        out = []
        for child in source.children:
            if child.dep_ == "conj" and named(child):
                out.append(child)
                out.extend(c for c in child.children if c.dep_ == "conj" and named(c))
        # 'Donald Trump and House Speaker Paul Ryan pledged': the parse hangs the first name on the
        # second name's title, and the 'and' and the title on the first name
        stack = [c for c in source.children if c.dep_ in ("nmod", "compound") and c.i < source.i]
        while stack:
            t = stack.pop()
            if (t.pos_ == "PROPN" and any(c.dep_ == "cc" and c.lower_ == "and" for c in t.children)
                    and any(c.dep_ == "conj" for c in t.children)
                    and any(c.dep_ == "compound" and c.lower_ in first_names() for c in t.children)):
                # a person's full name ('Donald Trump'), not a firm's ('Smith and Wesson spokesman')
                out.append(t)
            else:
                stack.extend(c for c in t.children if c.dep_ in ("nmod", "compound") and c.i < t.i)
        return out

    def label(self, source: Token, restrictive: bool = False, cue: Token | None = None) -> str:
        """The source's noun phrase as written (determiner kept), without clauses and appositions;
        with ``restrictive``, its clauses and prepositions kept, but for the one that holds ``cue``
        (what was said): they are what a quantifier or a demonstrative names ("those surveyed",
        "some who advocate free speech", "those around him")."""
        kept = ("relcl", "acl", "prep") if restrictive else ()
        drop: set[int] = set()
        for child in source.children:
            if child.dep_ in kept and not (cue is not None and child.left_edge.i <= cue.i <= child.right_edge.i):
                continue
            if child.i > source.i and (child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advmod")
                                       or (child.dep_ == "prep" and child.lower_ not in _KEEP_PREPOSITIONS)):
                drop.update(x.i for x in child.subtree)
            elif child.i < source.i and child.dep_ == "advmod" and child.lower_ in word_set("focus_adverbs.csv"):
                drop.update(x.i for x in child.subtree)  # 'Even those', 'Moreover, any company'
        for child in source.children:  # 'Just 28 percent': the focus adverb of a number
            if child.i < source.i and child.dep_ == "nummod":
                drop.update(x.i for x in child.children
                            if x.dep_ == "advmod" and x.i < child.i and x.lower_ in word_set("focus_adverbs.csv"))
        ids = {x.i for x in source.subtree if x.i not in drop}
        while min(ids) < source.i and source.doc[min(ids)].text == ",":  # the comma of 'Moreover, any company'
            ids.discard(min(ids))
        b = e = source.i
        while b - 1 in ids:
            b -= 1
        while e + 1 in ids:
            e += 1
        return source.doc[b : e + 1].text.strip(" ,—-")

    # -- the kinds of source
    def _resolve(self, source: Token, cue: Token | None = None) -> Speakers:
        low = source.lower_
        if source.pos_ == "PRON" or low in PERSON_PRONOUNS:
            return self._pronoun(source, cue)
        match = self.known.at(source)
        if match is not None and match[2] != "adjective":
            return [(self._spoken_by(match[3], source), "name")]
        if source.pos_ == "PROPN" or (not source.pos_ and source.text[:1].isupper()):
            return self._name(source)
        if reads_as_name(source) and low not in self.kinds:
            # a surname the tagger took for a common noun ('Sanders says', 'Issa: ...')
            person = self.people.lookup([source.text])
            if person is not None and person.actor is not None:
                self.people.said(source, person)
                return [(person.actor, "name")]
        for child in source.children:  # 'the spokesman, Brian Fallon'; not across a colon ('Milbank: Republicans ...')
            if child.dep_ == "appos" and child.pos_ == "PROPN" and not any(
                    t.text == ":" for t in source.doc[min(source.i, child.i) : max(source.i, child.i)]):
                return self._resolve(child)
        if source.dep_ == "appos" and source.head.pos_ == "PROPN" and not in_dateline(source.head):
            # 'Braynard, a native who writes'; not a dateline's city ('NIAMEY, Niger - Niger's junta said')
            return self._resolve(source.head)
        return self._noun_phrase(source)

    def _spoken_by(self, actor: Actor, source: Token) -> Actor:
        if actor.type == "person":
            person = self.people.at(source)
            if person is not None:
                self.people.said(source, person)
        return actor

    def _pronoun(self, source: Token, cue: Token | None = None) -> Speakers:
        low = source.lower_
        if low in PERSON_PRONOUNS:
            person = self.people.resolve_pronoun(source)
            if person is not None:
                self.people.said(source, person)
                return [(person.actor, "pronoun")]
            return [(None, "unresolved")]
        if low in _PLURAL_PRONOUNS:
            if self.last_joint:
                return [(a, "pronoun") for a in self.last_joint]
            group = self._plural_subject(source)
            if group is not None:
                return [(group, "pronoun")]
            return [(None, "unresolved")]
        if low in _QUANTIFIERS:  # 'some (of his advisers) say', 'others argue', 'those surveyed say'
            label = self.label(source, restrictive=True, cue=cue)
            return [(Actor(label, "group", None, origin="group"), "group")]
        return [(None, "unresolved")]

    def _name(self, source: Token) -> Speakers:
        person = self.people.at(source)
        if person is not None and person.actor is not None:
            self.people.said(source, person)
            return [(person.actor, "name")]
        entity = entity_of(source)
        tokens = clean_name([t for t in entity] if entity is not None else [source])
        if not tokens:  # only title words ('a New Hampshire Republican'): the noun phrase
            return self._noun_phrase(source)
        name = span_text(tokens)
        country = gazetteer().country_of(name)
        if country and inside_name(source.doc, tokens[0].i, tokens[-1].i + 1):
            # a country's name that ends a longer name ('Priorities USA', 'Amnesty International USA')
            b = name_start(source.doc, tokens[0].i)
            name, country = span_text(list(source.doc[b : tokens[-1].i + 1])), None
        if country:
            return [(country_actor(country), "name")]
        return [(Actor(name, "organisation", None, origin="discovered"), "name")]

    def _noun_phrase(self, source: Token) -> Speakers:
        head = source.lower_
        kind = self.kinds.get(head)
        modifiers = [t for t in source.subtree if t.i < source.i]
        determiner = next((t.lower_ for t in modifiers if t.dep_ in ("det", "poss")), "")
        numbers = {t.lower_ for t in modifiers if t.dep_ == "nummod" or t.lower_ in ("both", "two")}
        owner = self._owner(source)
        # a possessor that is no country or organisation ('Mr. Sanders's campaign') names none: its
        # words ('Mr.') are not the institution's country
        owned = set() if owner else _possessed(source)
        countries = self._countries([t for t in modifiers if t.i not in owned])
        plural = source.tag_ in ("NNS", "NNPS")
        top = plural and determiner in _DEFINITE and any(t.lower_ == "top" for t in modifiers)
        pair = determiner in _DEFINITE or bool(numbers & {"two", "both"})  # 'the parties', not 'right-wing parties'
        nations = {c for c in countries if c in gazetteer().country_names.values()}  # not 'U.S. District Court'
        if (kind == "joint" and pair) or (kind in ("group", "person", "source") and (len(nations) > 1 or top
                                                                or (plural and numbers & {"two", "both"}))):
            principals = self._joint()
            if principals:
                return [(a, "joint") for a in principals]
        if kind != "source":
            role = self._role(source, countries)
            if role is not None:
                person = next((p for p in self.people.people() if p.actor is role), None)
                if person is not None:
                    self.people.said(source, person)
                return [(role, "role noun")]
        if (determiner == "the" and not plural and head in word_set("source_nouns.csv", where=("refers", "1"))
                and not any(c.dep_ in ("poss", "prep", "relcl", "acl") for c in source.children)):
            # 'the Florida senator', 'the former secretary of state': the person the article is about;
            # not one it brings in ('the deputy head of China's delegation', "the state's party leader")
            person = self.people.resolve_description(source, titles().get(head) or None)
            if (person is not None and person.actor is not None and (not nations or person.actor.affiliation in nations)
                    and self._carries(person, source, modifiers)):
                self.people.said(source, person)
                return [(person.actor, "role noun")]
        country = countries[0] if len(countries) == 1 else (owner if owner else None)
        if kind == "institution":
            if country is None and determiner in _DEFINITE and head in self.institutions:
                return [(self.institutions[head], "name")]  # 'the junta': the one named before
            actor = self._institution(source, country)
            if country is not None:
                self.institutions[head] = actor
            return [(actor, "name")]
        if kind == "media":
            label = f"{_adjective_for(country)} media" if country else "media"
            return [(Actor(label, "organisation", country, origin="group"), "group")]
        if kind == "group":
            return [(self._group(source, country), "group")]
        if kind == "source" or (kind == "person" and (determiner in _INDEFINITE
                                                      or any(t.lower_ in ("unnamed", "anonymous") for t in modifiers))):
            if kind == "source" and determiner in _DEFINITE and country is None:
                earlier = self.groups.get(self._family(head))
                if earlier is not None and earlier.name.endswith("(anonymous)"):
                    return [(earlier, "anonymous")]  # 'the official': the one met before
            return [(self._anonymous(source, country), "anonymous")]
        label = self.label(source)
        return [(Actor(label, "group", country, origin="group"), "noun phrase")]

    def _carries(self, person: Person, source: Token, modifiers: list[Token]) -> bool:
        """Whether a description's capitalised words ("the *Florida* senator", "the *Democratic*
        nominee") may be the person's: none of them is written beside another person's name only
        (six words before it, three after: "Vermont Sen. Bernie Sanders", "Sen. Marco Rubio of
        Florida"), before the description. Such a word tells who it is: "the New Jersey governor" is
        not Bush when the article wrote "New Jersey Gov. Chris Christie"."""
        first = sentence_of(source).start  # a capital there says nothing
        words = {t.lower_ for t in modifiers if t.text[:1].isupper() and t.i > first}
        if not words:
            return True
        doc = source.doc
        own: set[str] = set()
        others: set[str] = set()
        for m in self.people.mentions:
            if m.start >= 0 and m.i < source.i:
                (own if m.person is person else others).update(t.lower_ for t in doc[max(0, m.i - 6) : m.i + 4])
        return not (words & others) - own

    def _plural_subject(self, pronoun: Token) -> Actor | None:
        """'Thousands of demonstrators gathered ... They chanted': the group noun that was the
        subject of the sentence before, or of this one before the pronoun."""
        doc = pronoun.doc
        sentence = sentence_of(pronoun)
        before = sentence_of(doc[sentence.start - 1]) if sentence.start > 0 else None
        for span in (s for s in (sentence, before) if s is not None):
            for token in reversed(list(span)):
                if token.i >= pronoun.i or token.dep_ not in ("nsubj", "nsubjpass", "pobj"):
                    continue
                if self.kinds.get(token.lower_) == "group" and token.tag_ in ("NNS", "NNPS"):
                    country = self._countries([t for t in token.subtree if t.i < token.i])
                    return self._group(token, country[0] if len(country) == 1 else None)
        return None

    # -- helpers
    def _countries(self, modifiers: list[Token]) -> list[str]:
        """The countries or organisations a noun phrase's modifiers name ("Iranian officials", "a
        senior Hamas official": Hamas, a name that is no person)."""
        out: list[str] = []
        run_end = -1  # the last token of an unknown name being read ('Labor Department': one name)
        for token in modifiers:
            match = self.known.at(token)
            if match is not None and match[3].type in ("government", "organisation") and match[2] != "outlet":
                name = match[3].affiliation or match[3].name
            elif (match is None and token.pos_ == "PROPN" and token.dep_ in ("compound", "nmod", "amod")
                  and token.ent_type_ != "PERSON" and token.text[:1].isupper()):
                if run_end == token.i - 1 and out:
                    out[-1] = f"{out[-1]} {token.text}"
                    run_end = token.i
                    continue
                name, run_end = token.text, token.i
            else:
                continue
            if name not in out:
                out.append(name)
        return out

    def _owner(self, source: Token) -> str | None:
        """The country or organisation that owns the noun phrase ("Iran's government")."""
        for child in source.children:
            if child.dep_ == "poss":
                match = self.known.at(child)
                if match is not None and match[3].type in ("government", "organisation"):
                    return match[3].affiliation or match[3].name
        return None

    def _joint(self) -> list[Actor]:
        """The article's two principal people, of two different known affiliations (for "the two
        sides"); none when the article gives them none (on PolNeAR, where most people have no
        known country, "the two lawmakers" and "both sides" were other people 18 times in 20)."""
        if self._principals is None:
            counts: Counter = Counter()
            actors: dict[str, Actor] = {}
            for m in self.people.mentions:
                if m.person.actor is not None and not m.quoted:
                    counts[m.person.actor.name] += 1
                    actors[m.person.actor.name] = m.person.actor
            chosen: list[Actor] = []
            for name, _ in counts.most_common():
                actor = actors[name]
                if actor.affiliation is not None and all(actor.affiliation != c.affiliation for c in chosen):
                    chosen.append(actor)
                if len(chosen) == 2:
                    break
            self._principals = chosen if len(chosen) == 2 else []
        return self._principals

    def _role(self, source: Token, countries: list[str]) -> Actor | None:
        """A role noun of the registry, or of a person the article named with that title."""
        if source.tag_ in ("NNS", "NNPS"):
            return None
        words = [t for t in source.subtree if t.i <= source.i and t.dep_ not in ("det", "poss", "punct")]
        if not words:
            return None
        phrase = " ".join(t.lower_ for t in words)
        core = role_core(phrase)
        if not core:
            return None
        country = countries[0] if len(countries) == 1 else None
        people = [p.actor for p in self.people.people() if p.actor is not None and p.actor.roles
                  and p.actor.origin != "registry"]
        candidates = [a for a in self.registry if a.type == "person" and a.roles] + people
        # 'the Turkish leader': a country's president, prime minister, king ... (data/leader_roles.csv)
        wanted = word_set("leader_roles.csv", "role") if core == "leader" and country else {core}
        matching = [a for a in candidates if wanted & {role_core(r) for r in a.roles}
                    and (country is None or a.affiliation in (None, country))]
        if not matching:
            return None
        if len(words) == 1 and len({a.name for a in matching if a in people}) > 1:
            return None  # 'the minister' when the article names several: no telling which
        named = [m.person.actor for m in self.people.mentions if m.i < source.i and m.person.actor in matching]
        return named[-1] if named else matching[0]

    @staticmethod
    def _family(head: str) -> str:
        """The noun under which the article's sources of ``head``'s family are remembered: its
        singular, or the ``family`` of ``data/source_nouns.csv`` ("spokeswoman" → "spokesperson")."""
        h = head.lower()
        if h.endswith("s"):
            h = h[:-1]
        return word_map("source_nouns.csv", "family").get(h) or h

    def _group(self, source: Token, country: str | None) -> Actor:
        qualifier, country = self._side(source, country)
        name = f"{qualifier} {source.lower_}" if qualifier else source.lower_
        if source.lower_ == "sources":
            name += " (anonymous)"
        actor = Actor(name, "group", country, origin="group")
        self.groups[self._family(source.lower_)] = actor
        return actor

    def _anonymous(self, source: Token, country: str | None) -> Actor:
        qualifier, country = self._side(source, country)
        head = word_map("source_nouns.csv", "label").get(source.lower_) or source.lower_  # 'spokesperson (anonymous)'
        name = f"{qualifier} {head} (anonymous)" if qualifier else f"{head} (anonymous)"
        actor = Actor(name, "person", country, origin="anonymous")
        self.groups[self._family(source.lower_)] = actor
        return actor

    def _side(self, source: Token, country: str | None) -> tuple[str, str | None]:
        """The qualifier of a group's or an unnamed source's label and its affiliation. A bare
        "officials" or "an official" takes both from the last of its family the article named
        ("Senior Japanese officials ... an official said": a Japanese official) when nothing else
        qualifies it (not "a former official", "a spokeswoman for YouTube"); with none before,
        the dateline's country is its affiliation but not its label."""
        family = self._family(source.lower_)
        qualifier = self._qualifier(source)
        earlier = self.groups.get(family)
        if country is None:
            country = earlier.affiliation if earlier is not None else (self.dateline if family != "source" else None)
        bare = all(c.dep_ in ("det", "punct", "relcl", "acl", "appos") for c in source.children)
        if not qualifier and bare and earlier is not None:  # not 'a former official', 'a spokeswoman for X'
            qualifier = self.qualifiers.get(family, "")
        self.qualifiers[family] = qualifier
        return qualifier, country

    def _qualifier(self, source: Token) -> str:
        """What the noun phrase itself says about a group or an unnamed source, for its label: a
        country named or described before the head noun as its adjective ("Tehran officials",
        "U.S. officials" → "Iranian", "American"), other names and noun modifiers as written
        ("White House officials", "Democratic voters", "law enforcement officials"). Descriptive
        adjectives ("senior", "federal") and quantifiers are left out; a country the text does not
        write (the dateline's, an earlier group's) is the actor's affiliation, never its label."""
        gaz = gazetteer()
        parts: list[str] = []
        replaced = False  # the last part is a country's adjective
        left = {t.i for t in source.subtree if t.i < source.i}
        first = source.i
        while first - 1 in left and (source.doc[first - 1].dep_ in _QUALIFIER_DEPS or _hyphen(source.doc[first - 1])):
            first -= 1
        opening = sentence_of(source).start
        while opening < first and (source.doc[opening].is_punct or source.doc[opening].is_upper):
            opening += 1  # a dateline ('WASHINGTON —') before the sentence's first word
        units: list[list[Token]] = []  # words, a hyphenated one as one ('anti-TPP', 'pro-Trump')
        for token in source.doc[first:source.i]:
            if units and (_hyphen(token) or _hyphen(units[-1][-1])):
                units[-1].append(token)
            else:
                units.append([token])
        for unit in units:
            token = unit[0]
            match = self.known.at(token)
            if len(unit) > 1:
                word = "".join(t.text_with_ws for t in unit).strip()
                if token.i == opening and token.lower_ in common_words():
                    word = token.lower_ + word[len(token.text):]
                parts.append(word)
                replaced = False
            elif match is not None and match[2] != "outlet":
                written = source.doc[match[0]:match[1]].text
                if (match[2] == "adjective" or written in gaz.country_names or written in gaz.capitals
                        or written in gaz.organisations):
                    written, replaced = _adjective_for(match[3].affiliation or match[3].name), True
                else:
                    replaced = False
                if not parts or parts[-1] != written:
                    parts.append(written)
            elif token.dep_ == "case":
                if parts and not replaced:
                    parts[-1] += token.text  # "Obama's aides"; "Iran's officials" → "Iranian officials"
            elif token.lower_ in _QUANTIFIERS:
                continue
            elif token.text[:1].isupper() and (token.i > opening or token.lower_ not in common_words()):
                parts.append(token.text)
                replaced = False
            elif token.dep_ == "compound" and token.pos_ in ("NOUN", "PROPN"):
                parts.append(token.lower_)
                replaced = False
        return " ".join(parts)

    def _institution(self, source: Token, country: str | None) -> Actor:
        if source.lower_ == "government" and country:
            return country_actor(country)
        owned = _possessed(source)
        words = [t for t in source.subtree if t.i <= source.i and t.i not in owned
                 and t.dep_ not in ("det", "poss", "punct", "case")
                 and not (self.known.at(t) is not None and self.known.at(t)[3].type == "government")]
        core = " ".join(t.text[:1].upper() + t.text[1:] for t in words)
        if not country:
            name = self.label(source)
        elif set(country.lower().split()) <= set(core.lower().split()):  # 'the Bush administration': written
            name = core
        else:
            name = f"{_adjective_for(country)} {core}"
        return Actor(name, "organisation", country, origin="discovered")
