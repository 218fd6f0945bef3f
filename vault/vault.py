"""Vault: an unlocked vault's life cycle, and the managers bound to it.

A Vault object is an unlocked vault: it holds the data key, the open database and the
directory lock, and it creates, unlocks, re-keys (a new passphrase or recovery code),
remembers what it saw (rollback detection), backs up and restores. Everything else is a
manager bound to the open store and the clock:

    vault.fields        values, history, custom fields       (vault/profile)
    vault.answers       answers to brands' own questions     (vault/profile)
    vault.audit         the hash-chained activity log        (vault/profile)
    vault.brands        brands and their signed requests     (vault/exchange)
    vault.grants        sharing, revoking, expiry            (vault/exchange)
    vault.delivery      the outbox, delivered over the network
    vault.aliases       email aliases per brand (leak canaries)
    vault.leaks         alias sources, the mailbox watched, leaks found  (vault/leaks)
    vault.transparency  balances, the report, consent records, the export
    vault.sync          the vault kept in step with other devices (vault/sync)

`lock()` closes the connection, wipes the key and releases the lock; every later call,
of the vault or of a manager, raises VaultLocked.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from pathlib import Path

from . import changes
from .changes import Seen
from .clock import Clock, system_clock
from .errors import NotAVault, StorageFull, VaultLocked, VaultRolledBack
from .exchange.managers import Aliases, Brands, Delivery, Grants, Link
from .leaks.managers import Leaks
from .profile import audit, passphrase_policy
from .profile.audit import AuditAction
from .profile.managers import Answers, Audit, Fields
from .storage import backup, creation, keys, rekey, rollback, slots
from .storage.fsutil import DirectoryLock
from .storage.header import Header, encode_header, header_path
from .storage.restore import restore_backup
from .storage.store import Store
from .sync.manager import Sync
from .transparency.managers import Transparency

log = logging.getLogger(__name__)


class Vault:
    def __init__(
        self,
        directory: Path,
        header: Header,
        data_key: bytearray,
        store: Store,
        lock: DirectoryLock,
        clock: Clock,
        recovery: slots.RecoveryTarget | None = None,
    ) -> None:
        self.directory = directory
        self._header = header
        self._data_key: bytearray | None = data_key
        # What the next header's recovery slot is sealed to (None: the code must be renewed).
        self._recovery = recovery
        self._store = store
        self._lock = lock
        self._clock = clock
        # Rollback detection: the activity head is remembered outside the vault at
        # unlock and lock (not for a backup being restored in a staging directory).
        self._remember_seen = True
        self._closing_head: rollback.Head | None = None
        link = Link(store)
        self.audit = Audit(store, clock)
        self.brands = Brands(store, clock, link)
        self.grants = Grants(store, clock)
        self.fields = Fields(store, clock, on_change=self.grants.field_changed)
        self.answers = Answers(store, clock, question_of=self.brands.question,
                               on_change=self.grants.answer_changed)
        self.delivery = Delivery(store, clock, link)
        self.aliases = Aliases(store, clock)
        self.leaks = Leaks(store, clock)
        self.transparency = Transparency(
            store, clock, header.vault_id, brands=self.brands, grants=self.grants,
            delivery=self.delivery, aliases=self.aliases, audit=self.audit,
        )
        self.sync = Sync(store, clock, header.vault_id, header=lambda: self._header,
                         recovery=lambda: self._recovery)

    # -- life cycle ---------------------------------------------------------------

    @staticmethod
    def exists(directory: Path) -> bool:
        return header_path(directory).is_file()

    @classmethod
    def create(
        cls,
        directory: Path,
        passphrase: str,
        *,
        kdf: keys.KdfParams = keys.DEFAULT_KDF,
        clock: Clock = system_clock,
    ) -> tuple[Vault, str]:
        """Create a vault; returns it unlocked with the recovery code, which is shown once."""
        passphrase_policy.require_strong(passphrase)
        directory = Path(directory)
        creation.refuse_occupied(directory)
        data_key = keys.new_data_key()
        recovery_code = keys.new_recovery_code()
        now = clock()
        try:
            opened = slots.Opened(data_key, slots.RecoveryTarget.for_code(recovery_code))
            creation.create_files(
                directory, opened, slots.PassphraseKey.new(passphrase, kdf), now,
                fill=lambda connection: audit.first_entry(connection, now),
            )
        except BaseException:
            keys.wipe(data_key)
            raise
        return cls._unlock(directory, lambda _header: opened, clock, False), recovery_code

    @classmethod
    def create_device(
        cls, directory: Path, passphrase: str, *, vault_id: str, master_seed: bytes,
        recovery: slots.RecoveryTarget | None, kdf: keys.KdfParams = keys.DEFAULT_KDF,
        clock: Clock = system_clock,
    ) -> tuple[Vault, str | None]:
        """Another device's copy of a synced vault (see `vault.sync.joining`): the same id
        and master seed, its own data key. Its recovery slot is sealed to the vault's
        recovery code; with no code to seal to, a new one is made and returned."""
        passphrase_policy.require_strong(passphrase)
        directory = Path(directory)
        creation.refuse_occupied(directory)
        code = None
        if recovery is None:
            code = keys.new_recovery_code()
            recovery = slots.RecoveryTarget.for_code(code)
        data_key = keys.new_data_key()
        now = clock()
        try:
            opened = slots.Opened(data_key, recovery)
            creation.create_files(
                directory, opened, slots.PassphraseKey.new(passphrase, kdf), now,
                fill=lambda connection: audit.first_entry(connection, now),
                vault_id=vault_id, master_seed=master_seed,
            )
        except BaseException:
            keys.wipe(data_key)
            raise
        return cls._unlock(directory, lambda _header: opened, clock, False), code

    @classmethod
    def unlock(
        cls, directory: Path, passphrase: str, *, clock: Clock = system_clock,
        accept_rollback: bool = False,
    ) -> Vault:
        """Open with the passphrase. VaultRolledBack if the directory holds an older copy
        of the vault than this computer saw there; `accept_rollback` opens it anyway."""
        return cls._unlock(Path(directory), slots.with_passphrase(passphrase), clock,
                           accept_rollback)

    @classmethod
    def unlock_with_recovery_code(
        cls, directory: Path, code: str, *, clock: Clock = system_clock,
        accept_rollback: bool = False,
    ) -> Vault:
        """Open with the recovery code; then set a new passphrase (`change_passphrase`)."""
        return cls._unlock(Path(directory), slots.with_recovery_code(code), clock,
                           accept_rollback)

    @classmethod
    def _unlock(
        cls, directory: Path, opener: slots.Opener, clock: Clock,
        accept_rollback: bool, *, remember_seen: bool = True,
    ) -> Vault:
        if not header_path(directory).is_file():
            raise NotAVault(str(directory))
        lock = DirectoryLock(directory)
        lock.acquire()
        try:
            # What a killed process left (a re-key's pending header...) is sorted out here.
            header, opened, store = rekey.open_database(directory, opener)
        except BaseException:
            lock.release()
            raise
        vault = cls(directory, header, opened.data_key, store, lock, clock, opened.recovery)
        vault._remember_seen = False  # until the checks passed: a refused copy is not "seen"
        try:
            vault._check_rollback(accept_rollback)
        except BaseException:
            vault.lock()
            raise
        vault._remember_seen = remember_seen
        if remember_seen:
            rollback.remember(header.vault_id, directory, vault._head(), clock())
        log.info("vault unlocked")
        return vault

    def _check_rollback(self, accept: bool) -> None:
        try:
            rollback.check(self._header.vault_id, self.directory, self._head(),
                           lambda seq: audit.hash_at(self._store, seq))
        except VaultRolledBack as rolled_back:
            if not accept:
                raise
            log.warning("an older copy of the vault opened, as asked (%s)", rolled_back.reason)
            self.audit.record(AuditAction.VAULT_ROLLBACK_ACCEPTED, {
                "reason": rolled_back.reason, "seen": rolled_back.seen_seq,
                "found": rolled_back.found_seq,
            })

    def _head(self) -> rollback.Head | None:
        return audit.current_head(self._store) if self._store.is_open else None

    def lock(self) -> None:
        """Close the database, wipe the data key and release the directory."""
        if self._store.is_open:
            self._closing_head = self._head()
            if self._remember_seen:
                rollback.remember(
                    self._header.vault_id, self.directory, self._closing_head, self._clock()
                )
        if self._data_key is not None:
            log.info("vault locked")
        self._store.close()
        keys.wipe(self._data_key)
        self._data_key = None
        self._lock.release()

    @property
    def is_locked(self) -> bool:
        return self._data_key is None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.is_locked:
            self.lock()

    def _key(self) -> bytearray:
        if self._data_key is None:
            raise VaultLocked()
        return self._data_key

    def tracking(self) -> AbstractContextManager[Seen]:
        """Collect what this thread's calls change in the vault while the block runs:
        `with vault.tracking() as seen: ...`, then `seen.changes`."""
        return changes.tracking(self._store)

    def integrity_problems(self) -> list[str]:
        """SQLCipher's page check and SQLite's structural check; [] when sound."""
        return self._store.integrity_problems()

    # -- secrets ------------------------------------------------------------------

    def check_passphrase(self, passphrase: str) -> None:
        """Raise WrongPassphrase unless `passphrase` opens this vault (runs the KDF)."""
        slots.PassphraseKey.checked(passphrase, self._header)

    def change_passphrase(self, new_passphrase: str) -> str | None:
        """Re-key under a new passphrase: a new data key, the database re-encrypted, both
        slots rewritten. The recovery code carries over; when it cannot (a vault from
        before header format 2, opened with its passphrase), a new one is made and
        returned, to be shown once: the old one stops working. Slow on a large vault."""
        passphrase_policy.require_strong(new_passphrase)
        passphrase = slots.PassphraseKey.new(new_passphrase, self._header.passphrase.params)
        recovery, code = self._recovery, None
        if recovery is None:
            code = keys.new_recovery_code()
            recovery = slots.RecoveryTarget.for_code(code)
        actions = [AuditAction.VAULT_PASSPHRASE_CHANGED]
        if code:
            actions.append(AuditAction.VAULT_RECOVERY_CODE_RENEWED)
        self._rekey(passphrase, recovery, self._clock(), actions)
        self.sync.passphrase_changed(new_passphrase)
        return code

    def new_recovery_code(self, passphrase: str) -> str:
        """Re-key with a new recovery code (returned, to be shown once); the old code stops
        opening this vault and any header of it from now on. Asks for the passphrase
        (WrongPassphrase otherwise), which stays as it is."""
        current = slots.PassphraseKey.checked(passphrase, self._header)
        code = keys.new_recovery_code()
        self._rekey(
            current, slots.RecoveryTarget.for_code(code), self._header.passphrase_changed_at,
            [AuditAction.VAULT_RECOVERY_CODE_RENEWED],
        )
        self.sync.recovery_changed()
        return code

    @property
    def keeps_recovery_code(self) -> bool:
        """Whether a passphrase change keeps the recovery code (else it makes a new one)."""
        return self._recovery is not None

    def _rekey(
        self, passphrase: slots.PassphraseKey, recovery: slots.RecoveryTarget,
        passphrase_changed_at: int, actions: list[AuditAction],
    ) -> None:
        with self._store.exclusive():
            old_key = self._key()
            header, new_key = rekey.to_new_key(self._store, self.directory, self._header,
                                               old_key, passphrase, recovery,
                                               passphrase_changed_at)
            self._header, self._data_key, self._recovery = header, new_key, recovery
            keys.wipe(old_key)
        log.info("vault re-keyed (%s)", ", ".join(actions))
        # After the fact, and best effort: the re-key stands even if the disk is full now.
        try:
            with self._store.transaction() as connection:
                for action in actions:
                    audit.append(connection, self._clock(), action, {})
        except StorageFull:
            pass

    @property
    def kdf_params(self) -> keys.KdfParams:
        return self._header.passphrase.params

    @property
    def passphrase_changed_at(self) -> int:
        return self._header.passphrase_changed_at

    # -- backup and restore -------------------------------------------------------

    def authenticate_backup(self, contents: backup.BackupContents) -> None:
        """Check a backup's MAC with this (the backup's own, unlocked) data key."""
        contents.verify(self._key())

    def backup_to(self, path: Path) -> None:
        """One encrypted file: the header in use and a copy of the database."""
        # The header in use, not the file: after a re-key whose last rename failed, the file
        # is still the old one until the next unlock. Both under one hold of the store, so
        # a re-key cannot come between the header and the database of the backup.
        with self._store.exclusive():
            backup.write_backup(
                self._store, self.directory, encode_header(self._header), self._key(), Path(path)
            )
        self.audit.record(AuditAction.VAULT_BACKED_UP, {})

    @staticmethod
    def restore(
        backup_file: Path,
        directory: Path,
        secret: str,
        *,
        replace: bool = False,
        clock: Clock = system_clock,
    ) -> Path | None:
        """Restore a backup into `directory`, opened with either of the backup's secrets.

        An existing vault there is kept: refused unless `replace`, and then moved
        aside; the new place is returned.
        """
        opened: list[Vault] = []

        def unlock(staged: Path, opener: slots.Opener) -> Vault:
            # Not remembered as seen in the staging directory: below, at its final place.
            opened.append(Vault._unlock(staged, opener, clock, True, remember_seen=False))
            return opened[-1]

        moved_aside = restore_backup(
            Path(backup_file), Path(directory), replace=replace, now=clock(),
            openers=slots.with_any_secret(secret), unlock=unlock,
            checked=lambda staged: staged.audit.record(AuditAction.VAULT_RESTORED, {}),
        )
        # A deliberate restore is not a rollback: what is there now is what was seen.
        restored = opened[-1]
        rollback.remember(
            restored._header.vault_id, Path(directory), restored._closing_head, clock()
        )
        return moved_aside
