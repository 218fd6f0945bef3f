"""Domain names as mail authentication sees them: normalised, and grouped by organisation.

Two names belong to one organisation when they share a registrable domain (the public
suffix plus one label, from the Public Suffix List shipped with `publicsuffixlist`): DMARC's
relaxed alignment (RFC 7489 section 3.2), so `news.megamart.example` and `megamart.example`
are one sender while `megamart.co.uk` and `partner.co.uk` are not."""

from __future__ import annotations

import ipaddress
from functools import cache

from publicsuffixlist import PublicSuffixList


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()


def normalise(name: str) -> str:
    """Lower case, no trailing dot, IDNA A-labels for names beyond ASCII; "" if not a name."""
    name = name.strip().strip("[]").rstrip(".").lower()
    if not name or any(c.isspace() for c in name):
        return ""
    if not name.isascii():
        try:
            name = name.encode("idna").decode("ascii")
        except UnicodeError:
            return ""
    return name


def organisation(name: str) -> str:
    """The registrable domain of `name` (an IP address or a bare suffix stands for itself)."""
    name = normalise(name)
    if not name:
        return ""
    try:
        ipaddress.ip_address(name)
        return name
    except ValueError:
        pass
    return _suffixes().privatesuffix(name) or name


def same_organisation(a: str, b: str) -> bool:
    first, second = organisation(a), organisation(b)
    return bool(first) and first == second


def address_domain(address: str) -> str:
    """The normalised domain of `local@domain` (or of a bare domain)."""
    return normalise(address.rpartition("@")[2])
