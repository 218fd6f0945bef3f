"""Restore a one-file backup into a vault directory, never losing the vault already there."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from ..errors import (
    BackupInvalid,
    HeaderCorrupted,
    NotAVault,
    VaultCorrupted,
    VaultExists,
    WrongRecoveryCode,
)
from . import backup
from .fsutil import PRIVATE_DIR, DirectoryLock, sync_directory
from .header import header_path
from .slots import Opener
from .store import database_path


class StagedVault(Protocol):
    """The backup's vault, unlocked in its staging directory: what a restore asks of it."""

    def authenticate_backup(self, contents: backup.BackupContents) -> None: ...
    def integrity_problems(self) -> list[str]: ...
    def lock(self) -> None: ...


Staged = TypeVar("Staged", bound=StagedVault)


def restore_backup(
    backup_file: Path,
    directory: Path,
    *,
    replace: bool,
    now: int,
    openers: Sequence[Opener],
    unlock: Callable[[Path, Opener], Staged],
    checked: Callable[[Staged], None],
) -> Path | None:
    """Nothing is touched until the backup has been unlocked (`unlock` with each opener in
    turn, while it is the wrong recovery code), authenticated and checked; `checked` is
    then called on it (the caller records the restore) before it is locked and moved in."""
    directory = Path(directory)
    occupied = directory.exists() and (not directory.is_dir() or any(directory.iterdir()))
    if occupied and not replace:
        raise VaultExists(str(directory))
    contents = backup.read_backup(Path(backup_file))
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = directory.with_name(f".{directory.name}.restoring-{secrets.token_hex(4)}")
    staging.mkdir(mode=PRIVATE_DIR)
    try:
        _write_private(header_path(staging), contents.header)
        _write_private(database_path(staging), contents.database)
        try:
            restored = _unlock_with_any(staging, openers, unlock)
        except (NotAVault, HeaderCorrupted, VaultCorrupted) as exc:
            raise BackupInvalid(str(exc)) from exc
        try:
            restored.authenticate_backup(contents)
            if restored.integrity_problems():
                raise BackupInvalid("the database in the backup fails its integrity check")
            checked(restored)
        finally:
            restored.lock()
        moved_aside = _move_aside(directory, now) if occupied else None
        os.replace(staging, directory)
        sync_directory(directory.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return moved_aside


def _unlock_with_any(
    staging: Path, openers: Sequence[Opener], unlock: Callable[[Path, Opener], Staged]
) -> Staged:
    *first, last = openers
    for opener in first:
        with contextlib.suppress(WrongRecoveryCode):
            return unlock(staging, opener)
    return unlock(staging, last)


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _move_aside(directory: Path, now: int) -> Path:
    """Rename an existing vault out of the way (refused while it is open elsewhere)."""
    lock = DirectoryLock(directory)
    lock.acquire()
    try:
        aside = directory.with_name(
            f"{directory.name}.before-restore-{now}-{secrets.token_hex(2)}"
        )
        os.replace(directory, aside)
    finally:
        lock.release()
    return aside
