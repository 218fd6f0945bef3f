"""Run one operation on a vault until the disk refuses it, then check the vault from the
same process, free the space, and run it once more: the app keeps running.

    python -m tests.hardening.disk_full_worker MODE SCENARIO VAULT_DIR WORK_DIR LIMIT

MODE is `rlimit` (RLIMIT_FSIZE = LIMIT bytes; SIGXFSZ ignored, so writes fail with EFBIG)
or `tmpfs` (VAULT_DIR is on a small filesystem that a filler file fills, LIMIT bytes left).
Every line on stdout is one JSON object: {"ack": ...} after each operation returned,
then {"refused": ...}, {"checks": ...}, {"after_free": ...}.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import sys
from pathlib import Path
from typing import Any

from vault.errors import StorageFull, VaultError, WrongPassphrase
from vault.storage import keys
from vault.storage.header import read_header
from vault.vault import Vault

PASSPHRASES = ("tulip lantern orbit 42", "saffron kettle meadow 7")
ORIGIN_FILE = "origin.txt"


def say(**message: Any) -> None:
    os.write(1, (json.dumps(message) + "\n").encode())


def fill(mode: str, vault_dir: Path, work: Path, limit: int) -> None:
    if mode == "rlimit":
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
        return
    filler = vault_dir.parent / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    block = b"\0" * 65536
    try:
        while True:
            try:
                os.write(fd, block)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                if len(block) == 1:
                    break
                block = block[: len(block) // 2]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - limit))


def free(mode: str, vault_dir: Path) -> None:
    if mode == "rlimit":
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
    else:
        (vault_dir.parent / "filler").unlink()


def passphrase_on_disk(directory: Path) -> str | None:
    """Which passphrase the header on disk opens now (read while the vault is open)."""
    header = read_header(directory)
    slot = header.passphrase
    for candidate in PASSPHRASES:
        kek = keys.derive_passphrase_key(candidate, slot.salt, slot.params)
        try:
            keys.unwrap_with_passphrase_key(kek, slot.nonce, slot.wrapped,
                                            header.slot_aad("passphrase"))
        except WrongPassphrase:
            continue
        return candidate
    return None


def in_memory_opens(vault: Vault, passphrase: str | None) -> bool:
    """The open vault's own header agrees with the one on disk."""
    try:
        vault.check_passphrase(passphrase or "")
    except WrongPassphrase:
        return False
    return True


def operation(scenario: str, vault: Vault, work: Path, i: int) -> Any:
    if scenario == "field":
        value = f"{i:06d} " + "n" * 480
        vault.fields.set("x_note", value)
        return value
    if scenario == "share":
        origin = (work / ORIGIN_FILE).read_text().strip()
        return vault.grants.share(origin, "fit-advice").grant.id
    if scenario == "backup":
        path = work / "backups" / f"b{i}.zpvbak"
        vault.backup_to(path)
        return str(path)
    if scenario == "passphrase":
        new = PASSPHRASES[i % 2]
        vault.change_passphrase(new)
        return new
    raise ValueError(scenario)


def main() -> None:
    mode, scenario, vault_dir, work, limit = sys.argv[1:6]
    directory, work_dir = Path(vault_dir), Path(work)
    vault = Vault.unlock(directory, PASSPHRASES[0])
    fill(mode, directory, work_dir, int(limit))
    i = 0
    while True:
        i += 1
        try:
            say(ack=operation(scenario, vault, work_dir, i))
        except StorageFull as error:
            say(refused=type(error).__name__, message=str(error))
            break
        except VaultError as error:  # any other typed error is a wrong answer: report it
            say(refused=type(error).__name__, message=str(error))
            break
        if i > 2000:
            say(refused=None, message="the disk never filled")
            return
    # Still running, with the disk full: everything reads as before.
    on_disk = passphrase_on_disk(directory)
    say(checks={
        "x_note": vault.fields.get("x_note"),
        "grants": sorted(g.id for g in vault.grants.listing()),
        "integrity": vault.integrity_problems(),
        "audit_ok": vault.audit.verify().ok,
        "files": sorted(p.name for p in directory.iterdir()),
        "passphrase_on_disk": on_disk,
        "same_in_memory": in_memory_opens(vault, on_disk),
    })
    free(mode, directory)
    try:
        say(after_free=operation(scenario, vault, work_dir, i + 1))
    except VaultError as error:
        say(after_free_error=type(error).__name__, message=str(error))
    vault.lock()


if __name__ == "__main__":
    main()
