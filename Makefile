# Claimdesk: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv migrate demo lint format worker bench evaluate clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || \
	  { echo "Claimdesk needs Python >= 3.12; '$(PYTHON)' is $$($(PYTHON) --version 2>&1). Run: make PYTHON=/path/to/python3.12 ..."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed

migrate: venv
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	@echo "Claimdesk: http://$(HOST):$(PORT)/  (log in as editor / claimdesk-demo)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: venv
	$(BIN)/celery -A config worker --loglevel=info

bench: venv
	$(BIN)/python manage.py extract_claims --benchmark $(BENCH_DIR)

evaluate: venv
	$(BIN)/python manage.py evaluate_extraction --polnear $(POLNEAR_DIR)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
