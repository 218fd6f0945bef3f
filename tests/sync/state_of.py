"""What a device holds of the synced tables, comparable across devices."""

from __future__ import annotations

from typing import Any

from vault.sync.rows import local_rows
from vault.sync.tables import TABLES
from vault.vault import Vault


def synced_state(vault: Vault) -> dict[str, dict[str, Any]]:
    """Table -> key -> row, as the rows travel (local ids left out). The activity logs
    ride along with other changes: a device's latest entries (of its last sync) are not
    anywhere else until it next changes something, so they are left out."""
    with vault._store.reading() as connection:
        return {table.name: dict(local_rows(connection, table)) for table in TABLES
                if not table.rides_along}
