"""Fixtures for every test: private state and log folders, and real vaults on disk with
cheap KDF settings (tests/support/vaults.py)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import PRIVATE_FOLDERS
from tests.support.vaults import MadeVault, make_vault
from vault.vault import Vault


@pytest.fixture(autouse=True, scope="session")
def private_state_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Rollback records (what each vault's history looked like last time) and the app's
    log go to throwaway folders, never the person's own state or log folder."""
    state, logs = tmp_path_factory.mktemp("state"), tmp_path_factory.mktemp("logs")
    previous = {name: os.environ.get(name) for name in PRIVATE_FOLDERS}
    os.environ["ZPV_STATE_DIR"] = str(state)
    os.environ["ZPV_LOG_DIR"] = str(logs)
    yield state
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True, scope="session")
def private_runtime_dir() -> Iterator[Path]:
    """The running app's lock and socket (ui/single_instance.py) in a throwaway runtime
    folder: an app a test starts never hands its link to the person's running app, nor to
    another test run's. Short, as a socket's path must be."""
    runtime = Path(tempfile.mkdtemp(prefix="zpv-rt-"))
    previous = os.environ.get("XDG_RUNTIME_DIR")
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    yield runtime
    if previous is None:
        os.environ.pop("XDG_RUNTIME_DIR", None)
    else:
        os.environ["XDG_RUNTIME_DIR"] = previous
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture
def made_vault(tmp_path: Path) -> Iterator[MadeVault]:
    """A locked vault on disk, created with FAST_KDF."""
    yield make_vault(tmp_path / "vault")


@pytest.fixture
def vault(made_vault: MadeVault) -> Iterator[Vault]:
    """An unlocked vault, locked again after the test."""
    opened = made_vault.unlock()
    yield opened
    if not opened.is_locked:
        opened.lock()
