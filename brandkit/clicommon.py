"""What the `zpv-brand` commands share: exit codes, usage errors, warnings, --db and --request."""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

from zpd.errors import ProtocolError
from zpd.request import DataRequest

from .database import has_password, is_postgres, open_storage
from .issuing import open_own_request
from .keys import BrandKeys
from .sqlstorage import SqlStorage

EXIT_OK = 0
EXIT_REJECTED = 1  # the token, event or request spec was rejected
EXIT_USAGE = 2
EXIT_LOCAL = 3  # keys, database or output file: a problem on this side

EPILOG = """\
exit codes: 0 ok; 1 the token, event or spec was rejected (the reason is one line on
stderr); 2 usage (options, unreadable input); 3 keys, database or output trouble.
"""

DB_HELP = """\
a SQLite file (a path, or sqlite:///PATH) or a PostgreSQL database
(postgresql://USER@HOST/DB, needs psycopg 3; its password from PGPASSFILE or
PGPASSWORD, not the command line)"""


class UsageError(Exception):
    """The command line cannot be carried out as given (exit code 2)."""


def warn(message: str) -> None:
    print(f"zpv-brand: warning: {message}", file=sys.stderr, flush=True)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def open_db(location: str, *, readonly: bool = False) -> SqlStorage:
    """`database.open_storage`, with a warning if a PostgreSQL password is on the command line."""
    warn_of_password(location)
    return open_storage(location, readonly=readonly)


def warn_of_password(location: str) -> None:
    if is_postgres(location) and has_password(location):
        warn("--db holds a password, which other users of this computer can read from the "
             "process list: give it in PGPASSFILE or PGPASSWORD instead")


def own_request(path: Path, keys: BrandKeys) -> DataRequest:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {getattr(exc, 'strerror', exc)}") from None
    try:
        return open_own_request(text, keys)
    except ProtocolError as exc:
        raise UsageError(f"--request {path}: not a request of this brand ({exc})") from None
