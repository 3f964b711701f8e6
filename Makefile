# The project's command index. Needs only python3 and make; creates .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check

.PHONY: help report test lab lab-student explore validate clean report-deps

help:           ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps re-run an install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

# the test extra plus explore: the suite builds alliance.db and queries it through Datasette
$(VENV)/.installed-test: pyproject.toml | $(VENV)/.installed
	$(PIP) install -e '.[test,explore]'
	@touch $@

$(VENV)/.installed-lab: pyproject.toml | $(VENV)/.installed
	$(PIP) install -e '.[lab]'
	@touch $@

$(VENV)/.installed-explore: pyproject.toml | $(VENV)/.installed
	$(PIP) install -e '.[explore]'
	@touch $@

report: $(VENV)/.installed report-deps   ## execute every notebook and render the reports, slides and handouts
	$(BIN)/python -m alliance render

# The PDF handouts are printed by Debian's headless Chromium, with fonts for the Korean,
# Chinese and Ethiopic characters some titles hold and the emoji otter's checks print (a
# glyph no font has prints as a box). As root on Debian they are installed here; elsewhere
# the handouts are skipped (no Chromium; ALLIANCE_CHROMIUM may name one) or print those names
# as boxes (no font), and the rest is built. The browser tests drive the same Chromium.
report-deps:
	@if { command -v chromium >/dev/null 2>&1 || [ -n "$$ALLIANCE_CHROMIUM" ]; } \
	     && fc-list :lang=ko | grep -q . && fc-list :lang=zh-cn | grep -q . && fc-list :lang=am | grep -q . \
	     && fc-list :charset=1f389 | grep -q .; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's chromium and the CJK, Ethiopic and emoji fonts for the PDF handouts"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum fonts-wqy-microhei fonts-sil-abyssinica fonts-symbola >/dev/null; \
	else \
	  echo "NOTE: chromium or the CJK fonts are missing and cannot be installed here (needs root and apt-get):"; \
	  echo "      without chromium the PDF handouts and the browser tests are skipped. Install chromium and"; \
	  echo "      fonts-nanum fonts-wqy-microhei fonts-sil-abyssinica fonts-symbola, or set ALLIANCE_CHROMIUM."; \
	fi

# Two pytest workers (pytest-xdist), each test module whole on one of them: the heavy tests
# run renders that use both cores themselves, so more workers than cores only adds waiting.
TEST_WORKERS ?= 2

test: $(VENV)/.installed-test report-deps   ## lint (ruff), then run the whole test suite
	$(BIN)/ruff check lib tests bench notebooks
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope

validate: $(VENV)/.installed   ## check the dataset and list every problem
	$(BIN)/python -m alliance validate

# Loopback only; as root (containers, Binder-like machines) JupyterLab needs --allow-root.
LAB_FLAGS := --ip=127.0.0.1 --no-browser $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(VENV)/.installed-lab   ## start JupyterLab on the notebooks (127.0.0.1 only)
	$(BIN)/jupyter lab $(LAB_FLAGS) --notebook-dir=notebooks

# Loopback only: the database is built from data/ first (python -m alliance export sqlite).
explore: $(VENV)/.installed-explore   ## build alliance.db and browse it with Datasette (127.0.0.1)
	$(BIN)/python -m alliance export sqlite --output alliance.db
	$(BIN)/datasette serve alliance.db --metadata metadata.json --host 127.0.0.1 --port 8001

lab-student: $(VENV)/.installed-lab   ## open the student notebooks (reports/student/, after make report) in JupyterLab
	@test -d reports/student || { echo "no reports/student/ yet: run 'make report' first"; exit 1; }
	$(BIN)/jupyter lab $(LAB_FLAGS) --notebook-dir=reports/student

clean:          ## remove the environment and built reports
	rm -rf $(VENV) reports reports-teacher .reports.build test-artifacts alliance.db metadata.json
