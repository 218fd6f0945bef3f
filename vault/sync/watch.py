"""Noticing other devices' files as they arrive in the synced folder.

`FolderWatcher` calls `arrived()` on a thread of its own soon after a sealed file
(`*.zps`, `*.zpk`) appears, changes or is renamed into the folder: through the platform's
file events (watchdog: inotify, FSEvents, ReadDirectoryChangesW) when they are there,
else by looking at the folder's listing every `interval` seconds. A burst of files (a
sync engine catching up) is one call, after `settle` seconds of quiet. Temporary names
(starting with a dot) are a write in progress and are not news. The caller decides what
to do (the app: `vault.sync.now()` off the GUI thread, then refresh from its Changes).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

SEALED = (".zps", ".zpk")


def is_news(path: str) -> bool:
    name = Path(path).name
    return not name.startswith(".") and name.endswith(SEALED)


class FolderWatcher:
    def __init__(
        self, folder: Path, arrived: Callable[[], None], *, interval: float = 1.0,
        settle: float = 0.05, use_events: bool = True,
    ) -> None:
        self._folder = Path(folder)
        self._arrived = arrived
        self._interval = interval
        self._settle = settle
        self._use_events = use_events
        self._news = threading.Event()
        self._stop = threading.Event()
        self._observer: object | None = None
        self._thread: threading.Thread | None = None

    @property
    def uses_events(self) -> bool:
        return self._observer is not None

    def start(self) -> None:
        if self._use_events:
            self._observer = _observe(self._folder, self._news.set)
        self._thread = threading.Thread(target=self._run, name="zpv-sync-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._news.set()
        if self._observer is not None:
            self._observer.stop()  # type: ignore[attr-defined]
            self._observer.join()  # type: ignore[attr-defined]
            self._observer = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        seen = self._listing()
        while not self._stop.is_set():
            had_news = self._news.wait(self._interval)
            if self._stop.is_set():
                return
            if had_news:  # an event: let a burst finish first
                while True:
                    self._news.clear()
                    if not self._news.wait(self._settle):
                        break
            now = self._listing()
            # Polling compares listings; an event counts even when the listing looks the
            # same (a file rewritten within the clock's resolution).
            if now != seen or had_news:
                seen = now
                try:
                    self._arrived()
                except Exception:  # the caller's to report; the watch goes on
                    log.exception("sync: reacting to the folder failed")

    def _listing(self) -> frozenset[tuple[str, int, int]]:
        found = set()
        with contextlib.suppress(OSError):
            for path in self._folder.iterdir():
                if is_news(path.name):
                    with contextlib.suppress(OSError):
                        stat = path.stat()
                        found.add((path.name, stat.st_size, stat.st_mtime_ns))
        return frozenset(found)


def _observe(folder: Path, news: Callable[[], None]) -> object | None:
    """A started watchdog observer of `folder`, or None (not installed, or it failed)."""
    try:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer
    except ImportError:
        return None

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            paths = [str(event.src_path), str(getattr(event, "dest_path", "") or "")]
            if event.event_type in ("created", "modified", "moved", "closed") and any(
                is_news(p) for p in paths if p
            ):
                news()

    observer = Observer()
    try:
        observer.schedule(Handler(), str(folder), recursive=False)
        observer.start()
    except OSError as error:  # inotify watches exhausted, a folder that vanished...
        log.warning("sync: no file events for the folder (%s); looking every second",
                    type(error).__name__)
        return None
    return observer
