"""`zpv --version` and `zpv-brand --version`: what this installation is, read from its own
metadata and from the libraries themselves."""

from __future__ import annotations

import platform
import sqlite3
import subprocess
import sys
from importlib import metadata

import sqlcipher3

from tests.support.cli import clean_environment
from tests.support.vaults import PROJECT_ROOT

from .requirements import project_version


def run(module: str) -> list[str]:
    result = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True,
                            text=True, env=clean_environment(), cwd=PROJECT_ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.splitlines()


def test_zpv_version_names_sqlcipher_the_libraries_and_the_licence() -> None:
    lines = run("vault")
    assert lines[0] == f"zpv {project_version()} (Zero-Party Vault)"
    connection = sqlcipher3.connect(":memory:")
    (cipher,) = connection.execute("PRAGMA cipher_version").fetchone()
    (engine,) = connection.execute("SELECT sqlite_version()").fetchone()
    connection.close()
    assert lines[1] == f"SQLCipher {cipher} (SQLite {engine}), Python {platform.python_version()}"
    qt = f"PySide6-Essentials {metadata.version('PySide6-Essentials')}"  # Qt's own version
    assert lines[2].startswith("Libraries: ") and qt in lines[2]
    assert f"sqlcipher3 {metadata.version('sqlcipher3')}" in lines[2]
    assert lines[3] == "Licence: AGPL-3.0-or-later"


def test_zpv_brand_version_names_its_storage_libraries_and_the_licence() -> None:
    lines = run("brandkit")
    assert lines[0] == f"zpv-brand {project_version()} (Zero-Party Vault brand kit)"
    assert lines[1].startswith(f"SQLite {sqlite3.sqlite_version}, psycopg ")
    assert lines[-1] == "Licence: AGPL-3.0-or-later"
