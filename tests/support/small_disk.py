"""A small tmpfs to fill: a real full disk (ENOSPC) for the tests that need one.

Mounting needs root on Linux; elsewhere the test skips, unless CI found it can mount one
(ZPV_REQUIRE_TMPFS=1, set by .ci/run after a trial mount), where it fails instead."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest


def can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and sys.platform.startswith("linux")


def cannot(reason: str) -> NoReturn:
    """Skip the test; fail it instead where CI found it can mount a tmpfs."""
    if os.environ.get("ZPV_REQUIRE_TMPFS", "") not in ("", "0"):
        pytest.fail(f"{reason}, and ZPV_REQUIRE_TMPFS says this machine can")
    pytest.skip(reason)


@contextmanager
def small_tmpfs(root: Path, size: int, *, otherwise: str = "") -> Iterator[Path]:
    """`root` (an empty folder) as a fresh tmpfs of `size` bytes, unmounted after.
    `otherwise`: what covers the case where it cannot be mounted, for the skip's reason."""
    also = f"; {otherwise}" if otherwise else ""
    if not can_mount():
        cannot(f"mounting a tmpfs needs root on Linux{also}")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700",
                              "tmpfs", str(root)], capture_output=True, text=True)
    if mounted.returncode != 0:
        cannot(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield root
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)
