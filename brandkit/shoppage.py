"""The sample shop's product page and its status line, in words (English, brand side).

Every string from the request or a grant is HTML-escaped (quotes too) after
`display.clean`; the status line travels as JSON and is set as text by the page's
own script (`static/shop.js`). The page holds no inline script or style: its
Content-Security-Policy allows only its own script, stylesheet and status URL.
"""

from __future__ import annotations

import html
from typing import Any

from zpd.catalogue import BY_KEY
from zpd.request import Ask, DataRequest

from .display import clean, value_text
from .storage import GrantState
from .visits import DELETED, LINK_EXPIRED, PENDING, SHARED, VisitState

POLL_MS = 2000

WAITING = ("Waiting for your vault: click the button, check what we ask in the app, and "
           "share if you agree.")
PAUSED_TEXT = "You paused sharing: we keep what you gave, and do not use it."
ENDED_TEXT = "Your sharing has ended: we no longer use what you gave."
DELETED_TEXT = "Your data was deleted, as you asked."
EXPIRED_TEXT = "This link has expired: reload the page for a fresh one."


def field_label(key: str, ask: Ask | None) -> str:
    """A field as a sentence names it: the catalogue's label (a brand question's own label),
    its first letter in lower case unless it starts an acronym."""
    asked = ask.field(key) if ask is not None else None
    if asked is not None and asked.question is not None:
        return asked.question.label
    known = BY_KEY.get(key)
    label = known.label if known is not None else key
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def status_message(state: VisitState, ask: Ask | None) -> tuple[str, str]:
    """(state, message) for the page's status line."""
    if state.status == PENDING:
        return PENDING, WAITING
    if state.status == LINK_EXPIRED:
        return LINK_EXPIRED, EXPIRED_TEXT
    if state.status == DELETED:
        return DELETED, DELETED_TEXT
    assert state.status == SHARED and state.grant is not None
    if state.grant_status is GrantState.PAUSED:
        return GrantState.PAUSED.value, PAUSED_TEXT
    if state.grant_status is not GrantState.ACTIVE:
        return "ended", ENDED_TEXT
    return SHARED, thanks(state.grant.data or {}, ask)


def thanks(data: dict[str, Any], ask: Ask | None) -> str:
    known = [f"your {clean(field_label(key, ask))}: {value_text(value)}"
             for key, value in data.items()]
    if not known:
        return "Thanks: you shared nothing we asked for, and that is fine."
    listed = known[0] if len(known) == 1 else ", ".join(known[:-1]) + " and " + known[-1]
    return f"Thanks, we now know {listed}."


def render(
    request: DataRequest, ask: Ask | None, link: str, qr_svg: str, status_url: str,
    state: tuple[str, str], assets: str,
) -> str:
    """The product page for one visit: the share button (the link), its QR code, the status."""
    brand = request.body.brand
    name = _text(brand.name)
    visit_state, message = state
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{name}</title>
<link rel="icon" href="{_attr(assets)}icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{_attr(assets)}shop.css">
<script src="{_attr(assets)}shop.js" defer></script>
</head>
<body data-visit="{_attr(visit_state)}">
<header><p>{name}</p></header>
<main>
<section class="product" aria-labelledby="product-name">
<h1 id="product-name">{name}</h1>
<p class="about">{_text(brand.description)}</p>
<div class="picture" aria-hidden="true"></div>
<h2 class="item">Sample product</h2>
<p class="price">€89.00</p>
<p>A sample shop page, served by <code>zpv-brand serve --sample-shop</code>. Your vault
shares only what you choose, and you can take it back at any time.</p>
</section>
<section class="share" aria-labelledby="share-title">
<h2 id="share-title">Share your preferences</h2>
{_offer(ask)}
<a class="button" id="share-button" href="{_attr(link)}">Share from my vault</a>
<div class="qr" role="img" aria-label="QR code of the same link, for a phone">{qr_svg}</div>
<p class="hint">Or scan this code with a phone or another computer that has the vault.</p>
<p id="visit-status" role="status" aria-live="polite" data-status-url="{_attr(status_url)}" \
data-poll-ms="{POLL_MS}">{html.escape(message)}</p>
</section>
</main>
<footer>The button opens the Zero-Party Vault app with what {name} asks. Nothing is shared
until you say so in the app.</footer>
</body>
</html>
"""


def _offer(ask: Ask | None) -> str:
    if ask is None:
        return ""
    fields = "".join(
        f"<li>{_text(field_label(f.key, ask))}{'' if f.required else ' (optional)'}</li>"
        for f in ask.fields
    )
    return (f'<p class="offer">{_text(ask.offer.description)}</p>\n'
            f"<p>{_text(ask.purpose.description)}. We ask for:</p>\n"
            f'<ul class="asks">{fields}</ul>')


def _text(text: str) -> str:
    return html.escape(clean(text))


def _attr(text: str) -> str:
    return html.escape(text, quote=True)
