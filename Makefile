# farmland_guard — `make run` opens QGIS with the plugin, a demo and a local server; `make test` runs
# every test; `make serve` runs the central server on SQLite with demo users and the demo batch.
# Set-up is idempotent: stamp files under var/stamps make a second run take seconds.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMPS := var/stamps
DEMO := var/demo
DEMO_PROJECT := $(DEMO)/demo_410724.qgz
TS := i18n/farmland_guard_zh_CN.ts
QM := $(TS:.ts=.qm)
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

export PROJ_DATA := /usr/share/proj
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup run serve test test-unit test-qgis test-server test-e2e bench fuzz package translate \
	i18n-update demo lint clean

help:
	@echo "make run        set up what is missing, build the demo, open QGIS with the plugin and a local server"
	@echo "make serve      the central server on SQLite (var/server) with demo users and the demo batch"
	@echo "make test       set up what is missing, run every test (unit, qgis, server, e2e)"
	@echo "make bench      benchmarks against their peers, printed as ratios"
	@echo "make fuzz       the import fuzzed longer than in make test (FUZZ_CASES=2000, FUZZ_SEED=1)"
	@echo "make package    dist/farmland_guard-<version>.zip, ready for 'Install from ZIP'"
	@echo "make demo       demo data and project for 获嘉县 under $(DEMO)"
	@echo "make translate  compile the .ts translations to .qm"
	@echo "make i18n-update  refresh $(TS) from the source strings"
	@echo "make lint       ruff"

setup: $(STAMPS)/apt $(STAMPS)/venv

$(STAMPS)/apt: dev/apt-packages.txt
	@mkdir -p $(STAMPS)
	@missing=""; for p in $$(cat $<); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@touch $@

$(STAMPS)/venv: requirements.txt $(STAMPS)/apt
	@test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --no-binary shapely,pyogrio -r requirements.txt
	@touch $@

translate: $(QM)

$(QM): $(TS) | setup
	lrelease -silent $(TS) -qm $(QM)

i18n-update: | setup
	pylupdate5 -noobsolete $$(find farmland_guard -name '*.py' | sort) -ts $(TS)

package: setup translate
	$(PY) -m dev.package

demo: $(DEMO_PROJECT)

$(DEMO_PROJECT): bench/datagen.py bench/imagery.py dev/demo_project.py dev/demo_ledgers.py $(wildcard resources/styles/*.qml) $(QM) | setup
	$(PY) -m bench.datagen --out $(DEMO) --patches 400 --landuse 30000 --seed 410724
	QT_QPA_PLATFORM=offscreen $(PY) -m dev.demo_project $(DEMO)

# QGIS in the foreground; the local server of `make serve` in the background, stopped with QGIS
run: package demo
	$(PY) -m dev.run_qgis

# The server of DESIGN.md §6.2 on SQLite: var/server/farmland_guard.db, demo users (passwords made
# once, kept in var/server/demo-logins.txt), the demo batch loaded once; in the foreground
serve: demo
	$(PY) -m dev.serve

lint: setup
	$(PY) -m ruff check .

# Every tier, then a check that the tests left the work tree as they found it (nothing they
# write may be tracked or unignored: a test profile would capture credentials).
test: setup translate
	@mkdir -p var && git status --porcelain --untracked-files=all > var/tree-before.txt
	$(MAKE) lint test-unit test-qgis test-server test-e2e
	@git status --porcelain --untracked-files=all > var/tree-after.txt
	@diff -u var/tree-before.txt var/tree-after.txt || \
	  { echo "make test changed the work tree (see above)"; exit 1; }

test-unit: setup translate
	$(PY) -m pytest -p no:qgis tests/unit

test-qgis: setup translate
	rm -rf .qgis-settings  # pytest-qgis writes its QGIS profile here: a fresh one each session
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/qgis

# A real server process on SQLite, and on PostgreSQL + PostGIS in a throwaway cluster the tests
# start themselves (initdb as the postgres user): the packaged cluster may run or not
test-server: setup
	$(PY) -m pytest -p no:qgis tests/server

test-e2e: setup translate
	$(PY) -m pytest tests/e2e

bench: package
	$(PY) -m bench

FUZZ_CASES ?= 2000
FUZZ_SEED ?= 1
fuzz: setup
	$(PY) -m bench.fuzz_import --cases $(FUZZ_CASES) --seed $(FUZZ_SEED)

clean:
	rm -rf build dist $(DEMO) var/qgis-profile var/screenshots var/server $(QM) .qgis-settings
