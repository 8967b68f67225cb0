# Two commands for a newcomer: `make run` (the app, on demo data until you upload) and `make test`.
# `make serve` opens it to the network once sign-in is configured.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run serve test lint typecheck format screenshots setup setup-dev system-deps

run: setup
	$(PY) -m streamlit run app.py

# For a team: listens on ADDRESS (default every interface), and only once sign-in is configured.
serve: setup
	./scripts/serve.sh

test: setup-dev system-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest

# Refresh the README's screenshot (docs/overview.png) from the browser test.
screenshots: setup-dev system-deps
	RETURNS_RADAR_SCREENSHOTS=1 $(PY) -m pytest tests/test_browser.py -k upload_trend

lint: setup-dev
	$(VENV)/bin/ruff check .

# Strict type check of analysis/ and data/ (settings in pyproject.toml).
typecheck: setup-dev
	$(PY) -m mypy

format: setup-dev
	$(VENV)/bin/ruff format .

setup: $(VENV)/.runtime

setup-dev: $(VENV)/.dev

system-deps:
	./scripts/system-deps.sh

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime
