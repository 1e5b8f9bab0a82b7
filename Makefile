# Intake — two commands: `make run` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
PYTHON := $(shell scripts/find-python.sh)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test setup lint types unit e2e messages clean check-python

check-python:
	@test -n "$(PYTHON)" || { scripts/find-python.sh; exit 1; }

$(BIN)/activate: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip

$(VENV)/.runtime: requirements.txt $(BIN)/activate
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

.env:
	scripts/make-dotenv.sh > .env

# Compiles translations with Babel (no GNU gettext needed), collects static files, migrates.
setup: $(VENV)/.runtime .env
	$(PY) manage.py compile_translations
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py createcachetable
	$(PY) manage.py seed_demo

run: setup
	scripts/run.sh

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

types: $(VENV)/.dev
	INTAKE_ENV=test $(BIN)/mypy

# The whole suite: lint, types, unit + integration tests, browser tests.
# SQLite by default; PostgreSQL when DATABASE_URL is set.
test: $(VENV)/.dev
	scripts/ensure-system-deps.sh
	INTAKE_ENV=test $(PY) manage.py compile_translations
	INTAKE_ENV=test $(PY) manage.py collectstatic --noinput -v 0
	$(MAKE) lint types
	INTAKE_ENV=test $(BIN)/pytest

# Refreshes locale/fr/LC_MESSAGES/django.po from the sources (needs GNU gettext's xgettext).
messages: $(VENV)/.dev
	INTAKE_ENV=test $(PY) manage.py makemessages -l fr --no-location --no-obsolete -i ".venv/*" -i "e2e/*" -i "bench/*"
	INTAKE_ENV=test $(PY) manage.py compile_translations
	INTAKE_ENV=test $(PY) manage.py collectstatic --noinput -v 0

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
