# Paso: `make run` serves the app, `make test` runs every check. Both install what they need.
SHELL := /bin/bash
ROOT := $(CURDIR)
VENV := $(ROOT)/.venv
TOOLS := $(ROOT)/.tools
PY := $(VENV)/bin/python
BUN := $(TOOLS)/node_modules/.bin/bun
PORT ?= 8000

export PATH := $(TOOLS)/node_modules/.bin:$(VENV)/bin:$(PATH)
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export REFLEX_USE_SYSTEM_BUN := 1
export BUN_INSTALL_CACHE_DIR := $(TOOLS)/bun-cache
export npm_config_cache := $(TOOLS)/npm-cache
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run dev test install migrate sample catalogs lint typecheck unit e2e js i18n-check \
        i18n-extract i18n-update i18n-compile i18n-stats screenshots clean

## Install everything, migrate, load the sample data if empty, serve in production mode.
run: install migrate catalogs
	@echo "Paso will be at $${PASO_PUBLIC_URL:-http://127.0.0.1:$(PORT)}"
	reflex run --env prod --frontend-port $(PORT) --backend-port $(PORT) \
	  --backend-host $$($(PY) -c "from rxapp.settings import get_settings; print(get_settings().listen_host)")

## Hot reload while working: frontend on 3000, backend on 8000.
dev: install migrate
	PASO_PUBLIC_URL=http://127.0.0.1:3000 PASO_API_URL=http://127.0.0.1:8000 \
	  reflex run --frontend-port 3000 --backend-port 8000 --backend-host 127.0.0.1

## Install everything, then lint, type-check, check the catalogs and run every test.
test: install chromium catalogs lint typecheck i18n-check js
	$(PY) -m pytest -q

install: $(VENV)/.installed $(BUN)

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e ".[dev]"
	touch $@

$(BUN):
	npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error bun@1.4.5

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)

migrate: install
	$(PY) -m rxapp.cli setup

sample: install
	$(PY) -m rxapp.cli sample

catalogs: install
	$(PY) -m rxapp.i18n.cli compile >/dev/null

lint: install
	$(VENV)/bin/ruff check rxapp tests scripts rxconfig.py
	$(VENV)/bin/ruff format --check rxapp tests scripts rxconfig.py

typecheck: install
	$(VENV)/bin/mypy

i18n-check: install
	$(PY) -m rxapp.i18n.cli check

js:
	node --test tests/js/

unit: install
	$(PY) -m pytest -q tests/unit

e2e: install chromium
	$(PY) -m pytest -q tests/e2e

i18n-extract: install
	$(PY) -m rxapp.i18n.cli extract
i18n-update: install
	$(PY) -m rxapp.i18n.cli update
i18n-compile: catalogs
i18n-stats: install
	$(PY) -m rxapp.i18n.cli stats

screenshots: install chromium
	$(PY) scripts/screenshots.py


clean:
	rm -rf .web .states
