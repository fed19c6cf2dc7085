"""Charts: one colour-blind-safe palette, labels that never overlap, names with their capitals,
and the timeline of statements and tone per actor."""

from __future__ import annotations

import datetime as dt
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex, to_rgba  # noqa: E402

import newsvoices as nv  # noqa: E402
from newsvoices import plots as P  # noqa: E402
from newsvoices import tone as T  # noqa: E402
from newsvoices import words as W  # noqa: E402
from newsvoices.actors import Actor, ActorRegistry  # noqa: E402

OKABE_ITO = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#000000"}
#: What a chart may paint data with besides the palette: the grey of "others", black rules, white edges.
ALLOWED = OKABE_ITO | {"#999999", "#ffffff"}
MAPS = {"Blues", "newsvoices_tone"}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# ---------------------------------------------------------------- what the checks read


def painted(ax) -> list[str]:
    """Every colour the data of ``ax`` is painted with (bars, markers, lines), as hex, skipping
    what is transparent."""
    colours = []

    def add(rgba):
        rgba = to_rgba(rgba)
        if rgba[3] > 0:
            colours.append(to_hex(rgba, keep_alpha=False))

    for patch in ax.patches:
        add(patch.get_facecolor())
    for collection in ax.collections:
        for rgba in [*collection.get_facecolors(), *collection.get_edgecolors()]:
            add(rgba)
    for line in ax.lines:
        add(line.get_color())
        if line.get_marker() not in (None, "None", ""):
            add(line.get_markerfacecolor())
    return colours


def overlaps(ax) -> list[tuple[str, str]]:
    """Tick labels (and names written above the chart) drawn over one another, measured on the
    Agg canvas: each label's window extent against every other's."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    groups = []
    for axis in (ax.xaxis, ax.yaxis):
        low, high = sorted(axis.get_view_interval())
        groups.append([t.label1 for t in axis.get_major_ticks()
                       if low - 1e-9 <= t.get_loc() <= high + 1e-9 and t.label1.get_visible() and t.label1.get_text()])
    groups.append([t for t in ax.texts if t.get_text() and not frame.contains(*centre(t.get_window_extent(renderer)))])
    found = []
    for texts in groups:
        boxes = [t.get_window_extent(renderer).padded(-0.5) for t in texts]
        found += [(texts[i].get_text(), texts[j].get_text()) for i in range(len(texts))
                  for j in range(i + 1, len(texts)) if boxes[i].overlaps(boxes[j])]
    return found


def centre(box) -> tuple[float, float]:
    return ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)


def labels(ax, axis: str = "y") -> list[str]:
    return [t.get_text() for t in getattr(ax, f"get_{axis}ticklabels")()]


def test_the_checks_catch_what_they_look_for():
    """A crowded chart in the default colours fails both checks."""
    _, ax = plt.subplots(figsize=(4, 1))
    ax.barh([f"a rather long label {i}" for i in range(12)], range(12), color="tab:red")
    ax.plot([0, 1], [0, 1], color="tab:green")
    assert overlaps(ax) and P.label_overlaps(ax)
    assert {"#d62728", "#2ca02c"} <= set(painted(ax)) and not set(painted(ax)) <= ALLOWED


# ---------------------------------------------------------------- palette


def test_palette_is_okabe_ito_and_the_style_cycles_through_it():
    assert {c.lower() for c in P.PALETTE} == OKABE_ITO and len(P.PALETTE) == 8
    assert (P.POSITIVE, P.NEGATIVE) == ("#0072B2", "#D55E00")
    assert P.STYLE["axes.prop_cycle"].by_key()["color"] == list(P.PALETTE)
    with plt.rc_context(P.STYLE):
        _, ax = plt.subplots()
        lines = [ax.plot([0, 1], [k, k])[0] for k in range(3)]
    assert [to_hex(line.get_color()).upper() for line in lines] == list(P.PALETTE[:3])
    _, ax = plt.subplots()  # outside the style: matplotlib's own default, untouched
    assert to_hex(ax.plot([0, 1])[0].get_color()) == "#1f77b4"
    assert to_hex(P.TONE_CMAP(0.0), keep_alpha=False) == "#d55e00"
    assert to_hex(P.TONE_CMAP(1.0), keep_alpha=False) == "#0072b2"


@pytest.fixture(scope="module")
def seed_tables(seeds):
    analysis = nv.analyse(seeds)
    scored = analysis.statements
    return {
        "analysis": analysis,
        "scored": scored,
        "summary": nv.speaker_summary(scored),
        "by_speaker": nv.tone_by_actor(scored),
        "words": nv.tone_words(scored),
        "matrix": nv.stance_matrix(analysis.stance),
        "toward": nv.tone_toward_tables(analysis.mentions, analysis.sentences),
        "voices": nv.speaks_vs_mentioned(scored, analysis.mentions),
        "timeline": nv.timeline(scored, analysis.articles),
        "forms": P.surface_forms(W.tokens(seeds)),
    }


def seed_charts(seeds, t) -> dict:
    terms = ["Iran", "Japan", "Strait of Hormuz"]
    return {
        "article_lengths": P.article_lengths(seeds.to_frame()),
        "top_terms": P.top_terms(W.term_frequencies(t["analysis"]), forms=t["forms"]),
        "top_phrases": P.top_terms(W.term_frequencies(t["analysis"], ngram=3), forms=t["forms"]),
        "terms_by_article": P.terms_by_article(W.term_frequencies(t["analysis"], by="article"), forms=t["forms"]),
        "keyness_bars": P.keyness_bars(W.keyness(t["analysis"]), forms=t["forms"]),
        "dispersion_plot": P.dispersion_plot(W.dispersion(seeds, terms), terms=terms, articles=seeds.to_frame()),
        "statements_by_article": P.statements_by_article(t["scored"]),
        "mode_share": P.mode_share(t["summary"]),
        "speaks_vs_mentioned_plot": P.speaks_vs_mentioned_plot(t["voices"]),
        "tone_by_actor_plot": P.tone_by_actor_plot(t["by_speaker"]),
        "tone_toward_plot": P.tone_toward_plot(t["toward"]),
        "tone_scatter": P.tone_scatter(t["scored"]),
        "stance_heatmap": P.stance_heatmap(t["matrix"]),
        "tone_words_plot": P.tone_words_plot(t["words"]),
        "timeline_plot": P.timeline_plot(t["timeline"]),
    }


def test_every_chart_on_the_seeds_paints_with_the_palette(seeds, seed_tables):
    charts = seed_charts(seeds, seed_tables)
    for name, ax in charts.items():
        for axes in ax.figure.axes:
            if axes.get_label() == "<colorbar>":
                continue
            colours = painted(axes)
            assert set(colours) <= ALLOWED, f"{name}: {set(colours) - ALLOWED}"
            for image in axes.images:
                assert image.get_cmap().name in MAPS, name
    # the categorical charts really use several palette colours, not one blue everywhere
    scatter = charts["tone_scatter"]
    speakers = [c for c in scatter.collections if c.get_label() != "others"]
    faces = [to_hex(c.get_facecolors()[0], keep_alpha=False).upper() for c in speakers]
    assert faces == list(P.PALETTE[:len(speakers)])
    assert len({c.get_paths()[0].vertices.tobytes() for c in speakers}) == len(speakers)  # one marker shape each
    lanes = charts["dispersion_plot"].collections[:3]
    assert [to_hex(c.get_edgecolors()[0], keep_alpha=False).upper() for c in lanes] == list(P.PALETTE[:3])


def test_tone_bars_are_blue_for_positive_and_vermillion_for_negative():
    frame = pd.DataFrame({"speaker": ["Warm", "Cold", "Flat"], "n": [4, 4, 4], "thin": [False] * 3,
                          "mean_polarity": [0.4, -0.3, 0.0], "ci_low": [0.1, -0.5, -0.1], "ci_high": [0.6, -0.1, 0.1]})
    ax = P.tone_by_actor_plot(frame)
    by_label = dict(zip(labels(ax), (to_hex(p.get_facecolor(), keep_alpha=False) for p in ax.patches)))
    assert by_label == {"Warm": "#0072b2", "Cold": "#d55e00", "Flat": "#999999"}


# ---------------------------------------------------------------- no overlapping labels


def test_no_chart_on_the_seeds_has_overlapping_labels(seeds, seed_tables):
    for name, ax in seed_charts(seeds, seed_tables).items():
        for axes in ax.figure.axes:
            assert overlaps(axes) == [], name


LONG = ["International Atomic Energy Agency", "Japanese Defense Ministry",
        "Iranian Foreign Ministry spokesman Abbas Mousavi", "United Nations Security Council",
        "Supreme Leader Ayatollah Ali Khamenei", "Organisation of the Petroleum Exporting Countries",
        "European Union foreign policy chief", "Islamic Revolutionary Guard Corps",
        "Gulf Cooperation Council Secretary General", "Ministry of Economy, Trade and Industry",
        "Chief Cabinet Secretary Yoshihide Suga", "Iranian Foreign Minister Mohammad Javad Zarif"]
ARTICLES = [f"{k:03d}_a_long_article_identifier_{k}" for k in range(12)]


def long_name_charts() -> dict:
    """Every chart with category labels, fed tables whose names are long (twelve actors)."""
    rng = np.random.default_rng(7)
    n = len(LONG)
    statements = pd.DataFrame({
        "statement_id": [f"{ARTICLES[k % 12]}:{k}" for k in range(60)],
        "article": [ARTICLES[k % 12] for k in range(60)],
        "speaker": [LONG[k % n] for k in range(60)],
        "polarity": rng.uniform(-1, 1, 60), "subjectivity": rng.uniform(0, 1, 60),
    })
    summary = pd.DataFrame({"speaker": LONG, "statements": range(n, 0, -1), "direct": [1] * n,
                            "indirect": range(n - 1, -1, -1)})
    tone = pd.DataFrame({"speaker": LONG, "n": [5] * n, "thin": [False] * n, "mean_polarity": np.linspace(-0.8, 0.8, n),
                         "ci_low": np.linspace(-0.9, 0.7, n), "ci_high": np.linspace(-0.7, 0.9, n)})
    toward = tone.rename(columns={"speaker": "target", "mean_polarity": "mean_tone"})
    matrix = pd.DataFrame([(a, b, 0.5 - (i + j) % 3 * 0.5, 1 + (i * j) % 4) for i, a in enumerate(LONG[:8])
                           for j, b in enumerate(LONG[4:]) if a != b], columns=["speaker", "target", "stance", "n"])
    words = pd.DataFrame([(a, w, 2, pol, 2 * pol) for a in LONG[:6]
                          for w, pol in (("unprecedented", -0.6), ("constructive", 0.5), ("illegal", -0.5))],
                         columns=["speaker", "word", "count", "polarity", "weight"])
    voices = pd.DataFrame({"actor": LONG, "statements": range(n), "mentions": range(n, 0, -1)})
    phrases = pd.DataFrame({"term": [name.lower() for name in LONG], "count": range(30, 30 - n, -1),
                            "per_1000": np.linspace(5, 1, n)})
    by_article = pd.DataFrame([(a, t.lower(), 3, 1.5) for a in ARTICLES[:9] for t in LONG[:10]],
                              columns=["article", "term", "count", "per_1000"])
    key = pd.DataFrame([(a, t.lower(), 5, 1, 9.0 - k, 2.0) for a in ARTICLES[:4] for k, t in enumerate(LONG[:4])],
                       columns=["article", "term", "count", "rest_count", "log_likelihood", "log_ratio"])
    lengths = pd.DataFrame({"id": ARTICLES, "words": range(100, 1300, 100), "sentences": [5] * 12})
    # five short articles first: their names above the dispersion chart start close together
    dispersed = pd.DataFrame({"id": ARTICLES[:8], "words": [40, 40, 40, 40, 40, 3000, 2000, 2500]})
    hits = pd.DataFrame({"term": [LONG[0], LONG[2]], "article": ARTICLES[:2], "position": [3, 5],
                         "corpus_position": [3, 45]})
    periods = pd.date_range("2020-01-06", periods=10, freq="D")
    timeline = pd.DataFrame([(p, a, 1 + (i + k) % 3, 0.1 * (k % 5) - 0.2, (1 + (i + k) % 3) < 3)
                             for i, a in enumerate(LONG[:6]) for k, p in enumerate(periods)],
                            columns=nv.tone.TIMELINE_COLUMNS)
    timeline.attrs.update(freq="day", undated_articles=0)
    return {
        "article_lengths": P.article_lengths(lengths),
        "top_terms": P.top_terms(phrases, n=n),
        "terms_by_article": P.terms_by_article(by_article, n=10),
        "keyness_bars": P.keyness_bars(key, n=4),
        "dispersion_plot": P.dispersion_plot(hits, terms=LONG[:3], articles=dispersed),
        "statements_by_article": P.statements_by_article(statements, top=n, top_articles=12),
        "mode_share": P.mode_share(summary),
        "speaks_vs_mentioned_plot": P.speaks_vs_mentioned_plot(voices),
        "tone_by_actor_plot": P.tone_by_actor_plot(tone),
        "tone_toward_plot": P.tone_toward_plot(toward),
        "stance_heatmap": P.stance_heatmap(matrix),
        "tone_words_plot": P.tone_words_plot(words),
        "timeline_plot": P.timeline_plot(timeline),
    }


def test_no_chart_with_long_names_has_overlapping_labels():
    for name, ax in long_name_charts().items():
        for axes in ax.figure.axes:
            assert overlaps(axes) == [], name
            assert P.label_overlaps(axes) == [], name


def test_long_names_are_wrapped_not_cut_and_rows_make_the_figure_taller():
    ax = long_name_charts()["tone_words_plot"]
    shown = labels(ax)
    assert "Iranian Foreign Ministry\nspokesman Abbas Mousavi" in shown  # wrapped on two lines, whole
    assert ax.figure.get_figheight() >= 0.3 * len(shown)
    few = P.tone_words_plot(pd.DataFrame({"speaker": ["Abe"], "word": ["good"], "count": [1], "polarity": [0.7],
                                          "weight": [0.7]}))
    assert few.figure.get_figheight() < ax.figure.get_figheight()


def test_dispersion_names_of_articles_starting_together_are_lifted_apart():
    ax = long_name_charts()["dispersion_plot"]
    names = [t for t in ax.texts if t.get_text().startswith("00")]
    assert len(names) == 8
    assert len({t.xyann[1] for t in names}) >= 2  # at least two rows of names


def test_an_axes_handed_in_keeps_its_size_and_gets_smaller_labels():
    fig, ax = plt.subplots(figsize=(6, 2.5))
    summary = pd.DataFrame({"speaker": LONG, "statements": [2] * 12, "direct": [1] * 12, "indirect": [1] * 12})
    P.mode_share(summary, ax=ax)
    assert tuple(fig.get_size_inches()) == (6, 2.5)
    assert min(t.get_fontsize() for t in ax.get_yticklabels()) < 10


# ---------------------------------------------------------------- names keep their case


def test_surface_forms_give_names_their_capitals(seeds):
    forms = P.surface_forms(W.tokens(seeds))
    assert forms["abe"] == "Abe" and forms["rouhani"] == "Rouhani" and forms["iran"] == "Iran"
    assert forms["hormuz"] == "Hormuz" and forms["japan"] == "Japan"
    # common words stay as counted, even those that open a sentence somewhere
    assert "sanctions" not in forms and "officials" not in forms and "the" not in forms
    assert "US" not in forms  # an acronym is counted as it is written


def test_surface_forms_ignore_the_capital_of_a_first_word_and_break_ties_to_lower_case():
    t = pd.DataFrame({"article": ["a"] * 7, "sentence": [0, 0, 1, 1, 2, 2, 2], "position": range(7),
                      "token": ["Oil", "Kono", "Kono", "oil", "Talks", "Talks", "talks"],
                      "norm": ["oil", "kono", "kono", "oil", "talks", "talks", "talks"]})
    # "Oil" opens a sentence (left out), "Kono" opens one but also stands inside one;
    # "Talks" opens one, then one inside capitalised and one lower-case: a tie, lower case wins
    assert P.surface_forms(t) == {"kono": "Kono"}
    alone = pd.DataFrame({"article": ["a"], "sentence": [0], "position": [0], "token": ["Tehran"], "norm": ["tehran"]})
    assert P.surface_forms(alone) == {"tehran": "Tehran"}  # only ever first: its capital is all we know
    assert P.surface_forms(t.iloc[0:0]) == {}


def test_term_charts_show_names_as_written_and_only_with_forms(seeds, seed_tables):
    freq = W.term_frequencies(seed_tables["analysis"])
    with_forms = labels(P.top_terms(freq, n=20, forms=seed_tables["forms"]))
    plain = labels(P.top_terms(freq, n=20))
    assert "Rouhani" in with_forms and "Iran" in with_forms and "Japan" in with_forms
    assert "rouhani" in plain and "Rouhani" not in plain  # without forms: the terms as counted
    assert [s.lower() for s in with_forms] == [s.lower() for s in plain]  # the same terms, only their case differs
    trigrams = labels(P.top_terms(W.term_frequencies(seed_tables["analysis"], ngram=3), forms=seed_tables["forms"]))
    assert "Strait of Hormuz" in trigrams
    key = labels(P.keyness_bars(W.keyness(seed_tables["analysis"]), n=10, forms=seed_tables["forms"]))
    assert "Rouhani" in key and "rouhani" not in key


def test_actor_names_keep_their_case_in_the_tone_charts(seed_tables):
    words = seed_tables["words"]
    ax = P.tone_words_plot(words, top=6)
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    weight = words.assign(w=words["weight"].abs()).groupby("speaker")["w"].sum().sort_values(ascending=False)
    assert sorted(bold) == sorted(weight.index[:6])
    assert "Rouhani" in bold and "rouhani" not in labels(ax)
    timeline = P.timeline_plot(seed_tables["timeline"])
    assert "Rouhani" in [t.get_text() for t in timeline.get_legend().get_texts()]


# ---------------------------------------------------------------- timeline

STATEMENTS = pd.DataFrame({
    "statement_id": ["a:1", "a:2", "b:1", "c:1", "d:1", "c:2", "c:3"],
    "article": ["a", "a", "b", "c", "d", "c", "c"],
    "speaker": ["Lee", "Lee", "Kim", "Lee", "Kim", None, "Lee"],
    "affiliation": ["Korea", "Korea", "Korea", "Korea", "Korea", None, "Korea"],
    "polarity": [0.5, 0.1, 0.2, -0.4, 0.9, 0.3, 0.0],
})
# a Monday, the Wednesday after, the Monday two weeks on, and an article without a date
DATED = pd.DataFrame({"id": ["a", "b", "c", "d"],
                      "date": pd.to_datetime(["2020-01-06", "2020-01-08", "2020-01-20", None])})


def test_timeline_counts_statements_per_day_on_known_dates():
    table = nv.timeline(STATEMENTS, DATED)
    assert list(table.columns) == ["period", "actor", "n", "mean_polarity", "thin"]
    assert table.attrs == {"freq": "day", "dated_articles": 3, "undated_articles": 1, "undated_statements": 1}
    assert len(table) == 2 * 15  # every day from the 6th to the 20th, for each of the two actors
    assert table["actor"].drop_duplicates().tolist() == ["Lee", "Kim"]  # most statements first
    cell = table.set_index(["actor", "period"])
    lee = cell.loc[("Lee", pd.Timestamp("2020-01-06"))]
    assert lee["n"] == 2 and lee["mean_polarity"] == pytest.approx(0.3) and lee["thin"]
    assert cell.loc[("Lee", pd.Timestamp("2020-01-20")), "n"] == 2  # c:1 and c:3; c:2 has no speaker
    assert cell.loc[("Lee", pd.Timestamp("2020-01-20")), "mean_polarity"] == pytest.approx(-0.2)
    silent = cell.loc[("Lee", pd.Timestamp("2020-01-07"))]
    assert silent["n"] == 0 and math.isnan(silent["mean_polarity"]) and silent["thin"]
    assert table["n"].sum() == 5  # d:1 is undated, c:2 has no speaker


def test_timeline_by_week_and_month_and_top():
    weekly = nv.timeline(STATEMENTS, DATED, freq="week")
    assert weekly["period"].drop_duplicates().dt.strftime("%Y-%m-%d").tolist() == ["2020-01-06", "2020-01-13",
                                                                                  "2020-01-20"]
    assert weekly.groupby("actor", sort=False)["n"].apply(list).to_dict() == {"Lee": [2, 0, 2], "Kim": [1, 0, 0]}
    monthly = nv.timeline(STATEMENTS, DATED, freq="month")
    assert monthly[["actor", "n"]].values.tolist() == [["Lee", 4], ["Kim", 1]]
    assert monthly["period"].tolist() == [pd.Timestamp("2020-01-01")] * 2
    assert nv.timeline(STATEMENTS, DATED, top=1)["actor"].unique().tolist() == ["Lee"]
    by_side = nv.timeline(STATEMENTS, DATED, by="affiliation", freq="month")
    assert by_side[["actor", "n"]].values.tolist() == [["Korea", 5]]


@pytest.mark.parametrize("days, freq", [(0, "day"), (31, "day"), (32, "week"), (182, "week"), (183, "month"),
                                        (900, "month")])
def test_timeline_chooses_its_period_from_the_date_span(days, freq):
    start = pd.Timestamp("2019-12-20")
    assert T.timeline_frequency([start, start + pd.Timedelta(days=days)]) == freq
    articles = pd.DataFrame({"id": ["a", "b"], "date": [start, start + pd.Timedelta(days=days)]})
    statements = pd.DataFrame({"statement_id": ["a:1", "b:1"], "article": ["a", "b"], "speaker": ["Lee", "Lee"],
                               "polarity": [0.1, 0.2]})
    assert nv.timeline(statements, articles).attrs["freq"] == freq


def test_timeline_refuses_what_it_cannot_read():
    with pytest.raises(ValueError, match="freq is 'year': use 'day', 'week' or 'month'"):
        nv.timeline(STATEMENTS, DATED, freq="year")
    with pytest.raises(ValueError, match="no 'date' column: pass corpus.to_frame"):
        nv.timeline(STATEMENTS, DATED.drop(columns="date"))
    with pytest.raises(ValueError, match="no 'target' column"):
        nv.timeline(STATEMENTS, DATED, by="target")


def test_timeline_of_undated_articles_is_empty_and_says_why():
    undated = DATED.assign(date=pd.NaT)
    table = nv.timeline(STATEMENTS, undated)
    assert table.empty and list(table.columns) == nv.tone.TIMELINE_COLUMNS
    assert table.attrs == {"freq": None, "dated_articles": 0, "undated_articles": 4,
                           "undated_statements": 6}  # c:2 has no speaker
    ax = P.timeline_plot(table)
    note = " ".join(t.get_text() for t in ax.texts)
    assert "No dated statements: 4 articles carry no date" in note and "date 2019-12-20" in note
    assert ax.get_title() and not ax.lines
    nobody = nv.timeline(STATEMENTS.iloc[0:0], DATED)
    assert nobody.empty and nobody.attrs["undated_articles"] == 1
    assert "No attributed statements in the 3 dated articles" in " ".join(t.get_text()
                                                                         for t in P.timeline_plot(nobody).texts)


def test_timeline_through_the_real_pipeline_on_a_dated_corpus():
    registry = ActorRegistry([Actor("Lee", "person", "Korea", (), (), "female"),
                              Actor("Kim", "person", "Korea", (), (), "male")])
    corpus = nv.Corpus([
        nv.Article.from_text("t0", "Lee said the plan was excellent.", date=dt.date(2020, 3, 2)),
        nv.Article.from_text("t1", "Lee said the plan was bad.", date=dt.date(2020, 3, 4)),
        nv.Article.from_text("t2", "Kim said the plan was good.", date="2020-03-04"),
        nv.Article.from_text("t3", "Kim said the talks were good."),
    ])
    table = nv.timeline(nv.score_statements(nv.statements(corpus, registry)), corpus)  # the Corpus itself
    assert table.attrs["undated_articles"] == 1 and table.attrs["undated_statements"] == 1
    cell = table.set_index(["actor", "period"])
    assert cell.loc[("Lee", pd.Timestamp("2020-03-02")), "mean_polarity"] == pytest.approx(1.0)  # "excellent"
    assert cell.loc[("Lee", pd.Timestamp("2020-03-04")), "mean_polarity"] == pytest.approx(-0.7)  # "bad"
    assert cell.loc[("Kim", pd.Timestamp("2020-03-04")), "n"] == 1
    assert cell.loc[("Kim", pd.Timestamp("2020-03-03")), "n"] == 0


def test_timeline_on_the_seeds(seeds, seed_tables):
    dates = seeds.to_frame().set_index("id")["date"]
    assert dates.notna().sum() == 1 and dates["002_51685c235f0e8719"] == pd.Timestamp("2019-12-20")
    table = seed_tables["timeline"]
    assert table.attrs["undated_articles"] == 2 and table.attrs["freq"] == "day"
    assert set(table["period"]) == {pd.Timestamp("2019-12-20")}
    scored = seed_tables["scored"]
    in_002 = scored[scored["article"] == "002_51685c235f0e8719"].dropna(subset=["speaker"])
    expected = in_002.drop_duplicates(["statement_id", "speaker"]).groupby("speaker").size()
    assert table.set_index("actor")["n"].to_dict() == expected.to_dict()
    assert table.attrs["undated_statements"] == 29
    # the most quoted in the dated article, then the others by count and name, with their case
    assert table[["actor", "n"]].values.tolist() == [
        ["Japanese official (anonymous)", 5], ["Abe", 2], ["Iran", 2], ["Iranian officials", 2], ["Rouhani", 2],
        ["Japanese officials", 1], ["United States", 1]]
    assert table.set_index("actor").loc["Rouhani", "mean_polarity"] == pytest.approx(0.335)


def test_timeline_plot_draws_counts_and_tone_in_the_palette():
    table = nv.timeline(STATEMENTS, DATED, freq="week")
    ax = P.timeline_plot(table)
    counts, tone = ax.figure.axes[:2]
    assert counts is ax
    assert [line.get_ydata().tolist() for line in counts.lines] == [[2, 0, 2], [1, 0, 0]]
    assert [to_hex(line.get_color()).upper() for line in counts.lines] == list(P.PALETTE[:2])
    assert [line.get_marker() for line in counts.lines] == list(P.MARKERS[:2])
    # tone: every point is thin (fewer than three statements), so every marker is hollow
    points = [c for c in tone.collections if len(c.get_offsets())]
    assert sum(len(c.get_offsets()) for c in points) == 3
    assert all(to_rgba(face)[3] == 0 for c in points for face in c.get_facecolors())
    assert {to_hex(edge, keep_alpha=False).upper() for c in points for edge in c.get_edgecolors()} == set(P.PALETTE[:2])
    assert "Week" in tone.get_xlabel() and "1 undated article left out" in tone.get_xlabel()
    assert tone.get_ylim() == (-1.05, 1.05)
    only_counts = plt.subplots()[1]
    assert P.timeline_plot(table, ax=only_counts) is only_counts and len(only_counts.figure.axes) == 1
    assert len(P.timeline_plot(table, top=1).lines) == 1


def test_timeline_is_exported():
    assert nv.timeline is T.timeline and "timeline" in nv.__all__
    assert "timeline_plot" in P.__all__ and "surface_forms" in P.__all__ and "label_overlaps" in P.__all__
