"""What this installation is: its version and licence, the SQLCipher that holds the
person's data, and the version of each library it runs on, for `zpv --version` and the
app's About box.

All of it comes from the installed distribution's metadata (pyproject.toml is its one
source) and from SQLCipher itself: nothing here loads the GUI's libraries, whose versions
are read from their metadata like every other library's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

DISTRIBUTION = "zero-party-vault"
UNKNOWN = "unknown"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class About:
    version: str
    licence: str
    sqlcipher: str  # e.g. "4.6.1 community"
    sqlite: str
    libraries: tuple[tuple[str, str], ...]  # (distribution, version) the app runs on


def app_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return UNKNOWN


def licence() -> str:
    try:
        fields = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return UNKNOWN
    for name in ("License-Expression", "License"):  # the first since metadata 2.4
        values = fields.get_all(name) or []
        if values:
            return str(values[0])
    return UNKNOWN


def libraries() -> tuple[tuple[str, str], ...]:
    """Each library the installation requires (not those of optional extras), with the
    version installed; the GUI's toolkit among them."""
    try:
        requirements = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return ()
    found = []
    for requirement in requirements:
        match = _NAME.match(requirement)
        if match is None or "extra ==" in requirement:
            continue
        try:
            found.append((match.group(0), metadata.version(match.group(0))))
        except metadata.PackageNotFoundError:  # a frozen bundle leaves out what it never loads
            continue
    return tuple(sorted(found, key=lambda item: item[0].lower()))


def sqlcipher_versions() -> tuple[str, str]:
    """(SQLCipher, the SQLite it is built on), from an in-memory database of the same
    library every vault is opened with."""
    import sqlcipher3

    connection = sqlcipher3.connect(":memory:")
    try:
        (cipher,) = connection.execute("PRAGMA cipher_version").fetchone()
        (sqlite,) = connection.execute("SELECT sqlite_version()").fetchone()
    finally:
        connection.close()
    return str(cipher), str(sqlite)


def about() -> About:
    sqlcipher, sqlite = sqlcipher_versions()
    return About(app_version(), licence(), sqlcipher, sqlite, libraries())
