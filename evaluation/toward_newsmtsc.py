"""Tone toward a target as the tables compute it, scored on NewsMTSC.

``../shared/eval/score_newsmtsc.py`` scores :func:`newsvoices.target_tone`, which parses the
whole text. The "spoken of" tables read :func:`newsvoices.toward.mention_tone` on the article's
Doc instead: the parse model in sentences the library parses anyway (those that can hold a
statement), the tokens model elsewhere. This script gives that rule's macro F1, and each model's
alone, on one NewsMTSC file (read in place from ``../shared/data/newsmtsc``).

usage: python evaluation/toward_newsmtsc.py [dev-rw|dev-mt|FILE.jsonl]
"""

from __future__ import annotations

import json
import pathlib
import sys

import newsvoices as nv
from newsvoices.parse import is_parsed, parse_articles
from newsvoices.toward import load_model, mention_tone
from newsvoices.toward.model import align_span, sentence_span

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared" / "data" / "newsmtsc"


def macro_f1(gold: list[int], pred: list[int]) -> float:
    scores = []
    for c in (-1, 0, 1):
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        npred, ngold = pred.count(c), gold.count(c)
        prec, rec = (tp / npred if npred else 0.0), (tp / ngold if ngold else 0.0)
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(scores) / 3


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "dev-rw"
    path = pathlib.Path(name) if name.endswith(".jsonl") else SHARED / f"{name}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [nv.Article.from_text(str(i), r["sentence"]) for i, r in enumerate(rows)]
    docs = parse_articles(articles)  # as the pipeline parses: candidate sentences only
    gold, rule, tokens, parsed_share = [], [], [], 0
    for r, article, doc in zip(rows, articles, docs):
        start, end = align_span(r["sentence"], article.text, r["from"], r["to"])
        spans = tuple((a, b) for _, a, b in article.sentence_spans)
        sentence = sentence_span(doc, spans, start)
        parsed_share += is_parsed(sentence)
        gold.append(int(r["polarity"]))
        sign = lambda v: 0 if v == 0 else (1 if v > 0 else -1)  # noqa: E731
        rule.append(sign(mention_tone(doc, spans, start, end)))
        tokens.append(sign(load_model("tokens").tone(doc, start, end, sentence)))
    print(f"{path.name}: {len(rows)} targets, {parsed_share / len(rows):.0%} in sentences the library parses")
    print(f"  tables' rule (parse model where parsed, tokens model elsewhere): macro F1 {macro_f1(gold, rule):.3f}")
    print(f"  tokens model everywhere: macro F1 {macro_f1(gold, tokens):.3f}")
    print("  parse model everywhere: see ../shared/eval/score_newsmtsc.py (newsvoices.target_tone)")


if __name__ == "__main__":
    main()
