"""No passphrase, recovery code, key, value, token or identifier that links a person ever
reaches a log line: a whole exchange with a real receiver over TLS, logged at DEBUG
(every library's lines too) into the app's rotating file, and the CLI's `-vv` on stderr,
searched for each secret and for its hex and base64 forms."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.jose_reading import expected_pairwise, master_seed
from tests.support.live_brand import TlsBrand
from tests.support.vaults import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE
from vault import logs
from vault.cli.report_words import render_html
from vault.exchange.transport import HttpTransport
from vault.storage import keys
from vault.vault import Vault
from zpd.fieldtypes import FieldType, Sensitivity

VALUES = {
    "preferred_name": "Quillon Verbeke",
    "email": "quillon.verbeke@example.org",
    "x_motto": "lanterns over the marsh at noon",
}


def forms(secret: bytes | str) -> set[str]:
    """The secret, and for bytes its hex and base64 spellings (padded or not, url-safe)."""
    if isinstance(secret, str):
        return {secret}
    found = {secret.hex(), secret.hex().upper(), base64.b64encode(secret).decode()}
    found.add(base64.urlsafe_b64encode(secret).decode().rstrip("="))
    found.add(base64.b64encode(secret).decode().rstrip("="))
    return found


def tokens_of(vault: Vault) -> set[str]:
    """Every token and event the vault issued, its receipts, and their longest parts."""
    rows = vault._store.query("SELECT compact, signed FROM tokens")
    rows += vault._store.query("SELECT receipt, jti FROM outbox WHERE receipt IS NOT NULL")
    found = set()
    for row in rows:
        for text in row:
            found |= {str(text), max(str(text).split("."), key=len)}
    return found


def identifiers_of(vault: Vault) -> set[str]:
    """What links a person: grant ids (whole), message ids, pseudonyms, email aliases."""
    found = {str(r[0]) for r in vault._store.query("SELECT id FROM grants")}
    found |= {str(r[0]) for r in vault._store.query("SELECT jti FROM tokens")}
    found |= {a.alias for a in vault.aliases.all()}
    seed = master_seed(vault)
    for brand in vault.brands.all():
        found.add(expected_pairwise(seed, brand.origin).thumbprint())
    return found


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[Path]:
    """Everything at DEBUG into the app's own log file (as the app sets it up)."""
    path = logs.to_file(logging.DEBUG, tmp_path / "log")
    assert path is not None
    yield path
    logs.to_stderr(0)  # drop the file handler again


def test_a_whole_exchange_logs_no_secret_value_or_token(
    tls_brand: TlsBrand, tmp_path: Path, logged: Path
) -> None:
    secrets: set[str] = {PASSPHRASE, NEW_PASSPHRASE}
    vault, code = Vault.create(tmp_path / "vault", PASSPHRASE, kdf=FAST_KDF)
    secrets |= {code, keys.normalise_recovery_code(code)}
    assert vault._data_key is not None
    secrets |= forms(bytes(vault._data_key)) | forms(master_seed(vault))
    vault.delivery.transport = HttpTransport(ca_bundle=tls_brand.ca_bundle)
    vault.fields.define("motto", "Motto", FieldType.TEXT, Sensitivity.PERSONAL)
    for key, value in VALUES.items():
        vault.fields.set(key, value)
    vault.fields.set("shoe_size_eu", 44.5)
    vault.aliases.set_enabled(True)

    vault.brands.fetch(tls_brand.origin)
    grant = vault.grants.share(tls_brand.origin, "fit-advice").grant
    vault.delivery.flush()
    vault.fields.set("shoe_size_eu", 45.5)  # version 2
    vault.delivery.flush()
    vault.grants.revoke(grant.id)
    vault.delivery.flush()
    assert [s for _, s, _ in vault.delivery.receipts(grant.id)] == ["stored", "stored", "deleted"]
    render_html(vault.transparency.report())
    vault.transparency.export_to(tmp_path / "export.json")
    vault.transparency.consent_records()
    vault.backup_to(tmp_path / "backup.zpvbak")
    secrets |= tokens_of(vault)
    identifiers = identifiers_of(vault)
    vault.change_passphrase(NEW_PASSPHRASE)
    secrets |= forms(bytes(vault._data_key))
    new_code = vault.new_recovery_code(NEW_PASSPHRASE)
    secrets |= {new_code, keys.normalise_recovery_code(new_code)}
    secrets |= forms(bytes(vault._data_key))
    vault.lock()
    with Vault.unlock(tmp_path / "vault", NEW_PASSPHRASE) as again:
        again.grants.listing()
    Vault.restore(tmp_path / "backup.zpvbak", tmp_path / "restored", PASSPHRASE)

    text = logged.read_text("utf-8")
    # It logged what happened: deliveries, the receiver's requests, the re-keys...
    for line in ("delivered to " + tls_brand.origin, "POST /zpd/grants 202",
                 "POST /zpd/events 202", "vault re-keyed", "vault unlocked", "vault locked",
                 f"request from {tls_brand.origin} imported", "Starting new HTTPS connection"):
        assert line in text, line
    assert f"grant {grant.id[:8]}" in text
    # ... and nothing else.
    values = {*VALUES.values(), '"shoe_size_eu": 44.5', '"shoe_size_eu": 45.5'}
    leaked = sorted(s for s in secrets | values | identifiers if s and s in text)
    assert leaked == []


@pytest.mark.slow
def test_zpv_vv_says_what_happens_on_stderr_without_secrets(
    tls_brand: TlsBrand, tmp_path: Path
) -> None:
    directory = tmp_path / "vault"
    vault, code = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    vault.fields.set("preferred_name", VALUES["preferred_name"])
    vault.fields.set("shoe_size_eu", 44.5)
    vault.lock()
    env = {"ZPV_CA_BUNDLE": tls_brand.ca_bundle}
    said = []
    for args in (("request", "fetch", tls_brand.origin), ("share", "Shoes", "fit-advice"),
                 ("outbox", "flush"), ("grants",), ("report", "--out", str(tmp_path / "r"))):
        result = run_cli("-vv", *args, vault_dir=directory, env=env)
        assert result.returncode == 0, result.stderr
        said.append(result.stderr)
    quiet = run_cli("outbox", "flush", vault_dir=directory, env=env)
    assert quiet.returncode == 0 and quiet.stderr == ""
    stderr = "".join(said)
    assert "delivered to " + tls_brand.origin in stderr and "DEBUG" in stderr
    with Vault.unlock(directory, PASSPHRASE) as opened:
        secrets = tokens_of(opened) | identifiers_of(opened) | forms(master_seed(opened))
        assert opened._data_key is not None
        secrets |= forms(bytes(opened._data_key))
    secrets |= {PASSPHRASE, code, VALUES["preferred_name"]}
    assert sorted(s for s in secrets if s in stderr) == []
    assert json.dumps(VALUES["preferred_name"]) not in stderr
