"""A change on one device, visible in the other device's running app, measured from inside
that app's process.

    python -m benchmarks.sync_window_probe      # prints one JSON document

Run by bench_sync in a fresh process (QT_QPA_PLATFORM=offscreen). Two devices of one vault
each have their own copy of the folder (a local folder stands in for the sync engine). The
second runs in the main window as a person uses it: its session, its folder watcher, My
Data shown. Each round the first device changes a field and writes its file; the time is
from that file's copy into the second's folder to the new value in My Data's model, no
click in between; median of several rounds.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.fields.model import KEY_ROLE, VALUE  # noqa: E402
from ui.fields.page import MyDataPage  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.preferences import Settings  # noqa: E402
from vault.storage.keys import KdfParams  # noqa: E402
from vault.sync.joining import join  # noqa: E402
from vault.vault import Vault  # noqa: E402

PASSPHRASE = "benchmark lantern orbit 42"
FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)  # the KDF is not what is timed
ROUNDS = 7
KEY = "preferred_name"


def shown(page: MyDataPage) -> str | None:
    model = page.table.model()
    for row in range(model.rowCount()):
        index = model.index(row, VALUE)
        if index.data(KEY_ROLE) == KEY:
            return str(index.data())
    return None


def wait_for(condition: object, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not show the change")
        QCoreApplication.processEvents()
        time.sleep(0.002)


def measure(root: Path) -> list[float]:
    first, _ = Vault.create(root / "first", PASSPHRASE, kdf=FAST)
    here = root / "folder-first"
    first.sync.setup(here, PASSPHRASE, "first")
    there = root / "folder-second"
    there.mkdir()
    for path in here.iterdir():
        (there / path.name).write_bytes(path.read_bytes())
    second, _ = join(there, root / "second", PASSPHRASE, device_name="second")
    window = MainWindow(root / "second", Settings())
    window.resize(1000, 680)
    window.show()
    window.open_vault(second)
    page = window.my_data
    wait_for(lambda: page.model.rowCount() >= 40 and window.sync_watch.status is not None)
    samples = []
    try:
        for round_number in range(ROUNDS):
            value = f"Alex {round_number}"
            known = {p.name for p in here.iterdir()}
            first.fields.set(KEY, value)
            first.sync.now()
            new = [p for p in here.iterdir() if p.name not in known and p.suffix == ".zps"]
            started = time.perf_counter()
            for path in new:
                (there / path.name).write_bytes(path.read_bytes())
            wait_for(lambda v=value: shown(page) == v)  # type: ignore[misc]
            samples.append(time.perf_counter() - started)
    finally:
        window.close()
        first.lock()
    return samples


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        samples = measure(Path(tmp))
    print(json.dumps({"median": statistics.median(samples), "samples": samples}))
    del app


if __name__ == "__main__":
    main()
