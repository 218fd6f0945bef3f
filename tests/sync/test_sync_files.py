"""The folder's files: joining, sealing, and what is refused or waited for."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from tests.support.vaults import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE
from tests.sync.devices import Device, Setting, sealed_files
from tests.sync.state_of import synced_state
from vault.errors import (
    SyncFileRefused,
    SyncFolderInUse,
    SyncRefusal,
    UnknownDevice,
    WrongPassphrase,
    WrongRecoveryCode,
)
from vault.profile.audit import AuditAction, Tamper
from vault.sync import segments, state
from vault.sync.codec import canonical
from vault.sync.joining import join
from vault.sync.manager import SyncState
from vault.sync.sealing import seal
from vault.vault import Vault


def folder_snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def refusals(vault: Vault) -> list[str]:
    return [e.details["reason"] for e in vault.audit.entries(action_prefix="sync.refused")]


def test_a_joined_device_holds_the_same_vault_and_the_same_pseudonyms(
    setting: Setting,
) -> None:
    laptop = setting.first()
    laptop.vault.fields.set("diet", "vegan")
    laptop.vault.sync.now()
    desktop = setting.join("desktop")
    assert desktop.vault.fields.get("diet") == "vegan"
    assert synced_state(desktop.vault) == synced_state(laptop.vault)
    with laptop.vault._store.reading() as a, desktop.vault._store.reading() as b:
        seed = "SELECT value FROM meta WHERE key IN ('vault_id', 'master_seed') ORDER BY key"
        assert a.execute(seed).fetchall() == b.execute(seed).fetchall()
    # Each device has its own data key: a re-key on one is not a re-key on the other.
    assert laptop.vault._key() != desktop.vault._key()
    assert [d.name for d in laptop.vault.sync.devices()] == ["laptop"]
    setting.settle()
    assert sorted(d.name for d in laptop.vault.sync.devices()) == ["desktop", "laptop"]


def test_names_in_the_folder_say_nothing(setting: Setting) -> None:
    laptop = setting.first()
    laptop.vault.fields.set("diet", "vegan")
    laptop.vault.sync.now()
    for name, data in sealed_files(laptop.folder).items():
        stem = name.rsplit(".", 1)[0]
        assert len(stem) == 32 and int(stem, 16) >= 0
        for secret in (b"vegan", b"diet", b"laptop", laptop.vault._header.vault_id.encode()):
            assert secret not in data


def test_joining_with_the_recovery_code_and_a_new_passphrase(setting: Setting) -> None:
    laptop = setting.first()
    laptop.vault.fields.set("diet", "vegan")
    laptop.vault.sync.now()
    folder = setting.root / "folder-phone"
    folder.mkdir()
    setting.carry_all(laptop.folder, folder)
    phone, new_code = join(folder, setting.root / "phone", setting.recovery_code,
                           recovery_code=True, new_passphrase=NEW_PASSPHRASE,
                           device_name="phone", clock=setting.clock)
    try:
        assert new_code is None  # the same recovery code opens every device
        assert phone.fields.get("diet") == "vegan"
        phone.lock()
        Vault.unlock(setting.root / "phone", NEW_PASSPHRASE).lock()
        Vault.unlock_with_recovery_code(setting.root / "phone", setting.recovery_code).lock()
    finally:
        if not phone.is_locked:
            phone.lock()


@pytest.mark.parametrize("as_code", [False, True], ids=["passphrase", "recovery-code"])
def test_joining_with_a_wrong_secret_changes_nothing(setting: Setting, as_code: bool) -> None:
    laptop = setting.first()
    laptop.vault.fields.set("diet", "vegan")
    laptop.vault.sync.now()
    before = folder_snapshot(laptop.folder)
    target = setting.root / "thief"
    wrong = "ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567" if as_code else "not the passphrase 1"
    expected = WrongRecoveryCode if as_code else WrongPassphrase
    with pytest.raises(expected):
        join(laptop.folder, target, wrong, recovery_code=as_code,
             new_passphrase=NEW_PASSPHRASE, clock=setting.clock)
    assert folder_snapshot(laptop.folder) == before
    assert not target.exists()


def test_the_folder_alone_opens_nothing(setting: Setting) -> None:
    laptop = setting.first()
    laptop.vault.sync.now()
    for data in sealed_files(laptop.folder).values():
        with pytest.raises(SyncFileRefused) as refused:
            segments._open("x", data, laptop.vault._header.vault_id, {})
        assert refused.value.reason in (SyncRefusal.UNKNOWN_EPOCH, SyncRefusal.TAMPERED)


def test_setting_up_into_a_folder_that_holds_a_vault_is_refused(setting: Setting) -> None:
    laptop = setting.first()
    other, _ = Vault.create(setting.root / "other", PASSPHRASE, kdf=FAST_KDF)
    try:
        with pytest.raises(SyncFolderInUse):
            other.sync.setup(laptop.folder, PASSPHRASE, "other")
        assert not other.sync.is_set_up()
    finally:
        other.lock()


def test_every_single_byte_change_of_a_segment_is_refused(setting: Setting) -> None:
    """Exhaustive: every position of a small segment, every other byte value there."""
    laptop = setting.first()
    desktop = setting.join("desktop")
    desktop.vault.fields.set("diet", "vegan")
    desktop.vault.sync.now()
    before = sealed_files(desktop.folder)
    (name, data), = [(n, d) for n, d in before.items()
                     if n not in sealed_files(laptop.folder) and n.endswith(".zps")
                     and _counter_of(desktop, d) == 2]
    with laptop.vault._store.reading() as connection:
        keys = {e.id: e.key for e in state.epochs(connection)}
    vault_id = laptop.vault._header.vault_id
    tried = 0
    for position in range(len(data)):
        for value in range(256):
            if value == data[position]:
                continue
            changed = data[:position] + bytes([value]) + data[position + 1:]
            with pytest.raises(SyncFileRefused):
                segments._open(name, changed, vault_id, keys)
            tried += 1
    assert tried == len(data) * 255
    # And through a whole sync: a few changed copies, each refused once in Activity,
    # nothing applied.
    for position in (0, 7, 30, 44, 45, len(data) // 2, len(data) - 1):
        changed = bytearray(data)
        changed[position] ^= 0x01
        (laptop.folder / f"{position}-{name}").write_bytes(bytes(changed))
    report = laptop.vault.sync.now()
    assert len(report.refused) == 7
    assert all(reason is SyncRefusal.TAMPERED for _, reason in report.refused)
    assert laptop.vault.fields.get("diet") is None
    assert laptop.vault.sync.status().state is SyncState.PROBLEM
    assert refusals(laptop.vault) == ["tampered"] * 7
    laptop.vault.sync.now()
    assert refusals(laptop.vault) == ["tampered"] * 7  # each reported once


def _counter_of(device: Device, data: bytes) -> int:
    with device.vault._store.reading() as connection:
        keys = {e.id: e.key for e in state.epochs(connection)}
    return segments._open("x", data, device.vault._header.vault_id, keys).counter


def test_a_half_synced_file_waits_and_then_applies(setting: Setting) -> None:
    laptop = setting.first()
    desktop = setting.join("desktop")
    setting.settle()
    desktop.vault.fields.set("diet", "vegan")
    desktop.vault.sync.now()
    new = {n: d for n, d in sealed_files(desktop.folder).items()
           if n not in sealed_files(laptop.folder)}
    (name, data), = new.items()
    for cut in (0, 3, 20, 45, len(data) // 2, len(data) - 1):
        (laptop.folder / name).write_bytes(data[:cut])
        report = laptop.vault.sync.now()
        assert report.applied == 0 and report.refused == []
        assert laptop.vault.fields.get("diet") is None
        assert laptop.vault.sync.status().state is SyncState.WAITING
    (laptop.folder / name).write_bytes(data)
    assert laptop.vault.sync.now().applied == 1
    assert laptop.vault.fields.get("diet") == "vegan"
    assert laptop.vault.sync.status().state is SyncState.UP_TO_DATE
    assert refusals(laptop.vault) == []


def test_conflict_copies_and_duplicates_apply_once(setting: Setting) -> None:
    laptop = setting.first()
    desktop = setting.join("desktop")
    setting.settle()
    desktop.vault.fields.set("diet", "vegan")
    desktop.vault.sync.now()
    (name, data), = [(n, d) for n, d in sealed_files(desktop.folder).items()
                     if n not in sealed_files(laptop.folder)]
    stem = name.removesuffix(".zps")
    for copy in (name, f"{stem} (conflicted copy 2026-01-02).zps",
                 f"{stem}.sync-conflict-20260102-101010-ABCDEFG.zps", f"{stem}-LAPTOP.zps"):
        (laptop.folder / copy).write_bytes(data)
    report = laptop.vault.sync.now()
    assert report.applied == 1 and report.refused == []
    assert [h.value for h in laptop.vault.fields.history("diet")] == ["vegan"]
    assert laptop.vault.sync.now().applied == 0


def test_a_gap_waits_for_the_missing_file(setting: Setting) -> None:
    laptop = setting.first()
    desktop = setting.join("desktop")
    setting.settle()
    known = set(sealed_files(laptop.folder))
    desktop.vault.fields.set("diet", "vegan")
    desktop.vault.sync.now()
    first = {n: d for n, d in sealed_files(desktop.folder).items() if n not in known}
    setting.clock.tick()
    desktop.vault.fields.set("diet", "vegetarian")
    desktop.vault.sync.now()
    second = {n: d for n, d in sealed_files(desktop.folder).items()
              if n not in known and n not in first}
    for name, data in second.items():
        (laptop.folder / name).write_bytes(data)
    assert laptop.vault.sync.now().applied == 0
    status = laptop.vault.sync.status()
    assert status.state is SyncState.WAITING and status.waiting_for == ("desktop",)
    for name, data in first.items():
        (laptop.folder / name).write_bytes(data)
    assert laptop.vault.sync.now().applied == 2
    assert laptop.vault.fields.get("diet") == "vegetarian"


def test_a_device_put_back_from_an_old_copy_cannot_rewrite_its_history(
    setting: Setting,
) -> None:
    """A device restored from a file copy reuses a counter with other content: the second
    file for that counter is refused as a fork, and an old file put back changes nothing."""
    laptop = setting.first()
    desktop = setting.join("desktop")
    setting.settle()
    desktop.vault.lock()
    old_copy = setting.root / "desktop-old"
    shutil.copytree(desktop.directory, old_copy)
    desktop.vault = Vault.unlock(desktop.directory, PASSPHRASE, clock=setting.clock)
    desktop.vault.fields.set("diet", "vegan")
    desktop.vault.sync.now()
    setting.everywhere()
    laptop.vault.sync.now()
    assert laptop.vault.fields.get("diet") == "vegan"
    # The old copy writes the same counter again, with another value.
    desktop.vault.lock()
    shutil.rmtree(desktop.directory)
    shutil.copytree(old_copy, desktop.directory)
    desktop.vault = Vault.unlock(desktop.directory, PASSPHRASE, clock=setting.clock,
                                 accept_rollback=True)
    for name in sealed_files(desktop.folder):
        (desktop.folder / name).unlink()
    setting.clock.tick()
    desktop.vault.fields.set("diet", "omnivore")
    desktop.vault.sync.now()
    for name, data in sealed_files(desktop.folder).items():
        (laptop.folder / f"again-{name}").write_bytes(data)
    report = laptop.vault.sync.now()
    assert [reason for _, reason in report.refused] == [SyncRefusal.FORKED]
    assert laptop.vault.fields.get("diet") == "vegan"


def test_an_old_file_replayed_changes_nothing(setting: Setting) -> None:
    laptop = setting.first()
    desktop = setting.join("desktop")
    setting.settle()
    desktop.vault.fields.set("diet", "vegan")
    desktop.vault.sync.now()
    old = {n: d for n, d in sealed_files(desktop.folder).items()
           if n not in sealed_files(laptop.folder)}
    setting.everywhere()
    laptop.vault.sync.now()
    setting.clock.tick()
    desktop.vault.fields.set("diet", "vegetarian")
    desktop.vault.sync.now()
    setting.everywhere()
    laptop.vault.sync.now()
    assert laptop.vault.fields.get("diet") == "vegetarian"
    for name, data in old.items():  # put back under a new name, as an engine might
        (laptop.folder / name).unlink()
        (laptop.folder / f"restored-{name}").write_bytes(data)
    assert laptop.vault.sync.now().applied == 0
    assert laptop.vault.fields.get("diet") == "vegetarian"


def test_a_segment_whose_chain_link_does_not_hold_is_refused_as_replayed(
    setting: Setting,
) -> None:
    """A genuine file applied out of its place in the chain (its `prev` names another
    file) is refused: crafted here by sealing a body with a wrong link under the real keys."""
    laptop = setting.first()
    desktop = setting.join("desktop")
    setting.settle()
    with desktop.vault._store.reading() as connection:
        me = state.me(connection)
        epoch = state.current_epoch(connection)
        count = state.counter(connection) + 1
    body = {"vault": desktop.vault._header.vault_id, "device": me.device_id, "n": count,
            "prev": hashlib.sha256(b"another file").hexdigest(), "at": 0, "ops": [],
            "devices": []}
    (laptop.folder / "crafted.zps").write_bytes(seal(epoch.id, epoch.key, me.signing,
                                                     canonical(body)))
    report = laptop.vault.sync.now()
    assert [reason for _, reason in report.refused] == [SyncRefusal.REPLAYED]


def new_files(source: Path, target: Path) -> dict[str, bytes]:
    return {n: d for n, d in sealed_files(source).items() if n not in sealed_files(target)}


def test_a_removed_device_cannot_add_changes_nor_read_what_follows(setting: Setting) -> None:
    laptop = setting.first()
    desktop = setting.join("desktop")
    lost = setting.join("lost")
    setting.settle()
    with pytest.raises(UnknownDevice):
        laptop.vault.sync.remove("laptop")  # not itself
    removal = new_files(laptop.folder, desktop.folder)
    laptop.vault.sync.remove("lost")
    removal = new_files(laptop.folder, desktop.folder)
    assert [d.removed for d in laptop.vault.sync.devices() if d.name == "lost"] == [True]
    # The desktop learns of the removal first.
    for name, data in removal.items():
        (desktop.folder / name).write_bytes(data)
    desktop.vault.sync.now()
    # The lost device, not knowing, goes on writing; the laptop writes in the new epoch.
    setting.clock.tick()
    lost.vault.fields.set("diet", "pescatarian")
    lost.vault.sync.now()
    setting.clock.tick()
    laptop.vault.fields.set("pets", ["cat"])
    laptop.vault.sync.now()
    setting.everywhere()
    refused_laptop = laptop.vault.sync.now().refused
    refused_desktop = desktop.vault.sync.now().refused
    assert [r for _, r in refused_laptop] == [SyncRefusal.REMOVED_DEVICE]
    assert [r for _, r in refused_desktop] == [SyncRefusal.REMOVED_DEVICE]
    assert laptop.vault.fields.get("diet") is None
    assert desktop.vault.fields.get("diet") is None
    assert desktop.vault.fields.get("pets") == ["cat"]  # the desktop got the new key
    lost_report = lost.vault.sync.now()
    assert lost.vault.fields.get("pets") is None
    assert SyncRefusal.UNKNOWN_EPOCH in [r for _, r in lost_report.refused]
    assert lost.vault.sync.status().state is SyncState.REMOVED
    assert laptop.vault.sync.status().state is SyncState.PROBLEM
    assert [e.action for e in laptop.vault.audit.entries(action_prefix="sync.device")] == [
        AuditAction.DEVICE_REMOVED.value]


def test_devices_that_applied_different_amounts_of_a_removed_one_end_alike(
    setting: Setting,
) -> None:
    """The desktop applied a segment of the lost device the laptop had not seen when it
    removed it: the desktop says how far it went, and the laptop catches up to that."""
    laptop = setting.first()
    desktop = setting.join("desktop")
    lost = setting.join("lost")
    setting.settle()
    setting.clock.tick()
    lost.vault.fields.set("diet", "flexitarian")
    lost.vault.sync.now()
    for name, data in new_files(lost.folder, desktop.folder).items():
        (desktop.folder / name).write_bytes(data)
    desktop.vault.sync.now()
    laptop.vault.sync.remove("lost")
    setting.settle()
    assert laptop.vault.fields.get("diet") == "flexitarian"
    assert synced_state(laptop.vault) == synced_state(desktop.vault)


def test_sync_keys_survive_a_re_key_and_the_key_file_follows_the_passphrase(
    setting: Setting,
) -> None:
    laptop = setting.first()
    laptop_key_file = {n for n in sealed_files(laptop.folder) if n.endswith(".zpk")}
    desktop = setting.join("desktop")
    setting.settle()
    laptop.vault.change_passphrase(NEW_PASSPHRASE)
    laptop.vault.fields.set("diet", "vegan")
    laptop.vault.sync.now()
    setting.everywhere()
    desktop.vault.sync.now()
    assert desktop.vault.fields.get("diet") == "vegan"
    # Only the laptop's key file changed: the new passphrase opens it, and the desktop's
    # (still under the passphrase the desktop has) opens with the old one.
    only_laptop = setting.root / "only-laptop"
    only_laptop.mkdir()
    for name, data in sealed_files(laptop.folder).items():
        if name.endswith(".zps") or name in laptop_key_file:
            (only_laptop / name).write_bytes(data)
    for name in [n for n in os.listdir(only_laptop) if n.endswith(".zpk")]:
        document = json.loads((only_laptop / name).read_bytes())
        assert set(document) >= {"kdf", "salt", "wrapped", "recovery", "body"}
    with pytest.raises(WrongPassphrase):
        join(only_laptop, setting.root / "x", PASSPHRASE, clock=setting.clock)
    joined, _ = join(only_laptop, setting.root / "y", NEW_PASSPHRASE, clock=setting.clock)
    try:
        assert joined.fields.get("diet") == "vegan"
    finally:
        joined.lock()


def test_a_device_restored_from_a_backup_goes_on_as_a_new_device(setting: Setting) -> None:
    """The folder still holds what the device wrote after its backup: it notices, removes
    its older self and goes on under a new identity. Nothing is refused, nothing forks,
    and what its older self wrote after the backup stays everywhere."""
    laptop = setting.first()
    desktop = setting.join("desktop")
    setting.settle()
    backup = setting.root / "desktop.zpvbak"
    desktop.vault.backup_to(backup)
    setting.clock.tick()
    desktop.vault.fields.set("diet", "vegan")  # after the backup
    desktop.vault.sync.now()
    setting.settle()
    desktop.vault.lock()
    Vault.restore(backup, desktop.directory, PASSPHRASE, replace=True, clock=setting.clock)
    desktop.vault = Vault.unlock(desktop.directory, PASSPHRASE, clock=setting.clock)
    assert desktop.vault.fields.get("diet") is None  # as it was at the backup
    setting.clock.tick()
    desktop.vault.fields.set("pets", ["cat"])
    desktop.vault.sync.now()
    setting.settle()
    for device in (laptop, desktop):
        assert device.vault.fields.get("diet") == "vegan"
        assert device.vault.fields.get("pets") == ["cat"]
        assert device.vault.audit.entries(action_prefix="sync.refused") == []
    assert synced_state(laptop.vault) == synced_state(desktop.vault)
    names = sorted((d.name, d.removed) for d in laptop.vault.sync.devices())
    assert names == [("desktop", False), ("desktop", True), ("laptop", False)]
    assert [e.action for e in desktop.vault.audit.entries(action_prefix="sync.older")] == [
        AuditAction.SYNC_OLDER_COPY.value]


def test_every_devices_activity_log_reaches_the_others_and_verifies(setting: Setting) -> None:
    laptop = setting.first()
    desktop = setting.join("desktop")
    setting.settle()
    desktop.vault.fields.set("diet", "vegan")
    desktop.vault.sync.now()
    setting.settle()
    # Each sync lengthens the log, which travels only with other changes: devices at
    # rest write nothing more, however often they sync.
    for _ in range(3):
        setting.everywhere()
        assert [d.vault.sync.now().written for d in setting.devices] == [0, 0]
    chains = {c.device: c for c in laptop.vault.sync.audit_chains()}
    assert set(chains) == {"laptop", "desktop"} and all(c.ok for c in chains.values())
    assert chains["laptop"].this and not chains["desktop"].this
    with desktop.vault._store.reading() as connection:
        sent = connection.execute(
            "SELECT max(seq) FROM sync_audit WHERE device = (SELECT value FROM sync_local "
            "WHERE key = 'device_id')").fetchone()[0]
    assert chains["desktop"].last_seq == sent >= 2
    actions = [a for (a,) in laptop.vault._store.query(
        "SELECT action FROM sync_audit WHERE device != (SELECT value FROM sync_local "
        "WHERE key = 'device_id') ORDER BY seq")]
    assert actions[0] == "vault.created" and "field.set" in actions
    # An entry changed here is named, with the device it came from.
    with laptop.vault._store.transaction() as connection:
        connection.execute(
            "UPDATE sync_audit SET details = '{\"field\":\"pets\"}' WHERE action = 'field.set' "
            "AND device != (SELECT value FROM sync_local WHERE key = 'device_id')")
    chains = {c.device: c for c in laptop.vault.sync.audit_chains()}
    assert chains["desktop"].problem is Tamper.EDITED and chains["laptop"].ok
