"""The brands' receipts are kept as proof, and go with the person's data: in the JSON export
(`zpv export`) and in the consent records (`zpv records export`), exactly as the brand signed
them, each checked here by jwcrypto against the brand's published key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jwcrypto import jwk as cjwk
from jwcrypto import jws as cjws

from tests.support.cli import run_cli
from tests.support.live_brand import LiveBrand, live_brand
from tests.support.request_only import Person
from tests.support.vaults import PASSPHRASE


def brand_verified(compact: str, brand: LiveBrand) -> dict[str, Any]:
    public = [k for k in brand.keys.public_jwks()["keys"] if k["use"] == "sig"][0]
    checked = cjws.JWS()
    checked.deserialize(compact)
    checked.verify(cjwk.JWK(**public), alg="EdDSA")
    claims: dict[str, Any] = json.loads(checked.payload)
    return claims


def delivered_then_revoked(person: Person, brand: LiveBrand) -> str:
    person.vault.brands.fetch(brand.origin)
    grant_id = person.vault.grants.share(brand.origin, "fit-advice").grant.id
    person.vault.delivery.flush()
    person.vault.grants.revoke(grant_id)
    person.vault.delivery.flush()
    return grant_id


def test_the_export_carries_every_receipt_as_signed(person: Person) -> None:
    with live_brand() as brand:
        grant_id = delivered_then_revoked(person, brand)
        document = person.vault.transparency.export_document()
    kept = document["receipts"]
    assert [(r["grant"], r["brand"], r["message_kind"], r["status"]) for r in kept] == [
        (grant_id, brand.origin, "grant", "stored"),
        (grant_id, brand.origin, "revocation", "deleted"),
    ]
    messages = {jti for jti, _, _ in person.vault.delivery.receipts(grant_id)}
    for entry in kept:
        claims = brand_verified(entry["signed_by_brand"], brand)
        assert claims["ack"] == {"jti": entry["message"], "status": entry["status"]}
        assert entry["signed_at"] == claims["iat"] and entry["message"] in messages
        assert entry["received_at"] >= person.clock.now - 5
    assert document["version"] == 1 and "fields" in document and "audit" in document


def test_the_consent_records_carry_the_receipts_of_each_grant(person: Person) -> None:
    with live_brand() as brand:
        grant_id = delivered_then_revoked(person, brand)
        person.vault.brands.fetch(brand.origin)
        other = person.vault.grants.share(brand.origin, "fit-advice").grant.id  # never delivered
        document = person.vault.transparency.consent_records()
        records = {r["record_id"]: r for r in document["records"]}
    assert records[other]["receipts"] == []
    record = records[grant_id]
    events = {e["jti"]: e["type"] for e in record["events"]}
    assert [(events[r["message"]], r["status"]) for r in record["receipts"]] == [
        ("given", "stored"), ("withdrawn", "deleted")]
    for entry in record["receipts"]:
        assert brand_verified(entry["signed_by_controller"], brand)["ack"]["jti"] == (
            entry["message"])


def test_zpv_export_and_records_export_write_them(person: Person, tmp_path: Path) -> None:
    with live_brand() as brand:
        grant_id = delivered_then_revoked(person, brand)
    person.vault.lock()
    env = {"ZPV_VAULT": str(person.directory), "ZPV_PASSPHRASE": PASSPHRASE}
    for args in (["export", "--out", str(tmp_path / "me.json")],
                 ["records", "export", "--out", str(tmp_path / "records.json")]):
        result = run_cli(*args, passphrase=None, env=env)
        assert result.returncode == 0, result.stderr
    exported = json.loads((tmp_path / "me.json").read_text())
    assert [r["status"] for r in exported["receipts"]] == ["stored", "deleted"]
    [record] = json.loads((tmp_path / "records.json").read_text())["records"]
    assert record["record_id"] == grant_id
    assert [r["status"] for r in record["receipts"]] == ["stored", "deleted"]
