# The two commands of the README: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test install lint format check migrate seed worker beat e2e e2e-deps bench clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) translations_compile

seed: migrate
	$(MANAGE) seed_demo

# Links in emails point at the port actually served, unless BASE_URL says otherwise.
run: seed
	BASE_URL=$${BASE_URL:-http://127.0.0.1:$(PORT)} $(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run

# The whole suite, browser journeys (tests/e2e) included. Without Chromium or npm (a fresh
# laptop) the journeys are skipped, each with the reason in the summary; under CI=true they
# must run.
test: lint check e2e-deps
	$(BIN)/pytest $(PYTEST_ARGS)

# The browser journeys alone: Playwright drives Debian's Chromium (apt-get install chromium)
# against a live server; axe-core, from npm, checks each learner page.
E2E := tests/e2e

e2e: install e2e-deps
	$(BIN)/pytest $(E2E) $(PYTEST_ARGS)

$(E2E)/node_modules/.installed: $(E2E)/package.json $(E2E)/package-lock.json
	cd $(E2E) && npm ci --no-audit --no-fund
	touch $@

e2e-deps:
	@if command -v npm >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory $(E2E)/node_modules/.installed; \
	else \
		echo "npm not found: the browser tests need axe-core from npm and will be skipped"; \
	fi

# Extract the interface strings into locale/<lang>/LC_MESSAGES/django.po for every language
# (needs GNU gettext); then translate the new entries. tests/test_translations.py fails while
# a string is missing or untranslated.
# Serbian is translated once, in Latin script (sr_Latn); the Cyrillic catalogue (sr) is
# written from it by transliteration.
LOCALES := sq bs bg hr mk cnr sr_Latn tr
messages: install
	$(MANAGE) makemessages $(addprefix -l ,$(LOCALES)) --no-obsolete --no-location \
		--ignore=.venv --ignore=tests --ignore=bench --ignore=var --ignore=node_modules
	$(MANAGE) translations_cyrillic
	$(MANAGE) translations_compile

worker: install
	$(BIN)/celery -A cms worker --loglevel=INFO

beat: install
	mkdir -p var
	$(BIN)/celery -A cms beat --loglevel=INFO --schedule var/celerybeat-schedule

# Report benchmark on generated data (100,000 learners; BENCH_LEARNERS for fewer), PostgreSQL only.
# Then the load benchmark (bench/load.py): gunicorn + locust on database lms_load, Redis.
bench: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/lms_bench} $(BIN)/python bench/reports.py
	$(BIN)/python -c "import gunicorn, locust" 2>/dev/null || $(BIN)/pip install --quiet -e ".[dev,bench]"
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) var/static
