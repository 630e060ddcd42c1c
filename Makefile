# The two commands of the README: `make demo` and `make test`. CI (.ci/run) runs `make test`.
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: demo test lint pytest bench bench-smoke setup setup-dev clean

setup:
	@scripts/bootstrap.sh

setup-dev:
	@scripts/bootstrap.sh dev

demo: setup
	DATELINE_DEBUG=1 $(BIN)/dateline demo --port $(PORT)

test: setup-dev lint pytest

lint: setup-dev
	$(BIN)/ruff check dateline bench
	$(BIN)/lint-imports

pytest: setup-dev
	DATELINE_DATA_DIR=$$(mktemp -d) $(BIN)/pytest $(PYTEST_ARGS)

bench: setup-dev
	$(BIN)/python -m bench

bench-smoke: setup-dev
	$(BIN)/python -m bench --smoke

clean:
	rm -rf $(VENV) dateline-data
