"""The IMAP wire under `vault/leaks/imap.py`'s Mailbox: imaplib over a verified TLS socket,
reading through one buffer of our own under a deadline.

- All reading goes through that buffer (imaplib's documented `readline` and `read` hooks), so
  waiting in IDLE with a short tick loses no byte, and a stop event set from another thread
  ends a wait within a tick without touching the socket.
- Every read and send has a deadline (`Wire.deadline`, set by the caller per exchange); when
  it passes, `Expired` is raised; when the stop event is set, `Interrupted`. Lines and
  literals have size limits.
- imaplib's in-memory command log (which would hold the LOGIN line) is switched off.
"""

from __future__ import annotations

import imaplib
import socket
import ssl
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing_extensions import Buffer

TICK = 0.25  # how often a wait looks at its deadline and at the stop event
MAX_LINE = 1_000_000
MAX_LITERAL = 1024 * 1024  # one message's header


class Expired(imaplib.IMAP4.abort):
    """The deadline of the exchange passed."""


class Interrupted(imaplib.IMAP4.abort):
    """The stop event was set."""


class Wire(imaplib.IMAP4):
    """imaplib over a verified TLS socket, reading through our buffer under a deadline."""

    def __init__(self, host: str, port: int, context: ssl.SSLContext, connect_timeout: float,
                 command_timeout: float, stop: threading.Event) -> None:
        self._context = context
        self._stop = stop
        self._buffer = bytearray()
        self.deadline = time.monotonic() + connect_timeout + command_timeout
        super().__init__(host, port, connect_timeout)

    def open(self, host: str = "", port: int = 993, timeout: float | None = None) -> None:
        self.host = host
        self.port = port
        raw = socket.create_connection((host, port), timeout=timeout)
        try:
            self.sock = self._context.wrap_socket(raw, server_hostname=host)
        except BaseException:
            raw.close()
            raise
        self.sock.settimeout(TICK)

    def _log(self, line: str) -> None:  # imaplib would keep the last lines, LOGIN's too
        pass

    def send(self, data: Buffer) -> None:
        self.sock.settimeout(max(self.deadline - time.monotonic(), TICK))
        try:
            self.sock.sendall(data)
        except TimeoutError:
            raise Expired("sending took too long") from None
        finally:
            self.sock.settimeout(TICK)

    def _fill(self, until: float | None = None) -> bool:
        """Reads what the server sent; False when `until` came first."""
        while True:
            if self._stop.is_set():
                raise Interrupted("stopped")
            now = time.monotonic()
            if until is not None and now >= until:
                return False
            if now >= self.deadline:
                raise Expired("the server took too long")
            try:
                chunk = self.sock.recv(65536)
            except TimeoutError:
                continue
            except ssl.SSLWantReadError:
                continue
            if not chunk:
                raise imaplib.IMAP4.abort("socket error: EOF")
            self._buffer += chunk
            return True

    def readline(self, until: float | None = None) -> bytes:
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                line = bytes(self._buffer[: end + 1])
                del self._buffer[: end + 1]
                return line
            if len(self._buffer) > MAX_LINE:
                raise imaplib.IMAP4.abort(f"a line longer than {MAX_LINE} bytes")
            if not self._fill(until):
                return b""

    def read(self, size: int) -> bytes:
        if size > MAX_LITERAL:
            raise imaplib.IMAP4.abort(f"a literal of {size} bytes")
        while len(self._buffer) < size:
            self._fill()
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def shutdown(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        finally:
            self.sock.close()
