# `make run` and `make test` create or refresh the virtual environment themselves.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
QUESTION ?= How does low-bit quantization interact with undertrained models?

.PHONY: setup run ask ingest test test-fast clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	# torch first and pinned: the local CPU build, never the multi-GB CUDA one.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]' --config-settings editable_mode=compat
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/assistant ingest
	$(BIN)/assistant ask "$(QUESTION)"

ingest: setup
	$(BIN)/assistant ingest

test: setup
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow"

clean:
	rm -rf $(VENV) .pytest_cache
