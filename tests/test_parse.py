"""The parse: one Doc per article, every token of its text, the syntax of the candidate sentences."""

from __future__ import annotations

import gc
import weakref

import newsvoices as nv
from newsvoices.parse import candidate, cue_lemma, is_parsed, parse_articles, release, sentence_of, sentences, text_of


def test_a_doc_holds_the_whole_text_and_the_loaders_sentences(seeds):
    docs = parse_articles(seeds.articles)
    for doc, article in zip(docs, seeds):
        assert doc.text == text_of(doc) == article.text
        starts = [s.start_char for s in sentences(doc)]
        for _, start, _ in article.sentence_spans[1:]:  # every sentence of the loader starts one of the Doc
            assert start in starts or any(s.start_char <= start < s.end_char for s in sentences(doc))


def test_only_candidate_sentences_are_parsed():
    text = ("It rained in Tokyo on Monday. The meeting began at noon.\n\n"
            "Kono told reporters that the talks went well. “We are ready,” Abe quipped.\n\n"
            "“The door is open.”")
    doc, = parse_articles([nv.Article.from_text("a", text)])
    parsed = {s.text.strip(): is_parsed(s) for s in sentences(doc)}
    assert parsed == {"It rained in Tokyo on Monday.": False, "The meeting began at noon.": False,
                      "Kono told reporters that the talks went well.": True, "“We are ready,” Abe quipped.": True,
                      "“The door is open.”": False}
    told = next(t for t in doc if t.text == "told")
    assert told.pos_ == "VERB" and [c.text for c in told.children if c.dep_ == "nsubj"] == ["Kono"]
    assert all(t.pos_ == "" for t in sentence_of(doc[0]))  # unparsed: tokens only
    everything, = parse_articles([nv.Article.from_text("a", text)], everything=True)
    assert all(is_parsed(s) for s in sentences(everything))


def test_candidates_and_cue_lemmas():
    assert candidate("Officials said it rained.") and candidate("McCain: No deal without the border.")
    assert not candidate("It rained in Tokyo.") and not candidate("“We are ready.”")
    nlp_doc = parse_articles([nv.Article.from_text("a", "Abe stressed, underlined and told.")])[0]
    assert [cue_lemma(t) for t in nlp_doc if t.is_alpha] == ["abe", "stress", "underline", "and", "tell"]


def test_empty_and_odd_texts():
    docs = parse_articles([nv.Article.from_text("a", "x"), nv.Article.from_text("b", "Said.   \n\n  “Yes,” he said.")])
    assert [d.text for d in docs] == ["x", "Said.   \n\n  “Yes,” he said."]


def test_a_released_doc_is_freed_without_the_cycle_collector():
    article = nv.Article.from_text("a", "It rained. Kono said the talks went well.")
    gc.disable()
    try:
        kept, released = parse_articles([article, article])
        for doc in (kept, released):
            assert [s.text for s in sentences(doc)] == ["It rained.", "Kono said the talks went well."]
        release(released)
        assert set(released.user_data) == {"newsvoices.text", "newsvoices.tag_pos"}  # set once, no cycle
        assert [s.text for s in sentences(released)] == ["It rained.", "Kono said the talks went well."]  # rebuilt
        release(released)
        refs = weakref.ref(kept), weakref.ref(released)
        del kept, released, doc
        assert refs[1]() is None  # freed at once
        assert refs[0]() is not None  # its cached sentences refer back to it: it waits for the collector
        gc.collect()
        assert refs[0]() is None
    finally:
        gc.enable()
