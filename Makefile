# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint format messages clean

$(STAMP): requirements/dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

## Install, migrate, load the gazetteer and demo data, serve on http://127.0.0.1:8000
demo: install
	$(BIN)/imar compilemessages_imar
	$(BIN)/imar migrate --no-input
	$(BIN)/imar demo
	$(BIN)/imar runserver 127.0.0.1:8000

## Install and run the whole test suite
test: install
	$(BIN)/imar compilemessages_imar
	$(BIN)/python -m pytest -q -n auto

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Refresh the one Arabic catalogue (imar/locale) from the code and templates (needs GNU gettext)
messages: install
	cd imar && $(CURDIR)/$(BIN)/imar makemessages -l ar --no-obsolete --ignore=static
	$(BIN)/imar compilemessages_imar

clean:
	rm -rf $(VENV) var
