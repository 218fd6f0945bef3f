"""Where a brand's alias comes from, and the alias itself for the sources that need no
service: a domain the person controls with catch-all delivery, or plus-addressing.

- Catch-all domain (recommended): `<brand-slug>-<random>@alex.example`. Nothing in the
  address says which part can be dropped, so a brand (or whoever it passes the address to)
  cannot normalise it back to the person's own address. The vault gives a brand the same
  form from the tag it keeps for that brand (vault/exchange/aliases.py).
- Plus-addressing (the fallback): `name+<brand-slug>-<random>@domain`. Mail still reaches
  `name@domain` with nothing set up, but advertisers routinely strip everything after the
  `+`: a source of this kind always carries the `STRIPPABLE` warning.
- Alias services (SimpleLogin, addy.io) make the alias over their APIs
  (vault/leaks/alias_services.py); this module only names them.

Everything here is pure: the random part is drawn from `secrets` unless a caller gives its
own `draw` (tests), and nothing is stored.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from ..errors import VaultError
from ..exchange.aliases import SUFFIX_LENGTH, alias_of, brand_slug
from .domains import normalise

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
RANDOM_LENGTH = SUFFIX_LENGTH  # as the brand's kept tag has it (vault/exchange/aliases.py)
MAX_LOCAL_PART = 64  # RFC 5321 section 4.5.3.1.1
MAX_DOMAIN = 253
_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*/=?^_`{|}~.+-]+")  # RFC 5322 dot-atom text


class SourceKind(StrEnum):
    DOMAIN = "domain"  # a domain with catch-all delivery
    PLUS = "plus"  # plus-addressing on the person's own address
    SIMPLELOGIN = "simplelogin"
    ADDY = "addy"


SERVICE_KINDS = frozenset({SourceKind.SIMPLELOGIN, SourceKind.ADDY})


class SourceWarning(StrEnum):
    STRIPPABLE = "strippable"  # what follows the '+' is easily removed


class SourceProblem(StrEnum):
    BAD_DOMAIN = "bad_domain"
    BAD_ADDRESS = "bad_address"
    NOT_LOCAL = "not_local"  # a service's alias is made over its API, not here


class AliasSourceError(VaultError):
    def __init__(self, reason: SourceProblem) -> None:
        super().__init__(str(reason))
        self.reason = reason


@dataclass(frozen=True)
class AliasSource:
    """The person's choice: `domain` for DOMAIN, `address` (their own) for PLUS; services
    keep their settings (API key, base URL) in the vault, not here."""

    kind: SourceKind
    domain: str = ""
    address: str = ""

    def warnings(self) -> tuple[SourceWarning, ...]:
        return (SourceWarning.STRIPPABLE,) if self.kind is SourceKind.PLUS else ()


def catch_all_source(domain: str) -> AliasSource:
    return AliasSource(SourceKind.DOMAIN, domain=valid_domain(domain))


def plus_source(address: str) -> AliasSource:
    return AliasSource(SourceKind.PLUS, address=valid_address(address))


def valid_domain(domain: str) -> str:
    """The domain, normalised (lower case, IDNA A-labels); AliasSourceError if it cannot
    receive mail as a domain name (an IP address, a single label, a bad label)."""
    name = normalise(domain)
    labels = name.split(".")
    if (not name or len(name) > MAX_DOMAIN or len(labels) < 2
            or not all(_LABEL.fullmatch(label) for label in labels)
            or labels[-1].isdigit()):
        raise AliasSourceError(SourceProblem.BAD_DOMAIN)
    return name


def valid_address(address: str) -> str:
    """`local@domain` with a dot-atom local part of at most 64 characters, the domain
    normalised; AliasSourceError otherwise."""
    local, at, domain = address.strip().rpartition("@")
    if (not at or len(local) > MAX_LOCAL_PART or not _LOCAL.fullmatch(local)
            or local.startswith(".") or local.endswith(".") or ".." in local):
        raise AliasSourceError(SourceProblem.BAD_ADDRESS)
    try:
        return f"{local}@{valid_domain(domain)}"
    except AliasSourceError:
        raise AliasSourceError(SourceProblem.BAD_ADDRESS) from None


def random_part(draw: Callable[[str], str] = secrets.choice) -> str:
    return "".join(draw(ALPHABET) for _ in range(RANDOM_LENGTH))


def local_alias(source: AliasSource, brand_name: str, brand_origin: str,
                draw: Callable[[str], str] = secrets.choice) -> str:
    """A new alias for the brand from a DOMAIN or PLUS source, lower case. The slug is
    shortened (never the random part) to keep the local part within 64 characters."""
    slug = brand_slug(brand_name, brand_origin)
    suffix = random_part(draw)
    if source.kind is SourceKind.DOMAIN:
        room = MAX_LOCAL_PART - len("-") - len(suffix)
        return f"{slug[:room].rstrip('-')}-{suffix}@{valid_domain(source.domain)}".lower()
    if source.kind is SourceKind.PLUS:
        return alias_of(valid_address(source.address), f"{slug}-{suffix}").lower()
    raise AliasSourceError(SourceProblem.NOT_LOCAL)
