"""`zpv` for leak canaries, as a person's shell runs it: the alias source (a service's key
read from standard input, never shown), the mailbox (its password likewise), a scan of a
real Dovecot, marking a leak expected, its evidence pack and a complaint draft whose hash
is the pack's."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.cli import run_cli
from tests.support.clock import DAY, Clock
from tests.support.jose_reading import open_grant
from tests.support.specs import ORIGIN, request_spec
from tests.support.vaults import MadeVault
from vault.vault import Vault

from . import dovecot
from .mail import message
from .service_apis import ServiceState, served, simplelogin_app
from .test_vault_leaks import email_ask

KEY = "sl-key-0123456789abcdef0123456789abcdef"


@pytest.fixture
def shared(made_vault: MadeVault) -> tuple[MadeVault, str]:
    """A vault whose one brand received a catch-all alias, chosen through the CLI."""
    done = run_cli("alias-source", "--domain", "alex.example", vault_dir=made_vault.directory)
    assert done.returncode == 0, done.stderr
    assert "catch-all" in done.stdout
    clock, keys = Clock(), BrandKeys.generate()
    with Vault.unlock(made_vault.directory, made_vault.passphrase) as vault:
        vault.brands.import_request(signed_request(keys, {**request_spec(asks=[email_ask()])},
                                                   iat=clock.now - 60, exp=clock.now + DAY))
        vault.fields.set("email", "ann@mail.example")
        vault.aliases.set_enabled(True)
        token = vault.grants.share(ORIGIN, "news").token.compact
    return made_vault, str(open_grant(token, keys).claims["data"]["email"])


def test_plus_addressing_is_chosen_with_its_warning(made_vault: MadeVault) -> None:
    done = run_cli("alias-source", "--plus", "ann@mail.example", vault_dir=made_vault.directory)
    assert done.returncode == 0 and "easy to strip" in done.stdout
    shown = run_cli("--json", "alias-source", vault_dir=made_vault.directory)
    assert json.loads(shown.stdout)["warnings"] == ["strippable"]


def test_a_services_key_is_read_from_stdin_and_never_shown(made_vault: MadeVault) -> None:
    done = run_cli("--json", "alias-source", "--simplelogin",
                         vault_dir=made_vault.directory, stdin=KEY + "\n")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"source": "simplelogin", "domain": None,
                                       "address": None, "url": "https://app.simplelogin.io",
                                       "warnings": [], "key_kept": True, "local": False}
    audit = run_cli("--json", "audit", vault_dir=made_vault.directory)
    assert KEY not in done.stdout + done.stderr + audit.stdout


def test_a_service_alias_is_made_given_and_turned_off_at_revocation(
        made_vault: MadeVault, tmp_path: Path) -> None:
    clock, keys = Clock(), BrandKeys.generate()
    with Vault.unlock(made_vault.directory, made_vault.passphrase) as vault:
        vault.brands.import_request(signed_request(keys, request_spec(asks=[email_ask()]),
                                                   iat=clock.now - 60, exp=clock.now + DAY))
        vault.fields.set("email", "ann@mail.example")
        vault.aliases.set_enabled(True)
    with served(simplelogin_app, ServiceState(KEY), tmp_path) as service:
        ca = {"ZPV_CA_BUNDLE": service.ca_bundle}
        chosen = run_cli("alias-source", "--simplelogin", "--url", service.url,
                               vault_dir=made_vault.directory, stdin=KEY)
        assert chosen.returncode == 0, chosen.stderr
        nowhere = run_cli("service-alias", "Shoes", vault_dir=made_vault.directory, env=ca)
        assert nowhere.returncode != 0
        assert "the alias service could not be reached" in nowhere.stderr, "not local"
        assert run_cli("alias-source", "--simplelogin", "--url", service.url, "--local",
                             vault_dir=made_vault.directory, stdin=KEY).returncode == 0
        made = run_cli("--json", "service-alias", "Shoes", vault_dir=made_vault.directory,
                       env=ca)
        assert made.returncode == 0, made.stderr
        alias = json.loads(made.stdout)["alias"]
        [stored] = service.state.aliases.values()
        assert stored["email"] == alias and stored["enabled"] is True
        with Vault.unlock(made_vault.directory, made_vault.passphrase) as vault:
            result = vault.grants.share(ORIGIN, "news")
        assert open_grant(result.token.compact, keys).claims["data"]["email"] == alias
        revoked = run_cli("revoke", result.grant.id, "--disable-alias",
                          vault_dir=made_vault.directory, env=ca)
        assert revoked.returncode == 0, revoked.stderr
        assert "Turned off 1 email alias(es)" in revoked.stdout
        assert stored["enabled"] is False


def test_a_bad_domain_is_refused_in_words_and_changes_nothing(made_vault: MadeVault) -> None:
    done = run_cli("alias-source", "--domain", "not a domain", vault_dir=made_vault.directory)
    assert done.returncode != 0
    assert "not a domain that can receive mail" in done.stderr
    shown = run_cli("--json", "alias-source", vault_dir=made_vault.directory)
    assert json.loads(shown.stdout) == {"source": None}


def test_scan_mark_expected_evidence_and_complaint(
        shared: tuple[MadeVault, str], imap_server: dovecot.Dovecot, tmp_path: Path) -> None:
    made, alias = shared
    directory = made.directory
    done = run_cli("mailbox", "--host", "127.0.0.1", "--user", dovecot.USER,
                         "--port", str(imap_server.port), "--server-name",
                         dovecot.AUTHSERV_ID, vault_dir=directory,
                         stdin=dovecot.PASSWORD + "\n")
    assert done.returncode == 0 and dovecot.PASSWORD not in done.stdout, done.stderr
    imap_server.deliver(message(sender="offers@partner-ads.example", to=alias,
                                dkim="partner-ads.example"))
    imap_server.deliver(message(sender="news@crm-tool.example", to=alias,
                                dkim="crm-tool.example"))
    ca = {"ZPV_CA_BUNDLE": imap_server.ca_bundle}
    scanned = run_cli("--json", "leaks", "--scan", vault_dir=directory, env=ca)
    assert scanned.returncode == 0, scanned.stderr
    found = json.loads(scanned.stdout)
    assert len(found["new"]) == 2
    crm = next(x["id"] for x in found["leaks"] if x["sender"] == "crm-tool.example")
    partner = next(x["id"] for x in found["leaks"] if x["sender"] == "partner-ads.example")
    marked = run_cli("leak-expected", str(crm), vault_dir=directory)
    assert marked.returncode == 0 and "crm-tool.example" in marked.stdout
    again = json.loads(run_cli("--json", "leaks", "--scan", vault_dir=directory,
                               env=ca).stdout)
    assert again["new"] == []
    assert {x["id"]: x["expected"] for x in again["leaks"]} == {crm: True, partner: False}

    out = tmp_path / "evidence.zip"
    evidence = run_cli("--json", "leak-evidence", str(partner), "--out", str(out),
                       vault_dir=directory)
    assert evidence.returncode == 0, evidence.stderr
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert json.loads(evidence.stdout)["sha256"] == digest
    with zipfile.ZipFile(out) as pack:
        assert "request.jwt" in pack.namelist()
        assert alias in pack.read("summary.txt").decode()

    draft = json.loads(run_cli("--json", "leak-complaint", str(partner), "--to", "authority",
                               "--country", "gr", "--lang", "el", "--name", "Ann",
                               vault_dir=directory).stdout)
    assert draft["to"] == "complaints@dpa.gr"
    assert digest in draft["body"], "the draft quotes the pack it goes with"
    assert "Καταγγελία" in draft["subject"] and alias in draft["body"]
    to_brand = run_cli("leak-complaint", str(partner), vault_dir=directory)
    assert to_brand.stdout.startswith("To: privacy@example.org\nSubject: ")


def test_revoking_with_disable_alias_closes_a_domains_alias_and_later_mail_is_a_leak(
        shared: tuple[MadeVault, str], imap_server: dovecot.Dovecot) -> None:
    made, alias = shared
    directory = made.directory
    with Vault.unlock(directory, made.passphrase) as vault:
        [grant] = vault.grants.listing()
    revoked = run_cli("revoke", grant.id, "--disable-alias", vault_dir=directory)
    assert revoked.returncode == 0, revoked.stderr
    assert f"Closed {alias}: mail to it from now on means a leak" in revoked.stdout
    assert "Turned off" not in revoked.stdout, "no alias service was chosen"
    with Vault.unlock(directory, made.passphrase) as vault:
        [kept] = vault.aliases.all()
        assert kept.closed_at is not None
        assert vault.audit.entries(limit=1)[0].action == "alias.closed"

    assert run_cli("mailbox", "--host", "127.0.0.1", "--user", dovecot.USER, "--port",
                   str(imap_server.port), "--server-name", dovecot.AUTHSERV_ID,
                   vault_dir=directory, stdin=dovecot.PASSWORD + "\n").returncode == 0
    imap_server.deliver(message(sender="news@shoes.example", to=alias, dkim="shoes.example",
                                dmarc_from="shoes.example"))
    ca = {"ZPV_CA_BUNDLE": imap_server.ca_bundle}
    scanned = run_cli("--json", "leaks", "--scan", vault_dir=directory, env=ca)
    assert scanned.returncode == 0, scanned.stderr
    [leak] = json.loads(scanned.stdout)["leaks"]
    assert (leak["sender"], leak["after_close"], leak["alias_closed_at"]) == (
        "shoes.example", True, kept.closed_at)
    listed = run_cli("leaks", vault_dir=directory)
    assert "(after you closed it on " in listed.stdout
