"""The devices of one vault sharing a folder, made fresh for each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.devices import Setting, SharedClock


@pytest.fixture
def setting(tmp_path: Path) -> Iterator[Setting]:
    made = Setting(tmp_path, SharedClock())
    yield made
    made.close()

