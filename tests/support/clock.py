"""A clock the test moves by hand, for vaults opened with `clock=`."""

from __future__ import annotations

import time

DAY = 86400


class Clock:
    """A clock the test moves by hand; the vault reads it through `clock=`."""

    def __init__(self, now: int | None = None) -> None:
        self.now = int(time.time()) if now is None else now

    def __call__(self) -> int:
        return self.now

    def advance(self, seconds: int) -> None:
        self.now += seconds
