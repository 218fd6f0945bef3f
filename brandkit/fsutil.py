"""Atomic file writes: a reader sees the old file or the new one, never a mix."""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

PRIVATE_FILE = 0o600
PUBLIC_FILE = 0o644
PRIVATE_DIR = 0o700


def write_new(path: Path, data: bytes, mode: int = PRIVATE_FILE) -> None:
    """Create `path` with `data`; FileExistsError if it exists, even if it appears meanwhile.

    The temporary file is created with `mode` before any byte is written,
    synced, then hard-linked to its name (which never replaces a file) and the
    directory synced.
    """
    tmp = _write_temp(path, data, mode)
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
    finally:
        tmp.unlink(missing_ok=True)
    sync_directory(path.parent)


def replace(path: Path, data: bytes, mode: int = PUBLIC_FILE) -> None:
    """Create or replace `path` with `data`, atomically."""
    tmp = _write_temp(path, data, mode)
    try:
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    sync_directory(path.parent)


def _write_temp(path: Path, data: bytes, mode: int) -> Path:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.fchmod(fd, mode)  # the umask may have narrowed a public file's mode
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except OSError:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


def sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
