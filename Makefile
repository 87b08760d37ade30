# `make run` and `make test` create or refresh the virtual environment themselves.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
QUESTION ?= How does low-bit quantization interact with undertrained models?

.PHONY: setup setup-test run ask ingest test test-fast browser inspector lock clean

# Running needs only the pins of requirements-run.lock, installed as they are (no resolver): no torch,
# no test packages.
$(RUN_STAMP): pyproject.toml requirements-run.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps -r requirements-run.lock
	$(BIN)/pip install --quiet --no-deps -e . --config-settings editable_mode=compat
	touch $(RUN_STAMP)

$(TEST_STAMP): $(RUN_STAMP) requirements.lock
	# torch (only the tests' reference for the ONNX embedding) first and pinned: the local CPU build,
	# never the multi-GB CUDA one.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]' --config-settings editable_mode=compat
	touch $(TEST_STAMP)

setup: $(RUN_STAMP)

setup-test: $(TEST_STAMP)

# The chat UI at http://127.0.0.1:7860; the first start indexes the bundled corpus (answers after about 45 s).
run: setup
	$(BIN)/python app.py

ask: setup
	$(BIN)/assistant ask "$(QUESTION)"

ingest: setup
	$(BIN)/assistant ingest

# Two workers (pytest-xdist), a test file each at a time: a file's fixtures are made once, and the
# real corpus is embedded once for the whole run (tests/conftest.py).
PYTEST_WORKERS ?= 2

test: setup-test browser inspector
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile

# The edit loop: everything but the real corpus's evaluations and the tests that start processes,
# servers or a browser (`make test` runs those).
test-fast: setup-test
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -m "not slow and not heavy"

# The browser tests drive Debian's chromium (Playwright cannot download browsers offline).
browser:
	@command -v chromium >/dev/null || { \
		echo "installing chromium for the browser tests"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get install -y -qq chromium >/dev/null || { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }; }

# The official MCP Inspector (the TypeScript SDK's client), which the MCP tests drive as a client would.
INSPECTOR := .cache/inspector/node_modules/.bin/mcp-inspector
inspector: $(INSPECTOR)

$(INSPECTOR):
	npm install --prefix .cache/inspector --no-audit --no-fund --loglevel=error @modelcontextprotocol/inspector@2.12.0

# After changing requirements.lock: the pins running needs, from the test environment's metadata.
lock: setup-test
	$(BIN)/python .ci/run_lock.py

clean:
	rm -rf $(VENV) .pytest_cache
