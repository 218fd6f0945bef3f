"""Words of the share review: values, offers, look-alike names, where a brand lives, and why
a share cannot be made.

Translatable (context "ShareReview"), built when called. Text that came from a brand
passes through `brand_text` before it is put in a sentence.
"""

from __future__ import annotations

import re
from typing import Literal, Protocol, assert_never

from PySide6.QtCore import QCoreApplication

from vault.errors import ShareRefusal
from zpd import purposes
from zpd.catalogue import BY_KEY
from zpd.origin import AddressScope
from zpd.text import Flag, Reason

from . import exchange, time
from .fields import label_text
from .text import brand_text, in_sentence

CONTEXT = "ShareReview"


class Asked(Protocol):
    """What a refusal's words need to know of the share under review."""

    @property
    def brand_name(self) -> str: ...

    @property
    def most_days(self) -> int: ...

    @property
    def request_expires_at(self) -> int: ...

    def label_of(self, key: str) -> str:
        """The English label of a field the ask names, else the key."""
        ...


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def readable_concept(iri: str) -> str:
    """A DPV concept in words: ServicePersonalisation -> "Service personalisation"."""
    words = _WORD.findall(purposes.concept_name(iri)) or [purposes.concept_name(iri)]
    rest = [w if w.isupper() and len(w) > 1 else w.lower() for w in words[1:]]
    return " ".join([words[0], *rest])


def plain_value(value: object) -> str:
    """A stored value as one line of text (booleans are worded by the caller)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def value_words(value: object, key: str = "") -> str:
    if isinstance(value, bool):
        return _tr("yes") if value else _tr("no")
    if key in BY_KEY:  # a catalogue field: its choices and numbers in the person's words
        return exchange.show_value(value, key)
    return plain_value(value)


def concept_words(iri: str) -> str:
    """A DPV concept's name in words, translated when the app knows the concept."""
    return QCoreApplication.translate("DpvConcepts", readable_concept(iri))


def offer_words(kind: str, description: str) -> str:
    """Our word for the offer's kind, then the brand's own description."""
    kinds = {
        "discount": _tr("A discount"),
        "gift": _tr("A gift"),
        "service": _tr("A service"),
        "points": _tr("Loyalty points"),
        "access": _tr("Access"),
        "none": _tr("Nothing in return"),
    }
    kind_words = kinds.get(kind, kind)
    if not description.strip():
        return kind_words
    return _tr("{kind}: {description}").format(kind=kind_words,
                                               description=brand_text(description))


def refusal(reason: ShareRefusal | Literal["required_no_value"], keys: list[str],
            asked: Asked) -> str:
    """Why a share would be (or was) refused: ShareRefused's reason (or the review's own
    "required_no_value", seen before sharing) and the fields concerned."""
    labels = ", ".join(label_text(asked.label_of(k)) for k in keys)
    brand = in_sentence(asked.brand_name)
    if not isinstance(reason, ShareRefusal):
        return _tr("{brand} requires {fields}, which has no value in your vault. "
                   "Set it in My data, then come back to share.").format(
            brand=brand, fields=labels)
    match reason:
        case ShareRefusal.REQUEST_EXPIRED:
            text = _tr("The request from {brand} expired on {date}. Ask {brand} for a new "
                       "one.")
        case ShareRefusal.NO_VALUE:
            text = _tr("{fields} no longer has a value in your vault. Untick it, or set it in "
                       "My data.")
        case ShareRefusal.NOTHING_CHOSEN:
            text = _tr("Tick at least one field to share.")
        case ShareRefusal.REQUIRED_LEFT_OUT:
            text = _tr("{brand} requires {fields}: without it there is no share.")
        case ShareRefusal.NOT_ASKED:
            text = _tr("{fields} is not part of this request.")
        case ShareRefusal.DURATION:
            text = _tr("Choose between 1 and {days} days.")
        case unknown:
            assert_never(unknown)
    return text.format(brand=brand, fields=labels, days=asked.most_days,
                       date=time.date(asked.request_expires_at))


def nothing_shared(reason: str) -> str:
    return _tr("{reason} Nothing was shared.").format(reason=reason)


def lookalike_words(flag: Flag) -> str:
    """One flagged name or address, in words, with what was found."""
    where = {
        "name": _tr("name"), "host": _tr("web address"), "description": _tr("description"),
        "privacy_policy": _tr("privacy policy address"),
    }.get(flag.where, flag.where)
    reason = {
        Reason.MIXED_SCRIPTS: _tr("letters from several alphabets"),
        Reason.WHOLE_SCRIPT_CONFUSABLE: _tr("letters that only look Latin"),
        Reason.COMPATIBILITY_CHARACTERS: _tr("look-alike variants of ordinary letters"),
        Reason.PUNYCODE: _tr("an international domain name"),
        Reason.INVALID_PUNYCODE: _tr("a malformed international domain name"),
    }.get(flag.reason, flag.reason.value)
    detail = f" ({flag.detail})" if flag.detail else ""
    return _tr("{where}: {reason}").format(where=where, reason=reason) + detail


def home_words(home: AddressScope, reaches_local: bool) -> str | None:
    """Where a brand lives when that is not the internet ({origin} is filled in later).

    `reaches_local`: the vault delivers to the brand there, as it does once a request of
    the brand's was fetched from its own address (vault/peers.py)."""
    if home is AddressScope.LOOPBACK:
        return _tr("⚠ On this computer: {origin} is a server running here (a demo or a "
                   "test), not a brand's site on the internet.")
    if home is AddressScope.LOCAL_NETWORK and reaches_local:
        return _tr("⚠ On the local network: {origin} is not a site on the internet but a "
                   "server on your local network (an intranet site). The vault delivers "
                   "there because the brand's request was fetched from that address.")
    if home is AddressScope.LOCAL_NETWORK:
        return _tr("⚠ On the local network: {origin} is not a site on the internet. The "
                   "brand's request came from a file or pasted text, so the vault sends "
                   "nothing there and a share would not be delivered: fetch the request "
                   "from that address instead.")
    return None


_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+")
