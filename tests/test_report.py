"""The report build: every notebook executes and renders, with charts and no errors."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from newsvoices.report import ReportError, build_report, default_notebooks, notebook_summary, show_table

from .conftest import NOTEBOOKS, SEEDS
from .test_corpus import make_bad_folder

pytestmark = pytest.mark.slow

NOTEBOOK_NAMES = [p.stem for p in sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "reports"
    build_report(SEEDS, out=out)
    return out


def test_default_notebooks_are_the_project_ones():
    assert [p.stem for p in default_notebooks()] == NOTEBOOK_NAMES
    assert "00_corpus" in NOTEBOOK_NAMES


def test_index_links_every_notebook(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    for name in NOTEBOOK_NAMES:
        assert f'href="{name}.html"' in index
        assert notebook_summary(NOTEBOOKS / f"{name}.ipynb")[1] in index
    assert "3 articles" in index and "2019-12-20" in index


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_each_page_has_a_chart_and_no_error(site, name):
    page = (site / f"{name}.html").read_text(encoding="utf-8")
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page), "no chart image"
    assert "Traceback" not in page
    # no error, warning or other stderr output in any cell
    assert not re.search(r'<div[^>]+data-mime-type="application/vnd.jupyter.stderr"', page)


def test_notebooks_run_on_a_folder_of_bad_input(tmp_path):
    """Any corpus folder: the notebooks run on it and show what was skipped."""
    folder = make_bad_folder(tmp_path / "corpus")
    (folder / "huge.txt").unlink()  # keep the test short; size is covered by the loader tests
    (folder / "second.txt").write_text(
        "Iranian Foreign Minister Mohammad Javad Zarif said on Monday that talks were useful. "
        "“We are ready,” Zarif told reporters.", encoding="utf-8")
    out = build_report(folder, out=tmp_path / "site")
    page = (out.parent / "00_corpus.html").read_text(encoding="utf-8")
    assert "binary.txt" in page and "undecodable" in page


def test_failing_notebook_stops_the_build_and_leaves_no_half_site(tmp_path):
    good = NOTEBOOKS / "00_corpus.ipynb"
    bad = tmp_path / "99_broken.ipynb"
    bad.write_text(good.read_text(encoding="utf-8").replace(
        "corpus = nv.load_corpus(CORPUS)", "raise RuntimeError('boom in notebook')"), encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "old.html").write_text("previous build", encoding="utf-8")
    with pytest.raises(ReportError, match=r"99_broken.ipynb failed .*RuntimeError: boom in notebook"):
        build_report(SEEDS, out=out, notebooks=[good, bad])
    assert [p.name for p in out.iterdir()] == ["old.html"]  # previous site untouched
    assert not list(tmp_path.glob(".site-building-*"))


def test_a_notebook_whose_kernel_dies_is_named(tmp_path):
    good = NOTEBOOKS / "00_corpus.ipynb"
    dead = tmp_path / "98_dies.ipynb"
    dead.write_text(good.read_text(encoding="utf-8").replace(
        "corpus = nv.load_corpus(CORPUS)", "import os; os._exit(1)"), encoding="utf-8")
    with pytest.raises(ReportError, match=r"^98_dies.ipynb: the Python process running it died \(out of memory"):
        build_report(SEEDS, out=tmp_path / "site", notebooks=[dead])
    assert not (tmp_path / "site").exists()


def test_the_cli_names_a_failing_notebook_in_one_line(tmp_path):
    import subprocess
    import sys

    bad = tmp_path / "nb" / "00_broken.ipynb"
    bad.parent.mkdir()
    bad.write_text((NOTEBOOKS / "00_corpus.ipynb").read_text(encoding="utf-8").replace(
        "corpus = nv.load_corpus(CORPUS)", "raise RuntimeError('boom in notebook')"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newsvoices", "report", "--corpus", str(SEEDS), "--out",
                           str(tmp_path / "site"), "--notebooks", str(bad.parent)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "newsvoices: error: 00_broken.ipynb failed in cell" in proc.stderr and "boom in notebook" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_report_on_a_folder_outside_the_project(tmp_path):
    """`python -m newsvoices report --corpus DIR --out OUT` from any working directory."""
    import subprocess
    import sys

    corpus = tmp_path / "my articles"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Kenyan President William Ruto said the talks would resume. "
                                  "“We are ready,” Ruto told reporters.", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newsvoices", "report", "--corpus", str(corpus), "--out", "site"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "[4/4] executing" in proc.stderr or "[1/" in proc.stderr
    assert "[IPKernelApp]" not in proc.stderr, "the kernels' own log reaches the user"
    site = tmp_path / "site"
    assert (site / "index.html").is_file() and len(list(site.glob("0*.html"))) == len(NOTEBOOK_NAMES)
    assert "Ruto" in (site / "02_speaker_attribution.html").read_text(encoding="utf-8")
    # nothing left behind: no staging folder beside the site or among the notebooks
    assert not list(tmp_path.glob(".site-*")) and not list(NOTEBOOKS.glob(".*-building-*"))


@pytest.mark.parametrize("workers", [1, 2])
def test_notebooks_side_by_side_or_one_by_one_give_the_same_site(tmp_path, monkeypatch, workers):
    """Notebooks run side by side on a multi-core machine, one by one elsewhere: same pages, in order."""
    from newsvoices import report

    monkeypatch.setattr(report, "_report_workers", lambda n: min(n, workers))
    notebooks = [NOTEBOOKS / "00_corpus.ipynb", NOTEBOOKS / "02_speaker_attribution.ipynb"]
    out = build_report(SEEDS, out=tmp_path / "site", notebooks=notebooks)
    index = out.read_text(encoding="utf-8")
    assert index.index('href="00_corpus.html"') < index.index('href="02_speaker_attribution.html"')
    page = (out.parent / "02_speaker_attribution.html").read_text(encoding="utf-8")
    assert "Rouhani" in page and "Traceback" not in page
    assert list((out.parent / "tables").iterdir())  # each kernel wrote its full tables beside its page


def test_notebooks_run_on_an_archive(tmp_path):
    """The output of `newsvoices archive` is a corpus the notebooks open, with its tables."""
    from newsvoices import analyse_archive

    analyse_archive(SEEDS, tmp_path / "archive", workers=1, progress=False)
    out = build_report(tmp_path / "archive", out=tmp_path / "site").parent
    assert "3 articles" in (out / "index.html").read_text(encoding="utf-8")
    for name in NOTEBOOK_NAMES:
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert re.search(r'<img[^>]+src="data:image/png;base64,', page), name
        assert "Traceback" not in page and not re.search(r'data-mime-type="application/vnd.jupyter.stderr"', page)
    assert sorted(p.name for p in (tmp_path / "archive").iterdir()) == sorted(
        ["archive.json", "load_report.parquet", "actors.csv", "corpus", "articles", "sentences", "words", "phrases", "statements",
         "mentions", "stance"]), "the notebooks wrote nothing into the archive"


# ---------------------------------------------------------------- tables


def test_tables_align_text_left_numbers_right_and_leave_missing_values_blank():
    frame = pd.DataFrame({
        "speaker": ["Rouhani", None],
        "statements": [3, 12],
        "tone": [0.25, float("nan")],
        "date": pd.to_datetime(["2019-12-20", None]),
        "thin": [True, False],
        "note": [None, pd.NA],
    })
    page = show_table(frame, "demo")._repr_html_()
    align = {name: side for side, name in re.findall(r'<th scope="col" style="text-align: (\w+)">(\w+)</th>', page)}
    assert align == {"speaker": "left", "statements": "right", "tone": "right", "date": "left", "thin": "left",
                     "note": "left"}
    rows = [re.findall(r'<td style="text-align: (\w+)">(.*?)</td>', row) for row in re.findall(r"<tr>(.*?)</tr>", page)[1:]]
    assert rows == [
        [("left", "Rouhani"), ("right", "3"), ("right", "0.25"), ("left", "2019-12-20"), ("left", "True"), ("left", "")],
        [("left", ""), ("right", "12"), ("right", ""), ("left", ""), ("left", "False"), ("left", "")],
    ]
    for missing in ("None", "NaN", "nan", "NaT", "&lt;NA&gt;"):
        assert missing not in page
    assert "None" not in repr(show_table(frame, "demo")) and "NaT" not in repr(show_table(frame, "demo"))


def test_numbers_held_as_objects_are_numbers_and_times_keep_their_time():
    frame = pd.DataFrame({"n": pd.Series([1, None, 2.5], dtype=object),
                          "at": pd.to_datetime(["2019-12-20 10:30", "2019-12-21 00:00", None]),
                          "big": [1234.5, 0.000123, -2.0]})
    page = show_table(frame, "demo")._repr_html_()
    assert re.findall(r'<th scope="col" style="text-align: (\w+)">', page) == ["right", "left", "right"]
    assert ">2019-12-20 10:30:00<" in page and ">1234<" in page and ">0.000123<" in page and ">-2<" in page


def test_no_missing_value_shows_as_text_in_the_site(site):
    for name in NOTEBOOK_NAMES:
        page = (site / f"{name}.html").read_text(encoding="utf-8")
        assert not re.search(r"<td[^>]*>(None|NaN|nan|NaT|&lt;NA&gt;)</td>", page), name
        assert '<th scope="col" style="text-align: left">' in page, f"{name}: no text column left-aligned"
