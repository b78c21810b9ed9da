# The map of the project: `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Keep jieba's dictionary cache and matplotlib's font cache inside the project,
# so a fresh clone never depends on what another run left in /tmp or ~/.cache.
export MPLCONFIGDIR := $(CURDIR)/.cache/matplotlib
export JIEBA_CACHE_DIR := $(CURDIR)/.cache/jieba
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# Python keeps the bytecode it compiles: where a machine sets PYTHONDONTWRITEBYTECODE, every
# test run and every notebook's kernel would compile pandas, matplotlib and the rest again.
unexport PYTHONDONTWRITEBYTECODE

NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.py))
# JupyterLab refuses to start as root without --allow-root, and root is the usual user in
# containers and CI; a normal user does not get the flag. LAB_ARGS passes more, e.g.
# `make lab LAB_ARGS="--no-browser --port=8899"`.
LAB_ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
LAB_ARGS ?=
# uv builds .venv from the lock in seconds; it is bootstrapped from PyPI into .cache, so
# nothing is installed outside the project.
UV_VERSION := $(shell sed -n 's/^uv==//p' requirements.lock)
UV_HOME := .cache/uv-bootstrap
UV := $(UV_HOME)/bin/uv

.PHONY: help venv report test check lint lab bench bench-cntext bench-compare lock clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-13s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --target $(UV_HOME) uv==$(UV_VERSION)

$(STAMP): requirements.lock pyproject.toml src/analysis/resources/jupyterlab_overrides.json | $(UV)
	test -x $(BIN)/python || $(UV) venv --quiet --python $(PYTHON) $(VENV)
	$(UV) pip sync --quiet --python $(BIN)/python requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name analysis --display-name "Python (analysis)" >/dev/null
	# JupyterLab opens the notebooks' .py files as notebooks (jupytext), not as text, and
	# does not ask on first start whether to fetch Jupyter news.
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp src/analysis/resources/jupyterlab_overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

venv: $(STAMP) ## Create .venv from requirements.lock (quick when nothing changed)

report: $(STAMP) ## Run the whole pipeline: report.html, briefing.pptx, analysis.xlsx
	$(BIN)/python -m analysis report

# The quick loop leaves out the tests that run the pipeline, a browser, a Dask cluster or a
# Jupyter kernel (markers in pyproject.toml) and tries a tenth of the Hypothesis examples.
QUICK := not slow and not browser and not cluster and not kernel

test: $(STAMP) ## Run every test (derandomized Hypothesis `ci` profile) and ruff
	$(BIN)/python -m pytest --hypothesis-profile=ci
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(STAMP) ## The quick loop while working: ruff, then the fast tests (`dev` profile)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q -n auto -m "$(QUICK)" --hypothesis-profile=dev

lint: $(STAMP) ## Run ruff only
	$(BIN)/ruff check .

lab: $(STAMP) ## Open JupyterLab on the notebooks with the project's kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks $(LAB_ALLOW_ROOT) $(LAB_ARGS)

# The benchmarks live outside the package, in benchmarks/; they write into docs/ only here.
BENCH_OUT := docs/benchmark_results.json
CNTEXT_DIR := .cache/cntext

bench: $(STAMP) ## Measure the report and keyword counting at 1,000x scale (docs/benchmark_results.md)
	$(BIN)/python -m benchmarks --out $(BENCH_OUT)

# cntext is never a dependency of the kit: it is installed, without its dependencies, into
# .cache only for this comparison, and only when asked for.
$(CNTEXT_DIR): | $(UV) $(STAMP)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --target $(CNTEXT_DIR) cntext==2.2.1

bench-cntext: $(STAMP) $(CNTEXT_DIR) ## make bench, plus cntext's word_count (installs it into .cache)
	$(BIN)/python -m benchmarks --out $(BENCH_OUT) --cntext-dir $(CNTEXT_DIR)

bench-compare: $(STAMP) ## Each item's top 5 matches among 1,000 lists (47,000 items): time and memory
	$(BIN)/python benchmarks/compare_bench.py --out docs/compare_benchmark.json

lock: $(UV) ## Regenerate requirements.lock from pyproject.toml (needs the network)
	$(UV) pip compile --quiet --extra dev --no-emit-index-url -o requirements.lock pyproject.toml

clean: ## Remove generated files only (not the committed outputs)
	rm -rf $(VENV) .cache .pytest_cache .ruff_cache build src/*.egg-info reports/*.html reports/*.pptx reports/notebooks
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
