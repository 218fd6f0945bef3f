"""Fixtures for the Brands and Shared page tests: a real vault on disk, opened in a Session
with real worker threads, talking to the brand kit's real receivers in process (no socket
is opened)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tests.support.clock import Clock
from tests.support.in_process import BrandsInProcess
from ui.session import Session
from vault.vault import Vault


@dataclass
class Opened:
    vault: Vault
    session: Session
    transport: BrandsInProcess
    clock: Clock


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
