"""The report build: every notebook executes and renders, with charts and no errors; the pages link
to each other, list their sections, hide the plumbing and name no path of the machine."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from newsvoices import report
from newsvoices.report import ReportError, build_report, default_notebooks, notebook_summary, show_table

from .conftest import NOTEBOOKS, SEEDS
from .test_corpus import make_bad_folder

pytestmark = pytest.mark.slow

NOTEBOOK_NAMES = [p.stem for p in sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))]
NOTEBOOK_TITLES = [notebook_summary(NOTEBOOKS / f"{name}.ipynb")[0] for name in NOTEBOOK_NAMES]
#: Extra notebook parameters of the shared site: 01 and 03 define TOP_N, only 01 defines TERMS.
PARAMETERS = {"TERMS": ["Rouhani", "Abe"], "TOP_N": 7}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A working folder under the temporary folder, holding the seeds as `my/articles`."""
    work = tmp_path_factory.mktemp("work")
    shutil.copytree(SEEDS, work / "my" / "articles")
    return work


@pytest.fixture(scope="module")
def site(workdir) -> Path:
    """The report on `my/articles`, named relative to the working folder as a user would."""
    previous = Path.cwd()
    os.chdir(workdir)
    try:
        build_report("my/articles", out="site", parameters=PARAMETERS)
    finally:
        os.chdir(previous)
    return workdir / "site"


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
    from newsvoices.records import Analysis

    assert sorted(p.name for p in (tmp_path / "archive").iterdir()) == sorted(
        ["archive.json", "load_report.parquet", "actors.csv", "corpus", *Analysis.TABLES]), \
        "the notebooks wrote nothing into the archive"


# ---------------------------------------------------------------- the pages of the site


def _attributes(tag: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', tag)}


def _links(page: str, rel: str) -> list[str]:
    """The targets of the page's links of relation ``rel`` (nbconvert orders attributes its own way)."""
    return [a["href"] for a in map(_attributes, re.findall(r"<a ([^>]*)>", page)) if a.get("rel") == rel]


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _cells(page: str, tag: str) -> list[str]:
    """The text of each cell of ``page`` tagged ``tag``."""
    starts = [m.start() for m in re.finditer(r'<div [^>]*class="jp-Cell ', page)] + [len(page)]
    tagged = re.compile(rf'<div [^>]*class="jp-Cell [^"]*celltag_{re.escape(tag)}(?=[\s"])')
    return [_text(page[a:b]) for a, b in zip(starts, starts[1:]) if tagged.match(page, a)]


def _headings(page: str, levels: str = "23") -> list[tuple[str, str]]:
    """``(id, text)`` of the page's headings of the given levels, in the notebook's cells."""
    found = re.findall(rf'<h([{levels}]) id="([^"]*)">(.*?)</h\1>', page, flags=re.S)
    return [(html.unescape(i), _text(t).rstrip("¶").strip()) for _, i, t in found]


def _notebook_headings(name: str) -> list[str]:
    """The notebook's level 2 and 3 headings, as its page should list them."""
    nb = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))
    found = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if m := re.match(r"^(##|###)\s+(.*\S)", line):
                    found.append(re.sub(r"[*`]", "", m.group(2)))
    return [h for h in ("Parameters of this run" if h == "Parameters" else h for h in found) if h != "Imports"]


@pytest.mark.parametrize("i", range(len(NOTEBOOK_NAMES)), ids=NOTEBOOK_NAMES)
def test_each_page_links_to_the_index_and_its_neighbours(site, i):
    page = (site / f"{NOTEBOOK_NAMES[i]}.html").read_text(encoding="utf-8")
    assert _links(page, "index") == ["index.html", "index.html"]  # at the top and at the bottom
    previous = [f"{NOTEBOOK_NAMES[i - 1]}.html"] * 2 if i > 0 else []
    following = [f"{NOTEBOOK_NAMES[i + 1]}.html"] * 2 if i + 1 < len(NOTEBOOK_NAMES) else []
    assert _links(page, "prev") == previous
    assert _links(page, "next") == following
    if i > 0:  # the link says where it goes, by the page's title
        assert f"Previous: {html.escape(NOTEBOOK_TITLES[i - 1])}</a>" in page
    for href in previous + following + ["index.html"]:
        assert (site / href).is_file()


@pytest.mark.parametrize("i", range(len(NOTEBOOK_NAMES)), ids=NOTEBOOK_NAMES)
def test_each_page_is_titled_by_its_notebook(site, i):
    page = (site / f"{NOTEBOOK_NAMES[i]}.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, flags=re.S).group(1)
    assert html.unescape(title) == NOTEBOOK_TITLES[i]
    assert NOTEBOOK_NAMES[i] not in title
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>newsvoices report on my/articles</title>" in index


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_each_page_lists_its_sections_with_anchors(site, name):
    page = (site / f"{name}.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav [^>]*class="nv-contents"[^>]*>(.*?)</nav>', page, flags=re.S)
    assert nav, "no contents list"
    entries = [(html.unescape(a), _text(t)) for a, t in re.findall(r'<a href="#([^"]*)">(.*?)</a>', nav.group(1))]
    assert [text for _, text in entries] == _notebook_headings(name)
    assert entries == _headings(page), "each entry links to its heading's anchor"
    assert entries[0][1] == "Parameters of this run" and "Imports" not in [text for _, text in entries]
    # the contents follow the title and its introduction, before the first section
    assert page.index("</h1>") < nav.start() < page.index('id="Parameters-of-this-run"')


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_plumbing_is_hidden_and_only_the_run_parameters_shown(site, name):
    page = (site / f"{name}.html").read_text(encoding="utf-8")
    assert "Imports" not in [text for _, text in _headings(page, "123456")]
    assert "celltag_hide-input" not in page and "import newsvoices as nv" not in page
    assert "celltag_parameters" not in page and '"../seeds"' not in page.replace("&quot;", '"')
    shown = _cells(page, "injected-parameters")
    assert len(shown) == 1, "exactly one parameters cell"
    assert 'CORPUS = "my/articles"' in shown[0]
    assert [text for _, text in _headings(page)].count("Parameters of this run") == 1
    assert page.index('id="Parameters-of-this-run"') < page.index("celltag_injected-parameters")


def test_parameters_reach_the_notebooks_that_define_them_and_no_other(site):
    cells = {name: _cells((site / f"{name}.html").read_text(encoding="utf-8"), "injected-parameters")[0]
             for name in NOTEBOOK_NAMES}
    assert 'TERMS = ["Rouhani", "Abe"]' in cells["01_word_frequency"] and "TOP_N = 7" in cells["01_word_frequency"]
    assert "TOP_N = 7" in cells["03_tone_by_actor"] and "TERMS" not in cells["03_tone_by_actor"]
    assert "TERMS" not in cells["00_corpus"] and "TOP_N" not in cells["00_corpus"]
    words = (site / "01_word_frequency.html").read_text(encoding="utf-8")
    assert "“Rouhani”: " in words and "“Abe”: " in words  # the notebook ran with them
    assert "follow 2 term(s), set in TERMS: “Rouhani”, “Abe”." in _text(words)  # not the terms it picks itself
    assert "term(s), picked from the corpus" not in _text(words)


def test_an_unknown_parameter_is_refused_before_any_notebook_runs(tmp_path):
    with pytest.raises(ReportError, match=r"^parameter TEMRS: no notebook defines it .*TERMS.*check the spelling$"):
        build_report(SEEDS, out=tmp_path / "site", parameters={"TEMRS": ["Modi"]})
    with pytest.raises(ReportError, match=r"^parameter CORPUS: give the corpus .* \(--corpus, --actors\)"):
        build_report(SEEDS, out=tmp_path / "site", parameters={"CORPUS": "elsewhere"})
    assert not list(tmp_path.iterdir()), "nothing written"


def test_no_path_of_the_machine_in_any_page_or_table(site, workdir):
    files = [p for p in site.rglob("*") if p.suffix in (".html", ".csv")]
    assert len(files) > len(NOTEBOOK_NAMES) + 1  # the pages, the index and the tables
    home = os.path.expanduser("~")
    local = {str(workdir), str(workdir.resolve()), str(workdir / "my" / "articles"), str(SEEDS), "/tmp/"}
    for path in files:
        text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=\s]*", "", path.read_text(encoding="utf-8"))
        for found in local | ({home} if home not in ("/", "") else set()):
            assert found not in text, f"{path.relative_to(site)} holds {found}"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Corpus: <code>my/articles</code>" in index
    # the registry beside the articles is named as the corpus was
    assert "registry: my/articles/actors.csv" in (site / "02_speaker_attribution.html").read_text(encoding="utf-8")


def test_local_paths_are_replaced_by_the_names_given():
    rules = report._local_rules([("/tmp/w/my/articles", "my/articles"), ("/tmp/w/site", "site")], in_html=True)
    text = ('read /tmp/w/my/articles/a.txt and /tmp/w/my/articles. Wrote /tmp/w/site; cache /tmp/c/x.parquet; '
            '/tmp/w/my/articles2 is another folder; <img src="data:image/png;base64,AA/tmp/w/my/articles/BB=">')
    assert report._without_local_paths(text, rules, in_html=True) == (
        "read my/articles/a.txt and my/articles. Wrote site; cache …/x.parquet; …/articles2 is another folder; "
        '<img src="data:image/png;base64,AA/tmp/w/my/articles/BB=">')
    home = os.path.expanduser("~")
    if home not in ("/", ""):
        assert report._without_local_paths(f"{home}/.cache/nv", rules, in_html=False) == "~/.cache/nv"
    assert report._without_local_paths("/usr/share/x and /tmpfoo", rules, in_html=False) == "/usr/share/x and /tmpfoo"


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
