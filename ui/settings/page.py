"""Settings: language, automatic lock, passphrase and recovery code, devices (sync),
backup and export, and the leak canaries' aliases and mailbox."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vault.changes import Changes

from .. import style
from ..preferences import IDLE_LOCK_MINUTES, LANGUAGE, Settings
from ..session import Session
from ..style import Tone
from ..widgets import named, plain_label
from ..widgets.page import Page
from ..words.errors import error_text, watch_status_text
from .alias_source import AliasSourceSection
from .aliases import AliasesSection
from .devices import DevicesSection
from .mailbox import MailboxSection
from .secrets import SecretsSection

LANGUAGES: tuple[tuple[str, str], ...] = (
    ("system", str(QT_TRANSLATE_NOOP("SettingsPage", "System language"))),
    ("en", "English"),
    ("el", "Ελληνικά"),
)


class SettingsPage(Page):
    kinds = Changes.SETTINGS | Changes.ALIASES | Changes.BRANDS  # the aliases, and to whom
    language_changed = Signal(str)
    idle_minutes_changed = Signal(int)

    def __init__(self, session: Session, settings: Settings) -> None:
        super().__init__(session)
        self.settings = settings
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = named(QScrollArea(), "settingsScroll")
        scroll.setAccessibleName(self.tr("Settings"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = named(QWidget(), "settingsContent")
        scroll.setWidget(content)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.addWidget(self._general())
        self.secrets = SecretsSection(session, settings)
        layout.addWidget(self.secrets)
        self.devices = DevicesSection(session)
        layout.addWidget(self.devices)
        layout.addWidget(self._portability())
        self.aliases = AliasesSection(session)
        layout.addWidget(self.aliases)
        self.alias_source = AliasSourceSection(session)
        layout.addWidget(self.alias_source)
        self.mailbox = MailboxSection(session)
        layout.addWidget(self.mailbox)
        self.message = plain_label("", "settingsMessage")
        layout.addWidget(self.message)
        layout.addStretch()

    def title(self) -> str:
        return self.tr("Settings")

    def reload(self) -> None:
        self.devices.reload()
        self.aliases.reload()
        self.alias_source.reload()
        self.mailbox.reload()

    def clear(self) -> None:
        self.secrets.clear()
        self.message.clear()
        self.devices.clear()
        self.aliases.clear()
        self.alias_source.clear()
        self.mailbox.clear()

    def show_watch_status(self, status: object) -> None:
        """How watching the mailbox goes (a vault.leaks.watcher.WatchStatus)."""
        self.mailbox.show_status(watch_status_text(status))

    # -- sections -----------------------------------------------------------------

    def _general(self) -> QGroupBox:
        box = QGroupBox(self.tr("General"))
        form = QFormLayout(box)
        self.language = named(QComboBox(), "languageCombo")
        self.language.setAccessibleName(self.tr("Language"))
        for code, name in LANGUAGES:
            self.language.addItem(self.tr(name) if code == "system" else name, code)
        self.language.setCurrentIndex(
            max(0, self.language.findData(self.settings.get(LANGUAGE)))
        )
        self.language.currentIndexChanged.connect(self._language_picked)
        form.addRow(self.tr("Language"), self.language)
        self.idle = named(QSpinBox(), "idleLockMinutes")
        self.idle.setRange(0, 240)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("Never"))
        self.idle.setAccessibleName(self.tr("Lock after this many idle minutes"))
        self.idle.setValue(self.settings.get(IDLE_LOCK_MINUTES))
        self.idle.valueChanged.connect(self._idle_picked)
        form.addRow(self.tr("Lock when idle for"), self.idle)
        return box

    def _portability(self) -> QGroupBox:
        box = QGroupBox(self.tr("Backup and export"))
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        backup = named(QPushButton(self.tr("Encrypted backup...")), "backupButton")
        backup.clicked.connect(self._backup)
        export = named(QPushButton(self.tr("Export everything as JSON...")), "exportButton")
        export.clicked.connect(self._export)
        row.addWidget(backup)
        row.addWidget(export)
        row.addStretch()
        column.addLayout(row)
        column.addWidget(plain_label(self.tr(
            "A backup opens with this vault's passphrase or recovery code. The JSON export is "
            "not encrypted: it is your data, readable by any program."
        )))
        return box

    # -- actions ------------------------------------------------------------------

    def _language_picked(self) -> None:
        code = str(self.language.currentData())
        self.settings.set(LANGUAGE, code)
        self.language_changed.emit(code)

    def _idle_picked(self, minutes: int) -> None:
        self.settings.set(IDLE_LOCK_MINUTES, minutes)
        self.idle_minutes_changed.emit(minutes)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(style.text_css(Tone.ERROR) if error else "")
        self.message.setText(text)

    def _backup(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save an encrypted backup"), "vault-backup.zpvbak",
            self.tr("Vault backups (*.zpvbak)"),
        )
        if path:
            self._say(self.tr("Writing the backup..."))
            self.session.call(
                lambda vault: vault.backup_to(Path(path)),
                lambda _: self._say(self.tr("Backup written to {0}.").format(path)),
                failed=lambda e: self._say(error_text(e), True), owner=self,
            )

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export everything as JSON"), "my-zero-party-data.json",
            self.tr("JSON files (*.json)"),
        )
        if not path:
            return

        self.session.call(
            lambda vault: vault.transparency.export_to(Path(path)),
            lambda _: self._say(self.tr("Exported to {0}. It is not encrypted.").format(path)),
            failed=lambda e: self._say(error_text(e), True), owner=self,
        )


