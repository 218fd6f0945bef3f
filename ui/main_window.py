"""The main window: welcome (create or unlock), then the person's fields."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolBar

from vault.service import Vault

from . import strings
from .fields_page import FieldsPage
from .tasks import run_task
from .unlock_page import WelcomeStack


class MainWindow(QMainWindow):
    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Zero-Party Vault"))
        self.resize(820, 600)
        self.vault: Vault | None = None
        self.welcome = WelcomeStack(directory)
        self.fields_page = FieldsPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.fields_page)
        self.setCentralWidget(self.pages)
        self.welcome.opened.connect(self._on_opened)

        self.toolbar = toolbar = QToolBar(self.tr("Vault"), objectName="mainToolbar")
        toolbar.setMovable(False)
        self.lock_action = QAction(self.tr("Lock"), self, objectName="lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setToolTip(self.tr("Lock the vault (Ctrl+L)"))
        self.lock_action.triggered.connect(self.lock)
        toolbar.addAction(self.lock_action)
        self.addToolBar(toolbar)
        self.status = QLabel(objectName="statusLabel")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status)
        self._show_locked()

    def _on_opened(self, vault: Vault) -> None:
        self.vault = vault
        self.lock_action.setEnabled(True)
        self.toolbar.show()
        self.pages.setCurrentWidget(self.fields_page)
        self.status.setText(self.tr("Unlocked"))
        self.refresh_fields()

    def refresh_fields(self) -> None:
        vault = self.vault
        if vault is None:
            return
        run_task(self, vault.fields, self._on_fields)

    def _on_fields(self, rows: object, error: BaseException | None) -> None:
        if error is not None:
            self.status.setText(strings.error_message(error))
            return
        if self.vault is not None and isinstance(rows, list):
            self.fields_page.show_fields(rows)
            self.fields_page.search.setFocus()

    def lock(self) -> None:
        """Drop the key and close the database, then show the unlock screen."""
        if self.vault is not None:
            self.vault.lock()
            self.vault = None
        self.fields_page.show_fields([])
        self.welcome.show_unlock()
        self._show_locked()

    def _show_locked(self) -> None:
        self.lock_action.setEnabled(False)
        self.toolbar.hide()
        self.pages.setCurrentWidget(self.welcome)
        if self.welcome.currentWidget() is self.welcome.unlock_page:
            self.welcome.show_unlock()
        self.status.setText(self.tr("Locked"))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.lock()
        super().closeEvent(event)
