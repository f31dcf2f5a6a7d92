# HandCare: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test soak install install-test lint migrate demo lock benchmark bench clean

run: install migrate demo
	@echo ""
	@echo "HandCare is starting."
	@echo "  Public site:  http://$(HOST):$(PORT)/"
	@echo "  Admin:        http://$(HOST):$(PORT)/admin/"
	@echo "  Demo logins:  admin, editor, reviewer (password: handcare-demo)"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

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

# HTTP benchmark (not part of `make test`, see notes/bench.md): generate N articles into a
# benchmark database (SQLite under var/bench/, or DATABASE_URL=postgres://.../bench_data), serve
# them with gunicorn (production settings) and Varnish, and measure each with wrk on loopback.
N ?= 10000
bench: install-test
	@if ! command -v wrk >/dev/null || [ ! -x /usr/sbin/varnishd ]; then \
	  echo "Installing Debian's varnish and wrk for the benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish wrk >/dev/null; \
	fi
	$(BIN)/python -m handcare.benchmark.run --count $(N)

# Regenerate the lock files after changing dependencies in pyproject.toml (needs uv).
lock:
	uv pip compile pyproject.toml --python-version 3.11 --no-header -o requirements.lock
	uv pip compile pyproject.toml --extra test --python-version 3.11 --no-header -o requirements-test.lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache static
