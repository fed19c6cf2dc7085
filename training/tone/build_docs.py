"""Run every distinct NewsMTSC sentence through the library's own parse, once, and cache it.

Each sentence becomes an ``Article.from_text`` and goes through
``newsvoices.parse.parse_articles(..., everything=True)``: the exact Doc production builds when it
parses every sentence (spaCy tokenizer, tok2vec, tagger, parser; no NER, no lemmatizer, coarse
part of speech from the fine tag). The tokens-only variant reads the same Docs but only their
tokens and sentence boundaries (tests/test_toward.py checks that it gives the same features on a Doc
of ``parse_articles(everything=False)`` and of the bare tokenizer).

Writes cache/docs.spacy (DocBin) and cache/index.json: {sentence: [doc index, article text,
the article's sentence spans]} (the library's sentences, which the features read as the context:
the parser may cut a sentence further, and the tokens-only variant never sees the parser).
The data is read in place from ../shared/data and never copied into the repository.
"""

from __future__ import annotations

import json
import time

from spacy.tokens import DocBin

from data import CACHE, FILES, load_rows
from newsvoices.corpus import Article
from newsvoices.parse import parse_articles


def main() -> None:
    sentences = list(dict.fromkeys(r["sentence"] for name in FILES for r in load_rows(name)))
    articles = [Article.from_text(f"s{i}", s) for i, s in enumerate(sentences)]
    began = time.perf_counter()
    docs = parse_articles(articles, everything=True)
    took = time.perf_counter() - began
    print(f"parse_articles(everything=True): {len(docs)} sentences, {1000 * took / len(docs):.2f} ms/sentence")
    store = DocBin(attrs=["ORTH", "TAG", "POS", "DEP", "HEAD", "SENT_START", "SPACY"], store_user_data=False)
    for doc in docs:
        store.add(doc)
    CACHE.mkdir(exist_ok=True)
    store.to_disk(CACHE / "docs.spacy")
    index = {s: [i, a.text, [[b, e] for _, b, e in a.sentence_spans]] for i, (s, a) in enumerate(zip(sentences, articles))}
    with open(CACHE / "index.json", "w", encoding="utf-8") as fh:
        json.dump(index, fh)


if __name__ == "__main__":
    main()
