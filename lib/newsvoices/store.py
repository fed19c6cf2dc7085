"""What users call to load a corpus and analyse it: the store (cache and archive) around the
loader and the pipeline.

* :func:`load_corpus`: a folder, file or list of files (through the cached copy of a large
  corpus), or the output folder of :func:`~newsvoices.analyse_archive` (its articles);
* :func:`actor_registry`: the actor registry a corpus is analysed with;
* :func:`analyse`: every table of a corpus at once, from the cache when the same articles were
  analysed with the same registry by this version of the library, from an archive's tables
  when the corpus is an archive's, else computed by the pipeline (and then cached);
* :func:`statements`, :func:`mentions`, :func:`stance`, :func:`tone_toward`: one table of that
  analysis each (the same analysis, not a second run of it).

Example:
    >>> import newsvoices as nv
    >>> corpus = nv.load_corpus("seeds")                     # doctest: +SKIP
    >>> result = nv.analyse(corpus)                          # doctest: +SKIP
    >>> result.statements[["speaker", "cue", "polarity"]]    # doctest: +SKIP
"""

from __future__ import annotations

import gc
import os
from os import PathLike
from pathlib import Path

import pandas as pd

from .actors import ActorRegistry, resolve_registry
from .archive import archive_analysis, archive_corpus, archive_meta, archive_registry
from .cache import keep_analysis, load_cached_corpus, read_cached_analysis
from .corpus import Corpus, CorpusError, PathInput, origin_of, read_corpus
from .parallel import SCHEDULERS, wants_progress
from .pipeline import analyse_corpus, finish
from .records import STATEMENT_COLUMNS, Analysis
from .tone import tone_toward_tables
from .userfiles import correction_report, warn_problems

__all__ = ["ActorsArg", "actor_registry", "analyse", "corrections", "load_corpus", "mentions", "stance", "statements",
           "tone_toward"]

ActorsArg = ActorRegistry | str | PathLike[str] | None
FileArg = str | PathLike[str] | None


def load_corpus(path: PathInput, *, recursive: bool = True, cache: bool = True,
                progress: bool | None = None) -> Corpus:
    """Load articles from a folder, a file, or a list of files.

    * a folder: every ``.txt`` file, sorted by path, in subfolders too; other files are
      listed as skipped; an optional ``metadata.csv`` (columns ``id`` or ``file``, and any of
      ``title``, ``date``, ``source``) supplies metadata;
    * a ``.txt`` file: one article; its stem is the id;
    * a ``.csv`` or ``.jsonl`` file: one article per row, from a ``text`` column with
      optional ``id``, ``title``, ``date``, ``source``;
    * the output folder of :func:`~newsvoices.analyse_archive` (it holds ``archive.json``),
      on its own or as the only item of a list: the articles and load report of that archive,
      as loading its source gave them; then :func:`analyse` reads the archive's tables instead
      of analysing again. Listed with other paths, it is refused.

    A text file may start with a header: ``date 2019-12-20`` (the text may follow on the same
    line) and/or lines ``title: ...``, ``source: ...``. Files are decoded from UTF-8 (with or
    without BOM), UTF-16, or a legacy single-byte encoding (see
    :func:`~newsvoices.text.decode_bytes`). A folder of 400 or more articles is read on all CPU
    cores, with the same result.

    A large corpus (1 MB of files or more) is kept in the cache (see :mod:`newsvoices.cache`)
    once loaded: loading it again (each notebook does) reads that copy back, several times
    faster, and gives the same corpus; a changed, added or removed file makes a new copy.

    Args:
        path: Folder, file, or list of files and folders; or the output folder of
            :func:`~newsvoices.analyse_archive`, alone or as the only item of a list.
        recursive: Look into subfolders of a folder.
        cache: Read and write the cached copy of a large corpus (``False``: always read the
            files).
        progress: Show a progress bar while a large folder is read (tqdm; a widget in
            notebooks). ``None``: yes, unless the environment sets ``NEWSVOICES_NO_PROGRESS``.

    Returns:
        The :class:`~newsvoices.Corpus`; see its ``load_report`` for every file seen.

    Raises:
        CorpusError: The path does not exist, or nothing loadable was found, or an archive
            cannot be read or is listed with other paths.

    Example:
        >>> corpus = load_corpus("seeds")          # doctest: +SKIP
        >>> len(corpus), corpus["002_51685c235f0e8719"].date   # doctest: +SKIP
        (3, datetime.date(2019, 12, 20))
    """
    enabled = gc.isenabled()
    gc.disable()  # thousands of new articles: the cyclic collector would rescan them again and again
    try:
        progress = wants_progress(progress)
        if not isinstance(path, (str, PathLike)):
            path = _archive_alone(list(path))  # a generator of paths is read once
        if isinstance(path, (str, PathLike)) and _is_archive_output(Path(path)):
            corpus = archive_corpus(Path(path).resolve())  # the output of analyse_archive: its articles
            corpus.origin = origin_of(path, recursive)
            return corpus
        if cache:
            return load_cached_corpus(path, recursive, progress)
        return read_corpus(path, recursive=recursive, progress=progress)
    finally:
        if enabled:
            gc.enable()


def _archive_alone(paths: list) -> PathInput:
    """``paths`` as given, or the one archive folder it holds (``[out]`` opens ``out``, as
    does ``[out, "./out"]``).

    Raises:
        CorpusError: An archive folder is listed with other paths: its articles come with its
            tables, which the other paths would not match.
    """
    archives = [p for p in paths if isinstance(p, (str, PathLike)) and _is_archive_output(Path(p))]
    if not archives:
        return paths
    if len(archives) == len(paths) and len({Path(p).resolve() for p in paths}) == 1:
        return paths[0]  # one archive, listed once or more
    raise CorpusError(
        f"{archives[0]}: the output of `newsvoices archive` (analyse_archive) cannot be loaded with "
        "other paths (its articles come with tables analysed from them alone). Load it on its own, "
        f"load_corpus({os.fspath(archives[0])!r}), or list its source articles instead of it."
    )


def _is_archive_output(path: Path) -> bool:
    """Whether ``path`` is the output folder of :func:`~newsvoices.analyse_archive`."""
    return (path / "archive.json").is_file() and archive_meta(path) is not None


def actor_registry(corpus: Corpus | None, actors: ActorsArg = None, *, cues: FileArg = None,
                   corrections: FileArg = None) -> ActorRegistry:
    """The actor registry to analyse ``corpus`` with, holding the user's cues and corrections.

    Args:
        corpus: The corpus (``None``: none, so no ``actors.csv`` beside it).
        actors: An :class:`~newsvoices.ActorRegistry`, a registry CSV path, or ``None`` for
            ``actors.csv`` beside the corpus when there is one (else discovery only); for a
            corpus read from an archive, ``None`` means the registry the archive was made with.
        cues: A ``cues.csv`` of reporting cues the library lacks, or ``None`` for the one the
            registry holds, else ``cues.csv`` beside the corpus when there is one (see
            :mod:`newsvoices.userfiles`).
        corrections: A ``corrections.csv`` of statements to drop or re-attribute, or ``None``
            for the one the registry holds, else ``corrections.csv`` beside the corpus.

    Raises:
        ActorsError: The registry file is missing, unreadable or has no ``name`` column. (A
            cues or corrections file that cannot be used is reported, never raised: see
            :func:`corrections`.)

    Example:
        >>> len(actor_registry(None))
        0
    """
    if actors is None and not cues and not corrections and corpus is not None and corpus.archive is not None:
        return archive_registry(corpus.archive, corpus.root)  # the one the archive was made with
    return resolve_registry(corpus.root if corpus is not None else None, actors, cues, corrections)


def analyse(
    corpus: Corpus,
    actors: ActorsArg = None,
    *,
    scheduler: str = "processes",
    workers: int | None = None,
    address: str | None = None,
    cache: bool = True,
    progress: bool | None = None,
    cues: FileArg = None,
    corrections: FileArg = None,
) -> Analysis:
    """Analyse every article of ``corpus`` into the tables of :class:`~newsvoices.Analysis`.

    Every article runs through one pipeline — sentences, word and phrase counts, speaker
    attribution, tone and stance — on all CPU cores by default (``scheduler="serial"``: one
    process; ``address="tcp://host:8786"``: an existing Dask cluster). The tables are identical
    whichever way they were computed.

    **Cache.** The tables are kept (see :mod:`newsvoices.cache`) under a key made of the library
    version (with a hash of its code and data files), the actor registry (with the user's
    cues and corrections) and every article's id, metadata and text: re-running on the same
    inputs reads them back; any change to an article, to the registry, to the cues or
    corrections or to the library makes a new key, so a stale table is never served.

    Args:
        corpus: The articles.
        actors: Actor registry (see :func:`actor_registry`).
        scheduler: ``"processes"`` (all cores, default), ``"serial"`` or ``"dask"``.
        workers: Processes to use (default: every core).
        address: A Dask scheduler address (``tcp://host:8786``); implies ``scheduler="dask"``.
        cache: Read and write the cache. With a corpus read from the output of
            :func:`~newsvoices.analyse_archive`, read that archive's tables when they were made
            with the same registry by this version of the library (as from a cache); ``False``
            analyses afresh.
        progress: Show a progress bar (tqdm; a widget in notebooks). ``None``: yes, unless the
            environment sets ``NEWSVOICES_NO_PROGRESS`` (the report build does: a progress bar
            frozen in a static page would mislead).
        cues: The user's ``cues.csv`` (default: beside the corpus, if any; see
            :func:`actor_registry`).
        corrections: The user's ``corrections.csv`` (default: beside the corpus, if any). What
            each row did, and each row left out with its problem and fix, is the
            ``corrections`` table of the result; a warning names the file and the rows left out.

    Returns:
        The :class:`~newsvoices.Analysis`; identical whatever the scheduler.

    Raises:
        ValueError: An unknown scheduler, or ``workers`` below 1.
        ActorsError: The registry file cannot be read.

    Example:
        >>> import newsvoices as nv
        >>> c = nv.Corpus([nv.Article.from_text("x", "“We are ready,” Kono said.")])
        >>> nv.analyse(c, cache=False, progress=False).statements[["speaker", "mode"]].values.tolist()
        [['Kono', 'direct']]
    """
    progress = wants_progress(progress)
    if scheduler not in SCHEDULERS:
        raise ValueError(f"scheduler {scheduler!r} is not one of {SCHEDULERS}")
    registry = actor_registry(corpus, actors, cues=cues, corrections=corrections)
    analysis = None
    if cache:
        tables = read_cached_analysis(corpus, registry)
        if tables is not None:
            analysis = Analysis(**finish(tables, tables["articles"]), from_cache=True)
        elif corpus.archive is not None:  # read from an archive: its tables, if they are this analysis
            analysis = archive_analysis(corpus, registry)  # else a warning says why
            if analysis is not None:  # its parts hold what the corrections did in their articles: the whole report
                analysis.corrections = correction_report(registry.cues, registry.corrections, analysis.corrections,
                                                         [a.id for a in corpus.articles])
    if analysis is None:
        analysis = analyse_corpus(corpus, registry, scheduler=scheduler, workers=workers, address=address,
                                  progress=progress)
        if cache:
            keep_analysis(corpus, registry, analysis)
    _warn_unmatched(analysis.corrections, registry)
    return analysis


def _warn_unmatched(report: pd.DataFrame, registry: ActorRegistry) -> None:
    """A warning per file for the corrections that found no statement to correct (the problems
    of the files themselves were told when they were read)."""
    told = {(r["file"], r["row"]) for frame in (registry.cues.problems, registry.corrections.problems)
            for r in frame.to_dict("records")}
    problems = [r for r in report.to_dict("records") if r["status"] == "problem" and (r["file"], r["row"]) not in told]
    for file in dict.fromkeys(r["file"] for r in problems):
        warn_problems(file, [r for r in problems if r["file"] == file], "corrections")


def statements(corpus: Corpus, actors: ActorsArg = None) -> pd.DataFrame:
    """Every attributed statement of the corpus, one row per (statement, speaker): the
    statements table of :func:`analyse` without its tone columns.

    Args:
        corpus: The articles.
        actors: An :class:`~newsvoices.ActorRegistry`, a registry CSV path, or ``None`` for
            ``actors.csv`` beside the corpus when there is one (else discovery only).

    Returns:
        DataFrame with :data:`~newsvoices.records.STATEMENT_COLUMNS`: ``statement_id``
        (``article:n``), ``article``, ``start``/``end`` (offsets in the article text), ``text``
        (the sentence or sentences), ``quote`` (quoted words, ``…``-joined), ``content`` (what was
        said: the quotations, else the reported clause; its tone is the statement's), ``mode`` (direct /
        indirect), ``cue``, ``speaker``, ``speaker_type``, ``affiliation``, ``resolved_by``
        (name, role noun, pronoun, joint, group, anonymous, continuation, unresolved) and
        ``source`` (outlet). A joint statement has one row per participant; an unresolved one
        has an empty speaker.

    Example:
        >>> import newsvoices as nv
        >>> c = nv.Corpus([nv.Article.from_text("x", "“We are ready,” Kono said.")])
        >>> statements(c)[["speaker", "mode", "cue"]].values.tolist()
        [['Kono', 'direct', 'said']]
    """
    return analyse(corpus, actors, progress=False).statements[STATEMENT_COLUMNS]


def mentions(corpus: Corpus, actors: ActorsArg = None) -> pd.DataFrame:
    """Every mention of a known actor (the mentions table of :func:`analyse`): names, countries,
    capitals and metonyms, organisations, role nouns resolved to a person, and nationality
    adjectives.

    Returns:
        DataFrame with :data:`~newsvoices.records.MENTION_COLUMNS`, one row per mention, by
        article and start; ``kind`` is ``name``, ``country``, ``organisation``, ``role`` or
        ``adjective``.
    """
    table = analyse(corpus, actors, progress=False).mentions
    return table.sort_values(["article", "start"], kind="stable").reset_index(drop=True)


def stance(corpus: Corpus, actors: ActorsArg = None) -> pd.DataFrame:
    """Who says what about whom: one row per (statement, speaker, target) (the stance table of
    :func:`analyse`; see :func:`newsvoices.stances.stance_rows` for its columns)."""
    return analyse(corpus, actors, progress=False).stance


def tone_toward(corpus: Corpus, actors: ActorsArg = None, *, per_mention: bool = False) -> pd.DataFrame:
    """How each actor is spoken of: the tone of the sentence around each of its mentions (see
    :func:`newsvoices.tone.tone_toward_tables`), from the tables of :func:`analyse`."""
    analysis = analyse(corpus, actors, progress=False)
    return tone_toward_tables(analysis.mentions, analysis.sentences, per_mention=per_mention)


def corrections(corpus: Corpus, actors: ActorsArg = None) -> pd.DataFrame:
    """What the user's ``cues.csv`` and ``corrections.csv`` beside the corpus did (the
    corrections table of :func:`analyse`; see :mod:`newsvoices.userfiles` for the files).

    Returns:
        DataFrame with :data:`~newsvoices.records.CORRECTION_COLUMNS`, one row per row of the
        files: each cue ``added``, each correction ``applied`` (with the statement it changed),
        and each row that could not be used (``problem``) with what is wrong and the ``fix``.
        Empty without such files.

    Example:
        >>> import newsvoices as nv
        >>> c = nv.Corpus([nv.Article.from_text("x", "“We are ready,” Kono said.")])
        >>> corrections(c).empty
        True
    """
    return analyse(corpus, actors, progress=False).corrections
