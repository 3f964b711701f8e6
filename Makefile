# The project's command index. Needs only python3 and make; creates .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check

.PHONY: help report test lab validate clean

help:           ## list the commands
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps re-run an install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/.installed
	$(PIP) install -e '.[test]'
	@touch $@

$(VENV)/.installed-lab: pyproject.toml | $(VENV)/.installed
	$(PIP) install -e '.[lab]'
	@touch $@

report: $(VENV)/.installed   ## execute every notebook and render the reports into reports/
	$(BIN)/python -m alliance render

test: $(VENV)/.installed-test   ## run the whole test suite
	$(BIN)/python -m pytest

validate: $(VENV)/.installed   ## check the dataset and list every problem
	$(BIN)/python -m alliance validate

lab: $(VENV)/.installed-lab   ## start JupyterLab on the notebooks
	$(BIN)/jupyter lab notebooks/

clean:          ## remove the environment and built reports
	rm -rf $(VENV) reports test-artifacts
