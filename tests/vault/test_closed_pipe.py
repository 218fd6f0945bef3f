"""`zpv ... | head`: a reader that stops early closes the pipe, and the command exits quietly,
as Unix tools do (status 141, 128 + SIGPIPE), with nothing on stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import CLOSED_PIPE, clean_environment, into_closed_pipe
from tests.support.vaults import PASSPHRASE, PROJECT_ROOT, MadeVault


@pytest.fixture
def vault_dir(made_vault: MadeVault) -> Path:
    with made_vault.unlock() as vault:
        vault.fields.set("diet", "vegan")
        vault.fields.set("shoe_size_eu", 42)
    return made_vault.directory


@pytest.mark.parametrize("args", [["audit"], ["fields"], ["--json", "audit"],
                                  ["history", "diet"], ["get", "diet"]])
def test_zpv_exits_quietly_when_the_reader_has_gone(vault_dir: Path, args: list[str]) -> None:
    code, stderr = into_closed_pipe("vault", *args, env={"ZPV_VAULT": str(vault_dir),
                                                         "ZPV_PASSPHRASE": PASSPHRASE})
    assert (code, stderr) == (CLOSED_PIPE, "")


@pytest.mark.slow
def test_a_pipeline_cut_short_by_head_says_nothing(made_vault: MadeVault) -> None:
    """The case as a person meets it, through a shell: `zpv audit | head -3`, with twice
    as much activity as a pipe holds (64 KiB), so that head leaves while zpv still writes."""
    with made_vault.unlock() as vault:
        for size in range(2500):  # some 190 KB of audit lines
            vault.fields.set("shoe_size_eu", 30 + (size % 40) / 2)
    command = f"set -o pipefail; '{sys.executable}' -m vault audit --limit 5000 | head -3"
    result = subprocess.run(
        ["bash", "-c", command],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120,
        env={**clean_environment(), "ZPV_VAULT": str(made_vault.directory),
             "ZPV_PASSPHRASE": PASSPHRASE},
    )
    assert (result.returncode, result.stderr) == (CLOSED_PIPE, "")
    assert len(result.stdout.splitlines()) == 3
