"""Settings > Devices: "Set up sync...", the dialog that asks for the folder, this device's
name and the passphrase (the folder's key file is sealed under it, as `zpv sync setup`
asks for it too), and the removal's question, whose safe answer is the default."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..widgets import named, plain_label
from ..widgets.confirmation import ask
from ..widgets.layout import error_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("DevicesSection", text)


@dataclass(frozen=True)
class SetupChoice:
    folder: Path
    device_name: str | None  # None: the computer's name
    passphrase: str


AskSetup = Callable[[QWidget], "SetupChoice | None"]
ConfirmRemoval = Callable[[QWidget, str], bool]


class SetupDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncSetupDialog")
        self.setWindowTitle(_tr("Set up sync"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_tr(
            "Choose an empty folder that a sync program keeps in step between your computers "
            "(Syncthing, Nextcloud, Dropbox, OneDrive, a network share). The vault writes "
            "only sealed files into it: nothing there is readable without your passphrase "
            "or recovery code.")))
        form = QFormLayout()
        row = QHBoxLayout()
        self.folder = named(QLineEdit(), "syncSetupFolder")
        self.folder.setAccessibleName(_tr("Synced folder"))
        browse = named(QPushButton(_tr("&Browse...")), "syncSetupBrowse")
        browse.setAccessibleName(_tr("Choose the synced folder"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        label = QLabel(_tr("&Folder"))
        label.setBuddy(self.folder)
        form.addRow(label, row)
        self.name = named(QLineEdit(), "syncSetupName")
        self.name.setAccessibleName(_tr("This device's name"))
        self.name.setPlaceholderText(_tr("the computer's name"))
        form.addRow(_tr("This device's &name"), self.name)
        self.passphrase = named(QLineEdit(), "syncSetupPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_tr("Passphrase"))
        form.addRow(_tr("&Passphrase"), self.passphrase)
        layout.addLayout(form)
        self.error = error_label("syncSetupError")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        start = buttons.addButton(_tr("&Start syncing"), QDialogButtonBox.ButtonRole.AcceptRole)
        start.setObjectName("syncSetupStart")
        start.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("syncSetupCancel")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _tr("Choose the synced folder"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _accept(self) -> None:
        if not self.folder.text().strip():
            self.error.setText(_tr("Choose the folder first."))
            self.error.show()
            self.folder.setFocus()
            return
        if not self.passphrase.text():
            self.error.setText(_tr("Enter your passphrase: it seals the folder's key file."))
            self.error.show()
            self.passphrase.setFocus()
            return
        self.accept()

    def choice(self) -> SetupChoice:
        return SetupChoice(Path(self.folder.text().strip()),
                           self.name.text().strip() or None, self.passphrase.text())


def ask_setup(parent: QWidget) -> SetupChoice | None:
    """The folder, name and passphrase typed into a `SetupDialog`, or None (cancelled)."""
    dialog = SetupDialog(parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    choice = dialog.choice() if accepted else None
    dialog.passphrase.clear()
    dialog.deleteLater()
    return choice


def removal_details() -> str:
    return _tr(
        "Its files written after the last one this computer applied are refused from now "
        "on, on every device, and what your devices write next is sealed with a new key it "
        "does not have. Changes it made and did not sync yet are lost. It cannot be "
        "undone: to use that computer again, join it from the welcome screen as a new "
        "device.\n\nIf someone may know that device's passphrase or your recovery code, "
        "change the passphrase on each remaining device and make a new recovery code.")


def confirm_removal(parent: QWidget, name: str) -> bool:
    return ask(parent, _tr("Remove a device"),
               _tr("Remove the device \u201c{0}\u201d from this vault?").format(name),
               removal_details(), _tr("Remove device"))
