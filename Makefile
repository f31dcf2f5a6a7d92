# HandCare: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test soak install install-test lint migrate demo lock benchmark clean worker scheduler

run: install migrate demo
	@echo ""
	@echo "HandCare is starting."
	@echo "  Public site:  http://$(HOST):$(PORT)/"
	@echo "  Admin:        http://$(HOST):$(PORT)/admin/"
	@echo "  Demo logins:  admin, editor, reviewer (password: handcare-demo)"
	@echo "  Background:   a task worker and the scheduler run alongside (scheduled publishing,"
	@echo "                review reminders); Ctrl+C stops all three"
	@echo ""
	@trap 'kill $$worker $$scheduler 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(BIN)/python manage.py db_worker $(WORKER_FLAGS) --no-reload & worker=$$!; \
	$(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Background work (handcare/scheduling): `make worker` runs the queued tasks, `make scheduler`
# enqueues the cron table (exactly one scheduler per site). Both take the production settings and
# environment, as `make serve` does; SERVE_ENV is the one place that says which.
SERVE_ENV ?= DJANGO_SETTINGS_MODULE=handcare.settings.production
WORKER_FLAGS ?= --backend=background --queue-name=default --interval=1
worker: install
	$(SERVE_ENV) $(BIN)/python manage.py db_worker $(WORKER_FLAGS) --no-reload

scheduler: install
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
	$(BIN)/python manage.py load_demo_content

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-test lint
	DJANGO_SETTINGS_MODULE=handcare.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest

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

# Regenerate the lock files after changing dependencies in pyproject.toml (needs uv).
lock:
	uv pip compile pyproject.toml --python-version 3.11 --no-header -o requirements.lock
	uv pip compile pyproject.toml --extra test --python-version 3.11 --no-header -o requirements-test.lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache static
