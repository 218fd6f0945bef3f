"""Fixtures for the tests in a real browser: Debian's Chromium, or a skip that says why."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support import gui_thread

from .chromium import chromium, skip_reason


@pytest.fixture(autouse=True, scope="module")
def gui_thread_as_in_the_app(qapp: Any) -> Iterator[None]:
    """The app runs here with its workers: its collector and GIL as in the app (ui/app.py)."""
    with gui_thread.gui_thread_as_in_the_app(qapp):
        yield


@pytest.fixture
def browser() -> Iterator[object]:
    reason = skip_reason()
    if reason is not None:
        pytest.skip(reason)
    with chromium() as driver:
        yield driver
