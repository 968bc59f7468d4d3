# Painwise: `make run` starts it with demo data; `make test` runs every check CI runs.
# Both create and use a local virtual environment in .venv; neither needs root.

VENV := .venv
BIN := $(VENV)/bin
PYTHON_FOR_VENV = $(shell scripts/find-python.sh)

.PHONY: run test lint bench clean help openapi

help:
	@echo "make run    set up, load demo data and start Painwise on http://127.0.0.1:8000"
	@echo "make test   lint, migration check and the whole test suite (SQLite and PostgreSQL)"
	@echo "make bench  the benchmarks (assessment CLI, review page, insights, pacing simulation)"

$(BIN)/python:
	@py="$$(scripts/find-python.sh)" && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.dev-installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/painwise setup --quiet
	$(BIN)/painwise demo
	@echo "Starting the web server with the background worker. Press Ctrl+C to stop both."
	@PAINWISE_DEBUG=$${PAINWISE_DEBUG-1} exec $(BIN)/painwise serve --with-worker

test: $(VENV)/.dev-installed
	@PATH="$(CURDIR)/$(BIN):$$PATH" scripts/test.sh

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

bench: $(VENV)/.dev-installed
	@PATH="$(CURDIR)/$(BIN):$$PATH" scripts/bench.sh

clean:
	rm -rf $(VENV) test-results .pytest_cache

openapi: $(VENV)/.dev-installed
	PAINWISE_DATA_DIR="$$(mktemp -d)" $(BIN)/python manage.py export_openapi_schema --api painwise.api.v1.api --output docs/openapi.json --indent 2 --sorted
