"""`zpv-brand serve --webhooks` and `zpv-brand webhooks` in subprocesses, as a brand runs
them: a bad file refused at start, events over real HTTP, a receiver SIGKILLed while an
event is on its way losing nothing, and the outbox listed and retried."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from brandkit.issuing import sign_spec
from brandkit.keys import create_keys
from tests.support.log_text import mentions_number
from tests.support.people import Person, spec
from tests.support.waiting import wait_until
from zpd.request import verify_request

from .live import TIMEOUT, zpv_brand_serve
from .subscriber import subscriber_server, webhooks_file
from .test_cli import assert_one_line_error
from .test_server_cli import Brand, post_token, zpv_brand

WAIT = 30.0


@pytest.fixture(scope="module")
def brand(tmp_path_factory: pytest.TempPathFactory) -> Brand:
    root = tmp_path_factory.mktemp("brand")
    keys = create_keys(root / "keys")
    jws = sign_spec(spec(), keys, now=int(time.time()) - 60)
    (root / "request.jws").write_text(jws + "\n")
    return Brand(root / "keys", keys, root / "request.jws", verify_request(jws, int(time.time())))


def serve_args(brand: Brand, db: Path, *more: str) -> tuple[str, ...]:
    return ("--keys", str(brand.keys_dir), "--request", str(brand.request_file),
            "--db", str(db), *more)


@pytest.mark.parametrize(("subscribers", "message"), [
    ([{"name": "crm", "url": "http://crm.example/hook", "secret": "whsec_x", "events": ["*"]}],
     "subscriber 'crm': url may be plain http only to a loopback host"),
    ([{"name": "crm", "url": "https://crm.example/", "secret": "s", "events": ["*"]}],
     "subscriber 'crm': secret must be a Standard Webhooks secret"),
])
def test_a_bad_webhooks_file_stops_serve_before_it_listens(
    brand: Brand, tmp_path: Path, subscribers: list[dict[str, Any]], message: str
) -> None:
    path = webhooks_file(tmp_path / "webhooks.json", subscribers)
    db = tmp_path / "receiver.sqlite3"
    result = zpv_brand("serve", *serve_args(brand, db, "--webhooks", str(path)))
    assert result.returncode == 2, result.stderr
    assert_one_line_error(result, 2, message)
    assert "Serving" not in result.stdout
    assert not db.exists(), "refused before the database was opened"


@pytest.mark.parametrize("deadline", ["0", "-1d", "400d", "soon", "1w"])
def test_a_bad_deletion_deadline_is_a_usage_error(
    brand: Brand, tmp_path: Path, deadline: str
) -> None:
    result = zpv_brand("serve", *serve_args(brand, tmp_path / "r.sqlite3",
                                            f"--deletion-deadline={deadline}"))
    assert_one_line_error(result, 2, "--deletion-deadline must be a duration from 1s to 365d")


def test_serve_sends_each_token_to_the_subscriber_over_http(
    brand: Brand, tmp_path: Path
) -> None:
    person = Person()
    with subscriber_server() as crm:
        path = webhooks_file(tmp_path / "webhooks.json", [crm.config("crm")])
        with zpv_brand_serve(*serve_args(brand, tmp_path / "r.sqlite3", "--webhooks",
                                         str(path)), directory=tmp_path) as served:
            token = person.token(brand.request, iat=int(time.time()), data={"shoe_size_eu": 44})
            assert post_token(served.url, token).status_code == 202
            events = crm.wait_for(1)
    assert crm.rejected == 0
    assert events[0]["type"] == "grant.stored"
    assert events[0]["data"]["values"] == {"shoe_size_eu": 44}
    assert events[0]["data"]["pseudonym"] == person.pseudonym
    assert not mentions_number(served.stderr, "44") and crm.secret not in served.stderr
    assert "shoe_size_eu" not in served.stderr


def test_a_receiver_killed_while_sending_loses_nothing_and_the_event_keeps_its_id(
    brand: Brand, tmp_path: Path
) -> None:
    db = tmp_path / "r.sqlite3"
    person = Person()
    with subscriber_server() as crm:
        crm.behaviour, crm.slow_seconds = "slow", 3.0
        path = webhooks_file(tmp_path / "webhooks.json", [crm.config("crm", timeout=2)])
        args = serve_args(brand, db, "--webhooks", str(path))
        with zpv_brand_serve(*args, directory=tmp_path) as served:
            token = person.token(brand.request, iat=int(time.time()))
            assert post_token(served.url, token).status_code == 202
            wait_until(lambda: crm.arrived >= 1, timeout=WAIT)
            served.process.send_signal(signal.SIGKILL)
            served.process.wait(TIMEOUT)
        crm.behaviour = "ok"
        listed = zpv_brand("webhooks", "list", "--db", str(db), "--json")
        pending = [json.loads(line) for line in listed.stdout.splitlines()]
        assert [e["state"] for e in pending] == ["pending"], "stored with the token, unsent"
        with zpv_brand_serve(*args, directory=tmp_path):
            # Its lease ran out, then it went again.
            wait_until(lambda: len(crm.deliveries) >= 2, timeout=WAIT)
        status = zpv_brand("webhooks", "status", "--db", str(db), "--json")
    assert {event_id for event_id, _ in crm.deliveries} == {pending[0]["id"]}
    assert len(crm.events()) == 1, "a subscriber that de-duplicates by id sees it once"
    assert json.loads(status.stdout)["crm"]["events"]["delivered"] == 1


def test_webhooks_lists_failed_events_and_retries_them(brand: Brand, tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite3"
    with subscriber_server() as crm:
        crm.behaviour = "redirect"
        path = webhooks_file(tmp_path / "webhooks.json", [crm.config("crm")])
        args = serve_args(brand, db, "--webhooks", str(path))
        with zpv_brand_serve(*args, directory=tmp_path) as served:
            for person in (Person(), Person()):
                token = person.token(brand.request, iat=int(time.time()),
                                     grant_id=f"grant-{person.pseudonym[-8:]}")
                assert post_token(served.url, token).status_code == 202
            wait_until(lambda: len(crm.deliveries) >= 2, timeout=WAIT)
        text = zpv_brand("webhooks", "list", "--db", str(db), "--subscriber", "crm")
        assert text.returncode == 0
        lines = text.stdout.splitlines()
        assert len(lines) == 2
        assert all("pending" in line and "last: redirect: not followed" in line
                   for line in lines)
        with sqlite3.connect(db) as connection:  # as if the schedule had run out
            connection.execute("UPDATE zpd_webhooks SET state = 'failed'")
        connection.close()
        first = lines[0].split()[0]
        retried = zpv_brand("webhooks", "retry", "--db", str(db), first)
        assert retried.stdout.strip() == "1 failed event to be sent again"
        crm.behaviour = "ok"
        before = len(crm.deliveries)
        with zpv_brand_serve(*args, directory=tmp_path):
            wait_until(lambda: len(crm.deliveries) > before, timeout=WAIT)
            time.sleep(0.5)
        status = zpv_brand("webhooks", "status", "--db", str(db))
    assert [event_id for event_id, _ in crm.deliveries[before:]] == [first]
    assert status.stdout.strip() == "crm: 0 pending, 1 delivered, 1 failed, 0 superseded"
    usage = zpv_brand("webhooks", "list", "--db", str(db), "--state", "lost")
    assert usage.returncode == 2
