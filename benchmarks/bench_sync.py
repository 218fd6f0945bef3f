"""Sync: applying 10,000 operations that arrived from another device.

Two devices of one vault share a folder. The first writes one segment of 10,000 row
operations (custom field definitions, their values and history rows, inserted in one
transaction for speed, then captured by `sync.now()` as any change is); the second's
`sync.now()` reads, checks and applies it (merge, shadow, owners, one transaction).
Target: <= 2 s. The capture on the writing side is printed beside it, for scale.

Then a change on one device visible on the other, running, after the file arrives: the
second device's folder watcher (file events) runs `sync.now()` when it sees the file;
timed from the file's copy into its folder (a local folder standing in for the engine)
to the new value read back there; median of 5. Target: <= 2 s.

And the same in the other device's running app (`sync_window_probe`, a fresh offscreen
process): from the file's copy into its folder to the new value in My Data's model, the
app's own watcher and session doing the work. Target: <= 2 s.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from vault.storage.keys import KdfParams
from vault.sync.joining import join
from vault.sync.watch import FolderWatcher
from vault.vault import Vault

from .bench_cold_start import PROJECT_ROOT, _environment
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


def _visible_after_arrival(root: Path, repeats: int = 5) -> float:
    """Seconds from a segment's arrival in the other device's folder to its change read
    there, the watcher applying it; median of `repeats`."""
    first, _ = Vault.create(root / "c", PASSPHRASE, kdf=FAST)
    samples = []
    with first:
        first.sync.setup(root / "folder-c", PASSPHRASE, "first")
        other = root / "folder-d"
        other.mkdir()
        for path in (root / "folder-c").iterdir():
            (other / path.name).write_bytes(path.read_bytes())
        second, _ = join(other, root / "d", PASSPHRASE, device_name="second")
        with second:
            done = threading.Event()

            def arrived() -> None:
                if second.sync.now().applied:
                    done.set()

            watcher = FolderWatcher(other, arrived)
            watcher.start()
            try:
                for round_number in range(repeats):
                    done.clear()
                    known = {p.name for p in other.iterdir()}
                    first.fields.set("diet", ("vegan", "vegetarian")[round_number % 2])
                    first.sync.now()
                    new = [p for p in (root / "folder-c").iterdir()
                           if p.name not in known and p.suffix == ".zps"]
                    started = time.perf_counter()
                    for path in new:
                        (other / path.name).write_bytes(path.read_bytes())
                    done.wait(30)
                    expected = ("vegan", "vegetarian")[round_number % 2]
                    assert second.fields.get("diet") == expected
                    samples.append(time.perf_counter() - started)
            finally:
                watcher.stop()
    return statistics.median(samples)


def _visible_in_the_app(root: Path) -> float:
    """Median seconds from a file's arrival to its change in the other device's window."""
    config = root / "config"
    config.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.sync_window_probe"], cwd=PROJECT_ROOT,
        env=_environment(config), capture_output=True, text=True, timeout=300, check=True)
    return float(json.loads(done.stdout.strip().splitlines()[-1])["median"])


def run() -> list[Verdict]:
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
        visible = _visible_after_arrival(root)
        in_app = _visible_in_the_app(root)
    print(f"capture and seal {OPERATIONS:,} operations: {capture:.2f} s")
    print(f"read, check and apply them on the other device: {applied:.2f} s")
    print(f"a change visible on the other device after its file arrived: {visible:.3f} s")
    print(f"the same, in the other device's running app: {in_app:.3f} s")
    return [
        Verdict(f"apply {OPERATIONS:,} operations from another device", applied,
                TARGET_SECONDS, " s"),
        Verdict("a change visible on the other device after its file arrived", visible,
                TARGET_SECONDS, " s"),
        Verdict("a change visible in the other device's running app", in_app,
                TARGET_SECONDS, " s"),
    ]


if __name__ == "__main__":
    for verdict in run():
        print(verdict.line())
