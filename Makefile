# Paso: `make run` serves the app, `make test` runs every check. Both install what they need.
SHELL := /bin/bash
ROOT := $(CURDIR)
VENV := $(ROOT)/.venv
TOOLS := $(ROOT)/.tools
PY := $(VENV)/bin/python
BUN := $(TOOLS)/node_modules/.bin/bun
AXE := $(TOOLS)/node_modules/axe-core/axe.min.js
LIGHTHOUSE := $(TOOLS)/node_modules/.bin/lighthouse
MINISEARCH := $(TOOLS)/node_modules/minisearch/dist/es/index.js
ESLINT := $(TOOLS)/node_modules/.bin/eslint

export PATH := $(TOOLS)/node_modules/.bin:$(VENV)/bin:$(PATH)
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export REFLEX_USE_SYSTEM_BUN := 1
export BUN_INSTALL_CACHE_DIR := $(TOOLS)/bun-cache
export npm_config_cache := $(TOOLS)/npm-cache
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run dev test audit bench-memory install migrate sample catalogs lint typecheck unit e2e js i18n-check \
        i18n-extract i18n-update i18n-compile i18n-stats screenshots bench-snapshot bench-edit bench-weight bench-offline \
        bench-lighthouse bench-cards bench-mypage bench-hsds bench-registration bench-signin bench-load bench-axe bench-search bench-serving tls tls-tools load-tools age-tool scale axe lighthouse minisearch eslint clean

## Install everything, migrate, load the sample data if empty, serve in production mode.
# The port is PASO_PUBLIC_URL's unless PORT is given (e.g. behind a TLS proxy on another port).
run: install migrate catalogs
	@set -e; \
	read -r url host port <<< "$$($(PY) -c "from rxapp.settings import get_settings as g; s = g(); print(s.public_url, s.listen_host, s.port)")"; \
	port=$${PORT:-$$port}; \
	echo "Paso will be at $$url (listening on $$host:$$port)"; \
	reflex run --env prod --frontend-port $$port --backend-port $$port --backend-host $$host

## Hot reload while working: frontend on 3000, backend on 8000.
dev: install migrate
	PASO_PUBLIC_URL=http://127.0.0.1:3000 PASO_API_URL=http://127.0.0.1:8000 \
	  reflex run --frontend-port 3000 --backend-port 8000 --backend-host 127.0.0.1

## Install everything, then lint, type-check, check the catalogs and run every test.
test: install chromium tls-tools age-tool axe catalogs lint typecheck i18n-check js audit
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

## Caddy (the TLS proxy for the centre's wifi) and certutil (the HTTPS test trusts Caddy's CA).
tls-tools:
	@command -v caddy >/dev/null && command -v certutil >/dev/null || \
	  (apt-get update -qq && apt-get install -y -qq caddy libnss3-tools)

## wrk, the load generator of bench/serving.py (Debian's package).
load-tools:
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)

## The standard age tool: a unit test checks that it decrypts Paso's encrypted backups.
age-tool:
	@command -v age >/dev/null || (apt-get update -qq && apt-get install -y -qq age)

## The centre's wifi over HTTPS: Caddy (its own certificate authority) answers at PASO_PUBLIC_URL
## and forwards to the app on 127.0.0.1:$$PORT (default 8000).
## E.g. PASO_PUBLIC_URL=https://192.168.1.10:8443 make tls
tls: install tls-tools
	$(PY) scripts/tls.py run

## Several workers on PostgreSQL + Redis behind Caddy (scripts/scale.py): migrate, build once,
## WORKERS processes on 127.0.0.1:$$PORT, $$PORT+1, ... (default 8000), Caddy at PASO_PUBLIC_URL.
## E.g. REFLEX_DB_URL=postgresql+psycopg://paso@db/paso REFLEX_REDIS_URL=redis://db:6379/0 \
##      PASO_PUBLIC_URL=https://192.168.1.10:8443 make scale WORKERS=2
WORKERS ?= 2
scale: install tls-tools catalogs
	$(PY) scripts/scale.py run --workers $(WORKERS)

migrate: install
	$(PY) -m rxapp.cli setup

sample: install
	$(PY) -m rxapp.cli sample

catalogs: install
	$(PY) -m rxapp.i18n.cli compile >/dev/null

lint: install
	$(VENV)/bin/ruff check rxapp tests scripts bench rxconfig.py
	$(VENV)/bin/ruff format --check rxapp tests scripts bench rxconfig.py

typecheck: install
	$(VENV)/bin/mypy

i18n-check: install
	$(PY) -m rxapp.i18n.cli check

## The client code: every file parses, ESLint (eslint.config.mjs) passes, the node tests pass.
js: eslint
	@for f in $$(ls assets/paso/*.js assets/paso/*.mjs tests/js/*.mjs); do node --check $$f || exit 1; done
	$(ESLINT) assets/paso tests/js eslint.config.mjs
	node --test tests/js/

## Known vulnerabilities with a fix fail; an advisory service out of reach is said, not failed
## (docs/development.md, "Dependency audit").
audit: install
	$(PY) scripts/audit.py

unit: install
	$(PY) -m pytest -q tests/unit

e2e: install chromium tls-tools axe
	$(PY) -m pytest -q tests/e2e

i18n-extract: install
	$(PY) -m rxapp.i18n.cli extract
i18n-update: install
	$(PY) -m rxapp.i18n.cli update
## Compile the catalogs and nudge a running `make dev`, which then rebuilds the pages with them.
i18n-compile: catalogs
	touch rxapp/i18n/catalogs.py
i18n-stats: install
	$(PY) -m rxapp.i18n.cli stats
	$(PY) -m rxapp.content_cli stats

screenshots: install chromium
	$(PY) scripts/screenshots.py

## What the browser downloads to read the directory, at the sample size, 1,000 and 10,000 services.
bench-snapshot: install
	$(PY) -m bench.snapshot

## How long an edit takes to reach readers at 10,000 services, beside a whole build; a restart.
bench-edit: install
	$(PY) -m bench.snapshot_edit

## A list page on a phone (Slow 4G, 4x CPU): first cards, every card in, long tasks, beside the
## old loader (one part after another), at the sample size, 1,000 and 10,000 services.
bench-cards: install chromium
	$(PY) -m bench.cards

## Bytes each public page downloads on a first visit, next to a blank Reflex app (the floor).
bench-weight: install chromium
	$(PY) -m bench.weight

## What the worker saves for offline use per locale (stored and gzip), sample and 1,000 services.
bench-offline: install chromium
	$(PY) -m bench.offline

## My page (issue 19): a repeat visit painted from the kept copy (Slow 4G, 4x CPU), and what
## its 2 s poll (POST /api/me, 304/200) costs the one worker.
bench-mypage: install chromium
	$(PY) -m bench.mypage

## HSDS 3.0 at 10,000 services / 2,000 organizations (issue 20): export, import, their peak
## memory, and the read API's filtered pages of 20 on Paso served in production.
bench-hsds: install
	$(PY) -m bench.hsds

## axe-core on every service's page in every locale (the suite checks one page of each type).
bench-axe: install chromium axe
	$(PY) -m bench.axe_crawl

## Registrations over the real websocket at 1, 10 and 50 clients, next to SQLite's commit ceiling.
bench-registration: install
	$(PY) -m bench.registration

## Readers (directory index, a page, a desk tab) during a flood of 50 sign-ins a second for 20 s.
bench-signin: install
	$(PY) -m bench.signin_flood

## 50 phones reading and registering at once: one worker on SQLite, one and two (behind Caddy) on
## PostgreSQL + Redis (BENCH_LOAD_ARGS, e.g. --postgres URL --redis URL; bench/load.py).
bench-load: install tls-tools
	$(PY) -m bench.load $(BENCH_LOAD_ARGS)

## Requests/s the app serves for reading (index, a card part, the home) beside Caddy's static files.
bench-serving: install tls-tools load-tools
	$(PY) -m bench.serving

## KB of server memory per websocket client and what stays after it closes, next to a blank app.
bench-memory: install
	$(PY) -m bench.memory

## Lighthouse (mobile) on home, a list and a detail page; reports in bench/out/lighthouse/.
bench-lighthouse: install chromium lighthouse
	$(PY) -m bench.lighthouse

## Search: query-set score, bytes, a keystroke and the index at 1,000 services (CPU 4x), a first
## visit's search at 10,000 (Slow 4G), and MiniSearch measured against Paso's index.
bench-search: install chromium minisearch
	$(PY) -m bench.search

## axe-core for tests/e2e/test_accessibility.py, from the npm registry like bun; only when missing.
axe: $(AXE)

$(AXE):
	npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error axe-core@4.10.3

## Lighthouse 12.2.3 for bench/lighthouse.py, from the npm registry; only when missing.
lighthouse: $(LIGHTHOUSE)

$(LIGHTHOUSE):
	npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error lighthouse@12.2.3

## MiniSearch 7.2.0 for bench/search.py's comparison (never shipped); only when missing.
minisearch: $(MINISEARCH)

$(MINISEARCH):
	npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error minisearch@7.2.0

## ESLint for `make js`, from the npm registry like bun; only when missing.
eslint: $(ESLINT)

$(ESLINT):
	npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error eslint@10.16.0 @eslint/js@10.0.1 globals@17.4.0

clean:
	rm -rf .web .states
