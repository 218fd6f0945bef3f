"""Fixtures for the tests in a real browser: Debian's Chromium, or a skip that says why."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support import gui_collector

from .chromium import chromium, skip_reason


@pytest.fixture(autouse=True, scope="module")
def collector_on_the_gui_thread(qapp: Any) -> Iterator[None]:
    """The app runs here with its workers: its cycle collector as in the app (ui/app.py)."""
    with gui_collector.collector_on_the_gui_thread(qapp):
        yield


@pytest.fixture
def browser() -> Iterator[object]:
    reason = skip_reason()
    if reason is not None:
        pytest.skip(reason)
    with chromium() as driver:
        yield driver
