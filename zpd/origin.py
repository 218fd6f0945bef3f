"""Web origins: the brand's identity on the wire (`iss`, `aud`, endpoint checks), and
where an address points (the internet, this computer, the local network)."""

from __future__ import annotations

import ipaddress
import socket
from enum import StrEnum
from urllib.parse import urlsplit

DEFAULT_PORTS = {"https": 443, "http": 80}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressScope(StrEnum):
    """Where an address leads. Only PUBLIC is a brand's site on the internet."""

    PUBLIC = "public"
    LOOPBACK = "loopback"  # this computer
    LOCAL_NETWORK = "local_network"  # RFC 1918, CGNAT, link-local, fc00::/7, local names
    SPECIAL = "special"  # unspecified, multicast, broadcast, reserved, documentation...


_LOCAL_NETWORKS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",  # RFC 1918
    "100.64.0.0/10",  # carrier-grade NAT (RFC 6598)
    "169.254.0.0/16", "fe80::/10",  # link-local
    "fc00::/7",  # unique local (RFC 4193)
    "fec0::/10",  # site-local (deprecated, still routed locally)
    "64:ff9b:1::/48",  # local-use NAT64 (RFC 8215)
))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # a public IPv4 address, seen from IPv6
# Names that only mean something on a local network (mDNS, home routers, RFC 8375...).
_LOCAL_NAME_SUFFIXES = (".local", ".lan", ".home.arpa", ".internal", ".intranet",
                        ".localdomain", ".home", ".corp", ".private")


def address_scope(address: str | IPAddress) -> AddressScope:
    """Where an IP address leads. Anything that is not an IP address is SPECIAL.

    An IPv4 address inside IPv6 (mapped, NAT64, 6to4) is judged by that IPv4 address."""
    if isinstance(address, str):
        try:
            address = ipaddress.ip_address(address.strip("[]").partition("%")[0])
        except ValueError:
            return AddressScope.SPECIAL
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            inner = address_scope(embedded)
            # Mapped addresses reach this host's own IPv4 stack; the others go through a
            # gateway, where a local IPv4 address means the gateway's network: refused.
            if address.ipv4_mapped is not None or inner is AddressScope.PUBLIC:
                return inner
            return AddressScope.SPECIAL
    if address.is_loopback:
        return AddressScope.LOOPBACK
    if address.is_unspecified or address.is_multicast or address.is_reserved:
        return AddressScope.SPECIAL
    if any(address in network for network in _LOCAL_NETWORKS):
        return AddressScope.LOCAL_NETWORK
    if not address.is_global:
        return AddressScope.SPECIAL
    return AddressScope.PUBLIC


def ip_literal(host: str) -> IPAddress | None:
    """The address a host written as an IP address names, else None (a name)."""
    try:
        return ipaddress.ip_address(host.strip("[]").partition("%")[0])
    except ValueError:
        return None


def host_scope(host: str) -> AddressScope:
    """Where a host as written leads: an IP literal by its address; `localhost` and
    `*.localhost` this computer; single labels and local-only suffixes (`.local`, `.lan`,
    `.home.arpa`...) the local network; any other name PUBLIC, until it is resolved.

    A name is only what it says: the transport checks the address it connects to."""
    host = host.lower().rstrip(".")
    literal = ip_literal(host)
    if literal is not None:
        return address_scope(literal)
    if host == "localhost" or host.endswith(".localhost"):
        return AddressScope.LOOPBACK
    if "." not in host or host.endswith(_LOCAL_NAME_SUFFIXES):
        return AddressScope.LOCAL_NETWORK
    return AddressScope.PUBLIC


def is_loopback_host(host: str) -> bool:
    """`localhost`, `*.localhost`, or a loopback address (also IPv4-mapped): the hosts plain
    http may name. A `*.localhost` name still has to resolve to loopback when connected."""
    return host_scope(host) is AddressScope.LOOPBACK


def _odd_ipv4(host: str) -> bool:
    """A host that resolvers read as an IPv4 address although it is not written as four
    decimal numbers: `2130706433`, `0x7f.1`, `127.1`, `0177.0.0.1`."""
    if not host or not (host[0].isdigit()):
        return False
    try:
        packed = socket.inet_aton(host)
    except (OSError, ValueError):
        return False
    return socket.inet_ntoa(packed) != host


def origin_of(url: str) -> str:
    """The canonical origin (scheme://host[:port]) of an absolute http(s) URL.

    Raises ValueError for anything else: another scheme, user info, no host,
    plain http to a host that is not loopback, an IPv4 address not written as
    four decimal numbers.
    """
    if not isinstance(url, str) or len(url) > 2048 or any(ord(c) < 33 for c in url):
        raise ValueError("not a URL")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ValueError("not an http(s) URL")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise ValueError("user info is not allowed")
    host = (parts.hostname or "").lower()
    if not host:
        raise ValueError("no host")
    if _odd_ipv4(host):
        raise ValueError("an IPv4 address must be written as four decimal numbers")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("bad port") from None
    if scheme == "http" and not is_loopback_host(host):
        raise ValueError("plain http is allowed only to loopback hosts")
    shown_host = f"[{host}]" if ":" in host else host
    if port is None or port == DEFAULT_PORTS[scheme]:
        return f"{scheme}://{shown_host}"
    return f"{scheme}://{shown_host}:{port}"


def canonical_origin(text: str) -> str:
    """Check that `text` is an origin alone (no path, query or fragment) and canonicalise it."""
    parts = urlsplit(text) if isinstance(text, str) else None
    if parts is None or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError("an origin has no path, query or fragment")
    return origin_of(text)


def host_of(origin: str) -> str:
    return urlsplit(origin).hostname or ""
