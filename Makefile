# The two commands a newcomer runs: `make demo` and `make test`. Nothing clever.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

# One worker per core. worksteal gives each worker a contiguous run of tests (a file's module
# fixtures are then mostly built once) and lets an idle worker take queued tests from a busy
# one. Each worker starts its own PostgreSQL cluster (tests/pg.py).
PYTEST := $(BIN)/python -m pytest -n auto --dist worksteal

.PHONY: demo test test-fast lint typecheck clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# setup.py compiles these scoring modules (mypyc) into the checkout when it can: reinstalling
# after one changes keeps the compiled code equal to the source (analysis/native.py runs a stale
# build as Python, slower, until then).
NATIVE_SRC := setup.py analysis/lang.py analysis/sentiment_lexicon.py analysis/sentiment_model.py \
	analysis/sentiment_score.py

# pip --quiet hides the build's own messages: say whether the scoring modules were compiled.
SAY_NATIVE := $(BIN)/python -c "from analysis import native; print('koll: scoring modules', \
	'compiled' if native.compiled() else 'not compiled: pure Python, slower (docs/sentiment.md, Speed)')"

$(VENV)/.installed: pyproject.toml $(NATIVE_SRC) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@$(SAY_NATIVE)
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(NATIVE_SRC) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@$(SAY_NATIVE)
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/koll demo --dir koll-demo

# mypy checks koll/ ingest/ analysis/ dashboard/ ([tool.mypy] in pyproject.toml); its cache
# (.mypy_cache) makes a second run take a few seconds.
test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(PYTEST)

# The quick loop while working: leaves out the slow, browser and PostgreSQL tests.
test-fast: $(VENV)/.installed-dev
	$(PYTEST) -m "not slow and not browser and not postgres"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

clean:
	rm -rf $(VENV) koll-demo .pytest_cache .ruff_cache .mypy_cache build analysis/native.json
	rm -f *.so analysis/*.so
