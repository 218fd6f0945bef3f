"""SQL storage for the receiver: portable SQL, a thin dialect, SQLite by default.

Queries are written once with `?` placeholders and plain types (TEXT, BIGINT)
that SQLite and PostgreSQL both take (`sqltransaction`); a `Dialect` supplies
what differs. The PostgreSQL backend (`pgstorage.PostgresStorage`) is
`SqlStorage` with `POSTGRES_DIALECT` over a psycopg connection in autocommit
mode, since transactions are begun and ended here, explicitly.
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TypeVar

from .errors import StorageError
from .sqlschema import MIGRATIONS, SCHEMA, statements
from .sqlschema import SCHEMA_VERSION as SCHEMA_VERSION
from .sqltransaction import POSTGRES_DIALECT as POSTGRES_DIALECT
from .sqltransaction import RECENT_BATCH as RECENT_BATCH
from .sqltransaction import SQLITE_DIALECT as SQLITE_DIALECT
from .sqltransaction import Connection, Cursor, Dialect
from .sqltransaction import SqlTransaction as SqlTransaction
from .storage import Keys

MEMORY = ":memory:"
ATTEMPTS = 5  # runs of a transaction the database could not serialise, at most

T = TypeVar("T")


class SqlStorage:
    """storage.Storage over one DB-API connection that is in autocommit mode.

    One transaction at a time per instance (a lock), so one instance can serve
    a threaded web server; run several processes for more. `retries` counts
    the transactions run again because the database could not serialise them.
    """

    def __init__(
        self, connection: Connection, dialect: Dialect, *, create: bool = True,
        attempts: int = ATTEMPTS,
    ) -> None:
        self._connection = connection
        self._dialect = dialect
        self._lock = threading.RLock()
        self.attempts = attempts
        self.retries = 0
        self._prepare(create)

    @contextmanager
    def _transaction(self, begin: str, keys: Keys | None = None) -> Iterator[SqlTransaction]:
        with self._lock:
            self._ensure_connection()
            dialect = self._dialect
            self._connection.execute(begin)
            transaction = SqlTransaction(self._connection, dialect)
            try:
                if keys is not None:
                    transaction.lock(keys)
                yield transaction
                self._committed(self._connection.execute("COMMIT"))
            except BaseException:
                self._rollback()
                raise
            if transaction.erased:
                self._after_erase(transaction.rewrite)

    def transaction(
        self, *, write: bool = True, keys: Keys | None = None,
    ) -> AbstractContextManager[SqlTransaction]:
        return self._transaction(self._begin(write, keys), keys)

    def atomically(
        self, work: Callable[[SqlTransaction], T], *, write: bool = True,
        keys: Keys | None = None,
    ) -> T:
        return self._atomically(work, self._begin(write, keys), keys)

    def _atomically(
        self, work: Callable[[SqlTransaction], T], begin: str, keys: Keys | None = None,
    ) -> T:
        attempt = 1
        while True:
            try:
                with self._transaction(begin, keys) as transaction:
                    return work(transaction)
            except Exception as exc:
                if attempt >= self.attempts or not self._retryable(exc):
                    raise
            self.retries += 1
            time.sleep(random.uniform(0, 0.005 * 2**attempt))  # jitter: let the other one finish
            attempt += 1

    def in_queue(self, work: Callable[[SqlTransaction], T]) -> T:
        """`work` in a transaction for the webhook outbox's bookkeeping: on PostgreSQL READ
        COMMITTED, where rows are claimed with SKIP LOCKED and settled under row locks (a
        queue taken by many workers would mostly fail to serialise); on SQLite, as any
        write."""
        return self._atomically(work, self._dialect.begin_queue)

    def _begin(self, write: bool, keys: Keys | None = None) -> str:
        if not write:
            return self._dialect.begin_read
        return self._dialect.begin_write if keys is None else self._dialect.begin_keyed

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def _rollback(self) -> None:
        try:
            self._connection.execute("ROLLBACK")
        except Exception:  # nothing to roll back: a failed COMMIT may already have
            pass

    def _after_erase(self, tables: set[str]) -> None:
        """Hook: make erased data unrecoverable from the database's files, if needed
        (`tables`: those named to be rewritten)."""

    def _committed(self, cursor: Cursor) -> None:
        """Hook: raise if the database rolled the transaction back instead of committing."""

    def _retryable(self, error: Exception) -> bool:
        """Hook: whether running the transaction again may succeed (a serialisation failure)."""
        return False

    def _ensure_connection(self) -> None:
        """Hook: reconnect if the connection was lost."""

    def _prepare(self, create: bool) -> None:
        if create:
            self._atomically(self._create_schema, self._dialect.begin_schema)
        else:
            self._atomically(self._check_schema, self._dialect.begin_read)

    def _create_schema(self, transaction: SqlTransaction) -> None:
        if self._dialect.schema_lock:
            transaction.execute(self._dialect.schema_lock)
        for statement in statements(SCHEMA, self._dialect.name):
            transaction.execute(statement)
        self._check_schema(transaction, create=True)

    def _check_schema(self, transaction: SqlTransaction, create: bool = False) -> None:
        try:
            row = transaction.execute(
                "SELECT value FROM zpd_meta WHERE key = 'schema_version'"
            ).fetchone()
        except Exception as exc:  # the DB-API's own error types differ per driver
            raise StorageError(f"not a brandkit receiver database ({exc})") from None
        if row is None and create:
            transaction.execute(
                "INSERT INTO zpd_meta (key, value) VALUES ('schema_version', ?)",
                str(SCHEMA_VERSION),
            )
        elif row is None:
            raise StorageError("not a brandkit receiver database (no schema version)")
        elif row[0] != str(SCHEMA_VERSION):
            self._migrate(transaction, str(row[0]), create)

    def _migrate(self, transaction: SqlTransaction, found: str, create: bool) -> None:
        version = int(found) if found.isdigit() else 0
        if not 1 <= version < SCHEMA_VERSION:
            raise StorageError(
                f"receiver database schema {found} is not {SCHEMA_VERSION}; update brandkit"
            )
        if not create:
            raise StorageError(
                f"receiver database schema {found} is older than {SCHEMA_VERSION}: open it "
                "once with `zpv-brand serve` (or any receiver) to upgrade it"
            )
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in statements(MIGRATIONS[step], self._dialect.name):
                transaction.execute(statement)
            if step == 4:  # grant values moved to their own table: out of the old one's files
                transaction.erased = True
                transaction.rewrite.add("zpd_grants")
        transaction.execute(
            "UPDATE zpd_meta SET value = ? WHERE key = 'schema_version'", str(SCHEMA_VERSION)
        )


class SqliteStorage(SqlStorage):
    """The default backend: one SQLite file (created mode 0600), or ":memory:".

    WAL, synchronous FULL, foreign keys on, secure_delete on; after a
    transaction that erased grant data the WAL is checkpointed, so the old
    pages leave the log as well as the database.
    """

    def __init__(self, path: str | Path = MEMORY, *, readonly: bool = False) -> None:
        self.path = str(path)
        in_memory = self.path == MEMORY
        if readonly:
            if in_memory or not Path(self.path).is_file():
                raise StorageError(f"no receiver database at {self.path}")
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"
            connection = sqlite3.connect(
                uri, uri=True, isolation_level=None, check_same_thread=False
            )
        else:
            if not in_memory and not Path(self.path).exists():
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            connection = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False
            )
        try:
            connection.execute("PRAGMA busy_timeout = 10000")
            if not in_memory and not readonly:
                connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA secure_delete = ON")
            super().__init__(connection, SQLITE_DIALECT, create=not readonly)
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise StorageError(f"{self.path} is not a usable SQLite database ({exc})") from None
        except BaseException:
            connection.close()
            raise

    def _after_erase(self, tables: set[str]) -> None:
        if self.path != MEMORY:
            self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
