"""The evidence pack: what it holds, that the request, the person's tokens and the brand's
receipts inside still verify with an independent library (jwcrypto), that the body stays
out unless included, and that bad parts are refused with nothing made."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import time
import uuid
import zipfile
from dataclasses import replace

import pytest
from jwcrypto import jwk, jws

from tests.hardening.samples import ORIGIN, spec
from vault.leaks.evidence import (
    Evidence,
    EvidenceError,
    EvidenceProblem,
    SignedToken,
    build_pack,
)
from zpd import jose, receipt, token
from zpd.pairwise import pairwise_key
from zpd.request import sign_request, verify_request

NOW = int(time.time())
HEADER = (b"Return-Path: <bounce@partner-ads.example>\r\n"
          b"Authentication-Results: mx.mail.example; dkim=pass header.d=partner-ads.example\r\n"
          b"From: Offers <offers@partner-ads.example>\r\n"
          b"To: megamart-k3x9q2@alex.example\r\n"
          b"Subject: =?utf-8?q?Deals_for_you?=\r\n"
          b"Date: Thu, 12 Mar 2026 09:30:00 +0000\r\n"
          b"Message-ID: <1@partner-ads.example>\r\n")
BODY = b"Buy now.\r\n"


def signed_artefacts() -> Evidence:
    """A request signed by the brand, two versions of a grant signed by the person's pairwise
    key and the brand's receipts for them, all by the protocol code."""
    brand_signing, brand_encryption = jose.generate_signing_key(), jose.generate_encryption_key()
    request_text = sign_request(spec(), brand_signing, brand_encryption, iat=NOW - 60,
                                exp=NOW + 86400 * 30)
    request = verify_request(request_text, NOW)
    pairwise = pairwise_key(os.urandom(32), ORIGIN)
    pseudonym = jose.thumbprint_uri(pairwise)
    grant_id = str(uuid.uuid4())
    tokens, receipts = [], []
    for version in (1, 2):
        jti = str(uuid.uuid4())
        claims = token.GrantClaims(
            pseudonym=pseudonym, audience=ORIGIN, iat=NOW + version, nbf=NOW, exp=NOW + 86400,
            jti=jti, grant_id=grant_id, version=version, request_jti=request.jti,
            ask_id="fit-advice", request_sha256=request.sha256,
            purpose_iri="https://w3id.org/dpv#ServicePersonalisation",
            purpose_description="Recommend shoes that fit you", retention_days=180,
            data={"email": "megamart-k3x9q2@alex.example"},
        )
        tokens.append(SignedToken(jti, token.sign_inner(claims, pairwise), NOW + version))
        receipts.append((jti, receipt.issue(receipt.Receipt(
            ORIGIN, pseudonym, NOW + version, str(uuid.uuid4()), jti, receipt.STORED),
            brand_signing)))
    evidence = Evidence(
        brand_origin=ORIGIN, brand_name="Shoes Example", request_jws=request_text,
        grant_id=grant_id, tokens=list(reversed(tokens)), receipts=receipts,
        alias="megamart-k3x9q2@alex.example", alias_given_at=NOW,
        from_address="offers@partner-ads.example", sender_domain="partner-ads.example",
        authenticated=True, received_at=1773307800, message_id="<1@partner-ads.example>",
        header=HEADER,
    )
    return evidence


def unzip(pack: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(pack)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def jwcrypto_verify(compact: str, key: jwk.JWK) -> dict[str, object]:
    verifier = jws.JWS()
    verifier.allowed_algs = ["EdDSA"]
    verifier.deserialize(compact)
    verifier.verify(key)
    claims = json.loads(verifier.payload)
    assert isinstance(claims, dict)
    return claims


def test_the_request_tokens_and_receipts_inside_verify_with_jwcrypto() -> None:
    evidence = signed_artefacts()
    files = unzip(build_pack(evidence, "Mail to the alias came from partner-ads.example."))
    request_text = files["request.jwt"].decode()
    # The request carries its keys; jwcrypto picks the signing one by the header's kid.
    request_header = json.loads(jose_header(request_text))
    payload = json.loads(jws_payload_unverified(request_text))
    keys = jwk.JWKSet.from_json(json.dumps(payload["jwks"]))
    request_key = keys.get_key(request_header["kid"])
    assert jwcrypto_verify(request_text, request_key)["iss"] == ORIGIN
    grants = sorted(name for name in files if name.startswith("grant/"))
    assert [g.split("-", 1)[0] for g in grants] == ["grant/01", "grant/02"]
    versions = []
    for name in grants:
        text = files[name].decode()
        person_key = jwk.JWK(**json.loads(jose_header(text))["jwk"])
        claims = jwcrypto_verify(text, person_key)
        versions.append(claims["grant"]["version"])  # type: ignore[index]
        assert claims["grant"]["id"] == evidence.grant_id  # type: ignore[index]
    assert versions == [1, 2], "oldest first"
    for jti, _ in evidence.receipts:
        claims = jwcrypto_verify(files[f"receipts/{jti}.jwt"].decode(), request_key)
        assert claims["ack"] == {"jti": jti, "status": "stored"}


def test_the_manifest_holds_the_hash_of_every_other_file() -> None:
    files = unzip(build_pack(signed_artefacts(), "summary"))
    manifest = json.loads(files.pop("manifest.json"))["sha256"]
    assert manifest == {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


def test_the_message_is_its_header_alone_unless_the_body_is_included() -> None:
    evidence = signed_artefacts()
    files = unzip(build_pack(evidence, "summary"))
    assert files["message.eml"] == HEADER + b"\r\n"
    assert json.loads(files["leak.json"])["body_included"] is False
    with_body = unzip(build_pack(replace(evidence, body=BODY), "summary"))
    assert with_body["message.eml"] == HEADER + b"\r\n" + BODY
    assert json.loads(with_body["leak.json"])["body_included"] is True


def test_the_alias_and_the_leak_are_recorded_for_a_reader() -> None:
    evidence = signed_artefacts()
    files = unzip(build_pack(evidence, "Η αλληλογραφία ήρθε από άλλον."))
    assert files["summary.txt"].decode() == "Η αλληλογραφία ήρθε από άλλον."
    alias = json.loads(files["alias.json"])
    assert alias == {"alias": evidence.alias, "brand": ORIGIN, "brand_name": "Shoes Example",
                     "grant": evidence.grant_id,
                     "given_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(NOW))}
    leak = json.loads(files["leak.json"])
    assert (leak["from"], leak["authenticated_sender"], leak["date"]) == (
        "offers@partner-ads.example", "partner-ads.example", "2026-03-12T09:30:00Z")


def test_the_same_evidence_makes_the_same_bytes() -> None:
    evidence = signed_artefacts()
    assert build_pack(evidence, "s") == build_pack(evidence, "s")


@pytest.mark.parametrize("change", [
    {"request_jws": "not a jws"},
    {"tokens": [SignedToken("x", "a.b", 1)]},
    {"receipts": [("x", "a.b.c\nd")]},
])
def test_a_part_that_is_not_a_jws_is_refused(change: dict[str, object]) -> None:
    with pytest.raises(EvidenceError) as caught:
        build_pack(replace(signed_artefacts(), **change), "s")  # type: ignore[arg-type]
    assert caught.value.reason is EvidenceProblem.NOT_A_JWS


def test_a_pack_without_a_signed_token_is_refused() -> None:
    with pytest.raises(EvidenceError) as caught:
        build_pack(replace(signed_artefacts(), tokens=[]), "s")
    assert caught.value.reason is EvidenceProblem.NO_GRANT


def jose_header(compact: str) -> str:
    return jose_b64(compact.split(".")[0])


def jws_payload_unverified(compact: str) -> str:
    return jose_b64(compact.split(".")[1])


def jose_b64(segment: str) -> str:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode()
