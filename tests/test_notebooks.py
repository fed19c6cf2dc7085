"""The notebooks as files (thin, without outputs) and as run on a corpus of their user's own.

``tests/data/indus_talks`` is three articles written for these tests (fictional India–Pakistan
talks on the Indus Waters Treaty, about 320 words each, with quotes, reported speech and an
anonymous source) that never use the sample's words: Iran, Japan, US, sanctions, oil, peace. A
notebook still tuned to the sample would say "'Iran' does not occur" on it.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from .conftest import DATA, NOTEBOOKS

INDUS = DATA / "indus_talks"
PATHS = sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))
NAMES = [p.stem for p in PATHS]


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell) -> str:
    return "".join(cell["source"])


# ---------------------------------------------------------------- the files


@pytest.mark.parametrize("path", PATHS, ids=NAMES)
def test_committed_without_outputs_every_cell_with_an_id(path):
    nb = cells(path)
    ids = [c.get("id") for c in nb]
    assert all(ids) and len(set(ids)) == len(ids)
    for c in nb:
        if c["cell_type"] == "code":
            assert c["outputs"] == [] and c["execution_count"] is None, c["id"]


@pytest.mark.parametrize("path", PATHS, ids=NAMES)
def test_thin_notebooks(path):
    code = [c for c in cells(path) if c["cell_type"] == "code"]
    assert not [c["id"] for c in code if re.search(r"^\s*(def |class |[!%]pip)", source(c), re.M)]
    imports = source(code[0])
    assert "from IPython.display import Markdown" in imports and "import newsvoices as nv" in imports
    assert not [c["id"] for c in code[1:] if re.search(r"^(import|from) ", source(c), re.M)], "imports outside the imports cell"


@pytest.mark.parametrize("path", PATHS, ids=NAMES)
def test_interpretations_are_markdown_not_print(path):
    printing = [c["id"] for c in cells(path) if c["cell_type"] == "code" and "print(" in source(c)]
    # the keyword-in-context listing is the only printed output: aligned lines of evidence, not sentences
    assert printing == (["cell-25"] if path.stem == "01_word_frequency" else [])


def test_terms_are_picked_from_the_corpus_by_default():
    params = next(c for c in cells(NOTEBOOKS / "01_word_frequency.ipynb") if "parameters" in c["metadata"].get("tags", []))
    assert re.search(r"^TERMS = None\b", source(params), re.M)
    assert "Iran" not in source(params).split("TERMS = None")[1].split("\n")[0].split("#")[0]


def test_the_explorer_closes_the_tone_notebook():
    nb = cells(NOTEBOOKS / "03_tone_by_actor.ipynb")
    at = next(i for i, c in enumerate(nb) if source(c).strip() == "nv.explore(analysis)")
    assert source(nb[at - 1]).startswith("## 4. Explore an actor")
    assert source(nb[at + 1]).startswith("## Summary")


# ---------------------------------------------------------------- executed on a corpus of one's own


def execute(name: str, tmp_path, monkeypatch, **parameters) -> dict:
    import papermill as pm

    tables = tmp_path / "tables"
    monkeypatch.setenv("NEWSVOICES_TABLES_DIR", str(tables))  # show_table writes each full table as CSV
    monkeypatch.setenv("NEWSVOICES_TABLES_URL", "tables")
    out = tmp_path / f"{name}.ipynb"
    pm.execute_notebook(str(NOTEBOOKS / f"{name}.ipynb"), str(out), parameters=parameters, cwd=str(NOTEBOOKS),
                        progress_bar=False, log_output=False, kernel_name="python3",
                        extra_arguments=["--log-level=CRITICAL"])
    return json.loads(out.read_text(encoding="utf-8"))


def outputs(nb: dict, cell_id: str | None = None, mime: str | None = None) -> str:
    """Every output text of the notebook (or of one cell), of one MIME type or all."""
    texts = []
    for cell in nb["cells"]:
        if cell_id is not None and cell["id"] != cell_id:
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                texts.append("".join(out["text"]) if mime in (None, "stream") else "")
            for kind, data in out.get("data", {}).items():
                if mime in (None, kind):
                    texts.append("".join(data) if isinstance(data, list) else json.dumps(data))
    return "\n".join(texts)


@pytest.fixture(scope="module")
def indus_runs(tmp_path_factory):
    monkeypatch = pytest.MonkeyPatch()
    runs = {}
    try:
        for name in NAMES:
            runs[name] = execute(name, tmp_path_factory.mktemp(name), monkeypatch, CORPUS=str(INDUS))
    finally:
        monkeypatch.undo()
    return runs


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_no_notebook_searches_the_samples_words(indus_runs, name):
    nb = indus_runs[name]
    text = outputs(nb)
    assert "does not occur" not in text
    assert not [c["id"] for c in nb["cells"] for o in c.get("outputs", []) if o.get("name") == "stderr"
                or o.get("output_type") == "error"]
    assert "Iran" not in outputs(nb, mime="text/markdown")


@pytest.mark.slow
def test_the_word_notebook_follows_the_corpus_own_terms(indus_runs):
    nb = indus_runs["01_word_frequency"]
    said = outputs(nb, "terms-01", "text/markdown")
    assert said.startswith("The sections below follow 6 term(s), picked from the corpus")
    for term in ("Mehra", "Qureshi", "Pakistan"):  # its two ministers and Pakistan (see test_words)
        assert f"“{term}”" in said
    counts = outputs(nb, "cell-26", "text/html")
    for cell in (r"<th[^>]*>term</th>", r"<td[^>]*>Mehra</td>", r"<td[^>]*>Pakistan</td>"):
        assert re.search(cell, counts), cell
    kwic = outputs(nb, "cell-25", "stream")
    assert "“Pakistan”: 10 occurrence(s) in 3 article(s)" in kwic


@pytest.mark.slow
@pytest.mark.parametrize("name, cell_id, start", [
    ("00_corpus", "cell-12", "The corpus holds"),
    ("01_word_frequency", "cell-09", "The most frequent content word is"),
    ("02_speaker_attribution", "cell-13", "The most reported speaker is"),
    ("03_tone_by_actor", "tone-10", "speakers;"),
])
def test_interpretations_are_markdown_outputs(indus_runs, name, cell_id, start):
    nb = indus_runs[name]
    assert start in outputs(nb, cell_id, "text/markdown")
    assert outputs(nb, cell_id, "stream") == ""


@pytest.mark.slow
def test_the_explorer_cell_is_a_menu_in_jupyterlab(indus_runs):
    nb = indus_runs["03_tone_by_actor"]
    cell = next(c for c in nb["cells"] if c["id"] == "tone-explore-01")
    kinds = {kind for out in cell["outputs"] for kind in out.get("data", {})}
    assert "application/vnd.jupyter.widget-view+json" in kinds


@pytest.mark.slow
def test_chosen_terms_keep_their_labels_in_the_table_and_the_csv(tmp_path, monkeypatch):
    terms = ["Pakistan", "glacier", "Iran"]
    nb = execute("01_word_frequency", tmp_path, monkeypatch, CORPUS=str(INDUS), TERMS=terms)
    said = outputs(nb, "terms-01", "text/markdown")
    assert said.startswith("The sections below follow 3 term(s), set in `TERMS`")
    table = pd.read_csv(tmp_path / "tables" / "term_counts_by_article.csv")
    assert table.columns[0] == "term" and table["term"].tolist() == terms
    assert table.set_index("term").loc["Iran"].sum() == 0 and table.set_index("term").loc["Pakistan"].sum() > 0
    assert "“Iran” does not occur in the corpus." in outputs(nb, "cell-31", "text/markdown")  # a term you chose, absent
