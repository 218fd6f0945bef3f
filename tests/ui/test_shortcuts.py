"""Help > Keyboard shortcuts lists the keys the app answers to, and each listed key really
does what the list says (the lock and the search are tried)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from tests.support.vaults import MadeVault
from ui.main_window import MainWindow
from ui.shortcuts import ShortcutsDialog

WAIT_MS = 10_000


def test_the_help_menu_lists_the_shortcuts_and_they_work(qtbot: QtBot,
                                                         made_vault: MadeVault) -> None:
    window = MainWindow(made_vault.directory)
    qtbot.addWidget(window)
    window.show()
    assert window.shortcuts_action in window.help_menu.actions()
    assert "&" in window.shortcuts_action.text()
    window.shortcuts_action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ShortcutsDialog)
                    or window.findChild(ShortcutsDialog) is not None, timeout=WAIT_MS)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None
    table = dialog.findChild(QTableWidget, "shortcutsTable")
    assert table is not None and table.accessibleName()
    listed = {table.item(row, 0).text() for row in range(table.rowCount())}
    native = QKeySequence.SequenceFormat.NativeText
    assert QKeySequence("Ctrl+L").toString(native) in listed
    assert QKeySequence(QKeySequence.StandardKey.Find).toString(native) in listed
    dialog.reject()

    vault = made_vault.unlock()
    window.open_vault(vault)
    page = window.my_data
    qtbot.waitUntil(lambda: page.model.rowCount() >= 40, timeout=WAIT_MS)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.search.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(page.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.vault is None, timeout=WAIT_MS)
    assert vault.is_locked
