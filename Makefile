# motcua: two commands. `make run` serves a working city; `make test` runs the whole suite.
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run test setup data bench lint clean prod-local prod-local-stop

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || "$$(sh scripts/find-python.sh)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.installed
	$(PY) -m motcua.lib.po motcua/locale  # Vietnamese messages Django lacks (.po → .mo)

data: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) load_vocabulary  # the seed file is the truth of seed entries: a release brings its changes
	$(MANAGE) seed_city
	$(MANAGE) health_pilot --apply
	$(MANAGE) sandbox_ca
	$(MANAGE) simulate --city hanoi --days 30 --seed 1
	$(MANAGE) sync_backfill  # the sync records of the simulated events; `make run` sends them

run: data
	@echo "Serving http://127.0.0.1:8000  (admin: see the credentials printed above)"
	$(MANAGE) db_worker --queue-name '*' >var/worker.log 2>&1 & echo $$! >var/worker.pid; \
	$(MANAGE) fold_facts --follow >var/fold_facts.log 2>&1 & echo $$! >var/fold_facts.pid; \
	$(MANAGE) housekeeping --follow >var/housekeeping.log 2>&1 & echo $$! >var/housekeeping.pid; \
	$(MANAGE) sync_send --follow >var/sync_send.log 2>&1 & echo $$! >var/sync_send.pid; \
	$(PY) -m sandboxes & echo $$! >var/sandboxes.pid; \
	trap 'kill $$(cat var/worker.pid) $$(cat var/fold_facts.pid) $$(cat var/housekeeping.pid) $$(cat var/sync_send.pid) $$(cat var/sandboxes.pid) 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

# The rooms' tests and the browser and security tests run as two sessions, side by side on SQLite (scripts/test.sh).
test: setup
	VENV=$(VENV) sh scripts/test.sh

bench: setup
	$(PY) -m bench

prod-local: data  # the production stack on loopback: nginx (TLS), gunicorn, workers; see README
	sh deploy/prod-local.sh start

prod-local-stop:
	sh deploy/prod-local.sh stop

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) var
