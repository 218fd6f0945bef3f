"""Running the receiver app under uvicorn (one worker): in the foreground, or in a thread.

    serve(app, "127.0.0.1", 8000, on_listening)     # the CLI: until SIGINT or SIGTERM

    with running(app) as address:                   # tests and demos: a free port
        requests.post(address.url + "zpd/grants", ...)

    sock = bind("127.0.0.1", 0)                     # the port first, to sign a request
    ...                                             # for http://127.0.0.1:<port>
    with running(create_app(receiver, request), sock=sock) as address: ...

The socket is bound here first, so a port already taken is a one-line
`BrandKitError` and port 0 gets a free port; `on_listening` is called, and
`running` returns, once uvicorn accepts connections on it.

Connections go through `connections.guarded_protocol`: a deadline for every
request head and a cap on connections per client address (`ConnectionLimits`).
The access log (with `logs`) leaves out query strings: the page's token
travels in one.
"""

from __future__ import annotations

import copy
import logging
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

import uvicorn
from starlette.types import ASGIApp
from uvicorn.config import LOGGING_CONFIG

from .connections import ConnectionLimits, guarded_protocol
from .errors import BrandKitError

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
GRACEFUL_SECONDS = 5  # open requests get this long to finish when stopping
MAX_CONNECTIONS = 512  # beyond, uvicorn answers 503 (and the vault retries)
START_SECONDS = 10.0


@dataclass(frozen=True)
class TlsFiles:
    """A PEM certificate chain and its private key, for serving https."""

    certificate: str
    key: str


@dataclass(frozen=True)
class Address:
    host: str
    port: int
    scheme: str = "http"

    @property
    def url(self) -> str:
        """`http://host:port/` (an IPv6 host in brackets)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}/"


class ListeningServer(uvicorn.Server):
    """A uvicorn server that calls `on_listening` once it accepts connections."""

    def __init__(self, config: uvicorn.Config, on_listening: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_listening = on_listening

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and not self.should_exit:
            self._on_listening()


def bind(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port (0: a free port); BrandKitError if it cannot be."""
    try:
        family, kind, proto, _, sockaddr = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise BrandKitError(f"cannot listen on {host}: {getattr(exc, 'strerror', exc)}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(sockaddr)
    except OSError as exc:
        sock.close()
        raise BrandKitError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    return sock


def address_of(sock: socket.socket) -> Address:
    host, port = sock.getsockname()[:2]
    return Address(str(host), int(port))


def config(
    app: ASGIApp, *, logs: bool, tls: TlsFiles | None = None,
    limits: ConnectionLimits | None = None, verbosity: int = 0,
) -> uvicorn.Config:
    """One worker, no lifespan (the app has none), bounded connections and shutdown.

    With `logs`, uvicorn's own logging setup, access log included, all on
    stderr (standard output is the caller's), as verbose as `verbosity` says;
    without, logging is left as the caller configured it.
    """
    return uvicorn.Config(
        app, lifespan="off", server_header=False, access_log=logs,
        http=guarded_protocol(limits or ConnectionLimits()),
        limit_concurrency=MAX_CONNECTIONS, timeout_graceful_shutdown=GRACEFUL_SECONDS,
        log_config=stderr_logging(verbosity) if logs else None,
        ssl_certfile=tls.certificate if tls else None, ssl_keyfile=tls.key if tls else None,
    )


class WithoutQuery(logging.Filter):
    """Cuts the query string off the path in uvicorn's access log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        # uvicorn.access: (client address, method, path with query, HTTP version, status)
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], args[2].split("?", 1)[0], args[3], args[4])
        return True


def stderr_logging(verbosity: int = 0) -> dict[str, Any]:
    """uvicorn's logging configuration, with the access log on stderr too (without query
    strings), and brandkit's: its errors, and with `verbosity` 1 (`-v`) each request's
    method, path, status and duration; 2 (`-vv`) everything, uvicorn's too, in detail."""
    logging_config = copy.deepcopy(LOGGING_CONFIG)
    logging_config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    logging_config.setdefault("filters", {})["without_query"] = {
        "()": f"{__name__}.WithoutQuery"
    }
    logging_config["handlers"]["access"]["filters"] = ["without_query"]
    detail = "DEBUG" if verbosity >= 2 else "INFO"
    logging_config["loggers"]["brandkit"] = {
        "handlers": ["default"], "level": detail, "propagate": False,
    }
    logging_config["loggers"]["brandkit.requests"] = {
        "level": detail if verbosity >= 1 else "WARNING",
    }
    if verbosity >= 2:
        for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
            logging_config["loggers"].setdefault(name, {})["level"] = "DEBUG"
    return logging_config


def serve(
    app: ASGIApp, host: str, port: int, on_listening: Callable[[Address], None],
    *, limits: ConnectionLimits | None = None, verbosity: int = 0,
) -> None:
    """Serve in the foreground until SIGINT or SIGTERM; return once shut down.

    Call it from the main thread. A stop signal lets open requests finish
    (up to GRACEFUL_SECONDS), then returns normally.
    """
    serve_on(app, bind(host, port), on_listening, limits=limits, verbosity=verbosity)


def serve_on(
    app: ASGIApp, sock: socket.socket, on_listening: Callable[[Address], None],
    *, limits: ConnectionLimits | None = None, verbosity: int = 0,
) -> None:
    """`serve`, on a socket already bound (by `bind`); closes it at the end. Several
    processes may serve one socket (`zpv-brand serve --workers`)."""
    address = address_of(sock)
    server = ListeningServer(
        config(app, logs=True, limits=limits, verbosity=verbosity),
        lambda: on_listening(address),
    )

    def stop(signum: int, frame: FrameType | None) -> None:
        # Before uvicorn installs its own handlers, and after it restores these
        # and raises again the signal it caught: stop, never die of it.
        server.should_exit = True

    previous = {sig: signal.signal(sig, stop) for sig in STOP_SIGNALS}
    try:
        server.run(sockets=[sock])
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sock.close()


@contextmanager
def running(
    app: ASGIApp, host: str = "127.0.0.1", port: int = 0, *, sock: socket.socket | None = None,
    timeout: float = START_SECONDS, tls: TlsFiles | None = None,
    limits: ConnectionLimits | None = None,
) -> Iterator[Address]:
    """Serve in a background thread while the block runs; where it listens.

    `sock`, from `bind`, serves on a port known before the app was made (to
    sign a request for `http://127.0.0.1:<port>`, say); it is closed at the end.
    Stops the server (open requests get GRACEFUL_SECONDS) and joins the thread
    when the block ends. BrandKitError if it does not start within `timeout`.
    """
    sock = bind(host, port) if sock is None else sock
    address = address_of(sock)
    if tls is not None:
        address = Address(address.host, address.port, "https")
    settled = threading.Event()  # listening, or failed to
    server = ListeningServer(config(app, logs=False, tls=tls, limits=limits), settled.set)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as exc:  # SystemExit from a failed startup, too
            failure.append(exc)
        finally:
            settled.set()

    thread = threading.Thread(target=run, name=f"receiver at {address.url}", daemon=True)
    thread.start()
    try:
        if not settled.wait(timeout) or not server.started:
            reason = f": {failure[0]!r}" if failure else ""
            raise BrandKitError(f"the receiver did not start at {address.url}{reason}")
        yield address
    finally:
        server.should_exit = True
        thread.join(GRACEFUL_SECONDS + timeout)
        sock.close()
