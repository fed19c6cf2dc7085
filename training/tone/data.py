"""NewsMTSC rows, read in place from ``../shared/data`` beside the repository (or ``$NEWSVOICES_SHARED``),
never copied; and the cached Docs of ``build_docs.py``."""

from __future__ import annotations

import json
import os
import pathlib

from spacy.tokens import Doc, DocBin

HERE = pathlib.Path(__file__).resolve().parent
SHARED = pathlib.Path(os.environ.get("NEWSVOICES_SHARED", HERE.parents[2] / "shared"))
DATA = str(SHARED / "data" / "newsmtsc") + "/"
CACHE = HERE / "cache"
FILES = ("train", "dev-rw", "dev-mt")


def load_rows(name: str) -> list[dict]:
    """The rows of one NewsMTSC file (train, dev-rw or dev-mt)."""
    with open(DATA + name + ".jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def article_key(row_id: str) -> str:
    """The article of a row id (allsides_A_B_... -> allsides_A_B, polusa_v1_X_... -> polusa_v1_X)."""
    parts = row_id.split("_")
    return "_".join(parts[:3]) if parts[0] in ("allsides", "polusa") else row_id


def load_docs() -> tuple[list[Doc], dict[str, list]]:
    """The cached Docs of build_docs.py and the index {sentence: [doc index, article text, sentence spans]}."""
    from newsvoices.nlp import load_pipeline

    vocab = load_pipeline().vocab
    docs = list(DocBin().from_disk(CACHE / "docs.spacy").get_docs(vocab))
    with open(CACHE / "index.json", encoding="utf-8") as fh:
        index = json.load(fh)
    return docs, index
