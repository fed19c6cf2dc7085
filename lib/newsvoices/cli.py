"""Command line: ``python -m newsvoices SUBCOMMAND ...`` (also installed as ``newsvoices``).

Every subcommand has ``--help``. Usage errors and unreadable input exit with status 2 and a
one-line message on stderr, never a traceback.

Example:
    $ python -m newsvoices corpus seeds
    $ python -m newsvoices report --corpus seeds --out reports
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pandas as pd

from .corpus import Corpus, CorpusError, load_corpus

__all__ = ["main", "build_parser"]

FORMATS = ("table", "csv", "jsonl")


class UsageError(Exception):
    """Bad arguments or input detected after parsing; reported in one line, exit 2."""


def write_frame(frame: pd.DataFrame, fmt: str, stream=None) -> None:
    """Write ``frame`` to ``stream`` (stdout) as an aligned table, CSV or JSON Lines."""
    stream = stream or sys.stdout
    if fmt == "csv":
        frame.to_csv(stream, index=False)
    elif fmt == "jsonl":
        if len(frame):
            text = frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
            stream.write(text if text.endswith("\n") else text + "\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 80):
            stream.write((frame.to_string(index=False) if len(frame) else "(no rows)") + "\n")


def _load(path: str) -> Corpus:
    corpus = load_corpus(path)
    skipped = corpus.skipped
    for row in skipped.itertuples():
        print(f"newsvoices: {row.status}: {row.file}: {row.reason}", file=sys.stderr)
    return corpus


def _cmd_corpus(args: argparse.Namespace) -> None:
    corpus = _load(args.path)
    write_frame(corpus.load_report, args.format)


def _cmd_report(args: argparse.Namespace) -> None:
    from .report import build_report

    index = build_report(args.corpus, out=args.out, actors=args.actors, notebooks=args.notebooks)
    print(f"newsvoices: report written: {index}", file=sys.stderr)


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
    p.add_argument("path", help="folder of .txt articles, a .txt/.csv/.jsonl file")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.set_defaults(func=_cmd_corpus)

    p = sub.add_parser("report", help="execute the notebooks on a corpus and render static HTML",
                       description="Execute every notebook with CORPUS/ACTORS injected into its "
                       "'parameters' cell and render each to HTML, plus an index page.")
    p.add_argument("--corpus", required=True, help="folder or file of articles")
    p.add_argument("--actors", default=None, help="actor registry (CSV); default: actors.csv beside the articles")
    p.add_argument("--out", required=True, help="folder to write the HTML site to")
    p.add_argument("--notebooks", default=None, help="folder of notebooks (default: the project's notebooks/)")
    p.set_defaults(func=_cmd_report)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.func(args)
    except (CorpusError, UsageError, FileNotFoundError) as exc:
        print(f"newsvoices: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    return 0
