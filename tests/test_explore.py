"""Exploring an actor (nv.explore) without a browser, and text made safe for Markdown sentences."""

from __future__ import annotations

import html

import pandas as pd
import pytest

import newsvoices as nv
from newsvoices.explore import ActorPage, actor_overview, actor_tables
from newsvoices.records import TABLE_COLUMNS, Analysis


@pytest.fixture(scope="module")
def analysis(seeds) -> Analysis:
    return nv.analyse(seeds, scheduler="serial", cache=False, progress=False)


def snippet(text: str, n: int = 40) -> str:
    """The first ``n`` characters of a text as the HTML tables write them."""
    return html.escape(" ".join(text.split())[:n], quote=False)


# ---------------------------------------------------------------- Markdown sentences


@pytest.mark.parametrize("value, expected", [
    ("<img src=x onerror=alert(1)>", r"&lt;img src=x onerror=alert\(1\)&gt;"),
    ("*Abe* and _Kono_", r"\*Abe\* and \_Kono\_"),
    ("$5 billion and $3 billion", r"\$5 billion and \$3 billion"),
    ("[a link](http://x)", r"\[a link\]\(http://x\)"),
    ("line one\n\n# not a heading", r"line one \# not a heading"),
    ("AT&T", "AT&amp;T"),
    (3, "3"),
])
def test_escape_markdown(value, expected):
    assert nv.escape_markdown(value) == expected


def test_escape_markdown_leaves_plain_words_alone():
    assert nv.escape_markdown("Rouhani told Abe that Iran’s doors are open") == "Rouhani told Abe that Iran’s doors are open"


# ---------------------------------------------------------------- the actors and their tables


def test_actor_overview_counts_what_the_tables_hold(analysis):
    overview = actor_overview(analysis)
    assert list(overview.columns) == ["actor", "statements", "mentions", "stance"]
    assert overview["actor"].is_unique
    speakers = set(analysis.statements["speaker"].dropna())
    assert speakers | set(analysis.mentions["actor"]) == set(overview["actor"])  # who speaks and who is spoken of
    row = overview.set_index("actor").loc["Rouhani"]
    assert row["statements"] == analysis.statements.loc[analysis.statements["speaker"] == "Rouhani", "statement_id"].nunique()
    assert row["mentions"] == (analysis.mentions["actor"] == "Rouhani").sum()
    total = overview["statements"] + overview["mentions"]
    assert total.is_monotonic_decreasing


def test_actor_tables_hold_only_that_actor(analysis):
    tables = actor_tables(analysis, "Rouhani")
    assert set(tables) == {"says", "spoken_of", "stance", "statements", "mentions"}
    said = analysis.statements[analysis.statements["speaker"] == "Rouhani"].drop_duplicates("statement_id")
    assert tables["statements"]["text"].tolist() == said["text"].tolist()
    assert tables["says"]["speaker"].tolist() == ["Rouhani"] and tables["says"]["n"].iloc[0] == len(said)
    assert tables["spoken_of"]["target"].tolist() == ["Rouhani"]
    assert tables["spoken_of"]["n"].iloc[0] == len(tables["mentions"]) > 0
    stance = tables["stance"]
    assert len(stance) and ((stance["speaker"] == "Rouhani") | (stance["target"] == "Rouhani")).all()
    tones = tables["mentions"]["tone"].abs().tolist()
    assert tones == sorted(tones, reverse=True)  # strongest first


def test_actor_tables_of_an_actor_who_never_speaks(analysis):
    silent = actor_overview(analysis).query("statements == 0 and mentions > 0")["actor"].iloc[0]
    tables = actor_tables(analysis, silent)
    assert tables["says"].empty and tables["statements"].empty  # no row: not "neutral"
    assert len(tables["mentions"]) == (analysis.mentions["actor"] == silent).sum()


def test_actor_tables_refuse_an_unknown_actor(analysis):
    with pytest.raises(KeyError, match="no actor 'Nobody'.*actors include"):
        actor_tables(analysis, "Nobody")


# ---------------------------------------------------------------- the widget


def test_explore_shows_the_chosen_actors_statements(analysis):
    box = nv.explore(analysis, interactive=True)
    menu, view = box.children
    assert type(menu).__name__ == "Dropdown" and type(view).__name__ == "HTML"
    assert list(menu.options)[0][1] == actor_overview(analysis)["actor"].iloc[0]
    assert {"Rouhani", "Abe", "Iran"} <= {value for _, value in menu.options}
    abe = analysis.statements.loc[analysis.statements["speaker"] == "Abe", "text"].tolist()
    rouhani = analysis.statements.loc[analysis.statements["speaker"] == "Rouhani", "text"].tolist()
    menu.value = "Abe"
    assert "<h3>Abe</h3>" in view.value
    assert all(snippet(text) in view.value for text in abe)
    menu.value = "Rouhani"
    assert "<h3>Rouhani</h3>" in view.value
    assert all(snippet(text) in view.value for text in rouhani)
    own = view.value.split("<h4>Its statements</h4>")[1].split("<h4>")[0]  # (stance rows show others' too)
    assert not any(snippet(text) in own for text in abe if text not in rouhani)


def test_explore_in_a_static_page_shows_the_first_actor(analysis, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_NO_PROGRESS", "1")  # as the report build sets it
    page = nv.explore(analysis)
    assert isinstance(page, ActorPage)
    first = actor_overview(analysis)["actor"].iloc[0]
    assert f"<h3>{first}</h3>" in page._repr_html_() and "JupyterLab" in repr(page)
    monkeypatch.delenv("NEWSVOICES_NO_PROGRESS")
    assert not isinstance(nv.explore(analysis), ActorPage)


def _tiny_analysis(text: str) -> Analysis:
    tables = {name: pd.DataFrame(columns=cols) for name, cols in TABLE_COLUMNS.items()}
    tables["statements"] = pd.DataFrame([{
        "statement_id": "a:1", "article": "a", "start": 0, "end": len(text), "text": text, "quote": None,
        "content": text, "mode": "direct", "cue": "said", "speaker": "Abe", "speaker_type": "person",
        "affiliation": "Japan", "resolved_by": "name", "source": None, "polarity": 0.5, "subjectivity": 0.5,
        "evidence": "good", "vader": 0.4, "disagree": False}])
    tables["mentions"] = pd.DataFrame([{"article": "a", "start": 0, "end": 3, "text": "Abe", "actor": "Abe",
                                        "actor_type": "person", "affiliation": "Japan", "kind": "name",
                                        "role": None, "tone": 0.0}])
    tables["sentences"] = pd.DataFrame([{"article": "a", "paragraph": 0, "sentence": 0, "start": 0,
                                         "end": len(text), "text": text, "polarity": 0.5, "subjectivity": 0.5}])
    return Analysis(**tables)


def test_explore_escapes_article_text():
    box = nv.explore(_tiny_analysis("Abe said <script>alert(1)</script> it was good."), interactive=True)
    view = box.children[1].value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view and "<script>" not in view
    page = nv.explore(_tiny_analysis("Abe said <b>bold</b>."), interactive=False)._repr_html_()
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<b>" not in page


def test_explore_with_no_actor():
    empty = Analysis(**{name: pd.DataFrame(columns=cols) for name, cols in TABLE_COLUMNS.items()})
    assert "No actor" in nv.explore(empty, interactive=False)._repr_html_()
    box = nv.explore(empty, interactive=True)
    assert box.children[0].value is None and "No actor" in box.children[1].value
