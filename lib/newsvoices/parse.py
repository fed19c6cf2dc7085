"""One spaCy ``Doc`` per article: every token of the text, the syntax of the sentences that can hold a
statement.

Parsing is the costly step of attribution, and most sentences of a news article report no
statement. So each article becomes a ``Doc`` whose tokens cover its whole text (spaCy's tokenizer,
the one tokenisation the attribution steps read), with sentences as the loader split them
(:attr:`Article.sentence_spans <newsvoices.Article.sentence_spans>`), and only the **candidate**
sentences are parsed (tagger and dependency parser, in batches across articles):

* a sentence with a quotation mark;
* a sentence with a word form that triggers parsing (``data/cue_forms.csv``, column ``trigger``:
  the forms of speech verbs and nouns that, on the PolNeAR train articles, brought enough true
  statements per character parsed to be worth the parse — "said", "told", "according" — plus
  every form of the diplomatic cues of ``data/cues.csv``);
* a line that opens with a name and a colon ("McCain: ...").

Other sentences keep their tokens without tags or syntax (``token.pos_ == ""``): the attribution
steps still read their names as antecedents. Named-entity recognition, the lemmatizer and the
attribute ruler are not run: the coarse part of speech comes from the fine tag, and the lemmas
attribution needs from ``data/cue_forms.csv`` (:func:`cue_lemma`).

Example:
    >>> from newsvoices.corpus import Article
    >>> doc, = parse_articles([Article.from_text("a", "It rained. “We are ready,” Kono said.")])
    >>> [(s.text, is_parsed(s)) for s in doc.sents]
    [('It rained.', False), ('“We are ready,” Kono said.', True)]
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

import numpy
from spacy.attrs import DEP, HEAD, IDX, ORTH, POS, SPACY, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span, Token

from .corpus import Article
from .lexicons import common_words, rows, word_map, word_set
from .nlp import load_pipeline, one_blas_thread
from .text import CLOSING_QUOTES, OPENING_QUOTES, dateline_end, trie_pattern

__all__ = ["PARSED_COMPONENTS", "candidate", "cue_lemma", "dependent", "in_dateline", "is_parsed", "lemma", "parse_articles",
           "reads_as_name", "release", "sentence_of", "sentences", "text_of", "token_columns", "with_pos"]

#: Components of the pipeline that run on candidate sentences (those a pipeline has).
PARSED_COMPONENTS = ("tok2vec", "transformer", "tagger", "parser")
#: Sentences parsed together.
BATCH = 64
_QUOTES = re.compile("|".join(map(re.escape, dict.fromkeys(OPENING_QUOTES + CLOSING_QUOTES))))
_NAME_COLON = re.compile(r"\s*[\"“]?[A-Z][^:\n]{0,59}:")
_AUXILIARIES = frozenset({"be", "am", "is", "are", "was", "were", "been", "being", "have", "has", "had", "having",
                          "do", "does", "did", "'s", "’s", "'re", "’re", "'ve", "’ve", "'d", "’d", "'m", "’m"})
#: Coarse part of speech of a fine (Penn Treebank) tag, where the tag decides it alone.
_TAG_POS = {"$": "SYM", "''": "PUNCT", ",": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", ".": "PUNCT",
            ":": "PUNCT", "ADD": "X", "CC": "CCONJ", "CD": "NUM", "EX": "PRON", "FW": "X", "HYPH": "PUNCT",
            "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "LS": "X", "MD": "AUX", "NFP": "PUNCT", "NN": "NOUN",
            "NNP": "PROPN", "NNPS": "PROPN", "NNS": "NOUN", "PDT": "DET", "POS": "PART", "PRP": "PRON",
            "PRP$": "PRON", "RBR": "ADV", "RBS": "ADV", "RP": "ADP", "SYM": "SYM", "TO": "PART", "UH": "INTJ",
            "WDT": "PRON", "WP": "PRON", "WP$": "DET", "WRB": "SCONJ", "XX": "X", "_SP": "SPACE", "``": "PUNCT",
            "AFX": "ADJ"}


@functools.lru_cache(maxsize=2)
def _forms(triggers_only: bool) -> re.Pattern:
    forms = [r["word"] for r in rows("cue_forms.csv") if r["trigger"] == "1" or not triggers_only]
    return re.compile(rf"(?<![\w’'-]){trie_pattern(forms)}(?![\w’'-])", re.IGNORECASE)


def candidate(sentence: str, triggers: re.Pattern | None = None) -> bool:
    """Whether a sentence can hold a statement, and so is parsed (see the module notes): a form
    that triggers parsing, or one ``triggers`` matches (the user's cues: :mod:`newsvoices.userfiles`);
    a quotation mark with any cue form ("“...,” he quipped"), or a colon that ends a sentence
    with one ("X issued the following statement:"); a line "NAME: ...". A sentence
    that is all quotation has no cue to parse: its statement comes from the sentence that has one.

    Example:
        >>> candidate("It rained in Tokyo."), candidate("Officials said it rained.")
        (False, True)
        >>> candidate("“We are ready,” Kono quipped."), candidate("“We are ready.”")
        (True, False)
    """
    if _forms(True).search(sentence) or _NAME_COLON.match(sentence):
        return True
    if triggers is not None and triggers.search(sentence):
        return True
    if sentence.rstrip().endswith(":") and _forms(False).search(sentence):
        return True  # a cue that announces a block quotation: 'Trump issued the following statement:'
    return bool(_QUOTES.search(sentence) and _forms(False).search(sentence))


def cue_lemma(token: Token) -> str:
    """The lemma of a cue word ("said" → "say"), else the word in lower case.

    Example:
        >>> nlp = load_pipeline()
        >>> [cue_lemma(t) for t in nlp.make_doc("Kono told reporters")]
        ['kono', 'tell', 'reporters']
    """
    return word_map("cue_forms.csv", "lemma").get(token.lower_) or token.lower_


def lemma(token: Token) -> str:
    """The lemma of a word: a cue's from ``data/cue_forms.csv``, else simplemma's (the pipeline
    runs no lemmatizer).

    Example:
        >>> nlp = load_pipeline()
        >>> [lemma(t) for t in nlp.make_doc("Tokyo lifted sanctions")]
        ['tokyo', 'lift', 'sanction']
    """
    word = token.lower_
    return word_map("cue_forms.csv", "lemma").get(word) or _lemma(word)


@functools.lru_cache(maxsize=100_000)
def _lemma(word: str) -> str:
    import simplemma  # its import loads word lists: paid only when a lemma is needed

    return simplemma.lemmatize(word, lang="en").lower()


def text_of(doc: Doc) -> str:
    """The Doc's text, joined once (``doc.text`` joins every token again at each call)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def sentences(doc: Doc) -> list[Span]:
    """The sentences of a Doc, worked out once (spaCy's ``doc.sents`` walks every token again at
    each call, and ``token.sent`` does so for each token)."""
    found = doc.user_data.get("newsvoices.sentences")
    if found is None:
        found = doc.user_data["newsvoices.sentences"] = list(doc.sents)
        doc.user_data["newsvoices.starts"] = [s.start for s in found]
    return found


def token_columns(doc: Doc) -> tuple[list[int], list[int], list[bool]]:
    """Each token's ``orth`` (the string id of its text), its character offset and whether white
    space follows it: Python lists read once per Doc from its arrays, for the steps that read a
    column a token at a time without making a Token of each word (the name rules of
    attribution, the tone features).

    Example:
        >>> orth, offsets, spaces = token_columns(load_pipeline().make_doc("Kono said it."))
        >>> offsets, spaces
        ([0, 5, 10, 12], [True, True, False, False])
    """
    found = doc.user_data.get(_TOKEN_COLUMNS)
    if found is None:
        table = doc.to_array([ORTH, IDX, SPACY]).reshape(len(doc), 3)
        found = doc.user_data[_TOKEN_COLUMNS] = (table[:, 0].tolist(), table[:, 1].tolist(),
                                                 table[:, 2].astype(bool).tolist())
    return found


def release(doc: Doc) -> None:
    """Drop the caches the analysis steps keep in ``doc.user_data`` (its sentences, its columns,
    the tone model's facts), once the Doc's article is analysed; the Doc's text and its columns
    of tags (:func:`parse_articles`) stay.

    The caches refer back to the Doc, so the Doc, its cached Tokens and Spans form cycles that
    reference counting cannot free: each waits for Python's cycle collector, whose passes over
    them cost 57.4 against 49.8 ms an article analysed in one process (docs/benchmarks.md).
    Released, the Doc is freed as soon as the last reference to it goes. Calls that read the
    caches after this rebuild them.

    Example:
        >>> doc, = parse_articles([Article.from_text("a", "Kono said the talks went well.")])
        >>> len(sentences(doc)), "newsvoices.sentences" in doc.user_data
        (1, True)
        >>> release(doc); "newsvoices.sentences" in doc.user_data
        False
    """
    for key in [key for key in doc.user_data if key not in _KEPT]:
        del doc.user_data[key]


def reads_as_name(token: Token) -> bool:
    """Whether ``token`` reads as (part of) a name: a proper noun, a word in capitals, or a
    capitalised word that is no common word. The tagger reads title-case headlines and
    sentence-initial surnames poorly ("Sanders: ..." and "Sanders says" are tagged as plural
    nouns, "Issa: ..." as an adjective).

    Example:
        >>> nlp = load_pipeline()
        >>> [reads_as_name(t) for t in nlp("Sanders: Reporters asked")]
        [True, False, False, False]
    """
    if token.pos_ == "PROPN" or (token.is_upper and len(token) > 1 and token.is_alpha):
        return True
    return token.text[:1].isupper() and token.is_alpha and token.lower_ not in common_words()


def in_dateline(token: Token) -> bool:
    """Whether ``token`` is part of a wire-style dateline opening its line ("NIAMEY, Niger - ",
    "New York (AFP) – "; a headline may come first): :func:`newsvoices.text.dateline_end` with the
    agencies of ``data/wire_agencies.csv``.

    Example:
        >>> doc = load_pipeline().make_doc("NIAMEY, Niger - The junta spoke.")
        >>> [t.text for t in doc if in_dateline(t)]
        ['NIAMEY', ',', 'Niger', '-']
    """
    text = text_of(token.doc)
    line = text.rfind("\n", 0, token.idx) + 1
    return token.idx < line + dateline_end(text[line:line + 120], word_set("wire_agencies.csv"))


def sentence_of(token: Token) -> Span:
    """The sentence holding ``token`` (as ``token.sent``, without walking the Doc)."""
    found = sentences(token.doc)
    return found[bisect.bisect_right(token.doc.user_data["newsvoices.starts"], token.i) - 1]


def dependent(token: Token, *deps: str) -> Token | None:
    """The first dependent of ``token`` whose relation is one of ``deps`` ("nsubj": a verb's
    subject), else ``None``.

    Example:
        >>> doc, = parse_articles([Article.from_text("a", "Kono said the talks went well.")])
        >>> dependent(doc[1], "nsubj").text, dependent(doc[1], "dobj")
        ('Kono', None)
    """
    return next((c for c in token.children if c.dep_ in deps), None)


def is_parsed(sentence: Span) -> bool:
    """Whether ``sentence`` (of a Doc of :func:`parse_articles`) was parsed: whether a token of
    it has a tag (read from the Doc's arrays that :func:`parse_articles` keeps, without making a
    Token of each word)."""
    arrays = sentence.doc.user_data.get(_ARRAYS)
    if arrays is None:
        return any(t.tag_ for t in sentence)
    return bool(arrays[sentence.start : sentence.end, 0].any())


def with_pos(sentence: Span, pos: str) -> list[Token]:
    """The tokens of ``sentence`` (of a Doc of :func:`parse_articles`) whose coarse part of
    speech is ``pos`` ("VERB"), in order (found in the Doc's arrays, without making a Token of
    each word).

    Example:
        >>> from newsvoices.corpus import Article
        >>> doc, = parse_articles([Article.from_text("a", "Kono said the talks went well.")])
        >>> [t.text for t in with_pos(doc[:], "VERB")]
        ['said', 'went']
    """
    arrays = sentence.doc.user_data.get(_ARRAYS)
    if arrays is None:
        return [t for t in sentence if t.pos_ == pos]
    doc, start = sentence.doc, sentence.start
    found = (arrays[start : sentence.end, 1] == _POS_NUMBERS[pos]).nonzero()[0].tolist()
    return [doc[start + k] for k in found]


def _coarse_pos(doc: Doc) -> None:
    """The coarse part of speech the attribute ruler would give, from the fine tag and the
    dependency label (the ruler itself costs as much as a fifth of the parse)."""
    for t in doc:
        tag = t.tag_
        if tag.startswith("VB"):
            t.pos_ = "AUX" if t.lower_ in _AUXILIARIES or t.dep_ in ("aux", "auxpass") else "VERB"
        elif tag == "DT":
            t.pos_ = "PRON" if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") else "DET"
        elif tag == "IN":
            t.pos_ = "SCONJ" if t.dep_ == "mark" else "ADP"
        elif tag == "RB":
            t.pos_ = "PART" if t.lower_ in ("not", "n't", "n’t") else "ADV"
        elif tag:
            t.pos_ = _TAG_POS.get(tag, "X")


def _pieces(article: Article) -> list[tuple[int, str]]:
    """The article's text cut at the start of each sentence (the first piece from the start of
    the text), with where each piece starts: joined, they are the text."""
    starts = [s for _, s, _ in article.sentence_spans]
    if not starts:
        return [(0, article.text)] if article.text else []
    cuts = [0, *starts[1:], len(article.text)]
    return [(a, article.text[a:b]) for a, b in zip(cuts, cuts[1:]) if b > a]


_ATTRS = [TAG, POS, DEP, HEAD]
#: The ids of the coarse parts of speech as plain ints (numpy compares an array with spaCy's enum
#: members several times slower).
_POS_NUMBERS = {name: int(number) for name, number in POS_IDS.items()}
#: ``user_data`` key of a Doc's text (:func:`text_of`), set by :func:`parse_articles`.
_TEXT = "newsvoices.text"
#: ``user_data`` key of a Doc's TAG and POS columns, final once :func:`parse_articles` made it
#: (:func:`is_parsed`, :func:`with_pos`).
_ARRAYS = "newsvoices.tag_pos"
#: ``user_data`` key of :func:`token_columns`.
_TOKEN_COLUMNS = "newsvoices.token_columns"
#: ``user_data`` keys :func:`release` keeps: set once by :func:`parse_articles`, no cycle.
_KEPT = frozenset({_TEXT, _ARRAYS})


def _assemble(nlp, text: str, plan: list[tuple[int, str, Doc | None]]) -> Doc:
    """The article's Doc: its text tokenized once, with the annotations of the parsed sentences
    copied in, and each other sentence one tree of bare tokens (so that every sentence is one)."""
    doc = nlp.make_doc(text)
    starts = doc.to_array([IDX])
    array = numpy.zeros((len(doc), len(_ATTRS)), dtype="uint64")
    root, dep = nlp.vocab.strings.add("ROOT"), nlp.vocab.strings.add("dep")
    bounds = [int(numpy.searchsorted(starts, at)) for at, _, _ in plan] + [len(doc)]
    for (at, piece, parsed), b, e in zip(plan, bounds, bounds[1:]):
        if e <= b:
            continue
        if parsed is not None:
            if len(parsed) != e - b or parsed[0].idx + at != doc[b].idx:
                raise ValueError("a parsed sentence does not align with the article's tokens")
            array[b:e] = parsed.to_array(_ATTRS)
        else:
            array[b:e, 2] = dep
            array[b, 2] = root
            array[b:e, 3] = (b - numpy.arange(b, e, dtype="int64")).astype("uint64")
    doc.from_array(_ATTRS, array)
    return doc


def parse_articles(articles: Sequence[Article], *, everything: bool = False,
                   triggers: re.Pattern | None = None) -> list[Doc]:
    """One ``Doc`` per article, its candidate sentences parsed (see the module notes).

    Args:
        articles: The articles.
        everything: Parse every sentence, not only the candidates (for measurements).
        triggers: More word forms that make a sentence a candidate (the user's cues).

    Returns:
        The Docs, in the order of ``articles``; ``doc.text`` is the article's text.
    """
    nlp = load_pipeline()
    plans = []
    jobs = []
    for article in articles:
        plan = []
        for at, piece in _pieces(article):
            parse = everything or candidate(piece, triggers)
            plan.append((at, piece, parse))
            if parse:
                jobs.append(piece)
        plans.append(plan)
    enabled = [name for name in PARSED_COMPONENTS if name in nlp.pipe_names]
    with nlp.select_pipes(enable=enabled), one_blas_thread():
        parsed = iter(list(nlp.pipe(jobs, batch_size=BATCH)))
    docs = []
    for article, plan in zip(articles, plans):
        filled = []
        for at, piece, parse in plan:
            doc = next(parsed) if parse else None
            if doc is not None:
                _coarse_pos(doc)
            filled.append((at, piece, doc))
        try:
            whole = _assemble(nlp, article.text, filled)
        except ValueError:  # the tokenizer cut a sentence's edge otherwise in the whole text: join the pieces
            parts = [doc if doc is not None else _bare(nlp, piece) for _, piece, doc in filled]
            whole = (Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
                     if parts else nlp.make_doc(""))
        whole.user_data[_TEXT] = article.text  # its text (text_of), not joined from its tokens again
        whole.user_data[_ARRAYS] = whole.to_array([TAG, POS])
        docs.append(whole)
    return docs


def _bare(nlp, piece: str) -> Doc:
    """A sentence left unparsed: its tokens, as one sentence."""
    words = nlp.make_doc(piece)
    n = len(words)
    return Doc(nlp.vocab, words=[t.text for t in words], spaces=[bool(t.whitespace_) for t in words],
               heads=[0] * n, deps=["ROOT"] + ["dep"] * (n - 1), sent_starts=[True] + [False] * (n - 1))
