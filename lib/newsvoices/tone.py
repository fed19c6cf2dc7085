"""Tone: how each actor speaks, how each is spoken of, and who is hostile or friendly to whom.

Three measurements, each a tidy table with the evidence behind it:

* **Tone of statements** (:func:`score_statements`): TextBlob polarity (−1 … 1) and
  subjectivity (0 … 1) of each statement's text, the lexicon words that produced them
  (``sentiment_assessments``), and VADER's compound score as an independent second opinion;
  ``disagree`` flags statements where the two scorers differ in sign.
* **Tone by actor** (:func:`tone_by_actor`): the mean tone of what each actor says.
* **Tone over time** (:func:`timeline`): statements and their mean tone per actor and period,
  for articles that carry a date.
* **Tone toward actor** (:func:`tone_toward_tables`): how each actor is spoken of, from the tone
  toward each of its mentions (:func:`newsvoices.target_tone`, a model trained and measured on
  real news).

Both give means with a bootstrap 95% confidence interval, counts and shares positive / neutral /
negative; an actor with no observation is not listed.

Stance (who is hostile or friendly to whom) is :mod:`newsvoices.stances`.

**Thin evidence.** Fewer than :data:`MIN_N` observations give no interval and are flagged
``thin``: a mean of one or two statements is shown, never ranked.

The scores themselves come from :mod:`newsvoices.scorers`; the per-article rows are made by the
pipeline (:func:`newsvoices.analyse`), and the functions here aggregate its tables.

Example:
    >>> import newsvoices as nv
    >>> analysis = nv.analyse(nv.load_corpus("seeds"))        # doctest: +SKIP
    >>> nv.stance_matrix(analysis.stance)                     # doctest: +SKIP
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter

import numpy as np
import pandas as pd

from .records import TONE_COLUMNS
from .scorers import assessments, said_texts, sign, textblob_scores, tone_values, with_tone

__all__ = [
    "FREQUENCIES",
    "MIN_N",
    "TIMELINE_COLUMNS",
    "TONE_BY_COLUMNS",
    "TOWARD_COLUMNS",
    "TOWARD_MENTION_COLUMNS",
    "bootstrap_ci",
    "said",
    "score_statements",
    "thin",
    "timeline",
    "timeline_frequency",
    "tone_by_actor",
    "tone_toward_tables",
    "tone_words",
]

#: Fewest observations behind a mean that gets an interval and may be ranked.
MIN_N = 3


def thin(n: int) -> bool:
    """Whether ``n`` observations are too few to rank on (fewer than :data:`MIN_N`).

    Example:
        >>> thin(2), thin(3)
        (True, False)
    """
    return n < MIN_N

def score_statements(table: pd.DataFrame) -> pd.DataFrame:
    """Add tone scores to a statements table (one row per statement and speaker): the tone of
    what was said (``content``, else ``text``), with names, titles and the words that are
    neutral in news left out (:func:`newsvoices.scorers.masked`).

    Args:
        table: Output of :func:`newsvoices.statements`.

    Returns:
        The table with ``polarity``, ``subjectivity`` (TextBlob), ``evidence`` (the lexicon
        words and their polarity, e.g. ``"illegal −0.5; important +0.4"``), ``vader``
        (VADER compound, −1 … 1) and ``disagree`` (the two scorers differ in sign, each
        outside the neutral band).

    Example:
        >>> t = pd.DataFrame({"statement_id": ["a:1"], "text": ["An illegal policy, he said."]})
        >>> score_statements(t)[["polarity", "evidence"]].values.tolist()
        [[-0.5, 'illegal -0.5']]
    """
    return with_tone(table, tone_values(said(table)))


def said(table: pd.DataFrame) -> list[str]:
    """What :func:`score_statements` scores of each row (:func:`newsvoices.scorers.said_texts`):
    the statement's ``content``, else its ``text``, without the speaker's name, names, titles and
    neutral words.

    Example:
        >>> t = pd.DataFrame({"text": ["Abe said the top plan was good."], "content": ["the top plan was good"],
        ...                   "speaker": ["Abe"]})
        >>> said(t)
        ['the     plan was good']
    """
    contents = table["content"].tolist() if "content" in table.columns else [None] * len(table)
    speakers = table["speaker"].tolist() if "speaker" in table.columns else [None] * len(table)
    return said_texts(contents, table["text"].tolist(), speakers)


# ---------------------------------------------------------------- aggregation


def bootstrap_ci(values, n_boot: int = 2000, level: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap confidence interval of the mean; ``(nan, nan)`` below two values.

    The values are sorted first, so the interval depends only on the values and the seed, not
    on their order; identical samples (frequent for small groups) are computed once.

    Example:
        >>> bootstrap_ci([0.5])
        (nan, nan)
        >>> lo, hi = bootstrap_ci([0.1, 0.2, 0.3, 0.4])
        >>> 0.1 <= lo < hi <= 0.4
        True
    """
    data = tuple(sorted(float(v) for v in values))
    if len(data) < 2:
        return (math.nan, math.nan)
    return _bootstrap(data, n_boot, level, seed)


@functools.lru_cache(maxsize=65536)
def _bootstrap(data: tuple[float, ...], n_boot: int, level: float, seed: int) -> tuple[float, float]:
    values, counts = np.unique(np.asarray(data), return_counts=True)
    if len(values) == 1:
        return (data[0], data[0])  # every resample has the same mean
    # A resample of n values draws each distinct value a multinomial number of times, so its
    # mean is (counts · values) / n: the same distribution as drawing the n values one by one,
    # at a cost that grows with the distinct values (tone scores repeat a lot), in batches
    # that keep memory small even for 100,000 mentions of one actor.
    rng = np.random.default_rng(seed)
    n = len(data)
    means = np.concatenate([rng.multinomial(n, counts / n, size=min(250, n_boot - done)) @ values / n
                            for done in range(0, n_boot, 250)])
    alpha = (1 - level) / 2
    return (float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha)))


def _groups(data: pd.DataFrame, keys: list[str], dropna: bool = True):
    """``(key values, row positions)`` of each group of ``data`` by ``keys``, as
    ``data.groupby(keys, sort=True, dropna=dropna)`` gives them (a missing key is ``NaN``),
    without building a DataFrame per group (100,000 groups are common when a large corpus is
    split by article)."""
    codes = data.groupby(keys, sort=True, dropna=dropna).ngroup().to_numpy()
    codes = np.where(np.isnan(codes), -1, codes).astype(int) if codes.dtype.kind == "f" else codes
    order = np.argsort(codes, kind="stable")
    order = order[codes[order] >= 0]  # rows of a dropped (missing) key
    columns = [data[k].to_numpy(dtype=object) for k in keys]
    missing = [data[k].isna().to_numpy() for k in keys]
    bounds = [0, *(np.flatnonzero(np.diff(codes[order])) + 1).tolist(), len(order)]
    for a, b in itertools.pairwise(bounds):
        if a < b:
            first = order[a]
            yield tuple(math.nan if miss[first] else col[first] for col, miss in zip(columns, missing)), order[a:b]


def _mean(values: np.ndarray) -> float:
    """``values.mean()`` as a float; a single value is its own mean (most groups by article)."""
    return float(values[0]) if len(values) == 1 else float(values.mean())


def _summarise(values: np.ndarray, value: str, extra: dict | None = None) -> dict:
    lo, hi = bootstrap_ci(values) if not thin(len(values)) else (math.nan, math.nan)
    signs = [sign(v) for v in values.tolist()]
    row = {
        "n": len(values),
        "thin": thin(len(values)),
        f"mean_{value}": _mean(values),
        "ci_low": lo,
        "ci_high": hi,
        "share_positive": signs.count(1) / len(values),
        "share_neutral": signs.count(0) / len(values),
        "share_negative": signs.count(-1) / len(values),
    }
    row.update(extra or {})
    return row


TONE_BY_COLUMNS = ["n", "thin", "mean_polarity", "ci_low", "ci_high", "mean_subjectivity",
                   "share_positive", "share_neutral", "share_negative"]


def tone_by_actor(scored: pd.DataFrame, by: str = "speaker", per_article: bool = False) -> pd.DataFrame:
    """What each actor says: mean tone of their statements, with a bootstrap 95% CI.

    Args:
        scored: Output of :func:`score_statements`.
        by: ``"speaker"`` or ``"affiliation"``.
        per_article: Also split by article.

    Returns:
        One row per speaker (or affiliation, and article): ``n`` (statements),
        ``thin`` (fewer than :data:`MIN_N` statements), ``mean_polarity``, ``ci_low``, ``ci_high``
        (``NaN`` when thin),
        ``mean_subjectivity``, ``share_positive``, ``share_neutral``, ``share_negative``;
        sorted by ``n``. Statements without a resolved speaker are left out; a speaker with
        no statement does not appear (it is not "neutral").
    """
    keys = [by] + (["article"] if per_article else [])
    data = scored.dropna(subset=[by]).drop_duplicates(["statement_id", by])
    rows = []
    polarity = data["polarity"].to_numpy(dtype=float)
    subjectivity = data["subjectivity"].to_numpy(dtype=float)
    for key, at in _groups(data, keys):
        row = dict(zip(keys, key))
        row.update(_summarise(polarity[at], "polarity", {"mean_subjectivity": _mean(subjectivity[at])}))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=keys + TONE_BY_COLUMNS)
    return frame.sort_values(["n"] + keys, ascending=[False] + [True] * len(keys), kind="stable").reset_index(drop=True)


def tone_words(scored: pd.DataFrame, by: str = "speaker", top: int = 10) -> pd.DataFrame:
    """The lexicon words behind each actor's tone.

    Returns:
        One row per (actor, word): ``by`` column, ``word``, ``count`` (statements using it),
        ``polarity`` (the word's mean polarity in these statements, with its modifiers), and
        ``weight`` (count × polarity); the ``top`` words by absolute weight per actor.
    """
    rows = []
    data = scored.dropna(subset=[by]).drop_duplicates(["statement_id", by])
    texts = said(data)
    # the evidence of score_statements() lists the words behind the statement's own score (the
    # stance table's is that of a clause): read back only from a table with all its columns
    scored_here = all(c in data.columns for c in TONE_COLUMNS)
    evidence = data["evidence"].tolist() if scored_here else [None] * len(data)
    for (actor,), at in _groups(data, [by]):
        counter: Counter = Counter()
        total: Counter = Counter()
        for k in at.tolist():
            for word, pol in assessments(texts[k], evidence[k]):
                counter[word] += 1
                total[word] += pol
        value = {w: total[w] / counter[w] for w in counter}
        ranked = sorted(counter, key=lambda w: (-abs(counter[w] * value[w]), w))[:top]
        rows.extend({by: actor, "word": w, "count": counter[w], "polarity": value[w], "weight": counter[w] * value[w]}
                    for w in ranked)
    return pd.DataFrame(rows, columns=[by, "word", "count", "polarity", "weight"])


# ---------------------------------------------------------------- over time


#: :func:`timeline`: one row per (period, actor).
TIMELINE_COLUMNS = ["period", "actor", "n", "mean_polarity", "thin"]
#: Periods a :func:`timeline` can count by, and their pandas period codes.
FREQUENCIES = {"day": "D", "week": "W", "month": "M"}
#: Longest date span (in days) counted by day, then by week; longer spans are counted by month.
_FREQUENCY_SPANS = (("day", 31), ("week", 26 * 7))


def timeline_frequency(dates) -> str | None:
    """The period a :func:`timeline` counts by, chosen from the span of ``dates``: ``"day"``
    up to 31 days from the first date to the last, ``"week"`` up to 26 weeks, else ``"month"``
    (so a chart has about 30 points at most, except over years). ``None`` with no date.

    Example:
        >>> timeline_frequency(pd.to_datetime(["2019-12-20", "2020-01-15"]))
        'day'
        >>> timeline_frequency(pd.to_datetime(["2019-12-20", "2020-03-01"])), timeline_frequency([])
        ('week', None)
    """
    known = pd.to_datetime(pd.Series(dates, dtype=object), errors="coerce").dropna()
    if known.empty:
        return None
    span = (known.max() - known.min()).days
    return next((name for name, days in _FREQUENCY_SPANS if span <= days), "month")


def _dates(articles) -> pd.Series:
    """Publication date of each article id (``NaT``: undated), time zones dropped."""
    frame = articles if isinstance(articles, pd.DataFrame) else articles.to_frame()  # a Corpus
    missing = [c for c in ("id", "date") if c not in frame.columns]
    if missing:
        raise ValueError(f"the articles table has no {' or '.join(map(repr, missing))} column: "
                         "pass corpus.to_frame() or analysis.articles")
    dates = pd.to_datetime(frame["date"], errors="coerce", utc=True).dt.tz_localize(None)
    return pd.Series(dates.to_numpy(), index=frame["id"].astype(str).to_numpy())


def timeline(statements: pd.DataFrame, articles, by: str = "speaker", freq: str | None = None, *,
             top: int | None = None) -> pd.DataFrame:
    """What each actor says over time: statements and their mean tone per period.

    A statement takes the date of its article. Articles without a date are left out, and
    counted: the table's ``attrs`` say how many (``undated_articles``, ``undated_statements``;
    and ``dated_articles``) and by which period it counts (``freq``).

    Args:
        statements: Output of :func:`score_statements` (``Analysis.statements``); an unscored
            :func:`newsvoices.statements` table is scored first.
        articles: ``corpus.to_frame()`` or ``Analysis.articles`` (columns ``id``, ``date``), or
            the :class:`~newsvoices.Corpus` itself.
        by: ``"speaker"`` or ``"affiliation"``.
        freq: ``"day"``, ``"week"`` or ``"month"``; ``None`` chooses from the span of the dates
            (:func:`timeline_frequency`).
        top: Keep the ``top`` actors with most dated statements (``None``: all).

    Returns:
        One row per (period, actor) (:data:`TIMELINE_COLUMNS`): ``period`` (the first day of the
        day, week (a Monday) or month), ``actor``, ``n`` (statements), ``mean_polarity`` (TextBlob,
        ``NaN`` when ``n`` is 0), ``thin`` (fewer than :data:`MIN_N` statements). Every period
        from the first dated statement to the last is listed for every actor, with ``n`` 0 when
        the actor said nothing then; actors with most statements first, then by name, each in
        time order. Statements without a resolved actor are left out.

    Raises:
        ValueError: ``freq`` or ``by`` is not one of those above, or ``articles`` has no ``date``.

    Example:
        >>> s = pd.DataFrame({"statement_id": ["a:1", "a:2", "b:1"], "article": ["a", "a", "b"],
        ...                   "speaker": ["Abe", "Abe", "Abe"], "polarity": [0.5, 0.1, -0.2]})
        >>> arts = pd.DataFrame({"id": ["a", "b"], "date": pd.to_datetime(["2019-12-20", None])})
        >>> t = timeline(s, arts)
        >>> t.values.tolist(), t.attrs["undated_statements"]
        ([[Timestamp('2019-12-20 00:00:00'), 'Abe', 2, 0.3, True]], 1)
    """
    if freq is not None and freq not in FREQUENCIES:
        raise ValueError(f"freq is {freq!r}: use 'day', 'week' or 'month', or None to choose from the dates")
    if by not in statements.columns:
        raise ValueError(f"the statements table has no {by!r} column: by is 'speaker' or 'affiliation'")
    dates = _dates(articles)
    data = statements.dropna(subset=[by]).drop_duplicates(["statement_id", by])
    if "polarity" not in data.columns:
        data = score_statements(data)
    when = data["article"].astype(str).map(dates)  # NaT: undated, or an article not in the table
    known = when.notna().to_numpy()
    dated, when = data[known], pd.to_datetime(when[known])
    freq = freq or timeline_frequency(when)
    attrs = {"freq": freq, "dated_articles": int(dates.notna().sum()), "undated_articles": int(dates.isna().sum()),
             "undated_statements": int(data.loc[~known, "statement_id"].nunique())}
    if dated.empty:
        frame = pd.DataFrame(columns=TIMELINE_COLUMNS).astype({"n": "int64", "mean_polarity": "float64",
                                                                "thin": "bool"})
        frame["period"] = pd.to_datetime(frame["period"])
        frame.attrs.update(attrs)
        return frame
    code = FREQUENCIES[freq]
    period = when.dt.to_period(code)
    periods = pd.period_range(period.min(), period.max(), freq=code)
    counts = pd.DataFrame({"actor": dated[by].to_numpy(), "period": period.array,
                           "polarity": dated["polarity"].to_numpy(dtype=float)})
    cells = counts.groupby(["actor", "period"])["polarity"].agg(["size", "mean"])
    totals = counts.groupby("actor").size()
    actors = sorted(totals.index, key=lambda a: (-totals[a], str(a)))[: top if top is not None else None]
    grid = cells.reindex(pd.MultiIndex.from_product([actors, periods], names=["actor", "period"]))
    n = grid["size"].fillna(0).astype("int64").to_numpy()
    frame = pd.DataFrame({
        "period": pd.PeriodIndex(grid.index.get_level_values("period")).start_time.astype("datetime64[ns]"),
        "actor": grid.index.get_level_values("actor").to_numpy(dtype=object),
        "n": n,
        "mean_polarity": grid["mean"].to_numpy(dtype=float),
        "thin": [thin(k) for k in n.tolist()],
    })
    frame.attrs.update(attrs)
    return frame


# ---------------------------------------------------------------- tone toward actors


TOWARD_COLUMNS = ["target", "affiliation", "n", "thin", "mean_tone", "ci_low", "ci_high",
                  "share_positive", "share_neutral", "share_negative", "mean_sentence_polarity"]
#: :func:`tone_toward_tables` with ``per_mention=True``.
TOWARD_MENTION_COLUMNS = ["article", "start", "end", "text", "target", "affiliation", "kind", "sentence", "tone",
                          "sentence_polarity"]


def tone_toward_tables(mention_table: pd.DataFrame, sentences: pd.DataFrame, *, per_mention: bool = False) -> pd.DataFrame:
    """How each actor is spoken of: the tone toward each of its mentions.

    The tone toward a mention is the ``tone`` column of the mentions table
    (:func:`newsvoices.target_tone`'s model, read in the article: −1 … 1, 0 for neutral),
    trained and measured on real news sentences (``docs/tone.md``). Beside it,
    ``sentence_polarity`` is TextBlob's score of the whole sentence, blind to who is the target,
    for comparison. Mentions are those of :func:`newsvoices.mentions`: names, role nouns,
    countries by name, capital or metonym, and nationality adjectives.

    Args:
        mention_table: ``Analysis.mentions``.
        sentences: ``Analysis.sentences`` (with their scores), or ``Corpus.sentences()``.
        per_mention: Return one row per mention (:data:`TOWARD_MENTION_COLUMNS`: the sentence
            is the evidence) instead of the summary.

    Returns:
        One row per target actor (:data:`TOWARD_COLUMNS`): ``target``, ``affiliation``, ``n``
        (mentions), ``thin`` (fewer than :data:`MIN_N`), ``mean_tone``, ``ci_low``, ``ci_high``
        (``NaN`` when thin), ``share_positive``, ``share_neutral``, ``share_negative`` (of the
        mentions' tone), ``mean_sentence_polarity``; sorted by ``n``.

    Raises:
        ValueError: ``mention_table`` has no ``tone`` column (it is not from :func:`newsvoices.analyse`).

    Example:
        >>> m = pd.DataFrame({"article": ["a"], "start": [0], "end": [3], "text": ["Abe"], "actor": ["Abe"],
        ...                   "affiliation": ["Japan"], "kind": ["name"], "tone": [0.8]})
        >>> s = pd.DataFrame({"article": ["a"], "start": [0], "end": [20], "text": ["Abe was praised."],
        ...                   "polarity": [0.0], "subjectivity": [0.0]})
        >>> tone_toward_tables(m, s)[["target", "n", "thin", "mean_tone"]].values.tolist()
        [['Abe', 1, True, 0.8]]
    """
    if "tone" not in mention_table.columns:
        raise ValueError("the mentions table has no 'tone' column: take it from newsvoices.analyse(corpus).mentions")
    scored = "polarity" in sentences.columns  # Analysis.sentences carries the scores already
    at = _sentence_of(mention_table, sentences)  # row of the sentence holding each mention; -1: none
    texts = sentences["text"].tolist()
    pols = sentences["polarity"].tolist() if scored else None
    rows = []
    columns = [mention_table[c].tolist() for c in ("article", "start", "end", "text", "actor", "affiliation", "kind",
                                                     "tone")]
    for i, *m, tone in zip(at.tolist(), *columns):
        if i < 0:
            continue
        text = texts[i]
        rows.append((*m, text, tone, pols[i] if scored else textblob_scores(text)[0]))
    per = pd.DataFrame(rows, columns=TOWARD_MENTION_COLUMNS)
    if per_mention:
        return per
    out = []
    tone = per["tone"].to_numpy(dtype=float)
    polarity = per["sentence_polarity"].to_numpy(dtype=float)
    for (target, affiliation), at in _groups(per, ["target", "affiliation"], dropna=False):
        row = {"target": target, "affiliation": affiliation}
        row.update(_summarise(tone[at], "tone", {"mean_sentence_polarity": _mean(polarity[at])}))
        out.append(row)
    frame = pd.DataFrame(out, columns=TOWARD_COLUMNS)
    return frame.sort_values(["n", "target"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _sentence_of(mention_table: pd.DataFrame, sentences: pd.DataFrame) -> np.ndarray:
    """For each mention, the row of ``sentences`` holding its start, or -1: the last sentence of
    its article (by start, whatever the table's order) that starts at or before it, if the
    mention starts before that sentence ends; -1 when the mention has no article id. One
    sorted search over (article, start) keys for all mentions at once."""
    codes, _ = pd.factorize(pd.concat([sentences["article"], mention_table["article"]], ignore_index=True))
    s_code, m_code = codes[: len(sentences)], codes[len(sentences) :]
    s_start = sentences["start"].to_numpy(dtype=np.int64)
    s_end = sentences["end"].to_numpy(dtype=np.int64)
    m_start = mention_table["start"].to_numpy(dtype=np.int64)
    if not len(sentences) or not len(mention_table):
        return np.full(len(mention_table), -1, dtype=np.int64)
    span = int(max(s_start.max(), m_start.max(), 0)) + 1  # keys: article * span + start
    order = np.lexsort((s_start, s_code))  # stable: equal starts keep the table's order
    keys = s_code[order].astype(np.int64) * span + s_start[order]
    j = np.searchsorted(keys, m_code.astype(np.int64) * span + m_start, side="right") - 1
    rows = order[np.maximum(j, 0)]
    found = (j >= 0) & (m_code >= 0) & (s_code[rows] == m_code) & (m_start < s_end[rows])  # -1: no article
    return np.where(found, rows, -1)
