"""Which words are neutral in news: does leaving a word out of TextBlob's (and VADER's) score of
a NewsMTSC sentence bring the score closer to the polarity the annotators saw?
For each candidate word: over the train sentences holding it, how many targets the sign of the
sentence score gets right with the word and without it (fixed / broke).
usage: neutral_words.py WORD... | --file CSV (column word)"""
import collections, csv, json, pathlib, re, sys
from newsvoices.scorers import textblob_scores, vader, sign
rows = [json.loads(l) for l in open(pathlib.Path(__file__).resolve().parents[2] / "shared/data/newsmtsc/train.jsonl")]
if "--file" in sys.argv:
    words = [r["word"] for r in csv.DictReader(open(sys.argv[sys.argv.index("--file") + 1]))]
else:
    words = sys.argv[1:]
for w in words:
    pat = re.compile(rf"(?i)\b{re.escape(w)}\b")
    res = {"tb": [0, 0, 0], "vader": [0, 0, 0]}
    for r in rows:
        s = r["sentence"]
        if not pat.search(s):
            continue
        masked = pat.sub("", s)
        g = int(r["polarity"])
        for name, f in (("tb", lambda t: textblob_scores(t)[0]), ("vader", vader)):
            a, b = sign(f(s)) == g, sign(f(masked)) == g
            res[name][0] += 1
            res[name][1] += (not a) and b
            res[name][2] += a and not b
    n = res["tb"][0]
    print(f"{w:14} n={n:4d}  textblob fixed {res['tb'][1]:3d} broke {res['tb'][2]:3d}   vader fixed {res['vader'][1]:3d} broke {res['vader'][2]:3d}")
