"""File-system helpers: atomic private writes and the one-process-per-vault lock."""

from __future__ import annotations

import errno
import fcntl
import os
import secrets
from pathlib import Path

from ..errors import StorageFull, VaultBusy

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so a reader sees the old or the new bytes, never a mix.

    The temporary file is created with mode 0600 before any byte is written,
    flushed to disk, renamed over the target, and the directory entry is synced.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise StorageFull(str(path)) from exc
        raise
    sync_directory(path.parent)


def replace_file(source: Path, target: Path) -> None:
    """Rename `source` over `target` atomically, then sync the directory entry."""
    os.replace(source, target)
    sync_directory(target.parent)


def remove_file(path: Path) -> None:
    """Delete `path` if it is there, and sync the directory entry."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    sync_directory(path.parent)


def save_private(path: Path, data: bytes) -> None:
    """Write a file for the person (a recovery code they chose to save): mode 0600, written
    atomically, never through a symbolic link. An existing link at `path` is refused
    (ELOOP) rather than replaced or followed; the rename would replace a link planted
    after that check, never write through it."""
    if path.is_symlink():
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
    atomic_write(path, data)


def remove_leftovers(directory: Path, patterns: tuple[str, ...]) -> list[str]:
    """Delete what a killed writer left behind (its temporary files); returns their names.

    Only for names the vault itself gives to temporary files, and only while holding the
    directory lock, so no live writer can be using them.
    """
    removed = []
    for pattern in patterns:
        for path in directory.glob(pattern):
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path.name)
    return removed


def sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class DirectoryLock:
    """An exclusive advisory lock on the vault directory itself.

    flock on the directory's file descriptor writes nothing to disk, so a
    refused open leaves every file as it was; the kernel drops the lock when
    the process dies, so a crash never leaves a stale lock behind.
    """

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self._directory, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise VaultBusy(str(self._directory)) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
