"""The header fields of one mail message that a leak check reads, from raw header bytes.

Parsing never raises: a field that cannot be read is left empty, because a mailbox holds
whatever anyone sent."""

from __future__ import annotations

import datetime
import email.parser
import email.policy
import email.utils
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.message import Message

# Fields naming who a message was for: the visible ones, and those the delivering server
# adds with the envelope recipient (a catch-all domain's alias often shows only there).
RECIPIENT_FIELDS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To",
                    "X-Envelope-To", "X-Delivered-To")
# What a scan fetches of each message (BODY.PEEK[HEADER.FIELDS (...)]): nothing else.
SCAN_FIELDS = ("From", "Sender", "Date", "Message-ID", "Subject", "Authentication-Results",
               *RECIPIENT_FIELDS)
MAX_TEXT = 300


@dataclass(frozen=True)
class MessageHeaders:
    from_address: str  # lower case; "" when there is none that reads as an address
    recipients: frozenset[str]  # lower case addresses
    authentication_results: tuple[str, ...]  # top first
    date: int | None  # seconds since the epoch, from the Date field
    message_id: str
    subject: str


def read_headers(raw: bytes) -> MessageHeaders:
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(
        raw, headersonly=True
    )
    return MessageHeaders(
        from_address=_first_address(message, "From"),
        recipients=frozenset(_addresses(message, RECIPIENT_FIELDS)),
        authentication_results=tuple(
            _unfold(v) for v in message.get_all("Authentication-Results", [])
        ),
        date=_date(message.get("Date")),
        message_id=_unfold(message.get("Message-ID", ""))[:MAX_TEXT],
        subject=_decoded(message.get("Subject", ""))[:MAX_TEXT],
    )


def _unfold(value: object) -> str:
    text = str(value) if value is not None else ""
    return " ".join(text.split())


def _addresses(message: Message, names: tuple[str, ...]) -> list[str]:
    values = [_unfold(v) for name in names for v in message.get_all(name, [])]
    found = []
    for _, address in email.utils.getaddresses(values):
        address = address.strip().lower()
        if "@" in address and not any(c.isspace() for c in address):
            found.append(address)
    return found


def _first_address(message: Message, name: str) -> str:
    found = _addresses(message, (name,))
    return found[0] if found else ""


def _date(value: object) -> int | None:
    if value is None:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(_unfold(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:  # "-0000": UTC, the sender's own zone unknown (RFC 5322 3.3)
        parsed = parsed.replace(tzinfo=datetime.UTC)
    try:
        return int(parsed.timestamp())
    except (OverflowError, OSError, ValueError):
        return None


def _decoded(value: object) -> str:
    text = _unfold(value)
    try:
        return str(make_header(decode_header(text)))
    except (UnicodeError, LookupError, ValueError, email.errors.HeaderParseError):
        return text
