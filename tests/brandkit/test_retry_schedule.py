"""When a webhook that failed goes again: the Standard Webhooks schedule, each delay moved
by up to a fifth either way so that many receivers do not retry in step, and a
subscriber's Retry-After, in seconds or as an HTTP date, at most a day."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from brandkit.dispatch import MAX_RETRY_AFTER, RetrySchedule, retry_after_seconds

NOW = 1_790_000_000


def http_date(seconds: int) -> str:
    return format_datetime(datetime.fromtimestamp(seconds, UTC), usegmt=True)


def test_the_schedule_is_the_standard_one_and_ends_after_its_last_delay() -> None:
    exact = RetrySchedule(jitter=0.0)
    assert [exact.delay(n) for n in range(1, 9)] == [
        5, 300, 1800, 7200, 18000, 36000, 36000, None]


def test_each_delay_is_moved_by_up_to_a_fifth_either_way_and_not_always_the_same() -> None:
    delays = [RetrySchedule().delay(2) for _ in range(200)]
    assert all(240 <= delay <= 360 for delay in delays if delay is not None)
    assert len({round(delay or 0) for delay in delays}) > 20, "spread, not one value"


@pytest.mark.parametrize(("header", "seconds"), [
    ("", None),
    ("120", 120),
    (" 7 ", 7),
    ("999999999", MAX_RETRY_AFTER),
    (http_date(NOW + 90), 90),
    (http_date(NOW - 90), 0),  # a date passed: now
    (http_date(NOW + 10 * 86400), MAX_RETRY_AFTER),
    ("Wed, 21 Oct 2015 07:28:00", None),  # no zone: not an HTTP date
    ("-5", None),
    ("²", None),  # a digit to str.isdigit, not a number
    ("١٢", None),  # Arabic-Indic digits: not HTTP's
    ("soon", None),
])
def test_retry_after_in_seconds_or_as_an_http_date(header: str, seconds: int | None) -> None:
    assert retry_after_seconds(header, NOW) == seconds
