# The one entry point. `make run` to chat, `make test` for everything CI checks.
SHELL := /bin/bash
VENV := .venv
RASA := $(VENV)/bin/rasa
PYTEST := $(VENV)/bin/pytest
MODEL := models/safeguarding-guide.tar.gz
TRAINING_INPUTS := config.yml $(wildcard domain/*.yml) $(shell find data -name '*.yml' 2>/dev/null)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: run install train shell serve test test-unit validate test-stories test-e2e eval bench clean python-check

## run: install, train if needed, chat in the terminal
run: train
	@scripts/shell.sh

## install: .venv with the pinned requirements
install: $(VENV)/.installed

python-check:
	@scripts/find_python.sh >/dev/null

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt | python-check
	@scripts/install.sh
	@touch $@

## train: train the model when it is missing or older than the data, config or domain
train: $(MODEL)

$(MODEL): $(TRAINING_INPUTS) $(VENV)/.installed
	@scripts/train.sh

## shell: chat in the terminal (action server started and stopped for you)
shell: train
	@scripts/shell.sh

## serve: Rasa server (REST channel + HTTP API) on :5005 and the action server on :5055
serve: train
	@scripts/serve.sh

## test: everything CI checks
test: test-unit validate train test-stories test-e2e
	@echo "==> All checks passed"

test-unit: install
	@echo "==> Unit tests: knowledge base, NLU data, actions"
	@$(PYTEST) -q tests/unit

validate: install
	@echo "==> rasa data validate (warnings fail)"
	@mkdir -p logs
	@$(RASA) data validate --domain domain --fail-on-warnings >logs/validate.log 2>&1 \
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

## eval: NLU cross-validation + held-out sets through the full bot, against a TF-IDF baseline -> docs/EVALUATION.md
eval: train
	@$(VENV)/bin/python scripts/evaluate.py

## bench: training time, cold start, REST latency/throughput at 1, 10, 50 users, peak memory -> docs/BENCHMARKS.md
bench: train
	@$(VENV)/bin/python scripts/bench.py

clean:
	rm -rf models results logs .pytest_cache
