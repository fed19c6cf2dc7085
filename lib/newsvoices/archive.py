"""An archive too large for one process: the workers read the files and write the tables.

:func:`~newsvoices.analyse` holds the corpus and every table in the calling process, which is
what the notebooks want and what a laptop can hold for tens of thousands of articles. A news
archive of millions does not fit there: :func:`analyse_archive` never brings the texts or the
tables to the calling process. It runs in two rounds of tasks, on a Dask cluster (``address``)
or on this machine's cores:

1. **read**: each task reads a batch of files (decoding, sentence splitting, exactly as
   :func:`~newsvoices.load_corpus`), keeps the articles on disk next to the output and sends
   back only their ids and text digests; the calling process then settles duplicates and id
   clashes in corpus order, as ``load_corpus`` does, and builds the load report;
2. **analyse**: each task reads its batch back, analyses it (the pipeline's steps) and writes
   its part of every table as Parquet.

The output folder holds one Parquet *dataset* per table, ``<table>/part-000000.parquet`` and
so on in corpus order, plus ``load_report.parquet`` and ``archive.json``. Read it with
:func:`read_archive` (an :class:`~newsvoices.Analysis`, identical, row for row, to
``analyse(load_corpus(source))``) when it fits in memory, or with any Parquet reader — for
example ``dask.dataframe.read_parquet(folder / "statements")`` — when it does not.

On a cluster, every worker must see ``source`` and the output folder under the same paths (a
shared file system) and have newsvoices installed; the calling process sends only file names,
the actor registry and small decisions.

Example:
    >>> import newsvoices as nv
    >>> run = nv.analyse_archive("archive/", "archive-tables/",
    ...                          address="tcp://scheduler:8786")    # doctest: +SKIP
    >>> run.parts[["part", "articles", "statements"]].sum()          # doctest: +SKIP
    >>> nv.read_archive("archive-tables/").statements                # doctest: +SKIP
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import math
import os
import shutil
import time
import uuid
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from .actors import ActorRegistry, load_actors, resolve_registry
from .cache import articles_digest, library_fingerprint, registry_digest
from .corpus import Article, Corpus, CorpusError, Loader, no_articles, origin_of, plan_files, text_digest
from .nlp import load_pipeline
from .parallel import Executor, progress_bar, wants_progress
from .parquet import ERRORS, articles_table, read_articles, read_part, write_part
from .pipeline import analyse_articles, combine, finish
from .records import LOAD_REPORT_COLUMNS, TABLE_COLUMNS, Analysis

__all__ = ["ArchiveRun", "OutputFolderError", "analyse_archive", "read_archive", "BATCH", "CORPUS"]

#: Article files read and analysed by one task (a ``.csv``/``.jsonl`` file given counts as one).
BATCH = 1000
#: Tables of an archive, each a folder of parts.
TABLES = Analysis.TABLES
#: Folder of an archive holding its articles (text, metadata, paragraphs and sentences), in parts.
CORPUS = "corpus"
#: The archive's copy of the actor registry file it was analysed with, if it was one.
ACTORS = "actors.csv"


def _part_name(part: int, parts: int) -> str:
    """``part-000012.parquet``: numbered with as many digits as the last part needs (six at
    least), so that the names sort in corpus order."""
    return f"part-{part:0{max(6, len(str(parts - 1)))}d}.parquet"


@dataclass
class ArchiveRun:
    """What :func:`analyse_archive` wrote.

    Attributes:
        folder: The output folder.
        load_report: One row per file seen (``Corpus.load_report``'s columns).
        parts: One row per part (a batch of articles): ``part``, ``articles`` and the rows
            written to each table (``sentences``, ``words``, ``phrases``, ``statements``,
            ``mentions``, ``stance``).
    """

    folder: Path
    load_report: pd.DataFrame
    parts: pd.DataFrame


# ---------------------------------------------------------------- the tasks


class _Recorder(Loader):
    """A loader that keeps what it read in order, without settling duplicates or ids: those
    are settled for the whole archive in the calling process."""

    def __init__(self) -> None:
        super().__init__(progress=False)
        self.records: list[tuple] = []

    def report(self, file: str, status: str, reason: str = "", article: Article | None = None) -> None:
        self.records.append(("report", file, status, reason))

    def accept(self, label: str, fallback_id: str, built: Article | str) -> None:
        if isinstance(built, str):
            self.records.append(("report", label, "skipped", built))
            return
        self.articles.append(built)
        self.records.append(("article", label, fallback_id, built.id, text_digest(built.text), built.n_words,
                             len(built.sentence_spans)))


def _read_batch(entries: list[tuple], staged: str) -> list[list[tuple]]:
    """Read one batch of files (a task); keep its articles in ``staged``; return the records
    of each entry."""
    reader = _Recorder()
    out = []
    for entry in entries:
        reader.records = []
        if entry[0] == "text":
            reader.load_text(entry[1], entry[2], entry[3])
        else:
            reader.load_file(entry[1])
        out.append(reader.records)
    pq.write_table(articles_table(reader.articles), staged)
    return out


def _analyse_batch(staged: str, ids: list[str | None], folder: str, part: int, parts: int,
                   registry: ActorRegistry) -> dict:
    """Analyse one batch (a task): its articles under their settled ids (``None``: left out),
    every table written as ``<folder>/<table>/part-<part>.parquet``; return the rows written.
    Running it again (Dask does, when a worker is lost) writes the same files."""
    articles = read_articles(Path(staged))
    if articles is None or len(articles) != len(ids):
        if Path(staged).parent.name != "_staged":  # a part of an archive given as the source
            raise CorpusError(f"{staged}: cannot be read (a damaged file); build {Path(staged).parents[1]} again "
                              "from its source, with --overwrite")
        raise RuntimeError(f"{staged}: the articles read in the first round cannot be read back; run again")
    kept = [a if new == a.id else a.with_id(new) for a, new in zip(articles, ids) if new is not None]
    tables = analyse_articles(kept, registry)
    for name in TABLES:
        write_part(tables[name], name, Path(folder) / name / _part_name(part, parts))
    # the articles themselves, in the loader's format: load_corpus(out) reads them back
    pq.write_table(articles_table(kept), Path(folder) / CORPUS / _part_name(part, parts), write_page_checksum=True)
    return {"part": part, "articles": len(kept), **{name: len(tables[name]) for name in TABLES if name != "articles"},
            "digest": articles_digest(kept)}


# ---------------------------------------------------------------- public


def analyse_archive(
    source: str | PathLike[str] | Sequence[str | PathLike[str]],
    out: str | PathLike[str],
    actors: ActorRegistry | str | PathLike[str] | None = None,
    *,
    address: str | None = None,
    workers: int | None = None,
    batch: int | None = None,
    recursive: bool = True,
    overwrite: bool = False,
    progress: bool | None = None,
) -> ArchiveRun:
    """Analyse a corpus of any size into Parquet tables, without holding it in this process.

    Args:
        source: What :func:`~newsvoices.load_corpus` takes: a folder, a file or a list of files;
            or the output of an earlier ``analyse_archive``, whose articles are analysed again
            (with another registry, say) part by part, without reading the original files.
        out: The output folder (see the module's description); written whole or not at all.
        actors: Actor registry (default: ``actors.csv`` beside the corpus, if any; for an
            archive given as the source, the registry it was made with).
        address: A Dask scheduler (``tcp://host:8786``): the tasks run on its workers, which
            must see ``source`` and ``out`` under the same paths.
        workers: Without ``address``: processes of this machine (default: every core; ``1``:
            this process only).
        batch: Article files per task; a ``.csv``/``.jsonl`` file is read by one task whole.
            Default: :data:`BATCH`, or fewer so that every worker gets about four tasks. An
            archive given as the source keeps its parts.
        recursive: Look into subfolders of a folder.
        overwrite: Replace ``out`` if it holds an archive (or nothing); else an existing
            ``out`` is an error. ``out`` is never the source, a folder holding it or a folder
            inside it.
        progress: Show progress bars (``None``: unless ``NEWSVOICES_NO_PROGRESS`` is set).

    Returns:
        An :class:`ArchiveRun`: the folder, the load report and the rows of each part.

    Raises:
        CorpusError: ``source`` does not exist or holds no article.
        FileExistsError: ``out`` exists and ``overwrite`` is false; or it is a file, or a folder
            holding anything but an archive's tables (``overwrite`` replaces only those).
        OutputFolderError: ``out`` is empty, the current folder or holds it, or is, holds or
            lies inside the source, or lies in an unfinished run's working folder.
        ValueError: ``batch`` or ``workers`` < 1.

    Example:
        >>> run = analyse_archive("seeds", "seed-tables", workers=1, progress=False)  # doctest: +SKIP
        >>> run.parts[["part", "articles", "statements"]]                             # doctest: +SKIP
           part  articles  statements
        0     0         1          18
        1     1         1          15
        2     2         1          17
    """
    if batch is not None and batch < 1:
        raise ValueError(f"batch={batch}: a task needs at least one file")
    if workers is not None and workers < 1:
        raise ValueError(f"workers={workers}: give at least 1 (or None for every core)")
    if not isinstance(source, (str, PathLike)):
        source = list(source)
    folder = _output_folder(out, source, overwrite)
    progress = wants_progress(progress)
    earlier = _archive_source(source)
    if earlier is None:
        plan, root = plan_files(source, recursive)
        registry = resolve_registry(root, actors)
        tasks = [k for k, entry in enumerate(plan) if entry[0] != "report"]
    else:  # an archive's output: its articles, already read and settled, part by part
        root = earlier["root"]
        registry = archive_registry(earlier["folder"], root) if actors is None else resolve_registry(root, actors)
        if actors is None and registry_digest(registry) != earlier["meta"].get("registry"):
            raise CorpusError(f"{earlier['folder']}: the actor registry it was made with is not kept in it; pass "
                              "that registry (actors=, or --actors on the command line), or another one")
        if batch is not None:
            warnings.warn(f"batch={batch} is not used: an archive given as the source keeps its parts", stacklevel=2)
    made = _missing_parents(folder)
    work = _work_of(folder)
    done = owned = False
    try:
        partial = _working_folder(work)
        owned = True  # from here on, the working folder is this run's to remove
        # each worker loads the spaCy pipeline as it starts (this process never holds it)
        with Executor.start("processes", workers, address, shared=registry, prepare=load_pipeline) as executor:
            for name in ("_staged", CORPUS, *TABLES):  # made here: a task stopped late cannot make them again
                (partial / name).mkdir()
            if earlier is None:
                size = batch or _batch_size(len(tasks), executor.slots)
                batches = [tasks[i : i + size] for i in range(0, len(tasks), size)]
                staged = [str(partial / "_staged" / _part_name(b, len(batches))) for b in range(len(batches))]
                with progress_bar(len(tasks), progress, "reading", "file") as bar:
                    read = list(executor.map(_read_batch, [([plan[k] for k in ks], staged[b])
                                                           for b, ks in enumerate(batches)],
                                             sizes=[len(ks) for ks in batches], bar=bar))
                report, ids = _settle(plan, batches, read)
                if not (report["status"] == "loaded").any():
                    raise no_articles(source, report.head(5).to_dict("records"))
            else:
                staged, ids, report = earlier["parts"], earlier["ids"], earlier["report"]
            n_parts = len(staged)
            kept = [sum(x is not None for x in batch_ids) for batch_ids in ids]
            with progress_bar(sum(kept), progress, "analysing", "article") as bar:
                rows = list(executor.map(_analyse_batch, [(staged[b], ids[b], str(partial), b, n_parts)
                                                          for b in range(n_parts)], sizes=kept, bar=bar, shared=True))
        part_articles = [row["articles"] for row in rows]  # rows come in part order
        corpus_digest = _combined(row["digest"] for row in rows)
        if earlier is not None and (part_articles, corpus_digest) != (earlier["meta"].get("part_articles"),
                                                                       earlier["meta"].get("corpus")):
            raise CorpusError(f"{earlier['folder'] / CORPUS}: its parts are not the articles the archive wrote "
                              f"(moved, replaced or edited); build {earlier['folder']} again from its source, "
                              "with --overwrite")
        shutil.rmtree(partial / "_staged")
        registry_file = _keep_registry(registry, partial / ACTORS)  # opening the archive uses the same one
        report.to_parquet(partial / "load_report.parquet", index=False, write_page_checksum=True)
        parts = pd.DataFrame(rows, columns=["part", "articles", *[t for t in TABLES if t != "articles"]])
        (partial / "archive.json").write_text(json.dumps({
            "newsvoices": library_fingerprint(), "source": json.loads(origin_of(source, recursive)),
            "root": os.fspath(Path(root).resolve()), "registry": registry_digest(registry),
            "registry_file": registry_file, "parts": n_parts, "tables": list(TABLES),
            "articles": sum(part_articles), "part_articles": part_articles, "corpus": corpus_digest,
        }, indent=1))
        if folder.exists():
            folder.rename(work / "previous")  # kept until the new one is in place
        partial.rename(folder)
        done = True
        made = []  # the parents now hold the output
    finally:
        if not done and (work / "previous").is_dir() and not folder.exists():
            (work / "previous").rename(folder)  # stopped between the two renames: the old archive stays
        for _ in range(3 if owned else 0):  # a task of a failed run still writing may add a file meanwhile
            shutil.rmtree(work, ignore_errors=True)
            if not work.exists():
                break
            time.sleep(1)
        for parent in made:  # the folders made for the output, if nothing else came into them
            try:
                parent.rmdir()
            except OSError:
                break
    return ArchiveRun(folder, report, parts)


def _archive_source(source) -> dict | None:
    """For an archive's output given as the source: its parts of articles, their ids, its load
    report and the folder of its own source; ``None`` for any other source. The texts stay in
    the parts: the tasks read them."""
    if not isinstance(source, (str, PathLike)) or archive_meta(Path(source)) is None:
        return None
    folder = Path(source).resolve()
    meta, report, parts, ids, _ = _opened(folder)
    root = Path(meta["root"]) if isinstance(meta.get("root"), str) else folder
    return {"parts": [str(part) for part in parts], "ids": ids, "report": report, "root": root, "meta": meta,
            "folder": folder}


def _opened(folder: Path) -> tuple[dict, pd.DataFrame, list[Path], list[list[str]], str]:
    """An archive's description, load report, parts of articles and the ids in each, checked
    against one another; and the advice to give if a part turns out damaged later.

    Raises:
        CorpusError: The archive cannot be read, or was written before archives kept their
            articles.
    """
    meta = archive_meta(folder) or {}
    paths = meta["source"].get("paths") if isinstance(meta.get("source"), dict) else None
    source = " ".join(map(str, paths)) if isinstance(paths, list) and paths else "SOURCE"
    again = f"; build it again: newsvoices archive {source} {folder} --overwrite"
    if not (folder / CORPUS).is_dir():
        raise CorpusError(f"{folder}: this archive was written by an earlier version of newsvoices, which did not "
                          f"keep the articles{again}")
    parts = sorted((folder / CORPUS).glob("part-*.parquet"))
    def read(path: Path, how: Callable):
        try:
            return how(path)
        except ERRORS as exc:
            raise CorpusError(f"{path}: cannot be read ({exc}){again}") from None

    report = read(folder / "load_report.parquet", lambda p: pd.read_parquet(p, page_checksum_verification=True))
    ids = [read(part, lambda p: pq.read_table(p, columns=["id"]).column("id").to_pylist()) for part in parts]
    count = sum(map(len, ids))
    if not _whole_number(meta.get("articles")) or count != meta["articles"]:
        raise CorpusError(f"{folder}: {count} articles in {CORPUS}/, archive.json says {meta.get('articles')}{again}")
    return meta, report, parts, ids, again


class OutputFolderError(ValueError):
    """The output folder given to :func:`analyse_archive` is not a safe place to write."""


def _output_folder(out: str | PathLike[str], source, overwrite: bool) -> Path:
    """``out``, absolute, once it is known to be a safe place to write (see :func:`analyse_archive`)."""
    if not str(out).strip():
        raise OutputFolderError("the output folder is empty (\"\"): name a folder to write the tables to")
    folder = Path(out).resolve()
    here = Path.cwd().resolve()
    if folder == here or folder in here.parents:
        raise OutputFolderError(f"{out}: the output folder is the current folder or holds it; name a new folder")
    given = _resolved_sources(source)
    for item, path in given.items():
        where = ("is" if folder == path else "holds" if folder in path.parents
                 else "lies inside" if path in folder.parents else None)
        if where:
            raise OutputFolderError(f"{out}: the output folder {where} the source {item}; replacing it, or "
                                    "reading it again later, would take the articles with it: choose a folder "
                                    "outside them")
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"{out}: is a file; choose a folder to write the tables to")
    if folder.exists() and not overwrite:
        raise FileExistsError(f"{out}: the output folder exists; pass overwrite=True (CLI: --overwrite) "
                              "to replace it, or choose another folder")
    if folder.exists() and any(folder.iterdir()) and not _is_archive(folder):
        raise FileExistsError(f"{out}: holds files that are not an archive's tables, so overwrite=True does "
                              "not replace it; choose another folder, or empty this one")
    work = _work_of(folder)
    marked = functools.lru_cache(maxsize=None)(lambda q: (q / _MARK).is_file())
    inside = [p for p in (folder, *given.values()) if p == work or work in p.parents or any(map(marked, p.parents))]
    if inside:
        raise OutputFolderError(f"{inside[0]}: lies in the working folder of an unfinished archive run, which "
                                "a run removes; move it out first")
    return folder


def _resolved_sources(source) -> dict:
    """Each path of ``source`` with its absolute, resolved form. A folder is resolved whole; a
    file through its folder (resolved once per folder), so that a list of a million files
    costs a stat each, not a walk of every path."""
    folders: dict[Path, Path] = {}
    out = {}
    for item in [source] if isinstance(source, (str, PathLike)) else source:
        path = Path(item)
        if path.name in ("", ".", "..") or path.is_dir():
            out[item] = path.resolve()
        else:
            parent = folders.get(path.parent)
            if parent is None:
                parent = folders[path.parent] = path.parent.resolve()
            out[item] = parent / path.name
    return out


def _is_archive(folder: Path) -> bool:
    """Whether ``folder`` holds an archive's output and nothing else (what ``overwrite`` may replace)."""
    expected = {"archive.json", "load_report.parquet", CORPUS, ACTORS, *TABLES}
    return archive_meta(folder) is not None and all(p.name in expected for p in folder.iterdir())


def archive_meta(folder: Path) -> dict | None:
    """What ``archive.json`` in ``folder`` says, if it is the description of an archive."""
    try:
        meta = json.loads((folder / "archive.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) and {"newsvoices", "tables"} <= meta.keys() else None


def _whole_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _keep_registry(registry: ActorRegistry, path: Path) -> str | None:
    """Write ``registry`` to ``path`` so that it reads back as the same actors: a copy of its
    file, or (a registry built or changed in memory, a file edited since) its table. Return
    the file's name, or ``None`` when there is nothing to keep (no actors) or it cannot be kept
    (then opening the archive needs the registry passed again; a warning says so)."""
    if not registry.actors:
        return None
    wanted = registry_digest(registry)
    writers = [lambda: registry.to_frame().to_csv(path, index=False)]
    if registry.path is not None and Path(registry.path).is_file():
        writers.insert(0, lambda: shutil.copyfile(registry.path, path))
    for write in writers:
        write()
        with warnings.catch_warnings():  # its problem rows were reported when it was first read
            warnings.simplefilter("ignore")
            if registry_digest(load_actors(path)) == wanted:
                return path.name
    path.unlink()
    warnings.warn(f"the actor registry{f' {registry.path}' if registry.path else ''} cannot be kept in the "
                  "archive so that it reads back the same: pass it again when you analyse the archive's corpus",
                  stacklevel=3)
    return None


def _combined(digests: Iterable[str]) -> str:
    """One digest of the parts' digests, in order."""
    return hashlib.sha256("".join(digests).encode()).hexdigest()


def _missing_parents(folder: Path) -> list[Path]:
    """The folders above ``folder`` that do not exist yet, deepest first (made for the run,
    removed again if it fails)."""
    missing = []
    for parent in folder.parents:
        if parent.exists():
            break
        missing.append(parent)
    return missing


#: The file that marks ``<out>.partial`` as this module's working folder (and so safe to delete).
_MARK = "newsvoices-archive-in-progress"


def _work_of(folder: Path) -> Path:
    """The working folder of a run writing to ``folder``: ``<out>.partial``, beside it."""
    return folder.with_name(f"{folder.name}.partial")


def _working_folder(work: Path) -> Path:
    """This run's own folder in the working folder ``work`` (``<out>.partial``, made and marked
    as this module's), where the tables are written. Each run writes to a folder of its own: a
    task of an earlier run that failed may still be running on a cluster, and must find its
    folder gone rather than write into this run's. The working folder left by a stopped run is
    removed; a folder of that name that is not ours is refused."""
    if work.exists():
        if not (work / _MARK).is_file():
            raise FileExistsError(f"{work}: a folder of this name is in the way of the working folder "
                                  "of this run; move it or choose another output folder")
        shutil.rmtree(work)
    work.mkdir(parents=True)
    (work / _MARK).touch()
    partial = work / uuid.uuid4().hex
    partial.mkdir()
    return partial


def _batch_size(files: int, slots: int) -> int:
    """Files per task: :data:`BATCH`, or fewer, so that each of ``slots`` workers gets about
    four tasks (a small archive is spread too, and the last tasks do not leave workers idle)."""
    return min(BATCH, max(1, math.ceil(files / (4 * slots))))


def _settle(plan: list[tuple], batches: list[list[int]], read: list[list[list[tuple]]]):
    """The load report and, for each batch, the id of each article read (``None``: a
    duplicate), settled in corpus order exactly as ``load_corpus`` settles them."""
    records = {k: entry_records for ks, batch_records in zip(batches, read) for k, entry_records in zip(ks, batch_records)}
    where = {k: b for b, ks in enumerate(batches) for k in ks}
    loader = Loader()
    ids: list[list[str | None]] = [[] for _ in batches]
    for k, entry in enumerate(plan):
        if entry[0] == "report":
            loader.report(*entry[1:])
            continue
        for record in records.pop(k):
            if record[0] == "report":
                loader.report(*record[1:])
                continue
            _, label, fallback_id, article_id, digest, words, sentences = record
            final = loader.admit(label, fallback_id, article_id, digest)
            ids[where[k]].append(final)
            if final is not None:
                loader.rows.append({"file": label, "status": "loaded", "reason": "", "id": final,
                                    "words": words, "sentences": sentences})
    return pd.DataFrame(loader.rows, columns=LOAD_REPORT_COLUMNS), ids


def read_archive(folder: str | PathLike[str]) -> Analysis:
    """The tables written by :func:`analyse_archive`, as one :class:`~newsvoices.Analysis`
    (identical to ``analyse(load_corpus(source))``). Every table is read whole: for an archive
    larger than memory, read the tables you need with ``dask.dataframe.read_parquet``.

    Raises:
        FileNotFoundError: ``folder`` is not an archive's output (no ``archive.json``).

    Example:
        >>> tables = read_archive("seed-tables")                # doctest: +SKIP
        >>> tables.statements[["speaker", "cue", "polarity"]]   # doctest: +SKIP
    """
    folder = Path(folder)
    if not (folder / "archive.json").is_file():
        raise FileNotFoundError(f"{folder}: not the output of analyse_archive (no archive.json in it); "
                                "pass the folder given as `out`")
    meta = archive_meta(folder) or {}
    count = meta.get("parts")
    if not _whole_number(count):
        raise ValueError(f"{folder / 'archive.json'}: no number of parts in it; build the archive again")
    parts = [_part_name(b, count) for b in range(count)]
    for name in TABLES:  # every part of every table: a part missing would leave rows out
        found = sorted(p.name for p in (folder / name).glob("part-*.parquet"))
        if found != parts:
            missing = sorted(set(parts) - set(found)) or sorted(set(found) - set(parts))
            raise ValueError(f"{folder / name}: holds {len(found)} of the archive's {count} parts (first difference: "
                             f"{missing[0]}); build the archive again")
    names = [n for n in TABLES if n != "articles"]
    tables = combine({name: read_part(folder / name / part) for name in names} for part in parts)
    tables = finish(tables, (read_part(folder / "articles" / part) for part in parts))
    return Analysis(**{name: tables[name] for name in TABLES})


def archive_corpus(folder: Path) -> Corpus:
    """The corpus of an archive (what :func:`~newsvoices.load_corpus` gives for its output
    folder): its articles, under their settled ids, and its load report; ``root`` is the
    source's folder while it exists.

    Raises:
        CorpusError: The archive cannot be read, or was written before archives kept their
            articles.
    """
    meta, report, parts, ids, again = _opened(folder)
    articles: list[Article] = []
    for part, part_ids in zip(parts, ids):
        read = read_articles(part)
        if read is None or [a.id for a in read] != part_ids:
            raise CorpusError(f"{part}: cannot be read (a damaged or unfinished file){again}")
        articles.extend(read)
    root = Path(meta["root"]) if isinstance(meta.get("root"), str) and Path(meta["root"]).is_dir() else None
    return Corpus(articles, report, root, archive=folder)


def archive_registry(folder: Path, root: Path | None) -> ActorRegistry:
    """The registry an archive was analysed with, as the default for its corpus: the archive's
    copy of it; none if it was analysed without actors; else (a registry the archive could not
    keep, see :func:`_keep_registry`) ``actors.csv`` beside the source, as for a folder."""
    meta = archive_meta(folder) or {}
    if meta.get("registry_file") == ACTORS and (folder / ACTORS).is_file():
        return load_actors(folder / ACTORS)
    if meta.get("registry") == registry_digest(ActorRegistry()):
        return ActorRegistry()
    return resolve_registry(root, None)


def archive_analysis(corpus: Corpus, registry: ActorRegistry) -> Analysis | None:
    """The tables of the archive ``corpus`` was read from, if they are what analysing it with
    ``registry`` gives: the archive was made with that registry, by this version of the
    library, from these articles (ids, metadata and texts). Otherwise ``None``, with a warning
    that says why: the corpus is then analysed afresh."""
    folder = corpus.archive
    meta = archive_meta(folder)
    why = None
    if meta is None:
        why = "its archive.json cannot be read"
    elif meta.get("newsvoices") != library_fingerprint():
        why = "they were made by another version of newsvoices"
    elif meta.get("registry") != registry_digest(registry):
        why = ("they were made with another actor registry (pass the registry the archive was made with, "
               "or none for its own)")
    elif not _same_articles(corpus, meta):
        why = "the corpus no longer holds the archive's articles as they were analysed"
    if why is None:
        try:
            analysis = read_archive(folder)
        except ERRORS as exc:
            why = f"they cannot be read ({exc}); build the archive again with --overwrite"
        else:
            if not all(list(getattr(analysis, name).columns) == cols for name, cols in TABLE_COLUMNS.items()):
                why = "they are not the tables this version writes; build the archive again with --overwrite"
            elif analysis.articles["id"].tolist() != [a.id for a in corpus]:
                why = "its articles table does not list the corpus's articles; build the archive again with --overwrite"
            else:
                analysis.from_cache = True
                return analysis
    warnings.warn(f"{folder}: the archive's tables are not used, {why}; analysing its {len(corpus)} articles afresh",
                  stacklevel=3)
    return None


def _same_articles(corpus: Corpus, meta: dict) -> bool:
    """Whether ``corpus`` holds the articles the archive analysed, in the same order."""
    counts = meta.get("part_articles")
    if (not isinstance(counts, list) or not all(map(_whole_number, counts)) or sum(counts) != len(corpus)
            or not isinstance(meta.get("corpus"), str)):
        return False
    starts = list(itertools.accumulate(counts, initial=0))
    return _combined(articles_digest(corpus.articles[a:b]) for a, b in itertools.pairwise(starts)) == meta["corpus"]
