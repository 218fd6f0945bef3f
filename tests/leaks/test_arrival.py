"""When a message arrived, as the person's server says it: IMAP's INTERNALDATE read in any
locale, and the rule that decides whether mail to a closed alias came after the close."""

from __future__ import annotations

import locale

import pytest

from vault.leaks.imap import FetchedHeader, internal_date
from vault.leaks.message import read_headers
from vault.leaks.scan import LATE_DELIVERY, came_after

CLOSED = 1_800_000_000


@pytest.mark.parametrize(("answer", "expected"), [
    (b'1 (UID 5 INTERNALDATE "17-Jul-1996 02:44:25 -0700" BODY[HEADER] {12}', 837596665),
    (b'2 (INTERNALDATE " 7-Dec-2026 10:00:00 +0000" UID 9 BODY[HEADER] {3}', 1796637600),
    (b'3 (UID 6 INTERNALDATE "07-dec-2026 12:30:00 +0230" BODY[HEADER] {3}', 1796637600),
])
def test_the_servers_arrival_time_is_read_from_a_fetch_answer(answer: bytes,
                                                              expected: int) -> None:
    assert internal_date(answer) == expected


@pytest.mark.parametrize("answer", [
    b'1 (UID 5 BODY[HEADER] {12}', b'INTERNALDATE "17-Jux-1996 02:44:25 -0700"',
    b'INTERNALDATE "31-Feb-2026 02:44:25 +0000"', b'INTERNALDATE "17-Jul-1996 02:44:25"',
    b'INTERNALDATE "17-Jul-1996 99:44:25 +0000"', b"\xff" * 64,
])
def test_an_absent_or_unreadable_arrival_time_is_none(answer: bytes) -> None:
    assert internal_date(answer) is None


def test_month_names_are_imaps_whatever_the_locale() -> None:
    for name in ("el_GR.UTF-8", "de_DE.UTF-8"):
        try:
            previous = locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        try:
            assert internal_date(b'INTERNALDATE "17-Jul-1996 02:44:25 -0700"') == 837596665
        finally:
            locale.setlocale(locale.LC_TIME, previous)


def headers(date: int | None) -> bytes:
    dated = "" if date is None else f"Date: {format_date(date)}\r\n"
    return f"From: news@shoes.example\r\nTo: a@b.example\r\n{dated}\r\n".encode()


def format_date(moment: int) -> str:
    from email.utils import formatdate

    return formatdate(moment, usegmt=True)


@pytest.mark.parametrize(("arrived", "dated", "after"), [
    (CLOSED - 1, CLOSED + 86400, False),  # arrived before, whatever its Date says
    (CLOSED + 10, CLOSED + 5, True),
    (CLOSED + 3600, CLOSED - 60, False),  # sent before the close, held up on the way
    (CLOSED + LATE_DELIVERY + 1, CLOSED - 60, True),  # too late to be held up: backdated
    (CLOSED + 10, None, True),
    (None, CLOSED - 60, False),  # no arrival time: the Date decides
    (None, CLOSED + 60, True),
    (None, None, True),
])
def test_mail_came_after_the_close_by_its_arrival_with_a_window_for_late_delivery(
        arrived: int | None, dated: int | None, after: bool) -> None:
    raw = headers(dated)
    assert came_after(FetchedHeader(1, raw, arrived), read_headers(raw), CLOSED) is after
