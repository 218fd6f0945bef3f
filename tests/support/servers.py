"""Small loopback HTTP servers that misbehave on purpose, one socket per connection.

Each server records what reached it, so a test can show that nothing was sent
where it should not have been. A server can also publish a brand's request at its
well-known address, so the vault fetches it from this loopback origin as it must.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

Handler = Callable[[socket.socket, "Received"], None]


@dataclass
class Received:
    method: str = ""
    path: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


WELL_KNOWN_PATH = "/.well-known/zero-party-data"


@dataclass
class Server:
    port: int
    received: list[Received] = field(default_factory=list)  # all but well-known fetches
    connections: int = 0
    well_known: str | None = None  # a request served at WELL_KNOWN_PATH, once set

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def read_request(conn: socket.socket) -> Received:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return Received()
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {k.strip().lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return Received(method, path, headers, body)


def respond(conn: socket.socket, status: int, body: bytes = b"",
            headers: dict[str, str] | None = None) -> None:
    lines = [f"HTTP/1.1 {status} Status", f"Content-Length: {len(body)}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)


@contextmanager
def serving(handler: Handler, tls: ssl.SSLContext | None = None,
            host: str = "127.0.0.1") -> Iterator[Server]:
    """Serve on `host` (127.0.0.1) until the block ends; handler(conn, received) answers."""
    listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, 0))
    listener.listen(16)
    listener.settimeout(0.1)  # so the accept loop notices `stop` promptly
    server = Server(listener.getsockname()[1])
    open_connections: list[socket.socket] = []
    stop = threading.Event()

    def serve_one(conn: socket.socket) -> None:
        try:
            if tls is not None:
                conn = tls.wrap_socket(conn, server_side=True)
            received = read_request(conn)
            if (received.method, received.path) == ("GET", WELL_KNOWN_PATH) and \
                    server.well_known is not None:
                # The brand's request, for the vault to fetch (and so trust this origin).
                respond(conn, 200, server.well_known.encode(),
                        {"Content-Type": "application/jwt"})
                return
            server.received.append(received)
            handler(conn, received)
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def accept_loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(None)
            server.connections += 1
            open_connections.append(conn)
            threading.Thread(target=serve_one, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept_loop, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        listener.close()
        for conn in open_connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        thread.join(timeout=5)
