"""One brand's answer, or one message's failure, never stops delivery to the other brands.

Each message's failure, whatever it is, becomes that message's retry with backoff; the
attempt is counted and the next one pushed back before sending, so not even a vault
that dies on a message can keep it at the head of the queue; brands take turns.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.clock import Clock
from tests.support.live_brand import LiveBrand, live_brand
from tests.support.request_only import Person, ShareWith, make_brand
from tests.support.servers import Received, respond, serving
from tests.support.vaults import FAST_KDF, PASSPHRASE, PROJECT_ROOT
from vault.errors import TransportError, TransportFailure
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.outbox import DeliveryState
from vault.exchange.transport import HttpTransport, Response
from vault.vault import Vault
from zpd.errors import ReceiptInvalid, TokenInvalid


def share(vault: Vault, brand: LiveBrand) -> str:
    vault.brands.fetch(brand.origin)  # on this computer: only a fetched brand is reached
    return vault.grants.share(brand.origin, "fit-advice").grant.id


def queued_row(vault: Vault, grant_id: str) -> tuple[DeliveryState, int, str | None, int]:
    [(state, attempts, error, next_at)] = vault._store.query(
        "SELECT state, attempts, last_error, next_attempt_at FROM outbox WHERE grant_id = ?",
        (grant_id,))
    return DeliveryState(state), int(attempts), error, int(next_at)


def test_a_retry_after_of_superscript_two_does_not_stop_a_revocation_to_another_brand(
    person: Person, share_with: ShareWith,
) -> None:
    """`Retry-After: ²` (U+00B2, one Latin-1 byte on the wire) is a digit to str.isdigit."""
    def busy(conn: socket.socket, _: Received) -> None:
        respond(conn, 503, headers={"Retry-After": "\u00b2"})

    with live_brand() as other, serving(busy) as server:
        kept = share(person.vault, other)
        person.vault.delivery.flush()
        assert other.holds() == {kept: {"shoe_size_eu": 42, "favourite_colours": ["navy"]}}
        stuck = share_with(make_brand(server.origin, server))  # first in the queue
        person.vault.grants.revoke(kept)  # queued after it

        report = person.vault.delivery.flush()

        assert other.holds() == {kept: {}} and other.statuses()[kept] == "revoked"
        assert len(server.received) == 1
    summary = person.vault.delivery.summary(kept)
    assert summary is not None and summary.status is DeliveryStatus.DELETION_CONFIRMED
    state, attempts, error, next_at = queued_row(person.vault, stuck)
    assert (state, attempts, error) == (DeliveryState.QUEUED, 1, "HTTP 503")
    assert 5 <= next_at - person.clock.now <= 10, "the header is ignored: ordinary backoff"
    assert len(report.delivered) == 1 and len(report.retrying) == 1 and report.errors == {}
    assert person.vault.audit.verify().ok


def test_a_refusal_the_vault_cannot_store_as_sent_does_not_stop_another_brand(
    person: Person, share_with: ShareWith,
) -> None:
    """A refusal whose description is a lone surrogate (valid JSON, not valid UTF-8)."""
    refusal = b'{"err": "invalid_request", "description": "\\udc80 no"}'
    with live_brand() as other, serving(lambda c, _: respond(c, 400, refusal)) as server:
        refused = share_with(make_brand(server.origin, server))
        kept = share(person.vault, other)
        person.vault.delivery.flush()
        assert kept in other.holds()
    summary = person.vault.delivery.summary(refused)
    assert summary is not None and summary.status is DeliveryStatus.FAILED
    assert summary.detail == "invalid_request: \ufffd no"
    assert person.vault.audit.verify().ok


class FailingFor(HttpTransport):
    """The vault's real transport, except that exchanges with one origin raise `error`:
    before anything is sent, or after the brand has answered."""

    def __init__(self, origin: str, error: BaseException, after: bool) -> None:
        super().__init__(connect_timeout=2, total_timeout=3)
        self.origin, self.error, self.after = origin, error, after

    def post(self, url: str, content_type: str, body: str, *,
             local: bool | None = None) -> Response:
        if url.startswith(self.origin + "/"):
            if self.after:
                super().post(url, content_type, body, local=local)
            raise self.error
        return super().post(url, content_type, body, local=local)


class SomeLibraryError(Exception):
    pass


ERRORS: list[Callable[[str], Exception]] = [
    ValueError, TypeError, KeyError, IndexError, AttributeError, ZeroDivisionError,
    OverflowError, RecursionError, RuntimeError, NotImplementedError, AssertionError,
    OSError, ConnectionResetError, TimeoutError, MemoryError, UnicodeError, SomeLibraryError,
    lambda m: UnicodeDecodeError("utf-8", b"\xff", 0, 1, m),
    lambda m: json.JSONDecodeError(m, "{", 0),
    lambda m: TokenInvalid("bad_member", m),
    lambda m: ReceiptInvalid("bad_signature", m),
    lambda m: TransportError(TransportFailure.PROTOCOL, m),
]


@pytest.mark.slow
def test_whatever_one_message_raises_the_other_brands_get_theirs(tmp_path: Path) -> None:
    with live_brand() as failing, live_brand() as other:

        @settings(max_examples=30, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(make=st.sampled_from(ERRORS), message=st.text(max_size=40), after=st.booleans())
        def check(make: Callable[[str], Exception], message: str, after: bool) -> None:
            error = make(message)
            clock = Clock()
            directory = Path(tempfile.mkdtemp(dir=tmp_path)) / "vault"
            Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)[0].lock()
            with Vault.unlock(directory, PASSPHRASE, clock=clock) as vault:
                vault.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=3)
                vault.fields.set("shoe_size_eu", 42)
                revoked = share(vault, other)
                vault.delivery.flush()
                stuck = share(vault, failing)  # first in the queue from here
                vault.grants.revoke(revoked)
                added = share(vault, other)
                vault.delivery.transport = FailingFor(failing.origin, error, after)

                report = vault.delivery.flush()

                held = other.holds()
                assert held[revoked] == {} and held[added] == {"shoe_size_eu": 42}
                state, attempts, last_error, next_at = queued_row(vault, stuck)
                assert state is DeliveryState.QUEUED and attempts == 1
                if isinstance(error, TransportError):  # the brand's fault, an ordinary retry
                    assert report.errors == {} and str(last_error).startswith("protocol")
                else:
                    name = type(error).__name__
                    assert last_error == f"unexpected error: {name}"
                    assert list(report.errors.values()) == [name]
                assert next_at - clock.now >= 5, "in backoff, not at the head of the queue"
                assert vault.audit.verify().ok

        check()


FLUSH_SCRIPT = """
import sys
from pathlib import Path
from vault.vault import Vault
vault = Vault.unlock(Path(sys.argv[1]), sys.argv[2])
report = vault.delivery.flush()
print("delivered", len(report.delivered), flush=True)
"""


def flush_in_a_process(directory: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", FLUSH_SCRIPT, str(directory), PASSPHRASE],
                            cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)


def test_a_message_the_vault_dies_on_every_time_does_not_pin_the_queue(tmp_path: Path) -> None:
    """The brand's answer kills the vault (here: SIGKILL as it arrives), every time."""
    directory = tmp_path / "vault"
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    vault.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=3)
    vault.fields.set("shoe_size_eu", 42)
    state: dict[str, object] = {"kill": False, "pid": 0}

    def deadly(conn: socket.socket, _: Received) -> None:
        if state["kill"]:
            os.kill(int(str(state["pid"])), signal.SIGKILL)
        else:
            respond(conn, 500)

    with live_brand() as other, serving(deadly) as server:
        make_brand(server.origin, server)
        vault.brands.fetch(server.origin)
        stuck = vault.grants.share(server.origin, "fit-advice").grant.id
        for _ in range(3):  # a few failures before: a longer backoff than a process start
            vault.delivery.retry_now(stuck)
            vault.delivery.flush()
        vault.delivery.retry_now(stuck)  # due again now
        kept = share(vault, other)  # queued behind the deadly message
        vault.lock()
        state["kill"] = True

        first = flush_in_a_process(directory)
        state["pid"] = first.pid
        assert first.wait(timeout=60) == -signal.SIGKILL
        assert len(server.received) == 4 and other.holds() == {}

        second = flush_in_a_process(directory)
        state["pid"] = second.pid
        output, _ = second.communicate(timeout=60)
        assert second.returncode == 0 and output == "delivered 1\n"
        assert len(server.received) == 4, "not sent again: it waits in backoff"
        assert kept in other.holds()

    with Vault.unlock(directory, PASSPHRASE) as reopened:
        _, attempts, _, _ = queued_row(reopened, stuck)
        assert attempts == 4, "the fatal attempt was counted before sending"
        assert reopened.audit.verify().ok and reopened.integrity_problems() == []


def test_brands_take_turns_and_each_brand_keeps_its_order(person: Person,
                                                          share_with: ShareWith) -> None:
    arrivals: list[str] = []

    def accept(conn: socket.socket, received: Received) -> None:
        arrivals.append(received.body.decode())
        respond(conn, 202)

    with serving(accept) as first, serving(accept) as second:
        busy = [share_with(make_brand(first.origin, first))]
        busy += [person.vault.grants.share(first.origin, "fit-advice").grant.id for _ in range(2)]
        quiet = [share_with(make_brand(second.origin, second))]
        quiet += [person.vault.grants.share(second.origin, "fit-advice").grant.id]
        body = {i.body: i.grant_id for i in person.vault.delivery.waiting()}
        person.vault.delivery.flush()
    assert [body[a] for a in arrivals] == [busy[0], quiet[0], busy[1], quiet[1], busy[2]]
