"""The SQLCipher connection: keying, pragmas, transactions, and error translation."""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3

from .. import changes
from ..errors import RekeyFailed, StorageFull, UnsupportedFormat, VaultCorrupted, VaultLocked
from ..pacing import pause_if_due
from .migrations import LATEST_VERSION, apply_migrations

DATABASE_NAME = "vault.db"
_HEX_KEY = re.compile(r"[0-9a-f]{64}")

Connection = Any  # sqlcipher3.Connection has no type information
Row = tuple[Any, ...]


def database_path(directory: Path) -> Path:
    return directory / DATABASE_NAME


SQLITE_IOERR = 10
REKEY_CACHE_KIB = 64 * 1024  # page cache while re-keying
# Below this much free space (or this close to a file size limit), a failed write is
# taken as "no room" rather than damage.
LOW_SPACE_BYTES = 4 * 1024 * 1024
FETCH_CHUNK = 256  # rows fetched between two chances to pause (`Store.query`)


@contextmanager
def translated_errors(directory: Path | None = None) -> Iterator[None]:
    """Turn SQLite's errors about damage or a full disk into the vault's typed errors.

    SQLite reports ENOSPC as "database or disk is full", but a write refused for a
    file size limit (EFBIG) or a quota (EDQUOT) only as "disk I/O error": that one
    is StorageFull too when the vault's disk or file size limit has no room left.
    """
    try:
        yield
    except sqlcipher3.DatabaseError as exc:
        message = str(exc).lower()
        if "full" in message:
            raise StorageFull(str(exc)) from exc
        if _is_io_error(exc) and directory is not None and _out_of_room(directory):
            raise StorageFull(str(exc)) from exc
        if isinstance(exc, sqlcipher3.IntegrityError | sqlcipher3.ProgrammingError):
            raise
        if isinstance(exc, sqlcipher3.OperationalError) and "locked" in message:
            raise
        raise VaultCorrupted(str(exc)) from exc


class Store:
    """One keyed connection to the vault database. Not thread-safe: one user at a time."""

    def __init__(self, connection: Connection, directory: Path | None = None) -> None:
        self._connection: Connection | None = connection
        self._directory = directory  # where the files are: to tell a full disk from damage
        # One operation at a time: the GUI reads while a worker delivers, and lock()
        # must wait for both rather than close the connection under them.
        self._mutex = threading.RLock()

    @classmethod
    def open(cls, path: Path, data_key: bytes | bytearray, *, create: bool = False) -> Store:
        if create:
            # Created private before SQLite sees it; SQLite gives -wal and -shm the same mode.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        elif not path.is_file():
            raise VaultCorrupted("the database file is missing")
        with translated_errors(path.parent):
            connection = _keyed_connection(path, data_key, create=create)
            try:
                store = cls(connection, path.parent)
                store._migrate()
                # Every open, not only at creation: a restored backup's database (written by
                # sqlcipher_export) starts in rollback-journal mode. A no-op once in WAL; after
                # the format check, so a refused newer file is left as it was.
                connection.execute("PRAGMA journal_mode = WAL")
            except BaseException:
                connection.close()
                raise
        return store

    def rekey(self, old_key: bytes | bytearray, new_key: bytes | bytearray) -> None:
        """Re-encrypt every page under `new_key` (SQLCipher's PRAGMA rekey), in place.

        One write transaction: a crash before its commit leaves the database under the old
        key, after it under the new one. In WAL mode the re-encrypted pages go to the WAL
        and a checkpoint copies them into the main file; the WAL is checkpointed and
        truncated before (so it does not double) and after (so no page under the old key is
        left in it). PRAGMA rekey answers "ok" even when a page write or the commit failed
        (a full disk), so the answer is never trusted: the connection is closed and the
        database reopened with the new key, else with the old one. Returns only when the
        database opens with the new key; raises (StorageFull, RekeyFailed) with the store
        back on the old key otherwise, or VaultCorrupted (store closed) if neither opens.
        """
        path = self._path()
        new_hex = _hex_key(new_key)
        with self._mutex:
            connection = self.connection
            failure: BaseException | None = None
            try:
                with translated_errors(self._directory):
                    _checkpoint(connection)
                    # Every page is made dirty in one transaction: a larger page cache spills
                    # less often (a third faster on the benchmarks' large vault). This
                    # connection is closed right after, and with it the cache.
                    connection.execute(f"PRAGMA cache_size = -{REKEY_CACHE_KIB}")
                    connection.execute(f"PRAGMA rekey = \"x'{new_hex}'\"")
                    del new_hex
                    _checkpoint(connection)
            except BaseException as exc:  # decided below, by which key opens the file
                failure = exc
            finally:
                connection.close()
                self._connection = None
            try:
                self._connection = _keyed_connection(path, new_key)
            except VaultCorrupted:
                pass
            else:
                if failure is not None and not isinstance(failure, Exception):
                    raise failure
                changes.publish(self, changes.Changes.SECRETS)
                return
            self._connection = _keyed_connection(path, old_key)
            if failure is not None and not isinstance(failure, Exception):
                raise failure
            if isinstance(failure, StorageFull) or _out_of_room(path.parent):
                raise StorageFull(str(path)) from failure
            raise RekeyFailed(str(failure or "the database did not take the new key")) from failure

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the store for several steps (a re-key, a backup) that must not interleave."""
        with self._mutex:
            yield

    def _path(self) -> Path:
        if self._directory is None:
            raise VaultLocked()
        return database_path(self._directory)

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            raise VaultLocked()
        return self._connection

    def close(self) -> None:
        """Close the connection, after any operation in flight on another thread."""
        with self._mutex:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    @property
    def is_open(self) -> bool:
        return self._connection is not None

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """The connection, held for one thread while the caller reads. Then, in a long run
        of statements, a pause for the GUI thread to take the GIL (`pacing`)."""
        with self._mutex, translated_errors(self._directory):
            yield self.connection
        pause_if_due()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """BEGIN IMMEDIATE ... COMMIT; everything inside lands together or not at all.

        What the writes inside mark (`changes.mark`) is published once it committed."""
        with self._mutex, translated_errors(self._directory):
            connection = self.connection
            connection.execute("BEGIN IMMEDIATE")
            with changes.pending() as marked:
                try:
                    yield connection
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
            changes.publish(self, marked.changes)
        pause_if_due()

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        """Every row. Fetched in chunks, with a pause for the GUI thread between them when one
        is due: each row is a step that lets go of the GIL and takes it straight back, and a
        thread waiting for it all that time never got it (`pacing`)."""
        with self.reading() as connection:
            cursor = connection.execute(sql, params)
            rows: list[Row] = []
            while chunk := cursor.fetchmany(FETCH_CHUNK):
                rows.extend(chunk)
                pause_if_due()
            return rows

    def query_one(self, sql: str, params: tuple[Any, ...] = ()) -> Row | None:
        with self.reading() as connection:
            row = connection.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None

    def integrity_problems(self) -> list[str]:
        """Run SQLCipher's page HMAC check and SQLite's structural check; [] when sound."""
        with self.reading() as connection:
            problems = [str(r[0]) for r in connection.execute("PRAGMA cipher_integrity_check")]
            structural = [str(r[0]) for r in connection.execute("PRAGMA integrity_check")]
        if structural != ["ok"]:
            problems.extend(structural)
        return problems

    def export_copy(self, target: Path, data_key: bytes | bytearray) -> None:
        """Write a consistent encrypted copy of the database to `target` (same key)."""
        hex_key = _hex_key(data_key)
        with self.reading() as connection:
            connection.execute(
                f"ATTACH DATABASE ? AS backup_copy KEY \"x'{hex_key}'\"", (str(target),)
            )
            try:
                connection.execute("SELECT sqlcipher_export('backup_copy')")
                connection.execute(f"PRAGMA backup_copy.user_version = {self.schema_version()}")
            finally:
                connection.execute("DETACH DATABASE backup_copy")

    def schema_version(self) -> int:
        row = self.query_one("PRAGMA user_version")
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > LATEST_VERSION:
            raise UnsupportedFormat("database", version, LATEST_VERSION)
        if version < LATEST_VERSION and version > 0:
            # Upgrading writes; a damaged vault is reported as it is, never upgraded.
            problems = self.integrity_problems()
            if problems:
                raise VaultCorrupted(problems[0])
        apply_migrations(self.connection, version)


def _is_io_error(exc: BaseException) -> bool:
    # sqlcipher_export() passes the error on as a plain SQLITE_ERROR: read the message too.
    code = getattr(exc, "sqlite_errorcode", None)
    return (isinstance(code, int) and code & 0xFF == SQLITE_IOERR) or (
        "disk i/o error" in str(exc).lower()
    )


def _out_of_room(directory: Path) -> bool:
    """Whether the disk holding `directory` is (nearly) full, or a vault file is at (or
    near) the process's file size limit."""
    try:
        if shutil.disk_usage(directory).free < LOW_SPACE_BYTES:
            return True
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # not on this platform
        return False
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit == resource.RLIM_INFINITY:
        return False
    try:
        largest = max((p.stat().st_size for p in directory.iterdir() if p.is_file()), default=0)
    except OSError:
        return False
    return largest + LOW_SPACE_BYTES >= limit


def _hex_key(data_key: bytes | bytearray) -> str:
    hex_key = bytes(data_key).hex()
    # The key is only ever hex of random bytes, never text a person typed,
    # so splicing it into a pragma cannot inject SQL.
    if not _HEX_KEY.fullmatch(hex_key):
        raise ValueError("data key must be 32 bytes")
    return hex_key


def _keyed_connection(
    path: Path, data_key: bytes | bytearray, *, create: bool = False
) -> Connection:
    """A connection keyed with the raw data key, its first pages read (so a wrong key or a
    damaged first page fails here, before anything is written), pragmas set."""
    hex_key = _hex_key(data_key)
    with translated_errors(path.parent):
        connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            # SQLCipher logs every failed page HMAC to stderr by default (process-wide);
            # damage reaches the caller as VaultCorrupted instead, so the CLI's error
            # stays one line and the UI's stderr stays clean.
            connection.execute("PRAGMA cipher_log_level = NONE")
            connection.execute(f"PRAGMA key = \"x'{hex_key}'\"")
            del hex_key
            _require_sqlcipher4(connection)
            (tables,) = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not create and tables == 0:
                # An empty (e.g. truncated) file reads as a new database: refuse it
                # before the migrations would write a fresh schema into it.
                raise VaultCorrupted("the database is empty")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA temp_store = MEMORY")
            connection.execute("PRAGMA synchronous = FULL")
        except BaseException:
            connection.close()
            raise
    return connection


def _checkpoint(connection: Connection) -> None:
    """Copy every WAL frame into the main file and truncate the WAL (no-op outside WAL)."""
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def _require_sqlcipher4(connection: Connection) -> None:
    row = connection.execute("PRAGMA cipher_version").fetchone()
    if not row or not str(row[0]).startswith("4."):
        raise RuntimeError("SQLCipher 4 is required; this build of sqlcipher3 does not provide it")
