"""Share links (PROTOCOL.md section 7): what is followed, what is refused and why, and that no
mutation of a good link ever gets anything but a typed refusal or a parse that keeps the rules."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zpd import jose
from zpd.errors import ProtocolError, RequestInvalid
from zpd.example_specs import spec_v11
from zpd.examples import example_keys
from zpd.links import LinkInvalid, LinkProblem, ShareLink, check_fetched_request, parse_link
from zpd.origin import is_loopback_host, origin_of
from zpd.request import sign_request, verify_request
from zpd.text import Reason

VISIT = "https://shoes.example/zpd/visit?v=4f1c&lang=el"
GOOD = f"zpd://share?request_uri={quote(VISIT, safe='')}&ask=fit-advice"


def link_to(uri: str, extra: str = "") -> str:
    return f"zpd://share?request_uri={quote(uri, safe='')}{extra}"


def test_a_good_link_names_the_request_its_origin_and_the_ask() -> None:
    parsed = parse_link(GOOD)
    assert parsed == ShareLink(VISIT, "https://shoes.example", "fit-advice", ())
    assert parsed.host == "shoes.example"


@pytest.mark.parametrize("link", [
    link_to(VISIT),  # no ask: every ask is shown
    "ZPD://SHARE?request_uri=" + quote(VISIT, safe=""),  # scheme and action ignore case
    "zpd://share/?request_uri=" + quote(VISIT, safe=""),  # the empty path written as /
    link_to(VISIT, "&utm_source=mail&ask="),  # unknown parameters ignored, an empty ask too
    link_to(VISIT, "#top"),  # the link's own fragment is not part of the query
])
def test_variants_of_a_good_link_are_followed(link: str) -> None:
    parsed = parse_link(link)
    assert (parsed.request_uri, parsed.origin, parsed.ask) == (VISIT, "https://shoes.example",
                                                               None)


def test_plain_http_is_followed_to_this_computer_only() -> None:
    for uri in ("http://127.0.0.1:8443/visit", "http://localhost:8443/visit",
                "http://[::1]:8443/visit"):
        assert parse_link(link_to(uri)).origin == origin_of(uri)
    with pytest.raises(LinkInvalid) as refused:
        parse_link(link_to("http://shoes.example/visit"))
    assert refused.value.reason is LinkProblem.PLAIN_HTTP


@pytest.mark.parametrize(("link", "problem"), [
    ("https://shoes.example/?request_uri=x", LinkProblem.WRONG_SCHEME),
    ("zpv://share?request_uri=" + quote(VISIT, safe=""), LinkProblem.WRONG_SCHEME),
    ("zpd://revoke?request_uri=" + quote(VISIT, safe=""), LinkProblem.UNKNOWN_ACTION),
    ("zpd:share?request_uri=" + quote(VISIT, safe=""), LinkProblem.UNKNOWN_ACTION),
    ("zpd://share.example?request_uri=" + quote(VISIT, safe=""), LinkProblem.UNKNOWN_ACTION),
    ("zpd://share/now?request_uri=" + quote(VISIT, safe=""), LinkProblem.BAD_QUERY),
    ("zpd://share?ask=fit-advice", LinkProblem.MISSING_REQUEST_URI),
    ("zpd://share", LinkProblem.MISSING_REQUEST_URI),
    (link_to(VISIT, "&request_uri=" + quote(VISIT, safe="")), LinkProblem.REPEATED_REQUEST_URI),
    (link_to(VISIT, "&ask=a&ask=b"), LinkProblem.REPEATED_ASK),
    ("zpd://share?request_uri=%ff%fe", LinkProblem.BAD_QUERY),
    ("zpd://share?request_uri", LinkProblem.BAD_QUERY),
    ("zpd://share?request_uri=" + quote(VISIT, safe="") + " x", LinkProblem.BAD_QUERY),
    (link_to("not a url"), LinkProblem.BAD_REQUEST_URI),
    (link_to("https:///visit"), LinkProblem.BAD_REQUEST_URI),
    (link_to("https://shoes.example:99999/visit"), LinkProblem.BAD_REQUEST_URI),
    (link_to("https://2130706433/visit"), LinkProblem.BAD_REQUEST_URI),
    (link_to("file:///etc/passwd"), LinkProblem.FILE_URI),
    (link_to("FILE://host/share/request.jwt"), LinkProblem.FILE_URI),
    (link_to("javascript:alert(document.cookie)"), LinkProblem.JAVASCRIPT_URI),
    (link_to("data:application/jwt;base64,ZXlK"), LinkProblem.DATA_URI),
    (link_to("ftp://shoes.example/request"), LinkProblem.OTHER_SCHEME),
    (link_to("zpd://share?request_uri=x"), LinkProblem.OTHER_SCHEME),
    (link_to("https://me:secret@shoes.example/visit"), LinkProblem.USER_INFO),
    (link_to("https://shoes.example@evil.example/visit"), LinkProblem.USER_INFO),
    (link_to("https://shoes.example/visit#frag"), LinkProblem.FRAGMENT),
    (link_to("https://shoes.example/visit#"), LinkProblem.FRAGMENT),
    (link_to("https://pаypal.example/visit"), LinkProblem.NON_ASCII_HOST),
    (link_to("https://shoes.example/" + "v" * 2100), LinkProblem.TOO_LONG),
    ("zpd://share?request_uri=" + quote(VISIT, safe="") + "&pad=" + "x" * 4100,
     LinkProblem.TOO_LONG),
])
def test_each_refusal_is_typed_with_its_reason(link: str, problem: LinkProblem) -> None:
    with pytest.raises(LinkInvalid) as refused:
        parse_link(link)
    assert refused.value.reason is problem, refused.value


def test_something_that_is_not_text_is_refused() -> None:
    with pytest.raises(LinkInvalid) as refused:
        parse_link(b"zpd://share?request_uri=https%3A%2F%2Fshoes.example%2F")
    assert refused.value.reason is LinkProblem.NOT_TEXT


def test_a_look_alike_host_is_followed_and_flagged() -> None:
    """An internationalised host (here Cyrillic "а" in "pаypal") in its xn-- form: the review
    shows what it stands for, and that it mixes scripts."""
    host = "pаypal".encode("idna").decode("ascii") + ".example"
    parsed = parse_link(link_to(f"https://{host}/visit"))
    assert parsed.origin == f"https://{host}"
    reasons = {flag.reason for flag in parsed.host_flags}
    assert {Reason.PUNYCODE, Reason.MIXED_SCRIPTS} <= reasons
    assert any("pаypal" in flag.detail for flag in parsed.host_flags)


def test_an_over_long_ask_is_ignored_not_refused() -> None:
    assert parse_link(link_to(VISIT, "&ask=" + "a" * 65)).ask is None


def test_a_fetched_request_must_name_the_link_origin_as_its_issuer() -> None:
    signing, encryption, _ = example_keys()
    compact = sign_request(spec_v11(), signing, encryption, iat=1_767_225_600,
                           exp=1_767_225_600 + 900)
    fetched = verify_request(compact, 1_767_225_600)
    check_fetched_request(parse_link(GOOD), fetched)
    check_fetched_request(VISIT, fetched)
    with pytest.raises(RequestInvalid) as refused:
        check_fetched_request(parse_link(link_to("https://shop.example/visit")), fetched)
    assert refused.value.reason == "bad_issuer"
    with pytest.raises(LinkInvalid):
        check_fetched_request("javascript:alert(1)", fetched)
    assert jose.thumbprint(signing) == fetched.key_ids[0]


# -- mutations -------------------------------------------------------------------------------

PIECES = ["%", "%2", "%3A", "%2F", "%23", "%40", "%00", "%0A", "%E2%80%AE", "&", "=", "#", "?",
          "/", ":", "@", "+", " ", "request_uri=", "ask=", "javascript:", "file:", "data:",
          "http://", "https://", "xn--", "а", "\u202e", "\x00", "..", "[", "]", "127.0.0.1",
          "localhost", "ZPD", "SHARE", "share", "zpd://"]


@st.composite
def mutated_links(draw: st.DrawFn) -> str:
    """A good link after 1 to 5 random edits: a character or a piece inserted, deleted,
    replaced, a span doubled or dropped, or a span's case changed."""
    text = GOOD
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "delete", "replace", "double", "drop", "case"]))
        piece = draw(st.sampled_from(PIECES) | st.text(min_size=1, max_size=3))
        end = min(len(text), at + draw(st.integers(1, 12)))
        if edit == "insert":
            text = text[:at] + piece + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + 1:]
        elif edit == "replace":
            text = text[:at] + piece + text[at + 1:]
        elif edit == "double":
            text = text[:end] + text[at:end] + text[end:]
        elif edit == "drop":
            text = text[:at] + text[end:]
        else:
            text = text[:at] + text[at:end].swapcase() + text[end:]
    return text


@pytest.mark.slow
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_links())
def test_mutations_of_a_good_link_are_refused_typed_or_parsed_within_the_rules(link: str) -> None:
    try:
        parsed = parse_link(link)
    except ProtocolError as refused:
        assert isinstance(refused, LinkInvalid) and refused.reason in tuple(LinkProblem)
        return
    # Whatever was accepted keeps every rule: an http(s) URL with an origin, https unless
    # the host is loopback, no user info, no fragment, an ASCII host, a bounded length.
    assert parsed.origin == origin_of(parsed.request_uri)
    scheme = parsed.origin.split(":", 1)[0]
    assert scheme == "https" or (scheme == "http" and is_loopback_host(parsed.host))
    assert "@" not in parsed.request_uri.split("/")[2] and "#" not in parsed.request_uri
    assert parsed.host.isascii() and len(parsed.request_uri) <= 2048 and len(link) <= 4096
    assert parsed.ask is None or 0 < len(parsed.ask) <= 64
