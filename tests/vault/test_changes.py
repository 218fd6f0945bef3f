"""The core says what changed: each write reports exactly the kinds of data it touched, a
refused one nothing, and two threads' (or two vaults') calls never mix."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.clock import DAY, Clock
from tests.support.live_brand import live_brand
from tests.support.specs import ORIGIN, news_ask, request_spec
from tests.support.vaults import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE
from vault.changes import Changes
from vault.errors import FieldRequiredByGrant
from vault.vault import Vault
from zpd.fieldtypes import FieldType, Sensitivity

C = Changes


def seen(vault: Vault, call: Callable[[], object]) -> Changes:
    with vault.tracking() as tracked:
        call()
    return tracked.changes


def test_each_write_reports_what_it_touched(pv: Vault, clock: Clock, tmp_path: Path) -> None:
    assert seen(pv, lambda: pv.fields.set("shoe_size_eu", 42)) == C.FIELDS | C.AUDIT
    assert seen(pv, lambda: pv.fields.set("shoe_size_eu", 42)) == C.NONE  # the same value
    assert seen(pv, lambda: pv.fields.define(
        "team", "Team", FieldType.TEXT, Sensitivity.PERSONAL)) == C.FIELDS | C.AUDIT
    pv.fields.set("email", "ada@example.org")
    with live_brand() as brand:
        assert seen(pv, lambda: pv.brands.fetch(brand.origin)) == C.BRANDS | C.AUDIT
        grant = pv.grants.share(brand.origin, "fit-advice").grant
        assert seen(pv, lambda: pv.grants.share(brand.origin, "fit-advice")) == (
            C.GRANTS | C.OUTBOX | C.AUDIT)
        # A field that live grants share: their next versions, queued, in the same call.
        assert seen(pv, lambda: pv.fields.set("shoe_size_eu", 43)) == (
            C.FIELDS | C.GRANTS | C.OUTBOX | C.AUDIT)
        assert seen(pv, pv.delivery.flush) == C.OUTBOX | C.AUDIT
        assert seen(pv, pv.delivery.flush) == C.NONE  # nothing was due
        assert seen(pv, lambda: pv.delivery.retry_now(grant.id)) == C.NONE  # nothing queued
        assert seen(pv, lambda: pv.grants.revoke(grant.id)) == C.GRANTS | C.OUTBOX | C.AUDIT
        assert seen(pv, pv.delivery.deliver_now) == C.OUTBOX | C.AUDIT
    assert seen(pv, lambda: pv.aliases.set_enabled(True)) == C.SETTINGS | C.AUDIT
    assert seen(pv, lambda: pv.aliases.set_enabled(True)) == C.NONE
    assert seen(pv, lambda: pv.audit.record("note", {})) == C.AUDIT
    clock.advance(91 * DAY)  # past the ask's 90 days
    assert seen(pv, pv.grants.expire_due) == C.GRANTS | C.AUDIT
    assert seen(pv, pv.grants.expire_due) == C.NONE
    assert seen(pv, lambda: pv.backup_to(tmp_path / "backup.zpvbak")) == C.AUDIT
    assert seen(pv, pv.transparency.export_document) == C.AUDIT
    assert seen(pv, lambda: pv.change_passphrase(NEW_PASSPHRASE)) == C.SECRETS | C.AUDIT


def test_a_share_that_gives_an_email_alias_says_so(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    letters = news_ask(id="letters", fields=[{"key": "email", "required": True, "why": "to write"}])
    pv.brands.import_request(signed_request(keys, request_spec(asks=[letters]), iat=clock.now,
                                            exp=clock.now + DAY))
    pv.fields.set("email", "ada@example.org")
    pv.aliases.set_enabled(True)
    assert seen(pv, lambda: pv.grants.share(ORIGIN, "letters")) == (
        C.GRANTS | C.OUTBOX | C.ALIASES | C.AUDIT)
    assert seen(pv, lambda: pv.grants.share(ORIGIN, "letters")) == (
        C.GRANTS | C.OUTBOX | C.AUDIT)  # the brand has its alias already


def test_a_refused_write_reports_nothing(pv: Vault) -> None:
    pv.fields.set("shoe_size_eu", 42)
    with live_brand() as brand:
        pv.brands.fetch(brand.origin)
        pv.grants.share(brand.origin, "fit-advice")
    entries = len(pv.audit.entries(limit=1000))
    with pv.tracking() as tracked, pytest.raises(FieldRequiredByGrant):
        pv.fields.clear("shoe_size_eu")  # rolled back: the grant requires it
    assert tracked.changes == C.NONE
    assert len(pv.audit.entries(limit=1000)) == entries


def test_two_threads_calls_never_mix(pv: Vault) -> None:
    theirs: list[Changes] = []

    def other_thread() -> None:
        theirs.append(seen(pv, lambda: pv.fields.set("diet", "vegan")))

    with pv.tracking() as ours:
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join(30)
        pv.fields.get("diet")
    assert theirs == [C.FIELDS | C.AUDIT]
    assert ours.changes == C.NONE


def test_a_collector_sees_only_its_own_vault(pv: Vault, tmp_path: Path) -> None:
    other, _ = Vault.create(tmp_path / "other", PASSPHRASE, kdf=FAST_KDF)
    with other, pv.tracking() as ours, other.tracking() as theirs:
        other.fields.set("diet", "vegan")
    assert ours.changes == C.NONE and theirs.changes == C.FIELDS | C.AUDIT


def test_nested_collectors_both_see_the_inner_call(pv: Vault) -> None:
    with pv.tracking() as outer:
        pv.fields.set("diet", "vegan")
        with pv.tracking() as inner:
            pv.aliases.set_enabled(True)
    assert inner.changes == C.SETTINGS | C.AUDIT
    assert outer.changes == C.FIELDS | C.SETTINGS | C.AUDIT
