"""Sync: applying 10,000 operations that arrived from another device.

Two devices of one vault share a folder. The first writes one segment of 10,000 row
operations (custom field definitions, their values and history rows, inserted in one
transaction for speed, then captured by `sync.now()` as any change is); the second's
`sync.now()` reads, checks and applies it (merge, shadow, owners, one transaction).
Target: <= 2 s. The capture on the writing side is printed beside it, for scale.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from vault.storage.keys import KdfParams
from vault.sync.joining import join
from vault.vault import Vault

from .common import Verdict, isolate_state

OPERATIONS = 10_000
TARGET_SECONDS = 2.0
PASSPHRASE = "benchmark lantern orbit 42"
FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)  # the KDF is not what is timed


def _fill(vault: Vault, count: int) -> None:
    third = count // 3
    with vault._store.transaction() as connection:
        connection.executemany(
            "INSERT INTO custom_fields (key, label, type, category, sensitivity, choices, "
            "created_at) VALUES (?, ?, 'text', 'custom', 'personal', '[]', 1)",
            [(f"x_f{i}", f"Field {i}") for i in range(third)],
        )
        connection.executemany(
            "INSERT INTO field_values (key, value, updated_at) VALUES (?, ?, 2)",
            [(f"x_f{i}", json.dumps(f"value {i}")) for i in range(third)],
        )
        connection.executemany(
            "INSERT INTO field_history (key, value, changed_at) VALUES (?, ?, 2)",
            [(f"x_f{i % third}", json.dumps(f"old {i}")) for i in range(count - 2 * third)],
        )


def run() -> Verdict:
    isolate_state()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        first, _ = Vault.create(root / "a", PASSPHRASE, kdf=FAST)
        with first:
            first.sync.setup(root / "folder", PASSPHRASE, "first")
            second, _ = join(root / "folder", root / "b", PASSPHRASE, device_name="second")
            with second:
                _fill(first, OPERATIONS)
                started = time.perf_counter()
                first.sync.now()
                capture = time.perf_counter() - started
                started = time.perf_counter()
                report = second.sync.now()
                applied = time.perf_counter() - started
                assert report.applied == 1 and second.fields.get("x_f7") == "value 7"
    print(f"capture and seal {OPERATIONS:,} operations: {capture:.2f} s")
    print(f"read, check and apply them on the other device: {applied:.2f} s")
    return Verdict(f"apply {OPERATIONS:,} operations from another device", applied,
                   TARGET_SECONDS, " s")


if __name__ == "__main__":
    print(run().line())
