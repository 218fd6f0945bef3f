"""The vault's clock: whole seconds since the epoch; tests pass one they can move."""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], int]


def system_clock() -> int:
    return int(time.time())
