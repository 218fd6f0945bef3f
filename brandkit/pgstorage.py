"""The receiver's storage on PostgreSQL (psycopg 3), for several workers on one database.

The same SQL as SQLite (`sqlstorage`), with `POSTGRES_DIALECT`: tokens and grant
events lock their person and grant first (`storage.Keys`, advisory locks) and then
read what was committed, so two workers handed the same token, or two versions of one
grant, at the same moment take turns; other writers run SERIALIZABLE, and one that
cannot be serialised is rolled back and run again (`SqlStorage.atomically`).
A duplicate is therefore stored once and a grant's version never goes back.
The schema is created on first use. A lost connection is reopened for the
next transaction.

The password comes from the URL or, better (a URL on the command line is
in the process list), from libpq's PGPASSFILE or PGPASSWORD. A server whose
host is neither loopback nor a Unix socket is reached over TLS
(`sslmode=require`) unless the URL or PGSSLMODE chooses a mode.

Erased values must not linger in dead row versions, which PostgreSQL keeps until a
vacuum, and even a vacuum leaves their bytes in the page's free space. So grant values
live in their own table, hash-partitioned in VALUE_PARTITIONS partitions
(`sqlschema`), and after a transaction that erased a grant's values the partition
that held them is rewritten (`VACUUM FULL`): the new file holds only live rows, and
the old one is removed. One partition holds a sixteenth of the values, so the
rewrite stays short; it takes that partition's lock, for as long as REWRITE_LOCK_WAIT
at most while other transactions use it. PostgreSQL's WAL and backups still hold
what was written, as they do of everything.

Only this module imports psycopg; `database.open_storage` imports it only for
a PostgreSQL URL.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict

from zpd.origin import is_loopback_host

from .errors import StorageError
from .sqlstorage import POSTGRES_DIALECT, SqlStorage

CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise
# A transaction waits this long for a lock that another holds, then fails (a token is then
# answered 5xx, and the vault sends it again later). Without it, a worker whose connection
# died mid-transaction on a lost network would hold its person and grant locks until the
# server noticed (TCP keepalive: hours), and every batch wanting them would wait that long.
# A lock_timeout the connection already has (the URL's options, the role, the server) stays.
LOCK_WAIT = "10s"
REWRITE_LOCK_WAIT = "10s"  # a rewrite after an erasure waits this long for its table

logger = logging.getLogger(__name__)
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
            params = conninfo_to_dict(self._url)
            if "connect_timeout" not in params:
                options["connect_timeout"] = CONNECT_TIMEOUT
            sslmode = default_sslmode(params, os.environ)
            if sslmode is not None:
                options["sslmode"] = sslmode
            connection = psycopg.connect(self._url, **options)
        except psycopg.Error as exc:
            raise StorageError(f"cannot connect to PostgreSQL: {_one_line(exc)}") from None
        try:
            _check_encoding(connection)
            row = connection.execute("SHOW lock_timeout").fetchone()
            self._lock_wait = LOCK_WAIT if row is None or row[0] == "0" else str(row[0])
            connection.execute("SELECT set_config('lock_timeout', %s, false)",
                               (self._lock_wait,))
            if self._readonly:
                connection.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        except psycopg.Error as exc:
            connection.close()
            raise StorageError(f"PostgreSQL: {_one_line(exc)}") from None
        except BaseException:  # a database that is not UTF8, or an interruption
            connection.close()
            raise
        return connection

    def _ensure_connection(self) -> None:
        if self._pg.broken:  # lost, not closed by close()
            self._pg = self._connect()
            self._connection = self._pg

    def _after_erase(self, tables: set[str]) -> None:
        for table in sorted(tables):
            try:
                self._pg.execute(f"SET lock_timeout = '{REWRITE_LOCK_WAIT}'")
                self._pg.execute(f"VACUUM (FULL) {table}")
            except psycopg.Error as exc:
                # Committed all the same: the values are gone from every query, and the
                # next erasure in that partition rewrites it.
                logger.warning("could not rewrite %s after an erasure: %s", table,
                               _one_line(exc))
            finally:
                if not self._pg.broken:
                    self._pg.execute("SELECT set_config('lock_timeout', %s, false)",
                                     (self._lock_wait,))

    def _committed(self, cursor: Any) -> None:
        # COMMIT of a transaction a failed statement aborted is answered ROLLBACK, no error.
        if cursor.statusmessage != "COMMIT":
            raise StorageError(f"PostgreSQL rolled the transaction back ({cursor.statusmessage})")

    def _retryable(self, error: Exception) -> bool:
        if isinstance(error, RETRYABLE):
            return True
        # The connection dropped (a restart, a failover): reconnect and run it again.
        # Safe: a message whose commit did get through is recognised by its jti.
        return isinstance(error, psycopg.OperationalError) and self._pg.broken


def default_sslmode(params: Mapping[str, Any], environ: Mapping[str, str]) -> str | None:
    """"require" unless the connection chooses a mode or every server is local; else None.

    `params` is the URL's (`conninfo_to_dict`); a server named by neither
    `host` nor `hostaddr` (nor PGHOST or PGHOSTADDR) is libpq's Unix socket.
    """
    if params.get("sslmode") or environ.get("PGSSLMODE"):
        return None
    hosts = str(params.get("host") or params.get("hostaddr")
                or environ.get("PGHOST") or environ.get("PGHOSTADDR") or "")
    if all(_is_local(host.strip()) for host in hosts.split(",")):
        return None
    return "require"


def _is_local(host: str) -> bool:
    return not host or host.startswith(("/", "@")) or is_loopback_host(host)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _check_encoding(connection: psycopg.Connection[Any]) -> None:
    """StorageError unless the database stores UTF-8: in another encoding (LATIN1, say) a
    token whose text that encoding lacks (a Greek answer) could never be stored, and its
    sender would send it again for ever."""
    row = connection.execute("SHOW server_encoding").fetchone()
    encoding = str(row[0]) if row else "unknown"
    if encoding != "UTF8":
        raise StorageError(
            f"the database's encoding is {encoding}; the receiver needs a UTF8 one "
            "(CREATE DATABASE ... ENCODING 'UTF8' TEMPLATE template0)"
        )
    connection.execute("SET client_encoding = 'UTF8'")
