"""Import a brand's data request: from its web address (domain verified), pasted text, or a file.

Every import runs off the GUI thread behind a busy bar with a Cancel that stops waiting.
When the brand's keys changed since it was first trusted, the person is asked
explicitly (default No) before the request is imported again with the new keys.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vault.errors import BrandKeysChanged
from vault.exchange.brands import ImportResult, RequestSource
from vault.exchange.delivery import WELL_KNOWN_PATH
from vault.vault import Vault

from ..session import Session
from ..widgets import confirmation, named, plain_label
from ..widgets.layout import Busy, error_label
from ..words.errors import RequestTooLarge, error_text
from .keys_changed import accept_new_keys

MAX_REQUEST_BYTES = 1024 * 1024
Job = Callable[[Vault, bool], ImportResult]  # (vault, accept new keys) -> result


def read_request_file(path: str) -> str:
    """The text of a request file (runs on the worker thread, never the GUI's)."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_REQUEST_BYTES + 1)
    if len(data) > MAX_REQUEST_BYTES:
        raise RequestTooLarge(path)
    return data.decode("utf-8")


def choose_request_file(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("ImportRequestDialog", "Choose a data request"),
        "",
        QCoreApplication.translate(
            "ImportRequestDialog", "Data requests (*.jwt *.jws *.txt);;All files (*)"
        ),
    )
    return path


class _Wait:
    """What the dialog waits for; the worker's callbacks hold this, not the dialog."""

    def __init__(self) -> None:
        self.generation = 0


class ImportRequestDialog(QDialog):
    imported = Signal(object)  # ImportResult

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importRequestDialog")
        self.setWindowTitle(self.tr("Import a data request"))
        self.setMinimumWidth(560)
        self.session = session
        self.imported_result: ImportResult | None = None
        # Seams: tests answer these instead of a modal box or a file chooser.
        self.confirm: confirmation.Confirm = confirmation.ask
        self.choose_file: Callable[[QWidget], str] = choose_request_file
        self._wait = _Wait()
        session.closed.connect(self.reject)  # locked: nothing can be imported any more

        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr(
            "A brand's data request says who the brand is, what it asks for and what it offers "
            "in return. Importing it shares nothing."), "importIntro"))
        self.tabs = named(QTabWidget(), "importTabs")
        self.tabs.setAccessibleName(self.tr("Ways to import a request"))
        self.tabs.addTab(self._address_tab(), self.tr("&Web address"))
        self.tabs.addTab(self._text_tab(), self.tr("&Pasted text"))
        self.tabs.addTab(self._file_tab(), self.tr("&File"))
        layout.addWidget(self.tabs, 1)

        busy_row = QHBoxLayout()
        self.busy = Busy()
        self.busy.setObjectName("importBusy")
        self.busy.setAccessibleName(self.tr("Working"))
        self.busy_label = plain_label("", "importBusyLabel")
        self.busy_label.hide()
        self.cancel_button = named(QPushButton(self.tr("Cancel")), "importCancelButton")
        self.cancel_button.setAccessibleName(self.tr("Stop waiting"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel_wait)
        self.cancel_button.hide()
        busy_row.addWidget(self.busy_label, 1)
        busy_row.addWidget(self.cancel_button)
        layout.addWidget(self.busy)
        layout.addLayout(busy_row)
        self.error = error_label("importError")
        self.error.setAccessibleName(self.tr("Why the request was not imported"))
        layout.addWidget(self.error)
        self.info = plain_label("", "importInfo")
        self.info.hide()
        layout.addWidget(self.info)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("importCloseButton")
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    # -- the three ways -------------------------------------------------------------------

    def _address_tab(self) -> QWidget:
        tab = named(QWidget(), "importAddressTab")
        layout = QVBoxLayout(tab)
        layout.addWidget(plain_label(self.tr(
            "Fetched over a secure connection from the brand's own site, which proves the "
            "request comes from that domain."), "importAddressHelp"))
        row = QHBoxLayout()
        self.address = named(QLineEdit(), "importAddress")
        self.address.setPlaceholderText(self.tr("shoes.example or https://shoes.example"))
        self.address.setAccessibleName(self.tr("The brand's web address"))
        self.address.returnPressed.connect(self.fetch)
        row.addWidget(self.address, 1)
        self.fetch_button = named(QPushButton(self.tr("Fetch")), "importFetchButton")
        self.fetch_button.setAccessibleName(self.tr("Fetch the request from this address"))
        self.fetch_button.setAutoDefault(False)
        self.fetch_button.clicked.connect(self.fetch)
        row.addWidget(self.fetch_button)
        layout.addLayout(row)
        layout.addWidget(plain_label(self.tr(
            "The vault asks the brand's site for {0} over https and checks the brand's "
            "signature. Redirects are not followed; plain http is allowed only on this "
            "computer.").format(WELL_KNOWN_PATH), "importAddressDetails"))
        layout.addStretch()
        return tab

    def _text_tab(self) -> QWidget:
        tab = named(QWidget(), "importTextTab")
        layout = QVBoxLayout(tab)
        layout.addWidget(plain_label(self.tr(
            "Paste the request the brand gave you. Nothing proves where pasted text comes "
            "from, so the brand is shown as not verified."), "importTextHelp"))
        self.text = named(QPlainTextEdit(), "importText")
        self.text.setAccessibleName(self.tr("The request, pasted"))
        self.text.setPlaceholderText(self.tr("eyJhbGciOiJFZERTQSIs..."))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(110)
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addStretch()
        self.text_button = named(QPushButton(self.tr("Import text")), "importTextButton")
        self.text_button.setAccessibleName(self.tr("Import the pasted request"))
        self.text_button.setAutoDefault(False)
        self.text_button.clicked.connect(self.import_text)
        row.addWidget(self.text_button)
        layout.addLayout(row)
        return tab

    def _file_tab(self) -> QWidget:
        tab = named(QWidget(), "importFileTab")
        layout = QVBoxLayout(tab)
        layout.addWidget(plain_label(self.tr(
            "Choose a request file the brand gave you. Nothing proves where a file comes "
            "from, so the brand is shown as not verified."), "importFileHelp"))
        row = QHBoxLayout()
        self.file_button = named(QPushButton(self.tr("Choose a file...")), "importFileButton")
        self.file_button.setAccessibleName(self.tr("Choose a request file and import it"))
        self.file_button.setAutoDefault(False)
        self.file_button.clicked.connect(self.import_file)
        row.addWidget(self.file_button)
        self.file_label = plain_label("", "importFileName", wrap=False)
        row.addWidget(self.file_label, 1)
        layout.addLayout(row)
        layout.addStretch()
        return tab

    def fetch(self) -> None:
        address = self.address.text().strip()
        if not address:
            self._show_error(self.tr("Type the brand's web address, for example shoes.example."))
            return

        def job(vault: Vault, accept: bool) -> ImportResult:
            return vault.brands.fetch(address, accept_new_keys=accept)

        self._run(job, self.tr("Fetching the request from {0}...").format(address))

    def import_text(self) -> None:
        text = self.text.toPlainText()
        if not text.strip():
            self._show_error(self.tr("Paste the request first."))
            return
        if len(text) > MAX_REQUEST_BYTES:
            self._show_error(error_text(RequestTooLarge(), reading=True))
            return

        def job(vault: Vault, accept: bool) -> ImportResult:
            return vault.brands.import_request(text, RequestSource.TEXT, accept_new_keys=accept)

        self._run(job, self.tr("Checking the request..."))

    def import_file(self) -> None:
        path = self.choose_file(self)
        if not path:
            return
        self.file_label.setText(path)

        def job(vault: Vault, accept: bool) -> ImportResult:
            return vault.brands.import_request(read_request_file(path), RequestSource.FILE,
                                               accept_new_keys=accept)

        self._run(job, self.tr("Reading and checking the request..."))

    # -- waiting --------------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        return not self.cancel_button.isHidden()

    def _run(self, job: Job, busy_text: str, *, accept_new_keys: bool = False) -> None:
        wait = self._wait
        wait.generation += 1
        ticket = wait.generation
        self.error.hide()
        self.info.hide()
        self._set_busy(busy_text)

        def done(result: ImportResult) -> None:
            if wait.generation != ticket:
                return  # cancelled or closed meanwhile
            self._set_busy(None)
            self.imported_result = result
            self.imported.emit(result)
            self.accept()

        def failed(error: BaseException) -> None:
            if wait.generation != ticket:
                return
            self._set_busy(None)
            if isinstance(error, BrandKeysChanged) and not accept_new_keys:
                self._keys_changed(error, job, busy_text)
            else:
                self._show_error(error_text(error, reading=True))

        self.session.call(lambda vault: job(vault, accept_new_keys), done,
                          failed=failed)

    def _keys_changed(self, error: BrandKeysChanged, job: Job, busy_text: str) -> None:
        if accept_new_keys(self.confirm, self, error):
            self._run(job, busy_text, accept_new_keys=True)
        else:
            self._show_error(error_text(error, reading=True))

    def cancel_wait(self) -> None:
        """Stop waiting: whatever the worker brings back is ignored by this dialog."""
        if self.cancel_button.isHidden():
            return
        self._wait.generation += 1
        self._set_busy(None)
        self.info.setText(self.tr("Stopped waiting for the brand."))
        self.info.show()

    def _set_busy(self, text: str | None) -> None:
        busy = text is not None
        self.busy.setVisible(busy)
        self.busy_label.setText(text or "")
        self.busy_label.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.tabs.setEnabled(not busy)
        if busy:
            self.cancel_button.setFocus()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def done(self, result: int) -> None:
        self._wait.generation += 1  # closing abandons any wait
        super().done(result)
