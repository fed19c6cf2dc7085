#!/bin/bash
# Rebuild both tone-toward models from NewsMTSC train, check that a second run writes the same
# bytes, and score them on dev-rw and dev-mt. Reads ../shared beside the repository.
# Training needs scikit-learn (training/tone/requirements.txt), installed into its own folder,
# never into the library's environment. About 10 minutes on one core.
#
# usage: bash training/tone/reproduce.sh  [PYTHON]   (default: .venv/bin/python)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="${1:-$ROOT/.venv/bin/python}"
SHARED="${NEWSVOICES_SHARED:-$ROOT/../shared}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
if [ ! -d "$HERE/.deps/sklearn" ]; then
  "$PY" -m pip install -q --target "$HERE/.deps" --no-deps -r "$HERE/requirements.txt"
fi
mkdir -p "$HERE/cache"
export PYTHONPATH="$HERE/.deps:$HERE:$ROOT/lib"
"$PY" "$HERE/build_common_words.py"        # common_words.txt from the PolNeAR train articles
"$PY" "$HERE/build_docs.py"                # the library's Docs of every NewsMTSC sentence (cache/)
for level in tokens parse; do
  "$PY" "$HERE/train.py" --level $level --cv
  cp "$ROOT/lib/newsvoices/data/tone_$level.npz" "$HERE/cache/first_$level.npz"
  "$PY" "$HERE/train.py" --level $level
  cmp "$ROOT/lib/newsvoices/data/tone_$level.npz" "$HERE/cache/first_$level.npz" \
    && echo "tone_$level.npz: identical on a second run"
done
for f in dev-rw dev-mt; do
  PYTHONPATH="$ROOT/lib" "$PY" "$SHARED/eval/score_newsmtsc.py" "$SHARED/data/newsmtsc/$f.jsonl" | sed "s/^/[$f] /"
done
