"""The watcher on its thread against a real Dovecot: mail delivered while it waits in IDLE."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from vault.leaks.imap import Mailbox
from vault.leaks.scan import Position, ScanResult, Sighting
from vault.leaks.verdict import Judgement
from vault.leaks.watcher import MailboxWatcher, WatchInput, WatchState, WatchStatus

from . import dovecot
from .mail import message
from .test_mailbox import ALIAS, CANARIES, account, brand_mail, leak_mail


class Kept:
    """What the vault keeps between scans: the position, and each sighting once."""

    def __init__(self) -> None:
        self.position: Position | None = None
        self.sightings: list[Sighting] = []
        self.fingerprints: set[tuple[str, str]] = set()
        self.read = 0
        self.statuses: list[WatchStatus] = []
        self.changed = threading.Condition()

    def load(self) -> WatchInput:
        return WatchInput(CANARIES, self.position, dovecot.AUTHSERV_ID)

    def record(self, result: ScanResult) -> None:
        with self.changed:
            self.position = result.position
            self.read += result.messages_read
            for sighting in result.sightings:
                key = (sighting.canary.alias, sighting.fingerprint)
                if key not in self.fingerprints:
                    self.fingerprints.add(key)
                    self.sightings.append(sighting)
            self.changed.notify_all()

    def status(self, status: WatchStatus) -> None:
        with self.changed:
            self.statuses.append(status)
            self.changed.notify_all()

    def wait_for(self, what: str, check: object, seconds: float = 15) -> None:
        deadline = time.monotonic() + seconds
        with self.changed:
            while not check():  # type: ignore[operator]
                left = deadline - time.monotonic()
                assert left > 0, f"no {what}: {self.statuses[-3:]}"
                self.changed.wait(left)

    def leaks(self) -> list[Sighting]:
        return [s for s in self.sightings if s.verdict.judgement is Judgement.LEAK]


@pytest.fixture
def watching(imap_server: dovecot.Dovecot) -> Iterator[tuple[dovecot.Dovecot, Kept]]:
    kept = Kept()
    watcher = MailboxWatcher(lambda: Mailbox(account(imap_server)), kept.load, kept.record,
                             kept.status)
    watcher.start()
    kept.wait_for("idle", lambda: kept.statuses and kept.statuses[-1].state is WatchState.IDLE)
    yield imap_server, kept
    watcher.stop()
    assert kept.statuses[-1].state is WatchState.STOPPED


def test_an_expected_sender_raises_nothing(watching: tuple[dovecot.Dovecot, Kept]) -> None:
    server, kept = watching
    server.deliver(brand_mail())
    kept.wait_for("scan", lambda: kept.read == 1)
    assert [s.verdict.judgement for s in kept.sightings] == [Judgement.EXPECTED]
    assert kept.leaks() == []


def test_a_strangers_mail_to_the_alias_raises_exactly_one_leak(
        watching: tuple[dovecot.Dovecot, Kept]) -> None:
    server, kept = watching
    delivered = time.monotonic()
    server.deliver(leak_mail())
    kept.wait_for("leak", lambda: kept.leaks())
    reported_after = time.monotonic() - delivered
    server.deliver(brand_mail())
    server.deliver(message(sender="x@elsewhere.example", to="alex@alex.example",
                           dkim="elsewhere.example"))
    kept.wait_for("later mail", lambda: kept.read == 3)
    leaks = kept.leaks()
    assert len(leaks) == 1
    assert leaks[0].canary.alias == ALIAS and leaks[0].verdict.sender_domain == (
        "partner-ads.example")
    assert reported_after < 5  # IDLE, not a poll


def test_a_forged_from_is_judged_on_the_authenticated_domain(
        watching: tuple[dovecot.Dovecot, Kept]) -> None:
    server, kept = watching
    server.deliver(message(sender="MegaMart <news@megamart.example>", to=ALIAS,
                           dkim="partner-ads.example", spf="partner-ads.example"))
    kept.wait_for("leak", lambda: kept.leaks())
    leak = kept.leaks()[0]
    assert leak.verdict.from_address == "news@megamart.example"
    assert leak.verdict.sender_domain == "partner-ads.example" and not leak.verdict.aligned
