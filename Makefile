# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000

.PHONY: run test install install-dev system-deps check lint assets benchmark benchmark-pages benchmark-load clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

RUN_ENV = env -u DATABASE_URL -u REDIS_URL DEBUG=true TWO_FACTOR_REQUIRED=$${TWO_FACTOR_REQUIRED:-false} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)}

# Serve the portal on the embedded SQLite database with Celery tasks run eagerly
# (`make run PORT=8001` for another port; links in emails and PDFs follow it).
# No beat runs without a broker: run_periodic_tasks, started beside runserver and
# stopped with it, runs the beat schedule's tasks (reminders, render sweep) when due.
run: install
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_demo
	$(RUN_ENV) $(PY) manage.py run_periodic_tasks & periodic=$$!; \
	trap 'kill $$periodic 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite. DATABASE_URL / REDIS_URL are used when set (CI: PostgreSQL and Redis).
# Four processes (pytest-xdist): the browser tests one after another in the third, the
# worker tests in the fourth, every other test shared by the first two (tests/xdist_serial.py);
# each process has its own test database; the first two each use a Redis database of their
# own, the two after REDIS_URL's.
# A plain `.venv/bin/python -m pytest` runs the same tests in one process.
test: install-dev system-deps
	$(PY) -m pytest -n 4 --dist loadgroup

# Chromium for the browser tests and the libraries WeasyPrint needs (Debian).
system-deps:
	@bash scripts/system-deps.sh

# Style, types (mypy with django-stubs) and the architecture contracts (import-linter).
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=true $(VENV)/bin/mypy .
	DEBUG=true $(VENV)/bin/lint-imports

# Production settings must pass Django's deployment checks.
check: install
	DEBUG=false SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=accord.example HTTPS=true $(PY) manage.py check --deploy --fail-level WARNING

# Rebuild static/css/accord.css from GOV.UK Frontend (needs npm).
assets:
	bash scripts/build-assets.sh

# Time and peak memory of the PDFs: the demo meeting's, 54-item minutes (41 pages), an
# agenda pack with 100 merged pages; and whether each is tagged.
benchmark: install
	$(PY) scripts/benchmark_pdf.py

# How fast the public pages are with 10 years of data for 50 partnerships (SPEC §8).
benchmark-pages: install
	$(PY) scripts/benchmark_pages.py

# The pages under load as served in production (issue 11 item 12): 50 partnerships x 10
# years on PostgreSQL (accord_bench_load), gunicorn, wrk at 1 and 50 connections against
# each page and a trivial baseline; writes docs/performance.md. Needs PostgreSQL, Redis
# (db 9) and wrk. ARGS for more options, e.g. `make benchmark-load ARGS="--keep"`.
benchmark-load: install
	$(PY) scripts/benchmark_load.py $(ARGS)

clean:
	rm -rf $(VENV) var staticfiles test-artifacts
