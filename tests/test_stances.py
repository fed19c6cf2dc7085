"""Stance: the constructions that make one actor hostile or friendly to another, the seeds'
stances, and the matrix with its thin cells."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import newsvoices as nv
from newsvoices.parse import parse_articles
from newsvoices.stances import StanceReading, stance_lexicon, stance_matrix, stance_reading, stance_words

REGISTRY = nv.ActorRegistry([
    nv.Actor("Rouhani", "person", "Iran", ("Hassan Rouhani",)),
    nv.Actor("Kono", "person", "Japan", ("Taro Kono",)),
    nv.Actor("Abe", "person", "Japan", ("Shinzo Abe",)),
])


def stance_of(sentence: str) -> pd.DataFrame:
    corpus = nv.Corpus([nv.Article.from_text("a", sentence)])
    return nv.analyse(corpus, REGISTRY, scheduler="serial", cache=False, progress=False).stance


#: (construction, sentence, holder, target, role, sign of the stance; 0: none)
CONSTRUCTIONS = [
    ("hostile verb, object", "Rouhani condemned Japan on Monday.", "Rouhani", "Japan", "verb", -1),
    ("friendly verb, object", "Rouhani praised Japan on Monday.", "Rouhani", "Japan", "verb", 1),
    ("friendly verb, reported passive: the agent holds it", "Kono said Iran was praised by the United States.",
     "United States", "Iran", "verb", 1),
    ("friendly verb, negated: hostile", "Rouhani said Iran would not support Japan.", "Rouhani", "Japan", "verb", -1),
    ("friendly verb under a negating verb", "Rouhani said Iran refused to support Japan.", "Rouhani", "Japan", "verb",
     -1),
    ("friendly verb, 'won't be able to'", "Kono said Tokyo won't be able to satisfy Tehran.", "Kono", "Iran", "verb",
     -1),
    ("hostile verb, negated: no stance", "Rouhani said Iran did not criticise Japan.", "Rouhani", "Japan", "verb", 0),
    ("reported passive: the agent holds it", "Rouhani said Iran had been condemned by Japan.", "Japan", "Iran", "verb",
     -1),
    ("reported subject: another actor holds it", "Kono said the United States praised Iran.", "United States", "Iran",
     "verb", 1),
    ("object of a preposition", "Kono said Japan stands with Iran.", "Kono", "Iran", "verb", 1),
    ("'blamed X for'", "Rouhani blamed the United States for the crisis.", "Rouhani", "United States", "verb", -1),
    ("possessor of the object", "Kono praised Iran's role in the region.", "Kono", "Iran", "verb", 1),
    ("nationality adjective of the object", "Kono condemned the Chinese actions.", "Kono", "China", "verb", -1),
    ("'the West' as object", "Rouhani accused the West of hypocrisy.", "Rouhani", "Western", "verb", -1),
    ("act noun: the speaker acts", "Kono said Japan will impose sanctions on Iran.", "Kono", "Iran", "act", -1),
    ("act noun: friendly", "Kono said Japan wants cooperation with Iran.", "Kono", "Iran", "act", 1),
    ("act noun reversed by its verb", "Kono said Japan will lift sanctions on Iran.", "Kono", "Iran", "act", 1),
    ("owner of an act noun", "Kono said Iran's provocations must end.", "Kono", "Iran", "owner", -1),
    ("as-phrase", "Abe described the US policy as wrong.", "Abe", "United States", "as-phrase", -1),
    ("as-phrase, friendly", "Abe described Iran as an important partner.", "Abe", "Iran", "as-phrase", 1),
]


@pytest.mark.parametrize("construction, sentence, holder, target, role, sign", CONSTRUCTIONS,
                         ids=[c[0] for c in CONSTRUCTIONS])
def test_stance_constructions(construction, sentence, holder, target, role, sign):
    rows = stance_of(sentence)
    found = rows[(rows["speaker"] == holder) & (rows["target"] == target)]
    assert len(found) == 1, rows[["speaker", "target", "role", "stance"]].values.tolist()
    row = found.iloc[0]
    assert row["role"] == role, row.to_dict()
    assert (row["stance"] > 0.05 if sign > 0 else row["stance"] < -0.05 if sign < 0 else row["stance"] == 0), row.to_dict()
    assert row["word"] and row["evidence"]


#: Sentences where no stance word applies to the target: its stance is the tone of the statement.
NO_STANCE_WORD = [
    ("a prepositional target of a plain verb", "Kono said Japan and Iran held talks in Tehran.", "Kono", "Iran"),
    ("an act noun whose agent is not said", "Kono said sanctions on Iran were illegal.", "Kono", "Iran"),
    ("a stance verb whose object is not the target", "Kono praised the weather in Iran.", "Kono", "Iran"),
    ("the owner of an act the speaker condemns is its agent, not its victim",
     "Rouhani condemned the attacks on Iraq.", "Rouhani", "Iraq"),
    ("an owner who only imposes", "Rouhani said US sanctions hurt ordinary people.", "Rouhani", "United States"),
]


@pytest.mark.parametrize("construction, sentence, holder, target", NO_STANCE_WORD, ids=[c[0] for c in NO_STANCE_WORD])
def test_no_stance_word_applies(construction, sentence, holder, target):
    rows = stance_of(sentence)
    found = rows[(rows["speaker"] == holder) & (rows["target"] == target)]
    assert len(found) >= 1, rows[["speaker", "target", "role", "stance"]].values.tolist()
    assert (found["role"] == "tone").all() and (found["word"] == "").all(), found.to_dict("records")


def test_tone_toward_ones_own_side_is_no_stance():
    # a victim's tone ("sanctions on Iran were illegal", said by Iran's president) is no hostility
    rows = stance_of("Rouhani said sanctions on Iran were illegal.")
    assert not ((rows["speaker"] == "Rouhani") & (rows["target"] == "Iran")).any(), rows.values.tolist()
    # a stance word still counts toward one's own side
    rows = stance_of("Rouhani criticised Iran on Monday.")
    assert rows.loc[(rows["speaker"] == "Rouhani") & (rows["target"] == "Iran"), "stance"].lt(0).all()
    assert ((rows["speaker"] == "Rouhani") & (rows["target"] == "Iran")).sum() == 1


def test_the_speakers_own_noun_phrase_is_no_target():
    rows = stance_of("The Japanese premier, Abe, praised Iran on Monday.")
    assert "Japan" not in set(rows["target"]), rows.values.tolist()


def test_seed_stances_a_reader_sees(seeds):
    matrix = stance_matrix(nv.stance(seeds)).set_index(["speaker", "target"])
    for speaker, target, sign in [
        ("Rouhani", "United States", -1),  # "censured the US for illegal maximum pressure"
        ("Abe", "United States", -1),  # "described the US policy ... as wrong"
        ("Hatami", "United States", -1),  # "rejected as “baseless” the claims by the US"
        ("Rouhani", "Japan", 1),  # "appreciated Japan for dispatch of humanitarian aid"
        ("Kono", "Iran", 1),  # "praised Iran’s role in promoting regional peace"
        ("Abe", "Iran", 1),  # "describing Iran as an important country"
    ]:
        value = matrix.loc[(speaker, target), "stance"]
        assert (value > 0.05) if sign > 0 else (value < -0.05), (speaker, target, value)


def test_matrix_marks_thin_cells_and_gives_no_interval_below_three():
    rows = pd.DataFrame({"speaker": ["Kono"] * 4 + ["Abe"] * 2, "target": ["Iran"] * 4 + ["China"] * 2,
                         "role": ["verb", "tone", "tone", "tone", "verb", "verb"],
                         "statement_id": ["a:1", "a:2", "a:3", "a:3", "a:4", "a:5"],
                         "stance": [0.9, 0.3, 0.0, 0.2, -0.9, -0.7]})
    matrix = stance_matrix(rows).set_index(["speaker", "target"])
    kono, abe = matrix.loc[("Kono", "Iran")], matrix.loc[("Abe", "China")]
    assert kono["n"] == 3 and not kono["thin"] and kono["from_words"] == 1
    assert kono["stance"] == pytest.approx((0.9 + 0.3 + 0.1) / 3)  # one value per statement
    assert kono["ci_low"] <= kono["stance"] <= kono["ci_high"]
    assert abe["n"] == 2 and abe["thin"] and math.isnan(abe["ci_low"]) and math.isnan(abe["ci_high"])


@pytest.mark.parametrize(("sentence", "target", "expected"), [
    ("Japan praised Iran.", "Iran", StanceReading("verb", "praised", 0.9, False)),
    ("Japan did not praise Iran.", "Iran", StanceReading("verb", "praise", -0.45, True)),
    # another actor acts: the stance table asks who holds it, the reading judges the words alone
    ("Washington imposed sanctions on Tehran, Kono said.", "Tehran", StanceReading("act", "sanctions", -0.8, False)),
    ("Iran praised Japan.", "Iran", None),  # the target acts: no stance toward it
    ("The move angered Tehran.", "Tehran", None),  # no stance word
])
def test_stance_reading_judges_the_words_alone(sentence, target, expected):
    doc = parse_articles([nv.Article.from_text("a", sentence)], everything=True)[0]
    start = sentence.index(target)
    assert stance_reading(doc, start, start + len(target)) == expected


def test_lexicon_is_data_with_cameo_categories():
    lexicon = stance_lexicon()
    assert {"lemma", "pos", "patient", "agent", "cameo", "comment"} <= set(lexicon.columns)
    words = stance_words()
    assert words[("praise", "verb")].patient > 0 > words[("condemn", "verb")].patient
    assert words[("provocation", "noun")].patient is None and words[("provocation", "noun")].agent < 0
    assert all(w.cameo for w in words.values())
    assert not lexicon.duplicated(["lemma", "pos"]).any()
