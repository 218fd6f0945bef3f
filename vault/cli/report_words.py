"""The transparency report in English: the CLI's words for `transparency.html`."""

from __future__ import annotations

from datetime import UTC, datetime

from zpd.catalogue import BY_KEY

from ..exchange.grants import GrantStatus
from ..exchange.outbox import DeliveryStatus
from ..transparency.html import ReportWords
from ..transparency.html import render_html as render_in
from ..transparency.report import Report
from .words import FLAG_WORDS, VERDICT_WORDS

STATUS_WORDS = {
    GrantStatus.ACTIVE: "active",
    GrantStatus.EXPIRED: "expired: the brand must have deleted it",
    GrantStatus.REVOKED: "revoked: the brand was told to delete it",
}
DELIVERY_WORDS = {
    DeliveryStatus.QUEUED: "waiting to be sent",
    DeliveryStatus.DELIVERED: "delivered, no receipt",
    DeliveryStatus.CONFIRMED: "delivered, the brand confirmed it stored it",
    DeliveryStatus.FAILED: "refused by the brand",
    DeliveryStatus.REVOCATION_QUEUED: "revocation waiting to be sent",
    DeliveryStatus.DELETION_CONFIRMED: "the brand confirmed deletion",
    DeliveryStatus.DELETION_UNCONFIRMED: "revocation delivered, no receipt",
    DeliveryStatus.NOT_SENT: "never sent",
}


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
    yes="yes",
    no="no",
    receipts="Receipts signed by the brand",
    receipt_line="{status}, signed {when}",
    time_unreadable="time unreadable",
    no_receipt="No receipt from the brand yet.",
    nothing_to_send="nothing to send",
    verdict=VERDICT_WORDS.__getitem__,
    flag=FLAG_WORDS.__getitem__,
    grant_status=STATUS_WORDS.__getitem__,
    delivery_status=DELIVERY_WORDS.__getitem__,
    label=_label,
    when=_when,
)


def render_html(model: Report) -> str:
    """The report as one self-contained HTML document, in English."""
    return render_in(model, ENGLISH)
