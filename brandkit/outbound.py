"""HTTP from the receiver to a subscriber, with the limits one owes to a system that may
misbehave: no redirect followed, TLS verified, a time limit on connecting and another on
the whole exchange (TLS, request, answer), at most MAX_ANSWER_BYTES of an answer read,
proxies from the environment ignored.

    connection = Outbound(subscriber.url, timeout=10)
    answer = connection.post(headers, body)      # DeliveryError if no answer came
    connection.close()

One `Outbound` is one keep-alive connection, used by one thread. The time limit is
kept by one watchdog thread for the whole process, which shuts the socket down when
an exchange runs out of time: a subscriber dripping its answer a byte at a time is
cut off like one that never answers.
"""

from __future__ import annotations

import heapq
import http.client
import itertools
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_ANSWER_BYTES = 64 * 1024
USER_AGENT = "zpv-brand-webhooks/1"


class DeliveryError(Exception):
    """No usable answer: `kind` is connect, timeout, tls or protocol."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class Answer:
    status: int
    retry_after: str  # the Retry-After header, "" if none
    body: bytes  # its first MAX_ANSWER_BYTES at most


class _Watchdog:
    """One thread that shuts sockets down at their deadlines."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, socket.socket]] = []
        self._cancelled: set[int] = set()
        self._condition = threading.Condition()
        self._ids = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, sock: socket.socket, seconds: float) -> int:
        with self._condition:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="webhook deadlines",
                                                daemon=True)
                self._thread.start()
            ticket = next(self._ids)
            heapq.heappush(self._heap, (time.monotonic() + seconds, ticket, sock))
            self._condition.notify()
            return ticket

    def disarm(self, ticket: int) -> bool:
        """Cancel a deadline; False if it had already fired."""
        with self._condition:
            if any(entry[1] == ticket for entry in self._heap):
                self._cancelled.add(ticket)
                return True
            return False

    def _run(self) -> None:
        while True:
            with self._condition:
                while self._heap and self._heap[0][1] in self._cancelled:
                    self._cancelled.discard(heapq.heappop(self._heap)[1])
                if not self._heap:
                    self._condition.wait()
                    continue
                deadline, ticket, sock = self._heap[0]
                wait = deadline - time.monotonic()
                if wait > 0:
                    self._condition.wait(wait)
                    continue
                heapq.heappop(self._heap)
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


_WATCHDOG = _Watchdog()


class Outbound:
    def __init__(self, url: str, *, timeout: float) -> None:
        parts = urlsplit(url)
        self._https = parts.scheme == "https"
        self._host = parts.hostname or ""
        self._port = parts.port or (443 if self._https else 80)
        self._target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._host_header = parts.netloc.rsplit("@", 1)[-1]
        self.timeout = timeout
        self._connection: http.client.HTTPConnection | None = None

    def post(self, headers: dict[str, str], body: bytes) -> Answer:
        """One delivery, within twice `timeout` in all (`longest`): connecting gets at most
        `timeout`, shared by the subscriber's addresses; TLS, the request and the answer
        another; a second try on a new connection, only what is left of both."""
        deadline = time.monotonic() + self.longest
        fresh = self._connection is None
        try:
            return self._exchange(headers, body, deadline)
        except DeliveryError as error:
            # A kept-alive connection the subscriber had closed: once more on a new one.
            if not fresh and error.kind == "connect" and time.monotonic() < deadline:
                return self._exchange(headers, body, deadline)
            raise

    @property
    def longest(self) -> float:
        """The longest one `post` takes, in seconds."""
        return 2 * self.timeout

    def _exchange(self, headers: dict[str, str], body: bytes, deadline: float) -> Answer:
        ticket: int | None = None
        timed_out = False
        try:
            connection = self._connection
            if connection is None:
                sock = _open(self._host, self._port,
                             min(deadline, time.monotonic() + self.timeout))
                answer_by = min(deadline, time.monotonic() + self.timeout)
                connection = self._connection = self._connected(sock, answer_by)
            else:
                answer_by = min(deadline, time.monotonic() + self.timeout)
            left = answer_by - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ticket = _WATCHDOG.arm(connection.sock, left)
            connection.request("POST", self._target, body=body, headers={
                **headers, "Host": self._host_header, "User-Agent": USER_AGENT,
                "Content-Length": str(len(body)),
            })
            response = connection.getresponse()
            answer = response.read(MAX_ANSWER_BYTES + 1)
            if len(answer) > MAX_ANSWER_BYTES or response.will_close:
                self.close()
            return Answer(response.status, response.getheader("Retry-After") or "",
                          answer[:MAX_ANSWER_BYTES])
        except ssl.SSLError as exc:
            self.close()
            raise DeliveryError("tls", exc.reason or type(exc).__name__) from None
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            timed_out = ticket is not None and not _WATCHDOG.disarm(ticket)
            ticket = None
            if timed_out or isinstance(exc, TimeoutError):
                raise DeliveryError("timeout", f"no answer within {self.timeout:g} s") from None
            # Closed without an answer (a kept-alive connection the subscriber had dropped,
            # say) is a connection failure; anything else not HTTP, a protocol one.
            closed = isinstance(exc, http.client.RemoteDisconnected) or not isinstance(
                exc, http.client.HTTPException)
            kind = "connect" if closed else "protocol"
            raise DeliveryError(kind, type(exc).__name__) from None
        finally:
            if ticket is not None:
                _WATCHDOG.disarm(ticket)

    def _connected(self, sock: socket.socket, answer_by: float) -> http.client.HTTPConnection:
        """A connection on `sock`, TLS done (by `answer_by`) for an https subscriber."""
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self._https:  # a socket's timeout bounds a whole TLS handshake
                sock.settimeout(_left(answer_by))
                sock = ssl.create_default_context().wrap_socket(sock, server_hostname=self._host)
            sock.settimeout(self.timeout)  # each exchange's deadline is the watchdog's
        except BaseException:
            sock.close()
            raise
        connection = http.client.HTTPConnection(self._host, self._port, timeout=self.timeout)
        connection.sock = sock
        return connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _open(host: str, port: int, connect_by: float) -> socket.socket:
    """A TCP connection to one of the host's addresses by `connect_by`. While more than
    one is left to try, an address gets half the time left, so one that drops packets (a
    broken IPv6 route) leaves time for the next; the last gets all of it."""
    addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    error: OSError = TimeoutError()
    for index, (family, kind, proto, _, address) in enumerate(addresses):
        sock: socket.socket | None = None
        try:
            sock = socket.socket(family, kind, proto)  # fails for a family turned off
            sock.settimeout(_left(connect_by) / (1 if index == len(addresses) - 1 else 2))
            sock.connect(address)
            return sock
        except OSError as exc:
            if sock is not None:
                sock.close()
            error = exc
    raise error


def _left(deadline: float) -> float:
    return max(0.001, deadline - time.monotonic())
