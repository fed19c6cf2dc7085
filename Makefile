# newsvoices — the two commands of the quick start, plus JupyterLab.
#   make report   execute every notebook on seeds/ and write reports/*.html
#   make test     run the whole test suite (notebooks and report build included)
#   make lab      open JupyterLab on notebooks/ (LAB_ARGS=... passes options, e.g. --allow-root)
#   make benchmark  time the pipeline on 1,000 to 10,000 articles against plain spaCy, and the notebooks (~45-60 min)
#   make evaluate   score attribution and tone on the real annotated news in ../shared (~5 min)
# Each target creates .venv from requirements.txt first if it is missing or out of date.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CORPUS ?= seeds
OUT ?= reports

.PHONY: report test lab benchmark evaluate clean
.DEFAULT_GOAL := report

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

report: $(VENV)/.installed
	$(PY) -m newsvoices report --corpus $(CORPUS) --out $(OUT)

test: $(VENV)/.installed
	$(PY) -m pytest

lab: $(VENV)/.installed
	$(PY) -m jupyter lab notebooks/ $(LAB_ARGS)

benchmark: $(VENV)/.installed
	$(PY) benchmarks/run.py

SHARED ?= ../shared
evaluate: $(VENV)/.installed
	mkdir -p $(OUT)
	$(PY) -m newsvoices statements $(SHARED)/data/polnear/train/articles --format jsonl > $(OUT)/polnear-train.jsonl
	$(PY) $(SHARED)/eval/score_polnear.py $(SHARED)/data/polnear/train/gold.jsonl $(OUT)/polnear-train.jsonl
	$(PY) $(SHARED)/eval/score_newsmtsc.py $(SHARED)/data/newsmtsc/dev-rw.jsonl
	$(PY) $(SHARED)/eval/score_newsmtsc.py $(SHARED)/data/newsmtsc/dev-mt.jsonl
	$(PY) evaluation/toward_newsmtsc.py dev-rw
	$(PY) evaluation/stance_newsmtsc.py

clean:
	rm -rf $(OUT) .pytest_cache
