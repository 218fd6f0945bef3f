"""`zpv-brand serve --workers N`: N processes on one port and one PostgreSQL, as a brand
runs the receiver on a machine with several cores. The same tokens posted at once are
each stored once; a worker that dies is started again while the others serve; SIGTERM
stops them all; and more than one worker on SQLite is refused at start."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from brandkit.database import DEFAULT_SQLITE_NAME
from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys, save_keys
from brandkit.server import JWT
from tests.support.people import Person, spec
from tests.support.waiting import wait_until
from zpd.request import verify_request

from .live import TIMEOUT, zpv_brand_serve
from .test_cli import assert_one_line_error
from .test_server_cli import zpv_brand

psycopg = pytest.importorskip("psycopg")

PEOPLE = 8


def brand_files(directory: Path, keys: BrandKeys) -> tuple[str, ...]:
    save_keys(keys, directory / "keys")
    (directory / "request.jws").write_text(sign_spec(spec(), keys, now=int(time.time()) - 60))
    return "--keys", str(directory / "keys"), "--request", str(directory / "request.jws")


def workers_of(pid: int) -> set[int]:
    return {int(child) for child in
            Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_workers_share_one_port_store_each_token_once_and_one_that_dies_is_replaced(
    tmp_path: Path, keys: BrandKeys, postgres_url: str
) -> None:
    files = brand_files(tmp_path, keys)
    request = verify_request((tmp_path / "request.jws").read_text(), int(time.time()))
    now = int(time.time())
    tokens = [Person().token(request, iat=now, grant_id=f"grant-{n}") for n in range(PEOPLE)]
    with zpv_brand_serve(*files, "--db", postgres_url, "--workers", "2",
                         directory=tmp_path) as served:
        assert served.line.startswith("Serving "), served.stderr
        first = workers_of(served.process.pid)
        assert len(first) == 2

        with ThreadPoolExecutor(3 * PEOPLE) as pool:  # each token three times, at once
            answers = list(pool.map(lambda token: requests.post(
                served.url + "zpd/grants", data=token, headers={"Content-Type": JWT},
                timeout=TIMEOUT), tokens * 3))
        assert [a.status_code for a in answers] == [202] * len(answers)
        for index in range(PEOPLE):  # a token sent again gets the receipt it got first
            assert len({answers[index + k * PEOPLE].text for k in range(3)}) == 1
        with psycopg.connect(postgres_url) as db:
            stored = db.execute("SELECT COUNT(*) FROM zpd_grants").fetchone()[0]
            seen = db.execute("SELECT COUNT(*) FROM zpd_seen_messages").fetchone()[0]
        assert (stored, seen) == (PEOPLE, PEOPLE)

        killed = min(first)
        os.kill(killed, signal.SIGKILL)
        wait_until(lambda: len(workers_of(served.process.pid) - {killed}) == 2, timeout=30.0)
        served.stderr_match(r"worker \d was stopped by signal SIGKILL; starting it again")
        for _ in range(6):
            assert requests.get(served.url + ".well-known/zero-party-data",
                                timeout=TIMEOUT).status_code == 200
        last = workers_of(served.process.pid)

        served.process.send_signal(signal.SIGTERM)
        assert served.process.wait(TIMEOUT) == 0
        assert served.process.stdout is not None
        rest = served.process.stdout.read()
    wait_until(lambda: not any(alive(pid) for pid in last), timeout=TIMEOUT)
    assert "Serving" not in rest, "one ready line, however many workers"


@pytest.mark.parametrize(("more", "message"), [
    ((), "--workers above 1 needs --db postgresql://... (SQLite has one writer at a time)"),
    (("--workers", "0"), "--workers must be from 1 to 64"),
])
def test_workers_the_database_cannot_take_are_refused_at_start(
    tmp_path: Path, keys: BrandKeys, more: tuple[str, ...], message: str
) -> None:
    files = brand_files(tmp_path, keys)
    result = zpv_brand("serve", *files, "--workers", "2", *more, "--port", "0")
    assert_one_line_error(result, 2, message)
    assert not (tmp_path / "keys" / DEFAULT_SQLITE_NAME).exists()
