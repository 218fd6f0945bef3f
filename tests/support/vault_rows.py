"""The vault, white box: rows the exchange writes."""

from __future__ import annotations

from vault.vault import Vault


def counts(vault: Vault) -> dict[str, int]:
    """Rows per table that the exchange writes to."""
    result = {}
    for table in ("brands", "requests", "grants", "tokens", "audit", "field_history"):
        row = vault._store.query_one(f"SELECT count(*) FROM {table}")
        assert row is not None
        result[table] = int(row[0])
    return result


def grant_tokens(vault: Vault, grant_id: str) -> list[tuple[str, int, str]]:
    """(jti, version, compact) of a grant's share tokens, oldest first."""
    rows = vault._store.query(
        "SELECT jti, version, compact FROM tokens WHERE grant_id = ? AND kind = 'grant' "
        "ORDER BY version",
        (grant_id,),
    )
    return [(str(r[0]), int(r[1]), str(r[2])) for r in rows]
