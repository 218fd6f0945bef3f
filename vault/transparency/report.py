"""The transparency report: who knows what about the person, why, until when, what came
back in return, with the brands' signed receipts.

`build` gathers the model through a `ReportSource` (the vault's brands, what each
holds, deliveries, receipts, balances, aliases); renderers turn it into a document:
`render_html` here, the GUI's PDF export elsewhere.

The HTML is one self-contained document: inline CSS, no script, no external
resource, and a Content-Security-Policy that forbids both anyway. Every string
is escaped, and hidden characters (bidi overrides, zero-width characters) are
shown as visible markers first, so a brand cannot draw into the report.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from zpd import jose
from zpd.catalogue import BY_KEY
from zpd.fieldtypes import JsonValue, Sensitivity
from zpd.purposes import concept_name
from zpd.text import reveal

from ..errors import UnknownBrand
from ..exchange.aliases import Alias
from ..exchange.brands import Brand
from ..exchange.grants import Grant, GrantStatus, Held
from ..exchange.outbox import DeliveryStatus, DeliverySummary
from . import balance as rules
from .balance import Balance, Flag, Verdict, sensitivity_of


class ReportSource(Protocol):
    """What the report reads: the vault's brands and, per brand, what it holds."""

    def brands(self) -> list[Brand]: ...
    def aliases(self) -> list[Alias]: ...
    def held_by(self, origin: str) -> list[Held]: ...
    def delivery(self, grant_id: str) -> DeliverySummary | None: ...
    def receipts(self, grant_id: str) -> list[tuple[str, str, str]]: ...
    def balance_for_brand(self, origin: str) -> Balance: ...


@dataclass(frozen=True)
class ReceiptLine:
    """A brand's verified receipt for one message: `stored` (a token) or `deleted` (an event)."""

    message_jti: str
    status: str
    signed_at: int | None  # the receipt's own iat
    jws: str


@dataclass(frozen=True)
class SharedField:
    key: str
    label: str
    sensitivity: Sensitivity
    value: JsonValue | None  # in the grant's latest version; None: no longer in it


@dataclass(frozen=True)
class GrantReport:
    grant: Grant
    fields: tuple[SharedField, ...]
    delivery: DeliverySummary | None
    receipts: tuple[ReceiptLine, ...]


@dataclass(frozen=True)
class BrandReport:
    brand: Brand
    grants: tuple[GrantReport, ...]
    balance: Balance
    aliases: tuple[str, ...]  # the email aliases this brand was given (leak canaries)


@dataclass(frozen=True)
class Report:
    generated_at: int
    brands: tuple[BrandReport, ...]


def build(source: ReportSource, origin: str | None, now: int) -> Report:
    brands = source.brands()
    if origin is not None:
        brands = [b for b in brands if b.origin == origin]
        if not brands:
            raise UnknownBrand(origin)
    aliases = source.aliases()
    sections = []
    for brand in brands:
        grants = tuple(
            GrantReport(
                grant=held.grant,
                fields=tuple(_shared_field(k, held.data.get(k)) for k in held.grant.fields),
                delivery=source.delivery(held.grant.id),
                receipts=tuple(
                    ReceiptLine(jti, status, _signed_at(jws), jws)
                    for jti, status, jws in source.receipts(held.grant.id)
                ),
            )
            for held in source.held_by(brand.origin)
        )
        sections.append(
            BrandReport(
                brand=brand,
                grants=grants,
                balance=source.balance_for_brand(brand.origin),
                aliases=tuple(a.alias for a in aliases if a.brand_origin == brand.origin),
            )
        )
    return Report(now, tuple(sections))


def _shared_field(key: str, value: JsonValue | None) -> SharedField:
    return SharedField(key, _label(key), sensitivity_of(key), value)


def _label(key: str) -> str:
    definition = BY_KEY.get(key)
    return definition.label if definition else key


def _signed_at(jws: str) -> int | None:
    """The iat of a receipt (verified when it arrived); None if it cannot be read."""
    try:
        claims = json.loads(jose.b64u_decode(jws.split(".")[1]))
    except (ValueError, IndexError, UnicodeDecodeError):
        return None
    iat = claims.get("iat") if isinstance(claims, dict) else None
    return iat if isinstance(iat, int) and not isinstance(iat, bool) else None


# -- HTML ------------------------------------------------------------------------------------

CSP = "default-src 'none'; style-src 'unsafe-inline'"

VERDICT_WORDS = {
    Verdict.FAIR: "fair",
    Verdict.ASKS_A_LOT: "asks a lot",
    Verdict.GREEDY: "greedy",
}
FLAG_WORDS = {
    Flag.SPECIAL_CATEGORY: "special-category data (GDPR Art. 9)",
    Flag.VAGUE_PURPOSE: "vague purpose",
    Flag.LONG_RETENTION: "kept more than a year",
    Flag.TOKEN_OFFER: "little or nothing offered",
}
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
SENSITIVITY_COLOURS = {
    Sensitivity.LOW: "#4c9a6a",
    Sensitivity.PERSONAL: "#d39b2a",
    Sensitivity.SPECIAL: "#c0392b",
}

_STYLE = """
body { font-family: system-ui, sans-serif; color: #1d1d1f; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #ddd; }
section.brand ~ section.brand { break-before: page; }
.origin { color: #555; font-family: ui-monospace, monospace; font-size: .9rem; }
.grant { border: 1px solid #ddd; border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eee;
         vertical-align: top; }
th { width: 12rem; color: #555; font-weight: 600; }
.special { color: #c0392b; font-weight: 600; }
.verdict { display: inline-block; padding: .1rem .6rem; border-radius: 1rem; color: #fff; }
.verdict-fair { background: #4c9a6a; } .verdict-asks_a_lot { background: #d39b2a; }
.verdict-greedy { background: #c0392b; }
.bar-row { display: flex; align-items: center; gap: .5rem; margin: .2rem 0; }
.bar-label { width: 12rem; font-size: .9rem; }
.track { flex: 1; background: #f0f0f0; border-radius: 3px; }
.bar { display: block; height: .9rem; border-radius: 3px; min-width: 2px; }
.bar-value { width: 3rem; text-align: right; }
.flags li { color: #c0392b; }
pre { white-space: pre-wrap; word-break: break-all; font-size: .75rem; background: #f6f6f6;
      padding: .5rem; }
"""


def render_html(model: Report) -> str:
    """One self-contained HTML document for the report (no script, no external resource)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        "<title>Transparency report</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Who knows what about you</h1>",
        f"<p>Generated {_e(_when(model.generated_at))} by Zero-Party Vault, from what you "
        "shared and the receipts brands signed. The balance is a rule of thumb to help you "
        "compare, not a legal judgement.</p>",
        f"<p><small>{_e(_weights_note())}</small></p>",
    ]
    if not model.brands:
        parts.append("<p>No brand knows anything about you through this vault.</p>")
    parts.extend(_brand_html(section) for section in model.brands)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _brand_html(section: BrandReport) -> str:
    brand = section.brand
    verified = "domain verified" if brand.domain_verified else "domain not verified"
    parts = [
        f'<section class="brand" id="{_e(_anchor(brand.origin))}">',
        f"<h2>{_e(brand.name)}</h2>",
        f'<p class="origin">{_e(brand.origin)} ({verified})</p>',
    ]
    if section.aliases:
        parts.append(
            "<p>Email alias given to this brand: "
            + ", ".join(f"<code>{_e(a)}</code>" for a in section.aliases)
            + "</p>"
        )
    parts.append(_balance_html(section.balance))
    if not section.grants:
        parts.append("<p>You shared nothing with this brand.</p>")
    parts.extend(_grant_html(g) for g in section.grants)
    parts.append("</section>")
    return "\n".join(parts)


def _balance_html(balance: Balance) -> str:
    verdict = balance.verdict
    scale = max(balance.given_score, balance.offered_score, 1.0)
    ratio = "no offer" if math.isinf(balance.ratio) else f"{balance.ratio:.1f}"
    parts = [
        '<div class="balance"><h3>Balance</h3>',
        f'<p><span class="verdict verdict-{verdict.value}">{_e(VERDICT_WORDS[verdict])}</span> '
        f"given {balance.given_score:g}, offered {balance.offered_score:g} "
        f"(ratio {ratio})</p>",
        _bar("Given", balance.given_score, scale, "#34495e"),
        _bar("Offered", balance.offered_score, scale, "#2980b9"),
    ]
    if balance.fields:
        parts.append("<h4>What each field weighs</h4>")
        field_scale = max(f.weight for f in balance.fields)
        parts.extend(
            _bar(_label(f.key), f.weight, field_scale, SENSITIVITY_COLOURS[f.sensitivity])
            for f in balance.fields
        )
    if balance.flags:
        parts.append(
            '<ul class="flags">'
            + "".join(f"<li>{_e(FLAG_WORDS[f])}</li>" for f in sorted(balance.flags))
            + "</ul>"
        )
    parts.append("</div>")
    return "\n".join(parts)


def _bar(label: str, value: float, scale: float, colour: str) -> str:
    width = 0.0 if scale <= 0 else min(100.0, 100.0 * value / scale)
    return (
        f'<div class="bar-row"><span class="bar-label">{_e(label)}</span><span class="track">'
        f'<span class="bar" style="width: {width:.1f}%; background: {colour}"></span></span>'
        f'<span class="bar-value">{value:g}</span></div>'
    )


def _grant_html(report: GrantReport) -> str:
    g = report.grant
    until = f"until {_when(g.expires_at)}"
    if g.ended_at is not None:
        until = f"ended {_when(g.ended_at)}"
    offer = f"{g.offer_kind}: {g.offer_description}" if g.offer_description else g.offer_kind
    delivery = _delivery_words(report.delivery)
    rows = [
        ("Purpose", f"{_e(g.purpose_description)} ({_e(concept_name(g.purpose_iri))})"),
        ("Status", f"{_e(STATUS_WORDS[g.status])}, version {g.version}"),
        ("Shared", f"{_e(_when(g.created_at))}, {_e(until)}"),
        ("Brand keeps it", f"{g.retention_days} days"),
        ("In return", _e(offer)),
        ("Delivery", _e(delivery)),
    ]
    parts = [
        f'<div class="grant" id="grant-{_e(g.id)}">',
        f"<h3>{_e(g.ask_id)}</h3><table>",
        *(f"<tr><th>{name}</th><td>{cell}</td></tr>" for name, cell in rows),
        "</table><h4>Fields</h4><table>",
    ]
    for f in report.fields:
        mark = ' class="special"' if f.sensitivity is Sensitivity.SPECIAL else ""
        value = "(no longer in the latest version)" if f.value is None else _value(f.value)
        parts.append(
            f"<tr><th{mark}>{_e(f.label)} <small>({_e(f.sensitivity.value)})</small></th>"
            f"<td>{_e(value)}</td></tr>"
        )
    parts.append("</table>")
    if report.receipts:
        parts.append("<h4>Receipts signed by the brand</h4>")
        for r in report.receipts:
            signed = _when(r.signed_at) if r.signed_at is not None else "time unreadable"
            parts.append(
                f"<details><summary>{_e(r.status)}, signed {_e(signed)}</summary>"
                f"<pre>{_e(r.jws)}</pre></details>"
            )
    else:
        parts.append("<p>No receipt from the brand yet.</p>")
    parts.append("</div>")
    return "\n".join(parts)


def _weights_note() -> str:
    fields = ", ".join(f"{s.value} {w:g}" for s, w in rules.SENSITIVITY_WEIGHTS.items())
    offers = ", ".join(f"{k} {w:g}" for k, w in rules.OFFER_WEIGHTS.items())
    return (
        f"How the balance is weighed: each field given by its sensitivity ({fields}); "
        f"each offer by its kind ({offers}). Up to {rules.FAIR_RATIO:g} given per unit "
        f"offered, with no warning, is fair; over {rules.GREEDY_RATIO:g} is greedy, and so is "
        "special-category data for a vague purpose or for a token offer, at any ratio."
    )


def _delivery_words(summary: DeliverySummary | None) -> str:
    if summary is None:
        return "nothing to send"
    words = DELIVERY_WORDS[summary.status]
    return f"{words}: {summary.detail}" if summary.detail else words


def _value(value: JsonValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def _anchor(origin: str) -> str:
    return "brand-" + "".join(ch if ch.isalnum() else "-" for ch in origin)


def _when(timestamp: int) -> str:
    try:
        return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, OSError, ValueError):
        return str(timestamp)


def _e(text: str) -> str:
    """Text for HTML: hidden characters made visible, then escaped (quotes too)."""
    return html.escape(reveal(text), quote=True)
