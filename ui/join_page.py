"""Welcome: "Use a vault from a synced folder". This computer becomes one more device of a
vault that syncs through a folder: the folder, then the passphrase or the recovery code
(with the code, this device's own passphrase too), then where this computer's copy goes.

Joining runs off the GUI thread (the key derivation, then every other device's changes
applied). A secret that opens no key file in the folder is an error in words, and
nothing is written anywhere (vault/sync/joining.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from .passphrase_form import FormNames, PassphraseForm
from .tasks import run_task
from .widgets import named, plain_label
from .widgets.layout import Busy, align_labels, card, display_path, error_label, title
from .words.errors import error_text


class JoinPage(QWidget):
    joined = Signal(object, object)  # (Vault, a new recovery code or None)
    joined_into = Signal(object)  # the Path of this computer's copy, just before `joined`
    cancelled = Signal()
    unlocking = Signal()  # joining started: load what opening needs meanwhile

    def __init__(self, directory: Path, prepare: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._default_directory = directory
        self._prepare = prepare
        layout = card(self)
        column = layout.parentWidget()  # a form of long paths: the card's full width
        assert column is not None
        column.setMinimumWidth(column.maximumWidth())
        layout.addWidget(title(self.tr("Use a vault from a synced folder")))
        layout.addWidget(plain_label(self.tr(
            "Your vault already syncs through a folder on another computer? Let the sync "
            "program bring that folder here, then choose it. Your passphrase or your "
            "recovery code opens it; the folder alone does not."), "joinIntro"))
        form = QFormLayout()
        self.folder = named(QLineEdit(), "joinFolder")
        self.folder.setAccessibleName(self.tr("Synced folder"))
        form.addRow(self._label(self.tr("&Folder"), self.folder),
                    self._with_browse(self.folder, "joinFolderBrowse", self.tr("B&rowse..."),
                                      self.tr("Choose the synced folder")))
        self.with_passphrase = named(QRadioButton(self.tr("With my &passphrase")),
                                     "joinWithPassphrase")
        self.with_code = named(QRadioButton(self.tr("With my recovery &code")),
                               "joinWithCode")
        self.with_passphrase.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.with_passphrase)
        choice.addButton(self.with_code)
        ways = QVBoxLayout()  # one above the other: side by side, Greek cuts them short
        ways.addWidget(self.with_passphrase)
        ways.addWidget(self.with_code)
        form.addRow(self.tr("Open it"), ways)
        self.secret = named(QLineEdit(), "joinSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_label = self._label(self.tr("P&assphrase"), self.secret)
        form.addRow(self.secret_label, self.secret)
        self.directory = named(QLineEdit(display_path(directory)), "joinDirectory")
        self.directory.setAccessibleName(self.tr("Where this computer's copy is kept"))
        form.addRow(self._label(self.tr("Keep &this copy in"), self.directory),
                    self._with_browse(self.directory, "joinDirectoryBrowse",
                                      self.tr("Bro&wse..."),
                                      self.tr("Choose where this computer's copy is kept")))
        layout.addLayout(form)
        self.new_passphrase_note = plain_label(self.tr(
            "Choose this computer's passphrase:"), "joinNewPassphraseNote")
        layout.addWidget(self.new_passphrase_note)
        self.new_passphrase = PassphraseForm(FormNames(
            passphrase="joinNewPassphrase", repeat="joinRepeatPassphrase",
            meter="joinStrengthMeter", hint="joinStrengthHint", show="joinShowPassphrase"))
        layout.addWidget(self.new_passphrase)
        align_labels(form, self.new_passphrase.form)  # one column of fields down the page
        self.error = error_label("joinError")
        layout.addWidget(self.error)
        self.progress = plain_label("", "joinProgress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.busy = Busy()
        self.busy.setAccessibleName(self.tr("Joining"))
        layout.addWidget(self.busy)
        buttons = QHBoxLayout()
        self.back = named(QPushButton(self.tr("&Back")), "joinBack")
        self.back.clicked.connect(self.cancelled)
        self.join_button = named(QPushButton(self.tr("&Join")), "joinButton")
        self.join_button.setDefault(True)
        self.join_button.clicked.connect(self._join)
        buttons.addWidget(self.back)
        buttons.addStretch()
        buttons.addWidget(self.join_button)
        layout.addLayout(buttons)
        self.with_code.toggled.connect(self._switch_mode)
        self.secret.returnPressed.connect(self._join)
        self.new_passphrase.submitted.connect(self._join)
        self._switch_mode(False)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _with_browse(self, line: QLineEdit, name: str, text: str, caption: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(line, 1)
        browse = named(QPushButton(text), name)
        browse.setAccessibleName(caption)
        browse.clicked.connect(lambda: self._browse(line, caption))
        row.addWidget(browse)
        return row

    def _browse(self, line: QLineEdit, caption: str) -> None:
        chosen = QFileDialog.getExistingDirectory(self, caption, line.text())
        if chosen:
            line.setText(chosen)

    def focus(self) -> None:
        self.folder.setFocus()

    def _switch_mode(self, use_code: bool) -> None:
        self.secret.clear()
        self.error.hide()
        self.secret.setEchoMode(
            QLineEdit.EchoMode.Normal if use_code else QLineEdit.EchoMode.Password)
        self.secret_label.setText(self.tr("Recovery c&ode") if use_code
                                  else self.tr("P&assphrase"))
        self.secret.setAccessibleName(self.tr("Recovery code") if use_code
                                      else self.tr("Passphrase"))
        self.secret.setPlaceholderText(
            self.tr("Recovery code, e.g. ABCDE-12345-...") if use_code else "")
        self.new_passphrase_note.setVisible(use_code)
        self.new_passphrase.setVisible(use_code)

    def _join(self) -> None:
        self.error.hide()
        folder_text, secret = self.folder.text().strip(), self.secret.text()
        use_code = self.with_code.isChecked()
        if not folder_text:
            self._show_error(self.tr("Choose the synced folder first."), self.folder)
            return
        if not secret:
            self._show_error(self.tr("Enter your recovery code.") if use_code
                             else self.tr("Enter your passphrase."), self.secret)
            return
        new_passphrase = None
        if use_code:
            if not self.new_passphrase.matches():
                self._show_error(self.tr("The two passphrases differ."),
                                 self.new_passphrase.repeat)
                return
            new_passphrase = self.new_passphrase.passphrase.text()
        folder = Path(folder_text).expanduser()
        directory = (Path(self.directory.text().strip()).expanduser()
                     if self.directory.text().strip() else self._default_directory)
        prepare = self._prepare

        def work() -> object:
            from vault.sync.joining import join  # loaded off the GUI thread

            joined = join(folder, directory, secret, recovery_code=use_code,
                          new_passphrase=new_passphrase)
            if prepare is not None:
                with contextlib.suppress(ImportError):  # the GUI thread meets it again
                    prepare()
            return joined, directory

        self.unlocking.emit()
        self._set_busy(True)
        run_task(self, work, self._done)

    def _done(self, result: object, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is not None:
            self._show_error(error_text(error), self.secret)
            self.secret.selectAll()
            return
        assert isinstance(result, tuple)
        (vault, code), directory = result
        self.secret.clear()
        self.new_passphrase.clear()
        self.joined_into.emit(directory)
        self.joined.emit(vault, code)

    def _show_error(self, text: str, focus: QWidget) -> None:
        self.error.setText(text)
        self.error.show()
        focus.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.progress.setText(self.tr(
            "Opening the folder's key file, then bringing in your other devices' changes. "
            "This can take a while on a large vault...") if busy else "")
        self.progress.setVisible(busy)
        for widget in (self.folder, self.secret, self.with_passphrase, self.with_code,
                       self.new_passphrase, self.directory, self.back, self.join_button):
            widget.setEnabled(not busy)
