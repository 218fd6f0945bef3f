"""Vault: the one facade the UI and the CLI call.

A Vault object is an unlocked vault: it holds the data key, the open database
and the directory lock. `lock()` closes the connection, wipes the key and
releases the lock; every later call raises VaultLocked.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from zpd import text
from zpd.fieldtypes import FieldDef, FieldType, JsonValue, Sensitivity
from zpd.request import Ask

from .errors import (
    FieldRequiredByGrant,
    NotAVault,
    StorageFull,
    UnknownAsk,
    UnknownGrant,
    VaultCorrupted,
    VaultExists,
    VaultLocked,
    VaultRolledBack,
    WrongRecoveryCode,
)
from .exchange import aliases as _aliases
from .exchange import brands as _brands
from .exchange import delivery as _delivery
from .exchange import grants as _grants
from .exchange import outbox as _outbox
from .exchange import tokens
from .exchange.brands import Brand, ImportResult, RequestSource, StoredRequest
from .exchange.grants import Grant, GrantStatus, Held, ShareResult
from .exchange.transport import Transport
from .profile import audit, passphrase_policy
from .profile import fields as profile
from .storage import backup as export
from .storage import keys, rekey, rollback
from .storage.fsutil import (
    PRIVATE_DIR,
    DirectoryLock,
    atomic_write,
    remove_leftovers,
    sync_directory,
)
from .storage.header import Header, encode_header, header_path, write_header
from .storage.restore import restore_backup
from .storage.slots import (
    Opener,
    PassphraseKey,
    RecoveryTarget,
    build_header,
    with_passphrase,
    with_recovery_code,
)
from .storage.store import Connection, Store, database_path
from .transparency import balance as _balance
from .transparency import records
from .transparency import report as _report

Clock = Callable[[], int]
# Temporary files the vault writes into its own directory (fsutil.atomic_write, a backup's
# scratch copy of the database): left behind only by a process that was killed.
LEFTOVERS = (".vault.header.*.tmp", ".backup-*.db", ".backup-*.db-journal")


def _system_clock() -> int:
    return int(time.time())


class Vault:
    def __init__(
        self,
        directory: Path,
        header: Header,
        data_key: bytearray,
        store: Store,
        lock: DirectoryLock,
        clock: Clock,
        recovery: RecoveryTarget | None = None,
    ) -> None:
        self.directory = directory
        self._header = header
        self._data_key: bytearray | None = data_key
        # What the next header's recovery slot is sealed to (None: the code must be renewed).
        self._recovery = recovery
        self._store = store
        self._lock = lock
        self._clock = clock
        self._transport: Transport | None = None
        # Rollback detection: the activity head is remembered outside the vault at
        # unlock and lock (not for a backup being restored in a staging directory).
        self._remember_seen = True
        self._closing_head: rollback.Head | None = None

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
        clock: Clock = _system_clock,
    ) -> tuple[Vault, str]:
        """Create a vault; returns it unlocked with the recovery code, which is shown once."""
        passphrase_policy.require_strong(passphrase)
        directory = Path(directory)
        if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
            raise VaultExists(str(directory))
        directory.parent.mkdir(parents=True, exist_ok=True)
        # Build in a sibling and rename into place, so a crash never leaves half a vault.
        staging = directory.with_name(f".{directory.name}.creating-{secrets.token_hex(4)}")
        staging.mkdir(mode=PRIVATE_DIR)
        data_key = keys.new_data_key()
        recovery_code = keys.new_recovery_code()
        now = clock()
        try:
            recovery = RecoveryTarget.for_code(recovery_code)
            header = build_header(
                vault_id=str(uuid.uuid4()), created_at=now, passphrase_changed_at=now,
                data_key=data_key, passphrase=PassphraseKey.new(passphrase, kdf),
                recovery=recovery,
            )
            store = Store.open(database_path(staging), data_key, create=True)
            try:
                with store.transaction() as connection:
                    connection.execute(
                        "INSERT INTO meta (key, value) VALUES ('vault_id', ?), ('master_seed', ?)",
                        (header.vault_id, secrets.token_bytes(32)),
                    )
                    audit.append(connection, now, audit.FIRST_ACTION, {})
            finally:
                store.close()
            write_header(staging, header)
            os.replace(staging, directory)
            sync_directory(directory.parent)
        except BaseException:
            keys.wipe(data_key)
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return cls._open(directory, header, data_key, clock, recovery), recovery_code

    @classmethod
    def unlock(
        cls, directory: Path, passphrase: str, *, clock: Clock = _system_clock,
        accept_rollback: bool = False,
    ) -> Vault:
        """Open with the passphrase. VaultRolledBack if the directory holds an older copy
        of the vault than this computer saw there; `accept_rollback` opens it anyway."""
        return cls._unlock(Path(directory), with_passphrase(passphrase), clock, accept_rollback)

    @classmethod
    def unlock_with_recovery_code(
        cls, directory: Path, code: str, *, clock: Clock = _system_clock,
        accept_rollback: bool = False,
    ) -> Vault:
        """Open with the recovery code; then set a new passphrase (`change_passphrase`)."""
        return cls._unlock(Path(directory), with_recovery_code(code), clock, accept_rollback)

    @classmethod
    def _unlock(
        cls, directory: Path, opener: Opener, clock: Clock,
        accept_rollback: bool, *, remember_seen: bool = True,
    ) -> Vault:
        if not header_path(directory).is_file():
            raise NotAVault(str(directory))
        lock = DirectoryLock(directory)
        lock.acquire()
        try:
            # A header change or a backup killed half-way leaves its temporary file.
            remove_leftovers(directory, LEFTOVERS)
            # ... and a re-key killed half-way its pending header, sorted out here.
            header, opened, store = rekey.open_database(directory, opener)
        except BaseException:
            lock.release()
            raise
        vault = cls(directory, header, opened.data_key, store, lock, clock, opened.recovery)
        vault._remember_seen = False  # until the checks passed: a refused copy is not "seen"
        try:
            vault._check_belongs_to_header()
            vault._check_rollback(accept_rollback)
        except BaseException:
            vault.lock()
            raise
        vault._remember_seen = remember_seen
        if remember_seen:
            rollback.remember(header.vault_id, directory, vault._head(), vault._now())
        return vault

    @classmethod
    def _open(
        cls, directory: Path, header: Header, data_key: bytearray, clock: Clock,
        recovery: RecoveryTarget,
    ) -> Vault:
        lock = DirectoryLock(directory)
        lock.acquire()
        try:
            store = Store.open(database_path(directory), data_key)
        except BaseException:
            lock.release()
            raise
        return cls(directory, header, data_key, store, lock, clock, recovery)

    def _check_belongs_to_header(self) -> None:
        row = self._store.query_one("SELECT value FROM meta WHERE key = 'vault_id'")
        if row is None or str(row[0]) != self._header.vault_id:
            raise VaultCorrupted("the database does not belong to this header")

    def _check_rollback(self, accept: bool) -> None:
        try:
            rollback.check(self._header.vault_id, self.directory, self._store)
        except VaultRolledBack as rolled_back:
            if not accept:
                raise
            self.record("vault.rollback_accepted", {
                "reason": rolled_back.reason, "seen": rolled_back.seen_seq,
                "found": rolled_back.found_seq,
            })

    def _head(self) -> rollback.Head | None:
        return rollback.current_head(self._store) if self._store.is_open else None

    def lock(self) -> None:
        """Close the database, wipe the data key and release the directory."""
        if self._store.is_open:
            self._closing_head = self._head()
            if self._remember_seen:
                rollback.remember(
                    self._header.vault_id, self.directory, self._closing_head, self._now()
                )
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

    def _now(self) -> int:
        return self._clock()

    # -- secrets ------------------------------------------------------------------

    def check_passphrase(self, passphrase: str) -> None:
        """Raise WrongPassphrase unless `passphrase` opens this vault (runs the KDF)."""
        PassphraseKey.checked(passphrase, self._header)

    def change_passphrase(self, new_passphrase: str) -> str | None:
        """Re-key under a new passphrase: a new data key, the database re-encrypted, both
        slots rewritten. The recovery code carries over; when it cannot (a vault from
        before header format 2, opened with its passphrase), a new one is made and
        returned, to be shown once: the old one stops working. Slow on a large vault."""
        passphrase_policy.require_strong(new_passphrase)
        passphrase = PassphraseKey.new(new_passphrase, self._header.passphrase.params)
        recovery, code = self._recovery, None
        if recovery is None:
            code = keys.new_recovery_code()
            recovery = RecoveryTarget.for_code(code)
        actions = ["vault.passphrase_changed"] + (["vault.recovery_code_renewed"] if code else [])
        self._rekey(passphrase, recovery, self._now(), actions)
        return code

    def new_recovery_code(self, passphrase: str) -> str:
        """Re-key with a new recovery code (returned, to be shown once); the old code stops
        opening this vault and any header of it from now on. Asks for the passphrase
        (WrongPassphrase otherwise), which stays as it is."""
        current = PassphraseKey.checked(passphrase, self._header)
        code = keys.new_recovery_code()
        self._rekey(
            current, RecoveryTarget.for_code(code), self._header.passphrase_changed_at,
            ["vault.recovery_code_renewed"],
        )
        return code

    @property
    def keeps_recovery_code(self) -> bool:
        """Whether a passphrase change keeps the recovery code (else it makes a new one)."""
        return self._recovery is not None

    def _rekey(
        self, passphrase: PassphraseKey, recovery: RecoveryTarget, passphrase_changed_at: int,
        actions: list[str],
    ) -> None:
        with self._store.exclusive():
            old_key = self._key()
            new_key = keys.new_data_key()
            try:
                header = build_header(
                    vault_id=self._header.vault_id, created_at=self._header.created_at,
                    passphrase_changed_at=passphrase_changed_at, data_key=new_key,
                    passphrase=passphrase, recovery=recovery,
                )
                rekey.apply(self._store, self.directory, header, old_key, new_key)
            except BaseException:
                keys.wipe(new_key)
                raise
            self._header, self._data_key, self._recovery = header, new_key, recovery
            keys.wipe(old_key)
        # After the fact, and best effort: the re-key stands even if the disk is full now.
        try:
            with self._store.transaction() as connection:
                for action in actions:
                    audit.append(connection, self._now(), action, {})
        except StorageFull:
            pass

    @property
    def kdf_params(self) -> keys.KdfParams:
        return self._header.passphrase.params

    @property
    def passphrase_changed_at(self) -> int:
        return self._header.passphrase_changed_at

    # -- fields -------------------------------------------------------------------

    def fields(self) -> list[profile.FieldValue]:
        return profile.all_values(self._store)

    def field(self, key: str) -> FieldDef:
        return profile.definition(self._store, key)

    def get(self, key: str) -> JsonValue | None:
        return profile.get_value(self._store, key)

    def set(self, key: str, value: object) -> JsonValue:
        """Set a value; every live grant sharing the field gets its next version."""
        now = self._now()
        hook = self._reissue_grants(key, now, clearing=False)
        return profile.set_value(self._store, key, value, now, on_change=hook)

    def set_from_text(self, key: str, text: str) -> JsonValue:
        return self.set(key, self.field(key).parse(text))

    def clear(self, key: str) -> bool:
        """Clear a value; refused while a live grant requires the field."""
        now = self._now()
        hook = self._reissue_grants(key, now, clearing=True)
        return profile.clear_value(self._store, key, now, on_change=hook)

    def history(self, key: str) -> list[profile.HistoryEntry]:
        return profile.history(self._store, key)

    def define_custom_field(
        self,
        key: str,
        label: str,
        type_: FieldType,
        sensitivity: Sensitivity,
        choices: tuple[str, ...] = (),
    ) -> FieldDef:
        return profile.define_custom(
            self._store, key, label, type_, sensitivity, choices, self._now()
        )

    # -- audit and integrity ------------------------------------------------------

    def audit_log(
        self, *, action_prefix: str = "", limit: int = 100, offset: int = 0,
        before: int | None = None,
    ) -> list[audit.AuditEntry]:
        """Newest first; `before` (a sequence number) pages on from the oldest one shown."""
        return audit.entries(self._store, action_prefix=action_prefix, limit=limit,
                             offset=offset, before=before)

    def verify_audit(self) -> audit.AuditReport:
        return audit.verify(self._store)

    def integrity_problems(self) -> list[str]:
        return self._store.integrity_problems()

    def record(self, action: str, details: dict[str, Any]) -> None:
        with self._store.transaction() as connection:
            audit.append(connection, self._now(), action, details)

    # -- brands, grants, tokens ---------------------------------------------------

    def import_request(
        self,
        text: str,
        source: RequestSource = RequestSource.FILE,
        *,
        accept_new_keys: bool = False,
        expected_origin: str | None = None,
    ) -> ImportResult:
        return _brands.import_request(
            self._store, text, source, self._now(), accept_new_keys=accept_new_keys,
            expected_origin=expected_origin,
        )

    def brands(self) -> list[Brand]:
        return _brands.all_brands(self._store)

    def find_brand(self, reference: str) -> Brand:
        return _brands.find(self._store, reference)

    def asks(self, origin: str) -> list[Ask]:
        return _brands.asks(self._store, origin)

    def latest_request(self, origin: str) -> StoredRequest | None:
        return _brands.latest_request(self._store, origin)

    def brand_warnings(self, origin: str) -> list[text.Flag]:
        """What the share review should flag about a brand: hidden or direction-changing
        characters and mixed scripts in its name, look-alike or punycode web addresses."""
        brand = _brands.get(self._store, origin)
        latest = self.latest_request(origin)
        info = latest.request.body.brand if latest else None
        return text.brand_flags(
            brand.name, brand.origin,
            description=info.description if info else "",
            privacy_policy=info.privacy_policy if info else "",
        )

    def share(
        self,
        origin: str,
        ask_id: str,
        *,
        fields: list[str] | None = None,
        days: int | None = None,
    ) -> ShareResult:
        values = {f.definition.key: f.value for f in self.fields() if f.value is not None}
        return _grants.create(
            self._store, origin, ask_id, fields, days, values, self._now(), _aliases.substitute
        )

    def active_grant_counts(self) -> dict[str, int]:
        """How many live grants each brand holds (brands without any are left out)."""
        _grants.expire_due(self._store, self._now())
        return _grants.active_counts(self._store)

    def grants(
        self,
        *,
        origin: str | None = None,
        status: GrantStatus | None = None,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[Grant]:
        _grants.expire_due(self._store, self._now())
        return _grants.listing(
            self._store, origin=origin, status=status, limit=limit, offset=offset
        )

    def find_grant(self, reference: str) -> Grant:
        _grants.expire_due(self._store, self._now())
        return _grants.find(self._store, reference)

    def revoke(self, grant_id: str) -> tokens.IssuedMessage:
        _grants.expire_due(self._store, self._now())
        return _grants.revoke(self._store, grant_id, self._now())

    def knows(self, origin: str) -> list[Held]:
        """What this brand holds about the person now, per grant (and what ended grants held)."""
        _grants.expire_due(self._store, self._now())
        return _grants.held_by(self._store, origin)

    def consent_records(self) -> dict[str, Any]:
        _grants.expire_due(self._store, self._now())
        return records.build(self._store, self._now())

    # -- transparency -----------------------------------------------------------------

    def balance_for_ask(self, origin: str, ask_id: str) -> _balance.Balance:
        """What an ask of the brand's latest request asks for, beside what it offers."""
        ask = next((a for a in self.asks(origin) if a.id == ask_id), None)
        if ask is None:
            raise UnknownAsk(ask_id)
        return _balance.for_ask(ask)

    def balance_for_brand(self, origin: str) -> _balance.Balance:
        """What the person gave a brand over all its grants, beside what it offered."""
        _brands.get(self._store, origin)
        return _balance.for_grants(self.grants(origin=origin, limit=1_000_000))

    def report(self, origin: str | None = None) -> _report.Report:
        """Who knows what, why, until when, and what came back: every brand, or one."""
        return _report.build(self, origin, self._now())

    def set_email_aliases(self, enabled: bool) -> None:
        """Leak canaries: give each brand its own alias of the email address from now on."""
        _aliases.set_enabled(self._store, enabled, self._now())

    def email_aliases_enabled(self) -> bool:
        with self._store.reading() as connection:
            return _aliases.is_enabled(connection)

    def aliases(self) -> list[_aliases.Alias]:
        """Which email alias went to which brand, and when first."""
        return _aliases.listing(self._store)

    # -- delivery -------------------------------------------------------------------

    @property
    def transport(self) -> Transport:
        if self._transport is None:
            self.transport = Transport()
        assert self._transport is not None
        return self._transport

    @transport.setter
    def transport(self, transport: Transport) -> None:
        """Also tells the transport which exchanges may reach this computer."""
        transport.may_reach_loopback = _brands.loopback_policy(
            self._store, _delivery.WELL_KNOWN_PATH)
        self._transport = transport

    def fetch_request(self, address: str, *, accept_new_keys: bool = False) -> ImportResult:
        """Fetch a brand's request over TLS from its well-known address: domain verified."""
        origin, text = _delivery.fetch_request(self.transport, address)
        result = self.import_request(text, RequestSource.WEB, accept_new_keys=accept_new_keys,
                                     expected_origin=origin)
        return result

    def flush_outbox(self) -> _delivery.FlushReport:
        """Deliver everything due now. Blocks on the network: call it off the GUI thread."""
        return _delivery.flush(self._store, self.transport, self._now)

    def deliver_now(self) -> _delivery.FlushReport:
        """Deliver everything waiting, backoff or not; a message whose brand asked to wait
        (Retry-After) still waits. Blocks on the network, like `flush_outbox`."""
        return _delivery.flush(self._store, self.transport, self._now, deliver_now=True)

    def outbox(self) -> list[_outbox.OutboxItem]:
        return _outbox.waiting(self._store)

    def delivery(self, grant_id: str) -> _outbox.DeliverySummary | None:
        return _outbox.summarise(_outbox.for_grant(self._store, grant_id))

    def deliveries(
        self, grant_ids: Iterable[str]
    ) -> dict[str, _outbox.DeliverySummary | None]:
        """`delivery` of many grants at once (a page of a list): grant id -> summary."""
        return _outbox.summaries(self._store, grant_ids)

    def is_waiting_for_grant(self, item: _outbox.OutboxItem) -> bool:
        return _outbox.is_blocked(self._store, item)

    def retry_now(self, grant_id: str) -> int:
        return _outbox.retry_now(self._store, grant_id, self._now())

    def receipts(self, grant_id: str) -> list[tuple[str, str, str]]:
        """(message jti, status, receipt JWS) of every verified receipt for a grant."""
        rows = self._store.query(
            "SELECT jti, receipt_status, receipt FROM outbox WHERE grant_id = ? "
            "AND receipt IS NOT NULL ORDER BY delivered_at", (grant_id,),
        )
        return [(str(a), str(b), str(c)) for a, b, c in rows]

    def latest_token(self, grant_id: str) -> str:
        """The compact share token of a grant's latest version (for a QR code handover)."""
        row = self._store.query_one(
            "SELECT compact FROM tokens WHERE grant_id = ? AND kind = 'grant' "
            "ORDER BY version DESC, issued_at DESC LIMIT 1", (grant_id,),
        )
        if row is None:
            raise UnknownGrant(grant_id)
        return str(row[0])

    def _reissue_grants(self, key: str, now: int, *, clearing: bool) -> profile.ChangeHook:
        def hook(connection: Connection) -> None:
            if clearing:
                sharing = _grants.active_grants_sharing(connection, key, now)
                left = profile.values_in(connection)
                # A grant left with no data at all could only send an empty token,
                # which the protocol forbids: its last value is as required as any.
                required = [
                    grant_id
                    for grant_id, is_required in sharing
                    if is_required
                    or not any(k in left for k in _grants.get(self._store, grant_id).fields)
                ]
                if required:
                    raise FieldRequiredByGrant(key, required)
            _grants.reissue_for_field(
                connection, key, profile.values_in(connection), now, _aliases.substitute
            )

        return hook

    # -- portability --------------------------------------------------------------

    def export_document(self) -> dict[str, Any]:
        """Everything the person holds, as one JSON-ready document (GDPR Art. 20)."""
        document = export.build_document(self._store, self._header.vault_id, self._now())
        self.record("vault.exported", {})
        return document

    def export_to(self, path: Path) -> None:
        """Write the export document to `path` (mode 0600, atomically). Not encrypted."""
        text = json.dumps(self.export_document(), ensure_ascii=False, indent=2)
        atomic_write(Path(path), text.encode("utf-8") + b"\n")

    def authenticate_backup(self, contents: export.BackupContents) -> None:
        """Check a backup's MAC with this (the backup's own, unlocked) data key."""
        contents.verify(self._key())

    def backup_to(self, path: Path) -> None:
        # The header in use, not the file: after a re-key whose last rename failed, the file
        # is still the old one until the next unlock. Both under one hold of the store, so
        # a re-key cannot come between the header and the database of the backup.
        with self._store.exclusive():
            export.write_backup(
                self._store, self.directory, encode_header(self._header), self._key(), Path(path)
            )
        self.record("vault.backed_up", {})

    @staticmethod
    def restore(
        backup: Path,
        directory: Path,
        secret: str,
        *,
        replace: bool = False,
        clock: Clock = _system_clock,
    ) -> Path | None:
        """Restore a backup into `directory`, opened with either of the backup's secrets.

        An existing vault there is kept: refused unless `replace`, and then moved
        aside; the new place is returned.
        """
        opened: list[Vault] = []

        def unlock(staged: Path) -> Vault:
            restored = _unlock_with_any_secret(staged, secret, clock)
            opened.append(restored)
            return restored

        moved_aside = restore_backup(
            Path(backup), Path(directory), replace=replace, now=clock(), unlock=unlock
        )
        # A deliberate restore is not a rollback: what is there now is what was seen.
        if opened:
            restored = opened[-1]
            rollback.remember(
                restored._header.vault_id, Path(directory), restored._closing_head, clock()
            )
        return moved_aside


def _unlock_with_any_secret(directory: Path, secret: str, clock: Clock) -> Vault:
    """A restore prompt takes either secret: a well-formed recovery code is tried as one first.

    The staged copy is not remembered as seen: Vault.restore records it at its final place.
    """

    def unlock(opener: Opener) -> Vault:
        return Vault._unlock(directory, opener, clock, True, remember_seen=False)

    try:
        keys.normalise_recovery_code(secret)
    except WrongRecoveryCode:
        return unlock(with_passphrase(secret))
    try:
        return unlock(with_recovery_code(secret))
    except WrongRecoveryCode:
        return unlock(with_passphrase(secret))
