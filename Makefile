# Two commands for a newcomer: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA ?= data/events.yaml
PORT ?= 8501

.PHONY: run test soak bench validate dump browser screenshot clean help

help:
	@echo "make run        start the dashboard on $(DATA) (http://localhost:$(PORT))"
	@echo "make test       run the whole test suite, browser tests included"
	@echo "make soak       the heavy load checks (20 readers at once; ~2 minutes), which CI runs too"
	@echo "make bench      print speed and memory figures"
	@echo "make validate   check $(DATA)"

$(PY):
	$(PYTHON) -m venv $(VENV)

# The pinned set, then this package itself (editable, built with the pinned setuptools), which puts the
# `timeline` command in .venv/bin for the pre-commit hook and editors' shells.
$(STAMP): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

.venv: $(STAMP)

# Debian's Chromium, for the browser tests and image export (never a downloaded browser).
browser:
	@bash scripts/ensure-chromium.sh

run: $(STAMP)
	$(VENV)/bin/timeline validate $(DATA)
	$(PY) -m streamlit run app.py --server.headless true --server.port $(PORT) -- --data $(DATA)

validate: $(STAMP)
	$(VENV)/bin/timeline validate $(DATA)

dump: $(STAMP)
	$(VENV)/bin/timeline dump $(DATA)

test: $(STAMP) browser
	$(PY) -m pytest -q --durations=15

soak: $(STAMP) browser
	$(PY) -m pytest -q -m soak -rA --durations=5

bench: $(STAMP)
	$(PY) benchmarks/run.py

screenshot: $(STAMP) browser
	$(PY) scripts/screenshot.py docs/screenshot.png --query "from=2020-09-01&event=khamenei-imam-hassan-tweet"

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
