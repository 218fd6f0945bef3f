"""Copy a secret to the clipboard and take it back after a while."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

SECRET_CLIPBOARD_SECONDS = 30


def copy_secret(text: str, seconds: int = SECRET_CLIPBOARD_SECONDS) -> None:
    """Put `text` on the clipboard; clear it after `seconds` unless something else replaced it."""
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(text)

    def clear_if_still_ours() -> None:
        if clipboard.text() == text:
            clipboard.clear()

    QTimer.singleShot(seconds * 1000, clear_if_still_ours)
