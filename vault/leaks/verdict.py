"""Whether mail to an alias came from the brand it was given to.

The sender is judged on what the person's mail server authenticated, never on the From
field alone, which anyone can write:

- When the From domain is aligned (same organisation, vault/leaks/domains.py) with a
  domain that passed DKIM or SPF, or DMARC passed for it, the sender is the From domain.
- Otherwise the sender is what passed DKIM or SPF, whatever the From field says; with
  nothing authenticated, the sender is unknown.

Mail is expected when the sender belongs to the brand's origin, to a processor the brand
declared, or to a domain the person marked as expected for that brand; anything else to an
alias given only to that brand is a leak (mail whose sender nobody vouches for too: the
brand did not send it, so someone else has the address).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from .authresults import Authenticated
from .domains import address_domain, normalise, organisation, same_organisation


class Judgement(StrEnum):
    EXPECTED = "expected"
    LEAK = "leak"


@dataclass(frozen=True)
class BrandSenders:
    """Who may write to a brand's alias."""

    origin: str  # https://shop.example
    processors: tuple[str, ...] = ()
    also_expected: tuple[str, ...] = ()  # domains the person marked as expected

    def domains(self) -> tuple[str, ...]:
        host = urlsplit(self.origin).hostname or ""
        return tuple(d for d in (normalise(host), *self.processors, *self.also_expected) if d)


@dataclass(frozen=True)
class Verdict:
    judgement: Judgement
    sender_domain: str  # the authenticated sender ("" when nothing was authenticated)
    from_address: str  # as the From field says, for the record
    authenticated: bool
    aligned: bool  # the From domain is the authenticated sender
    after_close: bool = False  # a leak because the alias was closed (vault/leaks/scan.py)


def judge(from_address: str, checked: Authenticated, senders: BrandSenders) -> Verdict:
    from_domain = address_domain(from_address)
    verified = checked.domains
    aligned = bool(from_domain) and (
        from_domain in checked.dmarc_from
        or any(same_organisation(from_domain, d) for d in verified)
    )
    identities: Iterable[str] = (from_domain,) if aligned else sorted(verified)
    identities = tuple(identities)
    allowed = {organisation(d) for d in senders.domains()}
    expected = any(organisation(i) in allowed for i in identities)
    if aligned:
        sender = from_domain
    else:
        sender = next(iter(sorted(checked.dkim)), "") or next(iter(sorted(checked.spf)), "")
    return Verdict(
        Judgement.EXPECTED if expected else Judgement.LEAK,
        sender, from_address, authenticated=bool(identities), aligned=aligned,
    )
