"""Fixtures for the tests in a real browser: Debian's Chromium, or a skip that says why."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .chromium import chromium, skip_reason


@pytest.fixture
def browser() -> Iterator[object]:
    reason = skip_reason()
    if reason is not None:
        pytest.skip(reason)
    with chromium() as driver:
        yield driver
