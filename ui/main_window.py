"""The main window: welcome (create or unlock), then a sidebar of pages over the vault."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget, QToolBar, QWidget

from . import i18n
from .delivery_problem import DeliveryProblemLabel
from .delivery_waiting import DeliveryWaitingLabel
from .icons import Colours, Glyph, draw_ahead, drawn, icon, palette_colours
from .idle import IdleWatcher
from .leaks.notice import LeakNotice
from .leaks.watch import LeakWatch
from .page_slots import (
    ACTIVITY,
    BRANDS,
    BUTTON_GLYPHS,
    MY_DATA,
    PAGE_CLASSES,
    SETTINGS,
    SHARED,
    SIDEBAR_GLYPHS,
    SLOTS,
    area_modules_loaded,
    import_area_modules,
    page_titles,
)
from .preferences import IDLE_LOCK_MINUTES, Settings
from .session import Session
from .sync.status_label import SyncStatusLabel
from .sync.watch import SyncWatch
from .tasks import run_task
from .turns import later
from .unlock_page import WelcomeStack
from .vault_news import VaultNews
from .widgets import named
from .widgets.clipboard import secret_clipboard
from .widgets.focus import install_focus_rings

if TYPE_CHECKING:
    from vault.vault import Vault

    from .activity.page import ActivityPage
    from .brands.page import BrandsPage
    from .fields.page import MyDataPage
    from .main_area import MainArea
    from .settings.page import SettingsPage
    from .shared.page import SharedPage
    from .widgets.page import Page

class MainWindow(QMainWindow):
    def __init__(self, directory: Path, settings: Settings | None = None) -> None:
        super().__init__()
        install_focus_rings()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Zero-Party Vault"))
        self.resize(960, 640)
        self.settings = settings or Settings()
        self.directory = directory
        self.session = Session()
        self.welcome = self._make_welcome()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self._area: MainArea | None = None  # built on the first unlock
        self._after_import: list[Callable[[], object]] = []  # once the modules are loaded
        self._preparing = False
        self._opening: Vault | None = None  # unlocked, its pages' modules still loading
        self._welcome_stale = False  # in the language before a switch, until rebuilt
        self.setCentralWidget(self.pages)

        self.toolbar = toolbar = named(QToolBar(self.tr("Vault")), "mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)  # words too
        self.lock_action = named(QAction(self.tr("Lock"), self), "lockAction")
        self.lock_action.setIcon(icon(Glyph.LOCK))
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.setToolTip(self.tr("Lock the vault (Ctrl+L)"))
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)
        toolbar.addAction(self.lock_action)
        self.addToolBar(toolbar)
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.setObjectName("helpMenu")
        self.about_action = named(QAction(self.tr("&About Zero-Party Vault"), self), "aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.shortcuts_action = named(QAction(self.tr("&Keyboard shortcuts"), self),
                                      "shortcutsAction")
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)
        self.status = named(QLabel(), "statusLabel")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status, 1)
        self.session.failed.connect(self.status.setText)
        self.delivery_problem = DeliveryProblemLabel(self.session)
        self.statusBar().addWidget(self.delivery_problem, 3)
        self.delivery_waiting = DeliveryWaitingLabel(self.session)
        self.statusBar().addWidget(self.delivery_waiting, 2)
        # The mailbox watched for leaks while the vault is open; a leak found shows here.
        self.leak_watch = LeakWatch(self.session)
        self.leak_notice = LeakNotice(self.session, self.leak_watch)
        self.statusBar().addWidget(self.leak_notice, 3)
        # The synced folder watched while the vault is open; where sync stands shows here.
        self.sync_watch = SyncWatch(self.session)
        self.sync_status = SyncStatusLabel(self.sync_watch)
        self.statusBar().addPermanentWidget(self.sync_status)

        self.news = VaultNews(self, self.session)  # locked, unlocked, delivered: announced
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        self._show_locked()

    def _make_welcome(self) -> WelcomeStack:
        welcome = WelcomeStack(self.directory, self.settings, prepare=import_area_modules)
        welcome.opened.connect(self._on_opened)
        welcome.unlocking.connect(self._prepare_area)
        return welcome

    # -- the pages behind the unlock screen: each built when first shown -----------------

    def _prepare_area(self) -> None:
        """While the person types and the key is derived: load the pages' modules off the
        GUI thread, then build the page an unlock shows first (one turn of the event loop),
        so that opening the vault only has to show it."""
        if self._preparing:
            return  # every keystroke asks; once is enough
        self._preparing = True
        self._load_area_modules(lambda: later(self, self._build_area_then_first_page))

    def _build_area_then_first_page(self) -> None:
        """The sidebar in one turn, the page shown first in the next (neither in the turn of
        the click that started the unlock): together they held the GUI thread for over 20 ms
        on a busy machine."""
        self._ensure_area()
        later(self, lambda: self._build_page(self._shown_slot()))

    def _load_area_modules(self, then: Callable[[], object]) -> None:
        """Import the pages' modules and draw the sidebar's icons on a worker thread (once),
        then call `then` here."""
        colours = palette_colours()
        if area_modules_loaded() and drawn(SIDEBAR_GLYPHS, colours):
            then()
            self._draw_button_icons_ahead(colours)
            return
        self._after_import.append(then)
        if len(self._after_import) > 1:
            return  # already importing

        def prepare() -> None:
            import_area_modules()
            draw_ahead(SIDEBAR_GLYPHS, colours)

        def loaded(_result: object, error: BaseException | None) -> None:
            if error is not None:
                raise error  # a broken installation: the same error as a direct import
            waiting, self._after_import = self._after_import, []
            for call in waiting:
                call()
            self._draw_button_icons_ahead(colours)

        run_task(self, prepare, loaded)

    def _draw_button_icons_ahead(self, colours: Colours) -> None:
        """The pages' buttons' icons, drawn on a worker while the first page shows: drawn
        when a page is first built, they took 11 ms of the turn that built Brands. (One
        that does not draw raises again where it is shown.)"""
        if not drawn(BUTTON_GLYPHS, colours):
            run_task(self, lambda: draw_ahead(BUTTON_GLYPHS, colours), lambda _r, _e: None)

    def _ensure_area(self) -> MainArea:
        if self._area is None:
            from .main_area import MainArea

            self._area = MainArea(page_titles(), self._build_page)
            self.pages.addWidget(self._area)
        return self._area

    def _build_page(self, slot: int) -> Page:
        """The page of `slot`, built now if it was not yet (when first shown or looked up)."""
        area = self._ensure_area()
        page = area.page_at(slot)
        if page is None:
            page = self._make_page(slot)
            area.place(slot, page)
            if self.session.is_open:  # built after the vault opened: load what it shows
                page.reload()
        return page

    def _build_all(self) -> MainArea:
        area = self._ensure_area()
        for slot in range(SLOTS):
            self._build_page(slot).build_all()
        return area

    def _make_page(self, slot: int) -> Page:
        module, name = PAGE_CLASSES[slot]
        cls = getattr(importlib.import_module(module), name)
        if slot != SETTINGS:
            return cls(self.session)  # type: ignore[no-any-return]
        page = cls(self.session, self.settings)
        page.language_changed.connect(self.switch_language)
        page.idle_minutes_changed.connect(lambda minutes: self.idle.start(minutes * 60_000))
        self.leak_watch.status_changed.connect(page.show_watch_status)
        if self.leak_watch.status is not None:
            page.show_watch_status(self.leak_watch.status)
        page.devices.attach(self.sync_watch)
        return page  # type: ignore[no-any-return]

    @property
    def pages_built(self) -> int:
        """How many of the area's pages exist so far."""
        return 0 if self._area is None else len(self._area.pages)

    @property
    def area(self) -> MainArea:
        """The area with every page built (for tests and tools; the app builds them lazily)."""
        return self._build_all()

    def findChild(self, *args: Any, **kwargs: Any) -> Any:  # noqa: N802
        """Every widget of the window, every screen's and page's: looking one up builds them
        (tests and tools look widgets up by name; the app itself never does)."""
        self.welcome.build_all()
        self._build_all()
        return super().findChild(*args, **kwargs)

    def findChildren(self, *args: Any, **kwargs: Any) -> Any:  # noqa: N802
        self.welcome.build_all()
        self._build_all()
        return super().findChildren(*args, **kwargs)

    @property
    def my_data(self) -> MyDataPage:
        return self._build_page(MY_DATA)  # type: ignore[return-value]

    @property
    def brands_page(self) -> BrandsPage:
        return self._build_page(BRANDS)  # type: ignore[return-value]

    @property
    def shared_page(self) -> SharedPage:
        return self._build_page(SHARED)  # type: ignore[return-value]

    @property
    def activity(self) -> ActivityPage:
        return self._build_page(ACTIVITY)  # type: ignore[return-value]

    @property
    def settings_page(self) -> SettingsPage:
        return self._build_page(SETTINGS)  # type: ignore[return-value]

    def switch_language(self, setting: str) -> None:
        """Install the language and rebuild every screen in it; the vault stays open. The
        page shown is rebuilt at once, out of sight, and shown in a later turn of the event
        loop (built and laid out in one turn, it held the GUI thread past 50 ms); the other
        pages are built when first shown, the screens behind the unlock one a turn later."""
        i18n.install(i18n.resolve(setting))
        self._welcome_stale = self.session.is_open  # shown, it is rebuilt with the rest
        old = self._area
        if old is None:  # not built yet: it will be, in the new language
            self._rebuild_welcome()
            self._retranslate()
            return
        shown = self._shown_slot()
        self._area = None
        area = self._ensure_area()
        area.show_slot(shown)  # built now, in a stack not shown yet; the others when shown
        later(self, lambda: self._replace_area(old, area))

    def _replace_area(self, old: MainArea, area: MainArea) -> None:
        if self.pages.currentWidget() is old:
            self.pages.setCurrentWidget(area)
        self._discard(old)
        self._retranslate()
        later(self, self._rebuild_welcome)

    def _rebuild_welcome(self) -> None:
        """The welcome screens in the language installed since they were built."""
        if not self._welcome_stale:
            return
        self._welcome_stale = False
        welcome, self.welcome = self.welcome, self._make_welcome()
        self.pages.insertWidget(0, self.welcome)
        self._discard(welcome)

    def _discard(self, screen: QWidget) -> None:
        """Out of the window at once (a lookup by name no longer finds it); deleted later."""
        self.pages.removeWidget(screen)
        screen.hide()
        screen.setParent(None)
        screen.deleteLater()

    @property
    def switching_language(self) -> bool:
        """A language switch is not over yet: some screens still show the language before."""
        return self._welcome_stale

    def _shown_slot(self) -> int:
        return MY_DATA if self._area is None else self._area.shown_slot()

    def show_shortcuts(self) -> None:
        from .shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_about(self) -> None:
        from .about import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Zero-Party Vault"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About Zero-Party Vault"))
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))
        self.lock_action.setText(self.tr("Lock"))
        self.lock_action.setToolTip(self.tr("Lock the vault (Ctrl+L)"))
        self.status.setText(self.tr("Unlocked") if self.session.is_open else self.tr("Locked"))

    @property
    def vault(self) -> Vault | None:
        return self.session.vault

    def open_vault(self, vault: Vault) -> None:
        """Show an already unlocked vault at once (the demo starts this way, before the event
        loop runs): the pages' modules are imported here if they are not yet."""
        import_area_modules()
        self._opening = vault
        self._show_area(vault)
        self._open_session(vault)

    def _on_opened(self, vault: Vault) -> None:
        self.directory = self.welcome.directory  # a vault joined elsewhere is unlocked there
        self._opening = vault  # locked, should the window lock or close before it shows
        self._load_area_modules(lambda: self._show_area(vault, open_later=True))

    def _show_area(self, vault: Vault, *, open_later: bool = False) -> None:
        """Show the page an unlock shows first. With `open_later`, the session opens (and the
        pages start loading) in a later turn of the event loop, so the empty page is painted
        in one turn and filled in another, not both in one."""
        if self._opening is not vault:
            return  # locked meanwhile
        area = self._ensure_area()
        shown = area.shown_slot()
        area.show_slot(shown)  # built before opening: it listens for what opening loads
        self.toolbar.show()
        self.pages.setCurrentWidget(area)
        if shown == MY_DATA:
            self.my_data.search.setFocus()
        if open_later:
            later(self, lambda: self._open_session(vault))

    def _open_session(self, vault: Vault) -> None:
        if self._opening is not vault:
            return  # locked meanwhile
        self._opening = None
        self.session.open(vault)
        self.lock_action.setEnabled(True)
        self.status.setText(self.tr("Unlocked"))
        self.idle.start(self.settings.get(IDLE_LOCK_MINUTES) * 60_000)

    def lock(self) -> None:
        """Drop the key and close the database, take back a secret still on the clipboard,
        then show the unlock screen. A question still open is answered No and closed: over
        the lock screen it would show what the lock hides."""
        self.idle.stop()
        for question in self.findChildren(QMessageBox):
            question.reject()
        opening, self._opening = self._opening, None
        if opening is not None and not opening.is_locked:
            opening.lock()
        self.session.lock()
        self.welcome.lock()
        secret_clipboard().clear()
        self._show_locked()
        self.welcome.unlock_page.show_stopped(self.session.take_stopped_by_lock())

    @property
    def is_re_keying(self) -> bool:
        """A re-key runs (the vault locks when it is done): the app waits for it to quit."""
        return self.session.is_re_keying or self.welcome.is_re_keying

    def _show_locked(self) -> None:
        self._rebuild_welcome()  # a language switch not over yet: in the language chosen
        self.lock_action.setEnabled(False)
        self.toolbar.hide()
        self.pages.setCurrentWidget(self.welcome)
        if self.welcome.currentWidget() is self.welcome.unlock_page:
            self.welcome.show_unlock()
        self.status.setText(self.tr("Locked"))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.lock()
        super().closeEvent(event)
