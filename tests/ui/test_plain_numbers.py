"""Numbers, durations and countries as a person writes them: "42", not "42.0"; "10 years",
not "3650 days"; "Greece (GR)", not "GR"."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QWidget

from ui.fields.editors import _number_editor
from ui.words import time as time_words
from zpd.catalogue import BY_KEY


def test_the_number_editor_shows_42_not_42_point_0(qapp: QApplication) -> None:
    parent = QWidget()
    editor = _number_editor(BY_KEY["shoe_size_eu"], parent)
    assert isinstance(editor, QDoubleSpinBox)
    editor.setValue(42)
    assert editor.text() == "42"
    editor.setValue(42.5)
    assert editor.text() == "42.5"
    assert editor.valueFromText("41") == 41


def test_whole_years_are_said_in_years() -> None:
    assert time_words.days(3650) == "10 years"
    assert time_words.days(365) == "1 year"
    assert time_words.days(3650, about=True) == "10 years"
    assert time_words.days(180) == "180 days"
    assert time_words.days(800, about=True) == "800 days (about 2 years)"


def test_a_country_is_shown_by_its_name() -> None:
    from ui.words.exchange import show_value
    from ui.words.fields import value_text

    assert value_text(BY_KEY["country"], "GR") == "Greece (GR)"
    assert show_value("DE", "country") == "Germany (DE)"
    assert show_value("Alex", "preferred_name") == "Alex"
