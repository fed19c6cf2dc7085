"""How the stance rules agree with NewsMTSC's hand-annotated polarity toward a target.

For each target of a NewsMTSC file, the sentence is parsed as the library parses it, and the
stance reader is asked which stance word applies to the target (any holder). Prints, per role and
per word: how often the sign of the rule's value equals the gold polarity.
usage: stance_newsmtsc.py [FILE.jsonl] [--show WORD]
"""
import collections, json, pathlib, sys
import newsvoices as nv
from newsvoices.parse import lemma, parse_articles
from newsvoices.stances import stance_reading

args = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and sys.argv[i - 1] != "--show"]
path = args[0] if args else str(pathlib.Path(__file__).resolve().parents[2] / "shared/data/newsmtsc/train.jsonl")
show = sys.argv[sys.argv.index("--show") + 1] if "--show" in sys.argv else None
rows = [json.loads(l) for l in open(path)]
arts = [nv.Article.from_text(str(i), r["sentence"]) for i, r in enumerate(rows)]
docs = parse_articles(arts, everything=True)
stats = collections.defaultdict(lambda: [0, 0, 0])  # agree, disagree(opposite), gold neutral
fired = 0
for r, doc in zip(rows, docs):
    found = stance_reading(doc, r["from"], r["to"])  # any holder: the words alone are judged
    if found is None:
        continue
    fired += 1
    s = 0 if abs(found.value) < 0.05 else (1 if found.value > 0 else -1)
    g = int(r["polarity"])
    k = 0 if s == g else (2 if g == 0 else 1)
    w = lemma(next(t for t in doc if t.text == found.word)) if found.word else ""
    for key in (("ALL",), (found.role,), (found.role, w)):
        stats[key][k] += 1
    if show and w == show:
        print(f"gold {g:+d} rule {found.value:+.2f} [{r['mention']}] {r['sentence'][:200]}")
print(f"{len(rows)} targets, a stance word applies to {fired}")
for key, (a, d, n) in sorted(stats.items(), key=lambda kv: (-len(kv[0]) == -1, -sum(kv[1]))):
    tot = a + d + n
    print(f"{' / '.join(key):30} n={tot:4d}  same sign {a / tot:.2f}  opposite {d / tot:.2f}  gold neutral {n / tot:.2f}")
