"""Devices of one vault on this machine, each with its own copy of the synced folder, and
a hand-driven stand-in for the sync engine that carries files between the copies: in any
order, twice, half-written, or under a conflict-copy name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tests.support.vaults import FAST_KDF, PASSPHRASE
from vault.sync.joining import join
from vault.vault import Vault

SYNCED = (".zps", ".zpk")


class SharedClock:
    """One clock for every device: each step of a test moves it on a second."""

    def __init__(self, now: int = 1_800_000_000) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now

    def tick(self) -> None:
        self.now += 1


@dataclass
class Device:
    name: str
    vault: Vault
    folder: Path  # this device's copy of the synced folder
    directory: Path


def sealed_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.suffix in SYNCED and not p.name.startswith(".")}


@dataclass
class Setting:
    """A few devices and the engine between their folders."""

    root: Path
    clock: SharedClock
    devices: list[Device] = field(default_factory=list)
    recovery_code: str = ""

    def first(self, name: str = "laptop") -> Device:
        directory = self.root / name
        vault, code = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF, clock=self.clock)
        self.recovery_code = code
        folder = self.root / f"folder-{name}"
        vault.sync.setup(folder, PASSPHRASE, name)
        device = Device(name, vault, folder, directory)
        self.devices.append(device)
        return device

    def join(self, name: str) -> Device:
        folder = self.root / f"folder-{name}"
        folder.mkdir()
        for other in self.devices:
            self.carry_all(other.folder, folder)
        vault, _ = join(folder, self.root / name, PASSPHRASE, device_name=name,
                        clock=self.clock)
        device = Device(name, vault, folder, self.root / name)
        self.devices.append(device)
        return device

    @staticmethod
    def carry_all(source: Path, target: Path) -> None:
        for name, data in sealed_files(source).items():
            there = target / name
            if not there.exists() or there.read_bytes() != data:  # a key file rewritten
                there.write_bytes(data)

    def everywhere(self) -> None:
        """The engine catches up: every file in every folder."""
        for source in self.devices:
            for target in self.devices:
                if source is not target:
                    self.carry_all(source.folder, target.folder)

    def settle(self) -> None:
        """Sync until nothing moves: every device sees everything."""
        for _ in range(3):
            self.everywhere()
            for device in self.devices:
                device.vault.sync.now()
        self.everywhere()
        for device in self.devices:
            device.vault.sync.now()

    def close(self) -> None:
        for device in self.devices:
            if not device.vault.is_locked:
                device.vault.lock()

