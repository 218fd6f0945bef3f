"""HTTP to brands, with the limits a vault needs against a hostile or broken server.

- TLS is always verified; plain http only to loopback hosts.
- Every connection is checked where it is made (vault/peers.py): this computer and the
  local network only when the exchange allows it (`may_reach_local`), special-purpose
  addresses never.
- Redirects are never followed; proxies and .netrc from the environment are ignored.
- A connect limit, and a total limit on the whole exchange: a watchdog shuts the
  socket when it runs out, so a server that drips bytes (even in its headers)
  is cut off, not merely one that goes silent.
- At most 1 MiB of any response is read.
- One session, so connections to a brand are kept alive and reused.

`Transport` is what the vault needs of it (a protocol); `HttpTransport` is the real one.
"""

from __future__ import annotations

import contextvars
import heapq
import itertools
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

from zpd.origin import origin_of

from ..errors import TransportError, TransportFailure
from . import peers

MAX_RESPONSE_BYTES = 1024 * 1024
USER_AGENT = "ZeroPartyVault/0.1"


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


class _Watchdog:
    """Shuts down every socket of one exchange when its time is up."""

    def __init__(self, seconds: float) -> None:
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._seconds = seconds
        self.fired = False
        self.ended = False
        self.connected = False  # a connection was made (for TLS: handshake verified)

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        self.connected = True
        with self._lock:
            if self.fired:
                _shutdown(sock)
            else:
                self._sockets.append(sock)

    def fire(self) -> None:
        with self._lock:
            if self.ended:
                return
            self.fired = True
            for sock in self._sockets:
                _shutdown(sock)

    def __enter__(self) -> _Watchdog:
        self._token = _current.set(self)
        _deadlines.add(time.monotonic() + self._seconds, self)
        return self

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        with self._lock:
            self.ended = True
        _current.reset(self._token)
        if isinstance(error, TransportError) and not self.connected:
            error.may_have_reached = False


class _Deadlines:
    """One daemon thread fires every watchdog whose time is up.

    A timer per exchange started a thread per message, a third of a millisecond of
    every delivery (docs/performance.md); ended exchanges are dropped when their
    deadline comes round."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, _Watchdog]] = []
        self._order = itertools.count()
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def add(self, deadline: float, watchdog: _Watchdog) -> None:
        with self._changed:
            heapq.heappush(self._heap, (deadline, next(self._order), watchdog))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="transport watchdog", daemon=True
                )
                self._thread.start()
            elif self._heap[0][2] is watchdog:
                self._changed.notify()  # sooner than what the thread waits for

    def _run(self) -> None:
        with self._changed:
            while True:
                while self._heap and self._heap[0][2].ended:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._changed.wait()
                    continue
                wait = self._heap[0][0] - time.monotonic()
                if wait > 0:
                    self._changed.wait(wait)
                    continue
                heapq.heappop(self._heap)[2].fire()


_deadlines = _Deadlines()


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


_current: contextvars.ContextVar[_Watchdog | None] = contextvars.ContextVar(
    "zpv_transport_watchdog", default=None
)


def _watch(sock: Any) -> None:
    watchdog = _current.get()
    if watchdog is not None:
        # For TLS, the wrapped socket; shutting it down stops the raw one too.
        watchdog.watch(sock)


class _Watched:
    """Puts a connection's socket under the current exchange's watchdog, and connects only
    to addresses the exchange's peer rule allows (checked again on every reuse)."""

    sock: Any
    host: str
    port: int
    timeout: Any
    source_address: tuple[str, int] | None
    socket_options: Any
    _dns_host: str
    tls = False

    def _new_conn(self) -> socket.socket:
        timeout = self.timeout if isinstance(self.timeout, int | float) else None
        try:
            return peers.connect(self._dns_host, self.port, timeout, tls=self.tls,
                                 source_address=self.source_address,
                                 socket_options=self.socket_options)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc  # type: ignore[arg-type]
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, f"Connection to {self.host} timed out") from exc
        except OSError as exc:
            raise NewConnectionError(
                self, f"Failed to establish a new connection: {exc}"  # type: ignore[arg-type]
            ) from exc

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _watch(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        if self.sock is not None:  # a kept-alive connection is reused without connect()
            peers.check_peer(self.sock, self.host, tls=self.tls)
        _watch(self.sock)
        super().request(*args, **kwargs)  # type: ignore[misc]


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    tls = True


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _WatchedHTTPPool, "https": _WatchedHTTPSPool,
        }


# Whether an exchange (method, URL) may connect to this computer and the local network.
LocalRule = Callable[[str, str], bool]


def never_local(method: str, url: str) -> bool:
    """The rule until the vault sets its own: no exchange may."""
    return False


class Transport(Protocol):
    """What the vault asks of a transport to brands. HttpTransport is the real one; a test
    may bring its own (an in-process brand, say). The vault sets `may_reach_local` (whether
    an exchange may connect to this computer and the local network) on the transport it is
    given."""

    may_reach_local: LocalRule

    def post(self, url: str, content_type: str, body: str) -> Response: ...

    def get(self, url: str, accept: str) -> Response: ...


@dataclass
class HttpTransport:
    """Posts tokens and fetches requests over HTTP(S). `ca_bundle` replaces the system trust store
    (tests use a private authority); it never disables verification.

    `may_reach_local(method, url)` says whether an exchange may connect to this computer
    and the local network (the vault answers it per brand; vault/peers.py says what that
    allows); `resolve` is `socket.getaddrinfo` unless replaced (a resolver of one's own;
    the address it gives is still checked)."""

    ca_bundle: str | None = None
    connect_timeout: float = 5.0
    total_timeout: float = 20.0
    max_response_bytes: int = MAX_RESPONSE_BYTES
    resolve: peers.Resolver = socket.getaddrinfo
    _session: requests.Session = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Not a field: mypy takes a callable field for a method, which no protocol can set.
        self.may_reach_local: LocalRule = never_local
        session = requests.Session()
        session.trust_env = False
        adapter = _WatchedAdapter(pool_connections=8, pool_maxsize=8, max_retries=0)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers["User-Agent"] = USER_AGENT
        self._session = session

    def close(self) -> None:
        self._session.close()

    def post(self, url: str, content_type: str, body: str, *,
             local: bool | None = None) -> Response:
        """POST `body`; `local` overrides `may_reach_local` for this exchange."""
        return self._exchange("POST", url, {"Content-Type": content_type,
                                            "Accept": "application/jwt, application/json"},
                              body.encode("utf-8"), local)

    def get(self, url: str, accept: str, *, local: bool | None = None) -> Response:
        return self._exchange("GET", url, {"Accept": accept}, None, local)

    def _exchange(self, method: str, url: str, headers: dict[str, str],
                  body: bytes | None, local: bool | None) -> Response:
        try:
            origin_of(url)  # https, or http to loopback only; no user info
        except ValueError as exc:
            raise TransportError(TransportFailure.REFUSED_URL, str(exc)) from None
        if local is None:
            local = self.may_reach_local(method, url)
        rule = peers.PeerRule(local=local, resolve=self.resolve)
        with _Watchdog(self.total_timeout) as watchdog, peers.ruling(rule):
            try:
                response = self._session.request(
                    method, url, headers=headers, data=body, allow_redirects=False,
                    stream=True, verify=self.ca_bundle or True,
                    timeout=(self.connect_timeout, self.total_timeout),
                )
                try:
                    content = self._read_limited(response)
                finally:
                    response.close()
            except peers.PeerRefused as exc:
                raise TransportError(TransportFailure.REFUSED_ADDRESS, str(exc)) from None
            except requests.exceptions.SSLError as exc:
                raise TransportError(TransportFailure.TLS, _short(exc)) from None
            except requests.exceptions.ConnectTimeout:
                raise TransportError(TransportFailure.TIMEOUT, "no connection in time") from None
            except (requests.exceptions.RequestException, OSError) as exc:
                if watchdog.fired:
                    raise TransportError(TransportFailure.TIMEOUT,
                                         "the server took too long") from None
                if isinstance(exc, requests.exceptions.ConnectionError) and not isinstance(
                    exc, requests.exceptions.ChunkedEncodingError
                ):
                    raise TransportError(TransportFailure.CONNECT, _short(exc)) from None
                raise TransportError(TransportFailure.PROTOCOL, _short(exc)) from None
            if watchdog.fired:
                # Cut off mid-answer, http.client may still hand back a status line
                # with whatever headers had arrived: never trust such a response.
                raise TransportError(TransportFailure.TIMEOUT, "the server took too long")
        return Response(
            response.status_code, {k.lower(): v for k, v in response.headers.items()}, content
        )

    def _read_limited(self, response: requests.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_response_bytes:
            raise TransportError(TransportFailure.TOO_LARGE, f"{declared} bytes announced")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > self.max_response_bytes:
                raise TransportError(TransportFailure.TOO_LARGE,
                                     f"more than {self.max_response_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 300 else text[:297] + "..."
