"""Help > Keyboard shortcuts: every key the app answers to, in one table, so that a person
who does not use a mouse can find them (the underlined letters work with Alt as well)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .widgets import named, plain_label


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        rows = self.shortcuts()
        self.table = named(QTableWidget(len(rows), 2), "shortcutsTable")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for row, (keys, what) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        layout.addWidget(plain_label(self.tr(
            "Underlined letters on buttons and menus work with Alt: Alt+R for “Revoke...”, "
            "for example."), "shortcutsNote"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 480)

    def shortcuts(self) -> list[tuple[str, str]]:
        native = QKeySequence.SequenceFormat.NativeText

        def keys(sequence: QKeySequence | QKeySequence.StandardKey | str) -> str:
            return QKeySequence(sequence).toString(native)

        return [
            (keys("Ctrl+L"), self.tr("Lock the vault: the key is dropped, the screens cleared")),
            (keys(QKeySequence.StandardKey.Find), self.tr("My data: search fields and values")),
            (self.tr("Enter"), self.tr("Open what is chosen: edit a value, review a brand's "
                                       "request, see a share")),
            (keys(QKeySequence.StandardKey.Delete), self.tr("My data: clear the chosen value")),
            (self.tr("Tab, Shift+Tab"), self.tr("Move to the next or previous control; a table "
                                                "is left with Tab, not trapped in")),
            (self.tr("Arrow keys"), self.tr("Move within a list or table")),
            (self.tr("Space"), self.tr("Press the focused button or tick the focused box")),
            (self.tr("Esc"), self.tr("Close a dialog without doing anything")),
        ]

    def keys_text(self) -> str:
        """Every row as one text, for tests and screen readers' summaries."""
        return "\n".join(f"{keys}: {what}" for keys, what in self.shortcuts())



