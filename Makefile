# Painwise: `make run` starts it with demo data; `make test` runs every check CI runs.
# Both create and use a local virtual environment in .venv; neither needs root.

VENV := .venv
BIN := $(VENV)/bin
PYTHON_FOR_VENV = $(shell scripts/find-python.sh)
# Every package, direct or indirect, at the exact version CI tested (`make lock` renews it).
CONSTRAINTS := requirements/constraints.txt
UV_VERSION := 0.13.8

.PHONY: run test lint bench clean help openapi lock screenshots

help:
	@echo "make run    set up, load demo data and start Painwise on http://127.0.0.1:8000"
	@echo "make test   lint, migration check and the whole test suite (SQLite and PostgreSQL)"
	@echo "make screenshots  the browser tests, saving every checked page (phone and desktop)"
	@echo "            to test-results/screens/ for a person to look at"
	@echo "make bench  the benchmarks (assessment CLI, review page, insights, pacing simulation)"

# uv installs the locked packages (the same versions pip would take from the constraints file):
# about 30 s for the whole test set on a fresh machine, where pip took about 3 minutes. Like pip,
# it compiles them to bytecode as it installs (--compile-bytecode, about 18 s of that): where
# PYTHONDONTWRITEBYTECODE is set, as on our machines, nothing else caches it outside `make test`
# (scripts/test.sh unsets it), and every process of a direct `pytest` run compiled Django, NumPy
# and the rest again (measured on 2026-11-23: the fast suite 199 s -> 155 s, the core's tests
# 11.5 -> 8.4 s).
$(BIN)/python:
	@py="$$(scripts/find-python.sh)" && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)

$(VENV)/.run-installed: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode -c $(CONSTRAINTS) -e .
	@touch $@

$(VENV)/.dev-installed: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode -c $(CONSTRAINTS) -e '.[dev]'
	@touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/painwise setup --quiet
	$(BIN)/painwise demo
	@echo "Starting the web server with the background worker. Press Ctrl+C to stop both."
	@PAINWISE_DEBUG=$${PAINWISE_DEBUG-1} exec $(BIN)/painwise serve --with-worker

test: $(VENV)/.dev-installed
	@PATH="$(CURDIR)/$(BIN):$$PATH" scripts/test.sh

screenshots: $(VENV)/.dev-installed
	PAINWISE_SCREENSHOTS=1 $(BIN)/python -m pytest -q -m browser

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

bench: $(VENV)/.dev-installed
	@PATH="$(CURDIR)/$(BIN):$$PATH" scripts/bench.sh

lock: $(BIN)/python
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.12 \
		--quiet -o $(CONSTRAINTS)

clean:
	rm -rf $(VENV) test-results .pytest_cache

openapi: $(VENV)/.dev-installed
	PAINWISE_DATA_DIR="$$(mktemp -d)" $(BIN)/python manage.py export_openapi_schema --api painwise.api.v1.api --output docs/openapi.json --indent 2 --sorted
