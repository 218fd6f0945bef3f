"""Hardening tests: each gets its own rollback state directory (ZPV_STATE_DIR), so what one
test's vaults leave there never reaches another test or the user's real state folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from vault.storage.rollback import STATE_ENV

# `ZPV_HARDENING_FULL=1` runs the slower, longer versions (more kills, more examples).
FULL = os.environ.get("ZPV_HARDENING_FULL", "") not in ("", "0")


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    directory = tmp_path / "state"
    monkeypatch.setenv(STATE_ENV, str(directory))
    yield directory


def subprocess_env(state: Path, **extra: str) -> dict[str, str]:
    """The environment for a child process: no ZPV_ settings of the caller but the state dir."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ZPV_")}
    environment[STATE_ENV] = str(state)
    environment.update(extra)
    return environment
