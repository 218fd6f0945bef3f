"""Locking answers No to a question still open: a question ("Revoke what you share with
...?") left over the lock screen would show what the lock hides, and its Yes would act on
a vault that is locked."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.support.in_process import in_process_brand
from tests.support.vaults import MadeVault
from tests.ui.test_delivery_problem import Window, window
from ui.main_window import MainWindow
from vault.exchange.brands import RequestSource
from vault.exchange.grants import GrantStatus
from vault.vault import Vault

__all__ = ["window"]  # a fixture, used by name


def open_questions(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_locking_closes_a_question_left_open_and_its_answer_is_no(
    qtbot: QtBot, window: Window, made_vault: MadeVault
) -> None:
    main, vault, clock, transport = window
    brand = transport.add(in_process_brand("https://shoes.example", "Shoes Example"))
    vault.brands.import_request(brand.request(), RequestSource.TEXT)
    grant = vault.grants.share(brand.origin, "fit-advice").grant
    main.open_vault(vault)
    shared = main.shared_page
    shared.reload()
    qtbot.waitUntil(lambda: shared.model.rowCount() == 1, timeout=10_000)
    shared.table.selectRow(0)
    asked: list[str] = []

    left_open: list[str] = []
    fallback = QTimer()  # so a failure fails, never hangs; stopped before the test ends
    fallback.setSingleShot(True)

    def lock_while_asked() -> None:
        asked.extend(box.text() for box in open_questions(main))
        main.lock()
        fallback.start(2_000)

    def close_what_is_left() -> None:
        for box in open_questions(main):
            left_open.append(box.text())
            box.reject()

    fallback.timeout.connect(close_what_is_left)
    QTimer.singleShot(300, main, lock_while_asked)
    shared.revoke_button.click()  # asks, and waits for the answer the lock gives
    fallback.stop()
    assert asked == ["Revoke what you share with Shoes Example?"]
    assert left_open == [] and main.session.vault is None
    reopened = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=clock)
    assert reopened.grants.get(grant.id).status is GrantStatus.ACTIVE
    reopened.lock()
