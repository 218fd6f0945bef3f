"""Typed protocol errors. `reason` is a stable code; `err` is the RFC 8935 error code."""

from __future__ import annotations


class ProtocolError(Exception):
    """A message that does not follow the protocol. Nothing was changed by it."""

    err = "invalid_request"  # RFC 8935 section 2.3 error code

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class InvalidValue(ProtocolError):
    """A value does not fit its field; `reason` is a short code, `detail` the specifics."""

    def __init__(self, key: str, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.key = key

    def __str__(self) -> str:
        return f"{self.key}: {self.reason}" + (f" ({self.detail})" if self.detail else "")


class RequestInvalid(ProtocolError):
    """A data request (or a brand's request spec) is malformed, forged or expired."""


class TokenInvalid(ProtocolError):
    """A share token cannot be decrypted, or its signature or claims do not hold."""


class EventInvalid(ProtocolError):
    """A revocation event's signature or claims do not hold."""


class ReceiptInvalid(ProtocolError):
    """A brand's receipt is malformed or not signed by the brand's pinned key."""


class KeyInvalid(ProtocolError):
    """A JWK is malformed or not of the kind the protocol uses."""

    err = "invalid_key"
