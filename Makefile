# Two commands on a fresh machine with only Python 3.11+ and pip:
#   make demo   -> sets up .venv, then `casework demo` (SQLite, reference data, demo login, serves :8000)
#   make test   -> sets up .venv, then lint and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test test-fast lint typecheck format lock clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/casework demo

test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -n auto -p no:cacheprovider

test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto -p no:cacheprovider -m "not slow and not browser"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy with django-stubs; strict on casework.core and casework.domain (pyproject.toml).
# The Django plugin reads the settings, which need a key even though nothing is served.
typecheck: $(STAMP)
	CASEWORK_SECRET_KEY=typecheck-only CASEWORK_DATA_DIR=var/typecheck $(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the pins after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable --exclude casework > requirements.lock

clean:
	rm -rf $(VENV) var
