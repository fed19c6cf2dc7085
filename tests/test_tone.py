"""Tone: statement scores, tone by and toward actors with intervals, and the stance matrix."""

from __future__ import annotations

import json
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import newsvoices as nv  # noqa: E402
from newsvoices import tone as T  # noqa: E402
from newsvoices.records import TONE_COLUMNS  # noqa: E402
from newsvoices.scorers import assessments, textblob_scores, vader  # noqa: E402
from newsvoices.actors import Actor, ActorRegistry  # noqa: E402
from newsvoices.cli import main  # noqa: E402

from .conftest import SEEDS  # noqa: E402


def test_stance_matrix_lists_the_statements_behind_each_cell(seeds):
    matrix = nv.stance_matrix(nv.stance(seeds)).set_index(["speaker", "target"])
    cell = matrix.loc[("Kono", "Iran")]
    # "the Japanese defense chief praised Iran’s role": the one statement behind the cell
    assert "001_b9e567d11cea352e:10" in cell["statements"].split(";")
    assert cell["n"] == len(cell["statements"].split(";")) and cell["from_words"] >= 1
    assert cell["thin"] == (cell["n"] < 3)


def test_kono_is_spoken_of_and_speaks_positively_of_iran(seeds):
    scored = T.score_statements(nv.statements(seeds))
    kono = T.tone_by_actor(scored).set_index("speaker").loc["Kono"]
    assert kono["n"] == 5
    assert nv.stance_matrix(nv.stance(seeds)).set_index(["speaker", "target"]).loc[("Kono", "Iran"), "stance"] > 0


# ---------------------------------------------------------------- known answers on a tiny corpus

REGISTRY = ActorRegistry([Actor("Lee", "person", "Korea", (), (), "female"), Actor("Kim", "person", "Korea", (), (), "male")])


def tiny(*texts: str) -> nv.Corpus:
    return nv.Corpus([nv.Article.from_text(f"t{i}", t) for i, t in enumerate(texts)])


def test_tone_by_actor_mean_and_interval_on_known_values():
    # TextBlob: "excellent" 1.0, "good" 0.7, "bad" -0.7 (single-word assessments)
    corpus = tiny("Lee said the plan was excellent.", "Lee said the plan was good.",
                  "Lee said the plan was bad.", "Kim said the plan was good.")
    scored = T.score_statements(nv.statements(corpus, REGISTRY))
    assert scored.set_index("text").loc["Lee said the plan was excellent.", "polarity"] == pytest.approx(1.0)
    table = T.tone_by_actor(scored).set_index("speaker")
    lee = table.loc["Lee"]
    assert lee["n"] == 3
    assert lee["mean_polarity"] == pytest.approx((1.0 + 0.7 - 0.7) / 3)
    assert -0.7 <= lee["ci_low"] < lee["mean_polarity"] < lee["ci_high"] <= 1.0
    assert (lee["share_positive"], lee["share_negative"]) == pytest.approx((2 / 3, 1 / 3))
    kim = table.loc["Kim"]  # one statement: the interval is undefined, not zero-width
    assert kim["n"] == 1 and math.isnan(kim["ci_low"]) and math.isnan(kim["ci_high"])


def test_actor_never_quoted_is_not_listed_as_neutral(seeds):
    scored = T.score_statements(nv.statements(seeds))
    speakers = set(T.tone_by_actor(scored)["speaker"])
    assert "Trump" not in speakers  # mentioned once, never speaks
    toward = nv.tone_toward(seeds).set_index("target")
    assert toward.loc["Trump", "n"] == 1


def test_bootstrap_ci_is_reproducible_and_undefined_below_two():
    assert T.bootstrap_ci([0.3, 0.5, 0.1]) == T.bootstrap_ci([0.3, 0.5, 0.1])
    lo, hi = T.bootstrap_ci([0.0, 0.0, 1.0, 1.0])
    assert 0.0 <= lo < 0.5 < hi <= 1.0
    assert all(math.isnan(x) for x in T.bootstrap_ci([]))


def test_scores_evidence_and_scorer_disagreement(seeds):
    scored = T.score_statements(nv.statements(seeds))
    assert list(scored.columns[-5:]) == ["polarity", "subjectivity", "evidence", "vader", "disagree"]
    noted = scored[scored.text.str.startswith("To be rescued")].iloc[0]
    # TextBlob reads "deadly" (-0.2); VADER reads "rescued" and "cooperate" as positive
    assert noted["polarity"] < 0 < noted["vader"] and noted["disagree"]
    assert noted["evidence"] == "deadly -0.2"
    both_positive = scored[(scored.polarity > 0.05) & (scored.vader > 0.05)]
    assert not both_positive["disagree"].any()


def test_tone_words_and_toward(seeds):
    scored = T.score_statements(nv.statements(seeds))
    words = T.tone_words(scored)
    assert {"speaker", "word", "count", "polarity", "weight"} == set(words.columns)
    assert "illegal" in set(words[words.speaker == "Rouhani"]["word"])
    toward = nv.tone_toward(seeds)
    assert toward.iloc[0]["target"] == "Iran" and toward.iloc[0]["n"] >= 30
    per = nv.tone_toward(seeds, per_mention=True)
    assert (per["kind"] == "adjective").any() and per["sentence"].str.len().gt(0).all()


def test_empty_corpus_statements_give_empty_tables():
    corpus = tiny("The weather was fine.")
    scored = T.score_statements(nv.statements(corpus, ActorRegistry()))
    assert T.tone_by_actor(scored).empty and T.tone_words(scored).empty
    assert nv.stance_matrix(nv.stance(corpus, ActorRegistry())).empty


def test_cli_tone_by_stance_jsonl(capsys):
    assert main(["tone", str(SEEDS), "--by", "stance", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert set(rows[0]) == {"speaker", "target", "stance", "n", "thin"}
    cell = next(r for r in rows if r["speaker"] == "Hatami" and r["target"] == "United States")
    assert cell["stance"] < 0 and cell["n"] == 1


@pytest.mark.parametrize("by", ["speaker", "affiliation", "target"])
def test_cli_tone_other_views(capsys, by):
    assert main(["tone", str(SEEDS), "--by", by, "--format", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header.startswith("target," if by == "target" else f"{by},n,thin,mean_polarity")


def test_tone_charts_have_titles_labels_and_handle_empty(seeds):
    scored = T.score_statements(nv.statements(seeds))
    charts = [
        nv.plots.tone_by_actor_plot(T.tone_by_actor(scored)),
        nv.plots.tone_toward_plot(nv.tone_toward(seeds)),
        nv.plots.tone_scatter(scored),
        nv.plots.stance_heatmap(nv.stance_matrix(nv.stance(seeds))),
        nv.plots.tone_words_plot(T.tone_words(scored)),
        nv.plots.tone_by_actor_plot(T.tone_by_actor(scored.iloc[0:0])),
        nv.plots.stance_heatmap(pd.DataFrame(columns=["speaker", "target", "stance", "n"])),
    ]
    for ax in charts:
        assert ax.get_title()
    for ax in charts[:5]:
        assert ax.get_xlabel() and ax.get_ylabel()
    plt.close("all")


def test_bootstrap_matches_resampling_value_by_value_and_scales():
    """The multinomial form draws the same resample means as drawing values one by one."""
    import numpy as np

    rng = np.random.default_rng(1)
    sample = rng.choice([-0.5, 0.0, 0.0, 0.1, 0.4, 0.8], size=60)
    naive = rng.choice(sample, size=(4000, len(sample))).mean(axis=1)
    lo, hi = T.bootstrap_ci(sample)
    assert lo == pytest.approx(np.quantile(naive, 0.025), abs=0.02)
    assert hi == pytest.approx(np.quantile(naive, 0.975), abs=0.02)
    big = rng.choice(np.linspace(-1, 1, 41), size=100_000)  # one actor mentioned 100,000 times
    lo, hi = T.bootstrap_ci(big)
    half = 1.96 * big.std() / math.sqrt(len(big))
    assert lo == pytest.approx(big.mean() - half, abs=0.002) and hi == pytest.approx(big.mean() + half, abs=0.002)
    assert T.bootstrap_ci([0.3, 0.3, 0.3]) == (0.3, 0.3)


def test_tone_toward_keeps_missing_affiliations_as_nan():
    mentions = pd.DataFrame({"article": ["a", "a"], "start": [0, 10], "end": [4, 14], "text": ["Abe", "Kono"],
                             "actor": ["Abe", "Kono"], "affiliation": [None, None], "kind": ["name", "name"],
                             "tone": [0.0, 0.5]})
    sentences = pd.DataFrame({"article": ["a"], "start": [0], "end": [30], "text": ["Abe met Kono in a good mood."],
                              "polarity": [0.7], "subjectivity": [0.6]})
    out = T.tone_toward_tables(mentions, sentences)
    assert out["target"].tolist() == ["Abe", "Kono"] and out["affiliation"].isna().all()
    assert out["affiliation"].dtype == "float64"
    assert out["mean_tone"].tolist() == [0.0, 0.5] and out["mean_sentence_polarity"].tolist() == [0.7, 0.7]
    with pytest.raises(ValueError, match="tone"):
        T.tone_toward_tables(mentions.drop(columns=["tone"]), sentences)


def test_score_statements_uses_the_vader_compound(seeds):
    scored = T.score_statements(nv.statements(seeds))
    assert scored["vader"].tolist() == [vader(t) for t in T.said(scored)]
    row = scored[scored["content"].str.len() > 0].iloc[0]
    assert row["content"] in row["text"] and row["content"] != row["text"]  # the speaker's words, not the frame


def test_score_statements_on_an_empty_table_keeps_the_column_types():
    scored = T.score_statements(pd.DataFrame({"statement_id": [], "text": []}))
    assert list(scored.columns) == ["statement_id", "text", *TONE_COLUMNS]
    assert scored["disagree"].dtype == bool and scored["polarity"].dtype == float
    assert len(scored) == 0


# ---------------------------------------------------------------- aggregation on large tables


def _sentence_by_bisect(mentions: pd.DataFrame, sentences: pd.DataFrame) -> list[int]:
    """The sentence row of each mention, found the plain way (one article at a time)."""
    import bisect

    rows_of: dict[str, list[int]] = {}
    for k, article in enumerate(sentences["article"].tolist()):
        if isinstance(article, str):  # a sentence without an article id holds no mention
            rows_of.setdefault(article, []).append(k)
    for rows in rows_of.values():
        rows.sort(key=lambda k: int(sentences["start"].iloc[k]))  # by start, stable
    out = []
    for article, start in zip(mentions["article"].tolist(), mentions["start"].tolist()):
        rows = rows_of.get(article, []) if isinstance(article, str) else []
        starts = [int(sentences["start"].iloc[k]) for k in rows]
        i = bisect.bisect_right(starts, start) - 1
        out.append(rows[i] if i >= 0 and start < int(sentences["end"].iloc[rows[i]]) else -1)
    return out


def test_sentence_of_each_mention_equals_a_search_article_by_article():
    import random

    rng = random.Random(7)
    sentence_rows, mention_rows = [], []
    for article in ["b", "a", "c", "d"]:  # not in sorted order; "d" has no sentences
        position = rng.randrange(0, 5)
        for _ in range(rng.randrange(0, 6) if article != "d" else 0):
            length = rng.randrange(1, 30)
            sentence_rows.append((article, position, position + length))
            position += length + rng.randrange(0, 4)  # gaps between sentences
        for _ in range(8):
            mention_rows.append((article, rng.randrange(0, position + 10)))
    mention_rows += [("unknown", 3), (None, 3), (float("nan"), 3)]
    sentence_rows += [(None, 0, 50), (float("nan"), 0, 50)]  # ids missing on both sides never match
    rng.shuffle(sentence_rows)  # the table's order does not matter: sentences are taken by start
    sentences = pd.DataFrame(sentence_rows, columns=["article", "start", "end"])
    mentions = pd.DataFrame(mention_rows, columns=["article", "start"])
    expected = _sentence_by_bisect(mentions, sentences)
    assert T._sentence_of(mentions, sentences).tolist() == expected
    assert -1 in expected and any(k >= 0 for k in expected)  # both cases are exercised
    assert T._sentence_of(mentions.iloc[:0], sentences).tolist() == []
    assert T._sentence_of(mentions, sentences.iloc[:0]).tolist() == [-1] * len(mentions)


def test_tone_words_reads_the_evidence_column_back_exactly(seeds):
    scored = T.score_statements(nv.statements(seeds))
    for text, evidence in zip(T.said(scored), scored["evidence"]):
        assert assessments(text, evidence) == textblob_scores(text)[2]
    without = scored.drop(columns=["evidence"])
    pd.testing.assert_frame_equal(T.tone_words(without), T.tone_words(scored))
    # the stance table's evidence is that of a clause: its statements are scored again
    stance = nv.stance(seeds)
    assert len(stance) and "evidence" in stance.columns
    pd.testing.assert_frame_equal(T.tone_words(stance), T.tone_words(stance.drop(columns=["evidence"])))


def test_tone_by_actor_single_statement_groups_have_no_interval():
    scored = pd.DataFrame({"statement_id": [1, 2, 3], "article": ["a", "a", "b"], "speaker": ["X", "X", "X"],
                           "polarity": [0.5, -0.25, 0.125], "subjectivity": [0.5, 0.75, 0.25]})
    out = T.tone_by_actor(scored, per_article=True).set_index("article")
    assert out.loc["a", "n"] == 2 and out.loc["a", "mean_polarity"] == 0.125
    assert out.loc["b", "n"] == 1 and out.loc["b", "mean_polarity"] == 0.125
    assert out.loc["b", "mean_subjectivity"] == 0.25 and math.isnan(out.loc["b", "ci_low"])
    assert out.loc["b", "share_positive"] == 1.0


# ---------------------------------------------------------------- what must not move a statement's tone

#: Statements (content, speaker) whose score a name, a title or a neutral word must not move.
SAID = [
    ("the sanctions are illegal and cruel", "Rouhani"),
    ("the talks were good and very friendly", "Kono"),
    ("the plan is wrong", "Abe"),
    ("we will cooperate", "Hatami"),
]


def _said_scores(content: str, speaker: str) -> tuple[float, float]:
    table = pd.DataFrame({"statement_id": ["a:1"], "speaker": [speaker], "content": [content],
                          "text": [f"{speaker} said {content}."]})
    row = T.score_statements(table).iloc[0]
    return row["polarity"], row["vader"]


@pytest.mark.parametrize("content, speaker", SAID)
def test_neutral_words_titles_and_names_do_not_move_a_statements_tone(content, speaker):
    from newsvoices.lexicons import word_set

    base = _said_scores(content, speaker)
    words = sorted(word_set("neutral_words.csv")) + ["Foreign Minister", "President", "Senator", "Dr."]
    names = ["Shinzo Abe", "the United States", "Grand Ethiopian Renaissance Dam", "Hope Hicks", "Iran"]
    for word in words:
        for variant in (f"the {word} {content}", f"{content}, said the {word}"):
            assert _said_scores(variant, speaker) == base, (word, variant)
    for name in names:
        assert _said_scores(f"{content}, {name} said", speaker) == base, name
    assert _said_scores(content, "Someone Else") == base  # the speaker's name is not the point either


def test_an_opinion_word_does_move_a_statements_tone():
    base = _said_scores("the plan is wrong", "Abe")
    assert _said_scores("the plan is wrong and dangerous", "Abe")[0] != base[0]
