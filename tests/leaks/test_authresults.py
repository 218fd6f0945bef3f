"""Authentication-Results parsing (RFC 8601) and the judgement of a sender on it."""

from __future__ import annotations

from vault.leaks.authresults import authenticated, parse
from vault.leaks.domains import organisation, same_organisation
from vault.leaks.message import read_headers
from vault.leaks.verdict import BrandSenders, Judgement, judge

MEGAMART = BrandSenders("https://shop.megamart.example", processors=("mailer-esp.example",))


def test_rfc8601_appendix_b_examples_parse() -> None:
    # B.3: SPF only.
    spf = parse("example.com; spf=pass smtp.mailfrom=example.net")
    assert spf is not None and spf.authserv_id == "example.com"
    assert spf.results[0].method == "spf" and spf.results[0].result == "pass"
    assert spf.results[0].properties == {"smtp.mailfrom": "example.net"}
    # B.4: several methods, comments, a version and folded lines.
    field = ("example.com;\r\n          auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n"
             "          spf=pass smtp.mailfrom=example.net")
    parsed = parse(field)
    assert parsed is not None
    assert [(r.method, r.result) for r in parsed.results] == [("auth", "pass"), ("spf", "pass")]
    assert parsed.results[0].properties == {"smtp.auth": "sender@example.net"}
    # B.2: nothing was checked.
    none = parse("example.org 1; none")
    assert none is not None and none.results == ()
    # B.5: DKIM with a quoted value and a comment between the tokens.
    dkim = parse('example.com; dkim=pass (good signature) header.i=@mail-router.example.net;'
                 ' dkim=fail (bad signature) header.i="@newyork.example.com"')
    assert dkim is not None
    assert dkim.results[1].properties == {"header.i": "@newyork.example.com"}


def test_comments_versions_and_odd_spacing_do_not_confuse_the_parser() -> None:
    parsed = parse("mx.example (the (nested) comment) 1 ; dkim / 1 = pass reason=\"ok; fine\" "
                   "header.d=signer.example header.b=AbC+/de= ; spf=PASS smtp.mailfrom=a@b.example")
    assert parsed is not None and parsed.authserv_id == "mx.example"
    assert [(r.method, r.result) for r in parsed.results] == [("dkim", "pass"), ("spf", "pass")]
    assert parsed.results[0].properties["header.d"] == "signer.example"
    assert parsed.results[0].properties["header.b"] == "AbC+/de="


def test_garbage_is_skipped_not_guessed() -> None:
    assert parse("") is None
    assert parse("(only a comment)") is None
    parsed = parse("mx.example; =pass; dkim; spf=pass smtp.mailfrom=ok.example; dkim=")
    assert parsed is not None
    assert [(r.method, r.result) for r in parsed.results] == [("spf", "pass")]
    assert parse("x" * 20000) is None


def test_only_the_trusted_server_counts() -> None:
    fields = [
        "mx.person.example; dkim=pass header.d=partner-ads.example; spf=fail smtp.mailfrom=x",
        # Written by the sender before the mail reached the person's server: not evidence.
        "mx.person.example.evil; dkim=pass header.d=megamart.example",
        "forged.example; dkim=pass header.d=megamart.example",
    ]
    checked = authenticated(fields, "mx.person.example")
    assert checked.dkim == {"partner-ads.example"} and checked.spf == frozenset()
    # Without a configured id, the topmost field's author (the last hop) is trusted.
    assert authenticated(fields, None) == checked
    assert authenticated(fields, "forged.example").dkim == {"megamart.example"}


def test_organisations_follow_the_public_suffix_list() -> None:
    assert organisation("News.MegaMart.example.") == "megamart.example"
    assert same_organisation("shop.megamart.co.uk", "megamart.co.uk")
    assert not same_organisation("megamart.co.uk", "partner.co.uk")
    assert not same_organisation("a.github.io", "b.github.io")
    assert organisation("bücher.example") == "xn--bcher-kva.example"


def _verdict(headers: str) -> tuple[Judgement, str, bool]:
    message = read_headers(headers.encode())
    verdict = judge(message.from_address,
                    authenticated(list(message.authentication_results), "mx.person.example"),
                    MEGAMART)
    return verdict.judgement, verdict.sender_domain, verdict.aligned


def test_the_brand_and_its_declared_processor_are_expected() -> None:
    assert _verdict(
        "From: MegaMart <news@megamart.example>\n"
        "Authentication-Results: mx.person.example; dkim=pass header.d=mail.megamart.example\n"
    ) == (Judgement.EXPECTED, "megamart.example", True)
    assert _verdict(
        "From: MegaMart <news@megamart.example>\n"
        "Authentication-Results: mx.person.example; spf=pass "
        "smtp.mailfrom=bounce@send.mailer-esp.example; dkim=none\n"
    ) == (Judgement.EXPECTED, "send.mailer-esp.example", False)


def test_a_stranger_is_a_leak() -> None:
    assert _verdict(
        "From: Offers <offers@partner-ads.example>\n"
        "Authentication-Results: mx.person.example; dkim=pass header.d=partner-ads.example;\n"
        " spf=pass smtp.mailfrom=partner-ads.example; dmarc=pass header.from=partner-ads.example\n"
    ) == (Judgement.LEAK, "partner-ads.example", True)


def test_a_forged_from_is_judged_on_the_authenticated_domain() -> None:
    # Claims to be MegaMart, but only partner-ads.example was verified.
    assert _verdict(
        "From: MegaMart <news@megamart.example>\n"
        "Authentication-Results: mx.person.example; dkim=pass header.d=partner-ads.example;\n"
        " spf=pass smtp.mailfrom=partner-ads.example; dmarc=fail header.from=megamart.example\n"
    ) == (Judgement.LEAK, "partner-ads.example", False)
    # Claims to be MegaMart and nothing passed: nobody vouches for it, so not the brand.
    assert _verdict(
        "From: MegaMart <news@megamart.example>\n"
        "Authentication-Results: mx.person.example; dkim=fail header.d=megamart.example;\n"
        " spf=softfail smtp.mailfrom=megamart.example\n"
        "Authentication-Results: megamart.example; dkim=pass header.d=megamart.example\n"
    ) == (Judgement.LEAK, "", False)


def test_a_domain_the_person_marked_expected_is_expected() -> None:
    senders = BrandSenders("https://shop.megamart.example", also_expected=("crm-tool.example",))
    checked = authenticated(["mx.person.example; dkim=pass header.d=crm-tool.example"], None)
    assert judge("hi@crm-tool.example", checked, senders).judgement is Judgement.EXPECTED
    assert judge("hi@crm-tool.example", checked, MEGAMART).judgement is Judgement.LEAK


def test_headers_are_read_without_raising_on_nonsense() -> None:
    message = read_headers(
        b"From: =?utf-8?q?Bad?= <not an address>\r\nTo: \"A\" <Alex+MegaMart-x7k2@Mail.example>,"
        b" b@c.example\r\nDelivered-To: megamart-9f3k@alex.example\r\nDate: yesterday\r\n"
        b"Subject: =?utf-8?b?zpXOu867zrfOvc65zrrOrA==?=\r\nX-Junk: \xff\xfe\r\n\r\n"
    )
    assert message.from_address == ""
    assert message.recipients == {"alex+megamart-x7k2@mail.example", "b@c.example",
                                  "megamart-9f3k@alex.example"}
    assert message.date is None
    assert message.subject == "Ελληνικά"
