"""Tone toward a target (newsvoices.toward): invariance to names, titles and the news-neutral
words, clear cases both ways, the edges, and the score on NewsMTSC dev-rw (real news sentences
annotated by hand, read from ``../shared/data/newsmtsc``; skipped with a message when absent)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

import newsvoices as nv
from newsvoices.lexicons import word_set
from newsvoices.nlp import load_pipeline
from newsvoices.parse import is_parsed, parse_articles
from newsvoices.toward import load_model, mention_tone, target_tone, target_tone_proba
from newsvoices.toward.features import (bag_of_words, blind_words, expand, extract, extract_compact,
                                        extract_for_model, load_resources)
from newsvoices.toward.model import ToneModel, align_span, sentence_span

from .conftest import ROOT

LEVELS = ("tokens", "parse")
NEWSMTSC = ROOT.parent / "shared" / "data" / "newsmtsc"
SCORER = ROOT.parent / "shared" / "eval" / "score_newsmtsc.py"
#: Largest move of a probability allowed by a name swap or a neutral word.
NAME_TOLERANCE = 0.02
NEUTRAL_TOLERANCE = 0.05
#: Titles, as news writes them before a name.
TITLES = ["Secretary", "Senator", "Governor", "Judge", "Mayor", "Ambassador", "Chairman", "Speaker", "Dr.", "Mr.",
          "Mrs.", "Ms.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.", "Prof.", "Rev.", "President", "Minister"]


def proba(sentence: str, mention: str, level: str, occurrence: int = 0) -> np.ndarray:
    """The probabilities of one level's model for the ``occurrence``-th ``mention``, every
    sentence parsed (the tokens model reads only the tokens)."""
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.index(mention, start + 1)
    article = nv.Article.from_text("t", sentence)
    doc, = parse_articles([article], everything=True)
    start, end = align_span(sentence, article.text, start, start + len(mention))
    spans = tuple((a, b) for _, a, b in article.sentence_spans)
    return load_model(level).proba(doc, start, end, sentence_span(doc, spans, start))


def decision(p: np.ndarray) -> int:
    return int(np.argmax(p)) - 1


# (sentence, target, names to swap in for it, another person's name in the sentence, its swaps)
NAME_CASES = [
    ("Senator Elizabeth Warren criticized the bill on Monday.", "Elizabeth Warren",
     ["Ted Cruz", "Bernie Sanders", "Mitch McConnell", "Obama"], None, []),
    ("Police say Michael Brown was shot in Ferguson after a struggle with an officer.", "Michael Brown",
     ["John Smith", "Maria Lopez", "Tamir Rice"], None, []),
    ("Trump praised Shinzo Abe for his leadership during the crisis.", "Trump",
     ["Obama", "Macron", "Angela Merkel"], "Shinzo Abe", ["Xi Jinping", "Putin", "Justin Trudeau"]),
    ("Clinton accused Sanders of running a negative campaign against her.", "Sanders",
     ["Biden", "Rubio", "Jeb Bush"], "Clinton", ["Warren", "Nancy Pelosi", "Kamala Harris"]),
    ("Rouhani said Kono had betrayed the trust of the region.", "Kono",
     ["Hatami", "Zarif", "Mike Pompeo"], "Rouhani", ["Abe", "Hassan Rouhani", "Mohammad Javad Zarif"]),
]

# templates with a slot {w} for a news-neutral word or a title
NEUTRAL_TEMPLATES = [
    ("The {w} minister Smith met the delegation on Tuesday.", "Smith"),
    ("Smith, the {w} official, said the talks would resume next week.", "Smith"),
    ("Johnson spoke about {w} oil prices at the summit in Vienna.", "Johnson"),
    ("Critics accused the {w} leader Jones of corruption and fraud.", "Jones"),
    ("Analysts praised the {w} leader Lee for a bold and successful reform.", "Lee"),
    ("The protesters blamed the {w} commander Diaz for the violent crackdown.", "Diaz"),
]

CLEAR = [
    ("The corrupt senator Smith was indicted for fraud and bribery.", "Smith", -1),
    ("Critics slammed Johnson for his disastrous and dishonest handling of the crisis.", "Johnson", -1),
    ("Protesters denounced the brutal dictator Assad as a murderer and a war criminal.", "Assad", -1),
    ("Volunteers praised Dr. Jones for her heroic rescue work.", "Dr. Jones", 1),
    ("Supporters cheered Garcia, calling her a brilliant and inspiring leader.", "Garcia", 1),
    ("The community honored Rivera for his generous donations and years of kind service.", "Rivera", 1),
    ("Smith met Jones on Tuesday.", "Jones", 0),
    ("The delegation of Japan arrived in Tehran on Sunday for two days of talks.", "Japan", 0),
]


@pytest.mark.parametrize("level", LEVELS)
def test_names_do_not_move_the_tone(level: str) -> None:
    for sentence, target, swaps, other, other_swaps in NAME_CASES:
        base = proba(sentence, target, level)
        for name in swaps:
            moved = np.abs(proba(sentence.replace(target, name), name, level) - base).max()
            assert moved < NAME_TOLERANCE, (level, sentence, name, moved)
        for name in other_swaps:
            swapped = sentence.replace(other, name)
            moved = np.abs(proba(swapped, target, level) - base).max()
            assert moved < NAME_TOLERANCE, (level, swapped, moved)


def _library_neutral_words() -> list[str]:
    """The single words of ``data/neutral_words.csv`` (of its phrases, "crude oil", the word that
    is neutral, "crude", is a blind word: inserting "oil" adds a word that is not neutral)."""
    return sorted(w for w in word_set("neutral_words.csv") if " " not in w)


@pytest.mark.parametrize("level", LEVELS)
def test_neutral_words_and_titles_do_not_move_the_tone(level: str) -> None:
    # every word of the news-neutral list and the titles; for the tokens model, every blind word
    words = _library_neutral_words() + TITLES + (sorted(w for w in blind_words() if " " not in w)
                                                  if level == "tokens" else [])
    for template, target in NEUTRAL_TEMPLATES:
        plain = template.replace("{w} ", "")
        base = proba(plain, target, level)
        for word in words:
            with_word = template.replace("{w}", word.capitalize() if word.endswith(".") else word)
            p = proba(with_word, target, level)
            assert decision(p) == decision(base), (level, with_word, p, base)
            assert np.abs(p - base).max() < NEUTRAL_TOLERANCE, (level, with_word)


def test_the_brief_words_are_blind():
    assert {"foreign", "crude", "top", "general", "grand", "own", "united", "minister", "president"} <= blind_words()
    assert not {"illegal", "praise", "good", "attack", "peace"} & blind_words()  # evaluative words are read


@pytest.mark.parametrize("level", LEVELS)
def test_clear_cases(level: str) -> None:
    for sentence, target, polarity in CLEAR:
        assert decision(proba(sentence, target, level)) == polarity, (level, sentence)


def test_public_function_range_and_edges():
    assert nv.target_tone is target_tone
    assert target_tone("", 0, 0) == 0.0
    assert target_tone("   ", 0, 2) == 0.0
    assert target_tone("Smith lied.", 3, 3) == 0.0
    for sentence, target, polarity in CLEAR:
        start = sentence.index(target)
        value = target_tone(sentence, start, start + len(target))
        assert value == 0.0 if polarity == 0 else np.sign(value) == polarity, (sentence, value)
        assert value == 0.0 or 1 / 3 < abs(value) <= 1.0
        assert abs(target_tone_proba(sentence, start, start + len(target)).sum() - 1) < 1e-9
    # offsets of the raw text, though the library strips its ends and its non-breaking spaces
    raw = "  Critics slammed Smith\u00a0Jones for the failure. "
    start = raw.index("Smith")
    assert target_tone(raw, start, start + 11) < 0


def test_tokens_features_read_only_tokens():
    """The tokens model reads the same features from a parsed Doc, the library's default Doc
    (candidate sentences parsed only) and bare tokens."""
    text = ("Critics slammed Smith for the failure. Officials said Jones had done nothing wrong, "
            "and Lee praised Ms. Park for her honest work.")
    article = nv.Article.from_text("a", text)
    spans = tuple((a, b) for _, a, b in article.sentence_spans)
    full, = parse_articles([article], everything=True)
    default, = parse_articles([article])
    bare = load_pipeline().make_doc(article.text)
    for mention in ("Smith", "Jones", "Park"):
        start = text.index(mention)
        end = start + len(mention)
        expected = extract(full, start, end, syntax=False, sentence=sentence_span(full, spans, start))
        for doc in (default, bare):
            assert extract(doc, start, end, syntax=False, sentence=sentence_span(doc, spans, start)) == expected


@pytest.mark.parametrize("level", LEVELS)
def test_the_model_reads_the_flat_features_in_their_order(level: str) -> None:
    """``ToneModel.inputs`` reads each word vector whole, and the bag of words by its forms (as
    ``ToneModel.proba`` gives them), yet selects the rows and values of the flat features
    (``ToneModel.features``) in their order, so the scores agree to the last bit."""
    model = load_model(level)
    sentences = [s for s, *_ in NAME_CASES] + [s for s, *_ in CLEAR]
    article = nv.Article.from_text("a", " ".join(sentences))
    doc, = parse_articles([article], everything=True)
    spans = tuple((a, b) for _, a, b in article.sentence_spans)
    checked = 0
    for token in doc:
        if token.is_alpha:
            start, end = token.idx, token.idx + len(token)
            sentence = sentence_span(doc, spans, start)
            flat = [(model.index[n], v) for n, v in model.features(doc, start, end, sentence).items()
                    if n in model.index]
            groups = extract_compact(doc, start, end, syntax=model.syntax, sentence=sentence,
                                     resources=load_resources(model.lemmas))
            rows, values = model.inputs(groups)
            assert list(zip(rows, values)) == flat, (level, token.text)
            without_bow, forms = extract_for_model(doc, start, end, syntax=model.syntax, sentence=sentence,
                                                   resources=load_resources(model.lemmas))
            assert expand({**without_bow, "bow": bag_of_words(forms)}) == expand(groups)
            rows, values = model.inputs(without_bow, forms)
            assert list(zip(rows, values)) == flat, (level, token.text)
            assert extract(doc, start, end, syntax=model.syntax, sentence=sentence,
                           resources=load_resources(model.lemmas)) == expand(groups)
            checked += 1
    assert checked > 100


def test_the_bag_of_words_by_forms_matches_it_by_names() -> None:
    """Forms holding underscores join into the same pair name in more than one way: read by
    form, the rows are those of the names, each once, in their order."""
    names = ["u=a_b", "b=a_b_c", "b=a_b", "u=c", "b=c_a", "u=a"]
    model = ToneModel({n: i for i, n in enumerate(names)}, np.zeros((len(names), 3), dtype=np.float32),
                      np.zeros(3), {"bow": 2.0}, False, True)
    for forms in (["a", "b_c", "x", "a_b", "c"], ["a", "b", "c", "a", "b"], ["c", "a_b", "c"], ["a"], []):
        rows, values = model.inputs({}, forms)
        expected_rows, expected_values = model.inputs({"bow": bag_of_words(forms)})
        assert rows.tolist() == expected_rows.tolist() and values.tolist() == expected_values.tolist(), forms


def test_mention_tone_uses_the_parse_only_where_the_library_parsed():
    text = "Smith failed badly and lost the vote. “Jones did a great job,” Lee said."
    article = nv.Article.from_text("a", text)
    doc, = parse_articles([article])
    spans = tuple((a, b) for _, a, b in article.sentence_spans)
    smith, jones = text.index("Smith"), text.index("Jones")
    assert not is_parsed(sentence_span(doc, spans, smith)) and is_parsed(sentence_span(doc, spans, jones))
    assert mention_tone(doc, spans, smith, smith + 5) == load_model("tokens").tone(
        doc, smith, smith + 5, sentence_span(doc, spans, smith))
    assert mention_tone(doc, spans, jones, jones + 5) == load_model("parse").tone(
        doc, jones, jones + 5, sentence_span(doc, spans, jones))
    assert mention_tone(doc, spans, smith, smith + 5) < 0 < mention_tone(doc, spans, jones, jones + 5)


def test_the_mentions_table_carries_the_tone_and_the_summary_ranks_only_three_or_more(seeds):
    analysis = nv.analyse(seeds)
    assert analysis.mentions["tone"].between(-1, 1).all()
    assert (analysis.mentions["tone"] != 0).any() and (analysis.mentions["tone"] == 0).any()
    toward = nv.tone_toward_tables(analysis.mentions, analysis.sentences)
    assert (toward["thin"] == (toward["n"] < 3)).all()
    assert toward.loc[toward["thin"], "ci_low"].isna().all()
    per = nv.tone_toward(seeds, per_mention=True)
    assert len(per) == len(analysis.mentions)
    assert per["tone"].tolist() == analysis.mentions["tone"].tolist()


needs_newsmtsc = pytest.mark.skipif(not (NEWSMTSC / "dev-rw.jsonl").is_file() or not SCORER.is_file(),
                                    reason=f"{NEWSMTSC} is absent: the hand-annotated news sentences (../shared/data, "
                                           "beside the project) are needed for this test")


@needs_newsmtsc
def test_dev_rw_macro_f1_holds():
    """The scorer's macro F1 on NewsMTSC dev-rw: 0.70 is the issue's target (docs/tone.md gives
    the measured figure; all-neutral scores 0.19, VADER 0.51)."""
    out = subprocess.run([sys.executable, str(SCORER), str(NEWSMTSC / "dev-rw.jsonl"), "--min-f1=0.70"],
                         capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]


@needs_newsmtsc
def test_names_of_newsmtsc_targets_do_not_move_the_tone():
    """On 60 real dev-rw sentences, the target's one-word name swapped for another gives the same
    decision, but where the parser reads the new name into another tree (measured: 1 of 60)."""
    rows = [json.loads(line) for line in (NEWSMTSC / "dev-rw.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    rows = [r for r in rows if r["mention"][:1].isupper() and " " not in r["mention"]][:60]
    flipped = []
    for r in rows:
        s, a, b = r["sentence"], r["from"], r["to"]
        swapped = s[:a] + "Kowalski" + s[b:]
        if np.sign(target_tone(s, a, b)) != np.sign(target_tone(swapped, a, a + 8)):
            flipped.append(s)
    assert len(rows) == 60 and len(flipped) <= 2, flipped
