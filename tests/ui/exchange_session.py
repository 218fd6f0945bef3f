"""Fixtures for the Brands and Shared page tests: a real vault on disk, opened in a Session
with real worker threads, talking to in-memory brands (no socket is opened)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tests.conftest import MadeVault
from tests.ui.fake_brands import FakeTransport
from tests.vault.exchange_helpers import Clock
from ui.session import Session
from vault.vault import Vault


@dataclass
class Opened:
    vault: Vault
    session: Session
    transport: FakeTransport
    clock: Clock


@pytest.fixture
def opened(made_vault: MadeVault, qtbot: Any) -> Iterator[Opened]:
    """An unlocked vault on a clock the test can move, and a Session, not yet opened."""
    clock = Clock()
    vault = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=clock)
    transport = FakeTransport()
    vault.delivery.transport = transport
    session = Session()
    yield Opened(vault, session, transport, clock)
    session.lock()
    QThreadPool.globalInstance().waitForDone(10_000)
    if not vault.is_locked:
        vault.lock()


def cell(model: Any, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, column, QModelIndex()), role)


@dataclass
class Answer:
    """A `confirm` seam that records what it was asked and answers as told."""

    reply: bool
    asked: list[tuple[str, str, str, str]] = field(default_factory=list)

    def __call__(self, parent: QWidget | None, title: str, text: str, details: str,
                 yes_text: str) -> bool:
        self.asked.append((title, text, details, yes_text))
        return self.reply


@dataclass
class SeenBox:
    text: str = ""
    details: str = ""
    formats: list[Qt.TextFormat] = field(default_factory=list)
    default_role: QMessageBox.ButtonRole | None = None


def answer_next_box(role: QMessageBox.ButtonRole, seen: SeenBox) -> None:
    """When the next modal message box opens, note what it shows and click the button of `role`."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        from PySide6.QtWidgets import QLabel

        seen.text = box.text()
        seen.details = box.informativeText()
        seen.formats = [label.textFormat() for label in box.findChildren(QLabel)
                        if label.text()]
        default = box.defaultButton()
        seen.default_role = box.buttonRole(default) if default is not None else None
        for button in box.buttons():
            if box.buttonRole(button) == role:
                button.click()
                return

    QTimer.singleShot(0, answer)


def wait_until(qtbot: Any, condition: Callable[[], bool], timeout: int = 10_000) -> None:
    qtbot.waitUntil(condition, timeout=timeout)
