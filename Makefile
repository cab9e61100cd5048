# The two quickstart commands:
#   make run    set up, import the sample articles, build the search index and serve the archive
#   make test   set up (Chromium, CJK fonts and gettext from Debian too) and run every test
# Both are idempotent: a second run only does what changed.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test setup lint format check-deploy system-packages serve-data clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files re-run the install only when a requirements file changes.
$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

setup: $(VENV)/.runtime-installed

# The database, the sample articles and the search index; each step skips what is done.
serve-data: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_places
	$(MANAGE) import_articles seeds/
	$(MANAGE) update_index --remove --verbosity 0
	$(MANAGE) process_index_queue --verbosity 0

run: serve-data
	@echo "Serving the archive on http://127.0.0.1:$(PORT)/"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

system-packages:
	@bash .ci/install-system-packages

test: $(VENV)/.dev-installed system-packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) compilemessages --ignore=.venv --verbosity 0
	$(BIN)/pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# What production settings look like to Django's deployment checks.
check-deploy: setup
	DEBUG=False SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=archive.example.org \
		$(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
