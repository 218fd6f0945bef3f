"""Where a vault lives by default: importable without the rest of the vault (the app's
first window is painted before the vault's modules load)."""

from __future__ import annotations

from pathlib import Path

import platformdirs


def default_vault_dir() -> Path:
    return Path(platformdirs.user_data_dir("zero-party-vault", appauthor=False)) / "vault"
