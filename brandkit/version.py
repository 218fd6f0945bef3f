"""`zpv-brand --version`: the version, the storage libraries the receiver stands on (SQLite,
and PostgreSQL's client library when psycopg is installed), and the licence. The brand kit
uses neither Qt nor SQLCipher: those are the person's app's (`zpv --version`)."""

from __future__ import annotations

import argparse
import platform
import sqlite3
from collections.abc import Sequence
from importlib import metadata
from typing import Any, NoReturn

DISTRIBUTION = "zero-party-vault"


def _metadata_field(*names: str) -> str:
    try:
        fields = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # a checkout that was never installed
        return "unknown"
    values = [value for name in names for value in fields.get_all(name) or []]
    return str(values[0]) if values else "unknown"


def postgres_client() -> str | None:
    """psycopg's version and its libpq's, or None without psycopg (the `postgres` extra)."""
    try:
        import psycopg
    except ImportError:
        return None
    libpq = psycopg.pq.version()  # e.g. 170002 for 17.2
    return f"psycopg {psycopg.__version__} (libpq {libpq // 10000}.{libpq % 100})"


def version_text() -> str:
    storage = f"SQLite {sqlite3.sqlite_version}"
    postgres = postgres_client()
    if postgres is not None:
        storage += f", {postgres}"
    return (
        f"zpv-brand {_metadata_field('Version')} (Zero-Party Vault brand kit)\n"
        f"{storage}, Python {platform.python_version()}\n"
        f"Licence: {_metadata_field('License-Expression', 'License')}"
    )


class ShowVersion(argparse.Action):
    """Like argparse's "version" action, but the text is only made when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> NoReturn:
        print(version_text())
        parser.exit()
