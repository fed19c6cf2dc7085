"""Build common_words.txt: words written in lower case more often than capitalised mid-sentence.

The tokens-only variant has no named-entity recogniser and no tagger, so it tells a name from a
word by its capital letter. A capital at the start of a sentence says nothing; there the word is
taken for a name unless it is a common word: one that, in the PolNeAR train articles (real news
of 2016, independent of NewsMTSC), is written in lower case at least twice and at least as often
as it is capitalised inside a sentence. Stop words are always common.

usage: build_common_words.py  (reads ../shared/data/polnear/train/articles; writes
lib/newsvoices/data/common_words.txt)
"""

from __future__ import annotations

import collections
import pathlib

from newsvoices.nlp import load_pipeline

from data import SHARED

ARTICLES = SHARED / "data" / "polnear" / "train" / "articles"
OUT = pathlib.Path(__file__).resolve().parents[2] / "lib" / "newsvoices" / "data" / "common_words.txt"
OPENERS = {".", "!", "?", '"', "“", "”", "‘", "'", "(", ":", "—", "–", "-", "--"}


def main() -> None:
    nlp = load_pipeline()
    lower: collections.Counter[str] = collections.Counter()
    capital_inside: collections.Counter[str] = collections.Counter()
    for path in sorted(ARTICLES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:  # first line: the headline
            previous = None
            for tok in nlp.make_doc(line):
                word = tok.text
                if tok.is_alpha:
                    key = word.lower()
                    if word[0].islower():
                        lower[key] += 1
                    elif previous is not None and previous not in OPENERS:
                        capital_inside[key] += 1
                if not tok.is_space:
                    previous = word
    common = {w for w, n in lower.items() if n >= 2 and n >= capital_inside[w]}
    common |= {w.lower() for w in nlp.Defaults.stop_words}
    OUT.write_text("\n".join(sorted(common)) + "\n", encoding="utf-8")
    print(len(common), "common words")


if __name__ == "__main__":
    main()
