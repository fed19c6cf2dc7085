"""Train the tone-toward model of one level of analysis and write its weights.

Levels: ``tokens`` reads tokens only, ``parse`` the tagger's and parser's annotation as well
(``newsvoices/toward/features.py``); the weights go to ``lib/newsvoices/data/tone_<level>.npz``.
Reads NewsMTSC train in place from ../shared/data (build_docs.py must have cached the
library's Docs of its sentences). Deterministic: features sorted, lbfgs on one thread, no
random state; two runs write byte-identical files.

usage: train.py --level tokens|parse [--cv] [--out FILE]
  --cv   also print the 5-fold cross-validated macro F1 on train (folds grouped by article),
         with a bootstrap sd over articles, and the out-of-fold confusion matrix
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import pathlib
import pickle
import zipfile
from collections import Counter

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from data import CACHE, article_key, load_docs, load_rows  # noqa: E402
from newsvoices.toward import model as runtime  # noqa: E402
from newsvoices.toward.features import GROUPS, extract, load_resources  # noqa: E402
from newsvoices.toward.model import MODELS, align_span, sentence_span  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
LIBRARY = HERE.parents[1] / "lib" / "newsvoices"
CLASSES = [-1, 0, 1]
#: Settings of each level, chosen by 5-fold cross-validation on train (docs/tone.md).
CONFIG = {
    "tokens": {"groups": {g: (2.0 if g == "wvec" else 1.0) for g in GROUPS[False]}, "syntax": False, "lemmas": True,
          "C": 0.05, "mindf": 2},
    "parse": {"groups": {g: (2.0 if g in ("wvec", "dvec") else 1.0) for g in GROUPS[True]}, "syntax": True,
          "lemmas": True, "C": 0.05, "mindf": 2},
}


def grouped_features(name: str, syntax: bool, lemmas: bool, cache: bool = True) -> list[dict[str, dict[str, float]]]:
    """Feature groups of every row of a NewsMTSC file (cached in cache/)."""
    path = CACHE / f"feats_{name}_{'P' if syntax else 'T'}_{int(lemmas)}.pkl"
    inputs = [LIBRARY / "toward" / "features.py", HERE / "train.py", LIBRARY / "data" / "neutral_words.csv",
              LIBRARY / "data" / "tone_blind_words.csv", LIBRARY / "data" / "titles.csv",
              LIBRARY / "data" / "common_words.txt", LIBRARY / "data" / "wordvec.npz", CACHE / "index.json"]
    if cache and path.exists() and path.stat().st_mtime > max(f.stat().st_mtime for f in inputs):
        with open(path, "rb") as fh:
            return pickle.load(fh)
    docs, index = load_docs()
    res = load_resources(lemmas)
    out = []
    for row in load_rows(name):
        i, text, spans = index[row["sentence"]]
        start, end = align_span(row["sentence"], text, row["from"], row["to"])
        out.append(extract(docs[i], start, end, syntax=syntax, sentence=sentence_span(docs[i], tuple(map(tuple, spans)), start),
                           resources=res))
    if cache:
        with open(path, "wb") as fh:
            pickle.dump(out, fh)
    return out


def flatten(grouped: list[dict[str, dict[str, float]]], groups: dict[str, float]) -> list[dict[str, float]]:
    """One scaled dict per row, of the given groups."""
    rows = []
    for g in grouped:
        flat: dict[str, float] = {}
        for group, factor in groups.items():
            for k, v in g.get(group, {}).items():
                flat[k] = v * factor
        rows.append(flat)
    return rows


def fit(X: list[dict[str, float]], y: np.ndarray, C: float, mindf: int):
    """Fit the logistic regression on features seen in at least ``mindf`` rows."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(k for d in X for k in d)
    keep = {k for k, n in counts.items() if n >= mindf}
    vectorizer = DictVectorizer(sort=True)
    M = vectorizer.fit_transform([{k: v for k, v in d.items() if k in keep} for d in X])
    clf = LogisticRegression(C=C, max_iter=5000, class_weight="balanced", tol=1e-6)
    clf.fit(M, y)
    return vectorizer, clf


def macro_f1(y: np.ndarray, pred: np.ndarray) -> tuple[float, list[float]]:
    """Macro F1 over the classes -1, 0, 1 and the F1 of each."""
    f1 = []
    for c in CLASSES:
        tp = np.sum((y == c) & (pred == c))
        p, g = np.sum(pred == c), np.sum(y == c)
        prec, rec = (tp / p if p else 0.0), (tp / g if g else 0.0)
        f1.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return float(np.mean(f1)), f1


def cross_validate(X: list[dict[str, float]], y: np.ndarray, groups: np.ndarray, C: float, mindf: int) -> np.ndarray:
    """Out-of-fold probabilities of 5-fold cross-validation grouped by article."""
    from sklearn.model_selection import GroupKFold

    P = np.zeros((len(y), 3))
    for tr, te in GroupKFold(n_splits=5).split(np.zeros(len(y)), y, groups):
        vectorizer, clf = fit([X[i] for i in tr], y[tr], C, mindf)
        P[te] = clf.predict_proba(vectorizer.transform([X[i] for i in te]))
    return P


def bootstrap_sd(y: np.ndarray, pred: np.ndarray, groups: np.ndarray, n: int = 500, seed: int = 0) -> float:
    """Sd of macro F1 over bootstrap resamples of articles."""
    rng = np.random.default_rng(seed)
    keys, inverse = np.unique(groups, return_inverse=True)
    members = [np.flatnonzero(inverse == k) for k in range(len(keys))]
    scores = []
    for _ in range(n):
        pick = np.concatenate([members[k] for k in rng.integers(0, len(keys), len(keys))])
        scores.append(macro_f1(y[pick], pred[pick])[0])
    return float(np.std(scores))


def confusion(y: np.ndarray, pred: np.ndarray) -> str:
    lines = ["  gold\\pred    -1     0    +1"]
    for g in CLASSES:
        lines.append(f"  {g:+d}      " + " ".join(f"{np.sum((y == g) & (pred == p)):5d}" for p in CLASSES))
    return "\n".join(lines)


def export(vectorizer, clf, config: dict, path: pathlib.Path) -> bytes:
    """Write the model as .npz: names (newline-joined UTF-8), weights float32, intercept, config."""
    assert list(clf.classes_) == CLASSES
    W = clf.coef_.T.astype(np.float32)
    keep = np.abs(W).max(axis=1) >= 1e-5
    names = [n for n, k in zip(vectorizer.feature_names_, keep) if k]
    meta = {"model": "newsvoices tone toward a target: multinomial logistic regression",
            "classes": CLASSES, "groups": config["groups"], "syntax": config["syntax"],
            "lemmas": config["lemmas"], "C": config["C"], "mindf": config["mindf"]}
    arrays = {"names": np.frombuffer("\n".join(names).encode("utf-8"), dtype=np.uint8),
              "weights": W[keep], "intercept": clf.intercept_.astype(np.float64),
              "config": np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), dtype=np.uint8)}
    raw = npz_bytes(arrays)
    path.write_bytes(raw)
    return raw


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """A compressed .npz with fixed timestamps (``np.savez_compressed`` stamps the current time,
    so two runs would differ in bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, member.getvalue())
    return buffer.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--level", choices=list(CONFIG), required=True)
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--out")
    a = ap.parse_args()
    os.chdir(HERE)
    config = CONFIG[a.level]
    rows = load_rows("train")
    grouped = grouped_features("train", config["syntax"], config["lemmas"])
    X = flatten(grouped, config["groups"])
    y = np.array([r["polarity"] for r in rows])
    if a.cv:
        articles = np.array([article_key(r["id"]) for r in rows])
        P = cross_validate(X, y, articles, config["C"], config["mindf"])
        pred = np.array(CLASSES)[P.argmax(1)]
        f1m, per = macro_f1(y, pred)
        print(f"level {a.level} CV macro F1 {f1m:.4f} (bootstrap sd {bootstrap_sd(y, pred, articles):.4f}); "
              f"F1 neg {per[0]:.3f} neu {per[1]:.3f} pos {per[2]:.3f}; accuracy {np.mean(pred == y):.3f}")
        print(confusion(y, pred))
        np.save(CACHE / f"oof_{a.level}.npy", P)
    vectorizer, clf = fit(X, y, config["C"], config["mindf"])
    out = pathlib.Path(a.out) if a.out else LIBRARY / "data" / MODELS[a.level]
    raw = export(vectorizer, clf, config, out)
    # the numpy runtime reproduces scikit-learn's probabilities
    model = runtime.load_model.__wrapped__(a.level) if out == LIBRARY / "data" / MODELS[a.level] else None
    if model is not None:
        docs, index = load_docs()
        picks = range(0, len(rows), 97)
        expected = clf.predict_proba(vectorizer.transform([X[i] for i in picks]))
        got = []
        for i in picks:
            k, text, spans = index[rows[i]["sentence"]]
            start, end = align_span(rows[i]["sentence"], text, rows[i]["from"], rows[i]["to"])
            got.append(model.proba(docs[k], start, end, sentence_span(docs[k], tuple(map(tuple, spans)), start)))
        print(f"runtime vs scikit-learn: max |dp| {np.abs(expected - np.array(got)).max():.1e} on {len(got)} targets")
    print(f"wrote {out}: {len(model.index) if model else '?'} features, {len(raw) / 1e6:.2f} MB, "
          f"md5 {hashlib.md5(raw).hexdigest()}")


if __name__ == "__main__":
    main()
