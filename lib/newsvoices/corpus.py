"""Read a corpus of news articles from text files, CSV or JSON Lines.

The loader never loses input silently: every file (or table row) it sees is listed in
:attr:`Corpus.load_report` with a status (``loaded``, ``skipped`` or ``duplicate``) and, when
not loaded, the reason and the fix.

:func:`read_corpus` always reads the files. :func:`newsvoices.load_corpus` (in
:mod:`newsvoices.store`) is what users call: the same corpus, read back from the cache when a
large corpus was read before, or from the output of an archive.

Example:
    >>> corpus = read_corpus("seeds")                     # doctest: +SKIP
    >>> corpus.to_frame()[["id", "date", "words"]]        # doctest: +SKIP
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import pandas as pd

from .parallel import process_pool, progress_bar
from .records import ARTICLE_COLUMNS, LOAD_REPORT_COLUMNS, SENTENCE_COLUMNS
from .text import count_words, decode_bytes, normalise_text, split_text, squash_spaces

__all__ = ["Article", "Corpus", "CorpusError", "Loader", "PathInput", "input_files", "no_articles", "origin_of",
           "plan_files", "read_corpus", "root_of", "text_digest"]

PathInput = str | PathLike[str] | Sequence[str | PathLike[str]]

#: Names of companion files that may sit beside the articles and are not articles.
COMPANION_FILES = {"metadata.csv", "actors.csv", "actors.yaml", "actors.yml", "cues.csv", "corrections.csv"}
TABLE_SUFFIXES = {".csv", ".jsonl"}
TITLE_CHARS = 80

# Optional header at the very start of a text file. ``date`` may share the line with the text
# (as in ``date 2019-12-20 Visiting Iranian President ...``); other keys take a whole line and
# need a colon so that ordinary opening words ("Source of ...") are never mistaken for them.
_DATE_HEADER = re.compile(r"\A\s*date\s*:?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.IGNORECASE)
_LINE_HEADER = re.compile(r"\A\s*(title|source|date)\s*:[ \t]*([^\n]*)\n", re.IGNORECASE)


class CorpusError(ValueError):
    """The corpus cannot be loaded at all; the message names the path and the fix."""


@dataclass(frozen=True)
class Article:
    """One news article, normalised, with its paragraph and sentence offsets.

    Attributes:
        id: Article identifier (the file stem, or the ``id`` column of a table).
        text: Article body, normalised (NFC, LF, no invisible characters), header removed.
        title: Title from metadata, or the first sentence shortened to 80 characters.
        date: Publication date, if known.
        source: Outlet or origin, if known.
        path: File the article came from (for a table: ``file.csv:row 3``).
        paragraph_spans: ``(start, end)`` offsets of each paragraph in :attr:`text`. Text that
            lost its paragraph breaks (a paragraph over ``MAX_PARAGRAPH_CHARS``, 3,000
            characters) is cut between sentences into paragraphs of about that size, see
            :func:`newsvoices.text.split_text`.
        sentence_spans: ``(paragraph, start, end)`` for each sentence, in text order.

    Example:
        >>> a = Article.from_text("x", "Abe spoke. Rouhani listened.")
        >>> a.sentences
        ['Abe spoke.', 'Rouhani listened.']
    """

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    path: str | None = None
    paragraph_spans: tuple[tuple[int, int], ...] = ()
    sentence_spans: tuple[tuple[int, int, int], ...] = ()

    @classmethod
    def from_text(
        cls,
        id: str,
        text: str,
        *,
        title: str | None = None,
        date: dt.date | str | None = None,
        source: str | None = None,
        path: str | None = None,
    ) -> Article:
        """Build an article from raw text: normalise, read the header, split, fill the title."""
        text = normalise_text(text)
        header, text = parse_header(text)
        text = text.strip()
        title = title or header.get("title")
        source = source or header.get("source")
        date = _parse_date(date) if date else _parse_date(header.get("date"))
        paragraph_spans, sentence_spans = split_text(text)
        paragraphs, sentences = tuple(paragraph_spans), tuple(sentence_spans)
        if not title and sentences:
            title = shorten(text[sentences[0][1] : sentences[0][2]])
        return cls(id, text, title or None, date, source or None, path, paragraphs, sentences)

    @property
    def paragraphs(self) -> list[str]:
        """The paragraphs' text."""
        return [self.text[s:e] for s, e in self.paragraph_spans]

    @property
    def sentences(self) -> list[str]:
        """The sentences' text."""
        return [self.text[s:e] for _, s, e in self.sentence_spans]

    @functools.cached_property
    def sentence_sizes(self) -> tuple[int, ...]:
        """Word tokens in each sentence (counted once per article object, by the loader's
        worker for a loaded article).

        The same tokens as :func:`newsvoices.tokens`: where a sentence break falls inside a
        run of letters ("at 5 p.m.Traders sold"), the two sides are two words.
        """
        return tuple(count_words(self.text[s:e]) for _, s, e in self.sentence_spans)

    def with_id(self, id: str) -> Article:
        """The same article under another id."""
        return Article(id, self.text, self.title, self.date, self.source, self.path, self.paragraph_spans,
                       self.sentence_spans)

    @property
    def n_words(self) -> int:
        """Number of word tokens: the sum of :attr:`sentence_sizes`."""
        return sum(self.sentence_sizes)


@dataclass
class Corpus:
    """An ordered collection of :class:`Article` plus the report of how it was loaded.

    Attributes:
        articles: The loaded articles, in load order (files sorted by path).
        load_report: One row per file or table row seen: ``file``, ``status``
            (loaded / skipped / duplicate), ``reason``, ``id``, ``words``, ``sentences``.
        root: The folder the corpus came from (where ``actors.csv`` is looked for), if any.
        origin: What :func:`load_corpus` was given (the paths, resolved, and ``recursive``);
            ``None`` for a corpus built in memory. A new analysis of a corpus of the same origin
            replaces the cached analysis of the previous one (see :func:`newsvoices.analyse`).
        archive: The output folder of :func:`~newsvoices.analyse_archive` the corpus was read
            from, if any: :func:`~newsvoices.analyse` reads its tables instead of analysing
            again, when they were made from these articles with the same actor registry and
            library version.
    """

    articles: list[Article]
    load_report: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=LOAD_REPORT_COLUMNS))
    root: Path | None = None
    origin: str | None = None
    archive: Path | None = None

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __getitem__(self, key: int | str) -> Article:
        if isinstance(key, str):
            for article in self.articles:
                if article.id == key:
                    return article
            raise KeyError(f"no article with id {key!r}; ids are {[a.id for a in self.articles]}")
        return self.articles[key]

    @property
    def skipped(self) -> pd.DataFrame:
        """Rows of :attr:`load_report` that were not loaded."""
        return self.load_report[self.load_report["status"] != "loaded"].reset_index(drop=True)

    def to_frame(self) -> pd.DataFrame:
        """One row per article: ``id``, ``title``, ``date``, ``source``, ``words``, ``sentences``.

        ``date`` is a pandas datetime (``NaT`` when unknown).

        Example:
            >>> Corpus([Article.from_text("a", "One. Two.")]).to_frame()[["id", "sentences"]]
              id  sentences
            0  a          2
        """
        rows = [
            {
                "id": a.id,
                "title": a.title,
                "date": pd.Timestamp(a.date) if a.date else pd.NaT,
                "source": a.source,
                "words": a.n_words,
                "sentences": len(a.sentence_spans),
            }
            for a in self.articles
        ]
        frame = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
        frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
        return frame

    def sentences(self) -> pd.DataFrame:
        """One row per sentence: ``article``, ``paragraph``, ``sentence``, ``start``, ``end``, ``text``.

        ``sentence`` numbers sentences within the article from 0; offsets index into
        ``Article.text``.
        """
        rows = [
            (a.id, p, i, s, e, a.text[s:e])
            for a in self.articles
            for i, (p, s, e) in enumerate(a.sentence_spans)
        ]
        return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


# --------------------------------------------------------------------------------------------
# loading


def read_corpus(path: PathInput, *, recursive: bool = True, progress: bool = False) -> Corpus:
    """Read articles from a folder, a file, or a list of files (no cache: see
    :func:`newsvoices.load_corpus`, which users call).

    * a folder: every ``.txt`` file, sorted by path, in subfolders too; other files are
      listed as skipped; an optional ``metadata.csv`` (columns ``id`` or ``file``, and any of
      ``title``, ``date``, ``source``) supplies metadata;
    * a ``.txt`` file: one article; its stem is the id;
    * a ``.csv`` or ``.jsonl`` file: one article per row, from a ``text`` column with
      optional ``id``, ``title``, ``date``, ``source``.

    A text file may start with a header: ``date 2019-12-20`` (the text may follow on the same
    line) and/or lines ``title: ...``, ``source: ...``. Files are decoded from UTF-8 (with or
    without BOM), UTF-16, or a legacy single-byte encoding (see
    :func:`~newsvoices.text.decode_bytes`). A folder of :data:`PARALLEL_FILES` or more articles
    is read on all CPU cores, with the same result.

    Args:
        path: Folder, file, or list of files and folders.
        recursive: Look into subfolders of a folder.
        progress: Show a progress bar while a folder of :data:`PARALLEL_FILES` or more files
            is read.

    Returns:
        The :class:`Corpus`, with its :attr:`~Corpus.origin`; see its ``load_report`` for every
        file seen.

    Raises:
        CorpusError: The path does not exist, or nothing loadable was found.

    Example:
        >>> corpus = read_corpus("seeds")          # doctest: +SKIP
        >>> len(corpus), corpus["002_51685c235f0e8719"].date   # doctest: +SKIP
        (3, datetime.date(2019, 12, 20))
    """
    if not isinstance(path, (str, PathLike)):
        path = list(path)  # a generator of paths is read once
    entries, root = plan_files(path, recursive)
    loader = Loader(progress)
    loader.load(entries)
    corpus = Corpus(loader.articles, pd.DataFrame(loader.rows, columns=LOAD_REPORT_COLUMNS), root,
                    origin_of(path, recursive))
    if not corpus.articles:
        raise no_articles(path, loader.rows)
    return corpus


def origin_of(path: PathInput, recursive: bool) -> str:
    """What a corpus was read from, as one string (:attr:`Corpus.origin`): the paths given,
    resolved (``seeds`` and ``../seeds`` are one folder), and the ``recursive`` flag."""
    given = [path] if isinstance(path, (str, PathLike)) else list(path)
    resolved = []
    for item in given:
        try:
            resolved.append(os.fspath(Path(item).resolve()))
        except (OSError, RuntimeError):
            resolved.append(os.path.abspath(item))
    return json.dumps({"paths": resolved, "recursive": recursive})


def no_articles(path: PathInput, rows: list[dict]) -> CorpusError:
    """The error for a source where no article could be loaded, naming the first files' reasons."""
    where = path if isinstance(path, (str, PathLike)) else ", ".join(map(str, path))
    detail = "; ".join(f"{r['file']}: {r['reason']}" for r in rows[:5])
    return CorpusError(
        f"{where}: no articles found"
        + (f" ({detail})" if detail else " (no .txt, .csv or .jsonl files)")
        + ". Add UTF-8 .txt files, one article each, or a .csv/.jsonl with a 'text' column."
    )


def plan_files(path: PathInput, recursive: bool) -> tuple[list[tuple], Path]:
    """What to read for :func:`load_corpus`, in corpus order, and the corpus's root folder.

    Entries: ``("report", file, status, reason)`` for a file seen but not read (and problems
    with a ``metadata.csv``), ``("text", path, metadata, fallback id)`` for an article file of
    a folder, ``("file", path)`` for a file given by itself (``.txt``, ``.csv`` or ``.jsonl``).
    """
    if isinstance(path, (str, PathLike)):
        p = Path(path)
        if not p.exists():
            raise CorpusError(
                f"{p}: no such file or folder. Pass a folder of .txt articles, a .txt/.csv/.jsonl "
                f"file, or a list of files (current folder: {Path.cwd()})."
            )
        return (_folder_plan(p, recursive) if p.is_dir() else [_file_entry(p)]), root_of(p)
    paths = [Path(x) for x in path]
    if not paths:
        raise CorpusError("an empty list of files was given: pass at least one article file.")
    entries: list[tuple] = []
    for p in paths:
        if not p.exists():
            entries.append(("report", _label(p), "skipped", "file not found: check the path"))
        elif p.is_dir():
            entries.extend(_folder_plan(p, recursive))
        else:
            entries.append(_file_entry(p))
    return entries, root_of(paths)


def _file_entry(path: Path) -> tuple:
    """The entry of a file given by itself; a name that is not valid UTF-8 is reported."""
    return ("file", path) if _encodable(str(path)) else _misnamed(path)


def _label(path: Path) -> str:
    """``path`` as the load report shows it: a name that is not valid UTF-8 (which no table
    can hold) by its bytes, with ``\\x`` escapes."""
    return str(path) if _encodable(str(path)) else os.fsencode(path).decode("utf-8", "backslashreplace")


def _misnamed(path: Path) -> tuple:
    """A file whose name is not valid UTF-8, reported."""
    return ("report", _label(path), "skipped",
            "its name is not valid UTF-8 (shown with \\x escapes): rename the file")


class _Notes:
    """Collects what :func:`_read_metadata` reports, as plan entries."""

    def __init__(self) -> None:
        self.entries: list[tuple] = []

    def report(self, file: str, status: str, reason: str = "") -> None:
        self.entries.append(("report", file, status, reason))


def _folder_plan(folder: Path, recursive: bool) -> list[tuple]:
    """The entries of one folder (see :func:`plan_files`): its metadata's problems first."""
    notes = _Notes()
    metadata = _read_metadata(folder / "metadata.csv", notes)
    entries = notes.entries
    for f in _folder_files(folder, recursive):
        if not _encodable(str(f)):
            entries.append(_misnamed(f))  # its id, its place in the report: nothing could hold it
            continue
        if not _is_article_file(f):
            if f.name.lower() not in COMPANION_FILES:
                entries.append(("report", str(f), "skipped", not_an_article(f)))
            continue
        rel = f.relative_to(folder)
        meta = metadata.get(f.stem) or metadata.get(rel.as_posix()) or metadata.get(f.name) or {}
        entries.append(("text", f, meta, rel.with_suffix("").as_posix()))
    return entries


def root_of(path: PathInput) -> Path:
    """The folder of a corpus read from ``path`` (where ``actors.csv`` is looked for): the first
    path given, or the folder of that file."""
    first = Path(path if isinstance(path, (str, PathLike)) else next(iter(path)))
    return first.parent if first.is_file() else first


class Loader:
    """Reads the entries of :func:`plan_files` into articles and a load report, in order:
    duplicates are reported, clashing ids renamed (see :meth:`admit`). The archive subclasses
    it to read batches of files in separate tasks (overriding :meth:`report` and :meth:`accept`).
    """

    def __init__(self, progress: bool = False) -> None:
        self.progress = progress
        self.articles: list[Article] = []
        self.rows: list[dict] = []
        self._hashes: dict[str, str] = {}
        self._ids: set[str] = set()
        self._admitted = 0  # articles accepted so far

    def report(self, file: str, status: str, reason: str = "", article: Article | None = None) -> None:
        self.rows.append(
            {
                "file": file,
                "status": status,
                "reason": reason,
                "id": article.id if article else None,
                "words": article.n_words if article else 0,
                "sentences": len(article.sentence_spans) if article else 0,
            }
        )

    def load(self, entries: list[tuple]) -> None:
        """Read the entries of :func:`plan_files`, in order; the article files together (on all
        cores when there are many)."""
        built = iter(_read_articles([(e[1], e[2]) for e in entries if e[0] == "text"], self.progress))
        for entry in entries:
            if entry[0] == "report":
                self.report(*entry[1:])
            elif entry[0] == "text":
                self.accept(str(entry[1]), entry[3], next(built))
            else:
                self.load_file(entry[1])

    def load_file(self, f: Path) -> None:
        """Read a file given by itself: a ``.csv`` or ``.jsonl`` table, or one ``.txt`` article."""
        suffix = f.suffix.lower()
        if suffix == ".csv":
            self._load_table(f, _csv_rows(f))
        elif suffix == ".jsonl":
            self._load_table(f, _jsonl_rows(f))
        else:
            metadata = _read_metadata(f.parent / "metadata.csv", self)
            self.load_text(f, metadata.get(f.stem) or metadata.get(f.name) or {}, f.stem)

    def load_text(self, f: Path, meta: dict, fallback_id: str) -> None:
        """Read one article file (with its metadata) and accept it under ``fallback_id`` if its
        own id clashes."""
        self.accept(str(f), fallback_id, _read_article((f, meta)))

    def _load_table(self, f: Path, rows: Iterator[tuple[str, dict | str]]) -> None:
        try:
            for where, row in rows:
                label = f"{f}:{where}"
                if isinstance(row, str):  # a parse error for this row
                    self.report(label, "skipped", row)
                    continue
                text = row.get("text")
                if not isinstance(text, str):
                    self.report(label, "skipped", "no 'text' value in this row: add the article text")
                    continue
                rid = str(row.get("id") or "").strip() or f"{f.stem}-{where.split()[-1]}"
                meta = {k: row.get(k) for k in ("title", "date", "source") if row.get(k)}
                self._add(label, rid, rid, text, meta)
        except (ValueError, OSError, UnicodeError) as exc:
            self.report(str(f), "skipped", f"cannot be read as a table: {exc}")

    def _add(self, label: str, preferred_id: str, fallback_id: str, text: str, meta: dict) -> None:
        self.accept(label, fallback_id, _build_article(label, preferred_id, text, meta))

    def accept(self, label: str, fallback_id: str, built: Article | str) -> None:
        """Add a built article (or report why there is none): duplicates and ids, in order."""
        if isinstance(built, str):
            self.report(label, "skipped", built)
            return
        article = built
        final_id = self.admit(label, fallback_id, article.id, text_digest(article.text))
        if final_id is None:
            return
        if final_id != article.id:
            article = article.with_id(final_id)
        self.articles.append(article)
        self.report(label, "loaded", "", article)

    def admit(self, label: str, fallback_id: str, article_id: str, digest: str) -> str | None:
        """The id under which an article (read from ``label``, with ``article_id`` and text
        :func:`text_digest` ``digest``) joins the corpus; ``None``, reported, for a duplicate.
        A clashing id becomes ``fallback_id`` (the file's path), or that with ``~<position>`` (or
        the next free number)."""
        if digest in self._hashes:
            self.report(label, "duplicate", f"same text as {self._hashes[digest]}: not counted twice")
            return None
        if article_id in self._ids:
            article_id = fallback_id
            n = self._admitted
            while article_id in self._ids:  # "a~2" may itself be an id given
                article_id = f"{fallback_id}~{n}"
                n += 1
        self._hashes[digest] = label
        self._ids.add(article_id)
        self._admitted += 1
        return article_id


def text_digest(text: str) -> str:
    """What tells two articles' texts apart when duplicates are looked for."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


#: From this many article files on, a folder is read and split on all CPU cores.
PARALLEL_FILES = 400


def _read_articles(jobs: list[tuple[Path, dict]], progress: bool = False) -> list[Article | str]:
    """:func:`_read_article` of every job, in order; on all cores for a large folder, with a
    progress bar if ``progress``."""
    if len(jobs) < PARALLEL_FILES:
        return [_read_article(job) for job in jobs]
    workers = min(os.cpu_count() or 1, 8)
    out: list[Article | str] = []
    with progress_bar(len(jobs), progress, "loading", "file") as bar:
        if workers >= 2:
            try:
                with process_pool(workers) as pool:
                    for built in pool.map(_read_article, jobs, chunksize=256):
                        out.append(built)
                        bar.update()
                return out
            except (OSError, RuntimeError):  # no processes allowed here (a sandbox): read them in this one
                out.clear()
                bar.reset()
        for job in jobs:
            out.append(_read_article(job))
            bar.update()
    return out


def _read_article(job: tuple[Path, dict]) -> Article | str:
    """Read, decode and split one article file; the reason it cannot be loaded otherwise."""
    f, meta = job
    try:
        data = f.read_bytes()
    except OSError as exc:
        return f"cannot be read ({exc.strerror}): check its permissions"
    try:
        text = decode_bytes(data)
    except ValueError as exc:
        return str(exc)
    return _build_article(str(f), f.stem, text, meta)


def _build_article(label: str, preferred_id: str, text: str, meta: dict) -> Article | str:
    """The article of one text, its words counted; or the reason it cannot be loaded."""
    if not text.strip():
        return "empty or whitespace only: add text or remove the file"
    try:
        article = Article.from_text(
            meta.get("id") or preferred_id,
            text,
            title=_clean(meta.get("title")),
            date=_clean(meta.get("date")),
            source=_clean(meta.get("source")),
            path=label,
        )
    except ValueError as exc:  # a bad date in metadata
        return str(exc)
    if not article.text.strip():
        return "holds only a header, no article text"
    article.sentence_sizes  # noqa: B018 -- counted here, in the worker that split it
    return article


def _folder_files(folder: Path, recursive: bool) -> list[Path]:
    """The files of a folder the loader looks at, in its order (hidden ones left out)."""
    pattern = "**/*" if recursive else "*"
    return sorted(
        (f for f in folder.glob(pattern) if f.is_file() and not _hidden(f.relative_to(folder))),
        key=lambda f: f.relative_to(folder).as_posix(),
    )


def not_an_article(f: Path) -> str:
    """Why a file of a folder is not read."""
    return (f"not a .txt article ({f.suffix or 'no extension'}); a folder is read for .txt files only: "
            "pass .csv/.jsonl tables as a path of their own")


def _is_article_file(f: Path) -> bool:
    """Whether a file of a folder is read as an article (a ``.txt`` file, not a companion)."""
    return f.suffix.lower() == ".txt" and f.name.lower() not in COMPANION_FILES


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in rel.parts)


def input_files(path: PathInput, recursive: bool) -> tuple[list[Path], list[Path]] | None:
    """The files :func:`read_corpus` would look at: ``(read, listed)``, the files whose bytes
    decide the corpus (the ``.txt`` articles and ``metadata.csv`` of a folder, a file given by
    name and the ``metadata.csv`` beside it) and those it only names in the load report
    (skipped by their suffix, companions). ``None`` for a path that is missing."""
    given = [path] if isinstance(path, (str, PathLike)) else list(path)
    read: list[Path] = []
    listed: list[Path] = []
    for item in given:
        p = Path(item)
        if p.is_dir():
            for f in _folder_files(p, recursive):
                (read if _is_article_file(f) else listed).append(f)
            if (p / "metadata.csv").is_file():
                read.append(p / "metadata.csv")
        elif p.is_file():
            read.append(p)
            if (p.parent / "metadata.csv").is_file():
                read.append(p.parent / "metadata.csv")
        else:
            return None
    return read, listed


def _clean(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    s = squash_spaces(str(value))
    return s or None


def _csv_rows(f: Path) -> Iterator[tuple[str, dict | str]]:
    text = decode_bytes(f.read_bytes())
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "text" not in [h.strip().lower() for h in reader.fieldnames]:
        raise ValueError(f"no 'text' column (columns: {reader.fieldnames}); name the article column 'text'")
    for i, row in enumerate(reader, start=1):
        yield f"row {i}", {(k or "").strip().lower(): v for k, v in row.items()}


def _jsonl_rows(f: Path) -> Iterator[tuple[str, dict | str]]:
    text = decode_bytes(f.read_bytes())
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"line {i}", f"not valid JSON ({exc.msg}): fix or remove this line"
            continue
        if not isinstance(obj, dict):
            yield f"line {i}", "not a JSON object: each line must be {\"text\": ...}"
            continue
        broken = [str(k) for k, v in obj.items() if not _encodable(str(k)) or (isinstance(v, str) and not _encodable(v))]
        if broken:
            yield f"line {i}", (f"'{_printable(broken[0])}' holds a \\u escape that is no character (half of a "
                                "UTF-16 surrogate pair): fix the escape or remove this line")
            continue
        yield f"line {i}", {str(k).lower(): v for k, v in obj.items()}


def _encodable(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (JSON's ``\\ud800`` escapes make strings that cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _read_metadata(path: Path, loader: Loader | _Notes) -> dict[str, dict]:
    if not path.is_file():
        return {}
    try:
        reader = csv.DictReader(io.StringIO(decode_bytes(path.read_bytes())))
        rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in r.items()} for r in reader]
    except (ValueError, csv.Error) as exc:
        loader.report(str(path), "skipped", f"metadata file cannot be read ({exc}); fix or remove it")
        return {}
    meta: dict[str, dict] = {}
    for r in rows:
        key = r.get("id") or r.get("file")
        if key:
            meta[key] = r
            meta[Path(key).stem] = r
    return meta


def parse_header(text: str) -> tuple[dict[str, str], str]:
    """Split an optional metadata header off the start of ``text``.

    Recognised: ``date YYYY-MM-DD`` (with or without a colon; the article may continue on the
    same line), and whole lines ``title: ...``, ``source: ...``, ``date: ...``.

    Example:
        >>> parse_header(" date 2019-12-20 Visiting Iranian President ...")
        ({'date': '2019-12-20'}, 'Visiting Iranian President ...')
    """
    header: dict[str, str] = {}
    while True:
        m = _DATE_HEADER.match(text) or _LINE_HEADER.match(text)
        if not m:
            break
        key = "date" if m.re is _DATE_HEADER else m.group(1).lower()
        value = m.group(1) if m.re is _DATE_HEADER else m.group(2).strip()
        if key in header:
            break
        header[key] = value
        text = text[m.end() :]
    return header, text.lstrip() if header else text


#: Years a date of the tables can hold (pandas' nanosecond timestamps).
DATE_YEARS = (pd.Timestamp.min.year + 1, pd.Timestamp.max.year - 1)


def _parse_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    else:
        try:
            date = pd.Timestamp(str(value)).date()
        except (ValueError, TypeError, OverflowError, NotImplementedError):  # year 0 and before: the last
            raise ValueError(f"date {value!r} is not a date: write it as YYYY-MM-DD") from None
    if not DATE_YEARS[0] <= date.year <= DATE_YEARS[1]:
        raise ValueError(f"date {value!r} is outside the years {DATE_YEARS[0]}–{DATE_YEARS[1]} that the tables "
                         "can hold: check it")
    return date


def shorten(text: str, limit: int = TITLE_CHARS) -> str:
    """Shorten ``text`` to at most ``limit`` characters at a word boundary, adding '…'.

    Example:
        >>> shorten("Visiting Iranian President Hassan Rouhani met Prime Minister Shinzo Abe", 40)
        'Visiting Iranian President Hassan…'
    """
    text = squash_spaces(text)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit - 1].rstrip(",;:") + "…"
