"""A leak's detail: who wrote to which brand's alias, and what the person can do about it:
mark it expected (a processor the brand forgot to declare), save the evidence pack (a zip
whose contents verify on their own), or draft a complaint to the brand's data protection
officer or to a data protection authority, in the app's language. Every vault call runs
through the session, off the GUI thread; nothing is sent anywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vault.leaks.authorities import AUTHORITIES, authority_for
from vault.leaks.complaint_words import LANGUAGES
from vault.leaks.complaints import Draft, to_authority, to_brand
from vault.leaks.records import Leak
from vault.storage.fsutil import atomic_write
from vault.vault import Vault

from .. import style
from ..session import Session
from ..style import Tone
from ..widgets import brand_label, confirmation, named, plain_label
from ..words import aliases, time
from ..words.activity import leak_notice, leak_pack_summary
from ..words.errors import error_text
from ..words.text import brand_text

AskPath = Callable[[QWidget, str], str]
BRAND, AUTHORITY = "brand", "authority"


def ask_save_path(parent: QWidget, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("LeakDialog", "Save the evidence pack"), suggested,
        QCoreApplication.translate("LeakDialog", "Zip files (*.zip)"))
    return path


def app_language() -> str:
    """The language the app speaks now, if the drafts have it; else English."""
    code = QLocale().name().split("_")[0]
    return code if code in LANGUAGES else "en"


def home_country() -> str:
    parts = QLocale().name().split("_")
    if len(parts) > 1 and authority_for(parts[1]) is not None:
        return parts[1]
    return "GR" if app_language() == "el" else "IE"


class LeakDialog(QDialog):
    def __init__(self, session: Session, leak_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leakDialog")
        self.setWindowTitle(self.tr("A leak"))
        self.session = session
        self.leak_id = leak_id
        self.leak: Leak | None = None
        self.ask_path: AskPath = ask_save_path  # tests answer it directly
        self.confirm: confirmation.Confirm = confirmation.ask  # likewise
        self.resize(860, 640)  # the draft's lines whole
        column = QVBoxLayout(self)
        self.sentence = plain_label("", "leakSentence")
        self.sentence.setStyleSheet("font-weight: bold;")
        column.addWidget(self.sentence)
        self.facts = QFormLayout()
        column.addLayout(self.facts)
        self.state = plain_label("", "leakState")
        column.addWidget(self.state)
        row = QHBoxLayout()
        self.expected = named(QPushButton(self.tr("&Mark expected")), "markExpectedButton")
        self.expected.setToolTip(self.tr("The sender works for the brand (a processor it did "
                                         "not declare): its mail to this alias is no leak."))
        self.expected.clicked.connect(self._mark_expected)
        self.save_pack = named(QPushButton(self.tr("&Save evidence pack...")),
                               "saveEvidenceButton")
        self.save_pack.clicked.connect(self._save_pack)
        self.revoke = named(QPushButton(self.tr("&Revoke the share...")), "revokeLeakGrant")
        self.revoke.setToolTip(self.tr("Stop sharing with this brand; it is told to delete "
                                       "your data"))
        self.revoke.clicked.connect(self._revoke)
        row.addWidget(self.expected)
        row.addWidget(self.save_pack)
        row.addWidget(self.revoke)
        row.addStretch()
        column.addLayout(row)
        column.addWidget(self._complaint())
        self.message = plain_label("", "leakMessage")
        column.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self._enable(False)
        session.call(lambda vault: vault.leaks.get(leak_id), self.show_leak,
                     failed=lambda e: self._say(error_text(e), True), owner=self)

    def _complaint(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.recipient = named(QComboBox(), "complaintRecipient")
        self.recipient.setAccessibleName(self.tr("Complain to"))
        self.recipient.addItem(self.tr("The brand's data protection officer"), BRAND)
        self.recipient.addItem(self.tr("A data protection authority (GDPR Art. 77)"),
                               AUTHORITY)
        self.recipient.currentIndexChanged.connect(self._recipient_picked)
        form.addRow(self.tr("Complain &to"), self.recipient)
        self.country = named(QComboBox(), "complaintCountry")
        self.country.setAccessibleName(self.tr("Your country's authority"))
        for authority in sorted(AUTHORITIES, key=lambda a: a.name):
            self.country.addItem(f"{authority.name} ({authority.country})", authority.country)
        self.country.setCurrentIndex(max(0, self.country.findData(home_country())))
        form.addRow(self.tr("A&uthority"), self.country)
        self.signature = named(QLineEdit(), "complaintSignature")
        self.signature.setAccessibleName(self.tr("Your name, to sign with"))
        form.addRow(self.tr("Your &name"), self.signature)
        self.form = form
        column.addLayout(form)
        self.draft_button = named(QPushButton(self.tr("&Draft complaint")),
                                  "draftComplaintButton")
        self.draft_button.clicked.connect(self._draft)
        column.addWidget(self.draft_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.draft = named(QPlainTextEdit(), "complaintDraft")
        self.draft.setAccessibleName(self.tr("The complaint's draft: edit it, copy it and "
                                             "send it yourself"))
        self.draft.setTabChangesFocus(True)
        self.draft.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # the letter's own lines
        self.draft.hide()
        column.addWidget(self.draft)
        self._recipient_picked()
        return box

    def _recipient_picked(self) -> None:
        self.form.setRowVisible(self.country, self.recipient.currentData() == AUTHORITY)

    def _enable(self, enabled: bool) -> None:
        for button in (self.save_pack, self.draft_button):
            button.setEnabled(enabled)
        self.revoke.setEnabled(enabled and self.leak is not None and bool(self.leak.grant_id))
        self.expected.setEnabled(enabled and self.leak is not None and not self.leak.expected)

    def show_leak(self, leak: Leak) -> None:
        self.leak = leak
        sender = leak.sender_domain or leak.from_address
        self.sentence.setText(leak_notice(leak.brand_name, sender, leak.received_at))
        while self.facts.rowCount():
            self.facts.removeRow(0)
        unauthenticated = self.tr("not authenticated: judged on the From field alone")
        rows = ((self.tr("Brand"), f"{leak.brand_name} ({leak.brand_origin})"),
                (self.tr("Alias"), leak.alias),
                (self.tr("From"), leak.from_address),
                (self.tr("Authenticated sender"), leak.sender_domain or unauthenticated),
                (self.tr("Received"),
                 time.moment(leak.received_at) if leak.received_at else "?"),
                (self.tr("Subject"), leak.subject))
        for title, value in rows:
            label = brand_label(value)
            label.setAccessibleName(title)
            self.facts.addRow(title, label)
        said = [aliases.after_close(leak.alias_closed_at)
                if leak.after_close and leak.alias_closed_at is not None else "",
                self.tr("Marked expected on {0}.").format(time.moment(leak.expected_at))
                if leak.expected_at else ""]
        self.state.setText(" ".join(s for s in said if s))
        self._enable(True)

    # -- actions ------------------------------------------------------------------------

    def _summary(self) -> str:
        assert self.leak is not None
        leak = self.leak
        return leak_pack_summary(leak.brand_name, leak.brand_origin, leak.alias,
                                 leak.sender_domain, leak.from_address, leak.received_at)

    def _mark_expected(self) -> None:
        self._enable(False)
        leak_id = self.leak_id

        def work(vault: Vault) -> Leak:
            vault.leaks.mark_expected(leak_id)
            return vault.leaks.get(leak_id)

        def done(leak: Leak) -> None:
            self.show_leak(leak)
            self._say(self.tr("Marked expected: mail from {0} to this brand's alias is no "
                              "leak from now on.").format(leak.sender_domain)
                      if leak.sender_domain else
                      self.tr("Marked expected. The sender was not authenticated, so only "
                              "this message is."))
            self.draft_button.setFocus()

        self.session.call(work, done, failed=self._failed, owner=self)

    def _save_pack(self) -> None:
        path = self.ask_path(self, f"leak-{self.leak_id}.zip")
        if not path:
            return
        self._enable(False)
        summary, leak_id = self._summary(), self.leak_id

        def work(vault: Vault) -> None:
            atomic_write(Path(path), vault.leaks.evidence_pack(leak_id, summary))

        def done(_: None) -> None:
            self._enable(True)
            self._say(self.tr("Evidence pack saved to {0}.").format(path))
            self.save_pack.setFocus()

        self.session.call(work, done, failed=self._failed, owner=self)

    def _draft(self) -> None:
        self._enable(False)
        summary, leak_id = self._summary(), self.leak_id
        signature, language = self.signature.text().strip(), app_language()
        authority = authority_for(str(self.country.currentData())) \
            if self.recipient.currentData() == AUTHORITY else None

        def work(vault: Vault) -> Draft:
            _pack, facts = vault.leaks.complaint_basis(leak_id, summary, signature)
            if authority is not None:
                return to_authority(facts, authority, language)
            return to_brand(facts, language)

        def done(draft: Draft) -> None:
            self._enable(True)
            self.draft.setPlainText(self.tr("To: {0}\nSubject: {1}\n\n{2}").format(
                draft.recipient, draft.subject, draft.body))
            self.draft.show()
            self.draft.setFocus()
            self._say(self.tr("Nothing was sent: copy the draft into your email or the "
                              "authority's form, and attach the evidence pack."))

        self.session.call(work, done, failed=self._failed, owner=self)

    def _revoke(self) -> None:
        """Revoke the grant that carried the alias (the brand is told to delete the data),
        and turn the brand's alias off at the alias service when one made it, or mark it
        closed when it is at the person's domain or plus-addressing."""
        leak = self.leak
        if leak is None or not leak.grant_id:
            return
        brand = brand_text(leak.brand_name)
        if not self.confirm(
                self, self.tr("Revoke share"),
                self.tr("Revoke what you share with {0}?").format(brand),
                self.tr("{0} will be told to delete your data, and its alias is closed: "
                        "turned off at your alias service if one made it, otherwise any mail "
                        "to it from now on is shown as a leak. You cannot undo this.").format(
                    brand),
                self.tr("Revoke")):
            return
        self._enable(False)
        grant_id, origin = leak.grant_id, leak.brand_origin

        def work(vault: Vault) -> tuple[list[str], list[str], Leak]:
            from vault.leaks.checks import private_authority, turn_off_aliases

            vault.grants.revoke(grant_id)
            closed = vault.aliases.close(origin)
            turned_off = turn_off_aliases(vault.leaks, origin, private_authority())
            return turned_off, closed, vault.leaks.get(self.leak_id)

        def done(result: tuple[list[str], list[str], Leak]) -> None:
            turned_off, closed, leak = result
            self.show_leak(leak)
            self.revoke.setEnabled(False)
            said = self.tr("Revoked. {0} is being told to delete your data.").format(brand)
            if turned_off:
                said += " " + self.tr("Turned off at your alias service: {0}.").format(
                    ", ".join(turned_off))
            if closed:
                said += " " + self.tr("Closed: {0}. Mail to it now means a leak or an old "
                                      "list.").format(", ".join(closed))
            self._say(said)
            self.session.deliver()

        self.session.call(work, done, failed=self._failed, owner=self)

    def _failed(self, error: BaseException) -> None:
        self._enable(self.leak is not None)
        self._say(error_text(error), True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(style.text_css(Tone.ERROR) if error else "")
        self.message.setText(text)
