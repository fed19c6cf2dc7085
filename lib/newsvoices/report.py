"""Build the shared report: execute every notebook on a corpus and render a static HTML site.

Notebooks are executed with papermill, which injects ``CORPUS`` and ``ACTORS`` (and the extra
``parameters`` of :func:`build_report` that a notebook's parameters cell defines) into it; each
executed notebook is rendered with nbconvert through the ``newsvoices`` template (JupyterLab's look,
no script fetched from a network, alt text on every chart). Every page links to the index and to
the previous and next notebook, lists its sections, and is titled with its notebook's title.

The notebooks' plumbing stays out of the pages (:func:`hide_plumbing`): the cells tagged
``hide-input`` (imports) with their heading, and the notebook's default parameters cell; only the
parameters of this run (papermill's injected cell) are shown. The ``.ipynb`` files keep
everything. Tables shown with :func:`show_table` are capped to a readable length, and the full
table is written as CSV next to the page.

The site names the corpus as the user gave it (``seeds``, ``my/articles``): the absolute paths of
the machine (the corpus, the actor registry, the output folder, the home and temporary folders)
are replaced in every page and table, so the folder can be sent as it is.

The site is built in a staging folder and moved into place only when every notebook has
succeeded, so a failing notebook never leaves a half-written site.

Example:
    >>> from newsvoices.report import build_report
    >>> build_report("seeds", out="reports", parameters={"TOP_N": 10})   # doctest: +SKIP
    PosixPath('reports/index.html')
"""

from __future__ import annotations

import ast
import base64
import contextlib
import copy
import datetime as dt
import html
import json
import os
import re
import shutil
import sys
import tempfile
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from .parallel import forks_safely, process_pool
from .store import analyse, load_corpus
from .version import VERSION

__all__ = ["ReportError", "build_report", "default_notebooks", "hide_plumbing", "notebook_parameters", "notebook_paths",
           "notebook_summary", "show_table"]

#: The project's notebooks folder (``lib/newsvoices`` → project root → ``notebooks``).
PROJECT_NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Rows of a table shown in a page; the full table is linked as CSV.
MAX_ROWS = 15
#: Columns of a table shown in a page; the CSV holds them all.
MAX_COLUMNS = 20
#: Set by :func:`build_report` for each notebook: where :func:`show_table` writes CSV files,
#: and the link to them relative to the page.
TABLES_DIR_ENV = "NEWSVOICES_TABLES_DIR"
TABLES_URL_ENV = "NEWSVOICES_TABLES_URL"
#: The parameters every notebook gets from :func:`build_report`'s own arguments.
RUN_PARAMETERS = ("CORPUS", "ACTORS")
#: Heading of the parameters cell papermill injected, in the pages.
RUN_PARAMETERS_HEADING = "Parameters of this run"
RUN_PARAMETERS_NOTE = (
    "The values this page was built with. `newsvoices report` gave them to the notebook in place of "
    "the defaults of its parameters cell, which you edit when you run the notebook yourself."
)


class ReportError(RuntimeError):
    """A notebook failed while building the report; the message names it and the error."""


# ---------------------------------------------------------------- tables in notebooks


def _is_number_column(values: pd.Series) -> bool:
    """Numbers (not booleans): right-aligned; everything else is text, left-aligned."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return False
    if pd.api.types.is_numeric_dtype(values.dtype):
        return True
    present = values.dropna().tolist()
    return bool(present) and all(
        isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)) for v in present
    )


def _is_missing(value) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _cell_text(value, dates_only: bool = False) -> str:
    """One cell as text: missing values (None, NaN, NaT, NA) blank, floats to three figures."""
    if _is_missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (float, np.floating)):
        return f"{value:.0f}" if abs(value) >= 999.5 else f"{value:.3g}"
    if isinstance(value, pd.Timestamp) and dates_only:
        return f"{value:%Y-%m-%d}"
    return str(value)


def _text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every cell as the text the page shows."""
    columns = {}
    for i in range(frame.shape[1]):
        values = frame.iloc[:, i]
        present = values.dropna()
        dates_only = (pd.api.types.is_datetime64_any_dtype(values.dtype) and len(present) > 0
                      and bool((present.dt.normalize() == present).all()))
        columns[i] = [_cell_text(v, dates_only) for v in values.tolist()]
    text = pd.DataFrame(columns, index=frame.index)
    text.columns = frame.columns
    return text


class _Table:
    """A capped, escaped HTML view of a DataFrame with a link to the full CSV."""

    def __init__(self, frame: pd.DataFrame, name: str, max_rows: int):
        self.frame, self.name, self.max_rows = frame, name, max_rows
        self.link: str | None = None
        folder, url = os.environ.get(TABLES_DIR_ENV), os.environ.get(TABLES_URL_ENV)
        if folder and url is not None:
            safe = re.sub(r"[^\w.-]+", "_", name).strip("_") or "table"
            Path(folder).mkdir(parents=True, exist_ok=True)
            frame.to_csv(Path(folder) / f"{safe}.csv", index=False)
            self.link = f"{url}/{safe}.csv"

    def _note(self) -> str:
        n, n_columns = len(self.frame), self.frame.shape[1]
        shown = min(n, self.max_rows)
        note = f"{n:,} rows" + (f", first {shown} shown" if n > shown else "")
        if n_columns > MAX_COLUMNS:
            note += f"; first {MAX_COLUMNS} of {n_columns} columns shown"
        return note

    def _repr_html_(self) -> str:
        e = html.escape
        frame = self.frame.head(self.max_rows).iloc[:, :MAX_COLUMNS]
        text = _text_frame(frame)
        align = ["right" if _is_number_column(frame.iloc[:, i]) else "left" for i in range(frame.shape[1])]
        head = "".join(f'<th scope="col" style="text-align: {a}">{e(str(c))}</th>' for c, a in zip(frame.columns, align))
        rows = "".join(
            "<tr>" + "".join(f'<td style="text-align: {a}">{e(t)}</td>' for t, a in zip(row, align)) + "</tr>"
            for row in text.itertuples(index=False, name=None)
        )
        note = e(self._note())
        if self.link:
            note += f' — <a href="{e(self.link, quote=True)}" download>full table (CSV)</a>'
        return (f'<div class="nv-table"><table class="dataframe"><thead><tr>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table><p><small>{note}</small></p></div>")

    def __repr__(self) -> str:
        text = _text_frame(self.frame.head(self.max_rows))
        with pd.option_context("display.max_colwidth", 60, "display.width", 160):
            return text.to_string(index=False) + f"\n[{self._note()}]"


def show_table(frame: pd.DataFrame, name: str, max_rows: int = MAX_ROWS) -> _Table:
    """Show the first ``max_rows`` rows of ``frame``; in the report, link the full table as CSV.

    Every cell is HTML-escaped, so article text shows as text and never runs. Text columns are
    left-aligned and numbers right-aligned, each header with its column; missing values (None,
    NaN, NaT) are blank.

    Args:
        frame: The table.
        name: File name of the CSV (without extension), e.g. ``"statements"``.
        max_rows: Rows shown on the page.

    Example:
        >>> page = show_table(pd.DataFrame({"a": ["<b>x</b>", None], "n": [1.5, None]}), "demo")._repr_html_()
        >>> page.count("&lt;b&gt;"), "None" in page, "nan" in page
        (1, False, False)
        >>> page.count('style="text-align: left"'), page.count('style="text-align: right"')
        (3, 3)
    """
    return _Table(frame, name, max_rows)


# ---------------------------------------------------------------- notebooks


def default_notebooks() -> list[Path]:
    """Return the project's notebooks, sorted by name.

    Raises:
        ReportError: The project's ``notebooks/`` folder is missing (non-editable install).
    """
    if not PROJECT_NOTEBOOKS.is_dir():
        raise ReportError(
            f"{PROJECT_NOTEBOOKS}: notebooks folder not found; pass --notebooks DIR or install the "
            "project with `pip install -e .` from its folder"
        )
    return sorted(PROJECT_NOTEBOOKS.glob("[0-9]*.ipynb"))


def notebook_summary(path: str | PathLike[str]) -> tuple[str, str]:
    """Return ``(title, one-line summary)`` of a notebook.

    The title is the first ``#`` heading; the summary is ``metadata.newsvoices.summary``,
    falling back to the first paragraph after the title.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    title, summary = Path(path).stem, ""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            source = "".join(cell.get("source", ""))
            lines = [ln.strip() for ln in source.splitlines() if ln.strip()]
            if lines and lines[0].startswith("# "):
                title = lines[0][2:].strip()
                summary = next((ln for ln in lines[1:] if not ln.startswith("#")), "")
            break
    summary = nb.get("metadata", {}).get("newsvoices", {}).get("summary", summary)
    return title, summary


def notebook_parameters(paths: list[str | PathLike[str]]) -> list[str]:
    """The names the cells tagged ``parameters`` of the notebooks assign (what papermill may
    set), in order of first use; a notebook that cannot be read adds none.

    Example:
        >>> names = notebook_parameters(sorted(Path("notebooks").glob("*.ipynb")))
        >>> names[:2], "TERMS" in names
        (['CORPUS', 'ACTORS'], True)
    """
    names: dict[str, None] = {}
    for path in paths:
        try:
            cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue  # the build says what is wrong with it
        for name in _parameter_names(cells):
            names.setdefault(name)
    return list(names)


def _parameter_names(cells: list) -> list[str]:
    names: list[str] = []
    for cell in cells:
        if "parameters" not in cell.get("metadata", {}).get("tags", []):
            continue
        source = "".join(cell.get("source", ""))
        try:
            tree = ast.parse(source)
        except SyntaxError:  # IPython syntax in the cell: read its assignments line by line
            names.extend(re.findall(r"^([A-Za-z_]\w*)\s*(?::[^=\n]*)?=(?!=)", source, flags=re.M))
            continue
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                names.extend(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return names


# ---------------------------------------------------------------- pages


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_HTML_HEADING = re.compile(r'<h([1-6])\s+id="([^"]*)"[^>]*>(.*?)</h\1>', flags=re.S)


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _heading(cell) -> tuple[int, str] | None:
    """``(level, text)`` of the Markdown heading that opens ``cell``; ``None`` if none does."""
    if cell.get("cell_type") != "markdown":
        return None
    lines = [ln.strip() for ln in _source(cell).splitlines() if ln.strip()]
    match = _HEADING.match(lines[0]) if lines else None
    return (len(match.group(1)), match.group(2)) if match else None


def _only_a_heading(cell) -> bool:
    return _heading(cell) is not None and len([ln for ln in _source(cell).splitlines() if ln.strip()]) == 1


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _contents(cells) -> tuple[list[dict], int | None]:
    """Sections of the page (level 2 and 3 headings, with the anchors nbconvert gives them), and
    the position of the title cell (the first level 1 heading)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    sections, title_at = [], None
    for i, cell in enumerate(cells):
        if cell.get("cell_type") != "markdown":
            continue
        for level, anchor, inner in _HTML_HEADING.findall(markdown2html_mistune(_source(cell))):
            text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="anchor-link".*?</a>', "", inner))).strip()
            if level == "1" and title_at is None:
                title_at = i
            elif level in ("2", "3") and text:
                sections.append({"level": int(level), "anchor": html.unescape(anchor), "text": text})
    return sections, title_at


def hide_plumbing(nb, resources: dict | None = None) -> tuple:
    """nbconvert preprocessor: leave a notebook's plumbing out of its page; list its sections.

    * cells tagged ``hide-input`` that print nothing (imports) are left out, and so is a heading
      cell (``## Imports``) whose every cell up to the next heading was left out;
    * when papermill injected a parameters cell (tag ``injected-parameters``), the notebook's
      default one (tag ``parameters``) is left out, and the heading above them becomes
      "Parameters of this run" (one is added if the notebook has none);
    * ``resources["newsvoices"]["contents"]`` lists the sections (level 2 and 3 headings) with
      their anchors, and the title cell is marked to show the contents below it;
      ``resources["newsvoices"]["title"]`` (or the first ``#`` heading) becomes the page's title.

    The notebook file itself is not changed: the page is.

    Args:
        nb: The notebook (``nbformat`` node), as nbconvert passes it.
        resources: nbconvert's resources; ``resources["newsvoices"]`` holds the page's navigation.

    Returns:
        ``(nb, resources)``, as nbconvert expects of a preprocessor.

    Example:
        >>> from nbformat import v4
        >>> nb = v4.new_notebook(cells=[
        ...     v4.new_markdown_cell("# Words"), v4.new_markdown_cell("## Imports"),
        ...     v4.new_code_cell("import os", metadata={"tags": ["hide-input"]}),
        ...     v4.new_markdown_cell("## Parameters"),
        ...     v4.new_code_cell('CORPUS = "../seeds"', metadata={"tags": ["parameters"]}),
        ...     v4.new_code_cell('CORPUS = "seeds"', metadata={"tags": ["injected-parameters"]}),
        ...     v4.new_markdown_cell("## 1. Counts"), v4.new_code_cell("1 + 1")])
        >>> nb, resources = hide_plumbing(nb, {})
        >>> [cell.source for cell in nb.cells][:3]
        ['# Words', '## Parameters of this run\\n\\nThe values this page was built with...', 'CORPUS = "seeds"']
        >>> [s["anchor"] for s in resources["newsvoices"]["contents"]], nb.metadata.title
        (['Parameters-of-this-run', '1.-Counts'], 'Words')
    """
    from nbformat import v4

    resources = {} if resources is None else resources
    if not isinstance(resources.get("newsvoices"), dict):
        resources["newsvoices"] = {}
    page = resources["newsvoices"]
    cells = list(nb.cells)
    injected = next((i for i, c in enumerate(cells) if "injected-parameters" in _tags(c)), None)
    removed = [
        (c.get("cell_type") == "code" and "hide-input" in _tags(c) and not c.get("outputs"))
        or (injected is not None and "parameters" in _tags(c) and "injected-parameters" not in _tags(c))
        for c in cells
    ]
    for i, cell in enumerate(cells):  # a heading whose whole section was left out goes with it
        if removed[i] or not _only_a_heading(cell):
            continue
        level, section = _heading(cell)[0], []
        for j in range(i + 1, len(cells)):
            found = _heading(cells[j])
            if found and found[0] <= level:
                break
            section.append(j)
        removed[i] = bool(section) and all(removed[j] for j in section)
    kept = {i: cell for i, cell in enumerate(cells) if not removed[i]}
    if injected is not None:
        run_heading = f"{RUN_PARAMETERS_HEADING}\n\n{RUN_PARAMETERS_NOTE}"
        above = next((i for i in range(injected - 1, -1, -1) if i in kept), None)
        found = _heading(cells[above]) if above is not None else None
        if found and found[0] > 1 and "parameter" in found[1].lower():  # the notebook's "## Parameters"
            kept[above] = copy.deepcopy(cells[above])
            kept[above]["source"] = f"{'#' * found[0]} {run_heading}"
        else:
            kept[injected - 0.5] = v4.new_markdown_cell(f"## {run_heading}")
    nb.cells = [kept[i] for i in sorted(kept)]
    page["contents"], title_at = _contents(nb.cells)
    if title_at is not None:
        title_cell = nb.cells[title_at] = copy.deepcopy(nb.cells[title_at])
        title_cell.setdefault("metadata", {})["newsvoices_contents"] = True
    page["contents_on_top"] = title_at is None
    title = page.get("title") or (_heading(nb.cells[title_at])[1] if title_at is not None else None)
    if title:
        nb.metadata["title"] = title
    return nb, resources


def _exporter():
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="newsvoices", extra_template_basedirs=[str(TEMPLATES)])
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={"hide-input"}), enabled=True)
    exporter.register_preprocessor(hide_plumbing, enabled=True)
    return exporter


def _key_chart(executed: Path) -> tuple[bytes, str] | None:
    """The chart of the cell tagged ``key-chart`` (else the first chart): PNG bytes and alt."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    found = None
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:
                alt = (output.get("metadata", {}).get("image/png") or {}).get("alt", "Chart")
                item = (base64.b64decode("".join(png)), alt)
                if "key-chart" in cell.get("metadata", {}).get("tags", []):
                    return item
                found = found or item
    return found


# ---------------------------------------------------------------- the build


def build_report(
    corpus: str | PathLike[str],
    out: str | PathLike[str] = "reports",
    actors: str | PathLike[str] | None = None,
    notebooks: str | PathLike[str] | list[str | PathLike[str]] | None = None,
    *,
    parameters: dict | None = None,
    log=sys.stderr,
) -> Path:
    """Execute the notebooks on ``corpus`` and write ``out/<notebook>.html`` plus ``out/index.html``.

    Args:
        corpus: Folder or file of articles (passed to every notebook as ``CORPUS``). The site
            names it as given here (a relative path stays relative; an absolute one is shown
            relative to the working folder, or by its name).
        out: Output folder; replaced as a whole when the build succeeds.
        actors: Actor registry passed as ``ACTORS`` (``None``: the notebooks' default).
        notebooks: A folder of notebooks or a list of notebook files (default: the project's).
        parameters: Other notebook parameters, e.g. ``{"TERMS": ["Modi", "Sharif"], "TOP_N": 10}``:
            each goes to every notebook whose parameters cell defines that name, and only there.
        log: Stream for the progress lines.

    Returns:
        Path of the index page.

    Raises:
        CorpusError: The corpus cannot be loaded (checked before any notebook runs).
        ReportError: A notebook failed (the message names it and its error), or a parameter is
            one no notebook defines, or is ``CORPUS``/``ACTORS`` (given by their own arguments).
    """
    corpus_path = Path(corpus).resolve()
    paths = notebook_paths(notebooks)
    extra = _checked_parameters(parameters, paths)
    loaded = load_corpus(corpus_path)  # fail fast, before any kernel starts
    actors_path = str(Path(actors).resolve()) if actors else None
    if actors_path and not Path(actors_path).is_file():
        raise ReportError(f"{actors}: actor registry not found; pass an existing CSV or omit --actors")
    corpus_label = _site_label(corpus)
    out_given = out
    out = Path(out).resolve()  # papermill changes the working folder while a notebook runs
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    staging.chmod(0o755)
    local = [(os.path.abspath(corpus), corpus_label), (str(staging), _site_label(out_given)),
             (str(out), _site_label(out_given))]  # absolute now: papermill may change the working folder
    if actors:
        local.append((os.path.abspath(actors), _site_label(actors)))
    saved_env = {k: os.environ.get(k) for k in (TABLES_DIR_ENV, TABLES_URL_ENV, "NEWSVOICES_NO_PROGRESS")}
    os.environ["NEWSVOICES_NO_PROGRESS"] = "1"  # no frozen progress bars in static pages
    try:
        try:  # analyse once, on all cores, so that the notebooks read the same cached tables
            analyse(loaded, actors_path)
        except Exception:  # noqa: BLE001, S110 -- the notebook that needs the tables reports it, by name
            pass
        navigation = _navigation(paths)
        with _notebook_pool(len(paths)) as pool:  # None: one notebook after another, here
            running = []
            for i, nb_path in enumerate(paths, start=1):
                print(f"[{i}/{len(paths)}] executing {nb_path.name} ...", file=log, flush=True)
                values = {"CORPUS": str(corpus_path), "ACTORS": actors_path}
                takes = set(notebook_parameters([nb_path]))
                values.update({k: v for k, v in extra.items() if k in takes})
                job = (nb_path, staging, values, navigation[i - 1])
                running.append(pool.submit(_render_notebook, *job) if pool else _render_notebook(*job))
            pages = [page.result() if pool else page for page in running]  # in notebook order
        index = staging / "index.html"
        index.write_text(_index_html(corpus_label, loaded, pages), encoding="utf-8")
        _hide_local_paths(staging, local)
        _replace_dir(staging, out)
    finally:
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    print(f"wrote {len(pages)} pages and index.html to {out}", file=log, flush=True)
    return out / "index.html"


def _checked_parameters(parameters: dict | None, paths: list[Path]) -> dict:
    """``parameters``, each a name that some notebook's parameters cell defines."""
    if not parameters:
        return {}
    own = sorted(set(parameters) & set(RUN_PARAMETERS))
    if own:
        raise ReportError(f"parameter {own[0]}: give the corpus and the actor registry as the report's own "
                          "arguments (--corpus, --actors), not as notebook parameters")
    defined = set(notebook_parameters(paths))
    unknown = sorted(str(name) for name in parameters if name not in defined)
    if unknown:
        offered = ", ".join(sorted(defined - set(RUN_PARAMETERS))) or "none besides CORPUS and ACTORS"
        raise ReportError(f"parameter {unknown[0]}: no notebook defines it in its parameters cell "
                          f"(they define: {offered}); check the spelling")
    return dict(parameters)


def _navigation(paths: list[Path]) -> list[dict]:
    """For each page: its title, the index, the previous and the next page (in notebook order)."""
    pages = [{"href": f"{p.stem}.html", "title": notebook_summary(p)[0]} for p in paths]
    return [
        {
            "title": page["title"],
            "index": "index.html",
            "previous": pages[i - 1] if i > 0 else None,
            "next": pages[i + 1] if i + 1 < len(pages) else None,
            "position": i + 1,
            "pages": len(pages),
        }
        for i, page in enumerate(pages)
    ]


def _report_workers(n_notebooks: int) -> int:
    """Notebooks executed at once: one per core (where processes fork safely), at most all."""
    if not forks_safely():
        return 1
    return max(1, min(n_notebooks, os.cpu_count() or 1))


def _notebook_pool(n_notebooks: int):
    """A process pool that runs notebooks side by side (each in its own kernel, and each
    process with its own environment for :func:`show_table`), or ``None`` for one at a time."""
    workers = _report_workers(n_notebooks)
    if workers < 2:
        return contextlib.nullcontext()
    return process_pool(workers)


def _render_notebook(nb_path: Path, staging: Path, parameters: dict, navigation: dict) -> tuple:
    """Execute one notebook into ``staging`` and render its page; the index entry of the page."""
    import papermill as pm
    from nbclient.exceptions import DeadKernelError

    executed = staging / nb_path.name
    os.environ[TABLES_DIR_ENV] = str(staging / "tables" / nb_path.stem)  # read by show_table in the kernel
    os.environ[TABLES_URL_ENV] = f"tables/{nb_path.stem}"
    try:
        pm.execute_notebook(
            str(nb_path),
            str(executed),
            parameters=parameters,
            cwd=str(nb_path.parent),
            progress_bar=False,
            log_output=False,
            # the kernel application's own log is plumbing: ipykernel warns on every start that
            # it talks over TCP (to this process, on 127.0.0.1) and may log "KeyboardInterrupt
            # caught in kernel" when jupyter_client interrupts it before shutting it down. Its
            # rare internal errors are hidden with them; a failing cell or a kernel that dies
            # still raises here, and the notebooks' own output and warnings are kept.
            extra_arguments=["--log-level=CRITICAL"],
        )
    except pm.PapermillExecutionError as exc:
        raise ReportError(f"{nb_path.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from None
    except DeadKernelError:
        raise ReportError(
            f"{nb_path.name}: the Python process running it died (out of memory on a large corpus, or a "
            "cell ended the process). Run it in JupyterLab to see where. On a large corpus, free memory, "
            "or analyse it with `newsvoices archive` and read the tables you need in parts outside the "
            "notebooks, which hold every table (docs/archive.md, \"An archive of millions\")."
        ) from None
    body, _ = _exporter().from_filename(str(executed), resources={"newsvoices": dict(navigation)})
    page = staging / f"{nb_path.stem}.html"
    page.write_text(body, encoding="utf-8")
    thumb = _key_chart(executed)
    thumb_name = None
    if thumb is not None:
        (staging / "thumbs").mkdir(exist_ok=True)
        thumb_name = f"thumbs/{nb_path.stem}.png"
        (staging / thumb_name).write_bytes(thumb[0])
    executed.unlink()
    return (page.name, *notebook_summary(nb_path), thumb_name, thumb[1] if thumb else "")


def notebook_paths(notebooks: str | PathLike[str] | list[str | PathLike[str]] | None = None) -> list[Path]:
    """The notebooks a report runs: the project's (``None``), those of a folder, one file, or a list.

    Raises:
        ReportError: A notebook is missing, or there is none.
    """
    if notebooks is None:
        paths = default_notebooks()
    elif isinstance(notebooks, (str, PathLike)) and Path(notebooks).is_dir():
        paths = sorted(Path(notebooks).glob("*.ipynb"))
    elif isinstance(notebooks, (str, PathLike)):
        paths = [Path(notebooks)]
    else:
        paths = [Path(p) for p in notebooks]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing or not paths:
        raise ReportError(f"notebooks not found: {missing or notebooks}; pass a folder holding .ipynb files")
    return [p.resolve() for p in paths]


def _replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the previous ``target`` is removed only after the move."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{dt.datetime.now():%Y%m%d%H%M%S%f}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------- no local path in the site


def _site_label(path: str | PathLike[str]) -> str:
    """How the site names a path the user gave: as given when relative; when absolute, relative
    to the working folder if it is inside it, else by its name."""
    given = Path(path)
    if not given.is_absolute():
        return given.as_posix() if given.as_posix() != "." else Path.cwd().name
    with contextlib.suppress(ValueError, OSError):
        return given.resolve().relative_to(Path.cwd().resolve()).as_posix()
    return given.name or given.as_posix()


_DATA_URI = re.compile(r"(data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]*)")
_PATH_END = r"(?![\w-]|\.\w)"  # a path ends here, not inside a longer name ("seeds" in "seeds2")
_PATH_START = r"(?<![\w.~-])"


def _local_rules(local: list[tuple], in_html: bool) -> list[tuple[re.Pattern, str | None]]:
    """``(pattern, label)`` pairs: each path of ``local`` (``(path as given, label)``) in its
    absolute forms, longest first; then the home folder (``~``) and the temporary folders
    (``None``: a temporary file is shown by its name). In a page, paths are also HTML-escaped."""
    forms: dict[str, str] = {}
    for path, label in local:
        for form in (os.path.abspath(path), str(Path(path).resolve())):
            for shown in {form, html.escape(form)} if in_html else {form}:
                if shown not in ("", "/"):
                    forms.setdefault(shown, label)
    rules: list[tuple[re.Pattern, str | None]] = [
        (re.compile(_PATH_START + re.escape(form) + _PATH_END), label)
        for form, label in sorted(forms.items(), key=lambda item: -len(item[0]))  # a file inside a folder first
    ]
    home = os.path.expanduser("~")
    if home not in ("", "/", "~"):
        rules.append((re.compile(_PATH_START + re.escape(home) + _PATH_END), "~"))
    temporary = {tempfile.gettempdir(), str(Path(tempfile.gettempdir()).resolve()), "/tmp", "/var/tmp"}
    for root in sorted(temporary, key=len, reverse=True):
        rules.append((re.compile(_PATH_START + re.escape(root) + r"(?:/[^\s\"'<>&;,)\]]*)?" + _PATH_END), None))
    return rules


def _without_local_paths(text: str, rules: list[tuple[re.Pattern, str | None]], in_html: bool) -> str:
    """``text`` with every match of ``rules`` replaced; embedded images (data URIs) left alone."""

    def shown(match: re.Match, label: str | None) -> str:
        if label is None:
            label = "…/" + match.group(0).rstrip("/").rsplit("/", 1)[-1]
        return html.escape(label) if in_html else label

    parts = _DATA_URI.split(text) if in_html else [text]
    for k in range(0, len(parts), 2):  # odd parts are the embedded images
        for pattern, label in rules:
            parts[k] = pattern.sub(lambda m, label=label: shown(m, label), parts[k])
    return "".join(parts)


def _hide_local_paths(site: Path, local: list[tuple]) -> None:
    """Replace the machine's absolute paths in every page and table of ``site`` (see the module)."""
    for file in sorted(site.rglob("*")):
        if file.suffix in (".html", ".csv") and file.is_file():
            in_html = file.suffix == ".html"
            text = file.read_text(encoding="utf-8")
            cleaned = _without_local_paths(text, _local_rules(local, in_html), in_html)
            if cleaned != text:
                file.write_text(cleaned, encoding="utf-8")


# ---------------------------------------------------------------- the index


def _index_html(corpus_label: str, corpus, pages: list[tuple]) -> str:
    e = html.escape
    frame = corpus.to_frame()
    dates = frame["date"].dropna()
    span = f"dated {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no dates given"
    undated = int(frame["date"].isna().sum())
    if len(dates) and undated:
        span += f" ({undated} undated)"
    skipped = len(corpus.skipped)
    items = []
    for name, title, summary, thumb, alt in pages:
        image = (f'<a href="{e(name)}"><img src="{e(thumb)}" alt="{e(alt)}" width="240"></a>' if thumb else "")
        items.append(
            f'<li>{image}<div><h2><a href="{e(name)}">{e(title)}</a></h2><p>{e(summary)}</p></div></li>'
        )
    built = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    title = f"newsvoices report on {corpus_label}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }}
ul {{ list-style: none; padding: 0; }}
li {{ display: flex; gap: 1.25rem; align-items: flex-start; margin: 1.25rem 0; }}
li img {{ border: 1px solid #ddd; border-radius: 4px; background: #fff; }}
h2 {{ font-size: 1.15rem; margin: 0 0 .3rem; }}
footer {{ margin-top: 2rem; color: #666; font-size: .9rem; }}
</style>
</head>
<body>
<h1>{e(title)}</h1>
<p>Corpus: <code>{e(corpus_label)}</code> — {len(corpus)} articles, {e(span)}{
        f"; {skipped} file(s) not loaded, listed in the corpus page" if skipped else ""}.</p>
<ul>
{chr(10).join(items)}
</ul>
<footer>Built {e(built)} with newsvoices {e(VERSION)}.</footer>
</body>
</html>
"""
