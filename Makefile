# Entry points for developers and CI; README.md documents them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
YEAR ?= 2021
STAMP := $(VENV)/.installed

.PHONY: install test-tools lint test report validate schema fmt bench bench-data clean

install: $(STAMP)

# Reinstall when the dependencies change; the stamp keeps `make test` quick otherwise.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

lint: install
	$(BIN)/ruff check ascn tests tools benchmarks
	$(BIN)/ruff format --check ascn tests tools benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

# The browser test's accessibility engine (axe-core, npm; package-lock.json pins it). Without
# npm the browser test skips locally; CI (.ci/run) installs npm and sets ASCN_REQUIRE_BROWSER=1.
AXE := node_modules/axe-core/axe.min.js

test-tools: $(AXE)

$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the browser test will skip (CI installs it)"; fi

test: lint test-tools
	$(BIN)/ascn validate --data data
	$(BIN)/ascn fmt --check --data data
	$(BIN)/ascn schema --check --data data
	$(BIN)/pytest

schema: install
	$(BIN)/ascn schema --data data

fmt: install
	$(BIN)/ascn fmt --data data

validate: install
	$(BIN)/ascn validate --data data

report: install
	$(BIN)/ascn report --year $(YEAR) --out reports

# Benchmarks (BENCHMARKS.md): the bench extra holds the anchors (PyYAML, yamllint,
# check-jsonschema); synthetic datasets go to bench-data/ (git-ignored).
BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

bench-data: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.bench data

bench: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.bench run --write BENCHMARKS.md

clean:
	rm -rf $(VENV) reports build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache node_modules
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
