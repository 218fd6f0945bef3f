# The two commands: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast demo lint bench screenshots docs translations translations-update catalogue-strings country-names clean package

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

# After changing user-facing strings in ui/: list the catalogue's and the `_tr` helpers'
# strings for lupdate, then merge every string of ui/ into the Greek catalogue (strings no
# longer in the code are dropped). Translate what is new (type="unfinished") and commit the .ts.
catalogue-strings: $(STAMP)
	$(PY) -m tools.catalogue_strings

# Countries' names in the languages other than English (Qt has them in English only), from CLDR.
country-names: $(STAMP)
	$(PY) -m tools.country_names

translations-update: catalogue-strings
	$(VENV)/bin/pyside6-lupdate -silent -extensions py -no-obsolete -locations none \
		-source-language en -target-language el ui -ts resources/translations/zpv_el.ts

run: $(STAMP) translations
	$(PY) main.py $(ARGS)

test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

# The inner loop: everything but the tests marked slow (pyproject.toml lists what they are).
test-fast: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

demo: $(STAMP) translations
	$(PY) main.py --demo

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy

bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

# The sdist and wheel, the self-contained bundle and, on Debian, the .deb: into dist/
# (docs/packaging.md).
package: $(STAMP)
	$(PY) -m tools.package

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.screenshots docs/screenshots
	$(PY) -m tools.window_screenshots docs/screenshots/windows
	$(PY) -m tools.shop_screenshot docs/screenshots

docs: $(STAMP)
	$(PY) -m zpd.examples docs/protocol.md
	$(PY) -m brandkit.refusals docs/protocol.md
