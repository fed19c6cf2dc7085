"""Command line: ``python -m newsvoices SUBCOMMAND ...`` (also installed as ``newsvoices``).

Every subcommand has ``--help``. Usage errors and unreadable input exit with status 2 and a
one-line message on stderr, never a traceback.

Example:
    $ python -m newsvoices corpus seeds
    $ python -m newsvoices words seeds --top 20 --ngram 2
    $ python -m newsvoices report --corpus seeds --out reports
    $ python -m newsvoices archive archive/ tables/ --address tcp://scheduler:8786
    $ python -m newsvoices cache --clear
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pandas as pd

from .actors import ActorsError
from .archive import OutputFolderError, analyse_archive
from .cache import cache_dir, cache_usage, clear_cache
from .corpus import Corpus, CorpusError
from .records import STATEMENT_COLUMNS
from .report import ReportError, build_report
from .store import analyse, load_corpus
from .stances import stance_matrix
from .tone import tone_by_actor, tone_toward_tables
from .words import term_frequencies

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
    try:
        index = build_report(args.corpus, out=args.out, actors=args.actors, notebooks=args.notebooks)
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
    corpus = _load(args.path, cache=not args.no_cache, progress=not args.quiet)
    try:
        result = analyse(corpus, args.actors, scheduler=args.scheduler, workers=args.workers,
                         address=args.address, cache=not args.no_cache, progress=not args.quiet)
    except ActorsError as exc:
        raise UsageError(str(exc)) from None
    return corpus, result


def _cmd_statements(args: argparse.Namespace) -> None:
    _, result = _analysis(args)
    write_frame(result.statements[STATEMENT_COLUMNS], args.format)


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
                   help="actor registry CSV (default: actors.csv beside the articles, else discovery only)")
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
                       description="Execute every notebook with CORPUS/ACTORS injected into its "
                       "'parameters' cell and render each to HTML, plus an index page.")
    p.add_argument("--corpus", required=True, help="folder or file of articles")
    p.add_argument("--actors", default=None, help="actor registry (CSV); default: actors.csv beside the articles")
    p.add_argument("--out", required=True, help="folder to write the HTML site to")
    p.add_argument("--notebooks", default=None, help="folder of notebooks (default: the project's notebooks/)")
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
    try:
        args.func(args)
    except (CorpusError, UsageError, FileNotFoundError, FileExistsError) as exc:
        print(f"newsvoices: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    return 0
