# newsvoices — the two commands of the quick start, plus JupyterLab.
#   make report   execute every notebook on seeds/ and write reports/*.html
#   make report CORPUS=path/to/articles
#                 the same on your articles, into reports-<name>/ (<name>: the folder's or file's
#                 name), so that the sample report in reports/ stays as it is
#     OUT=folder      where the site goes (default: reports for seeds, else reports-<name>); it is
#                     replaced as a whole when the build succeeds
#     ACTORS=file.csv the actor registry (default: actors.csv beside the articles, if there is one)
#     PARAMS='-p TERMS=["Modi","Sharif"] -p TOP_N=10'
#                     notebook parameters, as `newsvoices report -p NAME=VALUE` (VALUE read as JSON,
#                     else as text); a space inside a value is written \u0020 (JSON's escape),
#                     since PARAMS is split at spaces: -p TERMS=["Prime\u0020Minister"]
#   make test     run the whole test suite (notebooks and report build included)
#   make lab      open JupyterLab on notebooks/ (LAB_ARGS=... passes options, e.g. --allow-root)
#   make benchmark  time the pipeline on 1,000 to 10,000 articles against plain spaCy, and the notebooks (~45-60 min)
#   make evaluate   score attribution and tone on the real annotated news in ../shared (~5 min)
# Each target creates .venv from requirements.txt first if it is missing or out of date.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CORPUS ?= seeds
ACTORS ?=
PARAMS ?=
# The corpus's name: its folder's name, or its file's name without .csv/.jsonl/.txt.
CORPUS_NAME := $(basename $(filter %.csv %.jsonl %.txt,$(notdir $(abspath $(CORPUS)))))$(filter-out %.csv %.jsonl %.txt,$(notdir $(abspath $(CORPUS))))
ifeq ($(abspath $(CORPUS)),$(abspath seeds))
OUT ?= reports
else
OUT ?= reports-$(CORPUS_NAME)
endif
# $(call quote,TEXT): TEXT as one shell word, single-quoted, so that the shell keeps its quotes,
# brackets and spaces.
quote = '$(subst ','\'',$(1))'
# Each word of PARAMS as one argument.
QUOTED_PARAMS := $(foreach word,$(PARAMS),$(call quote,$(word)))

.PHONY: report test lab benchmark evaluate clean
.DEFAULT_GOAL := report

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

report: $(VENV)/.installed
	$(PY) -m newsvoices report --corpus $(call quote,$(CORPUS)) --out $(call quote,$(OUT)) \
		$(if $(ACTORS),--actors $(call quote,$(ACTORS))) $(QUOTED_PARAMS)

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
