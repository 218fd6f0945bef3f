"""A brand's `Retry-After` header, read strictly (RFC 9110, section 10.2.3).

Only the two forms the RFC defines are understood: delay-seconds (ASCII digits)
and an HTTP-date (IMF-fixdate, or the obsolete RFC 850 and asctime forms a
recipient must still accept). Anything else is ignored, never an error: the
header is the brand's text, and a header field may carry any Latin-1 character
("²" is a digit to `str.isdigit` but not to `int`).
"""

from __future__ import annotations

import calendar
import re
import time

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = "Mon|Tue|Wed|Thu|Fri|Sat|Sun"
_LONG_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTH = "|".join(MONTHS)
_TIME = r"(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})"
_FORMS = (
    # Sun, 06 Nov 1994 08:49:37 GMT
    re.compile(rf"(?:{_DAYS}), (?P<day>[0-9]{{2}}) (?P<month>{_MONTH}) (?P<year>[0-9]{{4}}) "
               rf"{_TIME} GMT", re.ASCII),
    # Sunday, 06-Nov-94 08:49:37 GMT
    re.compile(rf"(?:{_LONG_DAYS}), (?P<day>[0-9]{{2}})-(?P<month>{_MONTH})-(?P<year>[0-9]{{2}}) "
               rf"{_TIME} GMT", re.ASCII),
    # Sun Nov  6 08:49:37 1994
    re.compile(rf"(?:{_DAYS}) (?P<month>{_MONTH}) (?P<day>[ 0-9][0-9]) {_TIME} "
               rf"(?P<year>[0-9]{{4}})", re.ASCII),
)
_SECONDS = re.compile(r"[0-9]+", re.ASCII)
# More digits than this is "longer than any wait we honour" (and int() of thousands of
# digits is refused by Python): taken as this many seconds, then capped by the caller.
MAX_DIGITS = 9
LONGEST = 10**MAX_DIGITS - 1


def seconds_to_wait(value: str, now: int) -> int | None:
    """How long the brand asks to wait, in seconds from `now`; None when the header is
    absent or not one of the RFC's forms. A date in the past means 0."""
    value = value.strip(" \t")
    if _SECONDS.fullmatch(value):
        return LONGEST if len(value) > MAX_DIGITS else int(value)
    when = _http_date(value, now)
    return None if when is None else max(0, when - now)


def _http_date(value: str, now: int) -> int | None:
    for form in _FORMS:
        match = form.fullmatch(value)
        if match is None:
            continue
        year = int(match["year"])
        if len(match["year"]) == 2:
            # RFC 9110: a two-digit year more than 50 years ahead is the last such year past.
            this_year = time.gmtime(now).tm_year
            year += this_year - this_year % 100
            if year > this_year + 50:
                year -= 100
        day, hour, minute, second = (int(match[k].strip()) for k in
                                     ("day", "hour", "minute", "second"))
        if not (1 <= day <= calendar.monthrange(year, MONTHS.index(match["month"]) + 1)[1]
                and hour < 24 and minute < 60 and second < 61):
            return None
        return calendar.timegm((year, MONTHS.index(match["month"]) + 1, day,
                                hour, minute, min(second, 59)))
    return None
