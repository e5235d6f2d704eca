# idm-graph — two commands on a fresh machine:
#   make demo   set up .venv, build the bundled IDM 2021 summary, print where the outputs are
#   make test   set up .venv with the test extras, run ruff, mypy and the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
TSTAMP := $(VENV)/.installed-test-$(shell cksum pyproject.toml | cut -d' ' -f1)
NSTAMP := $(VENV)/.installed-notebook-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: demo test check notebook lint typecheck browser java fonts virtuoso strace docs bench devset clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(TSTAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,notebook]'
	touch $@ $(STAMP) $(NSTAMP)

$(NSTAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[notebook]'
	touch $@ $(STAMP)

demo: $(STAMP)
	$(BIN)/idm-graph build --out out
	@echo
	@echo "Open out/views/index.html in a browser (offline, self-contained)."
	@echo "To use idm-graph as the README does, first run:  . $(BIN)/activate"
	@echo "Then ask a first question:  idm-graph query persons --data out"

notebook: $(NSTAMP)
	mkdir -p out/notebook
	cd notebooks && ../$(BIN)/jupyter nbconvert --to html --execute explore.ipynb \
	  --output-dir ../out/notebook
	@echo "Open out/notebook/explore.html (its files are in notebooks/output/)."

browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { echo "installing Debian's chromium for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	    >/dev/null 2>&1 || echo "could not install chromium: browser tests will be skipped"; }

lint: $(TSTAMP)
	$(BIN)/ruff check src tests docs $(wildcard benchmarks)

typecheck: $(TSTAMP)
	$(BIN)/mypy

java:
	@command -v java >/dev/null 2>&1 || \
	  { echo "installing Debian's default-jre-headless for the OWL reasoner test"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	     default-jre-headless) >/dev/null 2>&1 || echo "could not install Java: the reasoner test will be skipped"; }

fonts:
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || \
	  { echo "installing Debian's fonts-dejavu-core for the test PDFs"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	     fonts-dejavu-core) >/dev/null 2>&1 || echo "could not install fonts: PDF tests will be skipped"; }

virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || \
	  { echo "installing Debian's virtuoso-opensource-7-bin for the Virtuoso integration test"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	     virtuoso-opensource-7-bin) >/dev/null 2>&1 || echo "could not install Virtuoso: its test will be skipped"; }

strace:
	@command -v strace >/dev/null 2>&1 || \
	  { echo "installing Debian's strace for the kill-at-every-rename test"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq strace) \
	    >/dev/null 2>&1 || echo "could not install strace: its test will be skipped"; }

# pytest-xdist on both cores, a test file per worker (--dist loadfile): the README's examples
# run in order in one folder, a build and then the queries of what it wrote
test: $(TSTAMP) browser java fonts virtuoso strace
	$(BIN)/ruff check src tests docs $(wildcard benchmarks)
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2 --dist loadfile

# the fast loop: lint, types, import contracts and the tests outside the slow families
# (browser, Virtuoso, reasoner, corpus, slow; see pyproject's markers), on both cores
check: $(TSTAMP)
	$(BIN)/ruff check src tests docs $(wildcard benchmarks)
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2 --dist loadfile -q -m "not (browser or virtuoso or reasoner or corpus or slow)"

docs: $(TSTAMP)
	$(BIN)/python docs/generate.py

devset: $(STAMP)
	@test -f ../shared/devset/score.py || { echo "no ../shared/devset beside this checkout"; exit 2; }
	$(BIN)/python benchmarks/devset.py --idm $(BIN)/idm-graph

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --sizes 1 100 1000 --markdown benchmarks/README.md

clean:
	rm -rf out tests/output .pytest_cache .ruff_cache .mypy_cache
