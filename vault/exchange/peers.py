"""Which addresses an exchange may connect to, checked on the socket itself.

A request names its brand's endpoints; the vault then POSTs there, again and again.
Were any address allowed, a request from a file could aim the vault at a service on
this computer or on the local network (a router, a printer, a database on
127.0.0.1). So every connection is checked where it is made: after the name is
resolved, on the address the socket connects to, and again on the connected peer.
A name that resolved to a public address when the request was fetched and to
10.0.0.1 now (DNS rebinding) is judged by 10.0.0.1: what is checked is the address
connected to.

- A public address: allowed, but not over plain http (it is for this computer only), nor
  for `localhost` or `*.localhost`, which must resolve to this computer.
- Local addresses, only when the exchange allows them (`PeerRule.local`), which the
  vault does for the fetch of a request from an address the person named and for every
  exchange with a brand whose request was fetched from its own origin; never for a
  brand known only from a file or pasted text:
  - this computer (loopback), and only under its own name or address (`localhost`,
    `*.localhost`, 127.0.0.1, ::1): no brand on the internet lives on the person's own
    computer, whose services are the ones that most often trust whoever connects;
  - the local network (RFC 1918, CGNAT, link-local, fc00::/7), over TLS only, and not
    for a `localhost` name. An intranet shop (https://shop.corp at 10.1.2.3) works
    like any site.
- Special-purpose addresses (unspecified, multicast, broadcast, reserved,
  documentation): never.

Why a brand's own name may lead to the local network: its request was fetched from
that origin, so the person chose to deal with whoever holds the name, and TLS still
checks the name on every exchange. Whoever points the name's DNS at another machine
on the person's network (the brand, or an attacker of its DNS) gets a TLS handshake
to the origin's own port there, carrying only the brand's name (no session is
resumed, so nothing else the server chose): the handshake fails unless that machine
holds a certificate for the brand's name, and not a byte of the request is sent
before it succeeds. A request from a file has no such standing, and plain http no
such check: neither ever reaches a local address.
"""

from __future__ import annotations

import contextvars
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from urllib3.util.connection import allowed_gai_family

from zpd.origin import AddressScope, address_scope, is_loopback_host

Resolver = Callable[..., list[tuple[Any, ...]]]


class PeerRefused(Exception):
    """The address a connection would reach (or reached) is not allowed for this exchange.

    Deliberately not an OSError: urllib3 and requests let it through unwrapped."""

    def __init__(self, host: str, address: str, scope: AddressScope) -> None:
        where = {
            AddressScope.LOOPBACK: "this computer",
            AddressScope.LOCAL_NETWORK: "the local network",
            AddressScope.SPECIAL: "a special-purpose address",
            AddressScope.PUBLIC: "the internet (plain http and localhost names are for "
                                 "this computer only)",
        }[scope]
        named = f"{host} is {address}," if host != address else f"{address} is"
        super().__init__(f"{named} on {where}")
        self.host, self.address, self.scope = host, address, scope


@dataclass(frozen=True)
class PeerRule:
    """What one exchange may connect to."""

    local: bool  # may it reach this computer and the local network?
    resolve: Resolver = socket.getaddrinfo

    def check(self, host: str, address: str, *, tls: bool) -> None:
        scope = address_scope(address)
        # `localhost` and `*.localhost` are loopback only if they resolve there (RFC 6761):
        # one that leads elsewhere is not the computer the person was told about.
        named_loopback = is_loopback_host(host)
        if scope is AddressScope.LOOPBACK and self.local and named_loopback:
            return
        if scope is AddressScope.LOCAL_NETWORK and self.local and tls and not named_loopback:
            return
        if scope is AddressScope.PUBLIC and tls and not named_loopback:
            return
        raise PeerRefused(host, address, scope)


STRICT = PeerRule(local=False)

_rule: contextvars.ContextVar[PeerRule] = contextvars.ContextVar("zpv_peer_rule", default=STRICT)


@contextmanager
def ruling(rule: PeerRule) -> Iterator[None]:
    """Connections opened or reused in this block follow `rule`."""
    token = _rule.set(rule)
    try:
        yield
    finally:
        _rule.reset(token)


def current() -> PeerRule:
    return _rule.get()


def connect(
    host: str, port: int, timeout: float | None, *, tls: bool,
    source_address: tuple[str, int] | None = None,
    socket_options: list[tuple[int, int, int | bytes]] | None = None,
) -> socket.socket:
    """Resolve `host` and connect to the first allowed address that answers.

    Addresses the current rule refuses are never connected to; if all were refused,
    PeerRefused. Errors otherwise as `socket.create_connection` raises them."""
    rule = current()
    host = host.strip("[]")
    refused: PeerRefused | None = None
    error: OSError | None = None
    for family, kind, proto, _, address in rule.resolve(
        host, port, allowed_gai_family(), socket.SOCK_STREAM
    ):
        try:
            rule.check(host, str(address[0]), tls=tls)
        except PeerRefused as exc:
            refused = refused or exc
            continue
        sock = socket.socket(family, kind, proto)
        try:
            for option in socket_options or ():
                sock.setsockopt(*option)
            if timeout is not None:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(address)
            check_peer(sock, host, tls=tls)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
        except PeerRefused:
            sock.close()
            raise
    if error is not None:
        raise error
    if refused is not None:
        raise refused
    raise OSError(f"{host} resolves to no address")


def check_peer(sock: socket.socket, host: str, *, tls: bool) -> None:
    """The connected peer of `sock`, checked against the current rule (also for a
    kept-alive connection that a later exchange reuses)."""
    current().check(host, str(sock.getpeername()[0]), tls=tls)
