"""The hash-chained audit log: it verifies, and tampering names the first bad entry.

Tampering is done with raw SQL through the vault's own keyed connection, as
someone holding the data key could; verification must still notice it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.cli import run_cli
from tests.support.vaults import MadeVault
from vault.profile import audit
from vault.profile.audit import Tamper, entry_hash
from vault.vault import Vault
from zpd.fieldtypes import FieldType, Sensitivity

DIETS = ("omnivore", "flexitarian", "pescatarian", "vegetarian", "vegan")


def do_many_things(vault: Vault, rounds: int) -> None:
    vault.fields.define("team", "Team", FieldType.CHOICE, Sensitivity.LOW, ("a", "b"))
    for i in range(rounds):
        vault.fields.set("diet", DIETS[i % len(DIETS)])
        vault.fields.set("shoe_size_eu", 36 + (i % 10))
        vault.fields.set("x_team", "ab"[i % 2])
        if i % 3 == 0:
            vault.fields.clear("shoe_size_eu")
        vault.audit.record("note", {"i": i, "text": "ünïcode ✓"})


@pytest.fixture
def busy(made_vault: MadeVault) -> Iterator[Vault]:
    """An unlocked vault with a few dozen audit entries."""
    opened = made_vault.unlock()
    do_many_things(opened, 8)
    yield opened
    if not opened.is_locked:
        opened.lock()


def count(vault: Vault) -> int:
    row = vault._store.query_one("SELECT count(*) FROM audit")
    assert row is not None
    return int(row[0])


def sql(vault: Vault, statement: str, params: tuple[Any, ...] = ()) -> None:
    vault._store.connection.execute(statement, params)


def row(vault: Vault, seq: int) -> tuple[Any, ...]:
    found = vault._store.query_one(
        "SELECT at, action, details, prev_hash, hash FROM audit WHERE seq = ?", (seq,)
    )
    assert found is not None
    return found


def report(vault: Vault) -> tuple[int | None, Tamper | None]:
    result = vault.audit.verify()
    return result.first_bad_seq, result.problem


# -- intact chains --------------------------------------------------------------------------


def test_a_new_vault_starts_its_chain_with_its_creation(vault: Vault) -> None:
    entries = vault.audit.entries()
    assert [(e.seq, e.action) for e in entries] == [(1, "vault.created")]
    assert row(vault, 1)[3] == audit.GENESIS
    result = vault.audit.verify()
    assert result.ok and result.entries_checked == 1 and result.first_bad_seq is None


def test_the_chain_verifies_after_many_operations_and_a_reopen(made_vault: MadeVault) -> None:
    with made_vault.unlock() as vault:
        do_many_things(vault, 40)
        total = count(vault)
        assert total > 150
        result = vault.audit.verify()
        assert result.ok and result.entries_checked == total
    with made_vault.unlock() as vault:
        result = vault.audit.verify()
        assert result.ok and result.entries_checked == total
        vault.fields.set("pets", ["dog"])
        assert vault.audit.verify().entries_checked == total + 1


def test_entries_are_numbered_and_linked(busy: Vault) -> None:
    rows = busy._store.query("SELECT seq, at, action, details, prev_hash, hash FROM audit")
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    previous = audit.GENESIS
    for _seq, at, action, details, prev_hash, hash_ in rows:
        assert prev_hash == previous
        assert hash_ == audit.entry_hash(prev_hash, at, action, details)
        previous = hash_
    head = json.loads(busy._store.query_one("SELECT value FROM meta WHERE key = 'audit_head'")[0])
    assert head == {"seq": len(rows), "hash": previous.hex()}


def test_audit_log_pages_newest_first_and_filters_by_action(busy: Vault) -> None:
    total = count(busy)
    page = busy.audit.entries(limit=5)
    assert [e.seq for e in page] == list(range(total, total - 5, -1))
    next_page = busy.audit.entries(limit=5, offset=5)
    assert [e.seq for e in next_page] == list(range(total - 5, total - 10, -1))
    notes = busy.audit.entries(action_prefix="note", limit=1000)
    assert len(notes) == 8 and {e.action for e in notes} == {"note"}
    assert notes[0].details == {"i": 7, "text": "ünïcode ✓"}
    fields = busy.audit.entries(action_prefix="field.", limit=1000)
    assert {e.action for e in fields} == {"field.set", "field.cleared", "field.defined"}


# -- tampering, each named at its first bad entry -------------------------------------------


def test_edited_details_are_named(busy: Vault) -> None:
    sql(busy, "UPDATE audit SET details = ? WHERE seq = 7", ('{"field":"religion"}',))
    assert report(busy) == (7, Tamper.EDITED)


@pytest.mark.parametrize(
    "column,value",
    [("at", 0), ("action", "vault.created"), ("details", "{}"), ("prev_hash", bytes(32))],
)
def test_any_edited_column_is_named(busy: Vault, column: str, value: object) -> None:
    sql(busy, f"UPDATE audit SET {column} = ? WHERE seq = 12", (value,))
    assert report(busy) == (12, Tamper.EDITED)


def test_the_first_of_several_edits_is_named(busy: Vault) -> None:
    sql(busy, "UPDATE audit SET details = '{}' WHERE seq IN (9, 20)")
    assert report(busy) == (9, Tamper.EDITED)


def test_an_edited_first_entry_is_named(busy: Vault) -> None:
    sql(busy, "UPDATE audit SET action = 'vault.imported' WHERE seq = 1")
    assert report(busy) == (1, Tamper.EDITED)


def test_an_edited_last_entry_is_named(busy: Vault) -> None:
    last = count(busy)
    sql(busy, "UPDATE audit SET details = '{}' WHERE seq = ?", (last,))
    assert report(busy) == (last, Tamper.EDITED)


def test_a_deleted_middle_entry_is_named_missing(busy: Vault) -> None:
    sql(busy, "DELETE FROM audit WHERE seq = 10")
    assert report(busy) == (10, Tamper.MISSING)


def renumber_after(vault: Vault, removed: int) -> None:
    """Close the gap a deletion left, as a careful forger would."""
    sql(vault, "UPDATE audit SET seq = -seq WHERE seq > ?", (removed,))
    sql(vault, "UPDATE audit SET seq = -seq - 1 WHERE seq < 0")


@pytest.mark.parametrize("fix_head", [False, True])
def test_deleting_and_renumbering_breaks_the_link(busy: Vault, fix_head: bool) -> None:
    total = count(busy)
    sql(busy, "DELETE FROM audit WHERE seq = 10")
    renumber_after(busy, 10)
    assert count(busy) == total - 1
    if fix_head:
        last_hash = row(busy, total - 1)[4]
        head = json.dumps({"seq": total - 1, "hash": last_hash.hex()})
        sql(busy, "UPDATE meta SET value = ? WHERE key = 'audit_head'", (head,))
    assert report(busy) == (10, Tamper.LINK_BROKEN)


def test_deleting_the_first_entry_and_renumbering_breaks_the_link(busy: Vault) -> None:
    sql(busy, "DELETE FROM audit WHERE seq = 1")
    renumber_after(busy, 1)
    assert report(busy) == (1, Tamper.LINK_BROKEN)


def swap(vault: Vault, a: int, b: int) -> None:
    """Exchange every column but seq between two entries: the entries are reordered."""
    row_a, row_b = row(vault, a), row(vault, b)
    for seq, values in ((a, row_b), (b, row_a)):
        sql(
            vault,
            "UPDATE audit SET at = ?, action = ?, details = ?, prev_hash = ?, hash = ? "
            "WHERE seq = ?",
            (*values, seq),
        )


@pytest.mark.parametrize("pair", [(4, 5), (3, 17), (1, 2), (1, 30)])
def test_swapped_entries_are_named_at_the_first(busy: Vault, pair: tuple[int, int]) -> None:
    swap(busy, *pair)
    first_bad, problem = report(busy)
    assert first_bad == pair[0]
    assert problem in (Tamper.LINK_BROKEN, Tamper.EDITED)


def test_swapping_with_the_last_entry_is_named_at_the_first(busy: Vault) -> None:
    last = count(busy)
    swap(busy, last - 3, last)
    assert report(busy)[0] == last - 3


@pytest.mark.parametrize("cut", [1, 3])
def test_entries_cut_off_the_end_are_missing(busy: Vault, cut: int) -> None:
    total = count(busy)
    sql(busy, "DELETE FROM audit WHERE seq > ?", (total - cut,))
    assert report(busy) == (total - cut + 1, Tamper.MISSING)


def test_a_whole_log_removed_is_missing_from_the_first(busy: Vault) -> None:
    sql(busy, "DELETE FROM audit")
    assert report(busy) == (1, Tamper.MISSING)


def test_a_recomputed_hash_breaks_the_next_link(busy: Vault) -> None:
    at, action, _details, prev_hash, _hash = row(busy, 8)
    forged = '{"field":"religion"}'
    new_hash = audit.entry_hash(prev_hash, at, action, forged)
    sql(busy, "UPDATE audit SET details = ?, hash = ? WHERE seq = 8", (forged, new_hash))
    assert report(busy) == (9, Tamper.LINK_BROKEN)


def test_a_recomputed_last_hash_no_longer_matches_the_head(busy: Vault) -> None:
    last = count(busy)
    at, action, _details, prev_hash, _hash = row(busy, last)
    forged = '{"forged":true}'
    new_hash = audit.entry_hash(prev_hash, at, action, forged)
    sql(busy, "UPDATE audit SET details = ?, hash = ? WHERE seq = ?", (forged, new_hash, last))
    assert report(busy) == (last, Tamper.EDITED)


def test_a_head_claiming_more_entries_reports_them_missing(busy: Vault) -> None:
    total = count(busy)
    head = json.dumps({"seq": total + 2, "hash": row(busy, total)[4].hex()})
    sql(busy, "UPDATE meta SET value = ? WHERE key = 'audit_head'", (head,))
    assert report(busy) == (total + 1, Tamper.MISSING)


def test_a_removed_head_is_caught(busy: Vault) -> None:
    total = count(busy)
    sql(busy, "DELETE FROM meta WHERE key = 'audit_head'")
    first_bad, problem = report(busy)
    assert problem is not None and first_bad == total


@pytest.mark.parametrize(
    "value", ["garbage", "[]", '{"seq": "x", "hash": "00"}', '{"seq": 3}', "7"]
)
def test_a_mangled_head_is_reported_not_raised(busy: Vault, value: str) -> None:
    sql(busy, "UPDATE meta SET value = ? WHERE key = 'audit_head'", (value,))
    assert not busy.audit.verify().ok


@pytest.mark.parametrize(
    "column,value",
    [
        ("hash", "not a blob"),
        ("prev_hash", "not a blob"),
        ("hash", 12345),
        ("at", "yesterday"),
        ("at", 1.5),
        ("details", b"\x00\xff"),
        ("action", b"field.set"),
    ],
)
def test_a_value_of_the_wrong_type_is_an_edit_not_a_crash(
    busy: Vault, column: str, value: object
) -> None:
    sql(busy, f"UPDATE audit SET {column} = ? WHERE seq = 6", (value,))
    assert report(busy) == (6, Tamper.EDITED)


def test_a_tampered_vault_still_verifies_as_tampered_after_reopening(
    made_vault: MadeVault,
) -> None:
    with made_vault.unlock() as vault:
        do_many_things(vault, 3)
        sql(vault, "DELETE FROM audit WHERE seq = 4")
    with made_vault.unlock() as vault:
        assert report(vault) == (4, Tamper.MISSING)
        vault.fields.set("diet", "vegan")  # new entries do not paper over the hole
        assert report(vault) == (4, Tamper.MISSING)


# -- the same properties over every position ------------------------------------------------

TAMPERS = ("edit", "delete", "delete_renumber", "cut_tail", "rehash")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(kind=st.sampled_from(TAMPERS), where=st.floats(0, 1, exclude_max=True))
def test_any_single_tampering_is_named_where_it_happened(
    busy: Vault, kind: str, where: float
) -> None:
    total = count(busy)
    k = 1 + int(where * (total - 1))  # 1 .. total-1: there is always an entry after k
    connection = busy._store.connection
    connection.execute("BEGIN")
    try:
        if kind == "edit":
            sql(busy, "UPDATE audit SET details = '{\"x\":1}' WHERE seq = ?", (k,))
            expected = (k, Tamper.EDITED)
        elif kind == "delete":
            sql(busy, "DELETE FROM audit WHERE seq = ?", (k,))
            expected = (k, Tamper.MISSING)
        elif kind == "delete_renumber":
            sql(busy, "DELETE FROM audit WHERE seq = ?", (k,))
            renumber_after(busy, k)
            expected = (k, Tamper.LINK_BROKEN)
        elif kind == "cut_tail":
            sql(busy, "DELETE FROM audit WHERE seq >= ?", (k,))
            expected = (k, Tamper.MISSING)
        else:
            at, action, _details, prev_hash, _hash = row(busy, k)
            forged = '{"forged":true}'
            new_hash = audit.entry_hash(prev_hash, at, action, forged)
            sql(busy, "UPDATE audit SET details = ?, hash = ? WHERE seq = ?", (forged, new_hash, k))
            expected = (k + 1, Tamper.LINK_BROKEN)
        assert report(busy) == expected
    finally:
        connection.execute("ROLLBACK")
    assert busy.audit.verify().ok


# -- the command line -----------------------------------------------------------------------


def test_cli_verify_intact_exits_zero(made_vault: MadeVault) -> None:
    with made_vault.unlock() as vault:
        do_many_things(vault, 2)
        total = count(vault)
    result = run_cli("audit", "--verify", vault_dir=made_vault.directory)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"({total} entries)" in result.stdout


@pytest.mark.parametrize(
    "tamper,seq",
    [
        ("UPDATE audit SET details = '{}' WHERE seq = 5", 5),
        ("DELETE FROM audit WHERE seq = 3", 3),
    ],
)
def test_cli_verify_tampered_exits_four_naming_the_entry(
    made_vault: MadeVault, tamper: str, seq: int
) -> None:
    with made_vault.unlock() as vault:
        do_many_things(vault, 2)
        sql(vault, tamper)
    result = run_cli("audit", "--verify", vault_dir=made_vault.directory)
    assert result.returncode == 4
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("zpv: ") and f"entry {seq} " in lines[0] + " "
    assert "Traceback" not in result.stderr


def test_cli_verify_json_reports_the_entry(made_vault: MadeVault) -> None:
    with made_vault.unlock() as vault:
        do_many_things(vault, 2)
        sql(vault, "UPDATE audit SET at = 0 WHERE seq = 4")
    result = run_cli("audit", "--verify", "--json", vault_dir=made_vault.directory)
    assert result.returncode == 4
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert document["first_bad_entry"] == 4
    assert document["problem"] == "edited"
    assert document["database_problems"] == []


def test_cli_audit_json_is_the_log(made_vault: MadeVault) -> None:
    with made_vault.unlock() as vault:
        vault.fields.set("diet", "vegan")
        vault.audit.record("note", {"text": "ünïcode ✓"})
    result = run_cli("audit", "--json", vault_dir=made_vault.directory)
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert [(e["seq"], e["action"]) for e in entries] == [
        (3, "note"),
        (2, "field.set"),
        (1, "vault.created"),
    ]
    assert entries[0]["details"] == {"text": "ünïcode ✓"}
    assert all(isinstance(e["at"], int) for e in entries)


def test_a_log_emptied_together_with_its_head_is_missing_from_the_first(busy: Vault) -> None:
    sql(busy, "DELETE FROM audit")
    sql(busy, "DELETE FROM meta WHERE key = 'audit_head'")
    assert report(busy) == (1, Tamper.MISSING)


def test_a_log_rebuilt_without_its_creation_entry_breaks_at_the_first(busy: Vault) -> None:
    sql(busy, "UPDATE audit SET action = 'field.set' WHERE seq = 1")
    first = row(busy, 1)
    rehashed = entry_hash(first[3], first[0], "field.set", first[2])
    sql(busy, "UPDATE audit SET hash = ? WHERE seq = 1", (rehashed,))
    sql(busy, "UPDATE audit SET prev_hash = ? WHERE seq = 2", (rehashed,))
    assert report(busy) == (1, Tamper.LINK_BROKEN)


def test_unreadable_details_are_listed_not_raised(busy: Vault) -> None:
    sql(busy, "UPDATE audit SET details = 'not json' WHERE seq = 2")
    listed = {e.seq: e.details for e in busy.audit.entries(limit=1000)}
    assert listed[2] == {"unreadable": True}
    assert report(busy) == (2, Tamper.EDITED)
