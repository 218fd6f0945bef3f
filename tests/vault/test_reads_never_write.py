"""Reading never writes: not even with grants past their end, which only `expire_due` (run
at unlock, on the app's timer, before the CLI shows grants, before a share or revocation)
marks expired, saying what it changed."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.clock import DAY, Clock
from tests.support.specs import ORIGIN, request_spec
from tests.support.vaults import MadeVault
from tests.vault.question_helpers import SIZE
from vault.changes import Changes
from vault.exchange.delivery import FlushReport
from vault.exchange.grants import GrantStatus
from vault.leaks.managers import UnknownLeak
from vault.vault import Vault

MANAGERS = ("fields", "answers", "audit", "brands", "grants", "delivery", "aliases",
            "leaks", "transparency", "sync")
# The API that writes (on purpose): everything else a manager offers is a read.
WRITES = {
    "fields": {"set", "set_from_text", "clear", "define"},
    "answers": {"set", "set_from_text", "clear"},
    "audit": {"record"},
    "brands": {"import_request", "fetch", "open_link"},
    "grants": {"share", "revoke", "pause", "resume", "expire_due", "field_changed",
               "answer_changed"},
    "delivery": {"flush", "deliver_now", "retry_now", "transport"},
    "aliases": {"set_enabled", "close"},
    "leaks": {"set_source", "set_mailbox", "create_service_alias", "disable_service_aliases",
              "record", "mark_expected"},
    "transparency": {"export_document", "export_to"},
    "sync": {"setup", "start", "now", "remove", "passphrase_changed", "recovery_changed"},
}


def reads(pv: Vault, grant_id: str) -> dict[str, Callable[[], object]]:
    [item, *_] = pv.delivery.waiting()
    return {
        "fields.all": pv.fields.all,
        "fields.definition": lambda: pv.fields.definition("shoe_size_eu"),
        "fields.get": lambda: pv.fields.get("shoe_size_eu"),
        "fields.history": lambda: pv.fields.history("shoe_size_eu"),
        "answers.all": pv.answers.all,
        "answers.get": lambda: pv.answers.get(ORIGIN, "q:size"),
        "answers.question": lambda: pv.answers.question(ORIGIN, "q:size"),
        "answers.history": lambda: pv.answers.history(ORIGIN, "q:size"),
        "answers.proposal": lambda: pv.answers.proposal(ORIGIN, "q:size"),
        "answers.linked_to": lambda: pv.answers.linked_to("shoe_size_eu"),
        "audit.entries": pv.audit.entries,
        "audit.verify": pv.audit.verify,
        "brands.all": pv.brands.all,
        "brands.get": lambda: pv.brands.get(ORIGIN),
        "brands.find": lambda: pv.brands.find("Shoes"),
        "brands.asks": lambda: pv.brands.asks(ORIGIN),
        "brands.latest_request": lambda: pv.brands.latest_request(ORIGIN),
        "brands.questions": lambda: pv.brands.questions(ORIGIN),
        "brands.question": lambda: pv.brands.question(ORIGIN, "q:size"),
        "brands.warnings": lambda: pv.brands.warnings(ORIGIN),
        "grants.listing": pv.grants.listing,
        "grants.get": lambda: pv.grants.get(grant_id),
        "grants.find": lambda: pv.grants.find(grant_id[:8]),
        "grants.held_by": lambda: pv.grants.held_by(ORIGIN),
        "grants.active_counts": pv.grants.active_counts,
        "grants.brands_by_field": pv.grants.brands_by_field,
        "grants.questions_answered": lambda: pv.grants.questions_answered(
            pv.grants.listing()),
        "grants.latest_token": lambda: pv.grants.latest_token(grant_id),
        "delivery.waiting": pv.delivery.waiting,
        "delivery.queued_count": pv.delivery.queued_count,
        "delivery.summary": lambda: pv.delivery.summary(grant_id),
        "delivery.summaries": lambda: pv.delivery.summaries([grant_id]),
        "delivery.is_waiting_for_grant": lambda: pv.delivery.is_waiting_for_grant(item),
        "delivery.receipts": lambda: pv.delivery.receipts(grant_id),
        "delivery.receipts_of_brand": lambda: pv.delivery.receipts_of_brand(ORIGIN),
        "delivery.downstream": lambda: pv.delivery.downstream(grant_id),
        "delivery.news": lambda: pv.delivery.news(
            FlushReport(delivered=[item.jti], new_receipts=[item.jti])),
        "aliases.enabled": pv.aliases.enabled,
        "aliases.all": pv.aliases.all,
        "aliases.preview": lambda: pv.aliases.preview(ORIGIN, "ann@mail.example"),
        "aliases.closable": lambda: pv.aliases.closable(ORIGIN),
        "leaks.source": pv.leaks.source,
        "leaks.mailbox": pv.leaks.mailbox,
        "leaks.watch_input": pv.leaks.watch_input,
        "leaks.all": pv.leaks.all,
        "leaks.service_aliases": lambda: pv.leaks.service_aliases(ORIGIN),
        # No leak was found in this vault: each of these refuses, reading only.
        "leaks.get": lambda: refused(lambda: pv.leaks.get(1)),
        "leaks.complaint_facts": lambda: refused(lambda: pv.leaks.complaint_facts(1, "")),
        "leaks.evidence_pack": lambda: refused(lambda: pv.leaks.evidence_pack(1, "")),
        "leaks.complaint_basis": lambda: refused(lambda: pv.leaks.complaint_basis(1, "")),
        "transparency.balance_for_ask": lambda: pv.transparency.balance_for_ask(
            ORIGIN, "fit-advice"),
        "transparency.balance_for_brand": lambda: pv.transparency.balance_for_brand(ORIGIN),
        "transparency.report": pv.transparency.report,
        "transparency.consent_records": pv.transparency.consent_records,
        "sync.is_set_up": pv.sync.is_set_up,
        "sync.folder": pv.sync.folder,
        "sync.status": pv.sync.status,
        "sync.devices": pv.sync.devices,
        "sync.audit_chains": pv.sync.audit_chains,
    }


def refused(read: Callable[[], object]) -> None:
    with pytest.raises(UnknownLeak):
        read()


def footprint(pv: Vault) -> tuple[int, int]:
    """Rows written through the vault's connection since it opened, and the log's length."""
    connection = pv._store.connection
    (entries,) = connection.execute("SELECT count(*) FROM audit").fetchone()
    return int(connection.total_changes), int(entries)


def test_every_read_leaves_the_vault_as_it_was_with_grants_past_their_end(
    pv: Vault, keys: BrandKeys, clock: Clock, made_vault: MadeVault, tmp_path: Path,
) -> None:
    body = request_spec()
    body["asks"][0]["fields"].append(SIZE)  # a brand question, answered
    pv.brands.import_request(signed_request(keys, body, iat=clock.now, exp=clock.now + DAY))
    pv.fields.set("shoe_size_eu", 42)
    pv.answers.set(ORIGIN, "q:size", 42)
    pv.fields.set("contact_channels", ["email"])
    kept = pv.grants.share(ORIGIN, "fit-advice", days=1).grant
    pv.grants.share(ORIGIN, "newsletter", days=1)
    pv.sync.setup(tmp_path / "synced", made_vault.passphrase, "laptop")
    clock.advance(2 * DAY)  # both grants have ended; nothing has said so yet

    checked = reads(pv, kept.id)
    offered = {f"{name}.{method}" for name in MANAGERS
               for method, _ in inspect.getmembers(getattr(pv, name))
               if not method.startswith("_") and method not in WRITES[name]}
    assert set(checked) == offered, "every read of the managers is checked here"
    for name, read in checked.items():
        before = footprint(pv)
        with pv.tracking() as tracked:
            read()
        assert tracked.changes == Changes.NONE, name
        assert footprint(pv) == before, name

    assert {g.status for g in pv.grants.listing()} == {GrantStatus.ACTIVE}
    with pv.tracking() as tracked:
        assert pv.grants.expire_due() == 2
    assert tracked.changes == Changes.GRANTS | Changes.AUDIT
    assert {g.status for g in pv.grants.listing()} == {GrantStatus.EXPIRED}
    assert len(pv.audit.entries(action_prefix="grant.expired")) == 2
