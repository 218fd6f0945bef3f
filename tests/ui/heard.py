"""What the app announces to screen readers, as a test hears it: the `said` fixture records
every announcement event the app posts, in order, and passes each on to Qt.

Qt's bindings do not expose `QAccessible::installUpdateHandler`, and the offscreen platform
has no accessibility bridge, so the events are seen where the app posts them, through
`QAccessible.updateAccessibility`. What a screen reader's library receives of them over
AT-SPI is tests/ui/test_atspi.py's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent

POLITE = QAccessible.AnnouncementPoliteness.Polite
ASSERTIVE = QAccessible.AnnouncementPoliteness.Assertive


@dataclass(frozen=True)
class Said:
    text: str
    politeness: QAccessible.AnnouncementPoliteness
    source: QObject


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Said]]:
    """Every announcement the app posts, in order (each still goes on to Qt)."""
    heard: list[Said] = []
    post = QAccessible.updateAccessibility

    def record(event: QAccessibleEvent) -> None:
        if event.type() is QAccessible.Event.Announcement:
            assert isinstance(event, QAccessibleAnnouncementEvent)
            heard.append(Said(event.message(), event.politeness(), event.object()))
        post(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", record)
    yield heard


def texts(heard: list[Said]) -> list[str]:
    return [s.text for s in heard]
