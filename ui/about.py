"""Help > About: what this app is, its version, the Qt and SQLCipher it runs on, and its
licence (for a person, and for a bug report). The facts are read on the thread pool:
the installation's metadata from disk, SQLCipher's version from the library itself."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from vault import about

from . import style
from .style import Space, TextSize
from .tasks import run_task
from .widgets import named, plain_label
from .widgets.wrap import WrapLabel, scaled

ICON_SIZE = 64


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Zero-Party Vault"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*style.DIALOG_MARGINS)
        layout.setSpacing(Space.M)
        header = QHBoxLayout()
        header.setSpacing(Space.L)
        icon = named(QLabel(), "aboutIcon")
        icon.setPixmap(QGuiApplication.windowIcon().pixmap(ICON_SIZE, ICON_SIZE))
        icon.setAccessibleName(self.tr("The Zero-Party Vault icon"))
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        names.addWidget(scaled(plain_label(self.tr("Zero-Party Vault"), "aboutName"),
                               TextSize.TITLE,
                               bold=True))
        self.version = plain_label("", "aboutVersion")
        names.addWidget(self.version)
        names.addStretch(1)
        header.addLayout(names, 1)
        layout.addLayout(header)
        layout.addWidget(WrapLabel(self.tr(
            "Keep the preferences you give brands in a local encrypted vault, share them on "
            "your terms, and take them back."), "aboutSummary"))
        self.libraries = WrapLabel("", "aboutLibraries")
        layout.addWidget(self.libraries)
        self.licence = WrapLabel("", "aboutLicence")
        layout.addWidget(self.licence)
        layout.addWidget(WrapLabel(self.tr(
            "Free software: you may share and change it under the terms of its licence. It "
            "comes with no warranty."), "aboutFreedom"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("aboutCloseButton")
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.loaded = False
        self._show(None)
        run_task(self, about.about, lambda facts, _error: self._show(facts))

    def _show(self, facts: about.About | None) -> None:
        """The facts, or an ellipsis for each while they are read (or if they could not be)."""
        waiting = "…"
        self.version.setText(self.tr("Version {0}").format(facts.version if facts else waiting))
        self.libraries.setText(self.tr(
            "Qt {qt} (PySide6 {pyside}), SQLCipher {sqlcipher} (SQLite {sqlite})").format(
            qt=qVersion(), pyside=PySide6.__version__,
            sqlcipher=facts.sqlcipher if facts else waiting,
            sqlite=facts.sqlite if facts else waiting))
        self.licence.setText(self.tr("Licence: {0}").format(
            facts.licence if facts else waiting))
        self.loaded = facts is not None
