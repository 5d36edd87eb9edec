# STaR task index. `make help` lists the tasks.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SIZES ?= small,large
BENCH_ARGS ?=
# Test processes at once (pytest-xdist for the suites, moments side by side for the clock runs).
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: help run worker beat test test-clock test-sqlite test-postgres test-browser test-failure test-replica load lint typecheck check-deploy install assets migrate demo clean bench audit bandit

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.copied: node_modules/.installed scripts/vendor_assets.py
	$(PY) scripts/vendor_assets.py
	touch $@

install: $(VENV)/.installed static/vendor/.copied ## Install Python and front-end dependencies into the project

assets: static/vendor/.copied ## Copy NHS.UK frontend and htmx from npm into static/vendor

migrate: install ## Create or update the database
	$(PY) manage.py migrate --no-input -v 0

demo: migrate ## Load the synthetic demo data (once; safe to repeat)
	$(PY) manage.py seed_demo --size small --seed 1

run: migrate ## Install, migrate, load demo data and serve on http://127.0.0.1:$(PORT)
	@$(PY) manage.py seed_demo --size small --seed 1 --logins
	@echo ""
	@echo "STaR is starting on http://127.0.0.1:$(PORT)  (Ctrl+C to stop)"
	@echo "Passkeys need a name, not a number: to add or use one, open http://localhost:$(PORT)"
	@echo "Texts, emails and letters go to a stand-in for GOV.UK Notify: see them at http://127.0.0.1:$(PORT)/dev/notify/ (signed in as the manager)"
	STAR_NOTIFY_BASE_URL=http://127.0.0.1:$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: install ## Run the Celery worker for background imports (needs STAR_CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0)
	@test -n "$$STAR_CELERY_BROKER_URL" || { echo "Set STAR_CELERY_BROKER_URL (and STAR_REDIS_URL for progress) first; without them imports run in the request."; exit 1; }
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-star.settings.local} $(VENV)/bin/celery -A star worker --loglevel INFO --concurrency 2

beat: install ## Run Celery beat: the scheduled jobs of settings.STAR_SCHEDULE (needs STAR_CELERY_BROKER_URL and `make worker`)
	@test -n "$$STAR_CELERY_BROKER_URL" || { echo "Set STAR_CELERY_BROKER_URL first; without a broker, run the jobs from cron: manage.py run_scheduled --crontab"; exit 1; }
	$(VENV)/bin/celery -A star beat --loglevel INFO --schedule /tmp/star-celerybeat-schedule

test: install ## Lint, type-check and run the whole test suite on SQLite (as CI does first)
	$(MAKE) lint typecheck
	$(PY) manage.py makemigrations --check --dry-run --settings=star.settings.test
	$(PY) -m pytest -m "not browser and not failure and not replica" -q -n $(TEST_WORKERS)
	$(MAKE) test-clock

# UK times: 00:30 on New Year's Day, 09:00 on a summer Monday, 17:59, 23:59 on a quarter's last
# day, and a second before each clock change, so every test crosses it (29 March and 25 October
# 2026). Each test starts at the moment given; the clock then ticks.
CLOCKS ?= 2027-01-01T00:30:00+00:00 2026-06-01T09:00:00+01:00 2026-02-27T17:59:00+00:00 \
	2026-03-31T23:59:00+01:00 2026-03-29T00:59:59+00:00 2026-10-25T01:59:59+01:00
test-clock: install ## The tests that read the clock, again at several times of day and across clock changes
	$(PY) scripts/clock_moments.py --workers $(TEST_WORKERS) $(CLOCKS)

test-postgres: install ## The test suite on PostgreSQL (DATABASE_URL, default local server)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/star} $(PY) -m pytest -m "not browser and not failure and not replica" -q -n $(TEST_WORKERS)

test-browser: install ## Browser journeys with axe checks in Debian's Chromium
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -m browser -q -n $(TEST_WORKERS)

test-failure: install ## Stop and restart a private PostgreSQL under load (never the shared server)
	$(PY) -m pytest -m failure -q -s -p no:xdist failure_tests

test-replica: install ## Read replicas against a private PostgreSQL primary and streaming replica on loopback (never the shared server)
	$(PY) -m pytest -m replica -q -s -p no:xdist -p no:randomly replica_tests

USERS ?= 50
DURATION ?= 5m
load: install ## Load test: USERS (50) for DURATION (5m) on gunicorn + PostgreSQL star_load; fails on any error
	USERS=$(USERS) DURATION=$(DURATION) loadtest/run

lint: install ## ruff (with complexity at most 15) and dead code (vulture: scripts/dead_code.py)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) scripts/dead_code.py

typecheck: install ## mypy with django-stubs
	$(PY) -m mypy

check-deploy: install ## Production settings pass `manage.py check --deploy`
	SECRET_KEY=$$(printf 'deploy-check-%.0s' {1..6}) ALLOWED_HOSTS=star.example.org \
	  $(PY) manage.py check --deploy --fail-level WARNING --settings=star.settings.production

audit: install ## Dependency audit (pip-audit, npm audit): exit 0 clean, 1 vulnerable, 2 vulnerability data unreachable
	$(PY) scripts/dependency_audit.py

bandit: install ## Static security analysis of the Python code (findings justified inline with `# nosec`)
	$(PY) -m bandit -q -c pyproject.toml -r .
bench: install ## Benchmark pages, the report and an import on PostgreSQL (SIZES=small,large; docs/performance.md)
	$(PY) -m bench --sizes $(SIZES) $(BENCH_ARGS)

clean: ## Remove the virtualenv, node_modules, copied assets and the local database
	rm -rf $(VENV) node_modules static/vendor star.sqlite3
