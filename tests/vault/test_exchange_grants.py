"""Grants through the real vault: share rules, versions on edit, revocation, expiry,
"what does this brand know", and consent records (ISO/IEC TS 27560 with DPV terms).

Counts of rows are read through the vault's own keyed connection (white box) to
show what was, and was not, written together.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support.brand_keys import THUMBPRINT_URI, BrandKeys, signed_request
from tests.support.clock import DAY, Clock
from tests.support.jose_reading import (
    expected_pairwise,
    is_uuid,
    master_seed,
    open_grant,
    segment_json,
    verify_jws,
)
from tests.support.specs import DPV, ORIGIN, OTHER_ORIGIN, fit_ask, news_ask, request_spec
from tests.support.vault_rows import counts, grant_tokens
from tests.support.vaults import MadeVault
from vault.errors import (
    FieldRequiredByGrant,
    GrantNotActive,
    ShareRefused,
    UnknownAsk,
    UnknownGrant,
)
from vault.exchange.grants import GrantStatus
from vault.profile import audit
from vault.vault import Vault


@pytest.fixture
def request_jws(pv: Vault, keys: BrandKeys, clock: Clock) -> str:
    """The shoe brand's request (valid 30 days) imported, and some values set."""
    compact = signed_request(keys, request_spec(), iat=clock.now, exp=clock.now + 30 * DAY)
    pv.brands.import_request(compact)
    pv.fields.set("shoe_size_eu", 42)
    pv.fields.set("favourite_colours", ["black", "navy"])
    pv.fields.set("allergies", ["peanuts"])  # special category: never shared unless named
    pv.fields.set("contact_channels", ["email"])
    return compact


def latest_claims(vault: Vault, keys: BrandKeys, grant_id: str) -> dict[str, Any]:
    return open_grant(grant_tokens(vault, grant_id)[-1][2], keys).claims


def moved(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {t: after[t] - before[t] for t in before if after[t] != before[t]}


# -- share rules --------------------------------------------------------------------------


def import_books(pv: Vault, clock: Clock) -> BrandKeys:
    """A second brand, Books, asking for the newsletter; its keys."""
    books = BrandKeys.generate()
    pv.brands.import_request(signed_request(books, request_spec(OTHER_ORIGIN, "Books",
                                                                [news_ask()]),
                                            iat=clock.now, exp=clock.now + DAY))
    return books


def test_default_fields_are_required_and_filled_optional_never_special(
    pv: Vault, request_jws: str
) -> None:
    grant = pv.grants.share(ORIGIN, "fit-advice").grant
    assert grant.fields == ("shoe_size_eu", "favourite_colours")
    assert grant.required_fields == ("shoe_size_eu",)
    assert grant.status is GrantStatus.ACTIVE and grant.version == 1


def test_special_category_field_is_shared_when_named(pv: Vault, request_jws: str) -> None:
    grant = pv.grants.share(ORIGIN, "fit-advice", fields=["allergies", "shoe_size_eu"]).grant
    assert grant.fields == ("shoe_size_eu", "allergies")


def test_share_writes_grant_token_and_audit_entry_together(
    pv: Vault, request_jws: str
) -> None:
    before = counts(pv)
    result = pv.grants.share(ORIGIN, "fit-advice")
    assert moved(before, counts(pv)) == {"grants": 1, "tokens": 1, "audit": 1}
    [entry] = pv.audit.entries(action_prefix="grant.created")
    assert entry.details == {
        "grant": result.grant.id, "brand": ORIGIN, "ask": "fit-advice",
        "fields": ["shoe_size_eu", "favourite_colours"], "days": 90,
    }
    assert pv.audit.verify().ok


def test_a_share_that_fails_late_leaves_no_grant_or_token(
    pv: Vault, request_jws: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_append = audit.append

    def failing_append(connection: Any, at: int, action: str, details: dict[str, Any]) -> int:
        if action == "grant.created":
            raise OSError("disk went away")
        return real_append(connection, at, action, details)

    before = counts(pv)
    monkeypatch.setattr(audit, "append", failing_append)
    with pytest.raises(OSError):
        pv.grants.share(ORIGIN, "fit-advice")
    monkeypatch.undo()
    assert counts(pv) == before
    assert pv.grants.listing() == []


@pytest.mark.parametrize(
    ("fields", "days", "reason", "named"),
    [
        (["favourite_colours"], None, "required_left_out", ["shoe_size_eu"]),
        (["shoe_size_eu", "diet"], None, "not_asked", ["diet"]),
        (["shoe_size_eu", "style"], None, "no_value", ["style"]),
        (None, 91, "duration", ["90"]),
        (None, 0, "duration", ["90"]),
    ],
)
def test_refused_share_writes_nothing(
    pv: Vault, request_jws: str, fields: list[str] | None, days: int | None, reason: str,
    named: list[str],
) -> None:
    before = counts(pv)
    with pytest.raises(ShareRefused) as refused:
        pv.grants.share(ORIGIN, "fit-advice", fields=fields, days=days)
    assert (refused.value.reason, refused.value.fields) == (reason, named)
    assert counts(pv) == before
    assert pv.grants.listing() == []


def test_required_field_without_a_value_is_refused(pv: Vault, request_jws: str) -> None:
    pv.fields.clear("shoe_size_eu")
    before = counts(pv)
    with pytest.raises(ShareRefused) as refused:
        pv.grants.share(ORIGIN, "fit-advice")
    assert (refused.value.reason, refused.value.fields) == ("no_value", ["shoe_size_eu"])
    assert counts(pv) == before


def test_unknown_ask_and_unknown_brand_are_refused(pv: Vault, request_jws: str) -> None:
    before = counts(pv)
    with pytest.raises(UnknownAsk):
        pv.grants.share(ORIGIN, "loyalty")
    with pytest.raises(UnknownAsk):
        pv.grants.share(OTHER_ORIGIN, "fit-advice")
    assert counts(pv) == before


def test_expired_request_is_refused(pv: Vault, clock: Clock, request_jws: str) -> None:
    clock.advance(30 * DAY)
    before = counts(pv)
    with pytest.raises(ShareRefused) as refused:
        pv.grants.share(ORIGIN, "fit-advice")
    assert refused.value.reason == "request_expired"
    assert counts(pv) == before


# -- new versions when a shared field changes ------------------------------------------


def test_editing_a_shared_field_issues_the_next_version(
    pv: Vault, keys: BrandKeys, clock: Clock, request_jws: str
) -> None:
    first = pv.grants.share(ORIGIN, "fit-advice")
    v1 = open_grant(first.token.compact, keys).claims
    clock.advance(DAY)
    before = counts(pv)
    pv.fields.set("favourite_colours", ["green"])
    assert moved(before, counts(pv)) == {"tokens": 1, "audit": 2, "field_history": 1}

    tokens = grant_tokens(pv, first.grant.id)
    assert [version for _, version, _ in tokens] == [1, 2]
    v2 = open_grant(tokens[-1][2], keys).claims
    assert v2["grant"] == {"id": first.grant.id, "version": 2}
    assert is_uuid(v2["jti"]) and v2["jti"] != v1["jti"]
    assert v2["data"] == {"shoe_size_eu": 42, "favourite_colours": ["green"]}
    assert v2["iat"] == clock.now
    for same in ("iss", "sub", "aud", "nbf", "exp", "request", "purpose", "retention_days"):
        assert v2[same] == v1[same], same
    assert pv.grants.find(first.grant.id).version == 2
    [entry] = pv.audit.entries(action_prefix="grant.updated")
    assert entry.details == {"grant": first.grant.id, "version": 2, "field": "favourite_colours"}


def test_every_live_grant_sharing_the_field_gets_a_version(
    pv: Vault, keys: BrandKeys, clock: Clock, request_jws: str
) -> None:
    books = import_books(pv, clock)
    fit = pv.grants.share(ORIGIN, "fit-advice").grant
    news = pv.grants.share(OTHER_ORIGIN, "newsletter").grant
    pv.fields.set("shoe_size_eu", 44)
    assert latest_claims(pv, keys, fit.id)["data"]["shoe_size_eu"] == 44
    other = latest_claims(pv, books, news.id)
    assert other["aud"] == OTHER_ORIGIN and other["data"] == {
        "contact_channels": ["email"], "shoe_size_eu": 44}
    assert other["grant"]["version"] == 2


def test_setting_the_same_value_or_an_unshared_field_issues_nothing(
    pv: Vault, request_jws: str
) -> None:
    grant = pv.grants.share(ORIGIN, "fit-advice").grant
    before = counts(pv)
    pv.fields.set("favourite_colours", ["black", "navy"])
    assert counts(pv) == before
    pv.fields.set("diet", "vegan")
    pv.fields.set("allergies", ["milk"])  # asked, but not in this grant
    assert moved(before, counts(pv)) == {"audit": 2, "field_history": 2}
    assert pv.grants.find(grant.id).version == 1


def test_clearing_a_required_shared_field_is_refused_and_changes_nothing(
    pv: Vault, request_jws: str
) -> None:
    grant = pv.grants.share(ORIGIN, "fit-advice").grant
    before = counts(pv)
    with pytest.raises(FieldRequiredByGrant) as refused:
        pv.fields.clear("shoe_size_eu")
    assert refused.value.key == "shoe_size_eu" and refused.value.grant_ids == [grant.id]
    assert pv.fields.get("shoe_size_eu") == 42
    assert counts(pv) == before
    assert pv.grants.find(grant.id).version == 1


def test_clearing_an_optional_shared_field_issues_a_version_without_it(
    pv: Vault, keys: BrandKeys, request_jws: str
) -> None:
    grant = pv.grants.share(ORIGIN, "fit-advice").grant
    assert pv.fields.clear("favourite_colours")
    claims = latest_claims(pv, keys, grant.id)
    assert claims["grant"]["version"] == 2
    assert claims["data"] == {"shoe_size_eu": 42}
    [held] = pv.grants.held_by(ORIGIN)
    assert held.data == {"shoe_size_eu": 42}


def test_clearing_the_last_value_a_grant_holds_is_refused(
    pv: Vault, clock: Clock, request_jws: str
) -> None:
    # An ask with only optional fields: without this rule the vault would send a
    # version with empty data, which the protocol's readers refuse.
    colours = fit_ask(id="colours", fields=[
        {"key": "favourite_colours", "required": False, "why": "to show colours you like"},
        {"key": "style", "required": False, "why": "to match your style"},
    ])
    books = BrandKeys.generate()
    pv.brands.import_request(signed_request(books, request_spec(OTHER_ORIGIN, "Books", [colours]),
                                            iat=clock.now, exp=clock.now + DAY))
    pv.fields.set("style", ["casual"])
    grant = pv.grants.share(OTHER_ORIGIN, "colours").grant
    assert grant.fields == ("favourite_colours", "style") and grant.required_fields == ()
    assert pv.fields.clear("style")
    assert latest_claims(pv, books, grant.id)["data"] == {"favourite_colours": ["black", "navy"]}

    before = counts(pv)
    with pytest.raises(FieldRequiredByGrant) as refused:
        pv.fields.clear("favourite_colours")
    assert refused.value.grant_ids == [grant.id]
    assert counts(pv) == before and pv.fields.get("favourite_colours") == ["black", "navy"]
    pv.grants.revoke(grant.id)
    assert pv.fields.clear("favourite_colours")


def test_after_revoke_editing_issues_nothing(pv: Vault, request_jws: str) -> None:
    grant = pv.grants.share(ORIGIN, "fit-advice").grant
    pv.grants.revoke(grant.id)
    before = counts(pv)
    pv.fields.set("shoe_size_eu", 39)
    pv.fields.clear("favourite_colours")
    assert moved(before, counts(pv)) == {"audit": 2, "field_history": 2}
    assert pv.grants.find(grant.id).version == 1


# -- revocation and expiry ---------------------------------------------------------------


def test_revoke_marks_revoked_issues_the_event_and_only_once(
    pv: Vault, keys: BrandKeys, clock: Clock, request_jws: str
) -> None:
    shared = pv.grants.share(ORIGIN, "fit-advice")
    clock.advance(3600)
    before = counts(pv)
    event = pv.grants.revoke(shared.grant.id)
    assert moved(before, counts(pv)) == {"tokens": 1, "audit": 1}
    grant = pv.grants.find(shared.grant.id)
    assert grant.status is GrantStatus.REVOKED and grant.ended_at == clock.now
    pairwise = open_grant(shared.token.compact, keys).pairwise
    assert verify_jws(event.compact, pairwise)["events"]["urn:zpd:event:grant-revoked"][
        "grant"] == grant.id
    [entry] = pv.audit.entries(action_prefix="grant.revoked")
    assert entry.details == {"grant": grant.id, "brand": ORIGIN}

    before = counts(pv)
    with pytest.raises(GrantNotActive):
        pv.grants.revoke(shared.grant.id)
    assert counts(pv) == before
    with pytest.raises(UnknownGrant):
        pv.grants.revoke("00000000-0000-4000-8000-000000000000")


def test_grants_expire_by_themselves(
    pv: Vault, made_vault: MadeVault, clock: Clock, request_jws: str
) -> None:
    grant = pv.grants.share(ORIGIN, "fit-advice", days=7).grant
    clock.advance(7 * DAY - 1)
    assert pv.grants.listing()[0].status is GrantStatus.ACTIVE
    assert pv.audit.entries(action_prefix="grant.expired") == []

    clock.advance(1)
    pv.lock()
    reopened = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=clock)
    try:
        assert reopened.grants.listing()[0].status is GrantStatus.ACTIVE  # reading never ends it
        assert reopened.grants.expire_due() == 1
        [expired] = reopened.grants.listing()
        assert expired.status is GrantStatus.EXPIRED
        assert expired.ended_at == grant.expires_at == grant.created_at + 7 * DAY
        [entry] = reopened.audit.entries(action_prefix="grant.expired")
        assert entry.details == {"grant": grant.id}
        assert reopened.grants.listing(status=GrantStatus.ACTIVE) == []
        assert [g.id for g in reopened.grants.listing(status=GrantStatus.EXPIRED)] == [grant.id]

        before = counts(reopened)
        reopened.fields.set("shoe_size_eu", 45)
        reopened.fields.clear("favourite_colours")
        assert moved(before, counts(reopened)) == {"audit": 2, "field_history": 2}
        assert reopened.grants.find(grant.id).version == 1
        reopened.grants.listing()
        assert len(reopened.audit.entries(action_prefix="grant.expired")) == 1
        assert reopened.audit.verify().ok
    finally:
        reopened.lock()


def test_a_field_of_an_expired_grant_can_be_cleared_even_if_it_was_required(
    pv: Vault, clock: Clock, request_jws: str
) -> None:
    pv.grants.share(ORIGIN, "fit-advice", days=1)
    clock.advance(DAY)
    assert pv.fields.clear("shoe_size_eu")


# -- what a brand knows ------------------------------------------------------------------


def test_knows_shows_the_latest_data_per_grant_with_status(
    pv: Vault, clock: Clock, request_jws: str
) -> None:
    fit = pv.grants.share(ORIGIN, "fit-advice").grant
    clock.advance(60)
    news = pv.grants.share(ORIGIN, "newsletter", fields=["contact_channels"], days=5).grant
    pv.fields.set("favourite_colours", ["white"])
    pv.fields.set("contact_channels", ["sms", "email"])

    held = {h.grant.id: h for h in pv.grants.held_by(ORIGIN)}
    assert set(held) == {fit.id, news.id}
    assert held[fit.id].data == {"shoe_size_eu": 42, "favourite_colours": ["white"]}
    assert held[fit.id].grant.status is GrantStatus.ACTIVE and held[fit.id].grant.version == 2
    assert held[news.id].data == {"contact_channels": ["email", "sms"]}  # catalogue order
    assert held[news.id].grant.purpose_iri == DPV + "DirectMarketing"

    pv.grants.revoke(fit.id)
    clock.advance(5 * DAY)
    pv.grants.expire_due()  # as the app's timer, or the CLI before it shows grants, does
    statuses = {h.grant.id: h.grant.status for h in pv.grants.held_by(ORIGIN)}
    assert statuses == {fit.id: GrantStatus.REVOKED, news.id: GrantStatus.EXPIRED}
    assert pv.grants.held_by(OTHER_ORIGIN) == []


# -- consent records ---------------------------------------------------------------------


def test_consent_records_carry_both_signed_sides(
    pv: Vault, keys: BrandKeys, clock: Clock, request_jws: str
) -> None:
    fit = pv.grants.share(ORIGIN, "fit-advice").grant
    news = pv.grants.share(ORIGIN, "newsletter", fields=["contact_channels"], days=3).grant
    kept = pv.grants.share(ORIGIN, "fit-advice", fields=["shoe_size_eu"]).grant
    clock.advance(60)
    pv.fields.set("favourite_colours", ["grey"])
    clock.advance(60)
    pv.grants.revoke(fit.id)
    clock.advance(3 * DAY)
    pv.grants.expire_due()  # as `zpv records export` does first

    document = pv.transparency.consent_records()
    json.loads(json.dumps(document))  # JSON-serialisable as it is
    records = {r["record_id"]: r for r in document["records"]}
    assert set(records) == {fit.id, news.id, kept.id}
    states = {gid: r["consent"]["state"] for gid, r in records.items()}
    assert states == {
        fit.id: DPV + "ConsentWithdrawn",
        news.id: DPV + "ConsentExpired",
        kept.id: DPV + "ConsentGiven",
    }

    pairwise = expected_pairwise(master_seed(pv), ORIGIN)
    pseudonym = THUMBPRINT_URI + pairwise.thumbprint()
    record = records[fit.id]
    assert {"schema_version", "record_id", "pii_principal_id", "controller", "notice",
            "purposes", "consent", "events"} <= set(record)
    assert record["schema_version"].startswith("ISO/IEC TS 27560")
    assert record["consent"]["method"] == DPV + "ExpressedConsent"
    assert record["pii_principal_id"] == pseudonym
    assert record["controller"]["origin"] == ORIGIN
    assert record["controller"]["name"] == "Shoes Example"
    notice = record["notice"]
    assert notice["signed_by_controller"] == request_jws
    brand_claims = verify_jws(notice["signed_by_controller"], keys.signing)
    assert brand_claims["jti"] == notice["jti"]
    [purpose] = record["purposes"]
    assert purpose["purpose_iri"] == DPV + "ServicePersonalisation"
    assert purpose["pii_categories"] == ["shoe_size_eu", "favourite_colours"]
    assert purpose["required_pii"] == ["shoe_size_eu"]
    assert purpose["storage_duration_days"] == 180
    assert purpose["lawful_basis"] == DPV + "Consent"
    assert record["consent"]["given_at"] == fit.created_at
    assert record["consent"]["valid_until"] == fit.expires_at
    assert record["consent"]["version"] == 2

    events = record["events"]
    assert [e["type"] for e in events] == ["given", "updated", "withdrawn"]
    versions = []
    for event in events:
        claims = verify_jws(event["signed_by_principal"], pairwise)
        assert claims["iss"] == pseudonym and claims["jti"] == event["jti"]
        versions.append(claims.get("grant", {}).get("version"))
    assert versions == [1, 2, None]
    given = verify_jws(events[0]["signed_by_principal"], pairwise)
    assert given["data"] == {"shoe_size_eu": 42, "favourite_colours": ["black", "navy"]}
    assert given["request"]["sha256"] == notice["sha256"]
    assert segment_json(events[0]["signed_by_principal"], 0)["typ"] == "zpd-grant+jwt"
    assert segment_json(events[2]["signed_by_principal"], 0)["typ"] == "secevent+jwt"


def test_consent_events_keep_their_order_within_one_second(
    pv: Vault, request_jws: str
) -> None:
    grant = pv.grants.share(ORIGIN, "fit-advice").grant
    pv.fields.set("favourite_colours", ["grey"])
    pv.grants.revoke(grant.id)  # all at the same clock second
    [record] = pv.transparency.consent_records()["records"]
    assert [e["type"] for e in record["events"]] == ["given", "updated", "withdrawn"]


def test_brands_by_field_names_the_brands_of_live_shares_newest_first(
    pv: Vault, keys: BrandKeys, clock: Clock, request_jws: str
) -> None:
    """Worked out by SQLite, it says what reading every live share says."""
    import_books(pv, clock)

    def read_from_the_shares() -> dict[str, list[str]]:
        named: dict[str, list[str]] = {}
        for grant in pv.grants.listing(status=GrantStatus.ACTIVE, limit=10_000):
            for key in grant.fields:
                if grant.brand_name not in named.setdefault(key, []):
                    named[key].append(grant.brand_name)
        return named

    fit = pv.grants.share(ORIGIN, "fit-advice").grant
    clock.advance(60)
    news = pv.grants.share(OTHER_ORIGIN, "newsletter").grant
    clock.advance(60)
    pv.grants.share(ORIGIN, "fit-advice")  # the same brand again: named once
    both = pv.grants.brands_by_field()
    assert both == read_from_the_shares()
    assert both["shoe_size_eu"] == [fit.brand_name, news.brand_name]
    assert both["contact_channels"] == [news.brand_name]

    pv.grants.revoke(news.id)
    after = pv.grants.brands_by_field()
    assert after == read_from_the_shares()
    assert "contact_channels" not in after and after["shoe_size_eu"] == [fit.brand_name]
