"""Unlock time against the Argon2id derivation alone, at the vault's default parameters.

The baseline is the floor: an unlock must derive the key. Everything else it
does (read and check the header, open SQLCipher, read the schema, take the
directory lock) should cost little on top. Target: unlock <= 1.15 x baseline.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from vault.storage import keys
from vault.vault import Vault

from .common import Verdict, interleaved_medians, isolate_state

PASSPHRASE = "benchmark passphrase for unlock 1"
TARGET_RATIO = 1.15


def run(repeats: int = 7) -> Verdict:
    isolate_state()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "vault"
        vault, _ = Vault.create(directory, PASSPHRASE)
        for key, value in (("preferred_name", "Bench"), ("shoe_size_eu", 42), ("pets", ["cat"])):
            vault.fields.set(key, value)
        vault.lock()
        salt = keys.new_salt()
        params = keys.DEFAULT_KDF

        def derive_only() -> None:
            keys.derive_passphrase_key(PASSPHRASE, salt, params)

        def unlock() -> None:
            Vault.unlock(directory, PASSPHRASE).lock()

        unlock()  # warm the page cache and imports once
        kdf, full = interleaved_medians(derive_only, unlock, repeats)
    print(
        f"argon2id alone ({params.memory_kib // 1024} MiB, {params.iterations} passes, "
        f"{params.lanes} lanes): {kdf * 1000:.1f} ms (median of {repeats})"
    )
    print(f"unlock (header, KDF, unwrap, MAC, SQLCipher open): {full * 1000:.1f} ms")
    return Verdict("unlock / argon2id", full / kdf, TARGET_RATIO, "x")


if __name__ == "__main__":
    print(run().line())
