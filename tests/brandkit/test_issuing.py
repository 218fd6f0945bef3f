"""Signing data requests: precise spec errors, and requests any JOSE library verifies."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from joserfc.jwk import OKPKey
from jwcrypto import jwk as cjwk

from brandkit.issuing import open_own_request, parse_spec_text, read_spec, sign_spec
from brandkit.keys import ENCRYPTION_FILE, SIGNING_FILE, BrandKeys, generate_keys, load_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from tests.support.people import DAY, NOW, ORIGIN, jwc_sign, jwc_verify, spec
from zpd.errors import RequestInvalid
from zpd.request import verify_request


def refusal(document: object) -> RequestInvalid:
    with pytest.raises(RequestInvalid) as caught:
        sign_spec(document, generate_keys(), now=NOW)
    return caught.value


def changed(path: list[Any], value: Any) -> dict[str, Any]:
    document = spec()
    target: Any = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return document


@pytest.mark.parametrize(
    ("document", "reason", "detail"),
    [
        (changed(["asks", 0, "fields", 1, "key"], "shoe_colour_wish"), "unknown_field",
         "asks[0].fields[1].key: no field 'shoe_colour_wish'"),
        (changed(["asks", 1, "purpose", "iri"], "https://example.com/purposes#Marketing"),
         "bad_purpose",
         "asks[1].purpose.iri: 'https://example.com/purposes#Marketing' is not a DPV IRI"),
        (changed(["asks", 0, "offer", "kind"], "lottery"), "bad_offer",
         "asks[0].offer.kind: 'lottery' is not one of discount, gift, service, points, access, "
         "none"),
        (changed(["endpoints", "events"], "https://collector.example/zpd/events"), "bad_endpoint",
         "endpoints.events is not on https://shoes.example"),
        (changed(["endpoints", "grants"], "http://shoes.example/zpd/grants"), "bad_endpoint",
         "endpoints.grants: plain http is allowed only to loopback hosts"),
        (spec(iat=NOW), "bad_member", "iat is filled in by the kit; remove it"),
        (spec(jwks={"keys": []}), "bad_member", "jwks is filled in by the kit; remove it"),
        (changed(["asks", 0, "retention_days"], "long"), "bad_member",
         "asks[0].retention_days must be an integer"),
        ([spec()], "bad_member", "document must be a JSON object"),
    ],
    ids=["unknown-field", "not-dpv", "offer-kind", "other-origin", "plain-http", "iat",
         "jwks", "retention", "not-an-object"],
)
def test_spec_errors_name_the_member(document: object, reason: str, detail: str) -> None:
    error = refusal(document)
    assert (error.reason, error.detail) == (reason, detail)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ('{"iss": "https://shoes.example",\n "asks": [}', "line 2 column 11: Expecting value"),
        ('{"iss": 1, "iss": 2}', "duplicate member 'iss'"),
        ("", "line 1 column 1: Expecting value"),
    ],
)
def test_bad_json_is_located(text: str, detail: str) -> None:
    with pytest.raises(RequestInvalid) as caught:
        parse_spec_text(text)
    assert (caught.value.reason, caught.value.detail) == ("bad_json", detail)


def test_spec_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_bytes(b'{"iss": "caf\xe9"}')
    with pytest.raises(RequestInvalid) as caught:
        read_spec(path)
    assert caught.value.detail == "not UTF-8 (byte 12)"


def test_signed_request_verifies_with_zpd(keys: BrandKeys) -> None:
    compact = sign_spec(spec(), keys, now=NOW, days=30, jti="req-1")
    request = verify_request(compact, NOW + 29 * DAY)
    assert (request.iss, request.iat, request.exp, request.jti) == (
        ORIGIN, NOW, NOW + 30 * DAY, "req-1"
    )
    assert request.key_ids == (keys.signing_kid, keys.encryption_kid)
    assert [a.id for a in request.body.asks] == ["fit-advice", "newsletter"]
    with pytest.raises(RequestInvalid) as caught:
        verify_request(compact, NOW + 30 * DAY)
    assert caught.value.reason == "expired"


def test_signed_request_verifies_with_jwcrypto(keys: BrandKeys) -> None:
    compact = sign_spec(spec(), keys, now=NOW)
    jwks = keys.public_jwks()
    header, claims = jwc_verify(compact, jwks["keys"][0])
    assert header == {"alg": "EdDSA", "typ": "zpd-request+jwt",
                      "kid": cjwk.JWK(**jwks["keys"][0]).thumbprint()}
    assert claims["iat"] == NOW
    assert claims["exp"] == NOW + 365 * DAY
    assert str(uuid.UUID(claims["jti"])) == claims["jti"]
    assert claims["jwks"] == jwks
    filled = {k: v for k, v in claims.items() if k not in ("iat", "exp", "jti", "jwks")}
    assert filled == spec(), "the spec is carried as written"
    for entry in claims["jwks"]["keys"]:
        assert entry["kid"] == cjwk.JWK(**entry).thumbprint()
    with pytest.raises(Exception, match="Verification failed"):
        jwc_verify(compact, generate_keys().public_jwks()["keys"][0])


def test_days_must_be_positive(keys: BrandKeys) -> None:
    with pytest.raises(ValueError):
        sign_spec(spec(), keys, now=NOW, days=0)


def test_each_request_gets_its_own_jti(keys: BrandKeys) -> None:
    first = verify_request(sign_spec(spec(), keys, now=NOW), NOW)
    second = verify_request(sign_spec(spec(), keys, now=NOW), NOW)
    assert first.jti != second.jti


def test_request_signed_with_keys_made_by_jwcrypto(tmp_path: Path) -> None:
    signing = cjwk.JWK.generate(kty="OKP", crv="Ed25519")
    encryption = cjwk.JWK.generate(kty="OKP", crv="X25519")
    (tmp_path / SIGNING_FILE).write_text(signing.export_private())
    (tmp_path / ENCRYPTION_FILE).write_text(encryption.export_private())
    compact = sign_spec(spec(), load_keys(tmp_path), now=NOW)
    request = verify_request(compact, NOW)
    assert request.key_ids == (signing.thumbprint(), encryption.thumbprint())


def test_request_made_entirely_by_jwcrypto_is_accepted() -> None:
    signing = cjwk.JWK.generate(kty="OKP", crv="Ed25519")
    encryption = cjwk.JWK.generate(kty="OKP", crv="X25519")
    jwks = {"keys": [
        {**json.loads(signing.export_public()), "use": "sig", "kid": signing.thumbprint()},
        {**json.loads(encryption.export_public()), "use": "enc", "kid": encryption.thumbprint()},
    ]}
    claims = {**spec(), "iat": NOW, "exp": NOW + DAY, "jti": "jwc-1", "jwks": jwks}
    header = {"alg": "EdDSA", "typ": "zpd-request+jwt", "kid": signing.thumbprint()}
    compact = jwc_sign(signing, header, claims)
    request = verify_request(compact, NOW)
    assert (request.jti, request.iss) == ("jwc-1", ORIGIN)
    # ... and a receiver holding those keys registers it as its own
    keys = BrandKeys(OKPKey.import_key(json.loads(signing.export_private())),
                     OKPKey.import_key(json.loads(encryption.export_private())))
    receiver = Receiver(keys, SqliteStorage(), ORIGIN)
    assert receiver.register_issued_request(compact, now=NOW).sha256 == request.sha256


def test_open_own_request_accepts_an_expired_one(keys: BrandKeys) -> None:
    compact = sign_spec(spec(), keys, now=NOW, days=1)
    assert open_own_request(compact, keys).exp == NOW + DAY  # checked as at a valid moment


def test_open_own_request_refuses_another_brands(keys: BrandKeys) -> None:
    other = generate_keys()
    with pytest.raises(RequestInvalid) as caught:
        open_own_request(sign_spec(spec(), other, now=NOW), keys)
    assert caught.value.reason == "bad_signature"
    # Signed by us but naming another encryption key: not ours either.
    mixed = BrandKeys(keys.signing, other.encryption)
    with pytest.raises(RequestInvalid) as caught:
        open_own_request(sign_spec(spec(), mixed, now=NOW), keys)
    assert caught.value.reason == "not_ours"


def test_spec_is_not_modified_by_signing(keys: BrandKeys) -> None:
    document = spec()
    before = copy.deepcopy(document)
    sign_spec(document, keys, now=NOW)
    assert document == before
