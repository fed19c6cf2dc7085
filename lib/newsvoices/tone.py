"""Tone: how each actor speaks, how each is spoken of, and who is hostile or friendly to whom.

Three measurements, each a tidy table with the evidence behind it:

* **Tone of statements** (:func:`score_statements`): TextBlob polarity (−1 … 1) and
  subjectivity (0 … 1) of each statement's text, the lexicon words that produced them
  (``sentiment_assessments``), and VADER's compound score as an independent second opinion;
  ``disagree`` flags statements where the two scorers differ in sign.
* **Tone by actor** (:func:`tone_by_actor`) and **tone toward actor** (:func:`tone_toward_tables`):
  means with a bootstrap 95% confidence interval, counts and shares positive / neutral /
  negative. With one observation the interval is undefined (``NaN``), never zero-width; an
  actor with no observation is not listed.
* **Stance** (:func:`stance_rows` and :func:`stance_matrix`): for each statement and each actor it
  is about, a signed value. The reporting verb often carries the stance a lexicon misses
  ("censured the US", "praised Iran’s role"): when the target is the *object of the cue*, the
  cue's own stance from ``data/cues.csv`` counts for 70% and the tone of the clause around the
  target for 30%; with "described/named/called X as Y" the tone of *Y* is the stance; other
  targets get the tone of their clause. Targets that are only governed by a preposition other
  than "by" ("pressure on Iran", "help from Japan") are not given a stance: a lexicon cannot
  tell a victim from a culprit there.

The scores themselves come from :mod:`newsvoices.scorers`; the per-article rows are made by the
pipeline (:func:`newsvoices.analyse`), and the functions here aggregate its tables.

Example:
    >>> import newsvoices as nv
    >>> analysis = nv.analyse(nv.load_corpus("seeds"))        # doctest: +SKIP
    >>> nv.stance_matrix(analysis.stance)                     # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections import Counter

import numpy as np
import pandas as pd

from .attribution import ArticleAnalysis, Mention, Statement, target_mentions
from .records import STANCE_COLUMNS, TONE_COLUMNS
from .scorers import assessments, evidence_text, sign, textblob_scores, tone_values, with_tone

__all__ = [
    "TONE_BY_COLUMNS",
    "bootstrap_ci",
    "score_statements",
    "stance_matrix",
    "stance_rows",
    "tone_by_actor",
    "tone_toward_tables",
    "tone_words",
]

#: Weight of the cue's own stance when the target is the cue's object.
CUE_WEIGHT = 0.7
#: Words after a cue within which its object is looked for.
OBJECT_WINDOW = 8

def score_statements(table: pd.DataFrame) -> pd.DataFrame:
    """Add tone scores to a statements table (one row per statement and speaker).

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
    # iterating a list, not an Arrow-backed column, item by item
    return with_tone(table, tone_values(table["text"].tolist()))


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
    lo, hi = bootstrap_ci(values) if len(values) > 1 else (math.nan, math.nan)
    signs = [sign(v) for v in values.tolist()]
    row = {
        "n": len(values),
        f"mean_{value}": _mean(values),
        "ci_low": lo,
        "ci_high": hi,
        "share_positive": signs.count(1) / len(values),
        "share_neutral": signs.count(0) / len(values),
        "share_negative": signs.count(-1) / len(values),
    }
    row.update(extra or {})
    return row


TONE_BY_COLUMNS = ["n", "mean_polarity", "ci_low", "ci_high", "mean_subjectivity",
                   "share_positive", "share_neutral", "share_negative"]


def tone_by_actor(scored: pd.DataFrame, by: str = "speaker", per_article: bool = False) -> pd.DataFrame:
    """What each actor says: mean tone of their statements, with a bootstrap 95% CI.

    Args:
        scored: Output of :func:`score_statements`.
        by: ``"speaker"`` or ``"affiliation"``.
        per_article: Also split by article.

    Returns:
        One row per speaker (or affiliation, and article): ``n`` (statements),
        ``mean_polarity``, ``ci_low``, ``ci_high`` (``NaN`` when ``n`` is 1),
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
    texts = data["text"].tolist()
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


# ---------------------------------------------------------------- tone toward actors


def tone_toward_tables(mention_table: pd.DataFrame, sentences: pd.DataFrame, *, per_mention: bool = False) -> pd.DataFrame:
    """How each actor is spoken of: the tone of the sentence around each of its mentions.

    Mentions are those of :func:`newsvoices.mentions`: names, role nouns, countries by name,
    capital or metonym, and nationality adjectives (so "Iranian initiative" counts toward Iran).

    Args:
        mention_table: ``Analysis.mentions``.
        sentences: ``Analysis.sentences`` (with their scores), or ``Corpus.sentences()``.
        per_mention: Return one row per mention (``article, start, end, text, target,
            affiliation, kind, sentence, polarity, subjectivity``) instead of the summary.

    Returns:
        One row per target actor: ``target``, ``affiliation``, ``n`` (mentions),
        ``mean_polarity``, ``ci_low``, ``ci_high``, ``share_positive``, ``share_neutral``,
        ``share_negative``; sorted by ``n``.
    """
    scored = "polarity" in sentences.columns  # Analysis.sentences carries the scores already
    at = _sentence_of(mention_table, sentences)  # row of the sentence holding each mention; -1: none
    texts = sentences["text"].tolist()
    if scored:
        pols, subjs = sentences["polarity"].tolist(), sentences["subjectivity"].tolist()
    rows = []
    columns = [mention_table[c].tolist() for c in ("article", "start", "end", "text", "actor", "affiliation", "kind")]
    for i, *m in zip(at.tolist(), *columns):
        if i < 0:
            continue
        text = texts[i]
        pol, subj = (pols[i], subjs[i]) if scored else textblob_scores(text)[:2]
        rows.append((*m, text, pol, subj))
    per = pd.DataFrame(rows, columns=["article", "start", "end", "text", "target", "affiliation", "kind",
                                      "sentence", "polarity", "subjectivity"])
    if per_mention:
        return per
    out = []
    polarity = per["polarity"].to_numpy(dtype=float)
    for (target, affiliation), at in _groups(per, ["target", "affiliation"], dropna=False):
        row = {"target": target, "affiliation": affiliation}
        row.update(_summarise(polarity[at], "polarity"))
        out.append(row)
    cols = ["target", "affiliation", "n", "mean_polarity", "ci_low", "ci_high",
            "share_positive", "share_neutral", "share_negative"]
    frame = pd.DataFrame(out, columns=cols)
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


# ---------------------------------------------------------------- stance: who about whom

_CLAUSE_BREAK = re.compile(r"[,;:—–()]|\s(?:while|but|whereas|although|though|as|because)\s")
_AS_PHRASE = re.compile(r"\bas\s+(?P<phrase>[^,;.]+)")


def _clause(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    left = lo
    for mt in _CLAUSE_BREAK.finditer(text, lo, start):
        left = mt.end()
    right = hi
    mt = _CLAUSE_BREAK.search(text, end, hi)
    if mt:
        right = mt.start()
    return left, right


def _preposition_before(text: str, pos: int) -> str | None:
    mt = re.search(r"([A-Za-z]+)\s+(?:the\s+|its\s+|their\s+)?$", text[max(0, pos - 25) : pos])
    return mt.group(1).lower() if mt else None


#: Prepositions that leave their object without a stance; "by" (the agent of a passive) is not one.
_PREPS = {
    "with", "to", "of", "for", "from", "on", "in", "at", "between", "against", "about",
    "toward", "towards", "over", "under", "into", "including", "like", "than", "among",
    "via", "after", "before", "during", "despite", "without", "within", "upon", "through",
    "across", "behind", "beside", "besides", "near", "onto", "per", "regarding", "concerning",
    "amid", "following", "unlike", "alongside", "versus", "whom",
}


def stance_rows(analysis: ArticleAnalysis) -> list[tuple]:
    """Who says what about whom in one analysed article: rows of
    :data:`~newsvoices.records.STANCE_COLUMNS`, one per (statement, speaker, target).

    Columns: ``statement_id``, ``article``, ``speaker``, ``target``, ``target_affiliation``,
    ``cue``, ``cue_stance`` (the cue's own attitude, −1 … 1), ``role`` (``object`` of an
    evaluative cue, ``as-phrase`` for "described X as Y", ``content`` of an expressed attitude,
    or ``mentioned``), ``content_polarity`` (TextBlob polarity of the clause around the target),
    ``stance`` (−1 … 1, see the module notes), ``evidence`` (lexicon words of that clause) and
    ``text`` (the statement).
    """
    article = analysis.article
    targets = target_mentions(analysis)  # in text order
    starts = [m.start for m in targets]
    return [
        tuple(r[c] for c in STANCE_COLUMNS)
        for n, st in enumerate(analysis.statements, start=1)
        for r in _statement_stance(f"{article.id}:{n}", article.id, article.text, st,
                                   targets[bisect.bisect_left(starts, st.start) : bisect.bisect_left(starts, st.end)])
    ]


_AS_CUES = ("describ", "nam", "call", "label", "dismiss", "blast", "brand")


def _statement_stance(sid: str, article: str, text: str, st: Statement, inside: list[Mention]) -> list[dict]:
    """Stance rows of one statement; ``inside``: the target mentions that start within it."""
    speakers = [a for a, _ in st.speakers if a is not None]
    if not speakers:
        return []
    cues = sorted(st.cues) or ([(st.cue_start, st.cue, st.stance, "")] if st.cue_start >= 0 else [])
    # the object of each evaluative cue: the first actor named within a few words after it
    objects: dict[int, tuple[str, float]] = {}
    for start, label, cue_stance, group in cues:
        if not cue_stance and not label.startswith(_AS_CUES):
            continue
        cue_end = start + len(label.split()[0])
        for m in inside:
            if m.start >= cue_end and m.kind != "adjective":
                near = len(re.findall(r"[\w’'-]+", text[cue_end : m.start])) <= OBJECT_WINDOW
                if near and _preposition_before(text, m.start) not in _PREPS:  # "invited X to Japan": not Japan
                    objects.setdefault(id(m), (label, cue_stance))
                break
    rows = []
    for m in inside:
        if id(m) not in objects and (_preposition_before(text, m.start) in _PREPS or m.kind == "adjective"):
            continue  # "pressure on Iran", "an Iranian initiative": a lexicon cannot tell the role
        lo, hi = _clause(text, m.start, m.end, st.start, st.end)
        content, _, words = textblob_scores(text[lo:hi])
        before = [c for c in cues if c[0] < m.start]
        label, cue_stance = (before[-1][1], before[-1][2]) if before else (st.cue, 0.0)
        if id(m) in objects:
            label, cue_stance = objects[id(m)]
            role, value = "object", content
            as_phrase = _AS_PHRASE.search(text, m.end, st.end) if label.startswith(_AS_CUES) else None
            if as_phrase:
                role = "as-phrase"
                value, _, words = textblob_scores(as_phrase.group("phrase"))
            if cue_stance:
                value = CUE_WEIGHT * cue_stance + (1 - CUE_WEIGHT) * value
        elif cue_stance and label.split()[0].startswith(("express", "voic")):
            role, value = "content", CUE_WEIGHT * cue_stance + (1 - CUE_WEIGHT) * content  # "expressed regret that ..."
        else:
            role, value, cue_stance = "mentioned", content, 0.0
        for speaker in speakers:
            if m.actor.name == speaker.name:
                continue
            rows.append({
                "statement_id": sid, "article": article, "speaker": speaker.name, "target": m.actor.name,
                "target_affiliation": m.actor.affiliation, "cue": label, "cue_stance": cue_stance,
                "role": role, "content_polarity": content, "stance": max(-1.0, min(value, 1.0)),
                "evidence": evidence_text(words), "text": st.text,
            })
    return rows


def stance_matrix(table: pd.DataFrame, min_n: int = 1) -> pd.DataFrame:
    """Aggregate :func:`stance` rows into a speaker × target table.

    Returns:
        One row per (speaker, target) with ``stance`` (mean, −1 … 1), ``n`` (statements behind
        it), ``ci_low``/``ci_high`` (bootstrap 95%, ``NaN`` for a single statement) and
        ``statements`` (their ids, ``;``-separated). Pairs whose statements all carry no
        tone (stance 0 from a clause without lexicon words) are kept: 0 is a measurement.
    """
    rows = []
    for (speaker, target), group in table.groupby(["speaker", "target"], sort=True):
        per_statement = group.groupby("statement_id")["stance"].mean()
        if len(per_statement) < min_n:
            continue
        lo, hi = bootstrap_ci(per_statement)
        rows.append({"speaker": speaker, "target": target, "stance": float(per_statement.mean()),
                     "n": len(per_statement), "ci_low": lo, "ci_high": hi,
                     "statements": ";".join(per_statement.index)})
    return pd.DataFrame(rows, columns=["speaker", "target", "stance", "n", "ci_low", "ci_high", "statements"])

