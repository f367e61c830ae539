# Every target creates .venv on first use and installs the app into it, so a
# fresh clone needs only Python 3.11+, pip and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run demo test lint clean screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)  ## start the app on the database in your data folder
	$(BIN)/tiklive $(ARGS)

demo: $(STAMP)  ## start the app on a generated demo database (your data is not touched)
	$(BIN)/tiklive --demo $(ARGS)

test: $(STAMP)  ## run the whole test suite (Qt runs offscreen)
	$(BIN)/python -m pytest $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache

screenshots: $(STAMP)  ## regenerate docs/screenshots from a demo database
	$(BIN)/python docs/make_screenshots.py
