"""Command line: ``python -m newsvoices SUBCOMMAND ...`` (also installed as ``newsvoices``).

Every subcommand has ``--help``. Usage errors and unreadable input exit with status 2 and a
one-line message on stderr, never a traceback; a warning is one line too, without Python's
source line. The actor registry (``--actors``, else ``actors.csv`` beside the articles) is read
before any work, and a registry with problems stops the command with its file, row and fix.
Tables (``--format table``, the default) fit the terminal (:func:`format_table`); ``csv`` and
``jsonl`` write every column with exact values.

Example:
    $ python -m newsvoices corpus seeds
    $ python -m newsvoices words seeds --top 20 --ngram 2
    $ python -m newsvoices statements seeds --cues my_cues.csv --corrections fixes.csv
    $ python -m newsvoices report --corpus seeds --out reports
    $ python -m newsvoices report --corpus seeds --out reports -p TERMS='["Abe","Rouhani"]' -p TOP_N=10
    $ python -m newsvoices archive archive/ tables/ --address tcp://scheduler:8786
    $ python -m newsvoices cache --clear
"""

from __future__ import annotations

import argparse
import json
import numbers
import os
import shutil
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import pandas as pd

from .actors import ActorRegistry, ActorsError, find_registry, load_actors
from .archive import OutputFolderError, analyse_archive
from .cache import cache_dir, cache_usage, clear_cache
from .corpus import Corpus, CorpusError, root_of
from .records import STATEMENT_COLUMNS
from .report import ReportError, build_report, notebook_parameters, notebook_paths
from .store import analyse, load_corpus
from .stances import stance_matrix
from .tone import tone_by_actor, tone_toward_tables
from .words import term_frequencies

__all__ = ["UsageError", "build_parser", "check_registry", "format_table", "main", "parse_parameters",
           "registry_problems", "table_width", "write_frame"]

FORMATS = ("table", "csv", "jsonl")
#: Width of a table written to a pipe or a file (not a terminal) when ``$COLUMNS`` is not set.
PIPE_WIDTH = 100
#: Characters a text column keeps at least (all of it when shorter); columns that do not fit so
#: are left out, from the right, rather than squeezed into a few letters each.
TEXT_MIN = 20
#: Characters the column that matters most (``wide=``) gets before the columns after it are shown.
WIDE_MIN = 40
#: Columns of paths (the load report's, the cache's): cut in the middle, so the file's name stays.
PATH_COLUMNS = {"file", "folder", "path"}
#: Between two columns of a table.
GAP = "  "
#: Columns of ``statements`` as a table, first: who said what, how (the article, the sentence,
#: the offsets and the rest follow when the terminal is wide enough; ``--format csv`` has them all).
STATEMENT_TABLE = ["speaker", "cue", "content", "mode", "article"]
#: Notebook parameters set by ``report``'s own options, not by ``-p``.
REPORT_OPTIONS = {"CORPUS": "--corpus", "ACTORS": "--actors"}
#: The file that marks a folder as the output of ``newsvoices archive`` (which brings its registry).
ARCHIVE_META = "archive.json"


class UsageError(Exception):
    """Bad arguments or input detected after parsing; reported in one line, exit 2."""


def write_frame(frame: pd.DataFrame, fmt: str, stream=None, width: int | None = None, *,
                wide: str | None = None) -> None:
    """Write ``frame`` to ``stream`` (stdout) as a table that fits the terminal, CSV or JSON Lines.

    Args:
        frame: The table.
        fmt: ``"table"`` (:func:`format_table`), ``"csv"`` or ``"jsonl"`` (every column, exact values).
        stream: Where to write (default: stdout).
        width: Characters per line of a table (default: :func:`table_width` of ``stream``).
        wide: The text column of a table that gets room first (see :func:`format_table`).
    """
    stream = stream or sys.stdout
    if fmt == "csv":
        frame.to_csv(stream, index=False)
    elif fmt == "jsonl":
        if len(frame):
            text = frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
            stream.write(text if text.endswith("\n") else text + "\n")
    else:
        stream.write(format_table(frame, table_width(stream) if width is None else width, wide=wide) + "\n")


def table_width(stream=None) -> int:
    """Characters per line for a table written to ``stream`` (stdout): ``$COLUMNS`` if set, else
    the terminal's width, else (a pipe, a file) :data:`PIPE_WIDTH`.

    Example:
        >>> import io
        >>> "COLUMNS" in os.environ or table_width(io.StringIO()) == 100  # not a terminal
        True
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    isatty = getattr(stream or sys.stdout, "isatty", None)
    if callable(isatty) and isatty():
        return shutil.get_terminal_size((PIPE_WIDTH, 24)).columns
    return PIPE_WIDTH


@dataclass
class _Column:
    header: str
    cells: list[str]
    numeric: bool  # aligned right, never cut
    natural: int  # the width that shows every cell and the header whole
    minimum: int  # the least it gets: numbers whole (the header wrapped at "_"), some text


def format_table(frame: pd.DataFrame, width: int = PIPE_WIDTH, *, wide: str | None = None) -> str:
    """``frame`` as a plain-text table of at most ``width`` characters per line.

    Text is left-aligned and cut with "…" where it does not fit (the longest columns first;
    paths, in columns named as in :data:`PATH_COLUMNS`, in the middle to keep the file's name);
    numbers are right-aligned and never cut: whole numbers as such, other numbers with three
    decimals when every value lies within ±1 (tone, shares), else two. Missing values are
    blank. A header longer than its numbers wraps at its underscores. Columns that do not fit
    even cut (each text column keeps at least :data:`TEXT_MIN` characters) are left out from the
    right and named in a last line.

    Args:
        frame: The table (its index is not shown).
        width: Characters per line.
        wide: The text column that matters most (what a statement says): it gets room first,
            up to :data:`WIDE_MIN` characters, before the columns after it are shown.

    Returns:
        The lines of the table, without a final newline; ``"(no rows)"`` for an empty table.

    Example:
        >>> frame = pd.DataFrame({"speaker": ["Rouhani", "Abe"], "tone": [0.123456, None], "n": [3, 12]})
        >>> print(format_table(frame))
        speaker   tone   n
        Rouhani  0.123   3
        Abe             12
        >>> print(format_table(pd.DataFrame({"who": ["Abe"], "said": ["We will keep talking to Iran."]}), 30))
        who  said
        Abe  We will keep talking to…
    """
    if frame.empty:
        return "(no rows)"
    columns = [_column(str(name), frame.iloc[:, i]) for i, name in enumerate(frame.columns)]
    shown: list[_Column] = []
    used = -len(GAP)
    for column in columns:
        if shown and used + len(GAP) + column.minimum > width:
            break
        shown.append(column)
        used += len(GAP) + column.minimum
    main = next((c for c in shown if c.header == wide and not c.numeric), None)
    if main is not None:  # room for it before the columns after it
        wanted = min(main.natural, WIDE_MIN) - main.minimum
        while shown[-1] is not main and used + wanted > width:
            used -= len(GAP) + shown.pop().minimum
    widths = _fit(shown, width - len(GAP) * (len(shown) - 1), main)
    headers = [_wrap_header(c.header, w) for c, w in zip(shown, widths)]
    depth = max(len(h) for h in headers)
    lines = []
    for i in range(depth):  # headers wrapped on several lines stand on the last ones
        parts = [h[i - depth + len(h)] if i >= depth - len(h) else "" for h in headers]
        lines.append(_line(shown, widths, parts, header=True))
    for r in range(len(frame)):
        lines.append(_line(shown, widths, [c.cells[r] for c in shown]))
    hidden = [c.header for c in columns[len(shown):]]
    if hidden:
        note = f"(and {len(hidden)} more column{'s' if len(hidden) > 1 else ''}, shown by --format csv: {', '.join(hidden)})"
        lines.append(_cut(note, max(width, 1)))
    return "\n".join(lines)


def _column(header: str, values: pd.Series) -> _Column:
    cells, numeric = _cells(values)
    value_width = max(len(c) for c in cells)
    natural = max(value_width, len(header))
    if numeric:
        word = max(len(w) for w in header.split("_"))
        minimum = max(value_width, min(word, natural))
    else:
        minimum = min(natural, TEXT_MIN)
    return _Column(header, cells, numeric, natural, minimum)


def _cells(values: pd.Series) -> tuple[list[str], bool]:
    """The cells of a column as text, and whether it holds numbers."""
    missing = values.isna().to_numpy()
    if values.dtype == object and all(isinstance(v, numbers.Real) and not isinstance(v, bool)
                                      for v, m in zip(values, missing) if not m):
        values = pd.to_numeric(values)  # numbers held as objects (with None) are numbers
        missing = values.isna().to_numpy()
    if pd.api.types.is_bool_dtype(values):
        return ["" if m else str(bool(v)) for v, m in zip(values, missing)], False
    if pd.api.types.is_numeric_dtype(values):
        present = values[~missing].astype(float)
        whole = bool(len(present)) and bool(present.map(float.is_integer).all())
        if pd.api.types.is_integer_dtype(values) or (whole and present.abs().max() > 1):  # a count with gaps
            return ["" if m else str(int(v)) for v, m in zip(values, missing)], True
        decimals = 3 if not len(present) or present.abs().max() <= 1 else 2
        return ["" if m else _decimal(float(v), decimals) for v, m in zip(values, missing)], True
    if pd.api.types.is_datetime64_any_dtype(values):
        present = values[~missing]
        dated = len(present) == 0 or bool((present == present.dt.normalize()).all())
        return ["" if m else v.strftime("%Y-%m-%d" if dated else "%Y-%m-%d %H:%M") for v, m in zip(values, missing)], False
    return ["" if m else " ".join(str(v).split()) for v, m in zip(values, missing)], False


def _decimal(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text  # no "-0.000"


def _fit(columns: list[_Column], room: int, main: _Column | None = None) -> list[int]:
    """Widths within ``room``: every column its minimum, the ``main`` column up to
    :data:`WIDE_MIN`, then one character at a time to the narrowest text column still cut, then
    to the numbers' headers; all of it when it fits."""
    widths = [c.minimum for c in columns]
    room -= sum(widths)
    if main is not None:
        i = columns.index(main)
        more = max(0, min(room, min(main.natural, WIDE_MIN) - widths[i]))
        widths[i] += more
        room -= more
    for numeric in (False, True):
        while room > 0:
            wanting = [i for i, c in enumerate(columns) if c.numeric == numeric and widths[i] < c.natural]
            if not wanting:
                break
            i = min(wanting, key=lambda k: widths[k])
            widths[i] += 1
            room -= 1
    return widths


def _wrap_header(header: str, width: int) -> list[str]:
    """``header`` on lines of ``width``: whole if it fits, else wrapped at its underscores."""
    if len(header) <= width:
        return [header]
    lines = []
    for word in header.split("_"):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += "_" + word
        else:
            lines.append(word)
    return [_cut(line, width) for line in lines]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _cut_path(text: str, width: int) -> str:
    """A path cut in the middle, so that the file's name stays: ``/home/…/2019/article.txt``."""
    if len(text) <= width:
        return text
    head = (width - 1) // 3
    return text[:head] + "…" + text[len(text) - (width - 1 - head):]


def _line(columns: list[_Column], widths: list[int], cells: list[str], header: bool = False) -> str:
    parts = []
    for c, w, cell in zip(columns, widths, cells):
        cut = _cut_path(cell, w) if c.header in PATH_COLUMNS and not header else _cut(cell, w)
        parts.append(cut.rjust(w) if c.numeric else cut.ljust(w))
    return GAP.join(parts).rstrip()


# ---------------------------------------------------------------- the actor registry


def check_registry(actors: str | PathLike[str] | None, corpus: str | PathLike[str] | None = None) -> None:
    """Read the registry a command will use — ``actors``, else ``actors.csv`` beside ``corpus``
    (an archive's output brings its own) — and stop if it cannot be used as it is.

    The library warns about a registry's problems and leaves the bad rows out; a command stops
    instead, before any work, so that no row is lost unnoticed.

    Raises:
        UsageError: The file is missing, a folder, not a registry, or has problems: one line
            naming the file, the row and the fix (:func:`registry_problems`).

    Example:
        >>> check_registry("seeds/actors.csv")
        >>> check_registry(None, "seeds")
        >>> check_registry("seeds")
        Traceback (most recent call last):
        ...
        newsvoices.cli.UsageError: seeds: is a folder, not a CSV file: pass the actors.csv inside it
    """
    if actors is None:
        if corpus is None or (Path(corpus) / ARCHIVE_META).is_file():
            return
        path = find_registry(root_of(corpus))
        if path is None:  # none beside the articles: discovery only
            return
    else:
        path = Path(actors)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the problems are read from registry.problems below
        try:
            registry = load_actors(path)
        except ActorsError as exc:
            raise UsageError(str(exc)) from None
    if len(registry.problems):
        raise UsageError(registry_problems(registry))


def registry_problems(registry: ActorRegistry, most: int = 3) -> str:
    """The problems of ``registry`` in one line: its file, then each row with its fix (the first
    ``most``, then how many more and where).

    Example:
        >>> import tempfile
        >>> folder = tempfile.mkdtemp()
        >>> _ = Path(folder, "bad.csv").write_text("name,type\\nKono,alien\\n", encoding="utf-8")
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     registry = load_actors(Path(folder, "bad.csv"))
        >>> print(registry_problems(registry).replace(folder, "DIR"))
        DIR/bad.csv: row 2 (Kono): type 'alien' is not known (valid types: person, government, organisation, group) — write one of these types in the type column
    """
    rows = registry.problems.to_dict("records")
    items = []
    for p in rows[:most]:
        where = f"row {p['row']}" + (f" ({p['name']})" if p["name"] else "")
        fix = str(p["fix"]).split("; ")[0]  # what to do; not what the library does meanwhile
        items.append(f"{where}: {p['problem']} — {fix}")
    more = rows[most:]
    if more:
        items.append(f"and {len(more)} more (row{'s' if len(more) > 1 else ''} "
                     + ", ".join(str(p["row"]) for p in more) + ")")
    return f"{registry.path}: " + "; ".join(items)


# ---------------------------------------------------------------- notebook parameters


def parse_parameters(items: Sequence[str]) -> dict[str, object]:
    """Notebook parameters from ``-p NAME=VALUE`` options: VALUE read as JSON (a list, a number,
    ``null``, a quoted string), else taken as a plain string. A name given twice keeps its last value.

    Raises:
        UsageError: An item without ``=`` or whose name is not a Python name, or ``CORPUS`` /
            ``ACTORS`` (set with ``--corpus`` / ``--actors``).

    Example:
        >>> parse_parameters(['TERMS=["Modi", "Sharif"]', "TOP_N=10", "GOLD=gold.csv", "NOTE="])
        {'TERMS': ['Modi', 'Sharif'], 'TOP_N': 10, 'GOLD': 'gold.csv', 'NOTE': ''}
    """
    parameters: dict[str, object] = {}
    for item in items:
        name, equals, value = item.partition("=")
        name = name.strip()
        if not equals or not name.isidentifier():
            raise UsageError(f"-p {item}: not NAME=VALUE; write e.g. -p TOP_N=10 or -p TERMS='[\"Modi\",\"Sharif\"]'")
        if name in REPORT_OPTIONS:
            raise UsageError(f"-p {name}: set it with {REPORT_OPTIONS[name]}, not -p")
        try:
            parameters[name] = json.loads(value)
        except ValueError:
            parameters[name] = value
    return parameters


def _load(path: str, cache: bool = True, progress: bool | None = None) -> Corpus:
    corpus = load_corpus(path, cache=cache, progress=progress)
    skipped = corpus.skipped
    for row in skipped.itertuples():
        print(f"newsvoices: {row.status}: {row.file}: {row.reason}", file=sys.stderr)
    return corpus


def _cmd_corpus(args: argparse.Namespace) -> None:
    corpus = _load(args.path, cache=not args.no_cache, progress=not args.quiet)
    write_frame(corpus.load_report, args.format)


def _cmd_report(args: argparse.Namespace) -> None:
    parameters = parse_parameters(args.parameters)
    if parameters:
        try:
            known = notebook_parameters(notebook_paths(args.notebooks))
        except ReportError:  # no notebooks there: the build says so
            known = []
        unknown = [name for name in parameters if known and name not in known]
        if unknown:
            takes = ", ".join(n for n in known if n not in REPORT_OPTIONS)
            raise UsageError(f"-p {unknown[0]}: no notebook has this parameter; they take {takes}")
    check_registry(args.actors, args.corpus)  # before any notebook runs
    extra = {"parameters": parameters} if parameters else {}
    try:
        index = build_report(args.corpus, out=args.out, actors=args.actors, notebooks=args.notebooks, **extra)
    except ReportError as exc:  # a notebook failed: its name and error, not a traceback
        raise UsageError(str(exc)) from exc
    print(f"newsvoices: report written: {index}", file=sys.stderr)


def _cmd_words(args: argparse.Namespace) -> None:
    if args.top < 0:
        raise UsageError(f"--top must be 0 (all terms) or more, not {args.top}")
    corpus = _load(args.path, cache=not args.no_cache, progress=not args.quiet)
    frame = term_frequencies(corpus, ngram=args.ngram, by=args.by, lemma=args.lemma, top=args.top or None)
    write_frame(frame, args.format)


def _analysis(args: argparse.Namespace):
    check_registry(args.actors, args.path)
    for option, given in (("--cues", args.cues), ("--corrections", args.corrections)):
        if given is not None and not Path(given).is_file():
            raise UsageError(f"{option} {given}: no such file; pass the CSV file of your "
                             f"{option[2:]} (see `python -m newsvoices statements --help`)")
    corpus = _load(args.path, cache=not args.no_cache, progress=not args.quiet)
    try:
        result = analyse(corpus, args.actors, scheduler=args.scheduler, workers=args.workers,
                         address=args.address, cache=not args.no_cache, progress=not args.quiet,
                         cues=args.cues, corrections=args.corrections)
    except ActorsError as exc:
        raise UsageError(str(exc)) from None
    return corpus, result


def _cmd_statements(args: argparse.Namespace) -> None:
    _, result = _analysis(args)
    columns = STATEMENT_COLUMNS
    if args.format == "table":  # who said what first; the rest as far as the terminal allows
        columns = STATEMENT_TABLE + [c for c in STATEMENT_COLUMNS if c not in STATEMENT_TABLE]
    write_frame(result.statements[columns], args.format, wide="content")


def _cmd_tone(args: argparse.Namespace) -> None:
    _, result = _analysis(args)
    if args.by == "stance":
        frame = stance_matrix(result.stance)[["speaker", "target", "stance", "n", "thin"]]
    elif args.by == "target":
        frame = tone_toward_tables(result.mentions, result.sentences)
    else:
        frame = tone_by_actor(result.statements, by=args.by)
    write_frame(frame, args.format)


def _cmd_archive(args: argparse.Namespace) -> None:
    if args.batch is not None and args.batch < 1:
        raise UsageError(f"--batch {args.batch}: a task needs at least one file")
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers {args.workers}: give at least 1 (or leave it out for every core)")
    check_registry(args.actors, args.path)
    try:
        run = analyse_archive(args.path, args.out, args.actors, address=args.address, workers=args.workers,
                              batch=args.batch, overwrite=args.overwrite, progress=not args.quiet)
    except (OSError, OutputFolderError, ActorsError) as exc:  # a scheduler out of reach, a full disk, ...
        if isinstance(exc, (FileExistsError, FileNotFoundError)):
            raise
        raise UsageError(str(exc) or type(exc).__name__) from exc
    for row in run.load_report[run.load_report["status"] != "loaded"].itertuples():
        print(f"newsvoices: {row.status}: {row.file}: {row.reason}", file=sys.stderr)
    totals = run.parts.drop(columns="part").sum()
    parts = f"{len(run.parts)} part" + ("s" if len(run.parts) != 1 else "")
    print(f"{run.folder}: {parts}; " + ", ".join(f"{n:,} {name}" for name, n in totals.items()))


def _cmd_cache(args: argparse.Namespace) -> None:
    where = cache_dir()
    if args.clear:
        freed = clear_cache()
        print(f"{where}: cleared, {_size(freed)} freed")
        return
    usage = cache_usage()
    if args.format != "table":
        write_frame(usage, args.format)
        return
    corpora, analyses = (int((usage["kind"] == kind).sum()) for kind in ("corpus", "analysis"))
    print(f"{where}: {_size(int(usage['bytes'].sum()))} in {corpora} {'corpus' if corpora == 1 else 'corpora'} "
          f"and {analyses} {'analysis' if analyses == 1 else 'analyses'}; `newsvoices cache --clear` empties it")


def _size(n: int) -> str:
    """``n`` bytes for a reader: ``"12.3 MB"``."""
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return ""


def _add_path(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="folder of .txt articles, a .txt/.csv/.jsonl file, or the output of `archive`")


def _add_format(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")


def _pipeline_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--actors", default=None,
                   help="actor registry CSV (default: actors.csv beside the articles, else discovery only); "
                   "read first: a row with a problem stops the command, naming the row and the fix")
    p.add_argument("--cues", default=None, metavar="CSV",
                   help="your reporting cues (default: cues.csv beside the articles, if any); rows that cannot "
                   "be used are named in a warning and left out")
    p.add_argument("--corrections", default=None, metavar="CSV",
                   help="statements to drop or give to another speaker (default: corrections.csv beside the "
                   "articles, if any); rows that cannot be used are named in a warning and left out")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="processes (default: all cores)")
    p.add_argument("--scheduler", choices=("processes", "serial", "dask"), default="processes",
                   help="where the work runs (default: processes on this machine)")
    p.add_argument("--address", default=None, metavar="URL",
                   help="Dask scheduler address (tcp://host:8786) of a cluster to run on")
    _load_options(p, "neither read nor write the Parquet cache (of the corpus and of its tables)")


def _load_options(p: argparse.ArgumentParser, no_cache_help: str) -> None:
    p.add_argument("--no-cache", action="store_true", help=no_cache_help)
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m newsvoices",
        description="Actor-centred analysis of news articles: words, who said what, tone.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("corpus", help="load articles and print the load report",
                       description="Load a corpus and print one row per file: file, status "
                       "(loaded/skipped/duplicate), reason, id, words, sentences.")
    _add_path(p)
    _load_options(p, "read every file, neither reading nor writing the cached copy of a large corpus")
    _add_format(p)
    p.set_defaults(func=_cmd_corpus)

    p = sub.add_parser("report", help="execute the notebooks on a corpus and render static HTML",
                       description="Execute every notebook with CORPUS/ACTORS (and any -p NAME=VALUE) "
                       "injected into its 'parameters' cell and render each to HTML, plus an index page. "
                       "The actor registry and the parameters are checked before any notebook runs.")
    p.add_argument("--corpus", required=True, help="folder or file of articles")
    p.add_argument("--actors", default=None, help="actor registry (CSV); default: actors.csv beside the articles; "
                   "read before any notebook runs")
    p.add_argument("--out", required=True, help="folder to write the HTML site to")
    p.add_argument("--notebooks", default=None, help="folder of notebooks (default: the project's notebooks/)")
    p.add_argument("-p", "--parameter", dest="parameters", action="append", default=[], metavar="NAME=VALUE",
                   help="set a notebook parameter (repeatable; the last of a name counts); VALUE is read as JSON, "
                   "else as a string: "
                   "-p TOP_N=10 -p TERMS='[\"Modi\",\"Sharif\"]'")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("words", help="most frequent words or phrases, in the corpus or per article",
                       description="Count content words (stop words and numbers left out) or "
                       "2-/3-word phrases. Rows: term, count, per_1000 (per 1,000 words), and "
                       "article with --by article.")
    _add_path(p)
    p.add_argument("--top", type=int, default=20, metavar="N",
                   help="rows to print, per article with --by article (default: 20; 0: all)")
    p.add_argument("--ngram", type=int, choices=(1, 2, 3), default=1,
                   help="1: words, 2: two-word phrases, 3: three-word phrases (default: 1)")
    p.add_argument("--by", choices=("article",), default=None, help="count per article")
    p.add_argument("--lemma", action="store_true", help="count lemmas (officials + official)")
    _load_options(p, "read every file, neither reading nor writing the cached copy of a large corpus")
    _add_format(p)
    p.set_defaults(func=_cmd_words)

    p = sub.add_parser("statements", help="who said what: one row per (statement, speaker)",
                       description="Attribute direct quotes and reported speech to speakers. Rows: "
                       "statement_id, article, start, end, text, quote, mode, cue, speaker, "
                       "speaker_type, affiliation, resolved_by, source.")
    _add_path(p)
    _pipeline_options(p)
    _add_format(p)
    p.set_defaults(func=_cmd_statements)

    p = sub.add_parser("tone", help="tone by speaker, affiliation or target, or the stance matrix",
                       description="Tone of what each actor says (--by speaker|affiliation), of the "
                       "coverage around each actor (--by target), or who speaks about whom and how "
                       "(--by stance: speaker, target, stance from -1 to 1, n statements).")
    _add_path(p)
    _pipeline_options(p)
    p.add_argument("--by", choices=("speaker", "affiliation", "target", "stance"), default="speaker",
                   help="what to aggregate by (default: speaker)")
    _add_format(p)
    p.set_defaults(func=_cmd_tone)

    p = sub.add_parser("archive", help="analyse a large archive into Parquet tables, on a cluster or all cores",
                       description="Read and analyse every article without holding the corpus in this "
                       "process: tasks (on a Dask cluster with --address, else on this machine's cores) "
                       "read batches of files and write each table as Parquet parts in OUT "
                       "(<table>/part-NNNNNN.parquet, load_report.parquet), with the articles (corpus/). Read them "
                       "back with newsvoices.read_archive(OUT) or any Parquet reader; newsvoices.load_corpus(OUT), "
                       "the notebooks and `newsvoices report --corpus OUT` open OUT as a corpus with its tables.")
    p.add_argument("path", help="folder of .txt articles, a .txt/.csv/.jsonl file, or an earlier archive's "
                   "output (analysed again from its articles, e.g. with another --actors)")
    p.add_argument("out", help="output folder, outside the articles (must not exist, unless --overwrite)")
    p.add_argument("--actors", default=None,
                   help="actor registry CSV (default: actors.csv beside the articles, else discovery only; "
                   "for an archive given as PATH, the one it was made with)")
    p.add_argument("--address", default=None, metavar="URL",
                   help="Dask scheduler address (tcp://host:8786); its workers must see PATH and OUT")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="without --address: processes on this machine (default: all cores; "
                   "with --address the cluster's workers are used)")
    p.add_argument("--batch", type=int, default=None, metavar="N",
                   help="article files per task (default: 1,000, or fewer so that every worker gets about four); "
                   "an archive given as PATH keeps its parts")
    p.add_argument("--overwrite", action="store_true", help="replace OUT if it holds an earlier archive")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=_cmd_archive)

    p = sub.add_parser("cache", help="where the cache is, how big, and how to clear it",
                       description="The cache keeps a copy of each large corpus loaded and of each analysis, "
                       "so that the notebooks and commands read them back in seconds. It lives in the user's "
                       "cache folder (~/.cache/newsvoices on Linux, ~/Library/Caches/newsvoices on macOS, "
                       "%LOCALAPPDATA%\\newsvoices\\Cache on Windows), or in $NEWSVOICES_CACHE if set; never "
                       f"beside the articles. Here it is {cache_dir()}. It keeps the 8 most recently used copies of each kind. Without "
                       "options: print where it is and how big; --format csv|jsonl lists every copy.")
    p.add_argument("--clear", action="store_true", help="delete every copy (the next run computes them again)")
    _add_format(p)
    p.set_defaults(func=_cmd_cache)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    with warnings.catch_warnings():  # restores Python's way of showing warnings on return
        warnings.showwarning = _show_warning
        try:
            args.func(args)
        except (CorpusError, UsageError, FileNotFoundError, FileExistsError) as exc:
            print(f"newsvoices: error: {_one_line(exc)}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # e.g. piped into `head`
            return 0
    return 0


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning in one line, without the source line Python adds."""
    print(f"newsvoices: warning: {_one_line(message)}", file=sys.stderr)


def _one_line(message) -> str:
    return " ".join(str(message).split())
