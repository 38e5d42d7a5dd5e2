# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast bench eval postgres clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

DEMO_DB ?= demo.db

# Extract the demo corpus, then ingest it into a new store and print each dyad's timeline
# (merged events, oldest first) and current states.
# (ingest exits 3 when some inputs are rejected: the demo goes on and shows what was kept.)
demo: $(STAMP)
	$(BIN)/eventwire extract corpus/demo --format table
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/eventwire ingest corpus/demo --db $(DEMO_DB) || test $$? -eq 3
	$(BIN)/eventwire timeline --db $(DEMO_DB) --min-events 3

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

eval: $(STAMP)
	$(BIN)/eventwire eval plover-gsr

# bench_ingest measures PostgreSQL too when EVENTWIRE_TEST_PG is set (see `make postgres`).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_merge.py

# Install (when absent) and start PostgreSQL on loopback; prints the EVENTWIRE_TEST_PG to export.
postgres:
	bash .ci/run --postgres-only

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
