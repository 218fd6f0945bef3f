"""Settings, leak canaries: the mailbox watched for mail to the aliases. Read-only over IMAP
with TLS; the password is kept inside the vault. "Check and save" logs in and examines the
folder before anything is kept; the app then watches it while the vault is open (the
status line says how that goes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vault.leaks.checks import check_mailbox, private_authority
from vault.leaks.settings import IMAPS_PORT, MailboxSettings, mailbox_settings
from vault.vault import Vault

from ..session import Session
from ..widgets import named, plain_label
from ..words.errors import error_text


def check_and_keep(chosen: MailboxSettings) -> Callable[[Vault], MailboxSettings]:
    """For the session's worker: log in and examine the folder, then keep the mailbox."""
    def work(vault: Vault) -> MailboxSettings:
        check_mailbox(chosen, private_authority())
        vault.leaks.set_mailbox(chosen)
        return chosen
    return work


class MailboxSection(QGroupBox):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setTitle(self.tr("The mailbox watched"))
        self.setObjectName("mailboxSection")
        self.session = session
        self.kept: MailboxSettings | None = None
        column = QVBoxLayout(self)
        column.addWidget(plain_label(self.tr(
            "The app reads the headers of new mail in this mailbox while your vault is open, "
            "read-only: it never deletes, moves or marks mail. Mail to a brand's alias from "
            "anyone but the brand and the processors it declared is a leak."),
            "mailboxExplanation"))
        form = QFormLayout()
        self.host = self._line("mailboxHost", self.tr("Mail server (IMAP)"), "imap.mail.example")
        form.addRow(self.tr("&IMAP server"), self.host)
        self.port = named(QSpinBox(), "mailboxPort")
        self.port.setRange(1, 65535)
        self.port.setValue(IMAPS_PORT)
        self.port.setAccessibleName(self.tr("Port (IMAP over TLS)"))
        form.addRow(self.tr("Por&t"), self.port)
        self.user = self._line("mailboxUser", self.tr("User name"), "alex@mail.example")
        form.addRow(self.tr("&User name"), self.user)
        self.password = self._line("mailboxPassword", self.tr("Password"), "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Password"), self.password)
        self.folder = self._line("mailboxFolder", self.tr("Folder"), "INBOX")
        form.addRow(self.tr("&Folder"), self.folder)
        self.server_name = self._line(
            "mailboxServerName", self.tr("Your mail server's name in Authentication-Results"),
            self.tr("optional, like mx.mail.example"))
        form.addRow(self.tr("Server's &name"), self.server_name)
        column.addLayout(form)
        row = QHBoxLayout()
        self.save = named(QPushButton(self.tr("C&heck and save")), "mailboxSave")
        self.save.setAccessibleName(self.tr("Check and save the mailbox"))
        self.save.clicked.connect(self._save)
        self.forget = named(QPushButton(self.tr("Forget this mailbox")), "mailboxForget")
        self.forget.clicked.connect(self._forget)
        row.addWidget(self.save)
        row.addWidget(self.forget)
        row.addStretch()
        column.addLayout(row)
        self.in_use = plain_label("", "mailboxInUse")
        column.addWidget(self.in_use)
        self.message = plain_label("", "mailboxMessage")
        column.addWidget(self.message)
        self.loaded = False
        self.status = plain_label("", "mailboxStatus")
        self.status.setAccessibleName(self.tr("How watching the mailbox goes"))
        column.addWidget(self.status)
        self.clear()

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        line = named(QLineEdit(), name)
        line.setAccessibleName(accessible)
        line.setPlaceholderText(placeholder)
        line.returnPressed.connect(self._save)
        return line

    # -- loading and saving ------------------------------------------------------------

    def clear(self) -> None:
        self.kept = None
        self.loaded = False
        self.in_use.clear()
        for line in (self.host, self.user, self.password, self.folder, self.server_name):
            line.clear()
        self.port.setValue(IMAPS_PORT)
        self.message.clear()
        self.message.hide()
        self.status.clear()
        self.save.setEnabled(False)
        self.forget.setEnabled(False)

    def reload(self) -> None:
        self.session.call(lambda vault: vault.leaks.mailbox(), self.show_mailbox, owner=self)

    def show_mailbox(self, kept: MailboxSettings | None) -> None:
        """Fills the fields from the vault, unless what it keeps is what they came from (a
        reload for another section's change must not wipe what is being typed)."""
        if self.loaded and kept == self.kept:
            return
        self.kept = kept
        self.loaded = True
        self.save.setEnabled(True)
        self.forget.setEnabled(kept is not None)
        self.password.clear()
        if kept is None:
            self.password.setPlaceholderText("")
            self.in_use.setText(self.tr("No mailbox is watched."))
            return
        self.host.setText(kept.host)
        self.port.setValue(kept.port)
        self.user.setText(kept.username)
        self.folder.setText(kept.folder)
        self.server_name.setText(kept.trusted_authserv_id)
        self.password.setPlaceholderText(self.tr("kept in your vault"))
        self.in_use.setText(self._in_use(kept))

    def _in_use(self, kept: MailboxSettings) -> str:
        return self.tr("Watching {0} of {1} at {2} (read-only, headers only).").format(
            kept.folder, kept.username, f"{kept.host}:{kept.port}")

    def chosen(self) -> MailboxSettings:
        """The mailbox typed in; LeakSettingsError when unusable. An empty password keeps
        the one in the vault for the same server and user."""
        password = self.password.text()
        host, user = self.host.text().strip(), self.user.text().strip()
        if (not password and self.kept is not None and self.kept.host == host.lower()
                and self.kept.username == user):
            password = self.kept.password
        return mailbox_settings(host, user, password, port=self.port.value(),
                                folder=self.folder.text().strip() or "INBOX",
                                trusted_authserv_id=self.server_name.text().strip())

    def _save(self) -> None:
        if not self.save.isEnabled():
            return
        try:
            chosen = self.chosen()
        except Exception as error:  # typed by the core; worded by the one dispatcher
            self._say(error_text(error), True)
            return
        self._run(check_and_keep(chosen), self.tr("Logging in to the mail server..."))

    def _forget(self) -> None:
        def work(vault: Vault) -> None:
            vault.leaks.set_mailbox(None)
        self._run(work, self.tr("Forgetting the mailbox..."))

    def _run(self, work: Callable[[Vault], MailboxSettings | None], saying: str) -> None:
        focused = self.focusWidget()
        self.save.setEnabled(False)
        self.forget.setEnabled(False)
        self._say(saying)

        def settled() -> None:
            if isinstance(focused, QWidget) and focused.isVisible() and focused.isEnabled():
                focused.setFocus()

        def done(kept: MailboxSettings | None) -> None:
            if kept is None:
                self.clear()
                self._say(self.tr("Forgotten, with its password."))
            else:
                self._say(self.tr("Saved."))
            self.show_mailbox(kept)
            self.save.setEnabled(True)
            self.forget.setEnabled(kept is not None)
            settled()

        def failed(error: BaseException) -> None:
            self.save.setEnabled(True)
            self.forget.setEnabled(self.kept is not None)
            self._say(error_text(error), True)
            settled()

        self.session.call(work, done, failed=failed, owner=self)

    def show_status(self, text: str) -> None:
        """How watching goes, from the app's watcher."""
        self.status.setText(text)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c0392b;" if error else "")
        self.message.setText(text)
        self.message.setVisible(bool(text))  # no empty line under the settings
