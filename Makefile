# The README's two commands: `make serve` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup serve test lint format release bench audit

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

serve: setup
	$(VENV)/bin/policykg serve

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	bash scripts/ensure_chromium.sh
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

release: setup
	$(PY) scripts/release_exports.py

bench: setup
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) scripts/bench.py --sizes seed,100000 --duration 5

# Known-vulnerability audit of the installed packages. Not part of `make test` yet: no
# vulnerability service (PyPI's per-version JSON, osv.dev) answers from the CI machines.
audit: setup
	bash scripts/audit.sh
