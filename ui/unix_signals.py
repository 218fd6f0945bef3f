"""Quit the event loop on SIGINT and SIGTERM (a session's logout, `kill`, Ctrl+C), so the
app shuts down as when its window closes: the vault locked, background work finished.

Python runs a signal handler only when the interpreter next gets control, which an idle
Qt event loop never gives it: the C-level handler also writes to a socket (Python's
wakeup fd) that a QSocketNotifier watches, and that wakes the loop.
"""

from __future__ import annotations

import signal
import socket

from PySide6.QtCore import QCoreApplication, QSocketNotifier

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_kept: list[object] = []  # the sockets and notifier live as long as the process


def quit_on_stop_signals(app: QCoreApplication) -> None:
    """For the rest of the process's life (the app's main function installs it once)."""
    receive, send = socket.socketpair()
    receive.setblocking(False)
    send.setblocking(False)
    signal.set_wakeup_fd(send.fileno())
    notifier = QSocketNotifier(receive.fileno(), QSocketNotifier.Type.Read, app)

    def woken() -> None:
        try:
            receive.recv(64)  # the handler below has run by now: the loop was woken for it
        except BlockingIOError:
            pass

    notifier.activated.connect(woken)
    _kept.extend((receive, send, notifier))
    for sig in STOP_SIGNALS:
        signal.signal(sig, lambda *_: app.quit())
