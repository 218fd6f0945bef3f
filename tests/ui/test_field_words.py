"""The catalogue in words, in English and in Greek: each field named apart from its category,
and a country named in the language of the screen."""

from __future__ import annotations

from collections.abc import Iterator

import babel
import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from ui import i18n
from ui.words import fields
from ui.words.country_names import NAMES
from zpd.catalogue import CATALOGUE


@pytest.fixture(params=["en", "el"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    assert i18n.install(request.param)
    yield request.param
    i18n.install("en")


@pytest.fixture
def greek(qapp: QApplication) -> Iterator[None]:
    assert i18n.install("el")
    yield
    i18n.install("en")


def test_no_field_is_named_as_its_category(language: str) -> None:
    same = [f.key for f in CATALOGUE
            if fields.field_label(f).casefold() == fields.category_name(f.category).casefold()]
    assert same == []


def test_a_country_is_named_in_greek_on_the_greek_screen(greek: None) -> None:
    assert fields.country_text("GR") == "Ελλάδα (GR)"
    assert fields.country_text("DE") == "Γερμανία (DE)"
    assert fields.country_text("tr") == "Τουρκία (TR)"  # as stored: upper case, but say it
    assert fields.country_text("ZZ") == "ZZ"  # no such country: the code as it is


def test_a_country_is_named_in_english_on_the_english_screen(qapp: QApplication) -> None:
    i18n.install("en")
    assert fields.country_text("GR") == "Greece (GR)"
    assert fields.country_text("DE") == "Germany (DE)"


def test_every_country_qt_names_in_english_has_a_greek_name() -> None:
    """The table covers every territory with a two-letter code that Qt knows, so no country
    falls back to English on the Greek screen."""
    codes = {QLocale.territoryToCode(t) for t in QLocale.Country
             if len(QLocale.territoryToCode(t)) == 2}
    greek = NAMES["el"]
    assert codes - greek.keys() == set()
    assert all(name and not name.isascii() for name in greek.values())


def test_the_table_is_cldrs_greek() -> None:
    """Checked against CLDR itself (through babel), independently of the generator."""
    territories = babel.Locale("el").territories
    assert {code: territories[code] for code in NAMES["el"]} == NAMES["el"]
