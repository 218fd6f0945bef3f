"""Disk full: a clear typed error (StorageFull), old data intact, the app keeps running.

Two ways to fill the disk: RLIMIT_FSIZE in a child process (writes past the limit fail
with EFBIG, which SQLite reports only as "disk I/O error"), and, where this test may
mount one (root), a small tmpfs that a filler file fills (ENOSPC). Each of a field write,
a share, a backup and a passphrase change is repeated until the disk refuses it; the same
process then checks the vault, frees the space and carries on. Afterwards the vault is
opened again and compared with what was acknowledged.
"""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.hardening.acked import Model, check_whole
from tests.hardening.disk_full_worker import ORIGIN_FILE, PASSPHRASES, fill
from tests.support.children import subprocess_env
from tests.support.request_only import make_brand
from tests.support.small_disk import small_tmpfs
from tests.support.vaults import FAST_KDF, PROJECT_ROOT
from vault.storage import backup
from vault.vault import Vault
from zpd.fieldtypes import FieldType, Sensitivity

SCENARIOS = ("field", "share", "backup", "passphrase")
TMPFS_BYTES = 6 * 1024 * 1024


@pytest.fixture(params=["rlimit", "tmpfs"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def place(mode: str, tmp_path: Path) -> Iterator[Path]:
    """Where the vault goes: a plain folder for rlimit, a fresh small tmpfs otherwise."""
    root = tmp_path / "fs"
    root.mkdir()
    if mode == "rlimit":
        yield root
        return
    with small_tmpfs(root, TMPFS_BYTES, otherwise="the rlimit variant covers this"):
        yield root


@dataclass
class Prepared:
    directory: Path
    work: Path
    origin: str
    grants: list[str]
    backup: Path


def prepare(place: Path, tmp_path: Path) -> Prepared:
    directory = place / "vault"
    work = place  # backups are written to the same (full) disk
    vault, _ = Vault.create(directory, PASSPHRASES[0], kdf=FAST_KDF)
    brand = make_brand("https://shoes.example")
    with vault:
        vault.fields.define("x_note", "Note", FieldType.TEXT, Sensitivity.LOW)
        vault.fields.set("x_note", "first note")
        vault.fields.set("shoe_size_eu", 42)
        vault.brands.import_request(brand.request)
        grants = [vault.grants.share(brand.origin, "fit-advice").grant.id]
        (work / "backups").mkdir()
        backup = work / "backups" / "before.zpvbak"
        vault.backup_to(backup)
    (work / ORIGIN_FILE).write_text(brand.origin)
    return Prepared(directory, work, brand.origin, grants, backup)


def limit_for(mode: str, scenario: str, directory: Path) -> int:
    """RLIMIT_FSIZE bytes (rlimit), or bytes left free on the tmpfs."""
    largest = max(p.stat().st_size for p in directory.iterdir())
    database = (directory / "vault.db").stat().st_size
    if mode == "rlimit":
        return {"field": largest + 65536, "share": largest + 65536,
                "backup": database // 2, "passphrase": 512}[scenario]
    return {"field": 262144, "share": 262144, "backup": 32768, "passphrase": 0}[scenario]


def run_worker(mode: str, scenario: str, prepared: Prepared, limit: int,
               state: Path) -> list[dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, "-m", "tests.hardening.disk_full_worker", mode, scenario,
         str(prepared.directory), str(prepared.work), str(limit)],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=300,
        env=subprocess_env(state),
    )
    assert result.returncode == 0, (result.stdout, result.stderr[-3000:])
    assert "Traceback" not in result.stderr, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_full_disk_is_a_typed_error_and_loses_nothing(
    mode: str, place: Path, tmp_path: Path, scenario: str, state_dir: Path
) -> None:
    prepared = prepare(place, tmp_path)
    limit = limit_for(mode, scenario, prepared.directory)
    messages = run_worker(mode, scenario, prepared, limit, state_dir)

    acks = [m["ack"] for m in messages if "ack" in m]
    [refusal] = [m for m in messages if "refused" in m]
    [checks] = [m["checks"] for m in messages if "checks" in m]
    [after] = [m for m in messages if "after_free" in m or "after_free_error" in m]
    assert refusal["refused"] == "StorageFull", (refusal, acks)
    if scenario in ("field", "share"):
        assert acks, "some writes went through before the disk filled"
        print(mode, scenario, len(acks), "acknowledged before the disk was full")
    # Still running while the disk is full: old data reads back, checks pass, no debris.
    assert checks["integrity"] == [] and checks["audit_ok"], checks
    assert not [n for n in checks["files"] if n.endswith(".tmp") or n.startswith(".backup-")]
    # ... and once there is room again, the same operation succeeds in the same process.
    assert "after_free" in after, after

    with Vault.unlock(prepared.directory, current_passphrase(scenario, acks, after)) as vault:
        assert vault.integrity_problems() == [] and vault.audit.verify().ok
        if scenario == "field":
            assert checks["x_note"] == (acks[-1] if acks else "first note")
            assert vault.fields.get("x_note") == after["after_free"]
            values = [h.value for h in vault.fields.history("x_note")]
            assert values == ["first note", *acks, after["after_free"]]
        if scenario == "share":
            expected = sorted([*prepared.grants, *acks])
            assert checks["grants"] == expected  # the refused share left nothing behind
            expected = sorted([*expected, after["after_free"]])
            assert sorted(g.id for g in vault.grants.listing()) == expected
        # Every grant, version, field change whole (the fault suite's checks).
        check_whole(vault, Model(PASSPHRASES[0]), f"{mode} {scenario}")
        if scenario == "backup":
            for path in [*acks, after["after_free"], str(prepared.backup)]:
                backup.read_backup(Path(path))  # complete and well formed
            for leftover in (prepared.work / "backups").iterdir():
                assert not leftover.name.startswith("."), leftover  # no temporary file left
                backup.read_backup(leftover)
    # The header on disk opens with the passphrase acknowledged last, and the open vault
    # agrees: a refused change left both as they were.
    last_passphrase = acks[-1] if scenario == "passphrase" and acks else PASSPHRASES[0]
    assert checks["passphrase_on_disk"] == last_passphrase and checks["same_in_memory"]
    assert [p for p in prepared.directory.iterdir() if p.name.startswith(".")] == []


def current_passphrase(scenario: str, acks: list[Any], after: dict[str, Any]) -> str:
    if scenario == "passphrase":
        return str(after["after_free"])
    return PASSPHRASES[0]


def _limited(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))


def test_the_cli_says_disk_full_in_one_line_and_exits_1(
    mode: str, place: Path, tmp_path: Path, state_dir: Path
) -> None:
    prepared = prepare(place, tmp_path)
    env = subprocess_env(state_dir, ZPV_VAULT=str(prepared.directory),
                         ZPV_PASSPHRASE=PASSPHRASES[0])
    note = "cli " + uuid.uuid4().hex * 14
    command = [sys.executable, "-m", "vault", "set", "x_note", note]
    if mode == "rlimit":
        limit = 4096  # below the write-ahead log's next frame
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=PROJECT_ROOT,
                                timeout=120, preexec_fn=lambda: _limited(limit))
    else:
        fill("tmpfs", prepared.directory, prepared.work, 0)
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=PROJECT_ROOT,
                                timeout=120)
        (place / "filler").unlink()
    assert result.returncode == 1, result
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["zpv: the disk is full; nothing was changed"], result
    with Vault.unlock(prepared.directory, PASSPHRASES[0]) as vault:
        assert vault.fields.get("x_note") == "first note"
        assert vault.integrity_problems() == [] and vault.audit.verify().ok
