"""The transparency report as one self-contained HTML document, in the words it is given.

The structure is here; the words are the caller's (`ReportWords`): the CLI's English
(`vault/cli/report_words.py`) or the GUI's, in the person's language. The document has
inline CSS, no script, no external resource, and a Content-Security-Policy that forbids
both anyway. Every string is escaped, and hidden characters (bidi overrides, zero-width
characters) are shown as visible markers first, so a brand cannot draw into the report.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, assert_never

from zpd.fieldtypes import JsonValue, Sensitivity
from zpd.purposes import concept_name
from zpd.text import reveal

from ..exchange.delivery_summary import DeliveryStatus, DeliverySummary
from ..exchange.grants import GrantStatus
from . import balance as rules
from .balance import Balance, Flag, Verdict
from .report import BrandReport, GrantReport, Holding, Report

if TYPE_CHECKING:
    from zpd.receipt import DownstreamEntry


@dataclass(frozen=True)
class ReportWords:
    """Every word of the document. Templates name their blanks: `generated` is
    "... {when} ...", say; the callables word one value each."""

    language: str  # the document's lang attribute, "en" say
    title: str
    heading: str
    generated: str  # {when}
    weights_note: str  # {fields} {offers} {fair} {greedy}
    no_brands: str
    domain_verified: str
    domain_not_verified: str
    aliases_given: str  # followed by the aliases
    alias_closed: str  # {alias} {when}: the person closed it
    balance: str
    balance_line: str  # {given} {offered} {ratio}
    no_offer: str  # the ratio when nothing is offered
    given: str
    offered: str
    field_weights: str
    nothing_shared: str
    purpose: str
    status: str
    shared: str
    keeps: str
    in_return: str
    delivery: str
    status_line: str  # {status} {version}
    shared_line: str  # {created} {until}
    until: str  # {when}
    ended: str  # {when}
    days: str  # {days}
    fields: str
    no_longer_held: str
    holds_now: str  # the heading over what the brand holds now, once the grant ended
    held_until: str  # {when}: the heading over what it was given
    holding_deleted: str  # {when}: it confirmed the deletion
    holding_told_to_delete: str  # {when}: revoked then, not confirmed yet
    holding_may_keep: str  # {when}: ended then; kept for its stated retention
    yes: str
    no: str
    receipts: str
    receipt_line: str  # {status} {when} {fingerprint}
    time_unreadable: str
    no_receipt: str
    nothing_to_send: str
    verdict: Callable[[Verdict], str]
    flag: Callable[[Flag], str]
    grant_status: Callable[[GrantStatus], str]
    delivery_status: Callable[[DeliveryStatus], str]
    downstream: str  # the heading over where deletion stands in each of the brand's systems
    downstream_systems: Callable[[Sequence[DownstreamEntry]], str]
    label: Callable[[str], str]  # a field's name, by its key
    when: Callable[[int], str]  # a time
    # Worded as the model holds them unless a language needs more: a field's label (English
    # for a catalogue field), its sensitivity, an offer's kind, a value by the field's key, a
    # receipt's status.
    field_label: Callable[[str], str] = str
    sensitivity: Callable[[Sensitivity], str] = str
    offer_kind: Callable[[str], str] = str
    value: Callable[[str, JsonValue], str] | None = None
    receipt_status: Callable[[str], str] = str
    paused: str = "paused: the brand keeps it but must not use it"  # a paused live grant


CSP = "default-src 'none'; style-src 'unsafe-inline'"

# As the app's light palette draws them (ui/style.py), checked for contrast with it
# (tests/ui/test_contrast.py): a web page and paper are light.
SENSITIVITY_COLOURS = {
    Sensitivity.LOW: "#2e7d4f",
    Sensitivity.PERSONAL: "#9a6700",
    Sensitivity.SPECIAL: "#b3261e",
}
VERDICT_FILLS = {"fair": "#1e7a3c", "asks_a_lot": "#8a5300", "greedy": "#b3261e"}
OFFER_COLOUR = "#2767a8"
_VERDICT_STYLE = "".join(f".verdict-{verdict} {{ background: {fill}; }}\n"
                         for verdict, fill in VERDICT_FILLS.items())

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
.bar-row { display: flex; align-items: center; gap: .5rem; margin: .2rem 0; }
.bar-label { width: 12rem; font-size: .9rem; }
.track { flex: 1; background: #f0f0f0; border-radius: 3px; }
.bar { display: block; height: .9rem; border-radius: 3px; min-width: 2px; }
.bar-value { width: 3rem; text-align: right; }
.flags li { color: #c0392b; }
pre { white-space: pre-wrap; word-break: break-all; font-size: .75rem; background: #f6f6f6;
      padding: .5rem; }
"""


def render_html(model: Report, words: ReportWords) -> str:
    """One self-contained HTML document for the report (no script, no external resource)."""
    return "".join(f"{line}\n" for line in render_html_lines(model, words))


def render_html_lines(model: Report, words: ReportWords) -> Iterator[str]:
    """`render_html`'s document, a line at a time (a share's box is one line): a report of
    many shares is written in small pieces, never built whole in one call."""
    yield from (
        "<!DOCTYPE html>",
        f'<html lang="{_e(words.language)}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e(words.title)}</title>",
        f"<style>{_STYLE}{_VERDICT_STYLE}</style></head><body>",
        f"<h1>{_e(words.heading)}</h1>",
        f"<p>{_e(words.generated.format(when=words.when(model.generated_at)))}</p>",
        f"<p><small>{_e(_weights_note(words))}</small></p>",
    )
    if not model.brands:
        yield f"<p>{_e(words.no_brands)}</p>"
    for section in model.brands:
        yield from _brand_lines(section, words)
    yield "</body></html>"


def _brand_lines(section: BrandReport, words: ReportWords) -> Iterator[str]:
    brand = section.brand
    verified = words.domain_verified if brand.domain_verified else words.domain_not_verified
    yield f'<section class="brand" id="{_e(_anchor(brand.origin))}">'
    yield f"<h2>{_e(brand.name)}</h2>"
    yield f'<p class="origin">{_e(brand.origin)} ({_e(verified)})</p>'
    if section.aliases:
        yield (
            f"<p>{_e(words.aliases_given)} "
            + ", ".join(f"<code>{_e(a)}</code>" for a in section.aliases)
            + "</p>"
        )
    for alias, closed_at in section.closed_aliases:
        yield (f"<p>{_e(words.alias_closed.format(alias=alias, when=words.when(closed_at)))}"
               "</p>")
    # A brand's question is named by its label, as asked (a catalogue field in the words).
    asked = {f.key: f.label for g in section.grants for f in g.fields if f.question is not None}
    yield _balance_html(section.balance, words, asked)
    if not section.grants:
        yield f"<p>{_e(words.nothing_shared)}</p>"
    for grant in section.grants:
        yield _grant_html(grant, words)
    yield "</section>"


def _balance_html(balance: Balance, words: ReportWords, asked: dict[str, str]) -> str:
    verdict = balance.verdict
    scale = max(balance.given_score, balance.offered_score, 1.0)
    ratio = words.no_offer if math.isinf(balance.ratio) else f"{balance.ratio:.1f}"
    line = words.balance_line.format(given=f"{balance.given_score:g}",
                                     offered=f"{balance.offered_score:g}", ratio=ratio)
    parts = [
        f'<div class="balance"><h3>{_e(words.balance)}</h3>',
        f'<p><span class="verdict verdict-{verdict.value}">{_e(words.verdict(verdict))}</span> '
        f"{_e(line)}</p>",
        _bar(words.given, balance.given_score, scale, "#34495e"),
        _bar(words.offered, balance.offered_score, scale, OFFER_COLOUR),
    ]
    if balance.fields:
        parts.append(f"<h4>{_e(words.field_weights)}</h4>")
        field_scale = max(f.weight for f in balance.fields)
        parts.extend(
            _bar(asked.get(f.key) or words.label(f.key), f.weight, field_scale,
                 SENSITIVITY_COLOURS[f.sensitivity])
            for f in balance.fields
        )
    if balance.flags:
        parts.append(
            '<ul class="flags">'
            + "".join(f"<li>{_e(words.flag(f))}</li>" for f in sorted(balance.flags))
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


def _grant_html(report: GrantReport, words: ReportWords) -> str:
    g = report.grant
    until = words.until.format(when=words.when(g.expires_at))
    if g.ended_at is not None:
        until = words.ended.format(when=words.when(g.ended_at))
    kind = words.offer_kind(g.offer_kind)
    offer = f"{kind}: {g.offer_description}" if g.offer_description else kind
    rows = [
        (words.purpose, f"{_e(g.purpose_description)} ({_e(concept_name(g.purpose_iri))})"),
        (words.status, _e(words.status_line.format(
            status=words.paused if g.paused else words.grant_status(g.status),
            version=g.version))),
        (words.shared, _e(words.shared_line.format(created=words.when(g.created_at),
                                                   until=until))),
        (words.keeps, _e(words.days.format(days=g.retention_days))),
        (words.in_return, _e(offer)),
        (words.delivery, _e(_delivery_words(report.delivery, words))),
    ]
    if report.downstream:
        rows.append((words.downstream, _e(words.downstream_systems(report.downstream))))
    parts = [
        f'<div class="grant" id="grant-{_e(g.id)}">',
        f"<h3>{_e(g.ask_id)}</h3><table>",
        *(f"<tr><th>{_e(name)}</th><td>{cell}</td></tr>" for name, cell in rows),
        "</table>",
    ]
    if g.ended_at is None:
        parts.append(f"<h4>{_e(words.fields)}</h4><table>")
    else:  # what it holds now, then apart what it was given: never shown as still held
        parts.append(f'<h4>{_e(words.holds_now)}</h4><p class="holding">'
                     f"{_e(_holding_words(report, g.ended_at, words))}</p>"
                     f"<h4>{_e(words.held_until.format(when=words.when(g.ended_at)))}</h4>"
                     "<table>")
    for f in report.fields:
        mark = ' class="special"' if f.sensitivity is Sensitivity.SPECIAL else ""
        if f.value is None:
            value = words.no_longer_held
        else:
            value = words.value(f.key, f.value) if words.value else _value(f.value, words)
        parts.append(
            f"<tr><th{mark}>{_e(words.field_label(f.label))} "
            f"<small>({_e(words.sensitivity(f.sensitivity))})</small></th>"
            f"<td>{_e(value)}</td></tr>"
        )
    parts.append("</table>")
    if report.receipts:
        parts.append(f"<h4>{_e(words.receipts)}</h4>")
        for r in report.receipts:
            signed = words.when(r.signed_at) if r.signed_at is not None else words.time_unreadable
            summary = words.receipt_line.format(status=words.receipt_status(r.status),
                                                  when=signed, fingerprint=r.fingerprint)
            parts.append(
                f"<details><summary>{_e(summary)}</summary>"
                f"<pre>{_e(r.jws)}</pre></details>"
            )
    else:
        parts.append(f"<p>{_e(words.no_receipt)}</p>")
    parts.append("</div>")
    return "\n".join(parts)


def _holding_words(report: GrantReport, ended_at: int, words: ReportWords) -> str:
    when = words.when(ended_at)
    match report.holding:
        case Holding.DELETED:
            return words.holding_deleted.format(when=when)
        case Holding.TOLD_TO_DELETE:
            return words.holding_told_to_delete.format(when=when)
        case Holding.MAY_KEEP | Holding.HOLDS:
            return words.holding_may_keep.format(when=when)
        case _:
            assert_never(report.holding)


def _weights_note(words: ReportWords) -> str:
    fields = ", ".join(f"{words.sensitivity(s)} {w:g}"
                       for s, w in rules.SENSITIVITY_WEIGHTS.items())
    offers = ", ".join(f"{words.offer_kind(k)} {w:g}" for k, w in rules.OFFER_WEIGHTS.items())
    return words.weights_note.format(fields=fields, offers=offers, fair=f"{rules.FAIR_RATIO:g}",
                                     greedy=f"{rules.GREEDY_RATIO:g}")


def _delivery_words(summary: DeliverySummary | None, words: ReportWords) -> str:
    if summary is None:
        return words.nothing_to_send
    said = words.delivery_status(summary.status)
    return f"{said}: {summary.detail}" if summary.detail else said


def _value(value: JsonValue, words: ReportWords) -> str:
    if isinstance(value, bool):
        return words.yes if value else words.no
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def _anchor(origin: str) -> str:
    return "brand-" + "".join(ch if ch.isalnum() else "-" for ch in origin)


def _e(text: str) -> str:
    """Text for HTML: hidden characters made visible, then escaped (quotes too)."""
    return html.escape(reveal(text), quote=True)
