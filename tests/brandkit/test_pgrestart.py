"""A PostgreSQL restart while `zpv-brand serve --webhooks` takes tokens: what it answered
202 is stored, the events made before and after the restart all reach the subscriber,
each once. On a private cluster (`.ci/postgres` with its own directory and port), so the
restart touches no other test's database."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys, save_keys
from brandkit.server import JWT
from tests.support.people import Person, spec
from tests.support.vaults import PROJECT_ROOT
from zpd.request import verify_request

from .live import TIMEOUT, zpv_brand_serve
from .subscriber import subscriber_server, webhooks_file

pytest.importorskip("psycopg")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else command


@pytest.fixture
def private_postgres(postgres_server: str) -> Iterator[tuple[str, Callable[[], None]]]:
    """(the URL of a database on a cluster of its own, a function that restarts it)."""
    directory = tempfile.mkdtemp(prefix="zpv-pg-restart-")
    env = {**os.environ, "ZPV_PG_DIR": directory, "ZPV_PG_PORT": str(free_port())}
    url = subprocess.run(["bash", str(PROJECT_ROOT / ".ci" / "postgres")], env=env,
                         capture_output=True, text=True, timeout=300).stdout.strip()
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    pg_ctl = str(found[-1]) if found else shutil.which("pg_ctl")
    if not url or pg_ctl is None:
        shutil.rmtree(directory, ignore_errors=True)
        pytest.fail("a private PostgreSQL cluster could not be started")
    data = str(Path(directory) / "data")

    def restart() -> None:
        # -l: the server must not hold on to a pipe of ours, or pg_ctl never seems done.
        subprocess.run(as_owner([pg_ctl, "-D", data, "-l", str(Path(directory) / "server.log"),
                                 "-m", "fast", "-w", "-t", "60", "restart"]),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=90)

    try:
        yield url, restart
    finally:
        subprocess.run(as_owner([pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=90)
        shutil.rmtree(directory, ignore_errors=True)


def post_until_accepted(url: str, token: str, deadline: float) -> None:
    """POST as a vault does: again after a 5xx or no answer, until 202."""
    while True:
        try:
            answer = requests.post(url, data=token, timeout=TIMEOUT,
                                   headers={"Content-Type": JWT})
            if answer.status_code == 202:
                return
            assert answer.status_code >= 500, answer.text
        except requests.ConnectionError:
            pass
        assert time.monotonic() < deadline, "not accepted in time"
        time.sleep(0.2)


def test_a_postgresql_restart_mid_run_loses_no_token_and_no_event(
    private_postgres: tuple[str, Callable[[], None]], tmp_path: Path, keys: BrandKeys
) -> None:
    url, restart = private_postgres
    save_keys(keys, tmp_path / "keys")
    jws = sign_spec(spec(), keys, now=int(time.time()) - 60)
    (tmp_path / "request.jws").write_text(jws)
    request = verify_request(jws, int(time.time()))
    people = [Person() for _ in range(16)]
    with subscriber_server() as crm:
        hooks = webhooks_file(tmp_path / "webhooks.json", [crm.config("crm")])
        with zpv_brand_serve("--keys", str(tmp_path / "keys"), "--request",
                             str(tmp_path / "request.jws"), "--db", url, "--webhooks",
                             str(hooks), directory=tmp_path) as served:
            assert served.url, served.stderr
            deadline = time.monotonic() + 120
            for index, person in enumerate(people):
                if index == len(people) // 2:
                    restart()
                token = person.token(request, iat=int(time.time()), grant_id=f"g-{index}")
                post_until_accepted(served.url + "zpd/grants", token, deadline)
            events: list[dict[str, Any]] = crm.wait_for(len(people), timeout=60)
            listed = subprocess.run(
                [sys.executable, "-m", "brandkit", "customers",
                 "--db", url, "--json"], capture_output=True, text=True, timeout=60,
                cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert listed.returncode == 0, listed.stderr
    assert {c["pseudonym"] for c in json.loads(listed.stdout)} == {p.pseudonym for p in people}
    assert Counter(e["data"]["grant"]["id"] for e in events) == {
        f"g-{i}": 1 for i in range(len(people))}
    ids = [event_id for event_id, _ in crm.deliveries]
    assert len(ids) == len(set(ids)), "no event went twice"
