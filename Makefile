# Writers need two commands, `make check` and `make serve`; `make test` is the developers' (CONTRIBUTING.md 4.5).
# Everything else is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# A province's or commune's fork builds with its own mkdocs.local.yml (which INHERITs mkdocs.yml).
CONFIG ?= $(if $(wildcard mkdocs.local.yml),mkdocs.local.yml,mkdocs.yml)

.PHONY: install serve build bundle zim check test fuzz bench clean
# A recipe that fails leaves no target behind (the guide's samples: mau.webm is written first).
.DELETE_ON_ERROR:

$(BIN)/hocvuso: pyproject.toml
	@bash tools/make-venv.sh "$(PYTHON)" "$(VENV)"
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[video]'
	@touch $@

$(VENV)/.test-deps: $(BIN)/hocvuso
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

# Records which Chromium the browser tests use (Playwright's own, or the system's).
$(VENV)/chromium: $(VENV)/.test-deps
	@bash tools/find-chromium.sh "$(BIN)/python" > $@.tmp && mv $@.tmp $@

# The writers' guide's sample video and narration (content/huong-dan-video.md): made, never committed.
# Only where the guide page is (a fork may have taken it out).
SAMPLES := $(if $(wildcard content/huong-dan-video.md),content/huong-dan-video/mau/mau.webm)
content/huong-dan-video/mau/mau.webm: tools/make-sample-media.py | $(BIN)/hocvuso
	$(BIN)/python tools/make-sample-media.py $(dir $@)

# What the writers' commands need: the tools and the guide's samples (the pull request workflow).
install: $(BIN)/hocvuso $(SAMPLES)

serve: $(BIN)/hocvuso $(SAMPLES)
	$(BIN)/mkdocs serve -f $(CONFIG) --dev-addr 127.0.0.1:8000

build: $(BIN)/hocvuso $(SAMPLES)
	$(BIN)/mkdocs build --strict -f $(CONFIG)

# One zip of the whole site, for a USB stick or any static host: unzip and open index.html.
bundle: build
	$(BIN)/python -c "import shutil; print(shutil.make_archive('khoa-hoc', 'zip', 'site'))"

# One laptop, a whole class: build, then serve the site to the phones on the same Wi-Fi (PORT=8001 to change).
.PHONY: lop-hoc
lop-hoc: build
	$(BIN)/hocvuso lop-hoc $(if $(PORT),--port $(PORT))

# One .zim file for Kiwix (phones, classes): the site without its service worker, with Kiwix's
# metadata. libzim is GPL-3.0 and optional: installed here, not by `make build`.
$(VENV)/.zim-deps: $(BIN)/hocvuso
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[zim]'
	@touch $@

zim: $(VENV)/.zim-deps $(SAMPLES)
	$(BIN)/hocvuso zim --config $(CONFIG)

# When the check finds mistakes, make adds its own English line ("make: *** [...] Error 1") under
# the Vietnamese count: said once in Vietnamese, so writers do not take it for one more mistake.
CHECK = $(BIN)/hocvuso check || { echo '(Dòng "make: *** ... Error 1" ngay dưới đây chỉ là lệnh make nhắc lại rằng còn lỗi cần sửa, không phải thêm một lỗi.)' >&2; exit 1; }

check: $(BIN)/hocvuso $(SAMPLES)
	@$(CHECK)

# WebKit (Safari's engine) and Firefox for the learner's walk in those engines.
$(VENV)/.engines: $(VENV)/.test-deps tools/find-engines.sh
	@bash tools/find-engines.sh && touch $@

# acorn parses every script the site ships at the browser floor's ECMAScript level
# (tests/publish/test_browser_floor.py, README "Browser floor"); without npm that test skips.
ACORN := $(VENV)/node/node_modules/acorn
$(ACORN)/package.json:
	-mkdir -p $(VENV)/node && npm install --prefix $(VENV)/node --no-audit --no-fund 'acorn@>=8 <9'

test: $(VENV)/chromium $(VENV)/.engines $(ACORN)/package.json $(SAMPLES)
	@$(CHECK)
	HOCVUSO_KIWIX_SERVE="$$(bash tools/find-kiwix.sh)" HOCVUSO_CHROMIUM="$$(cat $(VENV)/chromium)" \
	HOCVUSO_ACORN="$(abspath $(ACORN))" $(BIN)/python -m pytest -q

# The property tests' long run: 10,000 mutated lessons and banks (make test runs a bounded sample).
fuzz: $(VENV)/.test-deps
	HOCVUSO_FUZZ_PROFILE=fuzz $(BIN)/python -m pytest -q tests/check/test_fuzz.py

# Lighthouse for `make bench` only (not needed by the tests); without npm the bench skips it.
$(VENV)/node/node_modules/.bin/lighthouse:
	-mkdir -p $(VENV)/node && npm install --prefix $(VENV)/node --no-audit --no-fund 'lighthouse@>=12 <13'

$(VENV)/.bench-deps: $(VENV)/.test-deps
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	@touch $@

# LARGE=1 adds courses of 10,000 lessons to the search benchmark and to the course-size table (issue
# 27): long (plain Material alone takes many minutes there).
bench: $(VENV)/chromium $(VENV)/.bench-deps $(VENV)/node/node_modules/.bin/lighthouse $(SAMPLES)
	$(BIN)/python tests/bench.py $(if $(LARGE),--large)

clean:
	rm -rf site khoa-hoc.zip khoa-hoc.zim .pytest_cache
