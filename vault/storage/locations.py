"""Where a vault lives: importable without the rest of the vault (the app's unlock screen
is painted, and the app is idle, before the vault's modules load)."""

from __future__ import annotations

from pathlib import Path

HEADER_NAME = "vault.header"


def default_vault_dir() -> Path:
    import platformdirs  # only when no folder was given

    return Path(platformdirs.user_data_dir("zero-party-vault", appauthor=False)) / "vault"


def header_path(directory: Path) -> Path:
    """The vault's header file: a vault exists in `directory` when this file does."""
    return directory / HEADER_NAME
