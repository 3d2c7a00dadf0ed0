# rangemap: `make demo` and `make test` work on a fresh machine (they install what they need).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo serve test lint bench clean

install: $(STAMP)

# Re-run only when the project's dependencies change.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/rangemap demo --out out

serve: install
	$(BIN)/rangemap serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# One test process per core: the suite is mostly CPU-bound geodesy, browsers and figures.
test: lint
	$(BIN)/python -m pytest -n auto

bench: install
	PYTHONPATH=. $(BIN)/python benchmarks/run.py  # benchmarks share the tests' flown tracks

clean:
	rm -rf $(VENV) out build *.egg-info test-artifacts
