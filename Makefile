# Two commands for everyone: `make serve` and `make test`. Everything else is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test bench clean

$(BIN)/hocvuso: pyproject.toml
	@bash tools/make-venv.sh "$(PYTHON)" "$(VENV)"
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.test-deps: $(BIN)/hocvuso
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

# Records which Chromium the browser tests use (Playwright's own, or the system's).
$(VENV)/chromium: $(VENV)/.test-deps
	@bash tools/find-chromium.sh "$(BIN)/python" > $@.tmp && mv $@.tmp $@

serve: $(BIN)/hocvuso
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(BIN)/hocvuso
	$(BIN)/mkdocs build --strict

check: $(BIN)/hocvuso
	$(BIN)/hocvuso check

test: $(VENV)/chromium
	$(BIN)/hocvuso check
	HOCVUSO_CHROMIUM="$$(cat $(VENV)/chromium)" $(BIN)/python -m pytest -q

bench: $(VENV)/chromium
	$(BIN)/python tests/bench.py

clean:
	rm -rf site .pytest_cache
