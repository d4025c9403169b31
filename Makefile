# Two commands do everything on a fresh machine:
#   make run    set up .venv, index seeds/ if there is no index yet, start the app
#   make test   set up .venv, lint and type-check, run the whole test suite (slow tests too)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test venv lint typecheck clean help

help:
	@echo "make run   - install into .venv, index seeds/ if needed, start the app"
	@echo "make test  - install into .venv, ruff + mypy, the whole test suite"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# the CPU build of torch first, so nothing pulls a multi-GB CUDA build
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

run: venv
	@test -f "$${RAG_HOME:-.rag}/catalog.sqlite" || $(BIN)/rag index seeds
	$(BIN)/rag serve --host $${RAG_SERVE_HOST:-127.0.0.1} --port $${RAG_SERVE_PORT:-7860}

lint: venv
	$(BIN)/ruff check rag ui eval tests
	$(BIN)/ruff format --check rag ui eval tests

typecheck: venv
	$(BIN)/mypy rag

test: lint typecheck
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) .rag .pytest_cache .mypy_cache .ruff_cache
