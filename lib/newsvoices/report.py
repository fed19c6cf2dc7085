"""Build the shared report: execute every notebook on a corpus and render a static HTML site.

Notebooks are executed with papermill, which injects ``CORPUS`` and ``ACTORS`` into the cell
tagged ``parameters``; each executed notebook is rendered with nbconvert through the
``newsvoices`` template (JupyterLab's look, no script fetched from a network, alt text on every
chart). Input cells tagged ``hide-input`` (imports and other plumbing) are left out of the HTML;
the ``.ipynb`` keeps them. Tables shown with :func:`show_table` are capped to a readable length,
and the full table is written as CSV next to the page.

The site is built in a staging folder and moved into place only when every notebook has
succeeded, so a failing notebook never leaves a half-written site.

Example:
    >>> from newsvoices.report import build_report
    >>> build_report("seeds", out="reports")          # doctest: +SKIP
    PosixPath('reports/index.html')
"""

from __future__ import annotations

import base64
import contextlib
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

__all__ = ["ReportError", "build_report", "default_notebooks", "notebook_summary", "show_table"]

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


def _exporter():
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="newsvoices", extra_template_basedirs=[str(TEMPLATES)])
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={"hide-input"}), enabled=True)
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


def build_report(
    corpus: str | PathLike[str],
    out: str | PathLike[str] = "reports",
    actors: str | PathLike[str] | None = None,
    notebooks: str | PathLike[str] | list[str | PathLike[str]] | None = None,
    *,
    log=sys.stderr,
) -> Path:
    """Execute the notebooks on ``corpus`` and write ``out/<notebook>.html`` plus ``out/index.html``.

    Args:
        corpus: Folder or file of articles (passed to every notebook as ``CORPUS``).
        out: Output folder; replaced as a whole when the build succeeds.
        actors: Actor registry passed as ``ACTORS`` (``None``: the notebooks' default).
        notebooks: A folder of notebooks or a list of notebook files (default: the project's).
        log: Stream for the progress lines.

    Returns:
        Path of the index page.

    Raises:
        CorpusError: The corpus cannot be loaded (checked before any notebook runs).
        ReportError: A notebook failed; the message names it and its error.
    """
    corpus_path = Path(corpus).resolve()
    loaded = load_corpus(corpus_path)  # fail fast, before any kernel starts
    actors_path = str(Path(actors).resolve()) if actors else None
    if actors_path and not Path(actors_path).is_file():
        raise ReportError(f"{actors}: actor registry not found; pass an existing CSV or omit --actors")
    paths = _notebook_list(notebooks)
    out = Path(out).resolve()  # papermill changes the working folder while a notebook runs
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    staging.chmod(0o755)
    saved_env = {k: os.environ.get(k) for k in (TABLES_DIR_ENV, TABLES_URL_ENV, "NEWSVOICES_NO_PROGRESS")}
    os.environ["NEWSVOICES_NO_PROGRESS"] = "1"  # no frozen progress bars in static pages
    try:
        try:  # analyse once, on all cores, so that the notebooks read the same cached tables
            analyse(loaded, actors_path)
        except Exception:  # noqa: BLE001, S110 -- the notebook that needs the tables reports it, by name
            pass
        with _notebook_pool(len(paths)) as pool:  # None: one notebook after another, here
            running = []
            for i, nb_path in enumerate(paths, start=1):
                print(f"[{i}/{len(paths)}] executing {nb_path.name} ...", file=log, flush=True)
                job = (nb_path, staging, corpus_path, actors_path)
                running.append(pool.submit(_render_notebook, *job) if pool else _render_notebook(*job))
            pages = [page.result() if pool else page for page in running]  # in notebook order
        index = staging / "index.html"
        index.write_text(_index_html(corpus_path, loaded, pages), encoding="utf-8")
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


def _render_notebook(nb_path: Path, staging: Path, corpus_path: Path, actors_path: str | None) -> tuple:
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
            parameters={"CORPUS": str(corpus_path), "ACTORS": actors_path},
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
    body, _ = _exporter().from_filename(str(executed))
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


def _notebook_list(notebooks) -> list[Path]:
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


def _index_html(corpus_path: Path, corpus, pages: list[tuple]) -> str:
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
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsvoices report</title>
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
<h1>newsvoices report</h1>
<p>Corpus: <code>{e(corpus_path.name)}</code> ({e(str(corpus_path))}) — {len(corpus)} articles, {e(span)}{
        f"; {skipped} file(s) not loaded, listed in the corpus page" if skipped else ""}.</p>
<ul>
{chr(10).join(items)}
</ul>
<footer>Built {e(built)} with newsvoices {e(VERSION)}.</footer>
</body>
</html>
"""
