"""Requests as the contract now says (docs/protocol.md): v1.1's optional claims (`return_uri`,
`endpoints.receipts`, `processors`), an issuer written only in its canonical form, and `iat`
required and held to the clock skew."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from zpd import jose
from zpd.errors import RequestInvalid
from zpd.example_specs import SPEC, spec_v11
from zpd.examples import IAT, example_keys
from zpd.request import (
    REQUEST_TYP,
    parse_spec,
    read_verified,
    sign_request,
    verify_request,
)

SIGNING, ENCRYPTION, _ = example_keys()


def claims_of(spec: dict[str, Any]) -> dict[str, Any]:
    return {"iat": IAT, "exp": IAT + 3600, "jti": "r-1",
            "jwks": {"keys": [jose.public_jwk(SIGNING, "sig"),
                              jose.public_jwk(ENCRYPTION, "enc")]}, **spec}


def signed_payload(payload: dict[str, Any]) -> str:
    """A request signed as a brand might sign it by hand, whatever its payload says."""
    return jose.sign({"typ": REQUEST_TYP, "kid": jose.thumbprint(SIGNING)}, claims_of(payload),
                     SIGNING)


def verified(spec: dict[str, Any]) -> Any:
    return verify_request(signed_payload(spec), IAT)


def refused(spec: dict[str, Any], **claims: Any) -> RequestInvalid:
    with pytest.raises(RequestInvalid) as caught:
        verify_request(signed_payload({**spec, **claims}), IAT)
    return caught.value


def test_v11_claims_are_exposed_on_the_parsed_request() -> None:
    request = verified(spec_v11())
    assert request.return_uri == "https://shoes.example/thanks"
    assert request.body.receipts_endpoint == "https://shoes.example/zpd/receipts"
    assert request.processors == ("esp.example",)


def test_a_v1_request_has_none_of_them() -> None:
    request = verified(SPEC)
    assert (request.return_uri, request.body.receipts_endpoint, request.processors) == (
        None, None, ())


@pytest.mark.parametrize("value", [
    "https://shop.example/thanks",  # another origin
    "http://shoes.example/thanks",  # plain http on an https brand
    "https://shoes.example:8443/thanks",  # another port is another origin
    "https://me@shoes.example/thanks",
    "javascript:alert(1)",
    "/thanks",
    42,
    ["https://shoes.example/thanks"],
])
def test_a_return_uri_off_the_brand_origin_is_ignored_by_the_vault(value: object) -> None:
    spec = spec_v11()
    spec["return_uri"] = value
    assert verified(spec).return_uri is None


def test_the_brand_kit_refuses_such_a_return_uri_when_signing() -> None:
    spec = spec_v11()
    spec["return_uri"] = "https://shop.example/thanks"
    with pytest.raises(RequestInvalid) as caught:
        parse_spec(spec)
    assert caught.value.reason == "bad_return_uri"


def test_a_return_uri_with_a_query_and_fragment_on_a_loopback_brand() -> None:
    spec = spec_v11()
    origin = "http://127.0.0.1:8443"
    spec["iss"] = origin
    spec["endpoints"] = {name: origin + "/zpd/" + name for name in ("grants", "events")}
    spec["return_uri"] = origin + "/thanks?visit=4f1c#done"
    assert verified(spec).return_uri == origin + "/thanks?visit=4f1c#done"


@pytest.mark.parametrize("url", [
    "https://shop.example/zpd/receipts",
    "https://shoes.example/zpd/receipts?jti=",
    "https://shoes.example/zpd/receipts#x",
    "ftp://shoes.example/zpd/receipts",
    "",
])
def test_a_receipts_endpoint_is_on_the_brand_origin(url: str) -> None:
    spec = spec_v11()
    spec["endpoints"]["receipts"] = url
    assert refused(spec).reason in ("bad_endpoint", "bad_member")


@pytest.mark.parametrize("processors", [
    "esp.example",
    ["ESP.example"],
    ["https://esp.example"],
    ["esp.example/path"],
    ["esp.example:25"],
    ["esp"],
    ["esp.example."],
    ["-esp.example"],
    ["ésp.example"],
    ["xn--zz-zz.example"],
    ["ab--cd.example"],
    ["192.0.2.1"],
    ["esp.example", "esp.example"],
    ["a" * 64 + ".example"],
    [f"p{i}.example" for i in range(51)],
    [None],
])
def test_bad_processors_are_refused(processors: object) -> None:
    spec = spec_v11()
    spec["processors"] = processors
    assert refused(spec).reason == "bad_processor"


def test_processors_in_their_idna_form_are_kept_as_written() -> None:
    spec = spec_v11()
    names = ["mail.esp.example", "xn--bcher-kva.example", "a-b.co.uk"]
    spec["processors"] = names
    assert verified(spec).processors == tuple(names)
    spec["processors"] = []
    assert verified(spec).processors == ()


@pytest.mark.parametrize("written", [
    "https://shoes.example/",
    "https://SHOES.example",
    "HTTPS://shoes.example",
    "https://shoes.example:443",
    "http://localhost:80",
])
def test_an_issuer_not_written_canonically_is_refused_not_normalised(written: str) -> None:
    spec = spec_v11()
    spec["iss"] = written
    error = refused(spec)
    assert error.reason == "non_canonical_issuer"
    assert "RFC 6454" in error.detail
    with pytest.raises(RequestInvalid) as caught:
        parse_spec(spec)
    assert caught.value.reason == "non_canonical_issuer"


def test_a_request_kept_from_before_the_rule_is_still_read() -> None:
    """A vault imported `https://shoes.example/` before issuers had to be canonical; what it
    kept is read again with the origin it then pinned."""
    spec = dict(SPEC, iss="https://shoes.example/")
    assert read_verified(signed_payload(spec)).iss == "https://shoes.example"


def test_a_request_kept_from_before_v11_reads_its_malformed_v11_members_as_absent() -> None:
    """Before v1.1 these were unknown members, ignored: a vault kept such a request, and
    still reads it (a new one with them is refused)."""
    spec = copy.deepcopy(SPEC)
    spec["processors"] = "esp.example"
    spec["endpoints"]["receipts"] = "https://elsewhere.example/receipts"
    spec["asks"][0]["fields"][0]["question"] = {"label": "?"}
    kept = read_verified(signed_payload(spec))
    assert (kept.processors, kept.body.receipts_endpoint) == ((), None)
    assert kept.body.asks[0].fields[0].question is None
    with pytest.raises(RequestInvalid):
        verify_request(signed_payload(spec), IAT)


def test_iat_is_required_and_held_to_the_clock_skew() -> None:
    compact = sign_request(SPEC, SIGNING, ENCRYPTION, iat=IAT + 60, exp=IAT + 3600)
    assert verify_request(compact, IAT).iat == IAT + 60
    ahead = sign_request(SPEC, SIGNING, ENCRYPTION, iat=IAT + 61, exp=IAT + 3600)
    with pytest.raises(RequestInvalid) as caught:
        verify_request(ahead, IAT)
    assert caught.value.reason == "not_yet_valid"
    assert read_verified(ahead).iat == IAT + 61  # a kept request's times are not checked again
    payload = {k: v for k, v in claims_of(SPEC).items() if k != "iat"}
    without = jose.sign({"typ": REQUEST_TYP, "kid": jose.thumbprint(SIGNING)}, payload, SIGNING)
    with pytest.raises(RequestInvalid) as caught:
        verify_request(without, IAT)
    assert caught.value.reason == "bad_member" and "iat" in caught.value.detail


def test_exp_must_follow_iat() -> None:
    error = refused(SPEC, iat=IAT, exp=IAT)
    assert error.reason == "bad_member" and "exp" in error.detail


def test_a_v11_request_made_by_jwcrypto_alone_is_verified() -> None:
    """A brand writing to the page alone: jwcrypto keys, kids by jwcrypto's thumbprint,
    alg Ed25519, every v1.1 member."""
    from jwcrypto import jwk as cjwk

    from tests.support.people import jwc_sign

    signing = cjwk.JWK.generate(kty="OKP", crv="Ed25519")
    encryption = cjwk.JWK.generate(kty="OKP", crv="X25519")
    keys = [{**json.loads(key.export_public()), "use": use, "kid": key.thumbprint()}
            for key, use in ((signing, "sig"), (encryption, "enc"))]
    payload = {**spec_v11(), "iat": IAT, "exp": IAT + 600, "jti": "visit-1",
               "jwks": {"keys": keys}}
    compact = jwc_sign(signing, {"alg": "Ed25519", "typ": "zpd-request+jwt",
                                 "kid": signing.thumbprint()}, payload)
    request = verify_request(compact, IAT)
    assert request.key_ids == (signing.thumbprint(), encryption.thumbprint())
    assert [q.key for q in request.body.asks[0].questions] == ["q:run-surface"]
    assert request.return_uri and request.processors and request.body.receipts_endpoint
