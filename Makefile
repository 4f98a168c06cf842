# infohub: every task a developer or CI runs goes through this file. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
CONSTRAINTS := requirements/constraints.txt
# Test processes per pytest run (pytest-xdist); `auto` is one per core.
PYTEST_WORKERS ?= auto
# Line coverage of infohub on the SQLite run (96.2 % when set), rounded down less one point
# for run-to-run variation. It rises only: raise it when coverage grows, never lower it.
COVERAGE_FLOOR := 95
# What `make test` and CI run, in this order; bin/timed prints the time of each.
TEST_STAGES := lint typecheck check-imports check-migrations check-catalogs test-sqlite test-postgres \
	security lighthouse
# Node tools pinned by node/package-lock.json: Lighthouse and axe-core. Never a browser:
# both use Debian's Chromium.
NODE_DEPS := node/node_modules/.installed

.PHONY: help run test lint format typecheck check-imports import-graph check-migrations \
        check-catalogs test-sqlite test-postgres security node-deps lighthouse pre-commit messages \
        screenshots bench bench-postgres lock clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[1m%-18s\033[0m %s\n", $$1, $$2}'

$(BIN)/activate:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "infohub needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.base: $(BIN)/activate requirements/base.in $(CONSTRAINTS)
	$(BIN)/pip install --quiet -r requirements/base.in -c $(CONSTRAINTS)
	@touch $@

$(VENV)/.dev: $(VENV)/.base requirements/dev.in
	$(BIN)/pip install --quiet -r requirements/dev.in -c $(CONSTRAINTS)
	@touch $@

$(NODE_DEPS): node/package.json node/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix node --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	elif [ "$${CI:-}" = true ]; then \
		echo "npm is missing: apt-get install nodejs npm"; exit 1; \
	else \
		echo "npm is missing: axe-core checks and make lighthouse are skipped (apt-get install nodejs npm)"; \
	fi

var:
	mkdir -p var

run: $(VENV)/.base var ## Install, migrate, load demo data and serve (HOST=127.0.0.1 PORT=8000)
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo
	@$(PY) manage.py demo_logins
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev ## Everything CI checks, stage by stage, with the time of each
	@bin/timed $(TEST_STAGES)

lint: $(VENV)/.dev ## Ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev ## Apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(VENV)/.dev ## mypy with django-stubs
	$(BIN)/mypy .

check-imports: $(VENV)/.dev ## Fail when an import breaks the contracts between apps (pyproject.toml)
	$(BIN)/lint-imports --no-cache --no-logo

import-graph: $(VENV)/.dev ## Print the dependencies between apps as a Mermaid graph
	@$(PY) bin/import_graph.py

check-migrations: $(VENV)/.dev var ## Fail when models changed without a migration
	$(PY) manage.py makemigrations --check --dry-run

check-catalogs: $(VENV)/.dev ## Fail when a translation catalog is stale, untranslated or uncompiled
	$(PY) bin/check_catalogs.py

test-sqlite: $(VENV)/.dev $(NODE_DEPS) var ## pytest on SQLite, in parallel, with browser tests and the coverage floor
	INFOHUB_ENV=test $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup \
		-m 'not screenshots and not security' \
		--cov=infohub --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_FLOOR)

test-postgres: $(VENV)/.dev ## pytest on a throwaway PostgreSQL server (skipped without its binaries, unless CI=true)
	INFOHUB_ENV=test bin/with-postgres $(BIN)/pytest -n $(PYTEST_WORKERS) \
		-m 'not browser and not screenshots and not security'  # these run once, on SQLite

security: $(VENV)/.dev ## Schemathesis (all checks) on /api/v1/ per role and /api/hsds/, and a fuzz of every form
	INFOHUB_ENV=test $(BIN)/pytest -n $(PYTEST_WORKERS) -m security

node-deps: $(NODE_DEPS) ## Install the pinned Node tools (Lighthouse, axe-core) into node/

lighthouse: $(VENV)/.dev $(NODE_DEPS) ## Lighthouse on key public pages in es and ht; fails below the required scores
	$(PY) bin/lighthouse.py

pre-commit: $(VENV)/.dev ## Install the git hooks of .pre-commit-config.yaml
	$(BIN)/pre-commit install

messages: $(VENV)/.dev ## Extract strings into the catalogs and compile them (needs GNU gettext)
	cd infohub && ../$(PY) ../manage.py makemessages -l es -l fr -l ht --no-location --no-obsolete -i "tests/*" -i "testing/*"
	cd infohub && ../$(PY) ../manage.py compilemessages

screenshots: $(VENV)/.dev ## Rewrite docs/screenshots from a real Chromium
	INFOHUB_ENV=test $(BIN)/pytest tests/browser -m screenshots

bench: $(VENV)/.dev ## Run every benchmark under bench/ and print their figures
	$(PY) bench/run.py

bench-postgres: $(VENV)/.dev ## Run the database benchmarks on a throwaway PostgreSQL
	INFOHUB_ENV=test bin/with-postgres $(PY) bench/run.py casework directory_nearby directory_import

lock: $(BIN)/activate ## Re-resolve dependencies and rewrite the constraints file
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements/dev.in
	{ echo '# Exact versions of every dependency (runtime and tooling). Regenerate with `make lock`.'; \
	  .venv-lock/bin/pip freeze; } > $(CONSTRAINTS)
	rm -rf .venv-lock

clean: ## Remove the virtualenv, local database and caches
	rm -rf $(VENV) var .mypy_cache .ruff_cache
