# Every target creates .venv on first use and installs the app into it, so a
# fresh clone needs only Python 3.11+, pip and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run demo test lint clean screenshots faults bench package package-test

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
	rm -rf $(VENV) build packaging/build *.egg-info .pytest_cache .ruff_cache

screenshots: $(STAMP)  ## regenerate docs/screenshots from a demo database
	$(BIN)/python docs/make_screenshots.py

bench: $(STAMP)  ## benchmark suite (issue 7): one table of ratios; ARGS="--size tiny" / "--only P2"
	$(BIN)/python -m bench $(ARGS)

faults: $(STAMP)  ## kill an import 30 times, open damaged files, round-trip backups; prints the figures
	$(BIN)/python faults/run.py $(ARGS)

package:  ## build the Linux .deb from a clean virtualenv and validate it (packaging/build/)
	bash packaging/build_deb.sh

package-test:  ## install the .deb, run it under Xvfb (xcb), check its database, remove it (root)
	bash packaging/test_deb.sh
