"""A brand's Retry-After, read strictly: delay-seconds or an HTTP-date, nothing else."""

from __future__ import annotations

import calendar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vault.exchange.retry_after import LONGEST, seconds_to_wait

NOW = calendar.timegm((2025, 3, 1, 12, 0, 0))


@pytest.mark.parametrize(("value", "seconds"), [
    ("120", 120),
    (" \t120 ", 120),
    ("0", 0),
    ("007", 7),
    ("9" * 5000, LONGEST),  # int() refuses that many digits; it means "a long time"
    ("Sat, 01 Mar 2025 12:02:00 GMT", 120),  # IMF-fixdate
    ("Saturday, 01-Mar-25 12:02:00 GMT", 120),  # RFC 850
    ("Sat Mar  1 12:02:00 2025", 120),  # asctime
    ("Sat, 01 Mar 2025 11:00:00 GMT", 0),  # in the past: now
    ("Sunday, 01-Mar-99 12:00:00 GMT", 0),  # 1999, not 2099: over 50 years ahead
    ("Sat, 01 Mar 2025 12:02:60 GMT", 179),  # a leap second: the minute's last second
])
def test_the_rfc_forms_are_read(value: str, seconds: int) -> None:
    assert seconds_to_wait(value, NOW) == seconds


@pytest.mark.parametrize("value", [
    "", " ", "\u00b2", "\u00b9\u00b2", "\u00bd", "\uff11\uff12", "\u0661\u0662", "\u09e8",
    "-5", "+5", "1.5", "1e3", "0x10", "12 seconds", "12,13", "\u00a0120",
    "Sat, 01 Mar 2025 12:02:00 +0000", "Sat, 1 Mar 2025 12:02:00 GMT",
    "Sat, 31 Feb 2025 12:02:00 GMT", "Sat, 01 Mar 2025 24:00:00 GMT",
    "sat, 01 mar 2025 12:02:00 gmt", "Sat, 01 M\u00e4r 2025 12:02:00 GMT",
    "Sat, \u0660\u0661 Mar 2025 12:02:00 GMT", "Sat, 01 Mar 2025 12:02:00 GMT junk",
    "tomorrow",
])
def test_anything_else_is_ignored(value: str) -> None:
    assert seconds_to_wait(value, NOW) is None


@given(st.text(), st.integers(min_value=0, max_value=2**40))
def test_no_text_raises(value: str, now: int) -> None:
    seconds = seconds_to_wait(value, now)
    assert seconds is None or 0 <= seconds <= max(LONGEST, 10**13)


@given(st.text(alphabet=st.characters(codec="latin-1"), max_size=40))
def test_a_latin_1_header_is_a_delay_only_when_it_is_ascii_digits(value: str) -> None:
    """Any text a header can carry (Latin-1); no date is made up at random, so only
    ASCII digits are a delay."""
    stripped = value.strip(" \t")
    if stripped and all("0" <= c <= "9" for c in stripped):
        expected = int(stripped) if len(stripped) <= 9 else LONGEST
        assert seconds_to_wait(value, NOW) == expected
    else:
        assert seconds_to_wait(value, NOW) is None
