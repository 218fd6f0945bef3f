"""Web origins: the brand's identity on the wire (`iss`, `aud`, endpoint checks)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

DEFAULT_PORTS = {"https": 443, "http": 80}


def is_loopback_host(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def origin_of(url: str) -> str:
    """The canonical origin (scheme://host[:port]) of an absolute http(s) URL.

    Raises ValueError for anything else: another scheme, user info, no host,
    plain http to a host that is not loopback.
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
