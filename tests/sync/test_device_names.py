"""Two devices of one vault on one computer (or two computers named alike) do not both take
its name: `zpv devices remove NAME` must name one device."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.support.vaults import FAST_KDF, PASSPHRASE
from vault.sync.joining import join
from vault.vault import Vault


def test_a_joining_device_is_numbered_when_its_computers_name_is_taken(
    tmp_path: Path,
) -> None:
    host = socket.gethostname()
    folder = tmp_path / "synced"
    first, _ = Vault.create(tmp_path / "one", PASSPHRASE, kdf=FAST_KDF)
    first.sync.setup(folder, PASSPHRASE)
    second, _ = join(folder, tmp_path / "two", PASSPHRASE)
    third, _ = join(folder, tmp_path / "three", PASSPHRASE)
    try:
        first.sync.now()
        names = sorted(d.name for d in first.sync.devices())
        assert names == sorted([host, f"{host}-2", f"{host}-3"])
        assert [d.name for d in third.sync.devices() if d.this] == [f"{host}-3"]
    finally:
        for vault in (first, second, third):
            vault.lock()


def test_a_name_given_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "synced"
    first, _ = Vault.create(tmp_path / "one", PASSPHRASE, kdf=FAST_KDF)
    first.sync.setup(folder, PASSPHRASE, "desk")
    second, _ = join(folder, tmp_path / "two", PASSPHRASE, device_name="laptop")
    try:
        assert sorted(d.name for d in second.sync.devices()) == ["desk", "laptop"]
    finally:
        first.lock()
        second.lock()
