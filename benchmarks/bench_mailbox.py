"""The mailbox watched for leaks, on a real Dovecot (tests/leaks/dovecot.py):

- the first scan of a 10,000-message inbox, headers only, within 10 s; the same run's
  baseline is reading those messages' header fields straight from the Maildir's files
  (no IMAP, no TLS), for the ratio;
- a new message to an alias reported as a leak within 5 s of its delivery, with IDLE.

Skipped, with the reason, where Dovecot is not installed (.ci/run installs it).
"""

from __future__ import annotations

import threading
import time
from email.parser import BytesHeaderParser

from tests.leaks import dovecot
from tests.leaks.mail import message
from vault.leaks.imap import Mailbox, MailboxAccount
from vault.leaks.scan import Canary, Position, ScanResult, scan
from vault.leaks.verdict import BrandSenders
from vault.leaks.watcher import MailboxWatcher, Timing, WatchInput, WatchState, WatchStatus

from .common import Verdict

MESSAGES = 10_000
FIRST_SCAN_TARGET = 10.0
LEAK_LATENCY_TARGET = 5.0
ALIAS = "megamart-x7k2@alex.example"
CANARIES = {ALIAS: Canary(ALIAS, BrandSenders("https://megamart.example"), "grant-1")}


def run() -> list[Verdict]:
    if not dovecot.available():
        print(f"mailbox: skipped ({dovecot.MISSING})")
        return []
    server = dovecot.start()
    try:
        return [_first_scan(server), _leak_latency(server)]
    finally:
        server.stop()


def _account(server: dovecot.Dovecot) -> MailboxAccount:
    return MailboxAccount("127.0.0.1", dovecot.USER, dovecot.PASSWORD, server.port,
                          authserv_id=dovecot.AUTHSERV_ID, ca_bundle=server.ca_bundle)


def _first_scan(server: dovecot.Dovecot) -> Verdict:
    mail = [message(sender=f"n{i}@news.example",
                    to=ALIAS if i % 100 == 0 else "alex@alex.example",
                    dkim="news.example") for i in range(MESSAGES)]
    server.deliver_many(mail)
    start = time.perf_counter()
    with Mailbox(_account(server)) as mailbox:
        result = scan(mailbox, None, CANARIES, dovecot.AUTHSERV_ID)
    elapsed = time.perf_counter() - start
    assert result.messages_read == MESSAGES and len(result.leaks) == MESSAGES // 100
    baseline = _read_maildir(server)
    return Verdict("mailbox first scan of 10,000 messages", elapsed, FIRST_SCAN_TARGET, " s",
                   note=f"{MESSAGES / elapsed:,.0f} messages/s; {elapsed / baseline:.1f}x "
                        f"reading the Maildir's files directly ({baseline:.2f} s)")


def _read_maildir(server: dovecot.Dovecot) -> float:
    parser = BytesHeaderParser()
    start = time.perf_counter()
    for folder in ("new", "cur"):
        for path in (server.maildir / folder).iterdir():
            with open(path, "rb") as handle:
                parser.parse(handle).get_all("To")
    return time.perf_counter() - start


def _leak_latency(server: dovecot.Dovecot) -> Verdict:
    position: list[Position | None] = [None]
    seen = threading.Event()
    ready = threading.Event()

    def record(result: ScanResult) -> None:
        position[0] = result.position
        if any(s.headers.subject == "the new leak" for s in result.leaks):
            seen.set()

    def status(now: WatchStatus) -> None:
        if now.state is WatchState.IDLE:
            ready.set()

    watcher = MailboxWatcher(
        lambda: Mailbox(_account(server)),
        lambda: WatchInput(CANARIES, position[0], dovecot.AUTHSERV_ID),
        record, status, Timing(idle_seconds=60.0))
    watcher.start()
    try:
        if not ready.wait(120):
            raise RuntimeError("the watcher never reached IDLE")
        start = time.perf_counter()
        server.deliver(message(sender="offers@partner-ads.example", to=ALIAS,
                               dkim="partner-ads.example", subject="the new leak"))
        reported = seen.wait(30)
        elapsed = time.perf_counter() - start if reported else float("inf")
    finally:
        watcher.stop()
    return Verdict("mailbox new leak reported after delivery (IDLE)", elapsed,
                   LEAK_LATENCY_TARGET, " s")
