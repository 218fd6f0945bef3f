"""A transparency report exported to a full disk: a clear StorageFull, the file there before
left as it was, and no temporary file (the report holds what the person shared)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks import generate
from tests.hardening.test_disk_full import _can_mount, cannot
from ui.report.export import ReportFormat, export_report
from vault.errors import StorageFull
from vault.vault import Vault

SMALL_DISK = 64 * 1024  # bytes: less than either report of the vault below


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "small"
    root.mkdir()
    if not _can_mount():
        cannot("mounting a tmpfs needs root on Linux")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK},mode=0700",
                              "tmpfs", str(root)], capture_output=True, text=True)
    if mounted.returncode != 0:
        cannot(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield root
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)


@pytest.mark.parametrize("kind", list(ReportFormat))
def test_a_report_too_large_for_the_disk_is_storage_full_and_leaves_the_old_file(
    qapp: object, tmp_path: Path, small_disk: Path, kind: ReportFormat
) -> None:
    directory = tmp_path / "vault"
    now, _ = generate._generate(directory, generate.Scale(brands=2, grants=150, audit=10))
    vault = Vault.unlock(directory, generate.PASSPHRASE, clock=lambda: now)
    out = small_disk / f"report.{kind.value}"
    out.write_bytes(b"the report before")
    with pytest.raises(StorageFull):
        export_report(vault, None, out, kind, replace=True)
    assert out.read_bytes() == b"the report before"
    assert [p.name for p in small_disk.iterdir()] == [out.name]
    roomy = tmp_path / f"roomy.{kind.value}"  # the same report fits elsewhere: it was the disk
    export_report(vault, None, roomy, kind)
    vault.lock()
    assert roomy.stat().st_size > SMALL_DISK
