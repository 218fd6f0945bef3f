"""Deletion followed all the way down, from the vault: a revocation the brand kit's real
receiver answers `deletion_pending` (its systems crm and mail still deleting) is polled at
the brand's receipts endpoint within later flushes, with backoff, until the receipt is
final; every receipt is kept (each checked with jwcrypto against the brand's published
key), and `zpv grants` / `zpv knows` and the transparency report (web page and PDF) say
which systems confirmed, failed or still delete.
One brand's receipts endpoint failing, answering garbage or hanging never holds back
another's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jwcrypto import jwk as cjwk
from jwcrypto import jws as cjws
from PySide6.QtWidgets import QApplication

from tests.delivery.downstream_brand import DownstreamBrand, downstream_brand
from tests.support.cli import run_cli
from tests.support.request_only import Person
from tests.support.vaults import PASSPHRASE
from ui.report.printed import print_html
from ui.words.report import web_page
from vault.cli.report_words import render_html
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.receipt_polls import POLL_CAP

LATER = POLL_CAP + 60  # past any poll's backoff


def brand_signed(compact: str, brand: DownstreamBrand) -> dict[str, Any]:
    """The receipt's claims, verified by jwcrypto alone with the brand's published key."""
    public = [k for k in brand.keys.public_jwks()["keys"] if k["use"] == "sig"][0]
    checked = cjws.JWS()
    checked.deserialize(compact)
    checked.verify(cjwk.JWK(**public), alg="EdDSA")
    claims: dict[str, Any] = json.loads(checked.payload)
    return claims


def systems(claims: dict[str, Any]) -> dict[str, str]:
    return {entry["system"]: entry["status"] for entry in claims["ack"].get("downstream", [])}


def reported(person: Person, origin: str) -> tuple[str, str, str]:
    """The transparency report's page in the terminal's words and the app's, and its PDF's
    text, each reduced to what the share's "Deletion in the brand's systems" row says."""
    report = person.vault.transparency.report(origin)
    printed, _ = print_html(report)
    return tuple(  # type: ignore[return-value]
        row(page) for page in (render_html(report), web_page(report), printed))


def row(page: str) -> str:
    start = page.index("Deletion in the brand&#x27;s systems")
    return page[start:page.index("</tr>", start)]


def status(person: Person, grant_id: str) -> DeliveryStatus:
    summary = person.vault.delivery.summary(grant_id)
    assert summary is not None
    return summary.status


def shared_then_revoked(person: Person, brand: DownstreamBrand) -> str:
    person.vault.brands.fetch(brand.origin)
    grant_id = person.vault.grants.share(brand.origin, "fit-advice").grant.id
    assert person.vault.delivery.flush().delivered
    person.vault.grants.revoke(grant_id)
    assert person.vault.delivery.flush().delivered
    return grant_id


def test_a_pending_deletion_is_polled_until_every_system_confirmed(
    person: Person, tmp_path: Path
) -> None:
    with downstream_brand(tmp_path / "brand") as brand:
        grant_id = shared_then_revoked(person, brand)
        assert status(person, grant_id) is DeliveryStatus.DELETION_PENDING
        assert {e.system: e.status for e in person.vault.delivery.downstream(grant_id)} == {
            "crm": "pending", "mail": "pending"}

        brand.wait_confirmed("crm")  # crm answered its grant.revoked: deleted
        report = person.vault.delivery.flush()
        assert report.polled == 0, "the next poll waits out its backoff"
        person.clock.now += LATER
        report = person.vault.delivery.flush()
        assert report.polled == 1 and report.new_receipts
        assert status(person, grant_id) is DeliveryStatus.DELETION_PENDING
        assert {e.system: e.status for e in person.vault.delivery.downstream(grant_id)} == {
            "crm": "deleted", "mail": "pending"}
        person.clock.now += LATER
        report = person.vault.delivery.flush()
        assert report.polled == 1 and not report.new_receipts, "nothing new: nothing kept"

        brand.mail_acks("deleted")
        person.clock.now += LATER
        assert person.vault.delivery.flush().new_receipts
        assert status(person, grant_id) is DeliveryStatus.DELETION_CONFIRMED
        person.clock.now += LATER
        assert person.vault.delivery.flush().polled == 0, "a final receipt is not polled"
        polls = brand.served.polls

    kept = person.vault.delivery.receipts(grant_id)
    assert [s for _, s, _ in kept] == ["stored", "deletion_pending", "deletion_pending",
                                       "deleted"]
    claims = [brand_signed(jws, brand) for _, _, jws in kept]
    assert [systems(c) for c in claims[1:]] == [
        {"crm": "pending", "mail": "pending"},
        {"crm": "deleted", "mail": "pending"},
        {"crm": "deleted", "mail": "deleted"},
    ]
    revocation = kept[1][0]
    assert all(c["ack"]["jti"] == revocation for c in claims[1:])
    assert polls == 3
    exported = person.vault.transparency.export_document()["receipts"]
    assert [r["status"] for r in exported] == [s for _, s, _ in kept]


def test_zpv_grants_knows_and_the_report_show_each_system(
    qapp: QApplication, person: Person, tmp_path: Path
) -> None:
    with downstream_brand(tmp_path / "brand") as brand:
        grant_id = shared_then_revoked(person, brand)
        brand.wait_confirmed("crm")
        person.clock.now += LATER
        person.vault.delivery.flush()
    terminal, app, printed = reported(person, brand.origin)
    assert "crm deleted (" in terminal and "mail still deleting" in terminal
    for words in (app, printed):
        assert "crm: deleted on " in words and "mail: pending" in words
    person.vault.lock()
    env = {"ZPV_VAULT": str(person.directory), "ZPV_PASSPHRASE": PASSPHRASE}
    listed = run_cli("grants", "--json", passphrase=None, env=env)
    assert listed.returncode == 0, listed.stderr
    [grant] = json.loads(listed.stdout)
    assert grant["id"] == grant_id and grant["delivery"]["status"] == "deletion_pending"
    assert {(d["system"], d["status"]) for d in grant["downstream"]} == {
        ("crm", "deleted"), ("mail", "pending")}
    assert all(isinstance(d["at"], int) for d in grant["downstream"] if d["system"] == "crm")
    text = run_cli("grants", passphrase=None, env=env)
    assert "crm deleted (" in text.stdout and "mail still deleting" in text.stdout
    knows = run_cli("knows", brand.origin, passphrase=None, env=env)
    assert knows.returncode == 0, knows.stderr
    assert "deletion in the brand's systems: crm deleted (" in knows.stdout
    assert "mail still deleting" in knows.stdout
    as_json = json.loads(run_cli("knows", brand.origin, "--json", passphrase=None,
                                 env=env).stdout)
    assert {d["system"] for d in as_json["grants"][0]["downstream"]} == {"crm", "mail"}


def test_a_system_that_fails_ends_the_receipt_as_deletion_failed(
    qapp: QApplication, person: Person, tmp_path: Path
) -> None:
    with downstream_brand(tmp_path / "brand") as brand:
        grant_id = shared_then_revoked(person, brand)
        brand.wait_confirmed("crm")
        brand.mail_acks("failed", "the mailing list export could not be reached")
        person.clock.now += LATER
        assert person.vault.delivery.flush().new_receipts
        person.clock.now += LATER
        assert person.vault.delivery.flush().polled == 0
    assert status(person, grant_id) is DeliveryStatus.DELETION_FAILED
    assert {e.system: e.status for e in person.vault.delivery.downstream(grant_id)} == {
        "crm": "deleted", "mail": "failed"}
    assert person.vault.delivery.receipts(grant_id)[-1][1] == "deletion_failed"
    terminal, app, printed = reported(person, brand.origin)
    assert "crm deleted (" in terminal and "mail failed to delete (" in terminal
    for words in (app, printed):
        assert "crm: deleted on " in words and "mail: failed" in words


def test_a_failure_reported_while_another_system_deletes_shows_at_once(
    qapp: QApplication, person: Person, tmp_path: Path
) -> None:
    with downstream_brand(tmp_path / "brand") as brand:
        brand.crm.behaviour = "fail"  # down when the revocation comes
        grant_id = shared_then_revoked(person, brand)
        brand.mail_acks("failed", "the mailing list export could not be reached")
        person.clock.now += LATER
        assert person.vault.delivery.flush().new_receipts
        meanwhile = status(person, grant_id)
        systems_meanwhile = {e.system: e.status for e in person.vault.delivery.downstream(
            grant_id)}
        _, app, _ = reported(person, brand.origin)
        brand.crm_back()
        brand.wait_confirmed("crm")
        person.clock.now += LATER
        assert person.vault.delivery.flush().new_receipts
    assert meanwhile is DeliveryStatus.DELETION_PENDING, "still polled: crm is deleting"
    assert systems_meanwhile == {"crm": "pending", "mail": "failed"}
    assert "crm: pending" in app and "mail: failed" in app
    assert status(person, grant_id) is DeliveryStatus.DELETION_FAILED
    assert {e.system: e.status for e in person.vault.delivery.downstream(grant_id)} == {
        "crm": "deleted", "mail": "failed"}


def test_one_brand_s_failing_receipts_endpoint_never_holds_back_another(
    person: Person, tmp_path: Path
) -> None:
    with downstream_brand(tmp_path / "a", "Alpha Shoes") as alpha, \
            downstream_brand(tmp_path / "b", "Beta Shoes") as beta:
        alpha_grant = shared_then_revoked(person, alpha)
        beta_grant = shared_then_revoked(person, beta)
        alpha.served.fault = "500"
        beta.mail_acks("deleted")
        alpha.mail_acks("deleted")
        beta.wait_confirmed("crm")
        alpha.wait_confirmed("crm")
        person.clock.now += LATER
        person.vault.delivery.flush()
        assert status(person, beta_grant) is DeliveryStatus.DELETION_CONFIRMED
        assert status(person, alpha_grant) is DeliveryStatus.DELETION_PENDING
        # Alpha asked to wait an hour (Retry-After): a flush within it does not ask again.
        person.clock.now += 600
        alpha.served.fault = "garbage"
        assert person.vault.delivery.flush().polled == 0
        person.clock.now += 3600
        report = person.vault.delivery.flush()
        assert report.polled == 1 and not report.new_receipts, "garbage is no receipt"
        assert status(person, alpha_grant) is DeliveryStatus.DELETION_PENDING
        alpha.served.fault = ""
        person.clock.now += LATER
        assert person.vault.delivery.flush().new_receipts
    assert status(person, alpha_grant) is DeliveryStatus.DELETION_CONFIRMED
    assert [s for _, s, _ in person.vault.delivery.receipts(alpha_grant)] == [
        "stored", "deletion_pending", "deleted"]


def test_a_hanging_receipts_endpoint_costs_one_time_limit_and_others_are_polled(
    person: Person, tmp_path: Path
) -> None:
    with downstream_brand(tmp_path / "a", "Alpha Shoes") as alpha, \
            downstream_brand(tmp_path / "b", "Beta Shoes") as beta:
        alpha_grant = shared_then_revoked(person, alpha)
        beta_grant = shared_then_revoked(person, beta)
        alpha.served.fault = "slow"  # past the transport's 3 s time limit
        beta.mail_acks("deleted")
        beta.wait_confirmed("crm")
        person.clock.now += LATER
        report = person.vault.delivery.flush()
        assert report.polled == 2
        assert status(person, beta_grant) is DeliveryStatus.DELETION_CONFIRMED
        assert status(person, alpha_grant) is DeliveryStatus.DELETION_PENDING


def test_deliver_now_asks_for_the_latest_receipt_at_once(person: Person, tmp_path: Path) -> None:
    with downstream_brand(tmp_path / "brand") as brand:
        grant_id = shared_then_revoked(person, brand)
        brand.mail_acks("deleted")
        brand.wait_confirmed("crm")
        assert person.vault.delivery.flush().polled == 0, "waiting out its backoff"
        report = person.vault.delivery.deliver_now()  # zpv outbox flush
    assert report.polled == 1 and report.new_receipts
    assert status(person, grant_id) is DeliveryStatus.DELETION_CONFIRMED


def test_without_a_receipts_endpoint_the_pending_receipt_is_kept_and_not_polled(
    person: Person, tmp_path: Path
) -> None:
    with downstream_brand(tmp_path / "brand", receipts=False) as brand:
        grant_id = shared_then_revoked(person, brand)
        brand.mail_acks("deleted")
        brand.wait_confirmed("crm")
        person.clock.now += LATER
        assert person.vault.delivery.deliver_now().polled == 0
        assert brand.served.polls == 0
    assert status(person, grant_id) is DeliveryStatus.DELETION_PENDING
    assert [s for _, s, _ in person.vault.delivery.receipts(grant_id)] == [
        "stored", "deletion_pending"]
