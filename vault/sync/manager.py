"""`vault.sync`: set up, sync now, status, the device set, removal (docs/sync.md)."""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3

from ..changes import mark
from ..clock import Clock
from ..errors import (
    SyncFileRefused,
    SyncFolderInUse,
    SyncNotSetUp,
    SyncRefusal,
    UnknownDevice,
)
from ..exchange import aliases, pauses, tokens, versions
from ..profile import audit
from ..profile.audit import AuditAction
from ..storage import keys
from ..storage.fsutil import remove_leftovers
from ..storage.header import Header
from ..storage.slots import PassphraseKey, RecoveryTarget
from ..storage.store import Connection, Store
from . import audit_chains, keyfile, owners, segments, state
from . import devices as device_set
from .log import Applied, apply_ops, capture
from .rows import MissingReference
from .sealing import file_name, names_key
from .segments import Segment
from .stamps import Stamp, next_stamp
from .status import DeviceInfo, SyncState, SyncStatus, status_of

__all__ = ["DeviceInfo", "Sync", "SyncReport", "SyncState", "SyncStatus"]

log = logging.getLogger(__name__)

@dataclass
class SyncReport:
    written: int = 0  # segments this device wrote
    applied: int = 0  # other devices' segments applied
    refused: list[tuple[str, SyncRefusal]] = field(default_factory=list)  # newly refused


class _Waiting(Exception):
    pass


class Sync:
    def __init__(
        self, store: Store, clock: Clock, vault_id: str, *, header: Callable[[], Header],
        recovery: Callable[[], RecoveryTarget | None],
    ) -> None:
        self._store = store
        self._clock = clock
        self._vault_id = vault_id
        self._header = header
        self._recovery = recovery
        self._changed_here = False  # applying issued versions or settled revocations
        self._captured: tuple[int, int] | None = None  # the connection's writes at a capture

    # -- setting up ---------------------------------------------------------------

    def is_set_up(self) -> bool:
        with self._store.reading() as connection:
            return state.is_set_up(connection)

    def setup(self, folder: Path, passphrase: str, device_name: str | None = None) -> None:
        """Start syncing into `folder` (empty, or new): this device's first segment holds
        every synced row. Asks for the passphrase: the key file is sealed under it."""
        if self.is_set_up():
            raise SyncFolderInUse(self.folder())
        PassphraseKey.checked(passphrase, self._header())
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        if _holds_a_vault(folder):
            raise SyncFolderInUse(str(folder))
        epoch = state.Epoch(secrets.token_bytes(4), 0, secrets.token_bytes(32))
        key = PassphraseKey.new(passphrase, self._header().passphrase.params)
        self.start(folder, (epoch,), key, device_name, AuditAction.SYNC_SET_UP)

    def start(
        self, folder: Path, epochs: tuple[state.Epoch, ...], passphrase: PassphraseKey,
        device_name: str | None, action: AuditAction,
    ) -> None:
        """This device joins the set: its identity, the epoch keys, its first segment."""
        now = self._clock()
        identity = device_set.Identity.new(device_name, now)

        def inside(connection: Connection) -> None:
            state.put(connection, "folder", str(folder))
            _keep_passphrase_key(connection, passphrase)
            for epoch in epochs:
                state.add_epoch(connection, epoch)
            identity.take(connection)
            audit.append(connection, now, action, {"device": identity.name})

        self._write([identity.added], inside=inside)
        self._write_key_file()
        log.info("sync started into a folder as device %s", identity.device_id[:8])

    def folder(self) -> str:
        with self._store.reading() as connection:
            self._require(connection)
            return str(state.get(connection, "folder"))

    # -- syncing ------------------------------------------------------------------

    def now(self) -> SyncReport:
        """Write what changed here, then apply every other device's new segments."""
        report = SyncReport()
        with self._store.exclusive():
            with self._store.reading() as connection:
                self._require(connection)
                folder = Path(str(state.get(connection, "folder")))
                epochs_before = len(state.epochs(connection))
            if self._rolled_back(folder):
                self._new_identity(folder)
            self._finish_pending(folder)
            report.written += self._write([])
            view = self._read(folder)
            report.refused.extend(self._note_refusals(view.refused))
            progress = True
            while progress:
                progress = False
                for device in sorted(view.segments):
                    applied = self._apply_next(view.segments[device], report)
                    progress = progress or applied
            with self._store.reading() as connection:
                queued = state.get(connection, "device_ops") is not None  # a cut-off to say
            if self._changed_here or queued:
                report.written += self._write([])  # versions issued, revocations settled
                self._changed_here = False
            if report.applied:
                with self._store.reading() as connection:
                    if len(state.epochs(connection)) != epochs_before:
                        self._write_key_file()
        if report.applied or report.written:
            log.info("sync: %d segments applied, %d written", report.applied, report.written)
        return report

    def _apply_next(self, chain: dict[int, list[Segment]], report: SyncReport) -> bool:
        """Apply a device's next segment if it is here. A second, different file for a
        counter is a fork (a device put back from an old copy): the one applied stays,
        the others are refused; two for the next counter are both refused."""
        with self._store.reading() as connection:
            device = next(iter(chain.values()))[0].device
            last, last_hash, _ = state.applied(connection).get(device, (0, b"", 0))
        forks = [s for n, variants in chain.items() if n <= last
                 for s in variants if n == last and s.digest != last_hash]
        variants = chain.get(last + 1, [])
        if len(variants) > 1:
            forks.extend(variants)
        report.refused.extend(self._note_refusals(
            [segments.Refusal(s.name, s.digest, SyncRefusal.FORKED) for s in forks]))
        if len(variants) != 1:
            return False
        following = variants[0]
        try:
            self._apply_segment(following)
        except _Waiting:
            return False
        except SyncFileRefused as refused:
            report.refused.extend(self._note_refusals(
                [segments.Refusal(following.name, following.digest, refused.reason)]))
            return False
        report.applied += 1
        return True

    def _apply_segment(self, segment: Segment) -> None:
        now = self._clock()
        try:
            with self._store.transaction() as connection:
                me = state.me(connection)
                last, last_hash, _ = state.applied(connection).get(segment.device, (0, b"", 0))
                device_set.check(connection, segment, last, last_hash)
                for op in segment.body["devices"]:
                    device_set.apply_device_op(connection, op, segment.device, me.device_id,
                                            me.box)
                applied = Applied()
                apply_ops(connection, segment.body["ops"], applied)
                self._observe(connection, segment)
                state.set_applied(connection, segment.device, segment.counter, segment.digest,
                                  now)
                owners.refresh(connection, me.device_id, _names(connection))
                for key, origin in sorted(applied.fields, key=str):
                    if versions.reissue_for_field(connection, key, now, aliases.substitute,
                                                origin=origin):
                        self._changed_here = True
                if owners.settle_revocations(connection, now):
                    self._changed_here = True
                if pauses.settle_resumes(connection, now, aliases.substitute):
                    self._changed_here = True
                mark(applied.changes)
                audit.append(connection, now, AuditAction.SYNC_APPLIED, {
                    "device": segment.device[:8], "counter": segment.counter,
                    "hash": segment.digest.hex()[:16], "rows": applied.rows,
                })
        except (MissingReference, sqlcipher3.IntegrityError):
            raise _Waiting() from None
        except (KeyError, TypeError, ValueError):
            raise SyncFileRefused(SyncRefusal.TAMPERED, segment.name) from None

    def _write(
        self, device_ops: list[dict[str, Any]], *, epoch: state.Epoch | None = None,
        inside: Callable[[Connection], None] | None = None,
    ) -> int:
        """Capture what changed here into the next segment and write it; 1 if one was.

        The capture compares every synced row with its shadow: when nothing was written
        through this connection since the last capture, there is nothing to find."""
        if not device_ops and inside is None and self._unchanged_since_capture():
            return 0
        with self._store.transaction() as connection:
            if inside is not None:
                inside(connection)
            me = state.me(connection)

            def stamp() -> str:
                return self._stamp(connection, me.device_id)

            ops = capture(connection, stamp, me.device_id)
            owners.refresh(connection, me.device_id, _names(connection))
            device_ops = [*device_ops, *state.take_device_ops(connection)]
            folder: Path | None = None
            if ops or device_ops:
                audit_chains.mirror_own(connection, me.device_id)
                ops += capture(connection, stamp, me.device_id, riding_along=True)
                segments.prepare(
                    connection, me, self._vault_id, _names(connection),
                    epoch or state.current_epoch(connection), ops, device_ops,
                    self._clock() * 1000,
                )
                folder = Path(me.folder)
        if folder is None:
            self._note_captured()
            return 0
        self._finish_pending(folder)
        self._note_captured()
        return 1

    def _unchanged_since_capture(self) -> bool:
        with self._store.reading() as connection:
            mark = (id(connection), int(connection.total_changes))
            return mark == self._captured

    def _note_captured(self) -> None:
        with self._store.reading() as connection:
            self._captured = (id(connection), int(connection.total_changes))

    def _rolled_back(self, folder: Path) -> bool:
        """Whether this database is an older copy of this device (a backup restored, a
        copy put back): the folder holds this device's next segment already, or another
        file under the name of the one pending here. Writing on would fork its chain."""
        with self._store.reading() as connection:
            me = str(state.get(connection, "device_id"))
            following = state.counter(connection) + 1
            name = file_name(_names(connection), "segment", me, str(following))
            pending = state.get(connection, "pending_name")
            pending_bytes = state.get(connection, "pending_bytes")
        if (folder / (name + segments.SUFFIX)).exists():
            return True
        if pending is None:
            return False
        try:
            return (folder / str(pending)).read_bytes() != bytes(pending_bytes)
        except FileNotFoundError:
            return False

    def _new_identity(self, folder: Path) -> None:
        """Go on as a new device that removes its older self, cut off after the last of
        its segments in the folder: what it wrote after the copy was made stays, here too
        (docs/sync.md). The pending segment, if any, is dropped: another took its place."""
        now = self._clock()
        with self._store.reading() as connection:
            epoch_keys = {e.id: e.key for e in state.epochs(connection)}
        view = segments.read_folder(folder, self._vault_id, epoch_keys)
        with self._store.reading() as connection:
            me = state.me(connection)
            after = max(view.segments.get(me.device_id, {}), default=0)
            identity = device_set.Identity.new(me.name, now)
            removed, new, old = device_set.removal(connection, me.device_id, after)

        def inside(connection: Connection) -> None:
            segments.forget_pending(connection)
            identity.take(connection)
            state.remove_device(connection, me.device_id, after)
            state.add_epoch(connection, new)
            audit.append(connection, now, AuditAction.SYNC_OLDER_COPY, {"device": me.name})

        log.warning("sync: this vault is an older copy of this device; going on as a new one")
        self._write([identity.added, removed], epoch=old, inside=inside)
        self._write_key_file()

    def _finish_pending(self, folder: Path) -> None:
        with self._store.reading() as connection:
            written = segments.flush_pending(connection, folder)
        if written:
            with self._store.transaction() as connection:
                segments.forget_pending(connection)

    def _read(self, folder: Path) -> segments.FolderView:
        with self._store.reading() as connection:
            epoch_keys = {e.id: e.key for e in state.epochs(connection)}
            me = str(state.get(connection, "device_id"))
        view = segments.read_folder(folder, self._vault_id, epoch_keys)
        view.segments.pop(me, None)
        return view

    def _note_refusals(
        self, refusals: list[segments.Refusal]
    ) -> list[tuple[str, SyncRefusal]]:
        """Each refused file once in Activity; returns the newly refused."""
        new = []
        now = self._clock()
        with self._store.transaction() as connection:
            for refusal in refusals:
                inserted = connection.execute(
                    "INSERT INTO sync_refused (digest, reason, at) VALUES (?, ?, ?) "
                    "ON CONFLICT (digest) DO NOTHING", (refusal.digest, refusal.reason, now),
                ).rowcount
                if inserted:
                    audit.append(connection, now, AuditAction.SYNC_REFUSED,
                                 {"reason": refusal.reason.value})
                    new.append((refusal.name, refusal.reason))
        for _name, reason in new:
            log.warning("sync: a file in the folder was refused (%s)", reason.value)
        return new

    def _stamp(self, connection: Connection, device: str) -> str:
        last_text = state.get(connection, "hlc")
        last = Stamp.parse(str(last_text)) if last_text else None
        stamp = next_stamp(last, self._clock() * 1000, device)
        state.put(connection, "hlc", stamp.text)
        return stamp.text

    def _observe(self, connection: Connection, segment: Segment) -> None:
        stamps = [str(op["s"]) for op in segment.body["ops"]]
        if not stamps:
            return
        latest = Stamp.parse(max(stamps))
        last_text = state.get(connection, "hlc")
        if not last_text or Stamp.parse(str(last_text)) < latest:
            me = str(state.get(connection, "device_id"))
            state.put(connection, "hlc", Stamp(latest.wall_ms, latest.count, me).text)

    # -- status and devices -------------------------------------------------------

    def status(self) -> SyncStatus:
        """Where this device stands against the folder (reads only)."""
        with self._store.reading() as connection:
            self._require(connection)
            me = state.me(connection)
            applied = state.applied(connection)
            listed = state.devices(connection)
        return status_of(me, listed, applied, self._read(Path(me.folder)))

    def audit_chains(self) -> list[audit_chains.DeviceChain]:
        """Every device's activity log as it reached here, each chain verified."""
        with self._store.reading() as connection:
            self._require(connection)
            return audit_chains.verify_all(connection)

    def devices(self) -> list[DeviceInfo]:
        with self._store.reading() as connection:
            self._require(connection)
            me = str(state.get(connection, "device_id"))
            applied = state.applied(connection)
            return [
                DeviceInfo(d.id, d.name, d.id == me,
                           applied[d.id][2] if d.id in applied else None, d.removed)
                for d in state.devices(connection)
            ]

    def remove(self, name: str) -> None:
        """Remove a device (a lost laptop): its files past the last one applied here are
        refused, and a new epoch key, sealed to each remaining device, seals what follows."""
        with self._store.exclusive():
            with self._store.reading() as connection:
                self._require(connection)
                me = str(state.get(connection, "device_id"))
                listed = [d for d in state.devices(connection) if not d.removed]
                target = next((d for d in listed if d.name == name and d.id != me), None)
                if target is None:
                    raise UnknownDevice(name)
                after = state.applied(connection).get(target.id, (0, b"", 0))[0]
                removed, new, old = device_set.removal(connection, target.id, after)
            now = self._clock()

            def inside(connection: Connection) -> None:
                state.remove_device(connection, target.id, after)
                state.add_epoch(connection, new)
                audit.append(connection, now, AuditAction.DEVICE_REMOVED,
                             {"device": target.name})

            # Sealed in the old epoch: the others learn the new key from it.
            self._write([removed], epoch=old, inside=inside)
            self._write_key_file()

    # -- secrets ------------------------------------------------------------------

    def passphrase_changed(self, passphrase: str) -> None:
        """After a passphrase change: the key file sealed under the new one."""
        if not self.is_set_up():
            return
        with self._store.transaction() as connection:
            _keep_passphrase_key(
                connection, PassphraseKey.new(passphrase, self._header().passphrase.params)
            )
        self._write_key_file()

    def recovery_changed(self) -> None:
        """After a new recovery code: the key file sealed to it."""
        if self.is_set_up():
            self._write_key_file()

    def _write_key_file(self) -> None:
        with self._store.reading() as connection:
            me = str(state.get(connection, "device_id"))
            folder = Path(str(state.get(connection, "folder")))
            seed = tokens.master_seed(connection)
            passphrase = PassphraseKey(
                keys.KdfParams(*(int(x) for x in
                                 str(state.get(connection, "key_file_kdf")).split(","))),
                bytes(state.get(connection, "key_file_salt")),
                bytes(state.get(connection, "key_file_kek")),
            )
            shared = keyfile.Shared(
                self._vault_id, seed, tuple(state.epochs(connection)), self._recovery(),
                passphrase.params,
            )
        path = folder / (file_name(names_key(seed), "key", me) + keyfile.SUFFIX)
        keyfile.write(path, shared, passphrase)
        remove_leftovers(folder, (f".{path.name}.*.tmp",))  # of a write killed earlier

    def _require(self, connection: Connection) -> None:
        if not state.is_set_up(connection):
            raise SyncNotSetUp()


def _keep_passphrase_key(connection: Connection, passphrase: PassphraseKey) -> None:
    params = passphrase.params
    state.put(connection, "key_file_kdf",
              f"{params.memory_kib},{params.iterations},{params.lanes}")
    state.put(connection, "key_file_salt", passphrase.salt)
    state.put(connection, "key_file_kek", passphrase.kek)


def _names(connection: Connection) -> bytes:
    return names_key(tokens.master_seed(connection))


def _holds_a_vault(folder: Path) -> bool:
    with contextlib.suppress(OSError):
        return any(not p.name.startswith(".") for pattern in ("*.zps", "*.zpk")
                   for p in folder.glob(pattern))
    return False
