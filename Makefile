# Two commands: `make run` (set up everything, serve the demo) and `make test` (set up, check, test twice).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
PYTEST_ARGS ?= -n 2
# PostgreSQL runs on one worker: a second worker's open test transaction holds back VACUUM's horizon,
# which the dataset test's visibility-map check measures (quotas/tests/test_generate_dataset.py).
PYTEST_PG_ARGS ?=

.PHONY: run serve worker test setup check test-sqlite test-postgres bench bench-postgres clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.requirements: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

setup: $(VENV)/.requirements

# The demo (DEMO=1: a banner on every page, the local generated secret key, demo accounts) runs as in
# production (DEBUG off: Vietnamese error pages, static files served by the app) but over plain HTTP on
# the loopback, so the HTTPS-only settings are relaxed; `make run DEBUG=1` for development. The worker
# runs beside it (large imports). Not for real data: see `make serve` and README "Triển khai".
DEBUG ?= 0
HTTP_ENV := SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
RUN_ENV := DEMO=1 DEBUG=$(DEBUG) LOG_FORMAT=text $(HTTP_ENV)

run: setup
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	@echo "== BẢN CHẠY THỬ (DEMO) với dữ liệu và tài khoản mẫu: không nhập dữ liệu thật vào đây."
	@echo "== Mở http://127.0.0.1:$(PORT)/ và đăng nhập bằng một tài khoản ở trên."
	$(RUN_ENV) sh -c '$(BIN)/python manage.py worker --no-reload -v0 & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)'

# The production server on the configured database (SECRET_KEY and DATABASE_URL from the environment
# or .env): migrations, static files, the background worker and gunicorn. No demo data, DEBUG off.
# SERVE_HTTP=1 (default) relaxes the HTTPS-only settings for a trial on plain HTTP on this machine;
# behind nginx with TLS (deploy/) systemd runs gunicorn and the worker instead, HTTPS settings on.
SERVE_HTTP ?= 1
SERVE_ENV := DEMO=0 DEBUG=0 $(if $(filter 1,$(SERVE_HTTP)),$(HTTP_ENV))

serve: setup
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	@echo "== Máy chủ thật (gunicorn) ở http://127.0.0.1:$(PORT)/ ; kiểm tra: http://127.0.0.1:$(PORT)/healthz"
	$(SERVE_ENV) sh -c '$(BIN)/python manage.py worker --no-reload & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  GUNICORN_BIND=127.0.0.1:$(PORT) $(BIN)/gunicorn -c deploy/gunicorn.conf.py recruitment.wsgi'

# The background worker alone (imports above IMPORT_BACKGROUND_ROWS rows); make run and make serve start one.
worker: setup
	$(BIN)/python manage.py worker --no-reload

check: setup
	$(BIN)/ruff check .
	DEMO=1 $(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-secret-key-used-only-for-this-check-0123456789 \
	  ALLOWED_HOSTS=example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

test-sqlite: setup
	@echo "== Test run 1/2: SQLite"
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: setup
	@echo "== Test run 2/2: PostgreSQL (throwaway cluster)"
	scripts/with_postgres.sh $(BIN)/pytest $(PYTEST_PG_ARGS)

test: check test-sqlite test-postgres

# Benchmarks (not tests): the province dataset (1,000 grassroots units, 3,000 cells, 100,000 candidates),
# then progress/dashboard, reports and imports, each printing times and query counts.
BENCH_DB := var/bench.sqlite3
BENCH_TODAY := 22/11/2026

bench: setup
	test -f $(BENCH_DB) || ( DEMO=1 SQLITE_PATH=$(BENCH_DB) $(BIN)/python manage.py migrate -v0 && \
	  DEMO=1 SQLITE_PATH=$(BENCH_DB) $(BIN)/python manage.py generate_dataset --scale province --today $(BENCH_TODAY) )
	DEMO=1 SQLITE_PATH=$(BENCH_DB) $(BIN)/python manage.py migrate -v0
	DEMO=1 SQLITE_PATH=$(BENCH_DB) $(BIN)/python manage.py bench_progress --as-of $(BENCH_TODAY)
	DEMO=1 SQLITE_PATH=$(BENCH_DB) $(BIN)/python manage.py bench_reports
	env -u DATABASE_URL DEMO=1 $(BIN)/python scripts/bench_imports.py

bench-postgres: setup
	DEMO=1 scripts/with_postgres.sh sh -c '$(BIN)/python manage.py migrate -v0 && \
	  $(BIN)/python manage.py generate_dataset --scale province --today $(BENCH_TODAY) && \
	  $(BIN)/python manage.py bench_progress --as-of $(BENCH_TODAY) && $(BIN)/python manage.py bench_reports'
	DEMO=1 scripts/with_postgres.sh $(BIN)/python scripts/bench_imports.py

clean:
	rm -rf $(VENV) var
