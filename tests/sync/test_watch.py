"""The running app notices other devices' files: the folder watcher, with file events and
by polling, each time with a real device's segment arriving and being applied."""

from __future__ import annotations

import threading
import time

import pytest

from tests.sync.devices import Setting, sealed_files
from vault.sync.watch import FolderWatcher

WAIT = 10.0  # generous, for a loaded machine: how fast is benchmarks/bench_sync.py's


@pytest.mark.parametrize("events", [True, False], ids=["file-events", "polling"])
def test_a_change_arriving_in_the_folder_is_applied_without_being_asked(
    setting: Setting, events: bool,
) -> None:
    laptop = setting.first()
    desktop = setting.join("desktop")
    setting.settle()
    applied = threading.Event()

    def arrived() -> None:
        if desktop.vault.sync.now().applied:
            applied.set()

    watcher = FolderWatcher(desktop.folder, arrived, interval=0.5, use_events=events)
    watcher.start()
    try:
        assert watcher.uses_events is events
        # A write in progress (a dot name) and a stray file are no news.
        (desktop.folder / ".abc.zps.123.tmp").write_bytes(b"partial")
        (desktop.folder / "notes.txt").write_text("not ours")
        laptop.vault.fields.set("diet", "vegan")
        laptop.vault.sync.now()
        new = {n: d for n, d in sealed_files(laptop.folder).items()
               if n not in sealed_files(desktop.folder)}
        assert len(new) == 1
        for name, data in new.items():
            (desktop.folder / name).write_bytes(data)
        assert applied.wait(WAIT)
        assert desktop.vault.fields.get("diet") == "vegan"
    finally:
        watcher.stop()


def test_a_burst_of_files_is_one_call(setting: Setting) -> None:
    laptop = setting.first()
    calls: list[float] = []
    watcher = FolderWatcher(laptop.folder, lambda: calls.append(time.monotonic()),
                            interval=5.0, settle=0.3)
    watcher.start()
    try:
        for index in range(20):
            (laptop.folder / f"{index:032x}.zps").write_bytes(b"x")
        deadline = time.monotonic() + 3
        while not calls and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.6)
    finally:
        watcher.stop()
    assert len(calls) == 1
