"""Shared fixtures: real vaults on disk with cheap KDF settings, and the CLI in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from vault.storage.keys import KdfParams
from vault.vault import Vault

# Real Argon2id, at a cost that keeps the suite quick; tests of the defaults use DEFAULT_KDF.
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASSPHRASE = "tulip lantern orbit 42"
NEW_PASSPHRASE = "saffron kettle meadow 7"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
PRIVATE_FOLDERS = ("ZPV_STATE_DIR", "ZPV_LOG_DIR")


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


@dataclass
class MadeVault:
    directory: Path
    passphrase: str
    recovery_code: str

    def unlock(self) -> Vault:
        return Vault.unlock(self.directory, self.passphrase)


@pytest.fixture
def made_vault(tmp_path: Path) -> Iterator[MadeVault]:
    """A locked vault on disk, created with FAST_KDF."""
    directory = tmp_path / "vault"
    vault, code = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    vault.lock()
    yield MadeVault(directory, PASSPHRASE, code)


@pytest.fixture
def vault(made_vault: MadeVault) -> Iterator[Vault]:
    """An unlocked vault, locked again after the test."""
    opened = made_vault.unlock()
    yield opened
    if not opened.is_locked:
        opened.lock()


def clean_environment() -> dict[str, str]:
    """This process's environment without the person's vault settings (ZPV_*), but with
    the test run's private state and log folders."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith("ZPV_") or k in PRIVATE_FOLDERS}


def run_cli(
    *args: str, vault_dir: Path | None = None, passphrase: str | None = PASSPHRASE,
    env: dict[str, str] | None = None, timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m vault ARGS` as a person's shell would, with no terminal attached."""
    environment = clean_environment()
    if vault_dir is not None:
        environment["ZPV_VAULT"] = str(vault_dir)
    if passphrase is not None:
        environment["ZPV_PASSPHRASE"] = passphrase
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "vault", *args], capture_output=True, text=True,
        env=environment, stdin=subprocess.DEVNULL, timeout=timeout, cwd=PROJECT_ROOT,
    )


def file_digests(directory: Path) -> dict[str, str]:
    """SHA-256 of every file in a directory, by name."""
    import hashlib

    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.iterdir()) if p.is_file()
    }
