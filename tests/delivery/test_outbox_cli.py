"""`zpv outbox` and `zpv outbox flush` ("deliver now") in a subprocess, against brands on
loopback: what "now" sends, what the listing shows, and a failure said in words."""

from __future__ import annotations

import json
import socket

from tests.support.addresses import resolving
from tests.support.cli import run_cli
from tests.support.live_brand import live_brand
from tests.support.request_only import Person, ShareWith, make_brand
from tests.support.servers import Received, respond, serving
from vault.exchange.brands import RequestSource
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.transport import HttpTransport


def cli(person: Person, *args: str) -> tuple[int, str, str]:
    if not person.vault.is_locked:
        person.vault.lock()  # one process at a time
    result = run_cli("outbox", *args, vault_dir=person.directory)
    return result.returncode, result.stdout, result.stderr


def test_deliver_now_sends_what_waits_out_its_backoff(person: Person,
                                                      share_with: ShareWith) -> None:
    answers = [500]

    def brand(conn: socket.socket, _: Received) -> None:
        respond(conn, answers.pop(0) if answers else 202)

    with serving(brand) as server:
        share_with(make_brand(server.origin, server))
        assert person.vault.delivery.flush().retrying  # now in backoff, 5 to 10 s
        code, out, err = cli(person, "flush")
        assert (code, err) == (0, "")
        assert len(server.received) == 2
    assert out.splitlines() == ["Delivered 1, refused 0, will retry 0.",
                                "Nothing waits: every token and event was delivered."]


def test_deliver_now_still_waits_as_long_as_the_brand_asked(person: Person,
                                                            share_with: ShareWith) -> None:
    with serving(lambda conn, _: respond(conn, 429, headers={"Retry-After": "3600"})) as server:
        grant_id = share_with(make_brand(server.origin, server))
        person.vault.delivery.flush()
        assert person.vault.delivery.retry_now(grant_id) == 0
        assert person.vault.delivery.deliver_now().attempted == 0
        code, out, err = cli(person, "flush")
        assert (code, err) == (0, "")
        assert len(server.received) == 1
    [line] = [ln for ln in out.splitlines() if ln.startswith(grant_id[:8])]
    assert "(the brand asked to wait), last attempt: HTTP 429" in line


def test_a_refused_version_is_no_longer_listed_once_a_later_one_was_delivered(
    person: Person, share_with: ShareWith,
) -> None:
    refusal = json.dumps({"err": "invalid_request", "description": "size out of range"})
    answers = [(400, refusal.encode())]

    def brand(conn: socket.socket, _: Received) -> None:
        respond(conn, *(answers.pop(0) if answers else (202, b"")))

    with serving(brand) as server:
        grant_id = share_with(make_brand(server.origin, server))
        person.vault.delivery.flush()
        [refused] = person.vault.delivery.waiting()
        assert refused.state.value == "failed"
        person.vault.fields.set("shoe_size_eu", 43)  # version 2
        person.vault.delivery.flush()
        assert len(server.received) == 2
    assert person.vault.delivery.waiting() == []
    summary = person.vault.delivery.summary(grant_id)
    assert summary is not None and summary.status is DeliveryStatus.DELIVERED
    code, out, _ = cli(person)
    assert (code, out) == (0, "Nothing waits: every token and event was delivered.\n")


def test_a_message_the_vault_fails_on_is_said_and_the_others_are_delivered(
    person: Person,
) -> None:
    """A fault of the vault's own on one message (here: the brand's pinned key damaged,
    so its receipt cannot be checked) is named, and the other brand's message leaves."""
    with live_brand() as damaged, live_brand() as other:
        for brand in (damaged, other):
            person.vault.brands.fetch(brand.origin)
        first = person.vault.grants.share(damaged.origin, "fit-advice").grant.id
        second = person.vault.grants.share(other.origin, "fit-advice").grant.id
        with person.vault._store.transaction() as connection:
            connection.execute("UPDATE brands SET signing_jwk = '{' WHERE origin = ?",
                               (damaged.origin,))
        code, out, err = cli(person, "flush")
        assert second in other.holds() and first in damaged.holds()
        assert code == 1 and "Traceback" not in err
        assert err == (f"zpv: a message of grant {first[:8]} to {damaged.origin} was not "
                       "delivered: unexpected error (JSONDecodeError); it will be tried again\n")
        assert out.startswith("Delivered 1, refused 0, will retry 1.\n")
        code, out, err = cli(person, "flush", "--json")  # now: past its backoff, and again
    document = json.loads(out)
    [waiting] = document["waiting"]
    assert code == 1 and waiting["grant"] == first and waiting["attempts"] == 2
    assert document["flushed"]["errors"] == [
        {"message": waiting["message"], "error": "JSONDecodeError"}]
    assert waiting["last_error"] == "unexpected error: JSONDecodeError"


def test_a_brand_whose_address_is_refused_is_said_why_in_words(person: Person) -> None:
    """A brand known only from a file, whose name leads to this computer: the listing says
    in words why the vault keeps it waiting, and where the name led."""
    with serving(lambda conn, _: respond(conn, 202)) as server:
        brand = make_brand(f"https://shop.corp:{server.port}")
        person.vault.brands.import_request(brand.request, RequestSource.FILE)
        person.vault.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=3,
                                           resolve=resolving({"shop.corp": "127.0.0.1"}))
        grant_id = person.vault.grants.share(brand.origin, "fit-advice").grant.id
        assert person.vault.delivery.flush().retrying and server.connections == 0
        code, out, err = cli(person)
    assert (code, err) == (0, "")
    [line] = [ln for ln in out.splitlines() if ln.startswith(grant_id[:8])]
    assert line.endswith(
        ", last attempt: the vault does not go where that address leads: this computer only "
        "as localhost or 127.0.0.1 and the local network only over https, both only for a "
        "brand whose request was fetched from its own address; special-purpose addresses "
        "never (shop.corp is 127.0.0.1, on this computer)")
