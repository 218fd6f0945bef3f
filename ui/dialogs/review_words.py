"""Words of the share review: durations, offers, and why a share cannot be made.

Translatable (context "ShareReview"), built when called. Text that came from a
brand passes through `brand_text` before it is put in a sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from vault import errors
from zpd.catalogue import BY_KEY
from zpd.origin import AddressScope
from zpd.text import Flag, Reason

from .. import exchange_words as words
from .. import strings
from ..review_data import (
    EXPIRED,
    NO_VALUE,
    NOTHING_CHOSEN,
    REQUIRED_NO_VALUE,
    Review,
    readable_concept,
    show_value,
)
from ..widgets import brand_text

CONTEXT = "ShareReview"
SENTENCE_NAME = 40  # characters of a brand's name quoted inside a sentence


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def field_label(label: str) -> str:
    """A catalogue label in the person's language (the catalogue keeps English defaults)."""
    return QCoreApplication.translate("Catalogue", label)


def value_words(value: object, key: str = "") -> str:
    if isinstance(value, bool):
        return _tr("yes") if value else _tr("no")
    if key in BY_KEY:  # a catalogue field: its choices and numbers in the person's words
        return words.show_value(value, key)
    return show_value(value)  # type: ignore[arg-type]


def concept_words(iri: str) -> str:
    """A DPV concept's name in words, translated when the app knows the concept."""
    return QCoreApplication.translate("DpvConcepts", readable_concept(iri))


def in_sentence(name: str) -> str:
    """A brand's name inside a sentence: revealed, and shortened if long (the heading shows
    all of it)."""
    shown = brand_text(name)
    return shown if len(shown) <= SENTENCE_NAME else shown[: SENTENCE_NAME - 1] + "…"


def days(count: int) -> str:
    """A number of days, with months or years beside it when that reads better."""
    words = _tr("1 day") if count == 1 else _tr("{n} days").format(n=count)
    if count >= 730:
        about = _tr("about {n} years").format(n=round(count / 365.25))
    elif count >= 60:
        about = _tr("about {n} months").format(n=round(count / 30.44))
    else:
        return words
    return _tr("{days} ({about})").format(days=words, about=about)


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


def refusal(reason: str, keys: list[str], review: Review) -> str:
    """Why a share would be (or was) refused, from ShareRefused's reason and fields."""
    labels = ", ".join(field_label(review.field(k).label) if k in review.ask.keys else k
                       for k in keys)
    words = {
        EXPIRED: _tr("This request has expired. Ask {brand} for a new one."),
        REQUIRED_NO_VALUE: _tr("{brand} requires {fields}, which has no value in your vault. "
                               "Set it in My data, then come back to share."),
        NO_VALUE: _tr("{fields} no longer has a value in your vault. Untick it, or set it in "
                      "My data."),
        NOTHING_CHOSEN: _tr("Tick at least one field to share."),
        "required_left_out": _tr("{brand} requires {fields}: without it there is no share."),
        "not_asked": _tr("{fields} is not part of this request."),
        "duration": _tr("Choose between 1 and {days} days."),
    }
    text = words.get(reason, _tr("This share was refused ({reason})."))
    return text.format(brand=in_sentence(review.brand.name), fields=labels,
                       days=review.ask.duration_days, reason=reason)


def error_words(error: BaseException, review: Review | None) -> str:
    """A failure of loading or sharing, in words a person can act on."""
    if isinstance(error, errors.ShareRefused) and review is not None:
        return refusal(error.reason, error.fields, review)
    if isinstance(error, errors.UnknownAsk):
        return _tr("This brand no longer asks for this: its latest request has no such ask.")
    if isinstance(error, errors.VaultLocked):
        return _tr("The vault is locked. Unlock it and try again.")
    return strings.error_message(error)


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
