"""The receiver's page: what the brand holds, per customer pseudonym, as plain HTML.

One page of customers at a time (the most recently active first), each with
their last few grants. Field values are masked unless the view asks for them.
No script at all, and every string is HTML-escaped (quotes too) after
`display.clean`: a field value such as `<script>` or `" onmouseover=` shows as
text. The server sends it with a Content-Security-Policy that forbids
anything but the inline stylesheet. It reloads itself every few seconds.
Who may see it is the server's business (`holdings.py`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from .customers import Customer, CustomerGrant, RecentCustomers
from .display import (
    NOTHING,
    clean,
    is_tombstone,
    purpose_text,
    status_text,
    time_text,
    value_text,
)
from .storage import GrantState

REFRESH_SECONDS = 3
MASK = "hidden"  # what a masked value shows

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem;
       padding: 1rem 1.5rem 3rem; color: #1d2430; background: #f6f7f9; }
header { border-bottom: 2px solid #d6dbe3; margin-bottom: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 0.25rem; }
.summary { color: #4a5568; margin: 0 0 1rem; }
section { background: #fff; border: 1px solid #d6dbe3; border-radius: 6px;
          margin: 0 0 1.25rem; padding: 0.75rem 1rem; overflow-x: auto; }
h2 { font-size: 0.95rem; margin: 0 0 0.25rem; word-break: break-all; }
.seen { color: #4a5568; font-size: 0.85rem; margin: 0 0 0.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border-top: 1px solid #e4e8ee; padding: 0.4rem 0.5rem; text-align: left;
         vertical-align: top; }
td.purpose { overflow-wrap: anywhere; min-width: 14rem; }
th { font-size: 0.8rem; color: #4a5568; text-transform: uppercase; letter-spacing: 0.03em; }
code { font-size: 0.85em; word-break: break-all; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.75rem; }
dt { font-weight: 600; }
dd { margin: 0; }
.status { font-weight: 600; }
.active .status { color: #1e7a3c; }
.expired .status, .paused .status { color: #8a6d00; }
.revoked .status { color: #b42318; }
.revoked .gone { color: #b42318; }
.empty { color: #4a5568; font-style: italic; }
.masked { color: #4a5568; font-style: italic; }
nav { display: flex; gap: 1rem; align-items: baseline; margin: 0 0 1rem; }
nav a { color: #1f4fa8; }
"""


@dataclass(frozen=True)
class View:
    """Which page of customers, and whether field values are shown."""

    number: int  # from 1
    pages: int
    show_values: bool = False


Href = Callable[[int, bool], str]  # (page number, show values) -> the address of that view


def render(
    brand_name: str, origin: str, recent: RecentCustomers, now: int, view: View, href: Href,
    *, refresh_seconds: int = REFRESH_SECONDS,
) -> str:
    """One page of customers, the most recently active first, one table each."""
    title = _text(brand_name)
    sections = "\n".join(_customer(c, view.show_values) for c in recent.customers) or (
        '<p class="empty">No customer has shared anything yet.</p>'
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="{int(refresh_seconds)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}: what we hold</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="summary">What {_text(origin)} holds, per customer pseudonym, at {time_text(now)}.
{_summary(recent)}, most recent first. This page reloads every {int(refresh_seconds)} seconds.</p>
{_navigation(view, href)}
</header>
<main>
{sections}
</main>
</body>
</html>
"""


def _summary(recent: RecentCustomers) -> str:
    shown, total = len(recent.customers), recent.total
    if shown == total:
        return f"{total} customer{'' if total == 1 else 's'}"
    if shown == 0:
        return f"No customer on this page, of {total}"
    first = recent.offset + 1
    return f"Customers {first} to {recent.offset + shown} of {total}"


def _navigation(view: View, href: Href) -> str:
    links = []
    if view.number > 1:
        links.append(_link(href(view.number - 1, view.show_values), "Newer customers"))
    if view.number < view.pages:
        links.append(_link(href(view.number + 1, view.show_values), "Older customers"))
    toggle = "Hide values" if view.show_values else "Show values"
    links.append(_link(href(view.number, not view.show_values), toggle))
    return (
        f'<nav aria-label="Pages"><span>Page {view.number} of {view.pages}</span>'
        f'{"".join(links)}</nav>'
    )


def _link(address: str, label: str) -> str:
    return f'<a href="{html.escape(address)}">{html.escape(label)}</a>'


def _customer(customer: Customer, show_values: bool) -> str:
    rows = "\n".join(_grant(g, show_values) for g in customer.grants)
    earlier = customer.earlier_grants
    older = "" if not earlier else (
        f'<p class="seen">{earlier} earlier grant{"" if earlier == 1 else "s"} not shown '
        "(<code>zpv-brand customers</code> lists every one)</p>\n"
    )
    return f"""<section>
<h2><code>{_text(customer.pseudonym)}</code></h2>
<p class="seen">First seen {time_text(customer.first_seen)}</p>
{older}<table>
<thead><tr><th>Grant</th><th>Ask and purpose</th><th>Fields</th><th>Version</th>\
<th>Expires</th><th>Retention</th><th>Status</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</section>"""


def _grant(grant: CustomerGrant, show_values: bool) -> str:
    css = grant.status.value  # the row's class: .active, .paused, .expired, .revoked
    if grant.status is GrantState.REVOKED:
        gone = "nothing was held" if is_tombstone(grant) else "data deleted"
        fields = f'<span class="gone">{gone} {time_text(grant.revoked_at)}</span>'
    else:
        fields = _fields(grant, show_values)
    ask = NOTHING if grant.ask_id is None else f"<code>{_text(grant.ask_id)}</code>"
    retention = NOTHING if grant.retention_days is None else f"{grant.retention_days} days"
    return (
        f'<tr class="{css}"><td><code>{_text(grant.grant_id)}</code></td>'
        f'<td class="purpose">{ask}<br>{html.escape(purpose_text(grant))}</td>'
        f"<td>{fields}</td><td>{grant.version}</td><td>{time_text(grant.expires_at)}</td>"
        f'<td>{retention}</td><td class="status">{html.escape(status_text(grant))}</td></tr>'
    )


def _fields(grant: CustomerGrant, show_values: bool) -> str:
    pairs = "".join(
        f"<dt>{_name(grant, key)}</dt><dd>{_value(value, show_values)}</dd>"
        for key, value in grant.fields.items()
    )
    return f"<dl>{pairs}</dl>" if pairs else NOTHING


def _name(grant: CustomerGrant, key: str) -> str:
    """A catalogue field's key; an answer as its question's label, with the key beside."""
    label = grant.label(key)
    if label is None:
        return _text(key)
    return f'{_text(label)} <code class="key">{_text(key)}</code>'


def _value(value: object, show: bool) -> str:
    if show:
        return html.escape(value_text(value))
    return f'<span class="masked">{MASK}</span>'


def _text(text: str) -> str:
    return html.escape(clean(text))
