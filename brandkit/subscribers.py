"""`--webhooks FILE`: the brand's systems that hear about grants, read and checked at start.

    {"subscribers": [{"name": "crm", "url": "https://crm.internal.example/hooks/zpd",
                      "secret": "whsec_...", "events": ["grant.stored", "grant.revoked"],
                      "confirms_deletion": true}]}

- `name`: 1-64 of `[A-Za-z0-9_.-]`, unique; it is what a person's deletion receipt
  calls the system (`ack.downstream[].system`), so choose one you are happy to show.
- `url`: https, or http to a loopback host only; no user info, no fragment.
- `secret`: a Standard Webhooks secret, `whsec_` and the base64 of 24 to 64 random bytes.
- `events`: a non-empty list of EVENT_TYPES, or `["*"]` for all of them.
- `confirms_deletion` (default false): the system holds the data and must confirm its
  deletion; it needs `grant.revoked` among its events.
- `ack_token` (optional): the bearer token with which it may confirm a deletion later at
  `POST /zpd/deletions/<event id>/ack`; at least 32 characters of `[A-Za-z0-9_-]`.
- `timeout` (default 10): seconds connecting may take, and then the exchange (1-60).
- `concurrency` (default 4): deliveries in flight to it at once (1-32).

Anything else is a `WebhookConfigError` naming the subscriber and the member, raised
when the file is read, before the receiver takes a message.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from zpd.origin import is_loopback_host

from .errors import BrandKitError

GRANT_STORED = "grant.stored"
GRANT_UPDATED = "grant.updated"
GRANT_REVOKED = "grant.revoked"
GRANT_EXPIRED = "grant.expired"
GRANT_PAUSED = "grant.paused"
GRANT_RESUMED = "grant.resumed"
EVENT_TYPES = (GRANT_STORED, GRANT_UPDATED, GRANT_REVOKED, GRANT_EXPIRED, GRANT_PAUSED,
               GRANT_RESUMED)
WITH_VALUES = frozenset({GRANT_STORED, GRANT_UPDATED, GRANT_RESUMED})  # carry the data

SECRET_PREFIX = "whsec_"
MAX_FILE_BYTES = 256 * 1024
MAX_SUBSCRIBERS = 100  # a receipt lists at most 100 downstream systems
NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")
ACK_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,256}")
KNOWN_MEMBERS = {"name", "url", "secret", "events", "confirms_deletion", "ack_token", "timeout",
                 "concurrency"}


class WebhookConfigError(BrandKitError):
    """The webhooks file cannot be used; says which subscriber and member, and why."""


@dataclass(frozen=True)
class Subscriber:
    name: str
    url: str
    secret: bytes  # the key the `whsec_` secret encodes
    events: frozenset[str]
    confirms_deletion: bool = False
    ack_token: str | None = None
    timeout: float = 10.0
    concurrency: int = 4

    def wants(self, event_type: str) -> bool:
        return event_type in self.events

    @property
    def confirms_later(self) -> bool:
        """It may answer a grant.revoked 202 and confirm at the ack endpoint later: it has
        the token to. One without confirms with any 2xx, 202 included."""
        return self.confirms_deletion and self.ack_token is not None

    def __repr__(self) -> str:  # never the secret or the token, in a log or a traceback
        return f"Subscriber({self.name!r}, {self.url!r})"


@dataclass(frozen=True)
class Subscribers:
    all: tuple[Subscriber, ...]

    def __iter__(self) -> Iterator[Subscriber]:
        return iter(self.all)

    def __len__(self) -> int:
        return len(self.all)

    def named(self, name: str) -> Subscriber | None:
        return next((s for s in self.all if s.name == name), None)

    def wanting(self, event_type: str) -> list[Subscriber]:
        return [s for s in self.all if s.wants(event_type)]

    def confirming(self) -> list[Subscriber]:
        return [s for s in self.all if s.confirms_deletion]


NONE = Subscribers(())


def load_subscribers(path: Path) -> Subscribers:
    """Read and check a webhooks file; WebhookConfigError if anything in it is wrong."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise WebhookConfigError(f"cannot read {path}: {exc.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise WebhookConfigError(f"{path}: more than {MAX_FILE_BYTES} bytes")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise WebhookConfigError(f"{path}: not JSON ({exc})") from None
    try:
        return parse_subscribers(document)
    except WebhookConfigError as exc:
        raise WebhookConfigError(f"{path}: {exc}") from None


def parse_subscribers(document: object) -> Subscribers:
    if not isinstance(document, dict) or set(document) != {"subscribers"}:
        raise WebhookConfigError('the file is one object with one member, "subscribers"')
    entries = document["subscribers"]
    if not isinstance(entries, list) or len(entries) > MAX_SUBSCRIBERS:
        raise WebhookConfigError(f'"subscribers" is a list of at most {MAX_SUBSCRIBERS}')
    subscribers = [_subscriber(entry, index) for index, entry in enumerate(entries)]
    names = [s.name for s in subscribers]
    for name in names:
        if names.count(name) > 1:
            raise WebhookConfigError(f"subscriber {name!r}: the name is used twice")
    return Subscribers(tuple(subscribers))


def _subscriber(entry: object, index: int) -> Subscriber:
    if not isinstance(entry, dict):
        raise WebhookConfigError(f"subscriber {index + 1}: not an object")
    name = entry.get("name")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise WebhookConfigError(
            f"subscriber {index + 1}: name must be 1-64 of letters, digits, _ . -"
        )

    def fail(member: str, problem: str) -> WebhookConfigError:
        return WebhookConfigError(f"subscriber {name!r}: {member} {problem}")

    unknown = sorted(set(entry) - KNOWN_MEMBERS)
    if unknown:
        raise fail(unknown[0], "is not a member a subscriber has")
    confirms = entry.get("confirms_deletion", False)
    if not isinstance(confirms, bool):
        raise fail("confirms_deletion", "must be true or false")
    events = _events(entry.get("events"), fail)
    if confirms and GRANT_REVOKED not in events:
        raise fail("events", f"must include {GRANT_REVOKED} when it confirms deletion")
    ack_token = entry.get("ack_token")
    if ack_token is not None and (not isinstance(ack_token, str)
                                  or not ACK_TOKEN.fullmatch(ack_token)):
        raise fail("ack_token", "must be 32 to 256 of letters, digits, _ and -")
    return Subscriber(
        name=name,
        url=_url(entry.get("url"), fail),
        secret=_secret(entry.get("secret"), fail),
        events=events,
        confirms_deletion=confirms,
        ack_token=ack_token,
        timeout=float(_number(entry.get("timeout", 10), 1, 60, "timeout", fail)),
        concurrency=int(_number(entry.get("concurrency", 4), 1, 32, "concurrency", fail,
                                integer=True)),
    )


def _url(value: object, fail: Any) -> str:
    if not isinstance(value, str) or len(value) > 2000:
        raise fail("url", "must be a URL of at most 2000 characters")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise fail("url", f"is malformed ({exc})") from None
    del port
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise fail("url", "must be an https URL with a host")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise fail("url", "may be plain http only to a loopback host (127.0.0.1, ::1)")
    if parts.username is not None or parts.password is not None:
        raise fail("url", "must not carry user info: the secret signs each delivery")
    if parts.fragment:
        raise fail("url", "must not have a fragment")
    return value


def _secret(value: object, fail: Any) -> bytes:
    if not isinstance(value, str) or not value.startswith(SECRET_PREFIX):
        raise fail("secret", f"must be a Standard Webhooks secret, {SECRET_PREFIX}<base64>")
    try:
        key = base64.b64decode(value[len(SECRET_PREFIX):], validate=True)
    except (binascii.Error, ValueError):
        raise fail("secret", "is not base64 after whsec_") from None
    if not 24 <= len(key) <= 64:
        raise fail("secret", "must encode 24 to 64 random bytes")
    return key


def _events(value: object, fail: Any) -> frozenset[str]:
    if value == ["*"]:
        return frozenset(EVENT_TYPES)
    if not isinstance(value, list) or not value:
        raise fail("events", 'must be a non-empty list of event types, or ["*"]')
    for item in value:
        if item not in EVENT_TYPES:
            raise fail("events", f"names {item!r}, not one of {', '.join(EVENT_TYPES)}")
    return frozenset(value)


def _number(value: object, low: float, high: float, member: str, fail: Any, *,
            integer: bool = False) -> float:
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if number is None or (integer and not isinstance(number, int)) or not low <= number <= high:
        raise fail(member, f"must be a {'whole ' if integer else ''}number from {low:g} to "
                   f"{high:g}")
    return float(number)


def new_secret() -> str:
    """A fresh `whsec_` secret (32 random bytes), for a subscriber's configuration."""
    import secrets

    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def names(subscribers: Iterable[Subscriber]) -> list[str]:
    return [s.name for s in subscribers]
