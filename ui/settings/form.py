"""What the leak-canary settings sections share: a line that saves on Return, and the
message under a section that takes no room while it is empty."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit

from .. import style
from ..style import Tone
from ..widgets import named


def saving_line(name: str, accessible: str, placeholder: str,
                save: Callable[[], None]) -> QLineEdit:
    """A named line edit for a screen reader; Return in it saves the section."""
    line = named(QLineEdit(), name)
    line.setAccessibleName(accessible)
    line.setPlaceholderText(placeholder)
    line.returnPressed.connect(save)
    return line


def say_under(message: QLabel, text: str, error: bool = False) -> None:
    """Shows `text` under the section, in red for an error; nothing leaves no empty line."""
    message.setStyleSheet(style.text_css(Tone.ERROR) if error else "")
    message.setText(text)
    message.setVisible(bool(text))
