"""The one formatter of times: moments from the vault (Unix seconds) as a person reads them
in local time, and durations in days. Translatable (context "TimeWords")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

CONTEXT = "TimeWords"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def date(at: int) -> str:
    """The local date, e.g. "14 Mar 2025"."""
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(at).date(), "d MMM yyyy")


def moment(at: int) -> str:
    """Local date and time, e.g. "14 Mar 2025, 10:02" (month names and clock as the locale has
    them; a locale's own short date can be all digits in an order the reader must guess)."""
    locale = QLocale()
    clock = locale.timeFormat(QLocale.FormatType.ShortFormat).replace(":ss", "")
    return locale.toString(QDateTime.fromSecsSinceEpoch(at), f"d MMM yyyy, {clock}")


def moment_long(at: int) -> str:
    """The full local date and time, with seconds, for tooltips."""
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(at), QLocale.FormatType.LongFormat)


def days(count: int, *, about: bool = False) -> str:
    """A number of days, in years when it is whole years ("10 years", never "3650 days");
    with `about`, months or years beside other long ones."""
    if count >= 365 and count % 365 == 0:
        years = count // 365
        return _tr("1 year") if years == 1 else _tr("{n} years").format(n=years)
    words = _tr("1 day") if count == 1 else _tr("{n} days").format(n=count)
    if not about:
        return words
    if count >= 730:
        rounded = _tr("about {n} years").format(n=round(count / 365.25))
    elif count >= 60:
        rounded = _tr("about {n} months").format(n=round(count / 30.44))
    else:
        return words
    return _tr("{days} ({about})").format(days=words, about=rounded)
