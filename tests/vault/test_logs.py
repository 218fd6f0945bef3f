"""Where the vault's log lines go: the app's private, rotating file; `zpv -v` on stderr,
and nothing at all from `zpv` without it."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.vaults import MadeVault
from vault import logs


@pytest.fixture
def restored_logging() -> Iterator[None]:
    yield
    logs.to_stderr(0)


def test_the_file_is_private_and_rotates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restored_logging: None
) -> None:
    monkeypatch.setenv(logs.LOG_ENV, str(tmp_path / "log"))
    monkeypatch.setattr(logs, "LOG_BYTES", 2048)
    path = logs.to_file()
    assert path == tmp_path / "log" / logs.LOG_NAME
    for i in range(200):
        logging.getLogger("vault.test").info("line %d of the log, long enough to rotate", i)
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == [logs.LOG_NAME, *(f"{logs.LOG_NAME}.{n}" for n in (1, 2, 3))]
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for file in path.parent.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
    assert "line 199 of the log" in path.read_text()


def test_a_log_folder_that_cannot_be_made_means_no_file(
    tmp_path: Path, restored_logging: None
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("")
    assert logs.to_file(directory=blocker / "log") is None


@pytest.mark.slow
def test_zpv_says_what_happens_only_with_v(made_vault: MadeVault) -> None:
    quiet = run_cli("set", "diet", "vegan", vault_dir=made_vault.directory)
    assert quiet.returncode == 0 and quiet.stderr == ""
    told = run_cli("-v", "get", "diet", vault_dir=made_vault.directory)
    assert told.returncode == 0 and "INFO vault.vault: vault unlocked" in told.stderr
    assert "DEBUG" not in told.stderr and "vegan" not in told.stderr
    detailed = run_cli("get", "diet", "-vv", vault_dir=made_vault.directory)
    assert detailed.returncode == 0 and "vault unlocked" in detailed.stderr
