"""Dialogs of the My data page: a field's history, and defining a custom field."""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vault.errors import InvalidFieldDefinition
from vault.profile.fields import CUSTOM_PREFIX, HistoryEntry
from zpd.fieldtypes import FieldDef, FieldType, Sensitivity

from .. import style
from ..session import Session
from ..style import Space, Tone
from ..widgets import named, plain_label, tab_leaves
from ..words import time
from ..words.errors import error_text
from ..words.fields import (
    definition_error_text,
    field_label,
    sensitivity_explained,
    sensitivity_name,
    type_name,
    value_text,
)

_Index = QModelIndex | QPersistentModelIndex
MAX_KEY_LENGTH = 40
DIALOG_WIDTH = 520


def error_label(name: str) -> QLabel:
    label = plain_label(name=name)
    label.setStyleSheet(style.text_css(Tone.ERROR, bold=True))
    label.hide()
    return label


class HistoryModel(QAbstractTableModel):
    """A field's changes, newest first."""

    def __init__(self, definition: FieldDef, entries: list[HistoryEntry]) -> None:
        super().__init__()
        self._definition = definition
        self._entries = entries[::-1]  # the vault lists them oldest first

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("When") if section == 0 else self.tr("Value")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return time.moment(entry.changed_at)
            if role == Qt.ItemDataRole.ToolTipRole:
                return time.moment_long(entry.changed_at)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if entry.value is None:
                return self.tr("(cleared)")
            return value_text(self._definition, entry.value)
        return None


class HistoryDialog(QDialog):
    def __init__(
        self, definition: FieldDef, entries: list[HistoryEntry], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        label = field_label(definition)
        self.setWindowTitle(self.tr("History of {0}").format(label))
        self.setAccessibleName(self.windowTitle())
        self.resize(520, 360)
        layout = QVBoxLayout(self)
        if entries:
            intro = self.tr("Every change to “{0}”, newest first. Only you can see this.")
        else:
            intro = self.tr("“{0}” has never been set.")
        layout.addWidget(plain_label(intro.format(label), "historyIntro"))
        self.model = HistoryModel(definition, entries)
        self.table = named(QTableView(), "historyTable")
        self.table.setAccessibleName(self.tr("Changes"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        tab_leaves(self.table)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("historyClose")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def suggested_key(label: str) -> str:
    """A key from a name: "Favourite tea" -> "favourite_tea" (letters outside a-z dropped)."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[:MAX_KEY_LENGTH]


class CustomFieldDialog(QDialog):
    """Define a field of one's own; emits `defined` once the vault has it."""

    defined = Signal(object)  # FieldDef

    TYPES = (FieldType.TEXT, FieldType.NUMBER, FieldType.CHOICE, FieldType.MULTI_CHOICE,
             FieldType.BOOLEAN, FieldType.DATE)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("customFieldDialog")
        self.setWindowTitle(self.tr("Add a field of your own"))
        self.setAccessibleName(self.windowTitle())
        self.resize(DIALOG_WIDTH, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr(
            "For a preference the list does not have. You decide what it is called and how "
            "sensitive it is; brands can ask for it by its key."
        ), "customFieldIntro"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label = named(QLineEdit(), "customLabel")
        self.label.setMaxLength(80)
        self.label.setPlaceholderText(self.tr("e.g. Favourite tea"))
        self.label.setAccessibleName(self.tr("Name"))
        self.key = named(QLineEdit(), "customKey")
        self.key.setMaxLength(MAX_KEY_LENGTH)
        self.key.setValidator(QRegularExpressionValidator(
            QRegularExpression(f"[a-z0-9_]{{0,{MAX_KEY_LENGTH}}}"), self.key))
        self.key.setAccessibleName(self.tr("Key"))
        self.key.setToolTip(self.tr("Lowercase letters, digits and underscores"))
        key_row = QHBoxLayout()
        key_row.setSpacing(Space.HAIR)
        key_row.addWidget(plain_label(CUSTOM_PREFIX, wrap=False))
        key_row.addWidget(self.key, 1)
        self.type = named(QComboBox(), "customType")
        self.type.setAccessibleName(self.tr("Type"))
        for type_ in self.TYPES:
            self.type.addItem(type_name(type_), type_.value)
        self.sensitivity = named(QComboBox(), "customSensitivity")
        self.sensitivity.setAccessibleName(self.tr("Sensitivity"))
        for level in (Sensitivity.LOW, Sensitivity.PERSONAL, Sensitivity.SPECIAL):
            self.sensitivity.addItem(sensitivity_name(level), level.value)
        self.sensitivity_note = plain_label(name="customSensitivityNote")
        self.sensitivity_note.setStyleSheet(style.text_css(Tone.MUTED))
        self.choices = named(QPlainTextEdit(), "customChoices")
        self.choices.setAccessibleName(self.tr("Choices, one per line"))
        self.choices.setPlaceholderText(self.tr("One choice per line"))
        self.choices.setTabChangesFocus(True)
        self.choices.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        form.addRow(self.tr("&Name:"), self.label)
        form.addRow(self.tr("&Key:"), key_row)
        form.addRow(self.tr("&Type:"), self.type)
        form.addRow(self.tr("&Sensitivity:"), self.sensitivity)
        form.addRow("", self.sensitivity_note)
        form.addRow(self.tr("&Choices:"), self.choices)
        key_label = form.labelForField(key_row)  # rows of widgets get their buddy from Qt
        if isinstance(key_label, QLabel):
            key_label.setBuddy(self.key)
        layout.addLayout(form)
        self.error = error_label("customFieldError")
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Add field"))
        self.ok.setObjectName("customFieldSave")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName(
            "customFieldCancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._key_typed = False
        self.label.textEdited.connect(self._suggest_key)
        self.key.textEdited.connect(self._on_key_typed)
        self.type.currentIndexChanged.connect(self._update)
        self.sensitivity.currentIndexChanged.connect(self._update)
        self._update()

    def _suggest_key(self, label: str) -> None:
        if not self._key_typed:
            self.key.setText(suggested_key(label))

    def _on_key_typed(self, text: str) -> None:
        self._key_typed = bool(text)

    def _update(self) -> None:
        takes_choices = self.chosen_type() in (FieldType.CHOICE, FieldType.MULTI_CHOICE)
        self.choices.setEnabled(takes_choices)
        self.sensitivity_note.setText(sensitivity_explained(self.chosen_sensitivity()))
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to fit wrapped text: a window's own minimum ignores height-for-width."""
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else 0
        self.setMinimumHeight(needed)
        if self.height() < needed:
            self.resize(self.width(), needed)

    def chosen_type(self) -> FieldType:
        return FieldType(self.type.currentData())

    def chosen_sensitivity(self) -> Sensitivity:
        return Sensitivity(self.sensitivity.currentData())

    def save(self) -> None:
        label = self.label.text().strip()
        key = self.key.text().strip()
        if not label or not key:
            self._show_error(self.tr("Give the field a name and a key."))
            return
        type_, level = self.chosen_type(), self.chosen_sensitivity()
        choices: tuple[str, ...] = ()
        if self.choices.isEnabled():
            choices = tuple(
                line.strip() for line in self.choices.toPlainText().splitlines() if line.strip()
            )
        self.ok.setEnabled(False)
        self.error.hide()
        self.session.call(
            lambda vault: vault.fields.define(key, label, type_, level, choices),
            self._defined,
            failed=self._failed,
            owner=self,
        )

    def _defined(self, definition: FieldDef) -> None:
        self.defined.emit(definition)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        if isinstance(error, InvalidFieldDefinition):
            self._show_error(definition_error_text(error))
        else:
            self._show_error(error_text(error))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self._fit_height()
