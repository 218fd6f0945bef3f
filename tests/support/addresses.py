"""Real addresses of this machine and names leading to them, for the connect-time checks.

A name resolves through the transport's resolver hook, which only chooses the address
(as DNS could); connecting to it and checking it are the real thing.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable
from pathlib import Path
from typing import Any

import trustme

from zpd.origin import AddressScope, address_scope

Resolver = Callable[..., list[tuple[Any, ...]]]

# Where to look for an address of this machine of each scope: the source address the
# machine would use towards these (a UDP connect sends nothing).
_PROBES = {
    AddressScope.LOCAL_NETWORK: ((socket.AF_INET6, "fd00::1"), (socket.AF_INET, "10.255.255.254"),
                                 (socket.AF_INET, "172.31.255.254"),
                                 (socket.AF_INET, "192.168.255.254")),
    AddressScope.SPECIAL: ((socket.AF_INET, "192.0.2.254"), (socket.AF_INET6, "2001:db8::1")),
}


def resolving(names: dict[str, str]) -> Resolver:
    """getaddrinfo, with some names answered by the address given (as DNS could)."""

    def resolve(host: str, port: int, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        return socket.getaddrinfo(names.get(host, host), port, *args, **kwargs)

    return resolve


def own_address(scope: AddressScope) -> str | None:
    """An address of this machine in `scope` (LOCAL_NETWORK or SPECIAL) that a server can
    listen on, if it has one."""
    for family, probe in _PROBES[scope]:
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe_socket:
                probe_socket.connect((probe, 9))
                address = str(probe_socket.getsockname()[0])
            with socket.socket(family, socket.SOCK_STREAM) as listener:
                listener.bind((address, 0))
        except OSError:
            continue
        if address_scope(address) is scope:
            return address
    return None


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def tls_files(directory: Path, *names: str) -> tuple[Path, Path, Path]:
    """(certificate chain, key, CA bundle) of a server certificate for `names` (host
    names or IP addresses) from a private authority of its own."""
    authority = trustme.CA()
    issued = authority.issue_cert(*names)
    cert, key, bundle = directory / "cert.pem", directory / "key.pem", directory / "ca.pem"
    issued.cert_chain_pems[0].write_to_path(str(cert))
    for extra in issued.cert_chain_pems[1:]:
        extra.write_to_path(str(cert), append=True)
    issued.private_key_pem.write_to_path(str(key))
    authority.cert_pem.write_to_path(str(bundle))
    return cert, key, bundle


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    return context
