"""An IMAP server that misbehaves on purpose (stalls, drips, lies, hangs up), over TLS with
a test authority's certificate, on a loopback port: what a real server does only on a bad
day, on demand. Each connection plays `script(connection)` on a thread of its own."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import trustme

Script = Callable[[ssl.SSLSocket], None]


@contextmanager
def rogue_server(script: Script, names: tuple[str, ...] = ("127.0.0.1",)
                 ) -> Iterator[tuple[int, str]]:
    """Yields (port, CA bundle path)."""
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(*names).configure_cert(context)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stopping = threading.Event()
    threads: list[threading.Thread] = []

    def serve(raw: socket.socket) -> None:
        try:
            with context.wrap_socket(raw, server_side=True) as tls:
                tls.settimeout(20)
                script(tls)
        except (OSError, ssl.SSLError):
            pass

    def accept() -> None:
        while not stopping.is_set():
            try:
                raw, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=serve, args=(raw,), daemon=True)
            thread.start()
            threads.append(thread)

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    with authority.cert_pem.tempfile() as bundle:
        try:
            yield listener.getsockname()[1], bundle
        finally:
            stopping.set()
            acceptor.join(5)
            listener.close()
            for thread in threads:
                thread.join(5)


def read_command(tls: ssl.SSLSocket) -> tuple[bytes, bytes]:
    """(tag, rest of the line) of the client's next command."""
    line = b""
    while not line.endswith(b"\n"):
        chunk = tls.recv(1)
        if not chunk:
            raise OSError("client left")
        line += chunk
    tag, _, rest = line.strip().partition(b" ")
    return tag, rest


def until_client_leaves(tls: ssl.SSLSocket) -> None:
    """Says nothing and reads until the client gives up and closes."""
    try:
        while tls.recv(4096):
            pass
    except (OSError, ssl.SSLError):
        pass


def greet_and_login(tls: ssl.SSLSocket, capabilities: bytes = b"IMAP4rev1 IDLE") -> None:
    """Plays a well-behaved server up to the client's CAPABILITY after LOGIN."""
    tls.sendall(b"* OK ready\r\n")
    logged_in = False
    while True:
        tag, command = read_command(tls)
        verb = command.split(b" ", 1)[0].upper()
        if verb == b"LOGIN":
            tls.sendall(tag + b" OK logged in\r\n")
            logged_in = True
        elif verb == b"CAPABILITY":
            tls.sendall(b"* CAPABILITY " + capabilities + b"\r\n" + tag + b" OK done\r\n")
            if logged_in:
                return
        else:
            tls.sendall(tag + b" BAD unexpected\r\n")


def examine_ok(tls: ssl.SSLSocket, uidnext: int = 3) -> None:
    tag, _ = read_command(tls)
    tls.sendall(b"* 2 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT %d] ok\r\n" % uidnext
                + tag + b" OK [READ-ONLY] done\r\n")
