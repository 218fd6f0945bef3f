"""Settings: change the passphrase, make a new recovery code. Each re-keys the vault.

A re-key re-encrypts the whole database under a new key, which takes a while on a large
vault: it runs through `Session.change_secret` (off the GUI thread, a lock meanwhile
waits for it) under a busy bar, with the buttons disabled until it is done.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vault.vault import Vault

from .. import style
from ..preferences import Settings
from ..recovery_code import RecoveryCodeDialog
from ..session import Session
from ..style import Tone
from ..widgets import named, plain_label
from ..widgets.layout import Busy
from ..words.errors import error_text

AskPassphrase = Callable[[QWidget], "str | None"]


def _tr(text: str) -> str:
    # The Settings page's words (some were on it before this section was split off).
    return QCoreApplication.translate("SettingsPage", text)


class PassphrasePrompt(QDialog):
    """Asks for the passphrase before a new recovery code is made; Cancel is the default."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newRecoveryCodePrompt")
        self.setWindowTitle(_tr("Make a new recovery code"))
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_tr(
            "Your current recovery code will stop working, and your vault is re-encrypted "
            "under a new key. The new code is shown once: have a pen or a printer ready. "
            "Enter your passphrase to go on."
        )))
        self.passphrase = named(QLineEdit(), "promptPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_tr("Passphrase"))
        layout.addWidget(self.passphrase)
        buttons = QDialogButtonBox()
        make = buttons.addButton(_tr("Make a new code"), QDialogButtonBox.ButtonRole.AcceptRole)
        make.setObjectName("promptMakeButton")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("promptCancelButton")
        cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def ask_passphrase(parent: QWidget) -> str | None:
    """The passphrase typed into a `PassphrasePrompt`, or None when it was cancelled."""
    prompt = PassphrasePrompt(parent)
    accepted = prompt.exec() == QDialog.DialogCode.Accepted
    text = prompt.passphrase.text()
    prompt.deleteLater()
    return text if accepted and text else None


class SecretsSection(QWidget):
    def __init__(self, session: Session, settings: Settings) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        # Kept as an attribute so tests can answer it directly.
        self.ask_passphrase: AskPassphrase = ask_passphrase
        self.code_dialog: RecoveryCodeDialog | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._passphrase())
        column.addWidget(self._recovery())
        self.busy = Busy()
        self.busy.setObjectName("secretsBusy")
        self.busy.setAccessibleName(_tr("Re-encrypting your vault"))
        column.addWidget(self.busy)
        self.message = plain_label("", "secretsMessage")
        column.addWidget(self.message)

    def _passphrase(self) -> QGroupBox:
        box = QGroupBox(_tr("Passphrase"))
        column = QVBoxLayout(box)
        column.addWidget(plain_label(_tr(
            "Your vault is re-encrypted under a new key, so old copies of its key file and old "
            "backups open only what they held, and only with the old passphrase. This can "
            "take a minute on a large vault. Your recovery code keeps working."
        )))
        form = QFormLayout()
        self.current = self._secret_box("currentPassphrase", _tr("Current passphrase"))
        self.new = self._secret_box("settingsNewPassphrase", _tr("New passphrase"))
        self.repeat = self._secret_box("settingsRepeatPassphrase", _tr("Repeat it"))
        form.addRow(_tr("Current"), self.current)
        form.addRow(_tr("New"), self.new)
        form.addRow(_tr("Repeat"), self.repeat)
        self.change = named(QPushButton(_tr("Change passphrase")), "changePassphrase")
        self.change.clicked.connect(self._change_passphrase)
        form.addRow("", self.change)
        column.addLayout(form)
        return box

    def _recovery(self) -> QGroupBox:
        box = QGroupBox(_tr("Recovery code"))
        column = QVBoxLayout(box)
        column.addWidget(plain_label(_tr(
            "Lost your recovery code, or someone may have seen it? Make a new one: the old "
            "code stops working, and your vault is re-encrypted under a new key."
        )))
        self.new_code = named(QPushButton(
            _tr("Make a new recovery code...")
        ), "newRecoveryCodeButton")
        self.new_code.clicked.connect(self._make_new_code)
        column.addWidget(self.new_code, alignment=Qt.AlignmentFlag.AlignLeft)
        return box

    def _secret_box(self, name: str, accessible: str) -> QLineEdit:
        box = named(QLineEdit(), name)
        box.setEchoMode(QLineEdit.EchoMode.Password)
        box.setAccessibleName(accessible)
        return box

    def clear(self) -> None:
        """The vault locked: forget what was typed, and a code on show."""
        for box in (self.current, self.new, self.repeat):
            box.clear()
        self.message.clear()
        dialog, self.code_dialog = self.code_dialog, None
        if dialog is not None:
            dialog.discard()
            dialog.deleteLater()
        self._set_busy(False)

    # -- actions ------------------------------------------------------------------

    def _change_passphrase(self) -> None:
        current, new = self.current.text(), self.new.text()
        if new != self.repeat.text():
            self._say(_tr("The two new passphrases differ."), error=True)
            return

        def work(vault: Vault) -> str | None:
            vault.check_passphrase(current)
            return vault.change_passphrase(new)

        def done(code: str | None) -> None:
            self._set_busy(False)
            for box in (self.current, self.new, self.repeat):
                box.clear()
            if code is None:
                self._say(_tr(
                    "Passphrase changed, and your vault re-encrypted under a new key. Your "
                    "recovery code still works."
                ))
            else:
                self._say(_tr(
                    "Passphrase changed, and your vault re-encrypted under a new key. Its old "
                    "recovery code could not be kept: write down the new one."
                ))
                self._show_code(code)

        self._start(work, done)

    def _make_new_code(self) -> None:
        passphrase = self.ask_passphrase(self)
        if passphrase is None:
            return

        def done(code: str) -> None:
            self._set_busy(False)
            self._say(_tr("New recovery code made. The old one no longer opens your vault."))
            self._show_code(code)

        self._start(lambda vault: vault.new_recovery_code(passphrase), done)

    def _start(self, work: Callable[[Vault], object], done: Callable[..., None]) -> None:
        self._set_busy(True)
        self._say(_tr("Re-encrypting your vault under a new key..."))

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            self._say(error_text(error), error=True)

        self.session.change_secret(work, done, failed=failed, owner=self)

    def _show_code(self, code: str) -> None:
        # Not modal: Ctrl+L (an application shortcut) must lock from it too, and a modal
        # dialog would block the main window's shortcuts. The buttons wait for it instead.
        self.code_dialog = RecoveryCodeDialog(code, self.settings, self)
        self.code_dialog.finished.connect(self._code_dialog_closed)
        self._set_busy(False, waiting=True)
        self.code_dialog.show()

    def _code_dialog_closed(self) -> None:
        dialog, self.code_dialog = self.code_dialog, None
        self._set_busy(False)
        if dialog is not None:
            dialog.deleteLater()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(style.text_css(Tone.ERROR) if error else "")
        self.message.setText(text)

    def _set_busy(self, busy: bool, *, waiting: bool = False) -> None:
        """Busy: a re-key runs (bar shown). Waiting: a new code is on show."""
        self.busy.setVisible(busy)
        for widget in (self.change, self.new_code, self.current, self.new, self.repeat):
            widget.setEnabled(not (busy or waiting))
