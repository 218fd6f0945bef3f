"""File-system helpers: atomic private writes and the one-process-per-vault lock."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import weakref
from collections.abc import Iterable
from pathlib import Path

from ..errors import StorageFull, VaultBusy

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


WRITE_BATCH = 1 << 20  # bytes of small chunks gathered into one write


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so a reader sees the old or the new bytes, never a mix.

    The temporary file is created with mode 0600 before any byte is written,
    flushed to disk, renamed over the target, and the directory entry is synced.
    """
    atomic_write_chunks(path, (data,))


def atomic_write_chunks(path: Path, chunks: Iterable[bytes]) -> None:
    """`atomic_write` of the chunks one after the other, as they are made: a large file is
    never held whole in memory. Whatever stops the chunks (an error making one, or the
    disk) leaves `path` as it was and no temporary file behind."""
    file = AtomicFile(path)
    try:
        gathered: list[bytes] = []
        size = 0
        for chunk in chunks:
            gathered.append(chunk)
            size += len(chunk)
            if size >= WRITE_BATCH:
                file.write(b"".join(gathered))
                gathered, size = [], 0
        file.write(b"".join(gathered))
    except BaseException:
        file.discard()
        raise
    file.commit()


class AtomicFile:
    """A new version of `path`, written to a private temporary file beside it (mode 0600
    from its creation; `fd` may read back what was written) that `commit` syncs and
    renames over `path`, or `discard` removes: a reader sees the old file or the new,
    never a part. A full disk is StorageFull. One dropped before either (its owner gone)
    is discarded when it is collected, or when the app exits: the temporary file may hold
    what the person shared."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            self.fd: int | None = os.open(self.temporary, os.O_RDWR | os.O_CREAT | os.O_EXCL,
                                          PRIVATE_FILE)
        except OSError as exc:
            _raise_if_full(exc, path)
            raise
        self._left_over = weakref.finalize(self, _remove_left_over, self.fd, self.temporary)

    def write(self, data: bytes) -> None:
        assert self.fd is not None, "written after its commit or discard"
        view = memoryview(data)
        try:
            while view:
                written = os.write(self.fd, view)
                view = view[written:]
        except OSError as exc:
            self.discard()
            _raise_if_full(exc, self.path)
            raise

    def commit(self) -> None:
        assert self.fd is not None, "committed twice, or after a discard"
        self._left_over.detach()
        fd, self.fd = self.fd, None
        try:
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(self.temporary, self.path)
        except OSError as exc:
            self.temporary.unlink(missing_ok=True)
            _raise_if_full(exc, self.path)
            raise
        sync_directory(self.path.parent)

    def discard(self) -> None:
        """Nothing written: the temporary file is removed (again harmless)."""
        self._left_over.detach()
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)
        self.temporary.unlink(missing_ok=True)


def _remove_left_over(fd: int, temporary: Path) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)
    temporary.unlink(missing_ok=True)


def _raise_if_full(error: OSError, path: Path) -> None:
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        raise StorageFull(str(path)) from error


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
