"""A server that drops, stalls or lies gives a clear status and no crash."""

from __future__ import annotations

import ssl
import threading
import time
import tracemalloc

import pytest

from vault.leaks.imap import Limits, Mailbox, MailboxAccount, MailboxError, MailboxProblem
from vault.leaks.scan import scan
from vault.leaks.watcher import MailboxWatcher, Timing, WatchInput, WatchState, WatchStatus

from .rogue_imap import (
    Script,
    examine_ok,
    greet_and_login,
    read_command,
    rogue_server,
    until_client_leaves,
)

QUICK = Limits(connect_timeout=2, command_timeout=1.5)


def problem_with(script: Script, names: tuple[str, ...] = ("127.0.0.1",),
                 limits: Limits = QUICK) -> MailboxProblem:
    with rogue_server(script, names) as (port, bundle):
        mailbox = Mailbox(MailboxAccount("127.0.0.1", "alex", "pw", port=port,
                                         ca_bundle=bundle), limits)
        with pytest.raises(MailboxError) as failed:
            mailbox.connect()
            scan(mailbox, None, {})
        mailbox.close()
        return failed.value.reason


def stall_forever(tls: ssl.SSLSocket) -> None:
    until_client_leaves(tls)


def test_a_server_that_never_greets_times_out() -> None:
    started = time.monotonic()
    assert problem_with(stall_forever) is MailboxProblem.TIMEOUT
    assert time.monotonic() - started < 6


def test_a_server_that_drips_its_greeting_times_out() -> None:
    def drip(tls: ssl.SSLSocket) -> None:
        for byte in b"* OK " + b"x" * 1000:
            tls.sendall(bytes([byte]))
            time.sleep(0.1)
    started = time.monotonic()
    assert problem_with(drip) is MailboxProblem.TIMEOUT
    assert time.monotonic() - started < 6


def test_garbage_instead_of_a_greeting_is_a_protocol_problem() -> None:
    def garbage(tls: ssl.SSLSocket) -> None:
        tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>\r\n")
        until_client_leaves(tls)
    assert problem_with(garbage) is MailboxProblem.PROTOCOL


def test_a_certificate_for_another_name_is_a_tls_problem() -> None:
    assert problem_with(stall_forever, names=("imap.elsewhere.example",)) is MailboxProblem.TLS


def test_a_server_that_hangs_up_mid_answer_is_closed() -> None:
    def hang_up(tls: ssl.SSLSocket) -> None:
        greet_and_login(tls)
        examine_ok(tls)
        read_command(tls)
        tls.sendall(b"* 1 FETCH (UID 1 BODY[HEADER.FIELDS (FROM)] {500}\r\nFrom: a")
    assert problem_with(hang_up) is MailboxProblem.CLOSED


def test_a_huge_literal_is_refused_before_it_is_read() -> None:
    def huge(tls: ssl.SSLSocket) -> None:
        greet_and_login(tls)
        examine_ok(tls)
        read_command(tls)
        tls.sendall(b"* 1 FETCH (UID 1 BODY[HEADER.FIELDS (FROM)] {99999999999}\r\n")
        until_client_leaves(tls)
    tracemalloc.start()
    try:
        assert problem_with(huge) is MailboxProblem.PROTOCOL
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


def test_a_fetch_answer_that_is_not_imap_is_a_protocol_problem() -> None:
    def lies(tls: ssl.SSLSocket) -> None:
        greet_and_login(tls)
        examine_ok(tls)
        tag, _ = read_command(tls)
        tls.sendall(b"\x00\xff garbage \x01\r\n" + tag + b" OK done\r\n")
        until_client_leaves(tls)
    assert problem_with(lies) is MailboxProblem.PROTOCOL


def test_no_uidvalidity_is_a_protocol_problem() -> None:
    def no_uidvalidity(tls: ssl.SSLSocket) -> None:
        greet_and_login(tls)
        tag, _ = read_command(tls)
        tls.sendall(b"* 2 EXISTS\r\n" + tag + b" OK [READ-ONLY] done\r\n")
        until_client_leaves(tls)
    assert problem_with(no_uidvalidity) is MailboxProblem.PROTOCOL


def test_the_watcher_reports_each_failure_and_keeps_trying_until_stopped() -> None:
    statuses: list[WatchStatus] = []
    changed = threading.Event()

    def seen(status: WatchStatus) -> None:
        statuses.append(status)
        changed.set()

    with rogue_server(stall_forever) as (port, bundle):
        account = MailboxAccount("127.0.0.1", "alex", "pw", port=port, ca_bundle=bundle)
        watcher = MailboxWatcher(
            lambda: Mailbox(account, QUICK), lambda: WatchInput({}, None),
            lambda result: None, seen,
            Timing(first_retry=0.2, longest_retry=0.4))
        watcher.start()
        deadline = time.monotonic() + 15
        while sum(s.state is WatchState.RETRYING for s in statuses) < 2:
            assert time.monotonic() < deadline, statuses
            changed.wait(0.5)
            changed.clear()
        started = time.monotonic()
        watcher.stop()
        assert time.monotonic() - started < 2
    retries = [s for s in statuses if s.state is WatchState.RETRYING]
    assert all(s.problem is MailboxProblem.TIMEOUT for s in retries)
    assert statuses[-1].state is WatchState.STOPPED
