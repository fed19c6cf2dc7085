"""Build the shared report: execute every notebook on a corpus and render static HTML.

Notebooks are executed with papermill, which injects ``CORPUS`` and ``ACTORS`` into the cell
tagged ``parameters``; each executed notebook is rendered with nbconvert. The site is built
in a staging folder and moved into place only when every notebook succeeded, so a failing
notebook never leaves a half-written site.

Example:
    >>> from newsvoices.report import build_report
    >>> build_report("seeds", out="reports")          # doctest: +SKIP
    PosixPath('reports/index.html')
"""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
import sys
import tempfile
from os import PathLike
from pathlib import Path

from . import __version__
from .corpus import load_corpus

__all__ = ["ReportError", "build_report", "default_notebooks", "notebook_summary"]

#: The project's notebooks folder (``lib/newsvoices`` → project root → ``notebooks``).
PROJECT_NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


class ReportError(RuntimeError):
    """A notebook failed while building the report; the message names it and the error."""


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
    import papermill as pm
    from nbconvert import HTMLExporter

    corpus_path = Path(corpus).resolve()
    loaded = load_corpus(corpus_path)  # fail fast, before any kernel starts
    actors_path = str(Path(actors).resolve()) if actors else None
    if actors_path and not Path(actors_path).is_file():
        raise ReportError(f"{actors}: actor registry not found; pass an existing CSV or omit --actors")
    paths = _notebook_list(notebooks)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    staging.chmod(0o755)
    exporter = HTMLExporter(template_name="lab")
    pages = []
    try:
        for i, nb_path in enumerate(paths, start=1):
            print(f"[{i}/{len(paths)}] executing {nb_path.name} ...", file=log, flush=True)
            executed = staging / nb_path.name
            try:
                pm.execute_notebook(
                    str(nb_path),
                    str(executed),
                    parameters={"CORPUS": str(corpus_path), "ACTORS": actors_path},
                    cwd=str(nb_path.parent),
                    progress_bar=False,
                    log_output=False,
                )
            except pm.PapermillExecutionError as exc:
                raise ReportError(
                    f"{nb_path.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}"
                ) from None
            body, _ = exporter.from_filename(str(executed))
            page = staging / f"{nb_path.stem}.html"
            page.write_text(body, encoding="utf-8")
            executed.unlink()
            pages.append((page.name, *notebook_summary(nb_path)))
        index = staging / "index.html"
        index.write_text(_index_html(corpus_path, loaded, pages), encoding="utf-8")
        _replace_dir(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    print(f"wrote {len(pages)} pages and index.html to {out}", file=log, flush=True)
    return out / "index.html"


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


def _index_html(corpus_path: Path, corpus, pages: list[tuple[str, str, str]]) -> str:
    e = html.escape
    frame = corpus.to_frame()
    dates = frame["date"].dropna()
    span = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "dates unknown"
    items = "\n".join(
        f'<li><a href="{e(name)}">{e(title)}</a> — {e(summary)}</li>' for name, title, summary in pages
    )
    built = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsvoices report</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }}
li {{ margin: .5rem 0; }}
footer {{ margin-top: 2rem; color: #666; font-size: .9rem; }}
</style>
</head>
<body>
<h1>newsvoices report</h1>
<p>Corpus: <code>{e(str(corpus_path))}</code> — {len(corpus)} articles, {e(span)}.</p>
<ul>
{items}
</ul>
<footer>Built {e(built)} with newsvoices {e(__version__)}.</footer>
</body>
</html>
"""
