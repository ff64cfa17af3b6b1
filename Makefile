# Two commands: `make run` (set up everything, serve the demo) and `make test` (set up, check, test twice).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
PYTEST_ARGS ?=

.PHONY: run worker test setup check test-sqlite test-postgres bench bench-postgres clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.requirements: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

setup: $(VENV)/.requirements

# The demo runs as in production (DEBUG off: Vietnamese error pages, static files served by the app)
# but over plain HTTP on the loopback, so the HTTPS-only settings are relaxed; `make run DEBUG=1` for development.
DEBUG ?= 0
RUN_ENV := DEBUG=$(DEBUG) SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0

run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "== Mở http://127.0.0.1:$(PORT)/ và đăng nhập bằng một tài khoản ở trên."
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The background worker (imports above IMPORT_BACKGROUND_ROWS rows, later reports): run it beside `make run`.
worker: setup
	$(BIN)/python manage.py worker

check: setup
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-secret-key-used-only-for-this-check-0123456789 \
	  ALLOWED_HOSTS=example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

test-sqlite: setup
	@echo "== Test run 1/2: SQLite"
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: setup
	@echo "== Test run 2/2: PostgreSQL (throwaway cluster)"
	scripts/with_postgres.sh $(BIN)/pytest $(PYTEST_ARGS)

test: check test-sqlite test-postgres

# Benchmarks (not tests): the province dataset (1,000 grassroots units, 3,000 cells, 100,000 candidates),
# then progress/dashboard, reports and imports, each printing times and query counts.
BENCH_DB := var/bench.sqlite3
BENCH_TODAY := 22/11/2026

bench: setup
	test -f $(BENCH_DB) || ( SQLITE_PATH=$(BENCH_DB) $(BIN)/python manage.py migrate -v0 && \
	  SQLITE_PATH=$(BENCH_DB) $(BIN)/python manage.py generate_dataset --scale province --today $(BENCH_TODAY) )
	SQLITE_PATH=$(BENCH_DB) $(BIN)/python manage.py migrate -v0
	SQLITE_PATH=$(BENCH_DB) $(BIN)/python manage.py bench_progress --as-of $(BENCH_TODAY)
	SQLITE_PATH=$(BENCH_DB) $(BIN)/python manage.py bench_reports
	env -u DATABASE_URL $(BIN)/python scripts/bench_imports.py

bench-postgres: setup
	scripts/with_postgres.sh sh -c '$(BIN)/python manage.py migrate -v0 && \
	  $(BIN)/python manage.py generate_dataset --scale province --today $(BENCH_TODAY) && \
	  $(BIN)/python manage.py bench_progress --as-of $(BENCH_TODAY) && $(BIN)/python manage.py bench_reports'
	scripts/with_postgres.sh $(BIN)/python scripts/bench_imports.py

clean:
	rm -rf $(VENV) var
