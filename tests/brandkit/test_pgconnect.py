"""How the receiver connects to PostgreSQL: the password kept off the command line, TLS to
any server that is not on this computer.

The live tests need ZPV_TEST_POSTGRES_URL (`.ci/postgres`: a server on
127.0.0.1 without TLS, password authentication over TCP).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from brandkit.database import has_password, open_storage
from brandkit.errors import StorageError
from tests.support.vaults import PROJECT_ROOT

pytest.importorskip("psycopg")
from brandkit.pgstorage import default_sslmode  # noqa: E402


@pytest.mark.parametrize(("params", "environ", "expected"), [
    ({"host": "db.example"}, {}, "require"),
    ({"host": "10.0.0.5"}, {}, "require"),
    ({"hostaddr": "192.0.2.7"}, {}, "require"),
    ({"host": "127.0.0.1,db.example"}, {}, "require"),
    ({}, {"PGHOST": "db.example"}, "require"),
    ({"host": "db.example", "sslmode": "verify-full"}, {}, None),
    ({"host": "db.example"}, {"PGSSLMODE": "disable"}, None),
    ({"host": "127.0.0.1"}, {}, None),
    ({"host": "localhost"}, {}, None),
    ({"host": "::1"}, {}, None),
    ({"host": "127.0.0.1,localhost"}, {}, None),
    ({"host": "/var/run/postgresql"}, {}, None),
    ({}, {}, None),  # libpq's Unix socket
    ({}, {"PGHOST": "/tmp"}, None),
])
def test_tls_is_required_unless_the_server_is_local_or_a_mode_is_chosen(
    params: dict[str, Any], environ: dict[str, str], expected: str | None
) -> None:
    assert default_sslmode(params, environ) == expected


def test_a_password_in_the_url_is_noticed() -> None:
    assert has_password("postgresql://brand:secret@db.example/zpd")
    assert has_password("postgresql://brand@db.example/zpd?password=secret")
    assert not has_password("postgresql://brand@db.example/zpd?sslmode=require")
    assert not has_password("postgresql:///zpd")


# -- against the test server ----------------------------------------------------------------


@pytest.fixture
def server(postgres_url: str) -> Iterator[tuple[str, str, str]]:
    """(the test URL without its password, the password, the URL with it)."""
    parts = urlsplit(postgres_url)
    assert parts.password and parts.hostname
    netloc = f"{parts.username}@{parts.hostname}:{parts.port}"
    yield urlunsplit(parts._replace(netloc=netloc)), parts.password, postgres_url


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in ("PGPASSWORD", "PGPASSFILE", "PGSSLMODE", "PGHOST", "PGHOSTADDR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))
    return monkeypatch


def test_the_password_may_come_from_pgpassword(
    server: tuple[str, str, str], clean_env: pytest.MonkeyPatch
) -> None:
    url, password, _ = server
    with pytest.raises(StorageError):
        open_storage(url).close()
    clean_env.setenv("PGPASSWORD", password)
    open_storage(url).close()


def test_the_password_may_come_from_a_pgpass_file(
    server: tuple[str, str, str], clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url, password, _ = server
    parts = urlsplit(url)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{parts.hostname}:{parts.port}:*:{parts.username}:{password}\n")
    pgpass.chmod(0o600)
    clean_env.setenv("PGPASSFILE", str(pgpass))
    open_storage(url).close()


def test_a_server_named_by_a_non_local_host_is_reached_over_tls(
    server: tuple[str, str, str], clean_env: pytest.MonkeyPatch
) -> None:
    """The server's name is not loopback (reached at 127.0.0.1 by hostaddr, as through a
    tunnel): sslmode=require, which the test server (no TLS) refuses. A mode chosen in the
    URL or PGSSLMODE is kept."""
    _, _, url = server
    parts = urlsplit(url)
    named = urlunsplit(parts._replace(
        netloc=parts.netloc.replace(f"@{parts.hostname}:", "@db.example:"),
        query=f"{parts.query}&hostaddr={parts.hostname}".lstrip("&"),
    ))
    with pytest.raises(StorageError, match="SSL"):
        open_storage(named).close()
    open_storage(named + "&sslmode=disable").close()
    clean_env.setenv("PGSSLMODE", "disable")
    open_storage(named).close()
    open_storage(url).close()  # 127.0.0.1 itself: today's default


def customers(db: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brandkit", "customers", "--db", db, "--json"],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        cwd=PROJECT_ROOT, env={**env, "PYTHONPATH": str(PROJECT_ROOT)},
    )


def test_zpv_brand_warns_of_a_password_on_the_command_line(
    server: tuple[str, str, str], clean_env: pytest.MonkeyPatch
) -> None:
    url, password, with_password = server
    open_storage(with_password).close()  # the schema, for a read-only command
    warned = customers(with_password, dict(os.environ))
    assert warned.returncode == 0, warned.stderr
    assert "warning: --db holds a password" in warned.stderr and password not in warned.stderr
    quiet = customers(url, {**os.environ, "PGPASSWORD": password})
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == "" and quiet.stdout.strip() == "[\n]"
