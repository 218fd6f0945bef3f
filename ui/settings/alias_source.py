"""Settings, leak canaries: where brands' aliases come from. A domain of the person's with
catch-all delivery (recommended), plus-addressing on their own address (with a plain warning
that it is easy to strip), or an alias service with its API key (kept inside the vault).
"Check and save" asks the service about its key before anything is kept; every call runs
through the session, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vault.leaks.alias_sources import SERVICE_KINDS, SourceKind
from vault.leaks.checks import check_source, private_authority
from vault.leaks.settings import SourceSettings, source_settings
from vault.vault import Vault

from .. import style
from ..session import Session
from ..style import Tone
from ..widgets import named, plain_label
from ..words.errors import error_text
from .form import saving_line, say_under

KINDS = (SourceKind.DOMAIN, SourceKind.PLUS, SourceKind.SIMPLELOGIN, SourceKind.ADDY)


def check_and_keep(chosen: SourceSettings) -> Callable[[Vault], SourceSettings]:
    """For the session's worker: ask the service (if one), then keep the choice."""
    def work(vault: Vault) -> SourceSettings:
        check_source(chosen, private_authority())
        vault.leaks.set_source(chosen)
        return chosen
    return work


class AliasSourceSection(QGroupBox):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setTitle(self.tr("Where aliases come from"))
        self.setObjectName("aliasSourceSection")
        self.session = session
        self.kept: SourceSettings | None = None
        column = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = named(QComboBox(), "aliasSourceKind")
        self.kind.setAccessibleName(self.tr("Where aliases come from"))
        for kind in KINDS:
            self.kind.addItem(self._kind_name(kind), str(kind))
        self.kind.currentIndexChanged.connect(self._kind_picked)
        form.addRow(self.tr("&Source"), self.kind)
        self.domain = self._line("aliasSourceDomain", self.tr("Your domain"), "alex.example")
        form.addRow(self.tr("&Domain"), self.domain)
        self.address = self._line("aliasSourceAddress", self.tr("Your email address"),
                                  "alex@mail.example")
        form.addRow(self.tr("&Address"), self.address)
        self.api_key = self._line("aliasSourceKey", self.tr("The service's API key"), "")
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("API &key"), self.api_key)
        self.url = self._line("aliasSourceUrl", self.tr("The service's address"),
                              self.tr("the public service"))
        form.addRow(self.tr("Service's &web address"), self.url)
        self.service_domain = self._line("aliasSourceServiceDomain",
                                         self.tr("The service's domain for aliases"),
                                         "anonaddy.me")
        form.addRow(self.tr("Alias d&omain"), self.service_domain)
        self.local = named(QCheckBox(self.tr("The service runs on this computer or my "
                                             "&local network")), "aliasSourceLocal")
        self.local.setAccessibleName(self.tr("The service runs on this computer or my local "
                                             "network"))
        form.addRow("", self.local)
        self.form = form
        column.addLayout(form)
        self.hint = plain_label("", "aliasSourceHint")
        column.addWidget(self.hint)
        row = QHBoxLayout()
        self.save = named(QPushButton(self.tr("&Check and save")), "aliasSourceSave")
        self.save.setAccessibleName(self.tr("Check and save where aliases come from"))
        self.save.clicked.connect(self._save)
        row.addWidget(self.save)
        row.addStretch()
        column.addLayout(row)
        self.in_use = plain_label("", "aliasSourceInUse")
        column.addWidget(self.in_use)
        self.message = plain_label("", "aliasSourceMessage")
        self.message.hide()
        column.addWidget(self.message)
        self.loaded = False
        self._kind_picked()

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        return saving_line(name, accessible, placeholder, self._save)

    def _kind_name(self, kind: SourceKind) -> str:
        if kind is SourceKind.DOMAIN:
            return self.tr("A domain of mine with catch-all delivery (recommended)")
        if kind is SourceKind.PLUS:
            return self.tr("Plus-addressing on my address")
        return "SimpleLogin" if kind is SourceKind.SIMPLELOGIN else "addy.io"

    def chosen_kind(self) -> SourceKind:
        return SourceKind(str(self.kind.currentData()))

    def _kind_picked(self) -> None:
        kind = self.chosen_kind()
        service = kind in SERVICE_KINDS
        shown = {self.domain: kind is SourceKind.DOMAIN, self.address: kind is SourceKind.PLUS,
                 self.api_key: service, self.url: service, self.local: service,
                 self.service_domain: kind is SourceKind.ADDY}
        for widget, visible in shown.items():
            self.form.setRowVisible(widget, visible)
        if kind is SourceKind.DOMAIN:
            hint = self.tr("Each brand gets an address like megamart-k3x9@alex.example. Your "
                           "domain must deliver mail for any name to you (catch-all).")
        elif kind is SourceKind.PLUS:
            hint = self.tr("Warning: plus-addressing is easy to strip. Advertisers often "
                           "remove everything after the + sign, and the mail then reaches "
                           "you with no sign of who passed it on. Use it only if you have no "
                           "domain and no alias service.")
        else:
            hint = self.tr("The service makes each brand's alias when you share your email "
                           "address. The API key is kept inside your vault and sent only to "
                           "the service.")
        self.hint.setText(hint)
        self.hint.setStyleSheet(style.text_css(Tone.WARNING) if kind is SourceKind.PLUS else "")

    # -- loading and saving ------------------------------------------------------------

    def clear(self) -> None:
        self.kept = None
        self.loaded = False
        self.in_use.clear()
        for line in (self.domain, self.address, self.api_key, self.url, self.service_domain):
            line.clear()
        self.local.setChecked(False)
        self.message.clear()
        self.message.hide()
        self.save.setEnabled(False)

    def reload(self) -> None:
        self.session.call(lambda vault: vault.leaks.source(), self.show_source, owner=self)

    def show_source(self, kept: SourceSettings | None) -> None:
        """Fills the fields from the vault, unless what it keeps is what they came from (a
        reload for another section's change must not wipe what is being typed)."""
        if self.loaded and kept == self.kept:
            return
        self.kept = kept
        self.loaded = True
        self.save.setEnabled(True)
        if kept is None:
            self.in_use.setText(self.tr("No source chosen: brands get plus-addressed "
                                        "aliases."))
            return
        source = kept.source
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(source.kind))))
        self.domain.setText(source.domain)
        self.address.setText(source.address)
        self.api_key.clear()
        self.api_key.setPlaceholderText(self.tr("kept in your vault") if kept.api_key else "")
        self.url.setText(kept.base_url)
        self.service_domain.setText(kept.service_domain)
        self.local.setChecked(kept.local)
        self.in_use.setText(self._in_use(kept))

    def _in_use(self, kept: SourceSettings) -> str:
        source = kept.source
        if source.kind is SourceKind.DOMAIN:
            return self.tr("In use: aliases at {0}.").format(source.domain)
        if source.kind is SourceKind.PLUS:
            return self.tr("In use: plus-addressing on {0} (easy to strip).").format(
                source.address)
        return self.tr("In use: {0}, with its API key kept in your vault.").format(
            self._kind_name(source.kind))

    def chosen(self) -> SourceSettings:
        """The settings typed in; AliasSourceError or LeakSettingsError when unusable. An
        empty key field keeps the key already in the vault for the same service."""
        kind = self.chosen_kind()
        key = self.api_key.text().strip()
        if not key and self.kept is not None and self.kept.source.kind is kind:
            key = self.kept.api_key
        return source_settings(kind, domain=self.domain.text().strip(),
                               address=self.address.text().strip(), api_key=key,
                               base_url=self.url.text().strip(),
                               service_domain=self.service_domain.text().strip(),
                               local=self.local.isChecked())

    def _save(self) -> None:
        if not self.save.isEnabled():
            return
        try:
            chosen = self.chosen()
        except Exception as error:  # typed by the core; worded by the one dispatcher
            self._say(error_text(error), True)
            return
        focused = self.focusWidget()
        self.save.setEnabled(False)
        self._say(self.tr("Asking the service...") if chosen.source.kind in SERVICE_KINDS
                  else self.tr("Saving..."))

        def settled() -> None:
            self.save.setEnabled(True)
            if isinstance(focused, QWidget) and focused.isVisible():
                focused.setFocus()

        def done(kept: SourceSettings) -> None:
            settled()
            self.show_source(kept)
            self._say(self.tr("Saved."))

        def failed(error: BaseException) -> None:
            settled()
            self._say(error_text(error), True)

        self.session.call(check_and_keep(chosen), done, failed=failed, owner=self)

    def _say(self, text: str, error: bool = False) -> None:
        say_under(self.message, text, error)
