"""The English words of `zpv` for how things stand: deliveries and deletions, where a
brand lives, a request's verdict and flags, a share's state."""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from zpd.origin import AddressScope
from zpd.receipt import Downstream, DownstreamEntry

from ..exchange.brands import Brand
from ..exchange.delivery_summary import DeliveryStatus, DeliverySummary
from ..exchange.grants import Grant, GrantStatus
from ..transparency.balance import Flag, Verdict
from .terminal import when


def delivery_status_words(status: DeliveryStatus) -> str:
    match status:
        case DeliveryStatus.QUEUED:
            return "waiting to be sent"
        case DeliveryStatus.DELIVERED:
            return "delivered, no receipt"
        case DeliveryStatus.CONFIRMED:
            return "delivered, the brand confirmed it stored it"
        case DeliveryStatus.FAILED:
            return "refused by the brand"
        case DeliveryStatus.REVOCATION_QUEUED:
            return "revocation waiting to be sent"
        case DeliveryStatus.DELETION_CONFIRMED:
            return "the brand confirmed deletion"
        case DeliveryStatus.DELETION_UNCONFIRMED:
            return "revocation delivered, no receipt"
        case DeliveryStatus.DELETION_PENDING:
            return "the brand deleted it; its other systems have not all confirmed yet"
        case DeliveryStatus.DELETION_FAILED:
            return "the brand reports that deletion failed in one of its systems"
        case DeliveryStatus.NOT_SENT:
            return "never sent"
        case _:
            assert_never(status)


def downstream_status_words(status: Downstream) -> str:
    match status:
        case Downstream.PENDING:
            return "still deleting"
        case Downstream.DELETED:
            return "deleted"
        case Downstream.FAILED:
            return "failed to delete"
        case Downstream.NOT_HELD:
            return "never held it"
        case _:
            assert_never(status)


def downstream_words(entries: Sequence[DownstreamEntry]) -> str:
    """The brand's systems, each with where deletion stands there: "crm deleted (when),
    mail still deleting"."""
    return ", ".join(
        f"{e.system} {downstream_status_words(e.status)}"
        + (f" ({when(e.at)})" if e.at is not None and e.status is not Downstream.PENDING
           else "")
        for e in entries
    )


def delivery_words(summary: DeliverySummary | None) -> str:
    if summary is None:
        return "nothing to send"
    said = delivery_status_words(summary.status)
    return f"{said}: {summary.detail}" if summary.detail else said


def where_words(brand: Brand) -> str:
    """Whether the domain is verified, and where the brand lives: plain http to this
    computer is never called a secure connection."""
    if brand.home is AddressScope.LOOPBACK:
        how = "fetched from" if brand.domain_verified else "named as"
        return (f"On this computer: {how} {brand.origin}, a server running here (a demo or "
                "a test), not a brand's site on the internet.")
    if brand.home is AddressScope.LOCAL_NETWORK and brand.domain_verified:
        return (f"On the local network: fetched over a secure connection from "
                f"{brand.origin}, a server on your local network (an intranet site), not a "
                "site on the internet. The vault delivers there.")
    if brand.home is AddressScope.LOCAL_NETWORK:
        return (f"On the local network: {brand.origin} is not a site on the internet, and "
                "its request came from a file or pasted text, so the vault sends nothing "
                "there: fetch the request from that address instead. Nothing proves the "
                "request comes from it.")
    if brand.domain_verified:
        return f"Domain verified: fetched over a secure connection from {brand.origin}."
    return ("Not verified: it came from a file or pasted text, so nothing proves it is "
            f"really from {brand.origin}.")


def verdict_words(verdict: Verdict) -> str:
    match verdict:
        case Verdict.FAIR:
            return "fair"
        case Verdict.ASKS_A_LOT:
            return "asks a lot"
        case Verdict.GREEDY:
            return "greedy"
        case _:
            assert_never(verdict)


def flag_words(flag: Flag) -> str:
    match flag:
        case Flag.SPECIAL_CATEGORY:
            return "special-category data (GDPR Art. 9)"
        case Flag.VAGUE_PURPOSE:
            return "vague purpose"
        case Flag.LONG_RETENTION:
            return "kept more than a year"
        case Flag.TOKEN_OFFER:
            return "little or nothing offered"
        case _:
            assert_never(flag)


def grant_state_words(grant: Grant) -> str:
    """How a grant stands, for what a brand knows (`zpv knows`)."""
    match grant.status:
        case GrantStatus.ACTIVE if grant.paused:
            return (f"paused: the brand keeps it but must not use it "
                    f"(until {when(grant.expires_at)})")
        case GrantStatus.ACTIVE:
            return f"until {when(grant.expires_at)}"
        case GrantStatus.EXPIRED:
            return "expired: the brand must have deleted it"
        case GrantStatus.REVOKED:
            return "revoked: the brand was told to delete it"
        case _:
            assert_never(grant.status)
