"""What a log's text mentions, for the tests that no value reaches a log."""

from __future__ import annotations

import re


def mentions_number(text: str, number: str) -> bool:
    """Whether `number` stands in `text` as a number of its own: not as digits of another
    one, such as a process id or a port (44 in "process [8744]")."""
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", text) is not None
