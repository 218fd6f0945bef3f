"""Reading a message's header fields for a scan (vault/leaks/message.py)."""

from __future__ import annotations

import calendar

from vault.leaks.message import read_headers

AT = calendar.timegm((2026, 3, 12, 9, 30, 0))


def header(date: str) -> bytes:
    return (f"From: offers@partner-ads.example\r\nTo: megamart-k3x9@alex.example\r\n"
            f"Date: {date}\r\nSubject: Offers\r\n\r\n").encode()


def test_a_date_in_utc_with_no_known_zone_is_still_the_moment_it_says() -> None:
    # RFC 5322 3.3: "-0000" is a time in UTC whose sender's zone is unknown; Python's
    # email.utils.formatdate writes it so.
    assert read_headers(header("Thu, 12 Mar 2026 09:30:00 -0000")).date == AT
    assert read_headers(header("Thu, 12 Mar 2026 11:30:00 +0200")).date == AT
    assert read_headers(header("Thu, 12 Mar 2026 09:30:00 GMT")).date == AT


def test_a_date_that_is_no_date_is_none() -> None:
    assert read_headers(header("sometime in March")).date is None
