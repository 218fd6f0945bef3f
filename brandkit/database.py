"""`--db`: which storage a location names, opened.

- a path, or `sqlite:///path` (the rest is the path: `sqlite:////abs/path` is
  absolute, `sqlite:///name.sqlite3` relative), or `sqlite:///:memory:`:
  SQLite (`sqlstorage.SqliteStorage`);
- `postgresql://...` or `postgres://...` (a libpq URL): PostgreSQL through
  psycopg 3 (`pgstorage.PostgresStorage`), imported only then.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from zpd.text import decodable

from .errors import StorageError
from .sqlstorage import MEMORY, SqliteStorage, SqlStorage

DEFAULT_SQLITE_NAME = "zpd-receiver.sqlite3"
SQLITE_PREFIX = "sqlite:///"
POSTGRES_SCHEMES = ("postgresql", "postgres")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def is_postgres(location: str) -> bool:
    match = _SCHEME.match(location)
    return match is not None and match.group(1).lower() in POSTGRES_SCHEMES


def has_password(url: str) -> bool:
    """Whether a database URL carries a password (in its user info or a `password=` parameter)."""
    try:
        parts = urlsplit(url)
        in_userinfo = parts.password is not None
    except ValueError:
        return False
    return in_userinfo or "password" in parse_qs(parts.query)


def sqlite_path(location: str) -> str:
    """The SQLite file a location names; StorageError if it names another kind of database."""
    match = _SCHEME.match(location)
    if match is None:
        return location
    if location.lower().startswith(SQLITE_PREFIX) and len(location) > len(SQLITE_PREFIX):
        return unquote(location[len(SQLITE_PREFIX):])
    if match.group(1).lower() == "sqlite":
        raise StorageError(f"{location!r}: a SQLite URL is sqlite:///PATH")
    raise StorageError(
        f"unsupported database {match.group(1)!r}: give a SQLite path, sqlite:///PATH "
        "or postgresql://..."
    )


def open_storage(location: str, *, readonly: bool = False) -> SqlStorage:
    """Open (and on first use create, unless `readonly`) the receiver database at `location`."""
    if is_postgres(location):
        if not decodable(location):
            raise StorageError("the database URL is not UTF-8 text")
        try:
            from .pgstorage import PostgresStorage
        except ImportError:
            raise StorageError(
                "PostgreSQL needs psycopg 3, which is not installed "
                "(pip install 'psycopg[binary]')"
            ) from None
        return PostgresStorage(location, readonly=readonly)
    path = sqlite_path(location)
    if readonly and path == MEMORY:
        raise StorageError("an in-memory database holds nothing to read")
    return SqliteStorage(path, readonly=readonly)
