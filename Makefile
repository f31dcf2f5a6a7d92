# HandCare: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test check-deploy soak install install-test lint migrate demo lock benchmark varnish clean benchmark-search worker scheduler bench loadtest

# make run PORT=8001 (or HOST=0.0.0.0) serves elsewhere; DEBUG=1 shows Django's debug pages
# instead of the readers' 404 and 500 pages. Links printed and e-mailed use the same address.
DEBUG ?= 0
RUN_URL = $${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}
RUN_ENV = HANDCARE_DEBUG="$(DEBUG)" WAGTAILADMIN_BASE_URL="$(RUN_URL)"
RUNSERVER_FLAGS = $(if $(filter 0,$(DEBUG)),--insecure,)

run: install migrate demo
	@echo ""
	@echo "HandCare is starting."
	@echo "  Public site:  $(RUN_URL)/"
	@echo "  Admin:        $(RUN_URL)/admin/"
	@echo "  Demo logins:  admin, editor, reviewer (password: handcare-demo)"
	@echo "  Background:   a task worker and the scheduler run alongside (scheduled publishing,"
	@echo "                review reminders); Ctrl+C stops all three"
	@echo ""
	@trap 'kill $$worker $$scheduler 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(RUN_ENV) $(BIN)/python manage.py db_worker $(WORKER_FLAGS) --no-reload & worker=$$!; \
	$(RUN_ENV) $(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	$(RUN_ENV) $(BIN)/python manage.py runserver $(RUNSERVER_FLAGS) $(HOST):$(PORT)

# --- make serve: the production stack on this machine -------------------------------------------
# gunicorn (deploy/gunicorn.conf.py) with handcare.settings.production, WhiteNoise for static
# files and Django for media. It reads the production variables (deploy/handcare.env.example);
# for a fresh clone the defaults below stand in: SQLite, a file cache that every worker shares
# (REDIS_URL replaces it), a secret key generated once into var/secret_key, plain HTTP on
# loopback. Loads the demo content only into a site that has no pages yet.
WEB_CONCURRENCY ?= 2
SERVE_ENV = DJANGO_SETTINGS_MODULE=handcare.settings.production \
	HOST="$(HOST)" PORT="$(PORT)" WEB_CONCURRENCY="$(WEB_CONCURRENCY)" \
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/db.sqlite3}" \
	HANDCARE_CACHE_DIR="$${HANDCARE_CACHE_DIR:-$(CURDIR)/var/cache}" \
	HANDCARE_HTTPS="$${HANDCARE_HTTPS:-0}" \
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}" \
	EMAIL_BACKEND="$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"

serve: install var/secret_key
	@$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	@$(SERVE_ENV) $(BIN)/python manage.py load_demo_content --if-empty
	@echo ""
	@echo "HandCare (gunicorn, production settings, $(WEB_CONCURRENCY) workers) is starting."
	@echo "  Public site:  http://$(HOST):$(PORT)/"
	@echo "  Admin:        http://$(HOST):$(PORT)/admin/ (the logins of \`make run\`, which shares"
	@echo "                db.sqlite3, or: .venv/bin/python manage.py createsuperuser)"
	@echo ""
	@$(SERVE_ENV) exec $(BIN)/gunicorn -c deploy/gunicorn.conf.py

# Generated once, kept out of git; SECRET_KEY in the environment takes precedence.
var/secret_key:
	@mkdir -p var
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
# --- end of make serve ---------------------------------------------------------------------------

# Background work (handcare/scheduling): `make worker` runs the queued tasks, `make scheduler`
# enqueues the cron table (exactly one scheduler per site). Both take the production settings and
# environment, as `make serve` does; SERVE_ENV is the one place that says which.
WORKER_FLAGS ?= --backend=background --queue-name=default --interval=1
worker: install var/secret_key
	$(SERVE_ENV) $(BIN)/python manage.py db_worker $(WORKER_FLAGS) --no-reload

scheduler: install var/secret_key
	$(SERVE_ENV) $(BIN)/python manage.py run_scheduler

install: $(VENV)/.installed-run

install-test: $(VENV)/.installed-test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: requirements.lock | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(VENV)/.installed-test: requirements-test.lock | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@ $(VENV)/.installed-run

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: install
	$(RUN_ENV) $(BIN)/python manage.py load_demo_content

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-test lint
	DJANGO_SETTINGS_MODULE=handcare.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest

# Django's deployment checklist on the production settings, failing on any warning. Only the
# environment production requires, with throwaway values (a fresh random key, an unused SQLite
# file, a cache directory); HTTPS, HSTS and the rest come from production.py's own defaults.
check-deploy: install
	@mkdir -p var/check-deploy
	env -i PATH="$$PATH" HOME="$$HOME" DJANGO_SETTINGS_MODULE=handcare.settings.production \
		SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		ALLOWED_HOSTS=handcare.example DATABASE_URL="sqlite:///$(CURDIR)/var/check-deploy/unused.sqlite3" \
		HANDCARE_CACHE_DIR="$(CURDIR)/var/check-deploy/cache" \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

# Run every browser test SOAK times in a row in one pytest session (default 10), on SQLite or,
# with DATABASE_URL=postgres://..., on PostgreSQL. Fails on the first failure of any round.
SOAK ?= 10
SOAK_TESTS ?= tests/browser
soak: install-test
	HANDCARE_REQUIRE_BROWSER=1 $(BIN)/python -m pytest $(SOAK_TESTS) -x --soak $(SOAK)

benchmark: install-test
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py benchmark_pages

# Varnish (Debian's varnish package) in front of an app server on 127.0.0.1:8000, listening on
# VARNISH_PORT; run the app with VARNISH_URL=http://127.0.0.1:$(VARNISH_PORT) so it purges it.
VARNISH_PORT ?= 6081
varnish:
	varnishd -F -j none -n $(CURDIR)/.varnish -a 127.0.0.1:$(VARNISH_PORT) -T none \
		-f $(CURDIR)/deploy/varnish/default.vcl -s malloc,256m

# Search and editorial lists at scale: generates lightweight articles up to ARTICLES first.
ARTICLES ?= 10000
# Its own database (never the demo site's db.sqlite3) unless DATABASE_URL says otherwise.
SEARCH_BENCH_ENV = DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/var/bench/search.sqlite3}"
benchmark-search: install-test
	@mkdir -p var/bench
	$(SEARCH_BENCH_ENV) $(BIN)/python manage.py migrate --noinput
	$(SEARCH_BENCH_ENV) $(BIN)/python manage.py load_demo_content
	$(SEARCH_BENCH_ENV) $(BIN)/python manage.py benchmark_search --articles $(ARTICLES)

# HTTP benchmark (not part of `make test`, see docs/benchmark.md): generate N articles into a
# benchmark database (SQLite under var/bench/, or DATABASE_URL=postgres://.../bench_data), serve
# them with gunicorn (production settings) and Varnish, and measure each with wrk on loopback.
N ?= 10000
bench: install-test
	@if ! command -v wrk >/dev/null || [ ! -x /usr/sbin/varnishd ]; then \
	  echo "Installing Debian's varnish and wrk for the benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish wrk >/dev/null; \
	fi
	$(BIN)/python -m handcare.benchmark.run --count $(N)

# Load test (not part of `make test`, see docs/benchmark.md): LOADTEST_READERS readers (200) for
# LOADTEST_SECONDS (60) through Varnish to gunicorn on production settings, while 20 approved
# changes are published; fails on any error or stale read. Database: LOADTEST_DATABASE_URL or
# DATABASE_URL, default postgres://postgres@127.0.0.1:5432/handcare_load (created if missing).
loadtest: install-test
	$(BIN)/python -m handcare.benchmark.loadtest

# Regenerate the lock files after changing dependencies in pyproject.toml (needs uv).
lock:
	uv pip compile pyproject.toml --python-version 3.11 --no-header -o requirements.lock
	uv pip compile pyproject.toml --extra test --python-version 3.11 --no-header -o requirements-test.lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache static var/cache .varnish
