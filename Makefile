# Two commands do all set-up on a fresh machine (README.md):
#   make demo   load the bundled sample letters into imr_warehouse.db and show the result
#   make test   run the whole test suite (SQLite and the PostgreSQL server, required)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := sqlite:///imr_warehouse.db

.PHONY: demo test lint benchmark clean

$(BIN)/imr-etl: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/imr-etl
	$(BIN)/imr-etl ingest data/ --database-url $(DEMO_DB)
	$(BIN)/imr-etl report --database-url $(DEMO_DB)

test: $(BIN)/imr-etl
	IMR_ETL_REQUIRE_POSTGRES=1 $(BIN)/pytest

lint: $(BIN)/imr-etl
	$(BIN)/ruff check .
	$(BIN)/mypy

benchmark: $(BIN)/imr-etl
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf $(VENV) imr_warehouse.db*
