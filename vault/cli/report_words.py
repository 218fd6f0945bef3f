"""The transparency report in English: the CLI's words for `transparency.html`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import assert_never

from zpd.catalogue import BY_KEY

from ..exchange.grants import GrantStatus
from ..transparency.html import ReportWords
from ..transparency.html import render_html as render_in
from ..transparency.report import Report
from .exchange_words import delivery_status_words, downstream_words, flag_words, verdict_words


def _grant_status(status: GrantStatus) -> str:
    match status:
        case GrantStatus.ACTIVE:
            return "active"
        case GrantStatus.EXPIRED:
            return "expired: the brand must have deleted it"
        case GrantStatus.REVOKED:
            return "revoked: the brand was told to delete it"
        case _:
            assert_never(status)


def _when(timestamp: int) -> str:
    try:
        return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, OSError, ValueError):
        return str(timestamp)


def _label(key: str) -> str:
    definition = BY_KEY.get(key)
    return definition.label if definition else key


ENGLISH = ReportWords(
    language="en",
    title="Transparency report",
    heading="Who knows what about you",
    generated="Generated {when} by Zero-Party Vault, from what you shared and the receipts "
    "brands signed. The balance is a rule of thumb to help you compare, not a legal "
    "judgement.",
    weights_note="How the balance is weighed: each field given by its sensitivity ({fields}); "
    "each offer by its kind ({offers}). Up to {fair} given per unit offered, with no warning, "
    "is fair; over {greedy} is greedy, and so is special-category data for a vague purpose or "
    "for a token offer, at any ratio.",
    no_brands="No brand knows anything about you through this vault.",
    domain_verified="domain verified",
    domain_not_verified="domain not verified",
    aliases_given="Email alias given to this brand:",
    alias_closed="{alias}: closed on {when}; mail to it now means a leak or an old list.",
    balance="Balance",
    balance_line="given {given}, offered {offered} (ratio {ratio})",
    no_offer="no offer",
    given="Given",
    offered="Offered",
    field_weights="What each field weighs",
    nothing_shared="You shared nothing with this brand.",
    purpose="Purpose",
    status="Status",
    shared="Shared",
    keeps="Brand keeps it",
    in_return="In return",
    delivery="Delivery",
    status_line="{status}, version {version}",
    shared_line="{created}, {until}",
    until="until {when}",
    ended="ended {when}",
    days="{days} days",
    fields="Fields",
    no_longer_held="(no longer in the latest version)",
    holds_now="What it holds now",
    held_until="What it was given, until {when}",
    holding_deleted="Nothing: the brand confirmed that it deleted what you shared.",
    holding_told_to_delete="You revoked this grant on {when} and the brand was told to delete "
    "what you shared; it has not confirmed the deletion yet, so it may still hold it.",
    holding_may_keep="This grant ended on {when}. The brand may keep what it held for the "
    "time it stated above, then must delete it.",
    yes="yes",
    no="no",
    receipts="Receipts signed by the brand",
    receipt_line="{status}, signed {when} · fingerprint {fingerprint}",
    time_unreadable="time unreadable",
    no_receipt="No receipt from the brand yet.",
    nothing_to_send="nothing to send",
    verdict=verdict_words,
    flag=flag_words,
    grant_status=_grant_status,
    delivery_status=delivery_status_words,
    downstream="Deletion in the brand's systems",
    downstream_systems=downstream_words,
    label=_label,
    when=_when,
)


def render_html(model: Report) -> str:
    """The report as one self-contained HTML document, in English."""
    return render_in(model, ENGLISH)
