"""Say a short sentence to assistive technology: what a screen reader speaks when the vault
locks, a share reaches its brand or a brand confirms deletion, besides what the window
shows (a colour, a badge, a line in the status bar is not read unless the person goes to it).

Qt posts it as an announcement event (AT-SPI's `object:announcement`, UI Automation's
notification): polite waits for the screen reader to finish what it says, assertive
interrupts it, for what the person must know at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent


def announce(source: QObject, text: str, *, assertive: bool = False) -> None:
    """Announce `text` (plain words, already translated) on behalf of `source`'s window."""
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


class ChangeAnnouncer:
    """Announces a line only when it changes: a status that is shown again on every refresh
    (a delivery run every few seconds) is said once, and again once it was cleared."""

    def __init__(self, source: QObject, *, assertive: bool = False) -> None:
        self._source = source
        self._assertive = assertive
        self._said: str | None = None

    def say(self, text: str) -> None:
        if text != self._said:
            self._said = text
            announce(self._source, text, assertive=self._assertive)

    def forget(self) -> None:
        """The line is gone: the same words, shown again, are news again."""
        self._said = None
