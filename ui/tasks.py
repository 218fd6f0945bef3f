"""Run slow work (the KDF, disk, network) off the GUI thread and call back on it.

`run_task(owner, func, callback)` runs `func()` on the global QThreadPool and
calls `callback(result, error)` on the GUI thread. The callback is bound to
`owner`: once the owner is destroyed, the result is dropped. Tests may call
`use_synchronous_tasks(True)` to run everything inline.

An error the app expects (the vault's, the protocol's, the network's, the disk's) is the
callback's to word; any other is a fault of the app's own, and its traceback goes to the
log before the callback sees it.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Callback = Callable[[Any, BaseException | None], None]

log = logging.getLogger(__name__)
_synchronous = False
_in_flight: set[QObject] = set()


def use_synchronous_tasks(enabled: bool) -> None:
    global _synchronous
    _synchronous = enabled


class _Relay(QObject):
    finished = Signal(object, object)


class _Task(QRunnable):
    def __init__(self, func: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._func = func
        self._relay = relay

    def run(self) -> None:
        try:
            result, error = self._func(), None
        except BaseException as exc:  # handed to the callback, which decides
            result, error = None, exc
            log_if_unexpected(exc)
        self._relay.finished.emit(result, error)


def log_if_unexpected(error: BaseException) -> None:
    """Log the traceback of an error no one words for people: a fault of the app's own."""
    from vault.errors import TransportError, VaultError
    from zpd.errors import ProtocolError

    if not isinstance(error, VaultError | ProtocolError | TransportError | OSError):
        log.error("a background task failed", exc_info=error)


def run_task(owner: QObject, func: Callable[[], Any], callback: Callback) -> None:
    if _synchronous:
        try:
            result, error = func(), None
        except BaseException as exc:
            result, error = None, exc
            log_if_unexpected(exc)
        callback(result, error)
        return
    # The relay lives on the GUI thread with no parent, kept alive here until its
    # result has been delivered: the worker must never emit on a deleted object.
    relay = _Relay()
    _in_flight.add(relay)

    def deliver(result: Any, error: BaseException | None) -> None:
        _in_flight.discard(relay)
        relay.deleteLater()
        if shiboken6.isValid(owner):  # a closed window drops the result
            callback(result, error)

    relay.finished.connect(deliver)
    QThreadPool.globalInstance().start(_Task(func, relay))


_collection_pauses = 0
_collection_lock = threading.Lock()
_collecting_before_the_pause = False


def collection_paused() -> bool:
    """Whether a task has paused the cycle collector (`cycle_collection_paused`)."""
    return _collection_pauses > 0


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector stops every thread while it walks the objects it tracks. A
    task that builds millions of them (the report of a vault with 100,000 shares) made it
    run again and again, each pass holding the GUI thread for up to a second. Around such a
    task it is paused (objects are still freed by their reference counts); the task drops
    what it built before the end, so the next pass does not walk it either. The collector
    on the GUI thread (ui/collector.py) waits for the pause too; the automatic one is on
    again after it only if it was on before."""
    global _collection_pauses, _collecting_before_the_pause
    with _collection_lock:
        if not _collection_pauses:
            _collecting_before_the_pause = gc.isenabled()
        _collection_pauses += 1
        gc.disable()
    try:
        yield
    finally:
        with _collection_lock:
            _collection_pauses -= 1
            if not _collection_pauses and _collecting_before_the_pause:
                gc.enable()
