"""First run: choose a passphrase (with a strength meter); the recovery code follows, once
(`recovery_code.RecoveryCodePage`). Or use a vault that already syncs through a folder
(`join_page.JoinPage`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from vault.errors import WeakPassphrase

from .passphrase_form import PassphraseForm
from .style import Space
from .tasks import run_task
from .widgets import named
from .widgets.layout import Busy, card, error_label, title
from .words.errors import error_text


class CreatePage(QWidget):
    created = Signal(object, str)  # (Vault, recovery code)
    join_requested = Signal()  # "Use a vault from a synced folder"

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self._directory = directory
        layout = card(self)
        layout.addWidget(title(self.tr("Create your vault")))
        intro = QLabel(self.tr(
            "Your preferences are kept on this computer, encrypted. Choose a passphrase you "
            "will remember: several unrelated words work well. Nobody can reset it for you."
        ))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = PassphraseForm()
        self.passphrase, self.repeat = self.form.passphrase, self.form.repeat
        layout.addWidget(self.form)
        self.error = error_label("createError")
        layout.addWidget(self.error)
        self.busy = Busy()
        layout.addWidget(self.busy)
        self.create_button = named(QPushButton(self.tr("Create vault")), "createButton")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        layout.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addSpacing(Space.M)
        elsewhere = QLabel(self.tr("Already use Zero-Party Vault on another computer?"))
        elsewhere.setWordWrap(True)
        layout.addWidget(elsewhere)
        self.join_button = named(QPushButton(
            self.tr("&Use a vault from a synced folder...")), "useSyncedVaultButton")
        self.join_button.clicked.connect(self.join_requested)
        layout.addWidget(self.join_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.form.submitted.connect(self._create)
        self.form.edited.connect(self.error.hide)

    def _create(self) -> None:
        self.error.hide()
        passphrase = self.passphrase.text()
        if passphrase and not self.repeat.text():
            self._show_error(self.tr("Type the passphrase again under Repeat."))
            self.repeat.setFocus()
            return
        if not self.form.matches():
            self._show_error(self.tr("The two passphrases differ."))
            return
        self._set_busy(True)
        directory = self._directory

        def work() -> object:
            from vault.vault import Vault  # loaded off the GUI thread (see MainWindow)

            return Vault.create(directory, passphrase)

        run_task(self, work, self._done)

    def _done(self, result: object, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is not None:
            self._show_error(error_text(error))
            if isinstance(error, WeakPassphrase):
                self.form.said_weak()
            return
        assert isinstance(result, tuple)
        self.form.clear()
        self.created.emit(result[0], result[1])

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.passphrase, self.repeat, self.create_button, self.join_button):
            widget.setEnabled(not busy)
