"""The receiver's storage on PostgreSQL (psycopg 3), for several workers on one database.

The same SQL as SQLite (`sqlstorage`), with `POSTGRES_DIALECT`: writers run
SERIALIZABLE, so two workers handed the same token, or two versions of one
grant, at the same moment cannot both act on what they read; the one that
cannot be serialised is rolled back and run again (`SqlStorage.atomically`).
A duplicate is therefore stored once and a grant's version never goes back.
The schema is created on first use. A lost connection is reopened for the
next transaction.

Erased grant data is overwritten in the table, but PostgreSQL keeps the old
row versions until (auto)vacuum reclaims them, and in its WAL and backups.

Only this module imports psycopg; `database.open_storage` imports it only for
a PostgreSQL URL.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict

from .errors import StorageError
from .sqlstorage import POSTGRES_DIALECT, SqlStorage

CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise
RETRYABLE = (
    pg_errors.SerializationFailure,  # 40001
    pg_errors.DeadlockDetected,  # 40P01
    pg_errors.UniqueViolation,  # a concurrent insert of the same key, seen as such
)


class PostgresStorage(SqlStorage):
    """storage.Storage on the PostgreSQL database at `url` (postgresql://user:pw@host/db).

    `readonly` opens a database that must already hold the schema, in a
    session whose transactions are read-only.
    """

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        self._url = url
        self._readonly = readonly
        self._pg = self._connect()
        try:
            super().__init__(self._pg, POSTGRES_DIALECT, create=not readonly)
        except psycopg.Error as exc:
            self._pg.close()
            raise StorageError(f"PostgreSQL: {_one_line(exc)}") from None
        except BaseException:
            self._pg.close()
            raise

    def _connect(self) -> psycopg.Connection[Any]:
        options: dict[str, Any] = {"autocommit": True, "application_name": "zpv-brand"}
        try:
            if "connect_timeout" not in conninfo_to_dict(self._url):
                options["connect_timeout"] = CONNECT_TIMEOUT
            connection = psycopg.connect(self._url, **options)
        except psycopg.Error as exc:
            raise StorageError(f"cannot connect to PostgreSQL: {_one_line(exc)}") from None
        if self._readonly:
            connection.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        return connection

    def _ensure_connection(self) -> None:
        if self._pg.broken:  # lost, not closed by close()
            self._pg = self._connect()
            self._connection = self._pg

    def _retryable(self, error: Exception) -> bool:
        if isinstance(error, RETRYABLE):
            return True
        # The connection dropped (a restart, a failover): reconnect and run it again.
        # Safe: a message whose commit did get through is recognised by its jti.
        return isinstance(error, psycopg.OperationalError) and self._pg.broken


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__
