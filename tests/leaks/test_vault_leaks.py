"""Leak canaries inside the vault: the alias source and the mailbox kept there (secrets
included), aliases from a catch-all domain or a service carried by shares, a real Dovecot's
mail judged and each leak an Activity entry, a leak marked expected, and the evidence pack
of a leak made from what the vault holds (verified with jwcrypto)."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jwcrypto import jwk, jws

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.clock import DAY, Clock
from tests.support.jose_reading import open_grant
from tests.support.specs import DPV, ORIGIN, request_spec
from tests.support.vaults import MadeVault
from vault.exchange.transport import HttpTransport
from vault.leaks.alias_services import SimpleLogin, via_transport
from vault.leaks.alias_sources import SourceKind
from vault.leaks.imap import Mailbox
from vault.leaks.scan import scan
from vault.leaks.settings import mailbox_settings, source_settings
from vault.vault import Vault

from . import dovecot
from .mail import message
from .service_apis import ServiceState, served, simplelogin_app

ADDRESS = "ann@mail.example"
PROCESSOR = "mailer-esp.example"
API_KEY = "sl-key-0123456789abcdef0123456789abcdef"


def email_ask() -> dict[str, Any]:
    return {
        "id": "news",
        "purpose": {"iri": DPV + "DirectMarketing", "description": "News by email"},
        "fields": [{"key": "email", "required": True, "why": "to write to you"}],
        "offer": {"kind": "discount", "description": "5% off"},
        "retention_days": 30, "duration_days": 30,
    }


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def shoes() -> BrandKeys:
    return BrandKeys.generate()


@pytest.fixture
def opened(made_vault: MadeVault, clock: Clock, shoes: BrandKeys) -> Iterator[Vault]:
    """Aliases on from a catch-all domain; one brand that declared a processor."""
    vault = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=clock)
    body = {**request_spec(asks=[email_ask()]), "processors": [PROCESSOR]}
    vault.brands.import_request(signed_request(shoes, body, iat=clock.now - 60,
                                               exp=clock.now + 60 * DAY))
    vault.fields.set("email", ADDRESS)
    vault.aliases.set_enabled(True)
    vault.leaks.set_source(source_settings(SourceKind.DOMAIN, domain="alex.example"))
    yield vault
    if not vault.is_locked:
        vault.lock()


def shared_alias(vault: Vault, keys: BrandKeys) -> tuple[str, str]:
    """(the alias the brand received, the grant id)."""
    result = vault.grants.share(ORIGIN, "news")
    return str(open_grant(result.token.compact, keys).claims["data"]["email"]), result.grant.id


def actions(vault: Vault) -> list[tuple[str, dict[str, Any]]]:
    return [(e.action, e.details) for e in vault.audit.entries()]


# -- sources ------------------------------------------------------------------------------


def test_a_catch_all_source_gives_the_brand_an_alias_at_the_domain(
        opened: Vault, shoes: BrandKeys) -> None:
    alias, _ = shared_alias(opened, shoes)
    assert re.fullmatch(r"shoes-example-[a-z0-9]{4}@alex\.example", alias), alias
    assert [a.alias for a in opened.aliases.all()] == [alias]
    assert opened.fields.get("email") == ADDRESS
    assert shared_alias(opened, shoes)[0] == alias, "one alias per brand"


def test_a_service_source_gives_the_alias_made_at_the_service(
        opened: Vault, shoes: BrandKeys, tmp_path: Path) -> None:
    with served(simplelogin_app, ServiceState(API_KEY), tmp_path) as service:
        opened.leaks.set_source(source_settings(SourceKind.SIMPLELOGIN, api_key=API_KEY,
                                                base_url=service.url))
        chosen = opened.leaks.source()
        assert chosen is not None and chosen.api_key == API_KEY
        transport = HttpTransport(ca_bundle=service.ca_bundle)
        service.clients.append(transport)
        client = SimpleLogin(via_transport(transport, local=True), chosen.api_key,
                             chosen.base_url)
        made = opened.leaks.create_service_alias(ORIGIN, client)
    assert opened.aliases.all() == [], "made, not yet given"
    alias, _ = shared_alias(opened, shoes)
    assert alias == made.address and alias.endswith("@sl.local")
    assert [(a.brand_origin, a.alias) for a in opened.aliases.all()] == [(ORIGIN, alias)]
    assert ("alias.service_created", {"brand": ORIGIN, "service": "simplelogin"}) in \
        actions(opened)
    assert API_KEY not in json.dumps(actions(opened))


def test_a_brands_service_aliases_are_turned_off_at_the_service(
        opened: Vault, shoes: BrandKeys, tmp_path: Path) -> None:
    with served(simplelogin_app, ServiceState(API_KEY), tmp_path) as service:
        opened.leaks.set_source(source_settings(SourceKind.SIMPLELOGIN, api_key=API_KEY,
                                                base_url=service.url))
        transport = HttpTransport(ca_bundle=service.ca_bundle)
        service.clients.append(transport)
        client = SimpleLogin(via_transport(transport, local=True), API_KEY, service.url)
        made = opened.leaks.create_service_alias(ORIGIN, client)
        assert opened.leaks.disable_service_aliases(ORIGIN, client) == [made.address]
        assert service.state.aliases[made.service_id]["enabled"] is False
        assert opened.leaks.disable_service_aliases(ORIGIN, client) == []
    alias, _ = shared_alias(opened, shoes)
    assert alias != made.address, "a turned-off alias is no longer given"
    assert ("alias.service_disabled", {"brand": ORIGIN, "service": "simplelogin"}) in \
        actions(opened)


def test_sources_and_mailbox_live_inside_the_vault_secrets_included(
        made_vault: MadeVault, opened: Vault) -> None:
    opened.leaks.set_source(source_settings(SourceKind.ADDY, api_key=API_KEY,
                                            service_domain="alex.anonaddy.com"))
    password = "mailbox-password-that-must-stay-inside"
    opened.leaks.set_mailbox(mailbox_settings("IMAP.Mail.Example", "ann", password))
    opened.lock()
    with Vault.unlock(made_vault.directory, made_vault.passphrase) as again:
        source, mailbox = again.leaks.source(), again.leaks.mailbox()
        logged = json.dumps(actions(again))
    assert source is not None and (source.source.kind, source.api_key, source.service_domain) \
        == (SourceKind.ADDY, API_KEY, "alex.anonaddy.com")
    assert mailbox is not None and (mailbox.host, mailbox.password) == ("imap.mail.example",
                                                                        password)
    assert API_KEY not in logged and password not in logged
    assert API_KEY not in repr(source) and password not in repr(mailbox)
    for path in made_vault.directory.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert API_KEY.encode() not in raw and password.encode() not in raw, path


# -- the mailbox watched ------------------------------------------------------------------


def scan_into(vault: Vault, server: dovecot.Dovecot) -> list[Any]:
    watch = vault.leaks.watch_input()
    chosen = vault.leaks.mailbox()
    assert chosen is not None
    with Mailbox(chosen.account(server.ca_bundle)) as mailbox:
        result = scan(mailbox, watch.position, watch.canaries, watch.trusted_authserv_id)
    return vault.leaks.record(result)


@pytest.fixture
def watched(opened: Vault, imap_server: dovecot.Dovecot) -> Vault:
    opened.leaks.set_mailbox(mailbox_settings(
        "127.0.0.1", dovecot.USER, dovecot.PASSWORD, port=imap_server.port,
        trusted_authserv_id=dovecot.AUTHSERV_ID))
    return opened


def test_a_strangers_mail_is_one_leak_in_activity_and_the_brands_own_mail_none(
        watched: Vault, shoes: BrandKeys, imap_server: dovecot.Dovecot) -> None:
    alias, grant_id = shared_alias(watched, shoes)
    imap_server.deliver(message(sender="Shoes <news@shoes.example>", to=alias,
                                dkim="shoes.example", dmarc_from="shoes.example"))
    imap_server.deliver(message(sender="Shoes <news@shoes.example>", to=alias,
                                spf=f"bounce.{PROCESSOR}"))
    # Forged From: claims the brand; only the partner was authenticated.
    imap_server.deliver(message(sender="Shoes <news@shoes.example>", to=alias,
                                dkim="partner-ads.example", spf="partner-ads.example",
                                subject="A partner offer"))
    [leak] = scan_into(watched, imap_server)
    assert (leak.alias, leak.brand_origin, leak.grant_id) == (alias, ORIGIN, grant_id)
    assert (leak.sender_domain, leak.from_address) == ("partner-ads.example",
                                                       "news@shoes.example")
    found = [d for a, d in actions(watched) if a == "leak.found"]
    assert found == [{"brand": ORIGIN, "leak": leak.id, "sender": "partner-ads.example"}]
    assert scan_into(watched, imap_server) == [], "only new mail is read"
    assert [item.id for item in watched.leaks.all()] == [leak.id]


def test_a_leak_marked_expected_makes_that_senders_later_mail_expected(
        watched: Vault, shoes: BrandKeys, imap_server: dovecot.Dovecot) -> None:
    alias, _ = shared_alias(watched, shoes)
    imap_server.deliver(message(sender="news@crm-tool.example", to=alias,
                                dkim="crm-tool.example", dmarc_from="crm-tool.example"))
    [leak] = scan_into(watched, imap_server)
    assert watched.leaks.mark_expected(leak.id) == "crm-tool.example"
    assert watched.leaks.get(leak.id).expected
    imap_server.deliver(message(sender="other@mail.crm-tool.example", to=alias,
                                dkim="mail.crm-tool.example"))
    imap_server.deliver(message(sender="x@partner-ads.example", to=alias,
                                dkim="partner-ads.example"))
    [second] = scan_into(watched, imap_server)
    assert second.sender_domain == "partner-ads.example"
    assert ("leak.marked_expected", {"brand": ORIGIN, "leak": leak.id,
                                     "sender": "crm-tool.example"}) in actions(watched)


def test_the_evidence_pack_of_a_leak_verifies_with_jwcrypto(
        watched: Vault, shoes: BrandKeys, imap_server: dovecot.Dovecot) -> None:
    alias, grant_id = shared_alias(watched, shoes)
    imap_server.deliver(message(sender="offers@partner-ads.example", to=alias,
                                dkim="partner-ads.example", body="Secret body\r\n"))
    [leak] = scan_into(watched, imap_server)
    with zipfile.ZipFile(io.BytesIO(watched.leaks.evidence_pack(leak.id, "A leak."))) as pack:
        files = {name: pack.read(name) for name in pack.namelist()}
    request_text = files["request.jwt"].decode()
    header = json.loads(b64(request_text.split(".")[0]))
    payload = json.loads(b64(request_text.split(".")[1]))
    key = jwk.JWKSet.from_json(json.dumps(payload["jwks"])).get_key(header["kid"])
    assert verified(request_text, key)["iss"] == ORIGIN
    [grant_file] = [n for n in files if n.startswith("grant/")]
    token = files[grant_file].decode()
    claims = verified(token, jwk.JWK(**json.loads(b64(token.split(".")[0]))["jwk"]))
    assert claims["grant"]["id"] == grant_id and claims["data"] == {"email": alias}
    assert b"partner-ads.example" in files["message.eml"]
    assert b"Secret body" not in files["message.eml"]
    assert json.loads(files["alias.json"])["alias"] == alias


def b64(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def verified(compact: str, key: jwk.JWK) -> dict[str, Any]:
    checker = jws.JWS()
    checker.allowed_algs = ["EdDSA"]
    checker.deserialize(compact)
    checker.verify(key)
    claims = json.loads(checker.payload)
    assert isinstance(claims, dict)
    return claims


# -- an alias closed when its grant is revoked ----------------------------------------------


def test_closing_a_brands_alias_is_recorded_with_its_time_and_its_tag_retired(
        opened: Vault, shoes: BrandKeys, clock: Clock) -> None:
    alias, grant_id = shared_alias(opened, shoes)
    opened.grants.revoke(grant_id)
    assert opened.aliases.closable(ORIGIN) == [alias]
    clock.advance(60)
    assert opened.aliases.close(ORIGIN) == [alias]
    [kept] = opened.aliases.all()
    assert (kept.alias, kept.closed_at) == (alias, clock.now)
    assert ("alias.closed", {"brand": ORIGIN, "aliases": 1}) in actions(opened)
    clock.advance(60)
    assert opened.aliases.closable(ORIGIN) == []
    assert opened.aliases.close(ORIGIN) == [], "closed once"
    assert [a for a, _ in actions(opened)].count("alias.closed") == 1
    again, _ = shared_alias(opened, shoes)
    assert again != alias and again.endswith("@alex.example"), "a new alias, a new tag"
    assert [(a.alias, a.closed_at) for a in opened.aliases.all()] == [
        (alias, clock.now - 60), (again, None)]


def test_a_plus_addressing_alias_closes_and_a_services_alias_is_left_to_the_service(
        opened: Vault, shoes: BrandKeys, tmp_path: Path) -> None:
    opened.leaks.set_source(source_settings(SourceKind.PLUS, address=ADDRESS))
    plus, _ = shared_alias(opened, shoes)
    assert plus.startswith("ann+shoes-example-")
    with served(simplelogin_app, ServiceState(API_KEY), tmp_path) as service:
        opened.leaks.set_source(source_settings(SourceKind.SIMPLELOGIN, api_key=API_KEY,
                                                base_url=service.url))
        transport = HttpTransport(ca_bundle=service.ca_bundle)
        service.clients.append(transport)
        client = SimpleLogin(via_transport(transport, local=True), API_KEY, service.url)
        made = opened.leaks.create_service_alias(ORIGIN, client)
    assert shared_alias(opened, shoes)[0] == made.address
    assert opened.aliases.close(ORIGIN) == [plus]
    assert {a.alias: a.closed_at is not None for a in opened.aliases.all()} == {
        plus: True, made.address: False}


def test_mail_to_a_closed_alias_after_the_close_is_a_leak_even_from_the_brand(
        watched: Vault, shoes: BrandKeys, imap_server: dovecot.Dovecot, clock: Clock) -> None:
    alias, grant_id = shared_alias(watched, shoes)
    imap_server.deliver(message(sender="news@shoes.example", to=alias, dkim="shoes.example",
                                when=clock.now - 30, subject="Before the close"))
    assert scan_into(watched, imap_server) == []
    watched.grants.revoke(grant_id)
    watched.aliases.close(ORIGIN)
    closed_at = clock.now
    clock.advance(3600)
    # Sent before the close, read after it (a slow server): the brand's own, expected.
    imap_server.deliver(message(sender="news@shoes.example", to=alias, dkim="shoes.example",
                                when=closed_at - 10, subject="Late delivery"))
    imap_server.deliver(message(sender="Shoes <news@shoes.example>", to=alias,
                                dkim="shoes.example", dmarc_from="shoes.example",
                                when=clock.now, subject="We miss you"))
    imap_server.deliver(message(sender="news@mail.mailer-esp.example", to=alias,
                                dkim="mailer-esp.example", when=clock.now,
                                subject="From the processor"))
    found = scan_into(watched, imap_server)
    assert sorted((leak.sender_domain, leak.subject) for leak in found) == [
        ("mail.mailer-esp.example", "From the processor"), ("shoes.example", "We miss you")]
    assert all(leak.after_close and leak.alias_closed_at == closed_at for leak in found)
    assert [leak.subject for leak in watched.leaks.all()
            if not leak.after_close] == [], "no leak before the close"


def test_a_closed_alias_judges_by_when_the_persons_server_took_the_mail_not_by_its_date(
        watched: Vault, shoes: BrandKeys, imap_server: dovecot.Dovecot, clock: Clock) -> None:
    """The sender writes Date and can backdate it; the person's server (Dovecot's
    INTERNALDATE, read over IMAP) says when the mail arrived."""
    alias, grant_id = shared_alias(watched, shoes)
    arrived_before = imap_server.deliver(message(
        sender="news@shoes.example", to=alias, dkim="shoes.example", when=clock.now + 7 * DAY,
        subject="Dated ahead, delivered before the close"))
    watched.grants.revoke(grant_id)
    watched.aliases.close(ORIGIN)
    closed_at = clock.now
    os.utime(arrived_before, (closed_at - 60, closed_at - 60))
    backdated = imap_server.deliver(message(
        sender="news@shoes.example", to=alias, dkim="shoes.example", when=closed_at - 10 * DAY,
        subject="Backdated, delivered days after the close"))
    os.utime(backdated, (closed_at + 3 * DAY, closed_at + 3 * DAY))

    found = scan_into(watched, imap_server)

    assert [(leak.subject, leak.after_close) for leak in found] == [
        ("Backdated, delivered days after the close", True)]
