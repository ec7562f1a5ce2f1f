# Set-up and test entry points. `make run` and `make test` are all a new machine needs.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# TCP port that `make run` serves on, e.g. `make run PORT=8080`.
PORT ?= 8000

.PHONY: run install install-test test test-sqlite test-postgres lint bench clean

run: install
	$(BIN)/cptdesk setup --demo
	$(BIN)/cptdesk serve --port $(PORT)

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The whole suite: static checks, then the tests on SQLite and again on PostgreSQL.
test: install-test
	bash tools/run-tests.sh

test-sqlite: install-test
	bash tools/run-tests.sh sqlite

test-postgres: install-test
	bash tools/run-tests.sh postgres

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var
