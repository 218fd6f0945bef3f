"""Re-keying the vault, safe against a crash at any point; and opening it after one.

A re-key (a passphrase change, recovery, a new recovery code) puts the database
under a new random data key, so that an old header or backup, with the secret it
was made with, opens only the data as it was then, never anything written later.

The steps, each durable before the next begins:

1. the new header (both slots holding the new key, MAC'd under it) is written to
   `vault.header.next` (temporary file, fsync, rename, directory fsync);
2. the database is re-encrypted under the new key: one SQLite transaction, so the
   file is under the old key until its commit and under the new key from it on;
3. `vault.header.next` is renamed over `vault.header` (then the directory fsync).

A kill before the commit of 2 leaves the old header and the database under the old
key (the old secret opens it; the new one does not), after it the database under
the new key and its header either pending or in place (the new secret opens it; the
old one does not). So at unlock: if the database does not open with the key of
`vault.header` and a pending header is there, the pending one is tried, and if its
key opens the database it is put in place (step 3, finished late). If the database
opens with the key of `vault.header`, a pending header is a re-key that never
happened, and is removed.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from ..errors import HeaderCorrupted, StorageFull, VaultCorrupted, WrongCredentials
from . import keys
from .fsutil import remove_file, remove_leftovers, replace_file
from .header import Header, header_path, pending_header_path, read_header, write_header
from .slots import Opened, Opener, PassphraseKey, RecoveryTarget, build_header
from .store import Store, database_path


def to_new_key(
    store: Store, directory: Path, current: Header, old_key: bytearray,
    passphrase: PassphraseKey, recovery: RecoveryTarget, passphrase_changed_at: int,
) -> tuple[Header, bytearray]:
    """Re-key under a new random data key, with these slots; returns the new header and
    key (the old key is the caller's to wipe). On an error, as `apply` says."""
    new_key = keys.new_data_key()
    try:
        header = build_header(
            vault_id=current.vault_id, created_at=current.created_at,
            passphrase_changed_at=passphrase_changed_at, data_key=new_key,
            passphrase=passphrase, recovery=recovery,
        )
        apply(store, directory, header, old_key, new_key)
    except BaseException:
        keys.wipe(new_key)
        raise
    return header, new_key


def apply(
    store: Store, directory: Path, header: Header, old_key: bytearray, new_key: bytearray
) -> None:
    """Make `header` (holding `new_key`) the vault's header and put the database under
    `new_key`. On an error the database and the header are as they were, unless neither
    key opens the database any more (VaultCorrupted), when the pending header is kept for
    the next unlock to sort out."""
    write_header(directory, header, pending=True)
    try:
        store.rekey(old_key, new_key)
    except VaultCorrupted:
        raise
    except BaseException:
        _discard_pending(directory)
        raise
    # From here the change is durable: the next unlock finishes the rename if it fails now.
    with contextlib.suppress(OSError, StorageFull):
        replace_file(pending_header_path(directory), header_path(directory))


# Temporary files the vault writes into its own directory (fsutil.atomic_write, a backup's
# scratch copy of the database): left behind only by a process that was killed.
LEFTOVERS = (".vault.header.*.tmp", ".backup-*.db", ".backup-*.db-journal")


def open_database(directory: Path, opener: Opener) -> tuple[Header, Opened, Store]:
    """The header that opens the database with `opener`'s secret, its key, and the store,
    once what a killed process left is sorted out (call it holding the directory lock).

    Raises WrongCredentials when the secret opens neither the header whose key opens the
    database nor a pending one, HeaderCorrupted for a header with a bad MAC, and
    VaultCorrupted when the database opens with no key at hand or is another vault's.
    """
    remove_leftovers(directory, LEFTOVERS)  # a header change or a backup killed half-way
    header, opened, store = _open_database(directory, opener)
    row = store.query_one("SELECT value FROM meta WHERE key = 'vault_id'")
    if row is None or str(row[0]) != header.vault_id:
        store.close()
        keys.wipe(opened.data_key)
        raise VaultCorrupted("the database does not belong to this header")
    return header, opened, store


def _open_database(directory: Path, opener: Opener) -> tuple[Header, Opened, Store]:
    header = read_header(directory)
    has_pending = pending_header_path(directory).is_file()
    try:
        opened = opener(header)
    except WrongCredentials as wrong:
        if not has_pending:
            raise
        return _open_pending(directory, opener, wrong)
    try:
        store = _open_store(directory, header, opened)
    except VaultCorrupted as damaged:
        if not has_pending:
            raise
        return _open_pending(directory, opener, damaged)
    if has_pending:  # the database never took the pending header's key
        _discard_pending(directory)
    return header, opened, store


def _open_pending(
    directory: Path, opener: Opener, first_error: Exception
) -> tuple[Header, Opened, Store]:
    """Open with the pending header of a re-key killed before its rename."""
    try:
        pending = read_header(directory, pending=True)
        opened = opener(pending)
    except WrongCredentials as wrong:
        if isinstance(first_error, VaultCorrupted):
            # The secret opens only the old header, whose key no longer opens the database:
            # the re-key landed, and only its new secret opens the vault now.
            raise wrong from None
        raise first_error from None
    except HeaderCorrupted:
        raise first_error from None
    try:
        store = _open_store(directory, pending, opened)
    except VaultCorrupted:
        if isinstance(first_error, WrongCredentials):
            # The secret opens only the pending header of a re-key that never landed.
            raise first_error from None
        raise
    # Finish the re-key's last step; if the rename fails now, the next unlock tries again.
    with contextlib.suppress(OSError, StorageFull):
        replace_file(pending_header_path(directory), header_path(directory))
    return pending, opened, store


def _open_store(directory: Path, header: Header, opened: Opened) -> Store:
    try:
        if not header.mac_is_valid(opened.data_key):
            raise HeaderCorrupted("header MAC does not match")
        return Store.open(database_path(directory), opened.data_key)
    except BaseException:
        keys.wipe(opened.data_key)
        raise


def _discard_pending(directory: Path) -> None:
    with contextlib.suppress(OSError):
        remove_file(pending_header_path(directory))
