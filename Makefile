# factdb: every set-up step lives here, so a fresh machine needs only `make run` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= factdb.duckdb
HOST   ?= 127.0.0.1
PORT   ?= 8000
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: run test install install-dev lint bench bench-tools lock clean

## run: install the locked dependencies, load seeds/ into $(DB) and serve it
run: install
	$(BIN)/factdb load seeds/ --db $(DB)
	$(BIN)/factdb serve --db $(DB) --host $(HOST) --port $(PORT)

## test: install the locked dependencies with the dev tools and run the whole test suite
test: install-dev
	$(BIN)/ruff check factdb api tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(PIP) install --require-hashes --no-deps -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	$(PIP) check

install-dev: $(BIN)/python
	$(PIP) install --require-hashes --no-deps -r requirements-dev.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	$(PIP) check

lint: install-dev
	$(BIN)/ruff check factdb api tests bench
	$(BIN)/mypy

bench: install-dev
	$(BIN)/python bench/run_all.py

## bench-tools: the native HTTP load generator of bench/bench_api.py (Debian's wrk, pinned;
## without it the bench falls back to its multi-process Python client)
WRK_VERSION := 4.1.0-3+b2
bench-tools:
	command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk=$(WRK_VERSION); }

## lock: regenerate both lock files (with hashes) from pyproject.toml
lock: $(BIN)/python
	$(PIP) install uv==0.13.9
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes \
		--no-header -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes \
		--no-header -o requirements-dev.lock

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache test-artifacts
