"""Hardening tests: each gets its own rollback state directory (ZPV_STATE_DIR), so what one
test's vaults leave there never reaches another test or the user's real state folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vault.storage.rollback import STATE_ENV


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    directory = tmp_path / "state"
    monkeypatch.setenv(STATE_ENV, str(directory))
    yield directory
