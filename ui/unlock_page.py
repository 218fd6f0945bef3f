"""Unlock with the passphrase or the recovery code; the welcome stack that picks the screen."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QStackedWidget, QWidget

from vault.storage.locations import header_path

from . import style
from .announce import announce
from .style import Tone
from .tasks import run_task
from .widgets import named
from .widgets.layout import Busy, card, display_path, error_label, title

if TYPE_CHECKING:
    from vault.vault import Vault

    from .first_run import CreatePage
    from .join_page import JoinPage
    from .new_passphrase_page import NewPassphrasePage
    from .preferences import Settings
    from .recovery_code import RecoveryCodePage
    from .tour_page import TourPage

# The unlock screen paints, and the app settles, before any of the vault's modules (or the
# create, recovery-code and new-passphrase screens, or the words for errors) load: they
# load when needed.


class UnlockPage(QWidget):
    unlocked = Signal(object)  # Vault
    recovered = Signal(object)  # Vault, opened with the recovery code: a passphrase is next
    unlocking = Signal()  # the person typed, or asked to unlock: load what opening needs

    def __init__(self, directory: Path, prepare: Callable[[], None] | None = None) -> None:
        """`prepare` runs on the worker thread after a successful unlock, before `unlocked`
        (the main window loads its pages' modules there, off the GUI thread)."""
        super().__init__()
        self._directory = directory
        self._prepare = prepare
        self._used_code = False
        layout = card(self)
        layout.addWidget(title(self.tr("Unlock your vault")))
        self.where = QLabel(display_path(directory))
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setStyleSheet(style.text_css(Tone.MUTED))
        layout.addWidget(self.where)
        self.notice = named(QLabel(), "unlockNotice")  # what the last lock stopped
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(style.text_css(Tone.WARNING))
        self.notice.hide()
        layout.addWidget(self.notice)
        self.secret = named(QLineEdit(), "unlockSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Passphrase"))
        self.secret.setPlaceholderText(self.tr("Passphrase"))
        self.secret.returnPressed.connect(self._unlock)
        self.secret.textChanged.connect(lambda text: self.unlocking.emit() if text else None)
        layout.addWidget(self.secret)
        self.use_code = named(QCheckBox(
            self.tr("I forgot it: use my recovery code")
        ), "useRecoveryCode")
        self.use_code.toggled.connect(self._switch_mode)
        layout.addWidget(self.use_code)
        self.error = error_label("unlockError")
        layout.addWidget(self.error)
        self.rollback_button = named(QPushButton(
            self.tr("I restored an older copy on purpose: open it"),
        ), "acceptRollbackButton")
        self.rollback_button.clicked.connect(lambda: self._unlock(accept_rollback=True))
        self.rollback_button.hide()
        layout.addWidget(self.rollback_button, alignment=Qt.AlignmentFlag.AlignRight)
        self.busy = Busy()
        layout.addWidget(self.busy)
        self.unlock_button = named(QPushButton(self.tr("Unlock")), "unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        layout.addWidget(self.unlock_button, alignment=Qt.AlignmentFlag.AlignRight)

    def focus(self) -> None:
        self.secret.setFocus()

    def show_stopped(self, stopped: list[str]) -> None:
        """Say what the lock stopped (nothing: the last such notice goes)."""
        self.notice.setText("\n".join(stopped))
        self.notice.setVisible(bool(stopped))
        if stopped:
            announce(self.notice, self.notice.text())  # after "Vault locked"

    def point_at(self, directory: Path) -> None:
        """Unlock the vault in `directory` from now on (a vault joined there)."""
        self._directory = directory
        self.where.setText(display_path(directory))

    def _switch_mode(self, use_code: bool) -> None:
        self.secret.clear()
        self.error.hide()  # said of the other secret: stale now
        self.rollback_button.hide()
        self.secret.setEchoMode(
            QLineEdit.EchoMode.Normal if use_code else QLineEdit.EchoMode.Password
        )
        self.secret.setPlaceholderText(
            self.tr("Recovery code, e.g. ABCDE-12345-...") if use_code else self.tr("Passphrase")
        )

    def _unlock(self, *, accept_rollback: bool = False) -> None:
        self.error.hide()
        self.rollback_button.hide()
        secret = self.secret.text()
        if not secret:
            return
        directory = self._directory
        use_code = self.use_code.isChecked()
        self._used_code = use_code
        prepare = self._prepare

        def work() -> Vault:
            # Imported here, off the GUI thread: the unlock screen paints before the
            # vault's modules load.
            from vault.vault import Vault

            if use_code:
                vault = Vault.unlock_with_recovery_code(
                    directory, secret, accept_rollback=accept_rollback
                )
            else:
                vault = Vault.unlock(directory, secret, accept_rollback=accept_rollback)
            if prepare is not None:
                with contextlib.suppress(ImportError):  # the GUI thread meets it again
                    prepare()
            return vault

        self.unlocking.emit()
        self._set_busy(True)
        run_task(self, work, self._done)

    def _done(self, result: object, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is not None:
            from .words.errors import error_text

            self.error.setText(error_text(error))
            self.error.show()
            from vault.errors import VaultRolledBack

            # An older copy of the vault: open it only if the person says it is on purpose.
            self.rollback_button.setVisible(isinstance(error, VaultRolledBack))
            self.secret.selectAll()
            self.secret.setFocus()
            return
        self.secret.clear()
        self.show_stopped([])
        if self._used_code:
            self.use_code.setChecked(False)
            self.recovered.emit(result)
        else:
            self.unlocked.emit(result)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.secret, self.use_code, self.unlock_button):
            widget.setEnabled(not busy)


class WelcomeStack(QStackedWidget):
    """Create-or-unlock, whichever the directory calls for; after an unlock with the
    recovery code, a new passphrase. Only the screen shown first is built at once; the
    others when first needed."""

    opened = Signal(object)  # Vault
    unlocking = Signal()

    def __init__(
        self, directory: Path, settings: Settings, prepare: Callable[[], None] | None = None
    ) -> None:
        super().__init__()
        self._directory = directory
        self._settings = settings
        self._prepare = prepare
        self._create_page: CreatePage | None = None
        self._join_page: JoinPage | None = None
        self._code_page: RecoveryCodePage | None = None
        self._passphrase_page: NewPassphrasePage | None = None
        self.unlock_page = UnlockPage(directory, prepare)
        self.addWidget(self.unlock_page)
        self._pending: Vault | None = None
        self.unlock_page.unlocked.connect(self.opened)
        self.unlock_page.recovered.connect(self._on_recovered)
        self.unlock_page.unlocking.connect(self.unlocking)
        exists = header_path(directory).is_file()  # Vault.exists, without loading the vault
        self._tour_page: TourPage | None = None
        self.setCurrentWidget(self.unlock_page if exists else self.tour_page)

    @property
    def create_page(self) -> CreatePage:
        if self._create_page is None:
            from .first_run import CreatePage

            self._create_page = CreatePage(self._directory)
            self._create_page.created.connect(self._on_created)
            self._create_page.join_requested.connect(self.show_join)
            self.addWidget(self._create_page)
        return self._create_page

    @property
    def tour_page(self) -> TourPage:
        """Before a first vault is made: three screens, skippable, then the create screen."""
        if self._tour_page is None:
            from .tour_page import TourPage

            self._tour_page = TourPage()
            self._tour_page.finished.connect(self.show_create)
            self.addWidget(self._tour_page)
        return self._tour_page

    def show_create(self) -> None:
        self.setCurrentWidget(self.create_page)
        self.create_page.passphrase.setFocus()

    @property
    def join_page(self) -> JoinPage:
        if self._join_page is None:
            from .join_page import JoinPage

            self._join_page = JoinPage(self._directory, self._prepare)
            self._join_page.joined_into.connect(self._joined_into)
            self._join_page.joined.connect(self._on_joined)
            self._join_page.cancelled.connect(self._join_cancelled)
            self._join_page.unlocking.connect(self.unlocking)
            self.addWidget(self._join_page)
        return self._join_page

    @property
    def code_page(self) -> RecoveryCodePage:
        if self._code_page is None:
            from .recovery_code import RecoveryCodePage

            self._code_page = RecoveryCodePage(self._settings)
            self._code_page.confirmed.connect(self._on_code_confirmed)
            self.addWidget(self._code_page)
        return self._code_page

    @property
    def passphrase_page(self) -> NewPassphrasePage:
        if self._passphrase_page is None:
            from .new_passphrase_page import NewPassphrasePage

            self._passphrase_page = NewPassphrasePage()
            self._passphrase_page.passphrase_set.connect(self._on_passphrase_set)
            self._passphrase_page.cancelled.connect(self.show_unlock)
            self.addWidget(self._passphrase_page)
        return self._passphrase_page

    def build_all(self) -> None:
        """Build every screen now (for tests and tools that look widgets up by name)."""
        _ = (self.tour_page, self.create_page, self.join_page, self.code_page,
             self.passphrase_page)

    def show_join(self) -> None:
        self.setCurrentWidget(self.join_page)
        self.join_page.focus()

    def show_unlock(self) -> None:
        self.setCurrentWidget(self.unlock_page)
        self.unlock_page.focus()

    def lock(self) -> None:
        """Lock whatever vault these screens hold (a new one before its code was confirmed,
        one opened with the recovery code before its new passphrase) and show the unlock."""
        if self._passphrase_page is not None:
            self._passphrase_page.discard()
        vault, self._pending = self._pending, None
        if self._code_page is not None:
            self._code_page.forget()
        if vault is not None and not vault.is_locked:
            vault.lock()
        self.show_unlock()

    @property
    def is_re_keying(self) -> bool:
        return self._passphrase_page is not None and self._passphrase_page.is_busy

    def _on_created(self, vault: Vault, code: str) -> None:
        self._pending = vault
        self.code_page.show_code(code)
        self.setCurrentWidget(self.code_page)

    def _on_joined(self, vault: Vault, new_code: str | None) -> None:
        if new_code is None:
            self.opened.emit(vault)
        else:  # the vault had no recovery code to share: this computer's, shown once
            self._on_created(vault, new_code)

    @property
    def directory(self) -> Path:
        return self._directory

    def _joined_into(self, directory: Path) -> None:
        """This computer's copy was put elsewhere than the app's usual place: unlocking
        (after a lock) opens it there, for as long as the app runs."""
        self._directory = directory
        self.unlock_page.point_at(directory)

    def _join_cancelled(self) -> None:
        self.setCurrentWidget(self.create_page)

    def _on_recovered(self, vault: Vault) -> None:
        self.passphrase_page.start(vault)
        self.setCurrentWidget(self.passphrase_page)

    def _on_passphrase_set(self, vault: Vault, new_code: str | None) -> None:
        if new_code is None:
            self.opened.emit(vault)
        else:
            self._on_created(vault, new_code)

    def _on_code_confirmed(self) -> None:
        vault, self._pending = self._pending, None
        if vault is not None:
            self.opened.emit(vault)
