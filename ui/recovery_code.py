"""The recovery code, shown once with copy, save and print, confirmed by typing part of it back.

A page of the first run (and of a recovery that had to make a new code), and a dialog for
a new code made from Settings.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vault.errors import WrongRecoveryCode
from vault.storage.fsutil import save_private
from vault.storage.keys import RECOVERY_GROUPS, normalise_recovery_code

from . import style
from .preferences import CLIPBOARD_CLEAR_SECONDS, Settings
from .style import TextSize
from .tasks import run_task
from .widgets import named
from .widgets.clipboard import secret_clipboard
from .widgets.layout import card, title


class RecoveryCodePage(QWidget):
    """The code, shown once; `confirmed` once part of it has been typed back."""

    confirmed = Signal()

    def __init__(self, settings: Settings, *, renewed: bool = False) -> None:
        super().__init__()
        self._settings = settings
        self._code = ""
        self._group = 1
        layout = card(self)
        if renewed:
            layout.addWidget(title(self.tr("Your new recovery code")))
            intro = QLabel(self.tr(
                "Your old recovery code no longer opens your vault; this one does. Write it "
                "down or print it, and keep it somewhere safe, away from this computer. It is "
                "shown only now."
            ))
        else:
            layout.addWidget(title(self.tr("Your recovery code")))
            intro = QLabel(self.tr(
                "If you forget your passphrase, this code is the only way back into your "
                "vault. Write it down or print it, and keep it somewhere safe, away from this "
                "computer. It is shown only now."
            ))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code = named(QLabel(), "recoveryCode")
        self.code.setTextFormat(Qt.TextFormat.PlainText)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setAccessibleName(self.tr("Recovery code"))
        font = style.sized(self.font(), TextSize.TITLE)
        font.setFamily("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.code)
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("copyRecoveryCode", self.tr("Copy"), self._copy),
            ("saveRecoveryCode", self.tr("Save..."), self._save),
            ("printRecoveryCode", self.tr("Print..."), self._print),
        ):
            button = named(QPushButton(text), name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.notice = named(QLabel(), "recoveryNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.check_label = named(QLabel(), "codeCheckLabel")
        self.check_label.setWordWrap(True)
        layout.addWidget(self.check_label)
        check_row = QHBoxLayout()
        self.check = named(QLineEdit(), "codeCheck")
        self.check.setMaxLength(12)
        self.check.setAccessibleName(self.tr("Group of the recovery code, typed back"))
        self.check.textChanged.connect(self._check_typed)
        self.check.returnPressed.connect(self._finish)
        check_row.addWidget(self.check)
        self.done = named(QPushButton(
            self.tr("Done") if renewed else self.tr("Open my vault")
        ), "openVaultButton")
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

    def forget(self) -> None:
        """Drop the code from the widgets (also when the window locks before it was confirmed)."""
        self._code = ""
        self.code.clear()
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
        seconds = self._settings.get(CLIPBOARD_CLEAR_SECONDS)
        secret_clipboard().copy(self._code, seconds)
        self.notice.setText(
            self.tr("Copied. The clipboard is cleared in {0} seconds.").format(seconds)
            if seconds > 0 else self.tr("Copied. The clipboard is cleared when the vault locks.")
        )

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
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        """Write the code to `path` off the GUI thread: 0600, never through a symbolic link."""
        data = (self._document_text() + "\n").encode("utf-8")

        def done(_: object, error: BaseException | None) -> None:
            if error is None:
                self.notice.setText(self.tr(
                    "Saved. Move it off this computer, e.g. to a USB stick you keep safe."
                ))
                return
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self.notice.setText(self.tr("Could not save: {0}").format(str(reason)))

        run_task(self, lambda: save_private(path, data), done)

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
        self.forget()
        self.confirmed.emit()


class RecoveryCodeDialog(QDialog):
    """A new recovery code, shown once. It closes only once part of the code was typed back:
    the old code no longer works, so closing it unseen would leave the person without one."""

    def __init__(self, code: str, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryCodeDialog")
        self.setWindowTitle(self.tr("New recovery code"))
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        layout = QVBoxLayout(self)
        self.page = RecoveryCodePage(settings, renewed=True)
        layout.addWidget(self.page)
        self.page.confirmed.connect(self.accept)
        self.page.show_code(code)

    def reject(self) -> None:
        """Escape does not close it (Done does, once the code was typed back)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.page.done.isEnabled() or not self.page.code.text():
            self.page.forget()
            super().closeEvent(event)
        else:
            event.ignore()

    def discard(self) -> None:
        """The window locks: forget the code and close, typed back or not."""
        self.page.forget()
        self.done(QDialog.DialogCode.Rejected)
