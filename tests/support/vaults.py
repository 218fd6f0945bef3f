"""Real vaults on disk for tests: the passphrases, a cheap KDF, and a made vault."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from vault.errors import WrongCredentials
from vault.storage.keys import KdfParams
from vault.vault import Vault

# Real Argon2id, at a cost that keeps the suite quick; tests of the defaults use DEFAULT_KDF.
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASSPHRASE = "tulip lantern orbit 42"
NEW_PASSPHRASE = "saffron kettle meadow 7"
PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass
class MadeVault:
    directory: Path
    passphrase: str
    recovery_code: str

    def unlock(self) -> Vault:
        return Vault.unlock(self.directory, self.passphrase)


def make_vault(directory: Path) -> MadeVault:
    """A locked vault on disk, created with FAST_KDF."""
    vault, code = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    vault.lock()
    return MadeVault(directory, PASSPHRASE, code)


def file_digests(directory: Path) -> dict[str, str]:
    """SHA-256 of every file in a directory, by name."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.iterdir()) if p.is_file()
    }


def opens_with(directory: Path, secret: str, *, code: bool = False) -> bool:
    """Whether the vault opens with `secret`, a passphrase (or a recovery code)."""
    try:
        if code:
            Vault.unlock_with_recovery_code(directory, secret).lock()
        else:
            Vault.unlock(directory, secret).lock()
    except WrongCredentials:
        return False
    return True
