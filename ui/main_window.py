"""The main window: welcome (create or unlock), then a sidebar of pages over the vault."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from . import i18n, strings
from .clipboard import secret_clipboard
from .idle import IdleWatcher
from .pages.base import Page
from .session import Session
from .settings import IDLE_LOCK_MINUTES, Settings
from .tasks import run_task
from .unlock_page import WelcomeStack
from .widgets import OneLineLabel

if TYPE_CHECKING:
    from vault.exchange.delivery import FlushReport
    from vault.vault import Vault

    from .pages.activity import ActivityPage
    from .pages.brands import BrandsPage
    from .pages.my_data import MyDataPage
    from .pages.settings_page import SettingsPage
    from .pages.shared import SharedPage

# What the pages behind the unlock screen need. Importing them (the vault, its crypto and
# HTTP libraries, every page) takes longer than starting Qt itself, so the unlock screen is
# painted first and these load on a worker thread while the person types (see
# docs/performance.md, "Cold start").
AREA_MODULES = (
    "vault.vault",
    "ui.pages.my_data",
    "ui.pages.brands",
    "ui.pages.shared",
    "ui.pages.activity",
    "ui.pages.settings_page",
)


def import_area_modules() -> None:
    for name in AREA_MODULES:
        importlib.import_module(name)


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
        self.welcome = WelcomeStack(directory, self.settings)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self._area: MainArea | None = None  # built once painted, or when first needed
        self._warming = False
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
        # Delivery runs every few seconds in the background: when one fails, say so here
        # until one goes through.
        self.delivery_problem = OneLineLabel("deliveryProblem")
        self.delivery_problem.setAccessibleName(self.tr("Delivery problem"))
        self.delivery_problem.setStyleSheet("QLabel#deliveryProblem { font-weight: bold; }")
        self.delivery_problem.hide()
        self.statusBar().addWidget(self.delivery_problem, 3)
        self.session.flush_failed.connect(self._show_flush_failure)
        self.session.flushed.connect(self._show_flush_report)
        self.session.closed.connect(self.delivery_problem.hide)

        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        self._show_locked()

    # -- the pages behind the unlock screen, built after the first paint -----------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._warming:
            self._warming = True
            QTimer.singleShot(0, self._warm_up)

    def _warm_up(self) -> None:
        """Load the pages' modules off the GUI thread, then build the pages on it."""
        if self._area is None:
            run_task(self, import_area_modules, lambda _result, _error: self._ensure_area())

    def _ensure_area(self) -> MainArea:
        if self._area is None:
            self._area = self._build_area()
            self.pages.addWidget(self._area)
        return self._area

    @property
    def area(self) -> MainArea:
        return self._ensure_area()

    def findChild(self, *args: Any, **kwargs: Any) -> Any:  # noqa: N802
        """Every widget of the window, the pages' too: looking one up builds them."""
        self._ensure_area()
        return super().findChild(*args, **kwargs)

    def findChildren(self, *args: Any, **kwargs: Any) -> Any:  # noqa: N802
        self._ensure_area()
        return super().findChildren(*args, **kwargs)

    @property
    def my_data(self) -> MyDataPage:
        self._ensure_area()
        return self._my_data

    @property
    def settings_page(self) -> SettingsPage:
        self._ensure_area()
        return self._settings_page

    @property
    def activity(self) -> ActivityPage:
        self._ensure_area()
        return self._activity

    @property
    def brands_page(self) -> BrandsPage:
        self._ensure_area()
        return self._brands_page

    @property
    def shared_page(self) -> SharedPage:
        self._ensure_area()
        return self._shared_page

    def _build_area(self) -> MainArea:
        from .pages.activity import ActivityPage
        from .pages.brands import BrandsPage
        from .pages.my_data import MyDataPage
        from .pages.settings_page import SettingsPage
        from .pages.shared import SharedPage

        self._my_data = MyDataPage(self.session)
        self._settings_page = SettingsPage(self.session, self.settings)
        self._settings_page.language_changed.connect(self.switch_language)
        self._settings_page.idle_minutes_changed.connect(
            lambda minutes: self.idle.start(minutes * 60_000)
        )
        self._activity = ActivityPage(self.session)
        self._brands_page = BrandsPage(self.session)
        self._shared_page = SharedPage(self.session)
        return MainArea([self._my_data, self._brands_page, self._shared_page, self._activity,
                         self._settings_page])

    def switch_language(self, setting: str) -> None:
        """Install the language and rebuild every screen in it; the vault stays open."""
        i18n.install(i18n.resolve(setting))
        if self.session.is_open:  # the welcome screens wait behind the pages: rebuild them too
            welcome, self.welcome = self.welcome, WelcomeStack(self.directory, self.settings)
            self.welcome.opened.connect(self._on_opened)
            self.pages.insertWidget(0, self.welcome)
            self.pages.removeWidget(welcome)
            welcome.deleteLater()
        old = self._area
        if old is None:  # not built yet: it will be, in the new language
            self._retranslate()
            return
        row = old.sidebar.currentRow()
        self._area = self._build_area()
        self.pages.insertWidget(1, self._area)
        if self.pages.currentWidget() is old:
            self.pages.setCurrentWidget(self._area)
        self.pages.removeWidget(old)
        old.deleteLater()
        self._area.sidebar.setCurrentRow(row)
        self._retranslate()
        if self.session.is_open:
            for page in self.area.pages:
                page.reload()

    def _show_flush_failure(self, error: BaseException) -> None:
        self._show_delivery_problem(self.tr(
            "Could not deliver to brands: {0} Trying again every few seconds."
        ).format(strings.error_message(error)))

    def _show_flush_report(self, report: FlushReport) -> None:
        if report.errors:
            self._show_delivery_problem(self.tr(
                "Some messages were not delivered because of an error in this app. They "
                "will be tried again."))
        else:
            self.delivery_problem.hide()

    def _show_delivery_problem(self, text: str) -> None:
        self.delivery_problem.setText(text)
        self.delivery_problem.setToolTip(text)  # in full, should the bar cut it short
        self.delivery_problem.show()

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
        self._ensure_area()  # its pages listen for what the opening session loads
        self.session.open(vault)
        self.lock_action.setEnabled(True)
        self.toolbar.show()
        self.pages.setCurrentWidget(self.area)
        self.status.setText(self.tr("Unlocked"))
        self.idle.start(self.settings.get(IDLE_LOCK_MINUTES) * 60_000)
        self.my_data.search.setFocus()

    def lock(self) -> None:
        """Drop the key and close the database, take back a secret still on the clipboard,
        then show the unlock screen."""
        self.idle.stop()
        self.session.lock()
        self.welcome.lock()
        secret_clipboard().clear()
        self._show_locked()

    @property
    def is_re_keying(self) -> bool:
        """A re-key runs (the vault locks when it is done): the app waits for it to quit."""
        return self.session.is_re_keying or self.welcome.is_re_keying

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
