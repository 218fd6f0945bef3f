"""Settings > Devices: this device's name, the synced folder, the other devices with when
each was last seen; set up sync, sync now, remove a lost device (docs/sync.md).

Where sync stands comes from the main window's `SyncWatch` (`attach`): the same words as
the status bar, and which devices a file is awaited from."""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
)

from ..session import Session
from ..widgets import named, plain_label, record_table
from ..widgets.layout import display_path
from ..widgets.row_model import RowsModel
from ..words.errors import error_text
from ..words.sync import failed_line, last_seen, status_line
from .form import say_under
from .sync_setup import AskSetup, ConfirmRemoval, SetupChoice, ask_setup, confirm_removal

if TYPE_CHECKING:
    from vault.sync.status import DeviceInfo, SyncStatus
    from vault.vault import Vault

    from ..sync.watch import SyncWatch

Devices = tuple[str, list["DeviceInfo"]]  # the folder, every device of the set


def _tr(text: str) -> str:
    return QCoreApplication.translate("DevicesSection", text)


def devices_of(vault: Vault) -> Devices | None:
    """For the session's worker: the folder and the devices, or None (sync not set up)."""
    if not vault.sync.is_set_up():
        return None
    return vault.sync.folder(), vault.sync.devices()


class DevicesModel(RowsModel):
    """The other devices: name, last seen, and whether a file of theirs is awaited."""

    def __init__(self) -> None:
        super().__init__()
        self.awaited: tuple[str, ...] = ()

    def headers(self) -> list[str]:
        return [_tr("Device"), _tr("Last seen"), _tr("State")]

    def key(self, row: Any) -> Hashable:
        return str(row.id)

    def cell(self, row: Any, column: int, role: int) -> object:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == 0:
            return str(row.name)
        if column == 1:
            return last_seen(row) if not row.removed else ""
        if row.removed:
            return _tr("removed: its later files are refused")
        if row.name in self.awaited:
            return _tr("a newer file of it is on its way")
        return _tr("in step")


class DevicesSection(QGroupBox):
    set_up = Signal()  # sync was set up here: watch the folder
    sync_requested = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setTitle(_tr("Devices"))
        self.setObjectName("devicesSection")
        self.session = session
        # Kept as attributes so tests can answer them directly.
        self.ask_setup: AskSetup = ask_setup
        self.confirm_removal: ConfirmRemoval = confirm_removal
        self.devices: list[DeviceInfo] = []
        column = QVBoxLayout(self)
        self.explanation = plain_label(_tr(
            "Use this vault on your other computers too, through a folder that a sync program "
            "(Syncthing, Nextcloud, Dropbox, OneDrive, a network share) keeps the same on "
            "each. Everything the vault writes there is encrypted."),
            "devicesExplanation")
        column.addWidget(self.explanation)
        form = QFormLayout()
        self.this_name = plain_label("", "thisDeviceName")
        self.this_name.setAccessibleName(_tr("This device's name"))
        self.this_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(_tr("This device"), self.this_name)
        self.folder = plain_label("", "syncFolder")
        self.folder.setAccessibleName(_tr("Synced folder"))
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(_tr("Folder"), self.folder)
        self.state = plain_label("", "syncState")
        self.state.setAccessibleName(_tr("Where sync stands"))
        form.addRow(_tr("Sync"), self.state)
        self.details = QGroupBox()
        self.details.setFlat(True)
        self.details.setLayout(form)
        column.addWidget(self.details)
        self.model = DevicesModel()
        self.table = record_table("otherDevices", _tr("Your other devices"), self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        column.addWidget(self.table)
        row = QHBoxLayout()
        self.setup_button = named(QPushButton(_tr("Set up s&ync...")), "syncSetupButton")
        self.setup_button.setAccessibleName(_tr("Set up sync through a folder"))
        self.setup_button.clicked.connect(self._set_up)
        self.sync_button = named(QPushButton(_tr("S&ync now")), "syncNowButton")
        self.sync_button.setAccessibleName(_tr("Sync now"))
        self.sync_button.clicked.connect(self.sync_requested)
        self.remove_button = named(QPushButton(_tr("&Remove device...")), "removeDeviceButton")
        self.remove_button.setAccessibleName(_tr("Remove the chosen device"))
        self.remove_button.clicked.connect(self._remove)
        for button in (self.setup_button, self.sync_button, self.remove_button):
            row.addWidget(button)
        row.addStretch()
        column.addLayout(row)
        self.message = plain_label("", "devicesMessage")
        column.addWidget(self.message)
        self.clear()

    def attach(self, watch: SyncWatch) -> None:
        """Show where sync stands as the main window's watch says; ask it to sync."""
        watch.status_changed.connect(self.show_status)
        watch.failed.connect(lambda words: self.state.setText(failed_line(words)))
        self.sync_requested.connect(watch.sync_now)
        self.set_up.connect(watch.restart)
        if watch.status is not None:
            self.show_status(watch.status)

    # -- loading ----------------------------------------------------------------------

    def clear(self) -> None:
        self.devices = []
        self.model.set_rows([])
        say_under(self.message, "")
        self._show(None)

    def reload(self) -> None:
        self.session.call(devices_of, self._show, owner=self)

    def _show(self, found: Devices | None) -> None:
        synced = found is not None
        self.explanation.setVisible(not synced)
        self.details.setVisible(synced)
        self.table.setVisible(synced)
        self.setup_button.setVisible(not synced)
        self.setup_button.setEnabled(self.session.is_open)
        self.sync_button.setVisible(synced)
        self.remove_button.setVisible(synced)
        if found is None:
            self.devices = []
            self.model.set_rows([])
            self._selection_changed()
            return
        folder, self.devices = found
        me = next((d for d in self.devices if d.this), None)
        self.this_name.setText(me.name if me else "")
        self.folder.setText(display_path(Path(folder)))
        self.folder.setToolTip(folder)
        self.model.set_rows([d for d in self.devices if not d.this])
        self._fit_table()
        self._selection_changed()

    def _fit_table(self) -> None:
        """As tall as its rows (two at least, six at most, then it scrolls)."""
        rows = min(max(self.model.rowCount(), 2), 6)
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth())

    def show_status(self, status: SyncStatus | None) -> None:
        if status is None:
            self.state.clear()
            return
        self.state.setText(status_line(status))
        self.model.awaited = status.waiting_for
        self.reload()  # last seen moves on with each file applied

    def _chosen(self) -> DeviceInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        chosen = self._chosen()
        self.remove_button.setEnabled(chosen is not None and not chosen.removed)

    # -- actions ----------------------------------------------------------------------

    def _set_up(self) -> None:
        choice = self.ask_setup(self)
        if choice is None:
            return
        self._busy(True)
        say_under(self.message, _tr("Setting up sync: writing this vault into the folder..."))

        def work(vault: Vault) -> Devices | None:
            vault.sync.setup(choice.folder, choice.passphrase, choice.device_name)
            return devices_of(vault)

        self.session.call(work, lambda found: self._set_up_done(found, choice),
                          failed=self._failed, owner=self)

    def _set_up_done(self, found: Devices | None, choice: SetupChoice) -> None:
        self._busy(False)
        self._show(found)
        say_under(self.message, _tr(
            "This vault now syncs through {0}. On your other computer, choose \u201cUse a "
            "vault from a synced folder\u201d on the welcome screen.").format(choice.folder))
        self.set_up.emit()

    def _remove(self) -> None:
        chosen = self._chosen()
        if chosen is None or not self.confirm_removal(self, chosen.name):
            return
        name = chosen.name
        self._busy(True)

        def work(vault: Vault) -> Devices | None:
            vault.sync.remove(name)
            return devices_of(vault)

        def done(found: Devices | None) -> None:
            self._busy(False)
            self._show(found)
            say_under(self.message, _tr(
                "Removed \u201c{0}\u201d. If someone may know its passphrase or your recovery "
                "code, change the passphrase on each remaining device and make a new recovery "
                "code.").format(name))
            self.sync_requested.emit()

        self.session.call(work, done, failed=self._failed, owner=self)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        say_under(self.message, error_text(error), error=True)

    def _busy(self, busy: bool) -> None:
        for button in (self.setup_button, self.sync_button):
            button.setEnabled(not busy)
        self.remove_button.setEnabled(not busy and self._chosen() is not None)
