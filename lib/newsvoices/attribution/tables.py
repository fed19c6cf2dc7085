"""The tables of attribution: rows of the statements and mentions of an article, and the summaries
the notebooks show (speakers, who speaks and who is spoken of, agreement with a hand annotation)."""

from __future__ import annotations

import pandas as pd

from ..actors import role_core
from ..corpus import Corpus
from ..records import CORRECTION_COLUMNS, STATEMENT_COLUMNS  # noqa: F401 -- the examples of the docstrings use it
from ..userfiles import UserCues
from .cues import lexicon_rows
from .records import ArticleAnalysis, Mention

__all__ = ["TARGET_KINDS", "correction_rows", "cue_lexicon", "evaluate", "mention_rows", "speaker_summary",
           "speaks_vs_mentioned", "statement_rows", "target_mentions"]

#: Mention kinds that name a known actor (the targets of tone and stance).
TARGET_KINDS = ("name", "country", "organisation", "role", "adjective")


def target_mentions(analysis: ArticleAnalysis) -> list[Mention]:
    """The mentions of ``analysis`` that name a known actor, in text order."""
    return [m for m in analysis.mentions if m.actor is not None and m.kind in TARGET_KINDS]


def statement_rows(analysis: ArticleAnalysis) -> list[tuple]:
    """Rows of :data:`~newsvoices.records.STATEMENT_COLUMNS` for one article, one per
    (statement, speaker)."""
    article = analysis.article.id
    return [
        (f"{article}:{n}", article, st.start, st.end, st.text, st.quote, st.content, st.mode, st.cue,
         actor.name if actor else None, actor.type if actor else None,
         actor.affiliation if actor else None, how, st.source)
        for n, st in enumerate(analysis.statements, start=1)
        for actor, how in st.speakers
    ]


def correction_rows(analysis: ArticleAnalysis) -> list[tuple]:
    """Rows of :data:`~newsvoices.records.CORRECTION_COLUMNS` for one article: what each of the
    user's corrections of it did (applied, or why not)."""
    return [tuple(row[c] for c in CORRECTION_COLUMNS) for row in analysis.corrections]


def mention_rows(analysis: ArticleAnalysis) -> list[tuple]:
    """Rows of :data:`~newsvoices.records.MENTION_COLUMNS` but the last (``tone``, which the
    pipeline adds) for one article, one per mention of a known actor."""
    return [
        (analysis.article.id, m.start, m.end, m.text, m.actor.name, m.actor.type, m.actor.affiliation,
         m.kind, role_core(m.text) if m.kind == "role" else None)
        for m in target_mentions(analysis)
    ]


def cue_lexicon(cues: UserCues | None = None) -> pd.DataFrame:
    """The reporting-cue lexicon (``data/cues.csv``): ``lemma``, ``frame`` (the complements that
    make the verb speech), ``group``, ``comment`` (the stance a cue carries toward its object is
    in :func:`newsvoices.stance_lexicon`) and ``source`` (``library``, or the user's file and row).

    Args:
        cues: The user's cues (``registry.cues`` of :func:`newsvoices.actor_registry`), listed
            after the library's; a user's row for a lemma the library has changes its frame.

    Example:
        >>> cue_lexicon().set_index("lemma").loc["say", "group"]
        'communication'
        >>> from newsvoices.userfiles import UserCue, UserCues
        >>> mine = UserCues((UserCue("opine", "clause|quote", "communication", ("opine", "opined"), 2),))
        >>> cue_lexicon(mine).tail(1)[["lemma", "frame", "source"]].values.tolist()
        [['opine', 'clause|quote', 'cues.csv, row 2']]
    """
    table = pd.DataFrame(list(lexicon_rows())).assign(source="library")
    if cues is None or not len(cues):
        return table
    where = cues.path.name if cues.path is not None else "cues.csv"
    mine = pd.DataFrame([{"lemma": c.lemma, "frame": c.frame, "group": c.group,
                          "comment": "forms " + ", ".join(c.forms), "source": f"{where}, row {c.row}"}
                         for c in cues.cues])
    return pd.concat([table, mine], ignore_index=True)


def evaluate(predicted: pd.DataFrame, gold: pd.DataFrame, corpus: Corpus) -> dict:
    """Precision, recall and F1 of (sentence, speaker) pairs against a hand annotation.

    Each predicted statement contributes one pair per sentence it spans and per speaker;
    ``gold`` has one row per (article, sentence, speaker).

    Returns:
        ``{"precision", "recall", "f1", "tp", "fp", "fn", "missed", "spurious"}`` where the
        last two are DataFrames of the pairs that disagree.
    """
    sentences = corpus.sentences()
    pred_pairs = set()
    for row in predicted.itertuples():
        hit = sentences[(sentences.article == row.article) & (sentences.start < row.end) & (sentences.end > row.start)]
        for sent in hit.sentence:
            pred_pairs.add((row.article, int(sent), row.speaker if isinstance(row.speaker, str) else None))
    gold_pairs = {(r.article, int(r.sentence), r.speaker if isinstance(r.speaker, str) else None)
                  for r in gold.itertuples()}
    tp = len(pred_pairs & gold_pairs)
    fp = len(pred_pairs - gold_pairs)
    fn = len(gold_pairs - pred_pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    cols = ["article", "sentence", "speaker"]
    return {
        "precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn,
        "missed": pd.DataFrame(sorted(gold_pairs - pred_pairs, key=str), columns=cols),
        "spurious": pd.DataFrame(sorted(pred_pairs - gold_pairs, key=str), columns=cols),
    }


def speaker_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per speaker: how many statements, how many direct and indirect, in how many articles.

    Args:
        table: Output of :func:`statements`.

    Returns:
        One row per speaker (unresolved rows left out): ``speaker``, ``affiliation``,
        ``speaker_type``, ``statements``, ``direct``, ``indirect``, ``direct_share``,
        ``articles``; sorted by ``statements``, most first.

    Example:
        >>> speaker_summary(pd.DataFrame(columns=STATEMENT_COLUMNS)).empty
        True
    """
    cols = ["speaker", "affiliation", "speaker_type", "statements", "direct", "indirect", "direct_share", "articles"]
    known = table.dropna(subset=["speaker"])
    if known.empty:
        return pd.DataFrame(columns=cols)
    grouped = known.groupby("speaker")
    out = pd.DataFrame({
        "affiliation": grouped["affiliation"].first(),
        "speaker_type": grouped["speaker_type"].first(),
        "statements": grouped["statement_id"].nunique(),
        "direct": known[known["mode"] == "direct"].groupby("speaker")["statement_id"].nunique(),
        "indirect": known[known["mode"] == "indirect"].groupby("speaker")["statement_id"].nunique(),
        "articles": grouped["article"].nunique(),
    }).fillna({"direct": 0, "indirect": 0})
    out[["direct", "indirect"]] = out[["direct", "indirect"]].astype(int)
    out["direct_share"] = out["direct"] / out["statements"]
    out = out.reset_index().sort_values(["statements", "speaker"], ascending=[False, True])
    return out[cols].reset_index(drop=True)


def speaks_vs_mentioned(table: pd.DataFrame, mention_table: pd.DataFrame) -> pd.DataFrame:
    """Who speaks and who is spoken of: statements and mentions per actor.

    Args:
        table: Output of :func:`statements`.
        mention_table: Output of :func:`mentions`.

    Returns:
        One row per actor: ``actor``, ``affiliation``, ``statements`` (as speaker),
        ``mentions`` (times named, by name, role, country or capital), sorted by the sum.
    """
    spoken = table.dropna(subset=["speaker"]).groupby("speaker")["statement_id"].nunique()
    named = mention_table.groupby("actor").size()
    affiliation = pd.concat([
        table.dropna(subset=["speaker"]).groupby("speaker")["affiliation"].first(),
        mention_table.groupby("actor")["affiliation"].first(),
    ])
    affiliation = affiliation[~affiliation.index.duplicated()]
    out = pd.DataFrame({"statements": spoken, "mentions": named}).fillna(0).astype(int)
    out["affiliation"] = affiliation.reindex(out.index)
    out = out.rename_axis("actor").reset_index()
    out = out.assign(_total=out["statements"] + out["mentions"]).sort_values(["_total", "actor"], ascending=[False, True])
    return out[["actor", "affiliation", "statements", "mentions"]].reset_index(drop=True)
