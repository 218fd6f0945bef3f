"""Answers to brands' questions and the leak canaries' records travel like everything else:
an answer, a leak and its "expected" mark reach the other device; how far each device has
read the mailbox does not."""

from __future__ import annotations

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.clock import DAY
from tests.support.specs import ORIGIN, ask_field, fit_ask, news_ask, request_spec
from tests.sync.devices import Device, Setting, sealed_files
from tests.sync.state_of import synced_state
from tests.vault.question_helpers import SIZE
from vault.leaks.alias_sources import SourceKind
from vault.leaks.authresults import authenticated
from vault.leaks.message import read_headers
from vault.leaks.scan import Position, ScanResult, Sighting
from vault.leaks.settings import mailbox_settings, source_settings
from vault.leaks.verdict import judge
from vault.vault import Vault

MAILBOX_PASSWORD = "mailbox password 9"


def a_brand_shared_with(device: Device, setting: Setting) -> str:
    """The brand asks for the shoe size, its own question and the email; both asks shared,
    the email as an alias. The fit-advice grant's id."""
    vault = device.vault
    body = request_spec(asks=[fit_ask(), news_ask(fields=[ask_field("email", "to write")])])
    body["asks"][0]["fields"].append(SIZE)
    now = setting.clock.now
    vault.brands.import_request(signed_request(BrandKeys.generate(), body, iat=now,
                                               exp=now + DAY))
    vault.fields.set("shoe_size_eu", 42)
    vault.fields.set("email", "ada@example.org")
    vault.aliases.set_enabled(True)
    vault.answers.set(ORIGIN, "q:size", 42)
    fit = vault.grants.share(ORIGIN, "fit-advice", days=30).grant.id
    vault.grants.share(ORIGIN, "newsletter", days=30)
    return fit


def a_leak_seen(vault: Vault, sender: str, uid: int) -> ScanResult:
    """Mail from `sender` to the brand's alias, as a scan of the mailbox would report it."""
    [canary] = vault.leaks.watch_input().canaries.values()
    header = (f"Authentication-Results: mx.example.org; dkim=pass header.d={sender}\r\n"
              f"From: offers@{sender}\r\nTo: {canary.alias}\r\n"
              f"Date: Thu, 12 Mar 2026 09:30:00 +0000\r\n"
              f"Message-ID: <{uid}@{sender}>\r\nSubject: Offers\r\n").encode()
    headers = read_headers(header)
    verdict = judge(headers.from_address,
                    authenticated(list(headers.authentication_results), "mx.example.org"),
                    canary.senders)
    sighting = Sighting(uid, canary, verdict, headers, headers.message_id, header)
    return ScanResult(Position(7, uid), (sighting,), 1, False)


def test_an_answer_a_leak_and_its_expected_mark_reach_the_other_device(
    setting: Setting,
) -> None:
    laptop = setting.first("laptop")
    a_brand_shared_with(laptop, setting)
    laptop.vault.leaks.set_source(source_settings(SourceKind.DOMAIN, domain="ada.example"))
    laptop.vault.leaks.set_mailbox(mailbox_settings(
        "imap.example.org", "ada", MAILBOX_PASSWORD, trusted_authserv_id="mx.example.org"))
    desktop = setting.join("desktop")
    setting.settle()

    setting.clock.tick()
    [leak] = laptop.vault.leaks.record(a_leak_seen(laptop.vault, "crm-tool.example", 2))
    setting.clock.tick()
    assert laptop.vault.leaks.mark_expected(leak.id) == "crm-tool.example"
    setting.clock.tick()
    laptop.vault.answers.set(ORIGIN, "q:size", 43)
    setting.settle()

    there = desktop.vault
    assert there.answers.get(ORIGIN, "q:size").value == 43
    assert [e.value for e in there.answers.history(ORIGIN, "q:size")] == [
        e.value for e in laptop.vault.answers.history(ORIGIN, "q:size")]
    [arrived] = there.leaks.all()
    assert (arrived.alias, arrived.sender_domain, arrived.expected) == (
        leak.alias, "crm-tool.example", True)
    [canary] = there.leaks.watch_input().canaries.values()
    assert canary.senders == laptop.vault.leaks.watch_input().canaries[canary.alias].senders
    assert "crm-tool.example" in str(canary.senders)
    mailbox = there.leaks.mailbox()
    assert mailbox is not None and mailbox.password == MAILBOX_PASSWORD
    # ... having crossed the folder sealed: neither it nor the answer is there in clear.
    for device in (laptop, desktop):
        for data in sealed_files(device.folder).values():
            assert MAILBOX_PASSWORD.encode() not in data
            assert b"crm-tool" not in data
    assert there.leaks.source() == laptop.vault.leaks.source()
    # How far the laptop has read its mailbox stays the laptop's.
    assert laptop.vault.leaks.watch_input().position == Position(7, 2)
    assert there.leaks.watch_input().position != Position(7, 2)
    assert synced_state(there) == synced_state(laptop.vault)


def test_an_expected_mark_survives_the_same_leak_found_later_on_the_other_device(
    setting: Setting,
) -> None:
    """Both devices watch the mailbox: the desktop finds the leak after the laptop has
    found and marked it, before the laptop's file arrives. The later, unmarked copy does
    not undo the mark."""
    laptop = setting.first("laptop")
    a_brand_shared_with(laptop, setting)
    laptop.vault.leaks.set_source(source_settings(SourceKind.DOMAIN, domain="ada.example"))
    desktop = setting.join("desktop")
    setting.settle()

    setting.clock.tick()
    [leak] = laptop.vault.leaks.record(a_leak_seen(laptop.vault, "crm-tool.example", 2))
    laptop.vault.leaks.mark_expected(leak.id)
    laptop.vault.sync.now()
    setting.clock.tick()
    [again] = desktop.vault.leaks.record(a_leak_seen(desktop.vault, "crm-tool.example", 2))
    assert not again.expected
    desktop.vault.sync.now()
    setting.settle()

    for device in (laptop, desktop):
        [found] = device.vault.leaks.all()
        assert found.expected, device.name
    assert synced_state(desktop.vault) == synced_state(laptop.vault)


def test_an_answer_changed_on_one_device_issues_one_next_version(setting: Setting) -> None:
    laptop = setting.first("laptop")
    fit = a_brand_shared_with(laptop, setting)
    desktop = setting.join("desktop")
    setting.settle()
    before = laptop.vault.grants.get(fit).version

    setting.clock.tick()
    desktop.vault.answers.set(ORIGIN, "q:size", 44)
    setting.settle()

    for device in (laptop, desktop):
        assert device.vault.grants.get(fit).version == before + 1, device.name
    with laptop.vault._store.reading() as connection:
        versions = [int(r[0]) for r in connection.execute(
            "SELECT version FROM tokens WHERE grant_id = ? AND kind = 'grant'", (fit,))]
    assert sorted(versions) == list(range(1, before + 2))
    assert synced_state(desktop.vault) == synced_state(laptop.vault)


def test_an_alias_closed_on_one_device_is_closed_on_the_other(setting: Setting) -> None:
    """The alias was given before the other device joined; its closing, a change to a row
    that already travelled, reaches the other device, whose watch then judges by it."""
    laptop = setting.first("laptop")
    fit = a_brand_shared_with(laptop, setting)
    desktop = setting.join("desktop")
    setting.settle()
    [given] = desktop.vault.aliases.all()
    assert given.closed_at is None

    setting.clock.tick()
    laptop.vault.grants.revoke(fit)
    assert laptop.vault.aliases.close(ORIGIN) == [given.alias]
    setting.settle()

    [closed] = desktop.vault.aliases.all()
    assert (closed.alias, closed.closed_at) == (given.alias, setting.clock.now)
    [canary] = desktop.vault.leaks.watch_input().canaries.values()
    assert canary.closed_at == setting.clock.now
    assert desktop.vault.aliases.closable(ORIGIN) == []
    assert synced_state(desktop.vault) == synced_state(laptop.vault)
