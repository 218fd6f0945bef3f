"""A local Maildir read as the mailbox (the demo's stand-in for an IMAP server): the same
scan and watcher as over IMAP, headers only, nothing in the folder ever changed."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

import pytest

from vault.leaks.imap import MailboxError, MailboxProblem
from vault.leaks.maildir import Maildir
from vault.leaks.scan import scan
from vault.leaks.verdict import Judgement
from vault.leaks.watcher import MailboxWatcher, Timing, WatchState

from . import dovecot
from .test_mailbox import CANARIES, brand_mail, leak_mail
from .test_watcher import Kept


def maildir(tmp_path: Path) -> Path:
    for sub in ("new", "cur", "tmp"):
        (tmp_path / "Maildir" / sub).mkdir(parents=True)
    return tmp_path / "Maildir"


def deliver(root: Path, message: bytes, *, into: str = "new") -> Path:
    name = f"{time.time_ns()}.{uuid.uuid4().hex}.test"
    (root / "tmp" / name).write_bytes(message)
    final = root / into / (name + (":2,S" if into == "cur" else ""))
    os.rename(root / "tmp" / name, final)
    return final


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(root)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in root.rglob("*") if p.is_file()}


def test_a_scan_of_a_maildir_judges_each_message_and_then_reads_only_new_mail(
        tmp_path: Path) -> None:
    root = maildir(tmp_path)
    deliver(root, brand_mail(), into="cur")  # read by a mail client already
    deliver(root, leak_mail())
    before = snapshot(root)
    first = scan(Maildir(root), None, CANARIES, dovecot.AUTHSERV_ID)
    assert first.messages_read == 2
    assert [s.verdict.judgement for s in first.sightings] == [Judgement.EXPECTED,
                                                              Judgement.LEAK]
    (leak,) = [s for s in first.sightings if s.verdict.judgement is Judgement.LEAK]
    assert leak.full_header is not None and leak.full_header.endswith(b"\r\n\r\n")
    assert b"Hello" not in leak.full_header, "headers only"
    assert snapshot(root) == before, "read-only: nothing renamed, flagged or removed"

    again = scan(Maildir(root), first.position, CANARIES, dovecot.AUTHSERV_ID)
    assert again.messages_read == 0
    deliver(root, leak_mail())
    later = scan(Maildir(root), again.position, CANARIES, dovecot.AUTHSERV_ID)
    assert later.messages_read == 1 and len(later.sightings) == 1


def test_a_folder_that_is_no_maildir_is_a_folder_problem(tmp_path: Path) -> None:
    with pytest.raises(MailboxError) as raised:
        Maildir(tmp_path / "nowhere").connect()
    assert raised.value.reason is MailboxProblem.FOLDER


def test_the_watcher_reports_a_leak_delivered_into_the_maildir(tmp_path: Path) -> None:
    root = maildir(tmp_path)
    kept = Kept()
    watcher = MailboxWatcher(lambda: Maildir(root), kept.load, kept.record, kept.status,
                             Timing(poll_seconds=30.0))
    watcher.start()
    try:
        kept.wait_for("polling", lambda: kept.statuses
                      and kept.statuses[-1].state is WatchState.POLLING)
        deliver(root, brand_mail())
        deliver(root, leak_mail())
        kept.wait_for("leak", lambda: kept.leaks(), seconds=5)  # the poll ticks each second
        assert len(kept.leaks()) == 1 and kept.read == 2
    finally:
        watcher.stop()
    assert kept.statuses[-1].state is WatchState.STOPPED
