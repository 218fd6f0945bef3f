"""Listings that stay fast on a large vault say the same as the simple queries they replace.

- `audit.entries`: a page of the log per action prefix, read through an index (one ordered
  range per distinct action, merged), with offset or keyset (`before`) paging;
- `audit.append_many`: many entries chained exactly as one `append` at a time;
- `delivery.summaries(grant_ids)`: every grant's delivery summary in a few queries;
- `grants.active_counts`: live grants per brand, counted in an index;
- the generated vault of the benchmarks (`benchmarks/bulk.py`) is a sound vault.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.vaults import FAST_KDF, PASSPHRASE
from vault.exchange.grants import GrantStatus
from vault.profile import audit
from vault.vault import Vault

ACTIONS = ("field.set", "field.cleared", "field.defined", "grant.created", "grant.revoked",
           "grant.expired", "note", "notes.kept", "vault.backed_up", "vault.exported", "f")


def newest_first(vault: Vault, prefix: str) -> list[tuple[int, str]]:
    """The reference: every entry, filtered in Python."""
    everything = vault.audit.entries(limit=1_000_000)
    return [(e.seq, e.action) for e in everything if e.action.startswith(prefix)]


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[Vault]:
    """A vault whose log holds entries of many actions, in a shuffled order."""
    vault, _ = Vault.create(tmp_path / "vault", PASSPHRASE, kdf=FAST_KDF)
    rng = random.Random(5)
    with vault._store.transaction() as connection:
        audit.append_many(connection, ((1_700_000_000 + i, rng.choice(ACTIONS), {"i": i})
                                       for i in range(600)))
    yield vault
    vault.lock()


@pytest.mark.parametrize("prefix", ["", "field.", "grant.", "note", "notes", "vault.",
                                    "vault.backed_up", "f", "zzz", "grant.revoked"])
def test_audit_pages_by_prefix_match_filtering_everything(logged: Vault, prefix: str) -> None:
    expected = newest_first(logged, prefix)
    for limit, offset in ((5, 0), (50, 0), (50, 37), (1000, 0), (7, 590)):
        page = logged.audit.entries(action_prefix=prefix, limit=limit, offset=offset)
        assert [(e.seq, e.action) for e in page] == expected[offset:offset + limit]


@pytest.mark.parametrize("prefix", ["", "field.", "vault.", "n"])
def test_keyset_pages_walk_the_whole_log_once(logged: Vault, prefix: str) -> None:
    expected = newest_first(logged, prefix)
    walked: list[tuple[int, str]] = []
    before = None
    while True:
        page = logged.audit.entries(action_prefix=prefix, limit=23, before=before)
        if not page:
            break
        walked.extend((e.seq, e.action) for e in page)
        before = page[-1].seq
    assert walked == expected


def test_a_prefix_over_many_kinds_of_action_still_pages_right(logged: Vault) -> None:
    with logged._store.transaction() as connection:
        audit.append_many(connection, ((1_800_000_000 + i, f"many.kind{i % 90:02d}", {})
                                       for i in range(300)))
    expected = newest_first(logged, "many.")
    assert len({action for _, action in expected}) > audit.MAX_ACTION_SEEKS
    page = logged.audit.entries(action_prefix="many.", limit=40, offset=3)
    assert [(e.seq, e.action) for e in page] == expected[3:43]
    assert [e.seq for e in logged.audit.entries(action_prefix="many.", before=expected[9][0],
                                                limit=5)] == [s for s, _ in expected[10:15]]


def test_append_many_chains_as_append_does(tmp_path: Path) -> None:
    one, _ = Vault.create(tmp_path / "one", PASSPHRASE, kdf=FAST_KDF, clock=lambda: 1)
    many, _ = Vault.create(tmp_path / "many", PASSPHRASE, kdf=FAST_KDF, clock=lambda: 1)
    entries = [(1_700_000_000 + i, "note", {"i": i, "text": "ünïcode ✓"}) for i in range(25)]
    with one._store.transaction() as connection:
        for at, action, details in entries:
            audit.append(connection, at, action, details)
    with many._store.transaction() as connection:
        last = audit.append_many(connection, entries, batch=4)
    assert last == 26
    columns = "SELECT seq, at, action, details, hash FROM audit WHERE seq > 1 ORDER BY seq"
    assert one._store.query(columns) == many._store.query(columns)
    assert many.audit.verify().ok and many.audit.verify().entries_checked == 26
    many.audit.record("after.bulk", {})  # the head moved on: single appends continue the chain
    assert many.audit.verify().ok
    one.lock()
    many.lock()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    """A small vault made by the benchmarks' generator: brands, grants in every state."""
    from benchmarks import generate

    root = tmp_path_factory.mktemp("generated")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ZPV_STATE_DIR", str(root / "state"))
        patch.setenv("ZPV_BENCH_DIR", str(root))
        made = generate.generated_vault(
            generate.Scale(brands=4, grants=400, audit=4_000, years=2), quiet=True)
        vault = made.unlock()
        yield vault
        vault.lock()


def test_the_generated_vault_is_sound(generated: Vault) -> None:
    report = generated.audit.verify()
    assert report.ok and report.entries_checked == 4_000
    assert generated.integrity_problems() == []
    assert len(generated.brands.all()) == 4
    statuses = {g.status for g in generated.grants.listing(limit=1_000)}
    assert statuses == set(GrantStatus)
    grant = generated.grants.listing(status=GrantStatus.ACTIVE, limit=1)[0]
    assert generated.grants.held_by(grant.brand_origin)
    # Each message's receipt kept as the app keeps a verified one: the report reads them.
    kept = [r for brand in generated.brands.all()
            for rs in generated.delivery.receipts_of_brand(brand.origin).values() for r in rs]
    row = generated._store.query_one("SELECT count(*) FROM outbox WHERE receipt IS NOT NULL")
    assert row is not None and len(kept) == row[0] > 0
    assert {status for _, status, _ in kept} == {"stored", "deleted"}
    assert generated.transparency.consent_records()["records"]


def test_deliveries_of_many_grants_match_each_grants_delivery(generated: Vault) -> None:
    grants = generated.grants.listing(limit=1_000)
    ids = [g.id for g in grants] + ["not-a-grant"]
    summaries = generated.delivery.summaries(ids)
    assert list(summaries) == ids
    assert summaries == {i: generated.delivery.summary(i) for i in ids}
    assert summaries["not-a-grant"] is None
    assert len({s.status for s in summaries.values() if s is not None}) >= 3
    assert generated.delivery.summaries([]) == {}


def test_active_grant_counts_match_the_listings(generated: Vault) -> None:
    counts = generated.grants.active_counts()
    for brand in generated.brands.all():
        live = generated.grants.listing(origin=brand.origin, status=GrantStatus.ACTIVE,
                                        limit=10_000)
        assert counts.get(brand.origin, 0) == len(live)
    assert all(counts.values())


def test_what_a_brand_holds_and_its_report_list_every_share_past_a_thousand(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Listings page by 1,000; what a brand holds is every share, each with the data of
    its latest version, and the report's balance weighs the same shares."""
    from benchmarks import generate

    monkeypatch.setenv("ZPV_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("ZPV_BENCH_DIR", str(tmp_path))
    made = generate.generated_vault(
        generate.Scale(brands=3, grants=2_400, audit=1_000, years=2), quiet=True)
    vault = made.unlock()
    try:
        origin, shares = vault._store.query(
            "SELECT brand_origin, count(*) FROM grants GROUP BY 1 ORDER BY 2 DESC LIMIT 1")[0]
        assert shares > 1_000
        held = vault.grants.held_by(origin)
        assert [h.grant.id for h in held] == [
            g.id for g in vault.grants.listing(origin=origin, limit=None)]
        assert len(held) == shares
        updated = [h for h in held if h.grant.version > 1]
        assert updated, "the generator updates some shares to later versions"
        for h in [*updated[:20], *held[::97]]:
            (latest,) = vault._store.query(
                "SELECT data FROM tokens WHERE grant_id = ? AND kind = 'grant' "
                "ORDER BY version DESC LIMIT 1", (h.grant.id,))
            assert h.data == json.loads(latest[0])
        (section,) = vault.transparency.report(origin).brands
        assert len(section.grants) == shares
        # Read for the whole brand at once, each share's delivery and receipts are its own.
        for shown in section.grants[::97]:
            assert shown.delivery == vault.delivery.summary(shown.grant.id)
            assert [(r.message_jti, r.status, r.jws) for r in shown.receipts] == (
                vault.delivery.receipts(shown.grant.id))
        assert section.balance == vault.transparency.balance_for_brand(origin)
    finally:
        vault.lock()
