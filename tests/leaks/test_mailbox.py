"""The read-only IMAP client and the scan against a real Dovecot (tests/leaks/dovecot.py)."""

from __future__ import annotations

import imaplib
import ssl

import pytest
import trustme

from vault.leaks.imap import Mailbox, MailboxAccount, MailboxError, MailboxProblem
from vault.leaks.scan import Canary, Position, scan
from vault.leaks.verdict import BrandSenders, Judgement

from . import dovecot
from .mail import message

ALIAS = "megamart-x7k2@alex.example"
OTHER_ALIAS = "shoes-p9q1@alex.example"
MEGAMART = BrandSenders("https://shop.megamart.example", processors=("mailer-esp.example",))
CANARIES = {
    ALIAS: Canary(ALIAS, MEGAMART, "grant-1"),
    OTHER_ALIAS: Canary(OTHER_ALIAS, BrandSenders("https://shoes.example"), "grant-2"),
}


def account(server: dovecot.Dovecot, **changes: object) -> MailboxAccount:
    values: dict[str, object] = dict(
        host="127.0.0.1", port=server.port, username=dovecot.USER, password=dovecot.PASSWORD,
        authserv_id=dovecot.AUTHSERV_ID, ca_bundle=server.ca_bundle)
    values.update(changes)
    return MailboxAccount(**values)  # type: ignore[arg-type]


def brand_mail() -> bytes:
    return message(sender="MegaMart <news@megamart.example>", to=ALIAS,
                   dkim="megamart.example", spf="megamart.example",
                   dmarc_from="megamart.example")


def leak_mail(subject: str = "A partner offer") -> bytes:
    return message(sender="Offers <offers@partner-ads.example>", to=ALIAS,
                   dkim="partner-ads.example", spf="partner-ads.example",
                   dmarc_from="partner-ads.example", subject=subject)


def test_a_scan_judges_mail_to_aliases_and_ignores_the_rest(
        imap_server: dovecot.Dovecot) -> None:
    imap_server.deliver(brand_mail())
    imap_server.deliver(leak_mail())
    imap_server.deliver(message(sender="friend@elsewhere.example", to="alex@alex.example",
                                dkim="elsewhere.example"))
    # Forged From: claims MegaMart, only the partner was authenticated.
    imap_server.deliver(message(sender="MegaMart <news@megamart.example>", to=ALIAS,
                                dkim="partner-ads.example", spf="partner-ads.example"))
    # The processor MegaMart declared, for the same brand.
    imap_server.deliver(message(sender="MegaMart <news@megamart.example>", to=ALIAS,
                                spf="send.mailer-esp.example"))
    with Mailbox(account(imap_server)) as mailbox:
        result = scan(mailbox, None, CANARIES, dovecot.AUTHSERV_ID)
    assert result.messages_read == 5
    judged = [(s.uid, s.verdict.judgement, s.verdict.sender_domain) for s in result.sightings]
    assert judged == [
        (1, Judgement.EXPECTED, "megamart.example"),
        (2, Judgement.LEAK, "partner-ads.example"),
        (4, Judgement.LEAK, "partner-ads.example"),
        (5, Judgement.EXPECTED, "send.mailer-esp.example"),
    ]
    leak = result.leaks[0]
    assert leak.canary.grant_id == "grant-1"
    assert leak.full_header is not None and b"Received: from mx.sender.example" in leak.full_header
    assert b"Hello" not in leak.full_header  # headers only
    assert result.sightings[0].full_header is None


def test_only_new_mail_is_read_and_the_mailbox_is_left_as_it_was(
        imap_server: dovecot.Dovecot) -> None:
    for _ in range(3):
        imap_server.deliver(brand_mail())
    with Mailbox(account(imap_server)) as mailbox:
        first = scan(mailbox, None, CANARIES)
        imap_server.deliver(leak_mail())
        second = scan(mailbox, first.position, CANARIES)
        third = scan(mailbox, second.position, CANARIES)
    assert first.messages_read == 3 and first.position.last_uid == 3
    assert second.messages_read == 1 and len(second.leaks) == 1 and not second.renumbered
    assert third.messages_read == 0 and third.sightings == ()
    # Nothing was flagged \\Seen, moved or removed.
    context = ssl.create_default_context(cafile=imap_server.ca_bundle)
    check = imaplib.IMAP4_SSL("127.0.0.1", imap_server.port, ssl_context=context)
    check.login(dovecot.USER, dovecot.PASSWORD)
    check.select("INBOX", readonly=True)
    _, flags = check.fetch("1:*", "(FLAGS)")
    check.logout()
    assert len(flags) == 4 and not any(b"\\Seen" in f for f in flags if isinstance(f, bytes))


def test_another_uidvalidity_reads_the_folder_again(imap_server: dovecot.Dovecot) -> None:
    imap_server.deliver(leak_mail())
    imap_server.deliver(brand_mail())
    with Mailbox(account(imap_server)) as mailbox:
        first = scan(mailbox, None, CANARIES)
        again = scan(mailbox, Position(first.position.uidvalidity + 1, 2), CANARIES)
    assert again.renumbered and again.messages_read == 2
    assert [s.fingerprint for s in again.leaks] == [s.fingerprint for s in first.leaks]


def test_a_large_mailbox_is_read_in_batches_once(imap_server: dovecot.Dovecot) -> None:
    noise = [message(sender=f"n{i}@news.example", to="alex@alex.example", dkim="news.example")
             for i in range(1200)]
    imap_server.deliver_many(noise[:700])
    imap_server.deliver(leak_mail())
    imap_server.deliver_many(noise[700:])
    with Mailbox(account(imap_server)) as mailbox:
        first = scan(mailbox, None, CANARIES)
        imap_server.deliver(leak_mail("second"))
        second = scan(mailbox, first.position, CANARIES)
    assert first.messages_read == 1201 and [s.uid for s in first.leaks] == [701]
    assert second.messages_read == 1 and second.leaks[0].headers.subject == "second"


def test_idle_reports_new_mail(imap_server: dovecot.Dovecot) -> None:
    with Mailbox(account(imap_server)) as mailbox:
        assert mailbox.supports_idle
        mailbox.examine()
        assert mailbox.idle(0.5) is False  # nothing came
        imap_server.deliver(leak_mail())
        assert mailbox.idle(10) is True
        # The connection is still in step after IDLE: the next command works.
        assert mailbox.examine().exists == 1


def test_a_wrong_password_is_a_login_problem(imap_server: dovecot.Dovecot) -> None:
    with pytest.raises(MailboxError) as refused:
        Mailbox(account(imap_server, password="not it")).connect()
    assert refused.value.reason is MailboxProblem.LOGIN
    assert "not it" not in str(refused.value) + repr(account(imap_server, password="not it"))


def test_a_certificate_from_another_authority_is_refused(
        imap_server: dovecot.Dovecot, tmp_path: object) -> None:
    other = trustme.CA()
    with other.cert_pem.tempfile() as bundle, pytest.raises(MailboxError) as refused:
        Mailbox(account(imap_server, ca_bundle=bundle)).connect()
    assert refused.value.reason is MailboxProblem.TLS
    # And the system's authorities do not know the test authority either.
    with pytest.raises(MailboxError) as refused:
        Mailbox(account(imap_server, ca_bundle=None)).connect()
    assert refused.value.reason is MailboxProblem.TLS


def test_a_missing_folder_is_a_folder_problem(imap_server: dovecot.Dovecot) -> None:
    with Mailbox(account(imap_server, folder="Nowhere")) as mailbox, \
            pytest.raises(MailboxError) as refused:
        mailbox.examine()
    assert refused.value.reason is MailboxProblem.FOLDER


def test_nothing_listening_is_a_connect_problem() -> None:
    with pytest.raises(MailboxError) as refused:
        Mailbox(MailboxAccount(host="127.0.0.1", port=dovecot.free_port(), username="a",
                               password="b")).connect()
    assert refused.value.reason is MailboxProblem.CONNECT
