"""Watches a mailbox on a thread of its own: scans, then waits for new mail (IMAP IDLE when
the server offers it, else a NOOP poll), and starts over; on any failure it reports why,
waits (longer each time, up to a ceiling) and connects again. It never raises out of its
thread and never stalls its caller: `stop()` ends it within a fraction of a second.

The vault side is two callables: `load()` gives what a scan needs now (the aliases, the
position, the trusted server name), `record(result)` keeps what it found. A failure inside
them is reported like a mailbox failure, so the watch survives a vault that is busy."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from ..errors import VaultError
from .imap import MailboxError, MailboxProblem
from .scan import Canary, MailSource, Position, ScanResult, scan

log = logging.getLogger(__name__)


class WatchedSource(MailSource, Protocol):
    @property
    def supports_idle(self) -> bool: ...

    def connect(self) -> None: ...

    def close(self) -> None: ...

    def interrupt(self) -> None: ...

    def idle(self, seconds: float) -> bool: ...

    def noop(self) -> bool: ...


class WatchState(StrEnum):
    CONNECTING = "connecting"
    IDLE = "idle"  # waiting for the server to announce mail
    POLLING = "polling"  # the server has no IDLE: asking every poll interval
    RETRYING = "retrying"  # something failed: `problem` says what; connecting again soon
    STOPPED = "stopped"


@dataclass(frozen=True)
class WatchStatus:
    state: WatchState
    problem: MailboxProblem | None = None
    retry_in: float | None = None
    scanned: int = 0  # messages read in the last scan


@dataclass(frozen=True)
class WatchInput:
    canaries: Mapping[str, Canary]
    position: Position | None
    trusted_authserv_id: str = ""


class VaultBusy(Exception):
    """`load` or `record` could not reach the vault (it is locked, say)."""


@dataclass
class Timing:
    idle_seconds: float = 25 * 60.0  # RFC 2177: re-issue IDLE within 29 minutes
    poll_seconds: float = 60.0
    first_retry: float = 2.0
    longest_retry: float = 300.0


class MailboxWatcher:
    def __init__(
        self,
        open_source: Callable[[], WatchedSource],
        load: Callable[[], WatchInput],
        record: Callable[[ScanResult], None],
        on_status: Callable[[WatchStatus], None],
        timing: Timing | None = None,
    ) -> None:
        self._open = open_source
        self._load = load
        self._record = record
        self._on_status = on_status
        self._timing = timing or Timing()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._source: WatchedSource | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.status = WatchStatus(WatchState.STOPPED)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="mailbox watcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        with self._lock:
            if self._source is not None:
                self._source.interrupt()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def scan_now(self) -> None:
        """Ends a wait (a retry's, or the next poll's) so a scan starts at once."""
        self._wake.set()
        with self._lock:
            if self._source is not None:
                self._source.interrupt()

    def _report(self, status: WatchStatus) -> None:
        self.status = status
        try:
            self._on_status(status)
        except Exception:  # a listener's bug must not end the watch
            log.exception("a mailbox status listener failed")

    def _run(self) -> None:
        retry = self._timing.first_retry
        while not self._stop.is_set():
            self._report(WatchStatus(WatchState.CONNECTING))
            problem = self._watch_once()
            if self._stop.is_set():
                break
            if problem is None:  # interrupted by scan_now: go again at once
                retry = self._timing.first_retry
                continue
            log.info("mailbox watch: %s; retrying in %.0f s", problem, retry)
            self._report(WatchStatus(WatchState.RETRYING, problem, retry))
            self._wake.wait(retry)
            self._wake.clear()
            retry = min(retry * 2, self._timing.longest_retry)
        self._report(WatchStatus(WatchState.STOPPED))

    def _watch_once(self) -> MailboxProblem | None:
        """Connects and watches until something fails (its problem) or a wake (None)."""
        self._wake.clear()
        source = self._open()
        with self._lock:
            if self._stop.is_set():
                return None
            self._source = source
        try:
            source.connect()
            while not self._stop.is_set():
                scanned = self._scan(source)
                idle = source.supports_idle
                self._report(WatchStatus(WatchState.IDLE if idle else WatchState.POLLING,
                                         scanned=scanned))
                if idle:
                    source.idle(self._timing.idle_seconds)
                else:
                    deadline = time.monotonic() + self._timing.poll_seconds
                    while (not self._stop.is_set() and time.monotonic() < deadline
                           and not source.noop()):
                        self._wake.wait(min(self._timing.poll_seconds, 1.0))
                        if self._wake.is_set():
                            self._wake.clear()
                            break
            return None
        except MailboxError as exc:
            if exc.reason is MailboxProblem.INTERRUPTED:
                return None
            return exc.reason
        except (VaultBusy, VaultError):
            return MailboxProblem.VAULT
        except Exception:  # a server's answer we did not foresee must not end the watch
            log.exception("mailbox watch failed")
            return MailboxProblem.PROTOCOL
        finally:
            with self._lock:
                self._source = None
            source.close()

    def _scan(self, source: WatchedSource) -> int:
        given = self._load()
        result = scan(source, given.position, given.canaries, given.trusted_authserv_id)
        self._record(result)
        return result.messages_read
