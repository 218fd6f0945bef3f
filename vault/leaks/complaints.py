"""Complaint drafts for a leak, in the app's language: one to the brand's data protection
officer (the contact its signed request gives), one to a data protection authority (GDPR
Art. 77; vault/leaks/authorities.py). A draft is text for the person to read, edit and send
themselves: nothing here sends anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from urllib.parse import unquote, urlsplit

from ..errors import VaultError
from .authorities import Authority
from .complaint_words import LANGUAGES, Words

DEFAULT_LANGUAGE = "en"


class ComplaintProblem(StrEnum):
    LANGUAGE = "language"  # no words for that language


class ComplaintError(VaultError):
    def __init__(self, reason: ComplaintProblem) -> None:
        super().__init__(str(reason))
        self.reason = reason


@dataclass(frozen=True)
class LeakFacts:
    brand_name: str
    brand_origin: str
    brand_contact: str  # the request's brand.contact: a mailto: or https: URI
    alias: str
    given_at: int
    grant_id: str
    purpose: str
    sender_domain: str  # the authenticated sender; "" when nothing was authenticated
    from_address: str
    received_at: int | None
    pack_sha256: str
    signature: str = ""  # the person's name; a placeholder when empty


@dataclass(frozen=True)
class Draft:
    recipient: str  # an e-mail address, or the page of a web form
    subject: str
    body: str
    links: tuple[str, ...] = ()  # where to check the recipient's details, or to send it


def to_brand(facts: LeakFacts, language: str = DEFAULT_LANGUAGE) -> Draft:
    words = _words(language)
    return Draft(_contact_address(facts.brand_contact),
                 words.brand_subject.format(brand=_line(facts.brand_name)),
                 words.brand_body.format(**_fields(facts, words)),
                 (facts.brand_contact,) if facts.brand_contact else ())


def to_authority(facts: LeakFacts, authority: Authority,
                 language: str = DEFAULT_LANGUAGE) -> Draft:
    words = _words(language)
    recipient = authority.complaint_form or authority.email or authority.website
    links = tuple(link for link in (authority.complaint_form, authority.website) if link)
    return Draft(recipient, words.authority_subject.format(brand=_line(facts.brand_name)),
                 words.authority_body.format(authority=authority.local_name,
                                             **_fields(facts, words)),
                 links)


def _words(language: str) -> Words:
    words = LANGUAGES.get(language)
    if words is None:
        raise ComplaintError(ComplaintProblem.LANGUAGE)
    return words


def _fields(facts: LeakFacts, words: Words) -> dict[str, str]:
    return {
        "brand": _line(facts.brand_name), "origin": facts.brand_origin, "alias": facts.alias,
        "given": _date(facts.given_at, words), "grant": facts.grant_id,
        "purpose": _line(facts.purpose),
        "received": _date(facts.received_at, words),
        "sender": facts.sender_domain or words.unauthenticated,
        "from_address": _line(facts.from_address), "pack_sha256": facts.pack_sha256,
        "signature": _line(facts.signature) or words.signature_placeholder,
    }


def _date(seconds: int | None, words: Words) -> str:
    if seconds is None:
        return words.unknown_date
    day = datetime.fromtimestamp(seconds, UTC)
    return f"{day.day} {words.months[day.month - 1]} {day.year}"


def _line(text: str) -> str:
    """Brand text on one line: no line breaks or controls that could forge a letter's
    layout (a name that starts a new paragraph of its own)."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())[:300]


def _contact_address(contact: str) -> str:
    """The address of a mailto: contact; otherwise the contact as given (a web page)."""
    parts = urlsplit(contact)
    if parts.scheme.lower() == "mailto":
        return unquote(parts.path)
    return contact
