# Two commands: `make run` (set up everything, serve the demo) and `make test` (set up, check, test twice).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
PYTEST_ARGS ?=

.PHONY: run test setup check test-sqlite test-postgres bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.requirements: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

setup: $(VENV)/.requirements

run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "== Mở http://127.0.0.1:$(PORT)/ và đăng nhập bằng một tài khoản ở trên."
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

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

clean:
	rm -rf $(VENV) var
