"""The receiver's transaction over one SQL connection, in SQL that SQLite and PostgreSQL
both take (`?` placeholders that a `Dialect` rewrites; TEXT, BIGINT). Its queries live in
mixins, one module per subject: `sqlgrants` (requests, pseudonyms, grants and their
values, answered messages), `sqlvisits` (per-visit requests), `sqlwebhooks` (the webhook
outbox and downstream deletions), and `sqlprefetch` over the first and the last (what a
batch of tokens reads, read at once)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .sqlgrants import RECENT_BATCH as RECENT_BATCH
from .sqlprefetch import KnownRows, PrefetchingQueries
from .sqlvisits import VisitQueries
from .storage import Keys


class Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """The part of a DB-API 2.0 connection used here."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Dialect:
    name: str
    begin_write: str  # begins a transaction that serialises writers
    begin_read: str  # begins a transaction that reads one consistent state
    placeholder: str  # "?" (qmark) or "%s" (format)
    lock_rows: str  # appended to a SELECT of a row about to be replaced
    begin_schema: str = "BEGIN IMMEDIATE"  # begins the transaction that creates the schema
    schema_lock: str = ""  # run first in it, so concurrent first uses create it once
    begin_queue: str = "BEGIN IMMEDIATE"  # the outbox's bookkeeping (SqlStorage.in_queue)
    skip_locked: str = ""  # appended to a SELECT that claims rows other workers may claim
    partition_of: str = ""  # names the partition of zpd_grant_values holding a grant's values
    begin_keyed: str = "BEGIN IMMEDIATE"  # begins a write that locks its keys (storage.Keys)
    lock_keys: str = ""  # locks the keys' numbers, in the order given, for the transaction

    def sql(self, query: str) -> str:
        return query if self.placeholder == "?" else query.replace("?", self.placeholder)


SQLITE_DIALECT = Dialect("sqlite", "BEGIN IMMEDIATE", "BEGIN", "?", "")
# Writers are SERIALIZABLE: two workers handling the same jti or grant at once cannot
# both act on what they read; one fails to serialise and is run again
# (SqlStorage.atomically). Tokens and grant events instead lock their people and grants
# first (advisory locks) and run READ COMMITTED: under SERIALIZABLE, two workers storing
# different people's tokens failed to serialise in one transaction in ten (their reads of
# absent keys lock whole index pages), and one worker stored 25% fewer tokens a second.
# The schema is created under READ COMMITTED behind an advisory lock, so a worker that
# waited for another's creation sees its tables.
POSTGRES_DIALECT = Dialect(
    "postgresql", "BEGIN ISOLATION LEVEL SERIALIZABLE",
    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "%s", " FOR UPDATE",
    begin_schema="BEGIN ISOLATION LEVEL READ COMMITTED",
    schema_lock="SELECT pg_advisory_xact_lock(7225600281)",  # any constant, the same everywhere
    begin_queue="BEGIN ISOLATION LEVEL READ COMMITTED",
    skip_locked=" FOR UPDATE SKIP LOCKED",
    partition_of="SELECT tableoid::regclass::text FROM zpd_grant_values WHERE grant_id = ?",
    begin_keyed="BEGIN ISOLATION LEVEL READ COMMITTED",
    # unnest yields the array's elements in order, and each is locked as it comes.
    lock_keys="SELECT pg_advisory_xact_lock(k) FROM unnest(?::bigint[]) AS k",
)


def lock_order(keys: Keys) -> list[int]:
    """The keys' lock numbers: every person's, then every grant's, each kind in order."""
    return (sorted({_lock_number("person", p) for p in keys.pseudonyms})
            + sorted({_lock_number("grant", g) for g in keys.grants}))


def _lock_number(kind: str, key: str) -> int:
    # surrogatepass: a key no database would store still gets its number (and its message
    # its own refusal), rather than failing the batch it came in
    digest = hashlib.blake2b(f"zpd-{kind}:{key}".encode("utf-8", "surrogatepass"),
                             digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class SqlTransaction(PrefetchingQueries, VisitQueries):
    """storage.Transaction over one SQL connection."""

    def __init__(self, connection: Connection, dialect: Dialect) -> None:
        self._connection = connection
        self._dialect = dialect
        self.erased = False  # grant data was erased in this transaction
        self.rewrite: set[str] = set()  # tables whose files to rewrite after it (PostgreSQL)
        self.writes = 0
        self.known: KnownRows | None = None  # rows prefetched (sqlprefetch)
        self.precise = False

    def execute(self, query: str, *parameters: Any) -> Cursor:
        """Run `query`. `writes` counts it if it is not a SELECT, or if it fails (on
        PostgreSQL a failed statement leaves the transaction unable to commit)."""
        if not query.startswith("SELECT"):
            self.writes += 1
            if not self.precise:  # a write that does not say what it changes
                self.known = None
        try:
            return self._connection.execute(self._dialect.sql(query), parameters)
        except BaseException:
            self.writes += 1
            raise

    def lock(self, keys: Keys) -> None:
        """Hold `keys` until the transaction ends (where the dialect needs it)."""
        if self._dialect.lock_keys:
            self.execute(self._dialect.lock_keys, lock_order(keys))
