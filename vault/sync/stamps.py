"""Hybrid logical clock stamps: totally ordered across devices, close to wall time.

A stamp is (wall milliseconds, counter, device id); its text form sorts as the stamp
does, so the shadow table compares stamps as text. A device's next stamp is later than
its previous one and than every stamp it has seen, whatever its clock says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TEXT = re.compile(r"(\d{13})\.(\d{6})\.([0-9a-f]{32})")
MAX_COUNT = 999_999


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    count: int
    device: str

    @property
    def text(self) -> str:
        return f"{self.wall_ms:013d}.{self.count:06d}.{self.device}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        match = _TEXT.fullmatch(text)
        if match is None:
            raise ValueError("not a stamp")
        return cls(int(match[1]), int(match[2]), match[3])


def next_stamp(last: Stamp | None, now_ms: int, device: str) -> Stamp:
    """The stamp after `last` (this device's latest or the latest seen) at `now_ms`."""
    if last is None or now_ms > last.wall_ms:
        return Stamp(now_ms, 0, device)
    if last.count >= MAX_COUNT:
        return Stamp(last.wall_ms + 1, 0, device)
    return Stamp(last.wall_ms, last.count + 1, device)
