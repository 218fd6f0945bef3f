"""End to end over real HTTP: the brand kit's receiver under uvicorn, the vault's outbox.

Fetch the request over TLS (domain verified), share, deliver: the brand holds
exactly the shared fields; edit a field: the brand holds version 2; revoke: the
brand's data for that grant is gone and the vault keeps its "deleted" receipt.
Once through the library, once through the `zpv` command line.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.live_brand import TlsBrand
from tests.support.vaults import FAST_KDF, PASSPHRASE
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.transport import HttpTransport
from vault.vault import Vault
from zpd import receipt as zpd_receipt


def test_the_whole_exchange_through_the_library(tls_brand: TlsBrand, tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", PASSPHRASE, kdf=FAST_KDF)
    vault.delivery.transport = HttpTransport(ca_bundle=tls_brand.ca_bundle)
    vault.fields.set("shoe_size_eu", 42)
    vault.fields.set("favourite_colours", ["navy"])
    vault.fields.set("allergies", ["milk"])

    imported = vault.brands.fetch(tls_brand.origin)
    assert imported.brand.domain_verified and imported.brand.origin == tls_brand.origin

    grant = vault.grants.share(tls_brand.origin, "fit-advice").grant
    assert vault.delivery.flush().delivered
    assert tls_brand.holds() == {
        grant.id: (1, {"shoe_size_eu": 42, "favourite_colours": ["navy"]}, "active")
    }, "exactly the shared fields: never the special-category one left out"
    summary = vault.delivery.summary(grant.id)
    assert summary is not None and summary.status is DeliveryStatus.CONFIRMED

    vault.fields.set("shoe_size_eu", 43)
    vault.delivery.flush()
    assert tls_brand.holds()[grant.id][:2] == (
        2, {"shoe_size_eu": 43, "favourite_colours": ["navy"]})

    vault.grants.revoke(grant.id)
    vault.delivery.flush()
    assert tls_brand.holds()[grant.id] == (2, {}, "revoked")
    statuses = [status for _, status, _ in vault.delivery.receipts(grant.id)]
    assert statuses == ["stored", "stored", "deleted"]
    summary = vault.delivery.summary(grant.id)
    assert summary is not None and summary.status is DeliveryStatus.DELETION_CONFIRMED
    # The kept receipt is the brand's signature, checkable later by anyone with its key.
    jti, _, deleted = vault.delivery.receipts(grant.id)[-1]
    pinned = json.loads(str(vault._store.query_one(
        "SELECT signing_jwk FROM brands WHERE origin = ?", (tls_brand.origin,))[0]))
    checked = zpd_receipt.verify(deleted, pinned, issuer=tls_brand.origin,
                                 audience=_aud(deleted), ack_jti=jti, status="deleted",
                                 now=int(time.time()))
    assert checked.status == "deleted"
    assert vault.audit.verify().ok
    vault.lock()


def _aud(receipt_jws: str) -> str:
    import base64

    payload = receipt_jws.split(".")[1]
    return str(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["aud"])


@pytest.mark.slow
def test_the_whole_exchange_through_the_cli(tls_brand: TlsBrand, tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    env = {"ZPV_CA_BUNDLE": tls_brand.ca_bundle}

    def zpv(*args: str) -> str:
        result = run_cli(*args, vault_dir=directory, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    zpv("set", "shoe_size_eu", "41")
    fetched = zpv("request", "fetch", tls_brand.origin)
    # A server on 127.0.0.1 is said to be on this computer, even over TLS.
    assert f"On this computer: fetched from {tls_brand.origin}" in fetched
    assert "secure connection" not in fetched
    [brand] = json.loads(zpv("brands", "--json"))
    assert brand["domain_verified"] is True and brand["home"] == "loopback"
    zpv("share", "Shoes", "fit-advice")
    assert "Delivered 1" in zpv("outbox", "flush")
    [grant] = json.loads(zpv("grants", "--json"))
    assert grant["delivery"]["status"] == "confirmed"
    assert tls_brand.holds()[grant["id"]][1] == {"shoe_size_eu": 41}
    zpv("revoke", grant["id"][:8])
    zpv("outbox", "flush")
    assert tls_brand.holds()[grant["id"]][1:] == ({}, "revoked")
    [grant] = json.loads(zpv("grants", "--json"))
    assert grant["delivery"]["status"] == "deletion_confirmed"


def test_fetch_refuses_an_untrusted_certificate(tls_brand: TlsBrand, tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    result = run_cli("request", "fetch", tls_brand.origin, vault_dir=directory)
    assert result.returncode == 1
    assert result.stderr.startswith("zpv: ") and len(result.stderr.splitlines()) == 1
    assert "secure connection" in result.stderr
    assert json.loads(run_cli("brands", "--json", vault_dir=directory).stdout) == []

