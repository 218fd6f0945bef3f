"""The main window: welcome (create or unlock), then a sidebar of pages over the vault."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from vault.service import Vault

from . import i18n
from .idle import IdleWatcher
from .pages.activity import ActivityPage
from .pages.base import Page
from .pages.brands import BrandsPage
from .pages.my_data import MyDataPage
from .pages.settings_page import SettingsPage
from .pages.shared import SharedPage
from .session import Session
from .settings import IDLE_LOCK_MINUTES, Settings
from .unlock_page import WelcomeStack


class MainArea(QWidget):
    """A sidebar of page names beside the page shown."""

    def __init__(self, pages: list[Page]) -> None:
        super().__init__()
        self.pages = pages
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.sidebar = QListWidget(objectName="sidebar")
        self.sidebar.setAccessibleName(self.tr("Sections"))
        self.sidebar.setFixedWidth(180)
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { background: palette(window); padding-top: 8px; }"
            "QListWidget#sidebar::item { padding: 9px 14px; border-radius: 6px; margin: 1px 6px; }"
            "QListWidget#sidebar::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )
        font = self.sidebar.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.sidebar.setFont(font)
        self.stack = QStackedWidget()
        for page in pages:
            self.sidebar.addItem(page.title())
            self.stack.addWidget(page)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sidebar.setCurrentRow(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)

    def show_page(self, page: Page) -> None:
        self.sidebar.setCurrentRow(self.pages.index(page))


class MainWindow(QMainWindow):
    def __init__(self, directory: Path, settings: Settings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Zero-Party Vault"))
        self.resize(960, 640)
        self.settings = settings or Settings()
        self.directory = directory
        self.session = Session()
        self.welcome = WelcomeStack(directory)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.area = self._build_area()
        self.pages.addWidget(self.area)
        self.setCentralWidget(self.pages)
        self.welcome.opened.connect(self._on_opened)

        self.toolbar = toolbar = QToolBar(self.tr("Vault"), objectName="mainToolbar")
        toolbar.setMovable(False)
        self.lock_action = QAction(self.tr("Lock"), self, objectName="lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.setToolTip(self.tr("Lock the vault (Ctrl+L)"))
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)
        toolbar.addAction(self.lock_action)
        self.addToolBar(toolbar)
        self.status = QLabel(objectName="statusLabel")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status, 1)
        self.session.failed.connect(self.status.setText)

        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        self._show_locked()

    def _build_area(self) -> MainArea:
        self.my_data = MyDataPage(self.session)
        self.settings_page = SettingsPage(self.session, self.settings)
        self.settings_page.language_changed.connect(self.switch_language)
        self.settings_page.idle_minutes_changed.connect(
            lambda minutes: self.idle.start(minutes * 60_000)
        )
        self.activity = ActivityPage(self.session)
        self.brands_page = BrandsPage(self.session)
        self.shared_page = SharedPage(self.session)
        return MainArea([self.my_data, self.brands_page, self.shared_page, self.activity,
                         self.settings_page])

    def switch_language(self, setting: str) -> None:
        """Install the language and rebuild every screen in it; the vault stays open."""
        i18n.install(i18n.resolve(setting))
        row = self.area.sidebar.currentRow()
        old = self.area
        self.area = self._build_area()
        self.pages.insertWidget(1, self.area)
        if self.pages.currentWidget() is old:
            self.pages.setCurrentWidget(self.area)
        self.pages.removeWidget(old)
        old.deleteLater()
        self.area.sidebar.setCurrentRow(row)
        self._retranslate()
        if self.session.is_open:
            for page in self.area.pages:
                page.reload()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Zero-Party Vault"))
        self.lock_action.setText(self.tr("Lock"))
        self.lock_action.setToolTip(self.tr("Lock the vault (Ctrl+L)"))
        self.status.setText(self.tr("Unlocked") if self.session.is_open else self.tr("Locked"))

    @property
    def vault(self) -> Vault | None:
        return self.session.vault

    def open_vault(self, vault: Vault) -> None:
        """Show an already unlocked vault (the demo starts this way)."""
        self._on_opened(vault)

    def _on_opened(self, vault: Vault) -> None:
        self.session.open(vault)
        self.lock_action.setEnabled(True)
        self.toolbar.show()
        self.pages.setCurrentWidget(self.area)
        self.status.setText(self.tr("Unlocked"))
        self.idle.start(self.settings.get(IDLE_LOCK_MINUTES) * 60_000)
        self.my_data.search.setFocus()

    def lock(self) -> None:
        """Drop the key and close the database, then show the unlock screen."""
        self.idle.stop()
        self.session.lock()
        self.welcome.show_unlock()
        self._show_locked()

    def _show_locked(self) -> None:
        self.lock_action.setEnabled(False)
        self.toolbar.hide()
        self.pages.setCurrentWidget(self.welcome)
        if self.welcome.currentWidget() is self.welcome.unlock_page:
            self.welcome.show_unlock()
        self.status.setText(self.tr("Locked"))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.lock()
        super().closeEvent(event)
