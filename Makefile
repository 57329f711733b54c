# Smartby — the two commands are `make run` and `make test`; the rest are helpers.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PROJECTS ?= 600
WORKERS ?= 3
SCHEDULE_INTERVAL ?= 3600
WORKER_LOG ?= var/worker.log
METRICS_DIR ?= var/prometheus

.PHONY: run serve test install install-dev lint format messages vendor bench clean audit bench-load

$(BIN)/python:
	"$$(scripts/find-python)" -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run: install, migrate the embedded SQLite database, load demo content, serve on :8000
run: install
	$(BIN)/smartby migrate --noinput
	$(BIN)/smartby collectstatic --noinput -v 0
	$(BIN)/smartby demo --projects $(DEMO_PROJECTS) --seed 2026 --if-empty
	$(MAKE) serve

## make serve: gunicorn, the background-task worker and the scheduler; when gunicorn stops
## (Ctrl-C, SIGTERM or an error) the trap stops the worker and the scheduler too. The worker's
## output (with the demo's console mails: reminders to hundreds of demo contacts) goes to
## WORKER_LOG instead of flooding the terminal. All of them count their Prometheus metrics in
## METRICS_DIR (prometheus_client's multiprocess mode, emptied at each start); /metrics adds up.
serve:
	mkdir -p $(dir $(WORKER_LOG)); echo "Background tasks: output in $(WORKER_LOG)"; \
	rm -rf $(METRICS_DIR); mkdir -p $(METRICS_DIR); \
	export PROMETHEUS_MULTIPROC_DIR="$(abspath $(METRICS_DIR))"; \
	$(BIN)/smartby db_worker --no-reload --interval 2 >>$(WORKER_LOG) 2>&1 & worker=$$!; \
	$(BIN)/smartby scheduler --interval $(SCHEDULE_INTERVAL) & scheduler=$$!; \
	$(BIN)/gunicorn smartby.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--access-logfile - --forwarded-allow-ips 127.0.0.1 & web=$$!; \
	stop() { kill $$web $$worker $$scheduler 2>/dev/null; wait; }; \
	trap 'stop; exit 130' INT; trap 'stop; exit 143' TERM; \
	wait $$web; status=$$?; stop; exit $$status

## make test: install PostgreSQL and Chromium if missing, run the whole suite on a throw-away cluster
test: install-dev audit
	scripts/install-test-deps
	$(BIN)/ruff format --check smartby bench
	$(BIN)/ruff check smartby bench
	WITH_REPLICA=1 scripts/with-postgres $(BIN)/python -m pytest -q $(PYTEST_ARGS)

# --- load (issue 10): dependency audit and load test -------------------------------------------
## make audit: known vulnerabilities in every installed package (pip-audit against PyPI; see
## scripts/audit-deps). Fails when PyPI cannot be reached. AUDIT_ARGS=--strict also fails on
## packages that could not be audited.
audit: install-dev
	scripts/audit-deps $(AUDIT_ARGS)

## make bench-load: the load test (bench/load.py, locust) at 100,000 projects, 200 users, 60 s
bench-load: install-dev
	scripts/install-test-deps
	scripts/with-postgres $(BIN)/python bench/load.py $(LOAD_ARGS)
# --- end load ----------------------------------------------------------------------------------

lint: install-dev
	$(BIN)/ruff format --check smartby bench
	$(BIN)/ruff check smartby bench

format: install-dev
	$(BIN)/ruff format smartby bench
	$(BIN)/ruff check --fix smartby bench

## make messages: refresh and compile the translations (needs GNU gettext)
messages: install
	cd smartby && ../$(BIN)/smartby makemessages -l en --no-obsolete --ignore 'static/vendor/*' --ignore 'tests/*'
	cd smartby && ../$(BIN)/smartby compilemessages

## make vendor: refresh the committed front-end libraries in smartby/static/vendor/ (needs npm)
vendor:
	scripts/vendor-assets

## make bench: the benchmarks at 100,000 projects on PostgreSQL (see bench/README.md)
bench: install-dev
	scripts/install-test-deps
	scripts/with-postgres bash -c '$(BIN)/python bench/run.py $(BENCH_ARGS) && $(BIN)/python bench/export.py'

clean:
	rm -rf $(VENV) var
