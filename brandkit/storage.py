"""What the receiver keeps, and the interface any storage backend implements.

The receiver does every check and write of one message inside one
`Storage.atomically()` call: a refused message rolls back and leaves nothing,
and a transaction the database could not serialise is run again.
`sqlstorage.SqliteStorage` is the default backend; `pgstorage.PostgresStorage`
is the same SQL over psycopg 3, for several workers on one database.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal, Protocol, TypeVar


class GrantState(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"
    EXPIRED = "expired"  # never stored: an active grant past its expiry reads as expired
    PAUSED = "paused"  # never stored as a status: an active grant with a paused_at reads so


MessageKind = Literal["token", "event"]
TOKEN: MessageKind = "token"
EVENT: MessageKind = "event"
MessageKey = tuple[MessageKind, str]  # a message's kind and jti

T = TypeVar("T")


@dataclass(frozen=True)
class IssuedRequest:
    """A data request the brand issued, kept exactly as signed."""

    sha256: str  # b64u SHA-256 of the JWS, the name tokens use for it
    jti: str
    jws: str
    iat: int
    exp: int
    registered_at: int


@dataclass(frozen=True)
class GrantRecord:
    """The highest version received of one grant, or what is left after its revocation.

    A grant revoked before any version of it arrived is a tombstone: version 0,
    no request, ask, purpose or data. It keeps a late token for it out.
    """

    grant_id: str
    pseudonym: str
    version: int
    status: GrantState  # ACTIVE or REVOKED
    received_at: int  # first version
    updated_at: int  # last change
    request_sha256: str | None = None
    ask_id: str | None = None
    purpose_iri: str | None = None
    purpose_description: str | None = None
    retention_days: int | None = None
    data: dict[str, Any] | None = None  # None once revoked
    token_jti: str | None = None  # of the version kept
    issued_at: int | None = None  # the token's iat
    expires_at: int | None = None  # the token's exp: the end of the grant
    revoked_at: int | None = None
    not_before: int | None = None  # the token's nbf: the start of the grant, in every version
    paused_at: int | None = None  # when the person paused it (the event's iat), until resumed
    encryption_kid: str | None = None  # the brand key its last version was encrypted to

    def status_at(self, now: int) -> GrantState:
        if (self.status is GrantState.ACTIVE and self.expires_at is not None
                and self.expires_at <= now):
            return GrantState.EXPIRED
        if self.status is GrantState.ACTIVE and self.paused_at is not None:
            return GrantState.PAUSED
        return self.status


@dataclass(frozen=True)
class Visit:
    """A per-visit request the brand signed for one page visit (PROTOCOL.md section 7).

    The request itself is an IssuedRequest (`request_sha256`); a grant given under it
    names it, and so the visit, in every version and after its revocation. `reference`
    is the brand's own opaque name for the visitor (a customer id, say), never sent.
    """

    visit_id: str  # random, URL-safe: the last segment of the request's address
    request_sha256: str
    request_jti: str
    ask_id: str | None  # the ask the share link opens, if one was named
    return_uri: str | None
    reference: str | None
    created_at: int
    expires_at: int  # the request's exp: after it, a visit with no grant is expired


@dataclass(frozen=True)
class SeenMessage:
    """A token or event already processed, with the receipt it got (for de-duplication)."""

    kind: MessageKind
    jti: str
    pseudonym: str
    digest: str  # b64u SHA-256 of the signed JWS (a token's inner JWS, or the SET)
    receipt: str
    received_at: int


# States of a webhook event for one subscriber.
PENDING = "pending"  # to be sent (again), at next_attempt_ms
DELIVERED = "delivered"  # the subscriber answered 2xx
FAILED = "failed"  # retried until the schedule ran out; `zpv-brand webhooks retry` resends
SUPERSEDED = "superseded"  # it carried the data, and the grant was paused or ended first
WEBHOOK_STATES = (PENDING, DELIVERED, FAILED, SUPERSEDED)


@dataclass(frozen=True)
class WebhookEvent:
    """One event for one subscriber, in the outbox (zpd_webhooks)."""

    event_id: str  # webhook-id: the same on every attempt
    subscriber: str
    type: str  # subscribers.EVENT_TYPES
    grant_id: str
    message_jti: str | None  # the token or grant event that caused it (none for an expiry)
    created_at: int
    state: str = PENDING
    attempts: int = 0
    next_attempt_ms: int = 0
    last_status: int | None = None  # the HTTP status of the last attempt, if one came back
    last_error: str | None = None
    done_at: int | None = None  # delivered, failed or superseded at
    seq: int = 0  # order of creation (set by the database)


@dataclass(frozen=True)
class Deletion:
    """Whether one downstream system confirmed the deletion of one revoked grant."""

    event_id: str  # of the grant.revoked event sent to it
    revocation_jti: str  # the person's revocation event
    grant_id: str
    subscriber: str
    status: str  # "pending", "deleted" or "failed"
    deadline: int
    at: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Keys:
    """The people and grants a write works on. Where writers are not serialised by the
    database itself (PostgreSQL, several workers), a transaction given its keys locks them
    before it reads anything, and sees what was committed before it got them: every
    person's first, then every grant's, each kind in one order, so that two transactions
    wanting the same keys wait for each other rather than deadlock."""

    pseudonyms: frozenset[str] = frozenset()
    grants: frozenset[str] = frozenset()

    @staticmethod
    def of(pseudonym: str, grant_id: str) -> Keys:
        return Keys(frozenset((pseudonym,)), frozenset((grant_id,)))

    def __or__(self, other: Keys) -> Keys:
        return Keys(self.pseudonyms | other.pseudonyms, self.grants | other.grants)


class Transaction(Protocol):
    """Reads and writes inside one transaction; see Storage.transaction."""

    writes: int  # statements that could have changed something, so far

    def prefetch(self, keys: Keys, messages: Collection[MessageKey] = ()) -> None:
        """Read at once what writes on `keys` and `messages` read one by one (each person's
        pinned key and count of grants, each grant, each message answered); those reads
        are then answered from memory until a write changes what they read."""
        ...

    def issued_request(self, sha256: str) -> IssuedRequest | None: ...

    def add_issued_request(self, request: IssuedRequest) -> bool:
        """Record a request; False (and no change) if one with that sha256 is already there."""
        ...

    def issued_requests(self) -> list[IssuedRequest]: ...

    def pinned_key(self, pseudonym: str) -> dict[str, Any] | None: ...

    def pin_key(self, pseudonym: str, jwk: dict[str, Any], now: int) -> None: ...

    def first_seen(self, pseudonym: str) -> int | None: ...

    def grant(self, grant_id: str) -> GrantRecord | None:
        """The grant, locked against concurrent writers until the transaction ends."""
        ...

    def put_grant(self, grant: GrantRecord, *, new: bool = False) -> None:
        """Insert the grant, or replace the stored row with the same grant_id; a `new` one
        (none was found) is only inserted: one stored meanwhile by a writer that did not
        take the keys (a worker of an earlier release) makes it fail, to be run again."""
        ...

    def pause_grant(self, grant_id: str, paused_at: int | None, now: int) -> None:
        """Mark the grant paused since `paused_at`, or (None) active again; its data is kept."""
        ...

    def revoke_grant(self, grant_id: str, revoked_at: int) -> None:
        """Erase the grant's data and mark it revoked at `revoked_at`."""
        ...

    def seen_message(self, kind: MessageKind, jti: str) -> SeenMessage | None: ...

    def remember(self, message: SeenMessage) -> None: ...

    def replace_receipt(self, kind: MessageKind, jti: str, receipt: str) -> None:
        """Keep `receipt` as the latest for the message (a later, final one)."""
        ...

    def latest_receipt(self, jti: str) -> str | None: ...

    def add_webhook(self, event: WebhookEvent) -> None: ...

    def add_deletion(self, deletion: Deletion) -> None: ...

    def deletions_of(self, revocation_jti: str) -> list[Deletion]:
        """The downstream deletions of one revocation, locked until the transaction ends."""
        ...

    def deletion(self, event_id: str) -> Deletion | None: ...

    def set_deletion(self, event_id: str, status: str, at: int, note: str | None) -> None: ...

    def overdue_deletions(self, now: int, limit: int) -> list[Deletion]:
        """Deletions still pending past their deadline (rows other workers hold skipped)."""
        ...

    def pseudonyms(self, *, limit: int, after: str | None = None) -> list[str]:
        """Known pseudonyms in order, `limit` at a time after `after` (keyset paging)."""
        ...

    def recent_pseudonyms(self, *, limit: int, offset: int = 0) -> list[str]:
        """At most `limit` pseudonyms, the one whose grants changed last first, `offset` skipped."""
        ...

    def count_pseudonyms(self) -> int: ...

    def grants_of(self, pseudonym: str, *, last: int | None = None) -> list[GrantRecord]:
        """The pseudonym's grants in the order received; with `last`, only the last ones."""
        ...

    def count_grants(self, pseudonym: str) -> int: ...

    def add_visit(self, visit: Visit) -> None:
        """Record a visit; its request must be recorded first (add_issued_request)."""
        ...

    def visit(self, visit_id: str) -> Visit | None: ...

    def grants_for_request(self, jti: str) -> list[GrantRecord]:
        """The grants given under the issued request(s) with this `jti`, in the order received."""
        ...

    def references_of(self, pseudonym: str) -> dict[str, str]:
        """grant id -> the brand's reference of the visit each grant was given in, if any."""
        ...

    def reference_of_request(self, sha256: str) -> str | None:
        """The brand's reference of the visit whose request this is, if it recorded one."""
        ...


class Storage(Protocol):
    def transaction(
        self, *, write: bool = True, keys: Keys | None = None,
    ) -> AbstractContextManager[Transaction]:
        """One transaction: committed when the block ends, rolled back if it raises.

        With `write`, writers are serialised from the start (no lost update
        between reading a grant's version and replacing it): by the database, or, for a
        write given its `keys`, by locking them first (see `Keys`); such a write must
        touch no person's or grant's rows but those of its keys.
        """
        ...

    def atomically(
        self, work: Callable[[Transaction], T], *, write: bool = True, keys: Keys | None = None,
    ) -> T:
        """`work(transaction)` in one transaction, as `transaction()` runs it; its result.

        If the database could not serialise the transaction against a concurrent
        one (another worker on the same database), it is rolled back and `work`
        runs again, a few times: `work` must only read and write through the
        transaction. Any other exception rolls back and propagates.
        """
        ...

    def close(self) -> None: ...
