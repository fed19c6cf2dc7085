"""The user's own corrections of the tool, in two CSV files beside the articles (as ``actors.csv``):

* ``cues.csv`` adds reporting verbs the library lacks ("opined") or changes the frame of one it
  has: columns ``lemma`` (a verb, or a phrase that starts with one: "put it this way"),
  ``frame`` (the complements that make it speech, as in the library's ``data/cues.csv``;
  default ``clause|quote`` for a verb, ``any`` for a phrase), ``group``, ``forms`` (optional,
  ``|``-separated: irregular forms of the verb; the regular ones are made) and ``comment``;
* ``corrections.csv`` drops a statement or gives it to another speaker: columns ``article``
  (the article's id), ``snippet`` (a few words of the statement's text; case, spaces and the
  kind of quotation marks do not matter), ``action`` (``drop`` or ``speaker``), ``speaker``
  (the new speaker, for ``speaker``), optional ``was`` (the speaker it has now, to tell apart
  two statements of one sentence) and ``comment``.

Rows that cannot be used are never dropped silently: each is a row of the corrections report
(:data:`~newsvoices.records.CORRECTION_COLUMNS`: the file, its row, the problem and the fix), and
a warning names the file and the rows. Nothing here raises: a file that cannot be read is one
problem row.

Example:
    >>> cues = load_cues(None)
    >>> len(cues), cues.match(["said"])
    (0, None)
    >>> inflections("opine")
    ('opine', 'opined', 'opines', 'opining')
"""

from __future__ import annotations

import csv
import difflib
import functools
import hashlib
import io
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import pandas as pd

from .lexicons import word_map
from .records import CORRECTION_COLUMNS
from .text import decode_bytes, trie_pattern

__all__ = [
    "ACTIONS",
    "CORRECTIONS_FILE",
    "CUES_FILE",
    "Correction",
    "Corrections",
    "UserCue",
    "UserCues",
    "correction_report",
    "find_user_file",
    "inflections",
    "load_corrections",
    "load_cues",
    "normalise_snippet",
    "report_frame",
    "report_row",
    "warn_problems",
]

#: The file of reporting cues beside the articles.
CUES_FILE = "cues.csv"
#: The file of corrections beside the articles.
CORRECTIONS_FILE = "corrections.csv"
#: What a correction does: leave the statement out, or give it to another speaker.
ACTIONS = ("drop", "speaker")
CUE_COLUMNS = ["lemma", "frame", "group", "forms", "comment"]
CORRECTION_FILE_COLUMNS = ["article", "snippet", "action", "speaker", "was", "comment"]
#: Complements a frame may list (``prep-P`` and ``prt-P`` for any preposition or particle P).
FRAME_KINDS = ("any", "clause", "quote", "obj", "xcomp", "none", "speechobj")
_FRAME_PART = re.compile(r"(?:prep|prt)-[a-z]+")
_LEMMA = re.compile(r"[A-Za-z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*)*")
_SPACES = re.compile(r"\s+")
_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                              "‘": "'", "’": "'", "‚": "'", "‛": "'"})
_FRAME_FIX = ("use any, clause, quote, obj, xcomp, none, speechobj, prep-<preposition> or prt-<particle>, "
              "|-separated (see the frame column of the library's data/cues.csv)")


def report_row(file: str, row: int, *, action: str = "", article: str = "", text: str = "", speaker: str = "",
               status: str = "problem", statement_id: str = "", statement: str = "", problem: str = "",
               fix: str = "") -> dict:
    """One row of the corrections report (:data:`~newsvoices.records.CORRECTION_COLUMNS`).

    Example:
        >>> report_row("cues.csv", 2, action="cue", text="opine", status="added")["status"]
        'added'
    """
    return {"file": file, "row": row, "action": action, "article": article, "text": text, "speaker": speaker,
            "status": status, "statement_id": statement_id, "statement": statement, "problem": problem, "fix": fix}


def _frame(rows_: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows_, columns=CORRECTION_COLUMNS).astype({"row": "int64"})


def find_user_file(corpus_root: str | PathLike[str] | None, name: str,
                   given: str | PathLike[str] | None = None) -> Path | None:
    """The file to use: ``given`` if any, else ``name`` beside the corpus when there is one.

    Example:
        >>> find_user_file(None, "cues.csv") is None
        True
    """
    if given:
        return Path(given)
    if corpus_root is not None:
        candidate = Path(corpus_root) / name
        if candidate.is_file():
            return candidate
    return None


def _read(path: Path, columns: list[str], required: list[str]) -> tuple[list[tuple[int, dict]], list[dict]]:
    """The rows of a user CSV file as ``(line, {column: value})`` (notes starting with ``#`` and
    empty rows left out), and the problems of the file as a whole."""
    file = str(path)
    if not path.is_file():
        return [], [report_row(file, 0, problem="file not found",
                               fix=f"pass an existing CSV file, or put {path.name} beside the articles")]
    try:
        text = decode_bytes(path.read_bytes())
        reader = csv.DictReader(io.StringIO(text))
        header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
        raw = list(reader)
    except (OSError, ValueError, csv.Error) as exc:
        return [], [report_row(file, 0, problem=f"cannot be read as CSV ({exc})", fix="save it as UTF-8 CSV")]
    problems = []
    missing = [c for c in required if c not in header]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        return [], [report_row(file, 1, problem=f"no {', '.join(missing)} column{plural} (columns: {header}); no row is used",
                               fix=f"make the first line {','.join(columns)}")]
    unknown = [h for h in header if h and h not in columns]
    if unknown:
        problems.append(report_row(file, 1, problem=f"unknown columns {unknown} are ignored",
                                   fix=f"use the columns {', '.join(columns)}"))
    out = []
    for line, row in enumerate(raw, start=2):
        values = {(k or "").strip().lower(): (v or "").strip() if isinstance(v, str) else "" for k, v in row.items()}
        if not any(values.values()) or next(iter(values.values()), "").startswith("#"):
            continue
        out.append((line, values))
    return out, problems


def warn_problems(path: str, problems: Iterable[dict], what: str) -> None:
    """One warning naming ``path`` and the rows of ``problems`` (nothing when there are none).

    Example:
        >>> warn_problems("corrections.csv", [], "corrections")   # no problem: no warning
    """
    problems = list(problems)
    if not problems:
        return
    listed = "; ".join(f"row {p['row']}: {p['problem']} ({p['fix']})" for p in problems[:3])
    more = f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
    warnings.warn(f"{path}: {len(problems)} problem(s) in the {what}, left out (see the corrections table of "
                  f"the analysis): {listed}{more}", stacklevel=3)


def _digest(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


# ---------------------------------------------------------------- cues


def inflections(verb: str) -> tuple[str, ...]:
    """The regular forms of an English verb: itself, -s, -ed and -ing (spelled both ways where
    a final consonant may double: "quip" → "quipped", "counter" → "countered").

    Example:
        >>> inflections("retort")
        ('retort', 'retorted', 'retorting', 'retorts')
        >>> inflections("quip")
        ('quip', 'quiped', 'quiping', 'quipped', 'quipping', 'quips')
    """
    v = verb.lower()
    forms = {v}
    if v.endswith("ee"):
        forms |= {v + "s", v + "d", v + "ing"}
    elif v.endswith("ie"):
        forms |= {v + "s", v + "d", v[:-2] + "ying"}
    elif v.endswith("e"):
        forms |= {v + "s", v + "d", v[:-1] + "ing"}
    elif re.search(r"[^aeiou]y$", v):
        forms |= {v[:-1] + "ies", v[:-1] + "ied", v + "ing"}
    elif re.search(r"(?:s|x|z|ch|sh)$", v):
        forms |= {v + "es", v + "ed", v + "ing"}
    else:
        forms |= {v + "s", v + "ed", v + "ing"}
        if re.search(r"(?:^|[^aeiou]|qu)[aeiou][bdgklmnprtv]$", v):
            forms |= {v + v[-1] + "ed", v + v[-1] + "ing"}
    return tuple(sorted(forms))


@functools.lru_cache(maxsize=1)
def _library_forms() -> dict[str, tuple[str, ...]]:
    """The word forms of each lemma of the library's ``data/cue_forms.csv``."""
    out: dict[str, list[str]] = {}
    for form, lemma in word_map("cue_forms.csv", "lemma").items():
        out.setdefault(lemma, []).append(form)
    return {lemma: tuple(forms) for lemma, forms in out.items()}


@dataclass(frozen=True)
class UserCue:
    """A reporting cue of the user's ``cues.csv``.

    Attributes:
        lemma: The verb ("opine") or a phrase that starts with one ("put it this way").
        frame: The complements that make it speech (as in ``data/cues.csv``).
        group: Its group (free text: communication, evaluation ...).
        forms: The forms of its verb (its first word) that are matched.
        row: Its line in the file.
    """

    lemma: str
    frame: str
    group: str
    forms: tuple[str, ...]
    row: int

    @property
    def words(self) -> tuple[str, ...]:
        """The words after the verb, lower case (none for a one-word cue)."""
        return tuple(self.lemma.lower().split()[1:])


@dataclass
class UserCues:
    """The cues of a user's ``cues.csv`` and the problems of its rows.

    Attributes:
        cues: The usable cues, in file order.
        problems: Rows of the corrections report, one per problem.
        path: The file read, if any.
    """

    cues: tuple[UserCue, ...] = ()
    problems: pd.DataFrame = field(default_factory=lambda: _frame([]))
    path: Path | None = None

    def __len__(self) -> int:
        return len(self.cues)

    @functools.cached_property
    def _by_form(self) -> dict[str, list[UserCue]]:
        table: dict[str, list[UserCue]] = {}
        for cue in self.cues:
            for form in cue.forms:
                table.setdefault(form, []).append(cue)
        for found in table.values():
            found.sort(key=lambda c: -len(c.words))  # the longest phrase first
        return table

    @property
    def longest(self) -> int:
        """The most words after the verb of any cue."""
        return max((len(c.words) for c in self.cues), default=0)

    def match(self, words: Sequence[str]) -> UserCue | None:
        """The cue that ``words`` (lower case, the verb first, then the words that follow it)
        start with, if any.

        Example:
            >>> cue = UserCue("put it this way", "any", "", ("put", "puts"), 2)
            >>> cues = UserCues((cue,))
            >>> cues.match(["put", "it", "this", "way", ":"]).lemma, cues.match(["put", "it", "down"])
            ('put it this way', None)
        """
        if not words:
            return None
        for cue in self._by_form.get(words[0].lower(), ()):
            rest = cue.words
            if tuple(w.lower() for w in words[1 : 1 + len(rest)]) == rest:
                return cue
        return None

    @functools.cached_property
    def trigger(self) -> re.Pattern | None:
        """A pattern of every form of every cue (with the words of a phrase): a sentence it
        matches is parsed (:func:`newsvoices.parse.candidate`); ``None`` without cues."""
        phrases = [" ".join((form, *cue.words)) for cue in self.cues for form in cue.forms]
        if not phrases:
            return None
        pattern = trie_pattern(phrases, space=r"\s+")
        return re.compile(rf"(?<![\w’'-]){pattern}(?![\w’'-])", re.IGNORECASE)

    def report(self) -> pd.DataFrame:
        """One row per row of the file: the cues added and the problems."""
        file = str(self.path) if self.path else CUES_FILE
        added = [report_row(file, c.row, action="cue", text=c.lemma, status="added",
                            statement=f"frame {c.frame}; forms {', '.join(c.forms)}") for c in self.cues]
        return _frame([*added, *self.problems.to_dict("records")]).sort_values("row", kind="stable")

    def digest(self) -> str:
        """A digest of what the cues do ("" without a file: the analysis is the library's)."""
        if self.path is None and not self.cues:
            return ""
        return _digest(str(self.path), self.cues, self.problems.to_dict("records"))


def load_cues(path: str | PathLike[str] | None) -> UserCues:
    """Read a user's ``cues.csv`` (see the module notes); rows that cannot be used are left out
    and reported (:attr:`UserCues.problems`), with one warning naming the file and the rows.

    Args:
        path: The CSV file, or ``None`` for no user cues.

    Example:
        >>> len(load_cues(None))
        0
    """
    if path is None:
        return UserCues()
    path = Path(path)
    file = str(path)
    entries, problems = _read(path, CUE_COLUMNS, ["lemma"])
    library = _library_forms()
    cues: list[UserCue] = []
    for line, row in entries:
        lemma = _SPACES.sub(" ", row.get("lemma", "")).lower()
        if not lemma:
            problems.append(report_row(file, line, action="cue", problem="no lemma",
                                       fix="fill the lemma column with a verb (opine) or a phrase (put it this way)"))
            continue
        if not _LEMMA.fullmatch(lemma):
            problems.append(report_row(file, line, action="cue", text=lemma, problem=f"lemma {lemma!r} is not words",
                                       fix="write the verb's base form in letters (opine), or a phrase that "
                                           "starts with it (put it this way)"))
            continue
        verb = lemma.split()[0]
        frame = row.get("frame", "").lower().replace(" ", "") or ("any" if " " in lemma else "clause|quote")
        bad = [p for p in frame.split("|") if p not in FRAME_KINDS and not _FRAME_PART.fullmatch(p)]
        if bad:
            problems.append(report_row(file, line, action="cue", text=lemma,
                                       problem=f"frame {row.get('frame')!r}: {', '.join(repr(b) for b in bad)} "
                                               "not known", fix=_FRAME_FIX))
            continue
        if any(c.lemma == lemma for c in cues):
            problems.append(report_row(file, line, action="cue", text=lemma, problem="lemma of an earlier row",
                                       fix="keep one row per cue; this one is left out"))
            continue
        extra = [f.strip().lower() for f in row.get("forms", "").split("|") if f.strip()]
        bad_forms = [f for f in extra if " " in f or not _LEMMA.fullmatch(f)]
        if bad_forms:
            problems.append(report_row(file, line, action="cue", text=lemma,
                                       problem=f"forms {bad_forms} are not single words",
                                       fix="list forms of the verb only (put|puts|putting), |-separated"))
            continue
        forms = tuple(sorted({*inflections(verb), *library.get(verb, ()), *extra}))
        cues.append(UserCue(lemma, frame, row.get("group", ""), forms, line))
    cues_ = UserCues(tuple(cues), _frame(problems), path)
    warn_problems(file, problems, "cues")
    return cues_


# ---------------------------------------------------------------- corrections


def normalise_snippet(text: str) -> str:
    """``text`` as snippets are matched: lower case, one space for any white space, straight
    quotation marks.

    Example:
        >>> normalise_snippet("“We are\\n ready,”  Kono said")
        '"we are ready," kono said'
    """
    return _SPACES.sub(" ", text.translate(_QUOTE_MARKS)).strip().casefold()


@dataclass(frozen=True)
class Correction:
    """A row of a user's ``corrections.csv``.

    Attributes:
        row: Its line in the file.
        article: The article's id.
        snippet: Words of the statement's text.
        action: ``drop`` or ``speaker``.
        speaker: The new speaker (``speaker``).
        was: The speaker the statement has now, if given (to choose between statements of one
            sentence).
        file: The file it comes from.
    """

    row: int
    article: str
    snippet: str
    action: str
    speaker: str = ""
    was: str = ""
    file: str = CORRECTIONS_FILE

    def matches(self, text: str, speakers: Iterable[str | None] = ()) -> bool:
        """Whether a statement with ``text`` and ``speakers`` is the one this row means.

        Example:
            >>> c = Correction(2, "a", "WE ARE  ready", "drop")
            >>> c.matches("“We are ready,” Kono said."), c.matches("It rained.")
            (True, False)
        """
        if normalise_snippet(self.snippet) not in normalise_snippet(text):
            return False
        return not self.was or any(s is not None and s.casefold() == self.was.casefold() for s in speakers)

    def row_of(self, **values) -> dict:
        """Its row of the corrections report, with ``values`` (status, statement, problem ...)."""
        return report_row(self.file, self.row, action=self.action, article=self.article, text=self.snippet,
                          speaker=self.speaker, **values)


@dataclass
class Corrections:
    """The corrections of a user's ``corrections.csv`` and the problems of its rows.

    Attributes:
        rows: The usable corrections, in file order.
        problems: Rows of the corrections report, one per problem of the file.
        path: The file read, if any.
    """

    rows: tuple[Correction, ...] = ()
    problems: pd.DataFrame = field(default_factory=lambda: _frame([]))
    path: Path | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def for_article(self, article: str) -> list[Correction]:
        """The corrections of one article, in file order."""
        return [c for c in self.rows if c.article == article]

    def digest(self) -> str:
        """A digest of what the corrections do ("" without a file)."""
        if self.path is None and not self.rows:
            return ""
        return _digest(str(self.path), self.rows, self.problems.to_dict("records"))


def load_corrections(path: str | PathLike[str] | None) -> Corrections:
    """Read a user's ``corrections.csv`` (see the module notes); rows that cannot be used are
    left out and reported (:attr:`Corrections.problems`), with one warning naming the file and
    the rows. Whether a row's snippet finds its statement is known once the article is analysed
    (the corrections table of :func:`newsvoices.analyse`).

    Args:
        path: The CSV file, or ``None`` for no corrections.

    Example:
        >>> len(load_corrections(None))
        0
    """
    if path is None:
        return Corrections()
    path = Path(path)
    file = str(path)
    entries, problems = _read(path, CORRECTION_FILE_COLUMNS, ["article", "snippet", "action"])
    out: list[Correction] = []
    for line, row in entries:
        article, snippet, action = row.get("article", ""), row.get("snippet", ""), row.get("action", "").lower()
        speaker, was = row.get("speaker", ""), row.get("was", "")
        bad = functools.partial(report_row, file, line, action=action or row.get("action", ""), article=article,
                                text=snippet, speaker=speaker)
        if action not in ACTIONS:
            problems.append(bad(problem=f"action {row.get('action', '')!r} is not known",
                                fix="write drop (leave the statement out) or speaker (give it to the speaker "
                                    "column's name)"))
        elif not article:
            problems.append(bad(problem="no article", fix="fill the article column with the article's id (its "
                                                          "file name without .txt; the article column of the "
                                                          "statements table)"))
        elif not snippet:
            problems.append(bad(problem="no snippet", fix="copy a few words of the statement's text into the "
                                                          "snippet column"))
        elif action == "speaker" and not speaker:
            problems.append(bad(problem="action speaker without a speaker",
                                fix="fill the speaker column with the name to give the statement to (as in "
                                    "actors.csv)"))
        else:
            out.append(Correction(line, article, snippet, action, speaker if action == "speaker" else "", was, file))
    warn_problems(file, problems, "corrections")
    return Corrections(tuple(out), _frame(problems), path)


def correction_report(cues: UserCues, corrections: Corrections, outcomes: pd.DataFrame,
                      articles: Sequence[str]) -> pd.DataFrame:
    """The corrections report of an analysis: the cues added, the corrections applied, and every
    row that could not be used with its fix — the file's problems, the ``outcomes`` of the
    corrections in the articles (rows the pipeline made), and corrections of an article that is
    not in the corpus.

    Example:
        >>> c = Corrections((Correction(2, "nope", "we are ready", "drop"),))
        >>> row = correction_report(UserCues(), c, report_frame([]), ["001"]).iloc[0]
        >>> row["status"], row["problem"]
        ('problem', "article 'nope' is not in the corpus")
    """
    known = set(articles)
    missing = []
    for c in corrections.rows:
        if c.article in known:
            continue
        close = difflib.get_close_matches(c.article, sorted(known), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        missing.append(c.row_of(problem=f"article {c.article!r} is not in the corpus",
                                fix=f"write the id of an article of the corpus{hint}: its file name without "
                                    ".txt, as in the article column of the statements table"))
    parts = [cues.report(), corrections.problems, outcomes, _frame(missing)]
    table = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else _frame([])
    order = {name: k for k, name in enumerate(dict.fromkeys(table["file"]))}
    table = table.assign(_file=table["file"].map(order)).sort_values(["_file", "row"], kind="stable")
    return table.drop(columns="_file").reset_index(drop=True)[CORRECTION_COLUMNS].astype({"row": "int64"})


def report_frame(rows_: list[dict]) -> pd.DataFrame:
    """Rows of the corrections report as a DataFrame with its columns.

    Example:
        >>> list(report_frame([]).columns) == CORRECTION_COLUMNS
        True
    """
    return _frame(rows_)

