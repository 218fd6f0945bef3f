"""First run (create a vault, show its recovery code once) and unlock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from vault import passphrase_policy
from vault.service import Vault

from . import strings
from .clipboard import copy_secret
from .tasks import run_task


def _card(page: QWidget) -> QVBoxLayout:
    """A column of readable width, centred on the page; returns its layout."""
    grid = QGridLayout(page)
    grid.setRowStretch(0, 1)
    grid.setRowStretch(2, 2)
    grid.setColumnStretch(0, 1)
    grid.setColumnStretch(2, 1)
    card = QWidget()
    card.setMinimumWidth(480)
    card.setMaximumWidth(560)
    grid.addWidget(card, 1, 1)
    layout = QVBoxLayout(card)
    layout.setSpacing(10)
    return layout


def _display_path(path: Path) -> str:
    try:
        return str(Path("~") / path.resolve().relative_to(Path.home()))
    except ValueError:
        return str(path)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    return label


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: #c0392b; font-weight: bold;")
    label.hide()
    return label


class _Busy(QProgressBar):
    """An indeterminate bar shown while the key is being derived."""

    def __init__(self) -> None:
        super().__init__()
        self.setRange(0, 0)
        self.setTextVisible(False)
        self.setMaximumHeight(6)
        self.hide()


class CreatePage(QWidget):
    created = Signal(object, str)  # (Vault, recovery code)

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self._directory = directory
        layout = _card(self)
        layout.addWidget(_title(self.tr("Create your vault")))
        intro = QLabel(
            self.tr(
                "Your preferences are kept on this computer, encrypted. Choose a passphrase you "
                "will remember: several unrelated words work well. Nobody can reset it for you."
            )
        )
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
        self.hint = QLabel(objectName="strengthHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.error = _error_label("createError")
        layout.addWidget(self.error)
        self.busy = _Busy()
        layout.addWidget(self.busy)
        self.create_button = QPushButton(self.tr("Create vault"), objectName="createButton")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        layout.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignRight)
        self.passphrase.textChanged.connect(self._update_hint)
        self.repeat.returnPressed.connect(self._create)
        self._update_hint()

    def _update_hint(self) -> None:
        reasons = passphrase_policy.weaknesses(self.passphrase.text())
        if not self.passphrase.text():
            self.hint.setText("")
        elif reasons:
            self.hint.setText(" ".join(strings.weakness(r) for r in reasons))
        else:
            self.hint.setText(self.tr("Strong enough."))

    def _create(self) -> None:
        self.error.hide()
        passphrase = self.passphrase.text()
        if passphrase != self.repeat.text():
            self._show_error(self.tr("The two passphrases differ."))
            return
        self._set_busy(True)
        directory = self._directory
        run_task(self, lambda: Vault.create(directory, passphrase), self._done)

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
    """The recovery code, shown once, before the vault opens."""

    confirmed = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = _card(self)
        layout.addWidget(_title(self.tr("Your recovery code")))
        intro = QLabel(
            self.tr(
                "If you forget your passphrase, this code is the only way back into your vault. "
                "Write it down and keep it somewhere safe, away from this computer. "
                "It is shown only now."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code = QLabel(objectName="recoveryCode")
        self.code.setTextFormat(Qt.TextFormat.PlainText)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.4)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.code)
        buttons = QHBoxLayout()
        copy = QPushButton(self.tr("Copy"), objectName="copyRecoveryCode")
        copy.clicked.connect(self._copy)
        buttons.addWidget(copy)
        buttons.addStretch()
        self.written = QCheckBox(self.tr("I have written it down"), objectName="codeWrittenDown")
        buttons.addWidget(self.written)
        self.done = QPushButton(self.tr("Open my vault"), objectName="openVaultButton")
        self.done.setEnabled(False)
        self.written.toggled.connect(self.done.setEnabled)
        self.done.clicked.connect(self._finish)
        buttons.addWidget(self.done)
        layout.addLayout(buttons)

    def show_code(self, code: str) -> None:
        self.code.setText(code)
        self.written.setChecked(False)

    def _copy(self) -> None:
        copy_secret(self.code.text())

    def _finish(self) -> None:
        self.code.clear()
        self.confirmed.emit()


class UnlockPage(QWidget):
    unlocked = Signal(object)  # Vault

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self._directory = directory
        layout = _card(self)
        layout.addWidget(_title(self.tr("Unlock your vault")))
        where = QLabel(_display_path(directory))
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setStyleSheet("color: palette(mid);")
        layout.addWidget(where)
        self.secret = QLineEdit(objectName="unlockSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Passphrase"))
        self.secret.setPlaceholderText(self.tr("Passphrase"))
        self.secret.returnPressed.connect(self._unlock)
        layout.addWidget(self.secret)
        self.use_code = QCheckBox(
            self.tr("I forgot it: use my recovery code"), objectName="useRecoveryCode"
        )
        self.use_code.toggled.connect(self._switch_mode)
        layout.addWidget(self.use_code)
        self.error = _error_label("unlockError")
        layout.addWidget(self.error)
        self.busy = _Busy()
        layout.addWidget(self.busy)
        self.unlock_button = QPushButton(self.tr("Unlock"), objectName="unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        layout.addWidget(self.unlock_button, alignment=Qt.AlignmentFlag.AlignRight)

    def focus(self) -> None:
        self.secret.setFocus()

    def _switch_mode(self, use_code: bool) -> None:
        self.secret.clear()
        self.secret.setEchoMode(
            QLineEdit.EchoMode.Normal if use_code else QLineEdit.EchoMode.Password
        )
        self.secret.setPlaceholderText(
            self.tr("Recovery code, e.g. ABCDE-12345-...") if use_code else self.tr("Passphrase")
        )

    def _unlock(self) -> None:
        self.error.hide()
        secret = self.secret.text()
        if not secret:
            return
        directory = self._directory
        if self.use_code.isChecked():

            def work() -> Vault:
                return Vault.unlock_with_recovery_code(directory, secret)
        else:

            def work() -> Vault:
                return Vault.unlock(directory, secret)

        self._set_busy(True)
        run_task(self, work, self._done)

    def _done(self, result: object, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is not None:
            self.error.setText(strings.error_message(error))
            self.error.show()
            self.secret.selectAll()
            self.secret.setFocus()
            return
        self.secret.clear()
        self.unlocked.emit(result)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.secret, self.use_code, self.unlock_button):
            widget.setEnabled(not busy)


class WelcomeStack(QStackedWidget):
    """Create-or-unlock, whichever the directory calls for."""

    opened = Signal(object)  # Vault

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.create_page = CreatePage(directory)
        self.code_page = RecoveryCodePage()
        self.unlock_page = UnlockPage(directory)
        for page in (self.create_page, self.code_page, self.unlock_page):
            self.addWidget(page)
        self._pending: Vault | None = None
        self.create_page.created.connect(self._on_created)
        self.code_page.confirmed.connect(self._on_code_confirmed)
        self.unlock_page.unlocked.connect(self.opened)
        self.setCurrentWidget(self.unlock_page if Vault.exists(directory) else self.create_page)

    def show_unlock(self) -> None:
        self.setCurrentWidget(self.unlock_page)
        self.unlock_page.focus()

    def _on_created(self, vault: Vault, code: str) -> None:
        self._pending = vault
        self.code_page.show_code(code)
        self.setCurrentWidget(self.code_page)

    def _on_code_confirmed(self) -> None:
        vault, self._pending = self._pending, None
        if vault is not None:
            self.opened.emit(vault)
