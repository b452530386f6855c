# The one entry point. `make run` for the web chat, `make test` for everything CI checks.
# Ports, the model, Rasa's environment and how servers start live in scripts/launcher.py alone;
# every Rasa, pytest and Python command below runs through it (`launcher.py exec`).
SHELL := /bin/bash
VENV := .venv
LAUNCHER := $(VENV)/bin/python scripts/launcher.py
RASA := $(LAUNCHER) exec $(VENV)/bin/rasa
PYTEST := $(LAUNCHER) exec $(VENV)/bin/pytest
PYTHON := $(LAUNCHER) exec $(VENV)/bin/python
# make needs the model's path as a target name: read from the launcher, its one source.
MODEL := $(shell sed -n 's/^MODEL_PATH = "\([^"]*\)".*/\1/p' scripts/launcher.py)
$(if $(MODEL),,$(error scripts/launcher.py has no MODEL_PATH line))
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) \
	$(wildcard rasa_plugins/nlu/*.yml) $(wildcard rasa_plugins/nlu/*.py) $(wildcard encoder/*.py)

.PHONY: lint format sync-content check-content import-contacts check-contacts run install npm train shell serve test test-unit validate test-stories test-e2e test-browser test-scale test-chaos chromium screenshot purge review eval eval-passages eval-review eval-danger eval-concern eval-harm eval-sealed bench soak profile clean python-check

## run: install, train if needed, then the web chat on http://localhost:8000 (ports: WEB_PORT, RASA_PORT, ACTIONS_PORT)
run: train npm
	@$(LAUNCHER) web

## install: .venv with the pinned requirements, and the chat page's npm packages
install: $(VENV)/.installed npm

npm: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@scripts/install_npm.sh
	@touch $@

## chromium: Debian's chromium for the browser tests (apt-get; skipped when installed)
chromium:
	@scripts/install_chromium.sh

python-check:
	@scripts/find_python.sh >/dev/null

$(VENV)/.installed: requirements.txt requirements-dev.txt requirements-model.txt constraints.txt | python-check
	@scripts/install.sh
	@touch $@

## train: train the model when it is missing or older than the data, config or domain
train: $(MODEL)

$(MODEL): $(TRAINING_INPUTS) $(VENV)/.installed
	@$(LAUNCHER) train

## shell: chat in the terminal (action server started and stopped for you)
shell: train
	@$(LAUNCHER) shell

## serve: Rasa server (REST channel + HTTP API) on :5005 and the action server on :5055 (RASA_PORT, ACTIONS_PORT)
serve: train
	@$(LAUNCHER) serve

## sync-content: rewrite what is derived from the knowledge base (topic intents and rules, roles in the domain, the 999 answer, glossary lookup, rules page)
sync-content: install
	@$(PYTHON) scripts/check_content.py --write

## lint: ruff (lint + format check; `make format` rewrites)
lint: install
	@echo "==> ruff: lint and format"
	@$(VENV)/bin/ruff check --quiet . && $(VENV)/bin/ruff format --check --quiet .
	@echo "    clean"

## format: ruff format + the safe lint fixes
format: install
	@$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

## import-contacts: local_contacts.yml from a spreadsheet (CSV=path; OUT=file; rejected rows named by line and field)
import-contacts: install
	@$(if $(CSV),,$(error usage: make import-contacts CSV=areas.csv [OUT=local_contacts.yml]))
	@$(PYTHON) scripts/import_contacts.py "$(CSV)" $(if $(OUT),--out "$(OUT)")

## check-contacts: check local_contacts.yml (or LOCAL_CONTACTS_FILE) as the action server does at start-up
check-contacts: install
	@$(PYTHON) scripts/import_contacts.py --check $(LOCAL_CONTACTS_FILE)

## check-content: name every piece a topic still lacks, and any derived file out of date
check-content: install
	@echo "==> Content: every topic complete, derived files current"
	@$(PYTHON) scripts/check_content.py

## test: everything CI checks
test: lint check-content test-unit validate train test-stories test-e2e test-browser test-scale test-chaos
	@echo "==> All checks passed"

test-unit: install
	@echo "==> Unit tests: knowledge base, NLU data, actions"
	@$(PYTEST) -q tests/unit

validate: install
	@echo "==> rasa data validate (warnings fail)"
	@mkdir -p logs
	@$(RASA) data validate --fail-on-warnings >logs/validate.log 2>&1 \
		|| { grep -E "WARNING|ERROR|UserWarning" logs/validate.log | head -20; exit 1; }
	@echo "    no warnings"

test-stories: train
	@echo "==> rasa test: test stories (prediction errors fail)"
	@mkdir -p logs results
	@$(RASA) test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors \
		--out results/stories >logs/test-stories.log 2>&1 \
		|| { tail -30 logs/test-stories.log; cat results/stories/failed_test_stories.yml 2>/dev/null | head -60; exit 1; }
	@grep -E "Correct:|Accuracy:" logs/test-stories.log | head -4 || true

test-e2e: train
	@echo "==> End-to-end over HTTP: action server + Rasa server, REST channel, held-out NLU"
	@$(PYTEST) -q -s tests/e2e

test-browser: train install chromium
	@echo "==> The web chat in headless chromium: action server + Rasa server (socket.io) + page server"
	@$(PYTEST) -q tests/browser

## screenshot: regenerate docs/screenshot.png (a conversation in the web chat)
screenshot: train install chromium
	@SCREENSHOT_TO=docs/screenshot.png $(PYTEST) -q tests/browser -k follow_ups
	@echo "==> docs/screenshot.png"

## test-scale: two Rasa servers sharing PostgreSQL + Redis (installs both from Debian packages if missing)
test-scale: train
	@echo "==> Scale-out: two Rasa servers, one action server, shared PostgreSQL tracker store + Redis lock store"
	@scripts/install_scale_services.sh
	@$(PYTEST) -q -s tests/scale

## test-chaos: two Rasa servers under load, one killed with SIGKILL: nothing lost, nothing doubled (about 3 minutes)
test-chaos: train
	@echo "==> Chaos: one of two Rasa servers killed under 20 conversations x 30 turns"
	@scripts/install_scale_services.sh
	@$(PYTEST) -q -s tests/chaos

## purge: delete conversations idle for more than RETENTION_DAYS (default 30) from the tracker store
purge: install
	@$(PYTHON) scripts/purge.py

## review: the content owner's report from stored conversations -> results/review/review.html (ARGS="--since 2026-11-01 --until 2026-11-30 --out file.html"; ENDPOINTS as for serve)
review: install
	@$(PYTHON) -m scripts.review $(ARGS)

## eval: NLU cross-validation + held-out sets through the full bot, against a TF-IDF baseline -> docs/EVALUATION.md
eval: train
	@$(PYTHON) evaluation/evaluate.py

## eval-passages: only the held-out lines through the full bot, scoring the passages quoted on fallbacks -> its section of docs/EVALUATION.md
eval-passages: train
	@$(PYTHON) evaluation/passages_eval.py

## eval-review: questions about the review through the full bot: right sentence quoted, "the review doesn't say", topic questions kept (QUESTIONS=file: another set in the same format)
eval-review: train
	@$(PYTHON) evaluation/review_eval.py $(QUESTIONS)

## eval-danger: the danger-now model, leave-one-kind-out on the training lines and the development sets
eval-danger: install
	@$(PYTHON) evaluation/danger_eval.py

## eval-concern: the concern model (what a concern is about), 5-fold cross-validation on its corpus
eval-concern: install
	@$(PYTHON) evaluation/concern_eval.py

## eval-harm: the harm model (likely significant harm or a welfare worry below it), leave-one-kind-out on its corpus and the development set
eval-harm: install
	@$(PYTHON) evaluation/harm_eval.py

## eval-sealed: the sealed sets (tests/sealed/: situations, helper conversations, danger now) through the full bot, once, at the end of a piece of work
eval-sealed: train
	@for set in tests/sealed tests/sealed_v2 tests/sealed_v3 $(sort $(filter-out tests/sealed_v4,$(wildcard tests/sealed_v[5-9] tests/sealed_v[1-9][0-9]))); do \
		$(PYTHON) evaluation/sealed_eval.py $$set || exit 1; done

## soak: 200 users for 10 minutes on 127.0.0.1 (SOAK_USERS, SOAK_MINUTES): errors, p50/p95 and both servers' RSS per minute (not in make test)
soak: train
	@$(PYTHON) evaluation/soak.py

## bench: training time, cold start, REST latency/throughput at 1, 10, 50 users, peak memory -> docs/BENCHMARKS.md
bench: train
	@$(PYTHON) evaluation/bench.py

## profile: py-spy samples of both servers under one simulated practitioner -> the top functions
profile: train
	@$(PYTHON) evaluation/profile_turns.py

clean:
	rm -rf models results logs .pytest_cache
