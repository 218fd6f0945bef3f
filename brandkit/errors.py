"""Typed errors of the brand kit, and the RFC 8935 error code of every refusal.

Two families:

- Refusals of a message (a share token, a grant event, a request spec)
  are `zpd.errors.ProtocolError`s: zpd's own `TokenInvalid`, `EventInvalid`,
  `RequestInvalid`, or the subclasses below for what only the brand's records
  can tell. Each carries `reason` (a stable code), `detail` and `err`, the
  RFC 8935 section 2.3 code a receiver answers with in `{"err", "description"}`.
  A refused message changed nothing.
- Local problems (key files, the database) are `BrandKitError`s.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from zpd.errors import EventInvalid, ProtocolError, TokenInvalid

# The RFC 8935 code of every reason a token or event is refused for (refusals.py);
# anything not listed keeps its class's code (invalid_request, or invalid_key for KeyInvalid).
from .refusals import ACCESS_DENIED as ACCESS_DENIED
from .refusals import AUTHENTICATION_FAILED as AUTHENTICATION_FAILED
from .refusals import INVALID_AUDIENCE as INVALID_AUDIENCE
from .refusals import INVALID_ISSUER as INVALID_ISSUER
from .refusals import INVALID_KEY as INVALID_KEY
from .refusals import INVALID_REQUEST as INVALID_REQUEST
from .refusals import RFC8935_BY_REASON as RFC8935_BY_REASON


def rfc8935_code(error: ProtocolError) -> str:
    return RFC8935_BY_REASON.get(error.reason, type(error).err)


@contextmanager
def rfc8935_codes() -> Iterator[None]:
    """Give every ProtocolError raised inside the RFC 8935 code of its reason."""
    try:
        yield
    except ProtocolError as error:
        error.err = rfc8935_code(error)
        raise


def description(error: ProtocolError) -> str:
    """One line for `{"err": ..., "description": ...}` or a terminal."""
    return f"{error.reason}: {error.detail}" if error.detail else error.reason


class TokenRefused(TokenInvalid):
    """A valid, correctly signed share token the brand's records refuse."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.err = rfc8935_code(self)


class EventRefused(EventInvalid):
    """A grant event the brand's records refuse (unknown issuer, another's grant...)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.err = rfc8935_code(self)


class BrandKitError(Exception):
    """A local problem: key files, the receiver's database. Not the sender's fault."""


class KeysMissing(BrandKitError):
    def __init__(self, directory: Path, missing: list[str]) -> None:
        super().__init__(f"no brand keys in {directory} (missing {', '.join(missing)})")
        self.directory = directory
        self.missing = missing


class KeysDamaged(BrandKitError):
    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class KeysExist(BrandKitError):
    def __init__(self, directory: Path, present: list[str]) -> None:
        super().__init__(f"{directory} already holds keys ({', '.join(present)}); not overwritten")
        self.directory = directory
        self.present = present


class StorageError(BrandKitError):
    """The receiver's database is missing, not ours, or from a newer version."""
