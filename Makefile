# Briefings — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
SITE_URL ?= http://$(HOST):$(PORT)
# pytest-xdist workers for `make test`: one per CPU core; PYTEST_WORKERS=0 runs the tests in one process.
# `--dist load` hands out the tests in pytest-django's order, so each worker runs its transactional
# (browser) tests, which empty its database, after its other database tests (`worksteal` does not);
# `--maxschedchunk 2` makes it hand them out two at a time: left to itself it gave one worker 600
# tests at once, and that worker ran on alone for three minutes after the other had finished.
PYTEST_WORKERS ?= auto

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "  Variables: PORT=$(PORT) and HOST=$(HOST) for make run (e.g. make run PORT=8001)"

$(VENV)/bin/activate:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install -q -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed ## Create the virtualenv and install the site

# run_and_announce.py prints the "running at" banner once the server answers (or why it did not start);
# run-with-worker.sh starts the email alerts' task worker beside the server and stops it with it.
run: $(VENV)/.installed ## Install, migrate SQLite, load sample content, serve on http://127.0.0.1:$PORT/ (PORT=8000; make run PORT=8001 for another)
	SITE_URL=$(SITE_URL) $(PY) manage.py migrate --no-input
	SITE_URL=$(SITE_URL) $(PY) manage.py load_sample_content
	SITE_URL=$(SITE_URL) PYTHON=$(PY) $(PY) scripts/run_and_announce.py http://$(HOST):$(PORT) -- \
	  scripts/run-with-worker.sh $(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev ## Install and run the whole test suite against PostgreSQL (SKIP_BROWSER_TESTS=1: all but the browser tests)
	@scripts/ensure-chromium.sh
	@set -e; DATABASE_URL=$${TEST_DATABASE_URL:-$$(scripts/ensure-postgres.sh)}; export DATABASE_URL; \
	  TEST_REDIS_URL=$${TEST_REDIS_URL:-$$(scripts/ensure-redis.sh)}; export TEST_REDIS_URL; \
	  export DJANGO_SETTINGS_MODULE=briefings.settings.test; \
	  echo "Testing against $${DATABASE_URL%%:*} ($${DATABASE_URL##*@})"; \
	  $(PY) manage.py check --fail-level WARNING; \
	  $(PY) manage.py makemigrations --check --dry-run >/dev/null || { echo "Model changes without migrations: run make migrations"; exit 1; }; \
	  $(PY) scripts/check_layers.py; \
	  PYTHON=$(PY) scripts/check-upgrade.sh; \
	  $(VENV)/bin/ruff check .; \
	  $(VENV)/bin/ruff format --check .; \
	  SECRET_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(50))") REDIS_URL=$$TEST_REDIS_URL/0 \
	    DJANGO_SETTINGS_MODULE=briefings.settings.production $(PY) manage.py check --deploy --fail-level WARNING; \
	  deselect=(); if [ "$${SKIP_BROWSER_TESTS:-}" = 1 ]; then deselect=(-m "not browser"); \
	    echo 'SKIP_BROWSER_TESTS=1: running pytest -m "not browser" (the browser tests are deselected)'; fi; \
	  $(PY) -m pytest -n $(PYTEST_WORKERS) --dist load --maxschedchunk 2 "$${deselect[@]}" $(PYTEST_ARGS)

serve: $(VENV)/.installed ## Production settings under gunicorn on PostgreSQL and Redis (started/created if needed), on PORT
	PY=$(PY) HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

loadtest: $(VENV)/.installed ## 200 readers, 60 s, two gunicorns, 10,000 synthetic articles (own database), an editor publishing
	PY=$(PY) scripts/loadtest.sh

lint: $(VENV)/.installed-dev ## ruff lint and format check
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

upgrade-check: $(VENV)/.installed ## Check that a database built at UPGRADE_BASE (default fac1152) upgrades intact
	@DATABASE_URL=$${TEST_DATABASE_URL:-$$(scripts/ensure-postgres.sh)} PYTHON=$(PY) scripts/check-upgrade.sh

migrations: $(VENV)/.installed ## Make migrations for model changes
	$(PY) manage.py makemigrations

clean: ## Remove the virtualenv, SQLite database and collected static files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles

.PHONY: help install run test serve loadtest lint format upgrade-check migrations clean
