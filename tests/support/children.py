"""Child processes of the hardening tests, and how long those tests run."""

from __future__ import annotations

import os
from pathlib import Path

from vault.storage.rollback import STATE_ENV

# `ZPV_HARDENING_FULL=1` runs the slower, longer versions (more kills, more examples).
FULL = os.environ.get("ZPV_HARDENING_FULL", "") not in ("", "0")


def subprocess_env(state: Path, **extra: str) -> dict[str, str]:
    """The environment for a child process: no ZPV_ settings of the caller but the state dir."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ZPV_")}
    environment[STATE_ENV] = str(state)
    environment.update(extra)
    return environment
