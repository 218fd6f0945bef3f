"""Typed reads of JSON members, each failing with a precise protocol error and path."""

from __future__ import annotations

from typing import Any

from .errors import ProtocolError

MAX_TEXT = 2000
# How far ahead of the receiver's clock a sender's may be (iat, nbf), and how long after exp a
# message is still taken: the same 60 seconds for every message, on both sides.
CLOCK_SKEW = 60


class Reader:
    """Reads members of one JSON object; errors name the member's path (`asks[0].id`)."""

    def __init__(self, data: object, path: str, error: type[ProtocolError]) -> None:
        if not isinstance(data, dict):
            raise error("bad_member", f"{path or 'document'} must be a JSON object")
        self.data: dict[str, Any] = data
        self.path = path
        self.error = error

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, what: str) -> ProtocolError:
        return self.error("bad_member", f"{self.where(key)} {what}")

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, *, max_length: int = MAX_TEXT, optional: bool = False) -> str:
        value = self.data.get(key)
        if value is None and optional:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be a non-empty string")
        if len(value) > max_length:
            raise self.fail(key, f"must be at most {max_length} characters")
        return value

    def integer(self, key: str, *, minimum: int = 0, maximum: int = 2**53) -> int:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, "must be an integer")
        if not minimum <= value <= maximum:
            raise self.fail(key, f"must be between {minimum} and {maximum}")
        return value

    def boolean(self, key: str) -> bool:
        value = self.data.get(key)
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def obj(self, key: str) -> Reader:
        return Reader(self.data.get(key), self.where(key), self.error)

    def items(self, key: str, *, max_items: int, min_items: int = 1) -> list[Reader]:
        value = self.data.get(key)
        if not isinstance(value, list):
            raise self.fail(key, "must be a list")
        if not min_items <= len(value) <= max_items:
            raise self.fail(key, f"must hold {min_items} to {max_items} items")
        return [Reader(v, f"{self.where(key)}[{i}]", self.error) for i, v in enumerate(value)]

    def raw(self, key: str) -> Any:
        return self.data.get(key)


def not_issued_later(iat: int, now: int, error: type[ProtocolError]) -> None:
    """`iat` may be ahead of `now` by CLOCK_SKEW seconds at most."""
    if iat > now + CLOCK_SKEW:
        raise error("not_yet_valid", f"iat is {iat - now} s ahead of this clock "
                    f"(at most {CLOCK_SKEW} s are allowed)")


def single_audience(aud: object, error: type[ProtocolError]) -> str:
    """`aud` as the protocol writes it, a string, or an array of exactly one string
    (RFC 7519 4.1.3 allows an array; one element means the same as the string alone)."""
    if isinstance(aud, list) and len(aud) == 1:
        aud = aud[0]
    if not isinstance(aud, str) or not aud:
        raise error("wrong_audience", "aud must be a string, or an array of one string")
    return aud
