"""From first run to share to revoke through the GUI alone, with the brand kit's receiver
under uvicorn on loopback; the vault's state is checked after each step."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDoubleSpinBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
)
from pytestqt.qtbot import QtBot

from brandkit.receiver import Receiver
from tests.support.live_brand import served_brand
from tests.support.specs import ask, request_spec
from tests.support.vaults import PASSPHRASE
from ui.fields.model import KEY_ROLE, VALUE
from ui.main_window import MainWindow
from ui.review.dialog import ShareReviewDialog
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.grants import GrantStatus

WAIT_MS = 15_000


def trailworks(origin: str) -> dict[str, Any]:
    return request_spec(origin, "Trailworks", [ask()])


@dataclass
class LiveBrand:
    origin: str
    receiver: Receiver

    def holds(self) -> dict[str, tuple[int, str, dict[str, Any]]]:
        return {g.grant_id: (g.version, g.status, g.fields)
                for c in self.receiver.customers() for g in c.grants}


@pytest.fixture
def brand(tmp_path: Path) -> Iterator[LiveBrand]:
    with served_brand(tmp_path / "brand.sqlite3", trailworks) as served:
        yield LiveBrand(served.origin, served.receiver)


def child(parent: Any, kind: type, name: str) -> Any:
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


def when_modal(kind: type, act: Callable[[Any], bool]) -> None:
    """Once a modal dialog of `kind` is up, call `act` on it until it says it is done."""

    def attempt() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind) and act(modal):
            return
        QTimer.singleShot(50, attempt)

    QTimer.singleShot(50, attempt)


def test_first_run_share_update_revoke_through_the_gui(
    qtbot: QtBot, tmp_path: Path, brand: LiveBrand
) -> None:
    directory = tmp_path / "vault"
    window = MainWindow(directory)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()

    # 1. First run: passphrase twice, the recovery code, one group typed back.
    child(window, QLineEdit, "newPassphrase").setText(PASSPHRASE)
    child(window, QLineEdit, "repeatPassphrase").setText(PASSPHRASE)
    child(window, QPushButton, "createButton").click()
    code_page = window.welcome.code_page
    qtbot.waitUntil(lambda: bool(code_page.code.text()), timeout=WAIT_MS)
    code = code_page.code.text()
    assert re.fullmatch(r"([0-9A-Z]{5}-){5}[0-9A-Z]{5}", code)
    code_page.check.setText(code.split("-")[code_page.group_asked - 1])
    child(window, QPushButton, "openVaultButton").click()
    qtbot.waitUntil(lambda: window.vault is not None, timeout=WAIT_MS)
    vault = window.vault
    assert vault is not None and (directory / "vault.header").is_file()

    # 2. My data: type a shoe size into its editor.
    table = child(window, QTableView, "fieldsTable")
    qtbot.waitUntil(lambda: table.model().rowCount() >= 40, timeout=WAIT_MS)
    model = table.model()
    row = next(r for r in range(model.rowCount())
               if model.index(r, VALUE).data(KEY_ROLE) == "shoe_size_eu")
    table.setCurrentIndex(model.index(row, VALUE))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    editor = child(table, QDoubleSpinBox, "numberEditor")
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor, "42")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vault.fields.get("shoe_size_eu") == 42, timeout=WAIT_MS)

    # 3. Brands: fetch the request from the brand's web address.
    window.area.show_page(window.brands_page)
    child(window, QPushButton, "importRequestButton").click()
    dialog = window.brands_page.import_dialog
    assert dialog is not None
    child(dialog, QLineEdit, "importAddress").setText(brand.origin)
    child(dialog, QPushButton, "importFetchButton").click()
    qtbot.waitUntil(lambda: window.brands_page.selected_origin() == brand.origin,
                    timeout=WAIT_MS)
    assert vault.brands.find(brand.origin).domain_verified
    qtbot.waitUntil(lambda: window.brands_page.import_dialog is None, timeout=WAIT_MS)

    # 4. Review and share: nothing is shared until Share is clicked.
    asks = child(window, QTableView, "asksTable")
    qtbot.waitUntil(lambda: asks.model().rowCount() == 1, timeout=WAIT_MS)
    asks.setCurrentIndex(asks.model().index(0, 0))

    def share(review: ShareReviewDialog) -> bool:
        button = child(review, QPushButton, "shareButton")
        if not button.isEnabled():
            return False
        assert vault.grants.listing() == [], "nothing is shared before Share is clicked"
        button.click()
        return True

    when_modal(ShareReviewDialog, share)
    child(window, QPushButton, "reviewShareButton").click()
    qtbot.waitUntil(lambda: len(vault.grants.listing()) == 1, timeout=WAIT_MS)
    [grant] = vault.grants.listing()
    assert grant.fields == ("shoe_size_eu",) and grant.status is GrantStatus.ACTIVE

    def confirmed(status: DeliveryStatus) -> Callable[[], bool]:
        def check() -> bool:
            summary = vault.delivery.summary(grant.id)
            return summary is not None and summary.status is status
        return check

    qtbot.waitUntil(confirmed(DeliveryStatus.CONFIRMED), timeout=WAIT_MS)
    assert brand.holds() == {grant.id: (1, "active", {"shoe_size_eu": 42})}

    # 5. Shared: revoke, after saying yes to the confirmation.
    window.area.show_page(window.shared_page)
    grants = child(window, QTableView, "grantsTable")
    qtbot.waitUntil(lambda: grants.model().rowCount() == 1, timeout=WAIT_MS)
    grants.setCurrentIndex(grants.model().index(0, 0))

    def say_yes(box: QMessageBox) -> bool:
        yes = next(b for b in box.buttons()
                   if box.buttonRole(b) == QMessageBox.ButtonRole.YesRole)
        yes.click()
        return True

    when_modal(QMessageBox, say_yes)
    child(window, QPushButton, "revokeButton").click()
    qtbot.waitUntil(confirmed(DeliveryStatus.DELETION_CONFIRMED), timeout=WAIT_MS)
    assert vault.grants.listing()[0].status is GrantStatus.REVOKED
    assert brand.holds() == {grant.id: (1, "revoked", {})}
    assert vault.audit.verify().ok

    # 6. Lock: the key is gone.
    window.lock_action.trigger()
    assert window.vault is None and vault.is_locked
