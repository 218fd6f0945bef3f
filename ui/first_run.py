"""First run: choose a passphrase (with a strength meter), then the recovery code, once."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from vault import passphrase_policy
from vault.errors import WrongRecoveryCode
from vault.keys import RECOVERY_GROUPS, normalise_recovery_code

from . import strings
from .clipboard import copy_secret
from .layout import Busy, card, error_label, title
from .tasks import run_task

STRONG_BITS = 80.0


class CreatePage(QWidget):
    created = Signal(object, str)  # (Vault, recovery code)

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
        form = QFormLayout()
        self.passphrase = QLineEdit(objectName="newPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("New passphrase"))
        self.repeat = QLineEdit(objectName="repeatPassphrase")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("Repeat passphrase"))
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Repeat"), self.repeat)
        layout.addLayout(form)
        self.meter = QProgressBar(objectName="strengthMeter")
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        layout.addWidget(self.meter)
        self.hint = QLabel(objectName="strengthHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.error = error_label("createError")
        layout.addWidget(self.error)
        self.busy = Busy()
        layout.addWidget(self.busy)
        self.create_button = QPushButton(self.tr("Create vault"), objectName="createButton")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        layout.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignRight)
        self.passphrase.textChanged.connect(self._update_strength)
        self.repeat.returnPressed.connect(self._create)
        self._update_strength()

    def _update_strength(self) -> None:
        text = self.passphrase.text()
        reasons = passphrase_policy.weaknesses(text)
        bits = passphrase_policy.estimated_bits(text) if text else 0.0
        score = 0 if not text else min(100, int(100 * bits / STRONG_BITS))
        if reasons:
            score = min(score, 30)
        self.meter.setValue(score)
        colour = "#c0392b" if reasons else ("#d68910" if score < 100 else "#1e8449")
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        if not text:
            self.hint.setText("")
        elif reasons:
            self.hint.setText(" ".join(strings.weakness(r) for r in reasons))
        elif score < 100:
            self.hint.setText(self.tr("Good enough. Another word would make it stronger."))
        else:
            self.hint.setText(self.tr("Strong."))

    def _create(self) -> None:
        self.error.hide()
        passphrase = self.passphrase.text()
        if passphrase != self.repeat.text():
            self._show_error(self.tr("The two passphrases differ."))
            return
        self._set_busy(True)
        directory = self._directory

        def work() -> object:
            from vault.service import Vault  # loaded off the GUI thread (see MainWindow)

            return Vault.create(directory, passphrase)

        run_task(self, work, self._done)

    def _done(self, result: object, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is not None:
            self._show_error(strings.error_message(error))
            return
        assert isinstance(result, tuple)
        self.passphrase.clear()
        self.repeat.clear()
        self.created.emit(result[0], result[1])

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.passphrase, self.repeat, self.create_button):
            widget.setEnabled(not busy)


class RecoveryCodePage(QWidget):
    """The recovery code, shown once; the vault opens after part of it is typed back."""

    confirmed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._code = ""
        self._group = 1
        layout = card(self)
        layout.addWidget(title(self.tr("Your recovery code")))
        intro = QLabel(self.tr(
            "If you forget your passphrase, this code is the only way back into your vault. "
            "Write it down or print it, and keep it somewhere safe, away from this computer. "
            "It is shown only now."
        ))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code = QLabel(objectName="recoveryCode")
        self.code.setTextFormat(Qt.TextFormat.PlainText)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setAccessibleName(self.tr("Recovery code"))
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.4)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.code)
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("copyRecoveryCode", self.tr("Copy"), self._copy),
            ("saveRecoveryCode", self.tr("Save..."), self._save),
            ("printRecoveryCode", self.tr("Print..."), self._print),
        ):
            button = QPushButton(text, objectName=name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.notice = QLabel(objectName="recoveryNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.check_label = QLabel(objectName="codeCheckLabel")
        self.check_label.setWordWrap(True)
        layout.addWidget(self.check_label)
        check_row = QHBoxLayout()
        self.check = QLineEdit(objectName="codeCheck")
        self.check.setMaxLength(12)
        self.check.setAccessibleName(self.tr("Group of the recovery code, typed back"))
        self.check.textChanged.connect(self._check_typed)
        self.check.returnPressed.connect(self._finish)
        check_row.addWidget(self.check)
        self.done = QPushButton(self.tr("Open my vault"), objectName="openVaultButton")
        self.done.setEnabled(False)
        self.done.setDefault(True)
        self.done.clicked.connect(self._finish)
        check_row.addWidget(self.done)
        layout.addLayout(check_row)

    @property
    def group_asked(self) -> int:
        return self._group

    def show_code(self, code: str) -> None:
        self._code = code
        self.code.setText(code)
        self._group = secrets.randbelow(RECOVERY_GROUPS - 1) + 2  # never the first
        self.check_label.setText(self.tr(
            "To check that you have it, type group {0} of {1} of your code:"
        ).format(self._group, RECOVERY_GROUPS))
        self.check.clear()
        self.notice.clear()
        self.done.setEnabled(False)

    def _check_typed(self, text: str) -> None:
        if not self._code:
            self.done.setEnabled(False)
            return
        groups = self._code.split("-")
        groups[self._group - 1] = text.strip()
        try:
            # Read as forgivingly as at unlock (O for 0, I or L for 1...).
            matches = normalise_recovery_code("-".join(groups)) == normalise_recovery_code(
                self._code
            )
        except WrongRecoveryCode:
            matches = False
        self.done.setEnabled(matches)

    def _copy(self) -> None:
        copy_secret(self._code)
        self.notice.setText(self.tr("Copied. The clipboard is cleared in 30 seconds."))

    def _document_text(self) -> str:
        return self.tr(
            "Zero-Party Vault recovery code\n\n{0}\n\n"
            "With this code you can open your vault if you forget your passphrase.\n"
            "Keep it somewhere safe, away from your computer."
        ).format(self._code)

    def _save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the recovery code"), "zero-party-vault-recovery-code.txt",
            self.tr("Text files (*.txt)"),
        )
        if not path:
            return
        text = self._document_text()

        def write() -> None:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")

        def done(_: object, error: BaseException | None) -> None:
            self.notice.setText(
                self.tr("Saved. Move it off this computer, e.g. to a USB stick you keep safe.")
                if error is None else self.tr("Could not save: {0}").format(str(error))
            )

        run_task(self, write, done)

    def _print(self) -> None:
        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setPlainText(self._document_text())
        document.print_(printer)
        self.notice.setText(self.tr("Sent to the printer."))

    def _finish(self) -> None:
        if not self.done.isEnabled():
            return
        self._code = ""
        self.code.clear()
        self.check.clear()
        self.confirmed.emit()
