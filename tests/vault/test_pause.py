"""Pausing and resuming a grant through the real vault: the signed events, what waits in
the outbox and in which order, no version while paused and exactly one on resume, and the
refusals that change nothing."""

from __future__ import annotations

import pytest

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.clock import DAY, Clock
from tests.support.jose_reading import open_grant, verify_jws
from tests.support.specs import ORIGIN, request_spec
from tests.support.vault_rows import counts, grant_tokens
from vault.changes import Changes
from vault.cli.report_words import render_html
from vault.errors import GrantNotActive, GrantPauseRefused, PauseRefusal
from vault.exchange import outbox
from vault.exchange.grants import GrantStatus
from vault.exchange.outbox import MessageKind
from vault.vault import Vault

PAUSED = "urn:zpd:event:grant-paused"
RESUMED = "urn:zpd:event:grant-resumed"


@pytest.fixture
def shared(pv: Vault, keys: BrandKeys, clock: Clock) -> str:
    """The shoe brand's fit-advice ask shared for 7 days; the grant's id."""
    pv.brands.import_request(
        signed_request(keys, request_spec(), iat=clock.now, exp=clock.now + 30 * DAY))
    pv.fields.set("shoe_size_eu", 42)
    pv.fields.set("favourite_colours", ["black"])
    return pv.grants.share(ORIGIN, "fit-advice", days=7).grant.id


def queued(vault: Vault, grant_id: str) -> list[str]:
    """The kinds of a grant's messages still waiting, in the order they were queued."""
    return [i.kind.value for i in vault.delivery.waiting() if i.grant_id == grant_id]


def outbox_rows(vault: Vault) -> int:
    row = vault._store.query_one("SELECT count(*) FROM outbox")
    assert row is not None
    return int(row[0])


def test_pause_signs_an_event_queues_it_and_shows_the_grant_paused(
    pv: Vault, keys: BrandKeys, clock: Clock, shared: str
) -> None:
    clock.advance(3600)
    with pv.tracking() as seen:
        event = pv.grants.pause(shared)
    assert Changes.GRANTS in seen.changes and Changes.OUTBOX in seen.changes
    pairwise = open_grant(grant_tokens(pv, shared)[0][2], keys).pairwise
    claims = verify_jws(event.compact, pairwise)  # jwcrypto, by the pairwise key
    assert claims["events"] == {PAUSED: {"grant": shared}}
    assert claims["aud"] == ORIGIN and claims["iat"] == claims["toe"] == clock.now
    grant = pv.grants.find(shared)
    assert grant.paused and grant.state == "paused" and grant.paused_at == clock.now
    assert grant.status is GrantStatus.ACTIVE  # the brand still holds the data
    assert pv.grants.active_counts() == {ORIGIN: 1}
    assert queued(pv, shared) == ["grant", "pause"]
    [entry] = pv.audit.entries(action_prefix="grant.paused")
    assert entry.details == {"grant": shared, "brand": ORIGIN}


def test_an_edit_while_paused_issues_nothing_and_the_resume_exactly_one_version(
    pv: Vault, keys: BrandKeys, clock: Clock, shared: str
) -> None:
    pv.grants.pause(shared)
    before = counts(pv)
    pv.fields.set("favourite_colours", ["green"])
    pv.fields.set("shoe_size_eu", 43)
    assert counts(pv)["tokens"] == before["tokens"]
    assert pv.grants.find(shared).version == 1

    clock.advance(60)
    resumed = pv.grants.resume(shared)
    assert resumed.version is not None
    assert [v for _, v, _ in grant_tokens(pv, shared)] == [1, 2]
    claims = open_grant(resumed.version.compact, keys).claims
    assert claims["data"] == {"shoe_size_eu": 43, "favourite_colours": ["green"]}
    assert claims["grant"]["version"] == 2
    # The resume before the version it brings: the brand learns them in that order.
    assert queued(pv, shared) == ["grant", "pause", "resume", "grant"]
    grant = pv.grants.find(shared)
    assert not grant.paused and grant.state == "active" and grant.version == 2
    assert [e.details for e in pv.audit.entries(action_prefix="grant.resumed")] == [
        {"grant": shared, "brand": ORIGIN}]


def test_a_resume_with_nothing_changed_issues_no_version(
    pv: Vault, clock: Clock, shared: str
) -> None:
    pv.grants.pause(shared)
    pv.fields.set("favourite_colours", ["green"])
    pv.fields.set("favourite_colours", ["black"])  # back to what the brand holds
    resumed = pv.grants.resume(shared)
    assert resumed.version is None
    assert [v for _, v, _ in grant_tokens(pv, shared)] == [1]
    assert queued(pv, shared) == ["grant", "pause", "resume"]


def test_pausing_twice_or_resuming_a_live_grant_is_refused_and_changes_nothing(
    pv: Vault, shared: str
) -> None:
    before = (counts(pv), outbox_rows(pv))
    with pytest.raises(GrantPauseRefused) as refused:
        pv.grants.resume(shared)
    assert refused.value.reason is PauseRefusal.NOT_PAUSED
    assert (counts(pv), outbox_rows(pv)) == before

    pv.grants.pause(shared)
    before = (counts(pv), outbox_rows(pv))
    with pytest.raises(GrantPauseRefused) as refused:
        pv.grants.pause(shared)
    assert refused.value.reason is PauseRefusal.ALREADY_PAUSED
    assert (counts(pv), outbox_rows(pv)) == before


def test_a_revoked_or_expired_grant_cannot_be_paused(
    pv: Vault, clock: Clock, shared: str
) -> None:
    pv.grants.revoke(shared)
    before = (counts(pv), outbox_rows(pv))
    with pytest.raises(GrantPauseRefused) as refused:
        pv.grants.pause(shared)
    assert refused.value.reason is PauseRefusal.REVOKED
    assert (counts(pv), outbox_rows(pv)) == before

    other = pv.grants.share(ORIGIN, "fit-advice", days=1).grant.id
    clock.advance(DAY)
    with pytest.raises(GrantPauseRefused) as refused:
        pv.grants.pause(other)
    assert refused.value.reason is PauseRefusal.EXPIRED
    assert pv.grants.find(other).status is GrantStatus.EXPIRED
    assert pv.audit.entries(action_prefix="grant.paused") == []


def test_a_paused_grant_is_revoked_as_usual_and_its_queued_pause_is_not_sent(
    pv: Vault, keys: BrandKeys, shared: str
) -> None:
    pv.grants.pause(shared)
    pv.grants.revoke(shared)
    grant = pv.grants.find(shared)
    assert grant.status is GrantStatus.REVOKED and not grant.paused and grant.state == "revoked"
    with pytest.raises(GrantNotActive):
        pv.grants.revoke(shared)
    # Nothing reached the brand yet: neither the grant, nor its pause, nor the revocation.
    assert queued(pv, shared) == []
    states = {i.kind: i.state.value for i in outbox.for_grant(pv._store, shared)}
    assert states[MessageKind.PAUSE] == "cancelled"


def test_a_paused_grant_expires_as_usual(pv: Vault, clock: Clock, shared: str) -> None:
    pv.grants.pause(shared)
    clock.advance(7 * DAY)
    assert pv.grants.expire_due() == 1
    grant = pv.grants.find(shared)
    assert grant.status is GrantStatus.EXPIRED and grant.state == "expired"
    with pytest.raises(GrantPauseRefused) as refused:
        pv.grants.resume(shared)
    assert refused.value.reason is PauseRefusal.EXPIRED


def test_the_consent_record_and_the_report_tell_a_paused_grant_as_such(
    pv: Vault, clock: Clock, shared: str
) -> None:
    pv.grants.pause(shared)
    pv.fields.set("shoe_size_eu", 44)
    pv.grants.resume(shared)
    [record] = [r for r in pv.transparency.consent_records()["records"]
                if r["record_id"] == shared]
    # Consent given, then updated by the resume's version: the pause and the resume are
    # no consent events of their own.
    assert [(e["type"], e["version"]) for e in record["events"]] == [
        ("given", 1), ("updated", 2)]
    pv.grants.pause(shared)
    page = render_html(pv.transparency.report(ORIGIN))
    assert "paused: the brand keeps it but must not use it, version 2" in page


def test_a_paused_grant_still_counts_in_the_brand_s_balance(pv: Vault, shared: str) -> None:
    # The brand keeps what a paused grant gave it: the balance still weighs it.
    before = pv.transparency.balance_for_brand(ORIGIN)
    assert before.given_score > 0
    pv.grants.pause(shared)
    paused = pv.transparency.balance_for_brand(ORIGIN)
    [section] = pv.transparency.report(ORIGIN).brands
    assert (paused.given_score, paused.offered_score) == (before.given_score,
                                                          before.offered_score)
    assert section.balance.given_score == before.given_score
