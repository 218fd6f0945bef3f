"""After an unlock with the recovery code: choose a new passphrase at once.

Setting it re-keys the vault (off the GUI thread, with a busy bar): the forgotten
passphrase, and old copies of the key file with it, stop opening it. Locking instead
closes the vault again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from vault.errors import WeakPassphrase

from .passphrase_form import FormNames, PassphraseForm
from .tasks import run_task
from .widgets import named
from .widgets.layout import Busy, card, error_label, title
from .words.errors import error_text

if TYPE_CHECKING:
    from vault.vault import Vault


class NewPassphrasePage(QWidget):
    passphrase_set = Signal(object, object)  # (Vault, a new recovery code or None)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._vault: Vault | None = None
        self._busy = False
        self._lock_when_done = False
        layout = card(self)
        layout.addWidget(title(self.tr("Choose a new passphrase")))
        intro = QLabel(self.tr(
            "You opened your vault with its recovery code. Choose a new passphrase now: your "
            "vault is re-encrypted under a new key, and the old passphrase stops opening it. "
            "Your recovery code keeps working."
        ))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = PassphraseForm(FormNames(
            "recoveryNewPassphrase", "recoveryRepeatPassphrase", "recoveryStrengthMeter",
            "recoveryStrengthHint", "recoveryShowPassphrase",
        ))
        layout.addWidget(self.form)
        self.error = error_label("recoveryPassphraseError")
        layout.addWidget(self.error)
        self.status = named(QLabel(), "recoveryPassphraseStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.busy = Busy()
        self.busy.setAccessibleName(self.tr("Re-encrypting your vault"))
        layout.addWidget(self.busy)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.cancel_button = named(QPushButton(self.tr("Lock instead")), "recoveryLockButton")
        self.cancel_button.clicked.connect(self._cancel)
        self.set_button = named(QPushButton(
            self.tr("Set passphrase")
        ), "setPassphraseButton")
        self.set_button.setDefault(True)
        self.set_button.clicked.connect(self._set)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.set_button)
        layout.addLayout(buttons)
        self.form.submitted.connect(self._set)
        self.form.edited.connect(self.error.hide)

    def start(self, vault: Vault) -> None:
        self._vault = vault
        self._lock_when_done = False
        self.form.clear()
        self.error.hide()
        self.status.clear()
        self.form.focus()

    def discard(self) -> None:
        """The window locks or closes: lock the vault (once a re-key under way has finished)."""
        self.form.clear()
        if self._busy:
            self._lock_when_done = True
            return
        vault, self._vault = self._vault, None
        if vault is not None and not vault.is_locked:
            vault.lock()

    @property
    def is_busy(self) -> bool:
        return self._busy

    def _set(self) -> None:
        vault = self._vault
        if vault is None or self._busy:
            return
        self.error.hide()
        if self.form.passphrase.text() and not self.form.repeat.text():
            self._show_error(self.tr("Type the passphrase again under Repeat."))
            self.form.repeat.setFocus()
            return
        if not self.form.matches():
            self._show_error(self.tr("The two passphrases differ."))
            return
        passphrase = self.form.passphrase.text()
        self._set_busy(True)
        self.status.setText(self.tr("Re-encrypting your vault under a new key..."))
        run_task(self, lambda: vault.change_passphrase(passphrase), self._finished)

    def _finished(self, result: object, error: BaseException | None) -> None:
        self._set_busy(False)
        self.status.clear()
        if self._lock_when_done:
            self.discard()
            return
        vault = self._vault
        if error is not None or vault is None:
            self._show_error(error_text(error) if error else "")
            if isinstance(error, WeakPassphrase):
                self.form.said_weak()
            return
        self._vault = None
        self.form.clear()
        self.passphrase_set.emit(vault, result)

    def _cancel(self) -> None:
        if self._busy:
            return
        self.discard()
        self.cancelled.emit()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        for widget in (self.form, self.set_button, self.cancel_button):
            widget.setEnabled(not busy)
