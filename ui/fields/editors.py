"""An editor widget for each field type, and reading a value back out of it.

An editor remembers what it showed when it opened: one that was opened and
left alone never writes anything, not even a default. A field with no value
opens blank (a combo with nothing chosen, a spin box at "Not set").
"""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QCoreApplication, QDate, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from zpd.fieldtypes import MAX_TEXT_LENGTH, FieldDef, FieldType, JsonValue, TextFormat

from ..words.fields import choice_text, field_label

INITIAL = "initialValue"  # dynamic property: JSON of what the editor showed when opened
CUSTOM_NUMBER_LIMIT = 1e9
CUSTOM_NUMBER_DECIMALS = 2
_VISIBLE_CHOICES = 8
ITEM_PADDING = 6


class MultiChoiceEditor(QListWidget):
    """A list of checkable choices: Space ticks, Enter saves, Escape cancels."""

    def __init__(self, definition: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("multiChoiceEditor")
        self.setFrameShape(QFrame.Shape.Box)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setToolTip(self.tr("Space ticks or unticks; Enter saves; Escape cancels."))
        for choice in definition.choices:
            item = QListWidgetItem(choice_text(definition, choice), self)
            item.setData(Qt.ItemDataRole.UserRole, choice)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setSizeHint(QSize(0, self.fontMetrics().height() + ITEM_PADDING))
        self.setCurrentRow(0)

    def set_chosen(self, chosen: list[str]) -> None:
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        first = next((r for r in range(self.count())
                      if self.item(r).checkState() == Qt.CheckState.Checked), 0)
        self.setCurrentRow(first)

    def chosen(self) -> list[str]:
        return [
            str(self.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_choice_checked(self, choice: str, checked: bool) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == choice:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def preferred_height(self) -> int:
        rows = min(self.count(), _VISIBLE_CHOICES)
        return self.sizeHintForRow(0) * rows + 2 * self.frameWidth()


class _PlainDoubleSpinBox(QDoubleSpinBox):
    """Shows 42 as "42" and 42.5 as "42.5": no trailing zeros the person never typed."""

    def textFromValue(self, value: float) -> str:  # noqa: N802
        text = self.locale().toString(value, "f", self.decimals())
        point = self.locale().decimalPoint()
        if point in text:
            text = text.rstrip("0").removesuffix(point)
        return text


def _number_editor(definition: FieldDef, parent: QWidget) -> QWidget:
    """A spin box over the field's range; one step below it is the blank "Not set"."""
    step = definition.step
    low = definition.minimum if definition.minimum is not None else -CUSTOM_NUMBER_LIMIT
    high = definition.maximum if definition.maximum is not None else CUSTOM_NUMBER_LIMIT
    box: QSpinBox | QDoubleSpinBox
    if step is not None and float(step).is_integer():
        box = QSpinBox(parent)
        box.setRange(int(low) - int(step), int(high))
        box.setSingleStep(int(step))
    else:
        box = _PlainDoubleSpinBox(parent)
        decimals = len(f"{step:g}".partition(".")[2]) if step is not None else 0
        box.setDecimals(max(decimals, 1) if step is not None else CUSTOM_NUMBER_DECIMALS)
        box.setSingleStep(step if step is not None else 1.0)
        box.setRange(low - (step or 1.0), high)
    box.setSpecialValueText(QCoreApplication.translate("FieldEditors", "Not set"))
    box.setObjectName("numberEditor")
    return box


def _combo(parent: QWidget, name: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setPlaceholderText(QCoreApplication.translate("FieldEditors", "Choose…"))
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(-1)
    return combo


def _date_editor(definition: FieldDef, parent: QWidget) -> QDateEdit:
    editor = QDateEdit(parent)
    editor.setObjectName("dateEditor")
    if definition.month_day:
        # Year 2000 is a leap year, so 29 February can be picked; only month and day are kept.
        editor.setDateRange(QDate(2000, 1, 1), QDate(2000, 12, 31))
        editor.setDisplayFormat("d MMMM")
    else:
        editor.setDateRange(QDate(1900, 1, 1), QDate(2100, 12, 31))
        editor.setDisplayFormat("d MMM yyyy")
        editor.setCalendarPopup(True)
    return editor


def _text_editor(definition: FieldDef, parent: QWidget) -> QLineEdit:
    editor = QLineEdit(parent)
    editor.setObjectName("textEditor")
    editor.setMaxLength(MAX_TEXT_LENGTH)
    if definition.text_format is TextFormat.EMAIL:
        editor.setPlaceholderText(QCoreApplication.translate("FieldEditors", "name@example.org"))
    elif definition.text_format is TextFormat.COUNTRY:
        editor.setMaxLength(2)
        editor.setPlaceholderText(
            QCoreApplication.translate("FieldEditors", "Two letters, like GR")
        )
    return editor


def create_editor(definition: FieldDef, parent: QWidget) -> QWidget:
    """The editor suited to the field's type, not yet holding a value."""
    editor: QWidget
    if definition.type is FieldType.NUMBER:
        editor = _number_editor(definition, parent)
    elif definition.type is FieldType.CHOICE:
        editor = _combo(parent, "choiceEditor",
                        [(choice_text(definition, c), c) for c in definition.choices])
    elif definition.type is FieldType.MULTI_CHOICE:
        editor = MultiChoiceEditor(definition, parent)
    elif definition.type is FieldType.DATE:
        editor = _date_editor(definition, parent)
    elif definition.type is FieldType.BOOLEAN:
        editor = _combo(parent, "booleanEditor", [
            (QCoreApplication.translate("FieldEditors", "Yes"), True),
            (QCoreApplication.translate("FieldEditors", "No"), False),
        ])
    else:
        editor = _text_editor(definition, parent)
    editor.setAccessibleName(
        QCoreApplication.translate("FieldEditors", "Value of {0}").format(field_label(definition))
    )
    return editor


def set_editor_value(editor: QWidget, definition: FieldDef, value: JsonValue | None) -> None:
    """Show the stored value (none: the editor's blank state), and remember it."""
    blocked = editor.blockSignals(True)
    try:
        if isinstance(editor, QSpinBox | QDoubleSpinBox):
            number = value if isinstance(value, int | float) else editor.minimum()
            editor.setValue(number)  # type: ignore[arg-type]
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(value) if value is not None else -1)
        elif isinstance(editor, MultiChoiceEditor):
            editor.set_chosen([str(v) for v in value] if isinstance(value, list) else [])
        elif isinstance(editor, QDateEdit):
            editor.setDate(_qdate(definition, value))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value) if value is not None else "")
    finally:
        editor.blockSignals(blocked)
    editor.setProperty(INITIAL, json.dumps(_read(editor, definition)))


def editor_value(editor: QWidget, definition: FieldDef) -> object | None:
    """What the person entered, or None when they left it as it was (or blank)."""
    value = _read(editor, definition)
    if value is None or json.dumps(value) == editor.property(INITIAL):
        return None
    return value


def _read(editor: QWidget, definition: FieldDef) -> object | None:
    if isinstance(editor, QSpinBox):
        return editor.value() if editor.value() != editor.minimum() else None
    if isinstance(editor, QDoubleSpinBox):
        if editor.value() == editor.minimum():
            return None
        number = round(editor.value(), editor.decimals())
        return int(number) if number.is_integer() else number
    if isinstance(editor, QComboBox):
        return editor.currentData() if editor.currentIndex() >= 0 else None
    if isinstance(editor, MultiChoiceEditor):
        return editor.chosen()
    if isinstance(editor, QDateEdit):
        date = editor.date()
        if definition.month_day:
            return f"{date.month():02d}-{date.day():02d}"
        return dt.date(date.year(), date.month(), date.day()).isoformat()
    if isinstance(editor, QLineEdit):
        return editor.text()
    return None


def _qdate(definition: FieldDef, value: JsonValue | None) -> QDate:
    if isinstance(value, str):
        try:
            if definition.month_day:
                month, day = (int(part) for part in value.split("-"))
                return QDate(2000, month, day)
            parsed = dt.date.fromisoformat(value)
            return QDate(parsed.year, parsed.month, parsed.day)
        except ValueError:
            pass
    today = QDate.currentDate()
    return QDate(2000, today.month(), today.day()) if definition.month_day else today
