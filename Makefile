# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint format messages lock clean

$(STAMP): requirements/dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

## Install, migrate, load the gazetteer and demo data, serve on http://127.0.0.1:8000 with the
## job worker beside the web server (two processes; Ctrl-C stops both)
demo: install
	$(BIN)/imar compilemessages_imar
	$(BIN)/imar migrate --no-input
	$(BIN)/imar demo
	@export IMAR_CACHE_DIR=$${IMAR_CACHE_DIR:-$(CURDIR)/var/cache/pages}; \
	$(BIN)/imar worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
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

# The locks are compiled from pyproject.toml against PyPI only (this machine's pip configuration
# and index variables are set aside), keeping the pins already locked unless a range moved.
LOCK_VENV := .venv-lock
PIP_COMPILE := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	$(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links

## Recompile requirements/dev.lock and requirements/base.lock (needs PyPI; see README)
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || ($(PYTHON) -m venv $(LOCK_VENV) && \
	  env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(LOCK_VENV)/bin/pip install --quiet pip-tools==7.6.2)
	$(PIP_COMPILE) $(LOCK_ARGS) --extra=dev --output-file=requirements/dev.lock pyproject.toml
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file=requirements/base.lock pyproject.toml

clean:
	rm -rf $(VENV) $(LOCK_VENV) var
