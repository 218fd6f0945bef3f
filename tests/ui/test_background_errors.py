"""A fault of the app's own in a background task leaves its traceback in the log; an error
the app words for people (the vault's, the network's, the disk's) is left to its caller."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from ui.tasks import run_task
from vault.errors import VaultLocked


def run_and_wait(qtbot: QtBot, error: BaseException) -> BaseException | None:
    owner = QObject()
    seen: list[BaseException | None] = []

    def broken_work() -> None:
        raise error

    run_task(owner, broken_work, lambda _result, failure: seen.append(failure))
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    return seen[0]


def test_an_unexpected_error_logs_its_traceback(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        error = TypeError("a fault of the app's own")
        assert run_and_wait(qtbot, error) is error  # the caller still hears of it
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.name == "ui.tasks" and record.exc_info is not None
    assert "broken_work" in caplog.text and "TypeError" in caplog.text


@pytest.mark.parametrize("error", [VaultLocked(), FileExistsError("report.pdf")])
def test_an_error_the_app_words_is_not_logged(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, error: BaseException
) -> None:
    with caplog.at_level(logging.DEBUG):
        assert run_and_wait(qtbot, error) is error
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
