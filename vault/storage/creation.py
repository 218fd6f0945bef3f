"""Creating a vault's files: built in a sibling directory and renamed into place, so a
crash never leaves half a vault."""

from __future__ import annotations

import os
import secrets
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from ..errors import VaultExists
from .fsutil import PRIVATE_DIR, sync_directory
from .header import write_header
from .slots import Opened, PassphraseKey, build_header
from .store import Connection, Store, database_path


def refuse_occupied(directory: Path) -> None:
    """VaultExists unless `directory` is absent or an empty directory."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise VaultExists(str(directory))


def create_files(
    directory: Path, opened: Opened, passphrase: PassphraseKey, now: int, *,
    fill: Callable[[Connection], None], vault_id: str | None = None,
    master_seed: bytes | None = None,
) -> None:
    """A new vault at `directory`: the database under `opened.data_key` (a new id, a new
    master seed, then whatever `fill` writes in the same transaction) and its header, whose
    slots open it with the passphrase and with the recovery code of `opened.recovery`.
    Another device of a synced vault gives that vault's id and master seed."""
    if opened.recovery is None:
        raise ValueError("a new vault needs its recovery code")
    header = build_header(
        vault_id=vault_id or str(uuid.uuid4()), created_at=now, passphrase_changed_at=now,
        data_key=opened.data_key, passphrase=passphrase, recovery=opened.recovery,
    )
    data_key = opened.data_key
    refuse_occupied(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = directory.with_name(f".{directory.name}.creating-{secrets.token_hex(4)}")
    staging.mkdir(mode=PRIVATE_DIR)
    try:
        store = Store.open(database_path(staging), data_key, create=True)
        try:
            with store.transaction() as connection:
                connection.execute(
                    "INSERT INTO meta (key, value) VALUES ('vault_id', ?), ('master_seed', ?)",
                    (header.vault_id, master_seed or secrets.token_bytes(32)),
                )
                fill(connection)
        finally:
            store.close()
        write_header(staging, header)
        os.replace(staging, directory)
        sync_directory(directory.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
