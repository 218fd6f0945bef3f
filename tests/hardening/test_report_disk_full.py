"""A transparency report exported to a full disk, or past a file-size limit: a clear
StorageFull, the file there before left as it was, and no temporary file (the report holds
what the person shared); and no false one."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks import generate
from tests.support.children import subprocess_env
from tests.support.small_disk import small_tmpfs
from tests.support.vaults import PROJECT_ROOT
from ui.report.export import ReportFormat, export_report
from vault.errors import StorageFull
from vault.vault import Vault

SMALL_DISK = 64 * 1024  # bytes: less than either report of the vault below


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "small"
    root.mkdir()
    with small_tmpfs(root, SMALL_DISK):
        yield root


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


RLIMITED_EXPORT = """
import resource, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.report.export import ReportFormat, export_report
from vault.errors import StorageFull
from vault.vault import Vault
directory, passphrase, now, out, kind = sys.argv[1:6]
vault = Vault.unlock(Path(directory), passphrase, clock=lambda: int(now))
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))
try:
    export_report(vault, None, Path(out), ReportFormat(kind))
except StorageFull:
    print("StorageFull")
except OSError as error:
    print("OSError", error.errno)
else:
    print("written")
"""


@pytest.mark.parametrize("kind", list(ReportFormat))
def test_a_file_size_limit_is_storage_full_for_both_formats(tmp_path: Path,
                                                          kind: ReportFormat) -> None:
    """EFBIG (a file-size limit, or a quota's EDQUOT) is the same words as a full disk,
    whichever format; Qt cannot say why its writes stopped, so the PDF asks the disk."""
    directory = tmp_path / "vault"
    now, _ = generate._generate(directory, generate.Scale(brands=2, grants=150, audit=10))
    out = tmp_path / "out"
    out.mkdir()
    child = subprocess.run(
        [sys.executable, "-c", RLIMITED_EXPORT, str(directory), generate.PASSPHRASE, str(now),
         str(out / f"report.{kind.value}"), kind.value],
        capture_output=True, text=True, timeout=300, cwd=PROJECT_ROOT,
        env=subprocess_env(tmp_path / "state", QT_QPA_PLATFORM="offscreen",
                           PYTHONPATH=str(PROJECT_ROOT)))
    assert child.stdout.strip() == "StorageFull", child.stderr[-2000:]
    assert not list(out.iterdir())


def test_a_disk_that_says_no_blocks_are_free_but_takes_the_writes_gets_the_pdf(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root writes into ext4's reserved blocks while the free count says 0: only a write
    that fails is a full disk."""
    directory = tmp_path / "vault"
    now, _ = generate._generate(directory, generate.Scale(brands=1, grants=20, audit=10))
    vault = Vault.unlock(directory, generate.PASSPHRASE, clock=lambda: now)
    real = os.fstatvfs

    def none_free(fd: int) -> os.statvfs_result:
        got = real(fd)
        return os.statvfs_result((got.f_bsize, got.f_frsize, got.f_blocks, got.f_bfree, 0,
                                  got.f_files, got.f_ffree, 0, got.f_flag, got.f_namemax))

    monkeypatch.setattr(os, "fstatvfs", none_free)
    written = export_report(vault, None, tmp_path / "report.pdf", ReportFormat.PDF)
    vault.lock()
    assert written.path.read_bytes().startswith(b"%PDF-")


def test_a_failure_reading_the_pdf_back_leaves_no_temporary_file(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "vault"
    now, _ = generate._generate(directory, generate.Scale(brands=1, grants=20, audit=10))
    vault = Vault.unlock(directory, generate.PASSPHRASE, clock=lambda: now)
    out = tmp_path / "out"
    out.mkdir()

    def failing(fd: int, length: int, offset: int) -> bytes:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "pread", failing)
    with pytest.raises(OSError) as raised:
        export_report(vault, None, out / "report.pdf", ReportFormat.PDF)
    vault.lock()
    assert raised.value.errno == errno.EIO and not list(out.iterdir())
