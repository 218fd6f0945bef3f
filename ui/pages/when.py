"""Times from the vault (Unix seconds) as a person reads them, in local time."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale


def local_time(at: int) -> str:
    """Local date and time, e.g. "14 Mar 2025, 10:02" (month names and clock as the locale has
    them; a locale's own short date can be all digits in an order the reader must guess)."""
    locale = QLocale()
    moment = QDateTime.fromSecsSinceEpoch(at)
    clock = locale.timeFormat(QLocale.FormatType.ShortFormat).replace(":ss", "")
    return locale.toString(moment, f"d MMM yyyy, {clock}")


def local_time_long(at: int) -> str:
    """The full local date and time, with seconds, for tooltips."""
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(at), QLocale.FormatType.LongFormat)
