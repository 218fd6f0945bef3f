"""uvicorn's h11 protocol with a deadline for each request head and a cap per client address.

uvicorn closes a connection idle between requests (its keep-alive timeout)
but sets no deadline before a request head has arrived: a client that
connects and sends nothing, or drips a head a byte at a time, holds its
connection for ever, and a few hundred of them use up the server's
connection limit (503 for everyone). Here:

- the whole head of a request must arrive within `head_seconds`, counted
  from the connection being accepted, or, on a kept-alive connection, from
  the first byte of the next head; otherwise the connection is closed (the
  body has its own deadline in the app, `server.BODY_SECONDS`);
- one client address (an IPv6 one by its /64) may hold at most
  `per_client` connections at once; one more is closed as soon as it is
  accepted, before anything is read.

Behind a reverse proxy on the same host every connection comes from the
proxy: raise `per_client` to what the proxy may open.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .quotas import client_key

HEAD_SECONDS = 10.0
CONNECTIONS_PER_CLIENT = 32


@dataclass(frozen=True)
class ConnectionLimits:
    head_seconds: float = HEAD_SECONDS
    per_client: int | None = CONNECTIONS_PER_CLIENT  # None: no cap

    def __post_init__(self) -> None:
        if not self.head_seconds > 0:
            raise ValueError("head_seconds must be positive")
        if self.per_client is not None and self.per_client < 1:
            raise ValueError("per_client must be at least 1 (or None for no cap)")


def guarded_protocol(limits: ConnectionLimits) -> type[H11Protocol]:
    """A protocol class for `uvicorn.Config(http=...)`; one per server (it counts connections)."""
    head_seconds, per_client = limits.head_seconds, limits.per_client
    open_per_client: dict[str, int] = {}  # only touched on the event loop's thread

    class GuardedH11Protocol(H11Protocol):
        _refused = False
        _client_key: str | None = None
        _head_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            key = _peer_key(transport)
            if key is not None:
                if per_client is not None and open_per_client.get(key, 0) >= per_client:
                    self._refused = True
                    transport.close()
                    return
                open_per_client[key] = open_per_client.get(key, 0) + 1
                self._client_key = key
            super().connection_made(transport)  # type: ignore[arg-type]
            self._await_head()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._refused:
                return
            self._stop_head_timer()
            key, self._client_key = self._client_key, None
            if key is not None:
                left = open_per_client.get(key, 1) - 1
                if left > 0:
                    open_per_client[key] = left
                else:
                    open_per_client.pop(key, None)
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            waiting = self.conn.their_state is h11.IDLE  # for a request head
            if waiting and self._head_timer is None:
                self._await_head()  # the first byte of a head on a kept-alive connection
            super().data_received(data)
            if self.conn.their_state is not h11.IDLE:
                self._stop_head_timer()

        def _await_head(self) -> None:
            self._head_timer = self.loop.call_later(head_seconds, self._head_too_late)

        def _stop_head_timer(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_too_late(self) -> None:
            self._head_timer = None
            if not self.transport.is_closing():
                try:
                    self.conn.send(h11.ConnectionClosed())
                except h11.LocalProtocolError:
                    pass
                self.transport.close()

    return GuardedH11Protocol


def _peer_key(transport: asyncio.BaseTransport) -> str | None:
    """What the peer counts as (`quotas.client_key`); None for a Unix socket or no address."""
    peer: Any = transport.get_extra_info("peername")
    sock: Any = transport.get_extra_info("socket")
    if sock is not None and getattr(sock, "family", None) == socket.AF_UNIX:
        return None
    if isinstance(peer, tuple) and peer and isinstance(peer[0], str):
        return client_key(peer[0])
    return None
