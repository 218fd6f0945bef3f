"""The settings the security model names hold on every connection the vault opens.

`synchronous = FULL` (each commit synced before it returns: what the power-loss test
relies on), `temp_store = MEMORY` (no temporary files holding decrypted pages), WAL, and
foreign keys; SQLCipher 4. Each is read back through the connection itself, both while the
vault is open and as the connection is closed, for every connection opened by creating,
unlocking (passphrase and recovery code), changing the passphrase, backing up and
restoring. `cipher_memory_security` is not used (see docs/security.md, Known limits).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from tests.support.vaults import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE
from vault.vault import Vault

EXPECTED = {"synchronous": 2, "temp_store": 2, "journal_mode": "wal", "foreign_keys": 1,
            "cipher_version": "4"}


def settings(connection: Any) -> dict[str, Any]:
    """What the connection reports; its SQLCipher version by major number."""
    read = {name: connection.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("synchronous", "temp_store", "journal_mode", "foreign_keys")}
    read["cipher_version"] = str(connection.execute("PRAGMA cipher_version").fetchone()[0])[:1]
    return read


class Opened:
    """Every connection sqlcipher3.connect makes, with its settings read back at close."""

    def __init__(self) -> None:
        self.count = 0
        self.at_close: list[dict[str, Any]] = []
        recorder = self

        class Recording(sqlcipher3.Connection):  # type: ignore[misc, name-defined]
            def close(self) -> None:
                recorder.at_close.append(settings(self))
                super().close()

        self.factory = Recording

    def connect(self, *args: Any, **kwargs: Any) -> Any:
        self.count += 1
        return self.original(*args, factory=self.factory, **kwargs)

    original = staticmethod(sqlcipher3.connect)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Opened:
    recorder = Opened()
    monkeypatch.setattr(sqlcipher3, "connect", recorder.connect)
    return recorder


def test_every_connection_the_vault_opens_is_configured(opened: Opened, tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    while_open = []
    vault, code = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    with vault:
        while_open.append(settings(vault._store.connection))
        vault.fields.set("shoe_size_eu", 42)
    with Vault.unlock(directory, PASSPHRASE) as vault:
        while_open.append(settings(vault._store.connection))
        vault.change_passphrase(NEW_PASSPHRASE)
        vault.backup_to(tmp_path / "copy.zpvbak")
        while_open.append(settings(vault._store.connection))
    with Vault.unlock_with_recovery_code(directory, code) as vault:
        while_open.append(settings(vault._store.connection))
    Vault.restore(tmp_path / "copy.zpvbak", tmp_path / "restored", NEW_PASSPHRASE)
    with Vault.unlock(tmp_path / "restored", NEW_PASSPHRASE) as vault:
        while_open.append(settings(vault._store.connection))
        assert vault.fields.get("shoe_size_eu") == 42

    # create, unlock, recovery unlock, the restore's staged copy, the restored vault
    assert opened.count >= 5
    assert len(opened.at_close) == opened.count, "every connection was closed and read"
    assert while_open == [EXPECTED] * len(while_open)
    assert opened.at_close == [EXPECTED] * opened.count


def test_the_check_sees_a_connection_left_at_the_defaults() -> None:
    """Control: an unconfigured connection does not pass for a configured one."""
    connection = sqlcipher3.connect(":memory:")
    try:
        found = settings(connection)
    finally:
        connection.close()
    assert found != EXPECTED
    assert (found["temp_store"], found["journal_mode"], found["foreign_keys"]) == (0, "memory", 0)
