"""Run slow work (the KDF, disk, network) off the GUI thread and call back on it.

`run_task(owner, func, callback)` runs `func()` on the global QThreadPool and
calls `callback(result, error)` on the GUI thread. The callback is bound to
`owner`: once the owner is destroyed, the result is dropped. Tests may call
`use_synchronous_tasks(True)` to run everything inline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Callback = Callable[[Any, BaseException | None], None]

_synchronous = False


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
        try:
            self._relay.finished.emit(result, error)
        except RuntimeError:
            pass  # the owner was destroyed meanwhile: nobody wants the result


def run_task(owner: QObject, func: Callable[[], Any], callback: Callback) -> None:
    if _synchronous:
        try:
            result, error = func(), None
        except BaseException as exc:
            result, error = None, exc
        callback(result, error)
        return
    # The relay lives on the GUI thread as the owner's child: queued delivery to
    # the GUI thread, and gone (with its connection) when the owner is destroyed.
    relay = _Relay(owner)

    def deliver(result: Any, error: BaseException | None) -> None:
        relay.deleteLater()
        callback(result, error)

    relay.finished.connect(deliver)
    QThreadPool.globalInstance().start(_Task(func, relay))
