"""zpd.jose opens the protocol's JWE and checks its JWS with `cryptography` directly.

The receiver decrypts and verifies every share token, so `jose.decrypt` and
`jose.verify` do the protocol's one shape of each without joserfc's general
machinery (benchmarks/bench_brand_tokens.py). These tests hold them to what an
independent implementation (jwcrypto) produces and to what joserfc refuses.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from jwcrypto import jwe as cjwe
from jwcrypto import jwk as cjwk
from jwcrypto import jws as cjws
from jwcrypto.common import json_encode

from zpd import jose
from zpd.errors import TokenInvalid

TYP = "zpd-grant+jwt"


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwcrypto_encrypt(plaintext: str, recipient: dict[str, Any], **header: Any) -> str:
    key = cjwk.JWK(**{k: v for k, v in recipient.items() if k in ("kty", "crv", "x")})
    protected = {"alg": "ECDH-ES", "enc": "A256GCM", "cty": "JWT", **header}
    envelope = cjwe.JWE(plaintext.encode(), protected=json_encode(protected))
    envelope.add_recipient(key)
    return str(envelope.serialize(compact=True))


@pytest.fixture(scope="module")
def brand() -> Any:
    return jose.generate_encryption_key()


@pytest.mark.parametrize("extra", [{}, {"apu": b64u(b"Alice")},
                                   {"apu": b64u(b"Alice"), "apv": b64u(b"Bob")}, {"apv": ""}])
def test_opens_what_jwcrypto_encrypts_with_any_party_info(
    brand: Any, extra: dict[str, str]
) -> None:
    token = jwcrypto_encrypt("inner.jws.text", jose.public_jwk(brand, "enc"), **extra)
    _, plaintext = jose.decrypt(token, brand, TokenInvalid)
    assert plaintext == "inner.jws.text"


def test_opens_what_zpd_encrypts(brand: Any) -> None:
    token = jose.encrypt("a.b.c", jose.import_public_key(jose.public_jwk(brand), "X25519"), "k")
    assert jose.decrypt(token, brand, TokenInvalid)[1] == "a.b.c"


def reheader(token: str, **changes: Any) -> str:
    parts = token.split(".")
    header = json.loads(jose.b64u_decode(parts[0]))
    header.update(changes)
    return ".".join([b64u(json.dumps(header).encode()), *parts[1:]])


def part(token: str, index: int, value: str) -> str:
    parts = token.split(".")
    parts[index] = value
    return ".".join(parts)


@pytest.mark.parametrize("mangle", [
    lambda t: part(t, 1, b64u(bytes(40))),  # a wrapped key where direct agreement has none
    lambda t: reheader(t, epk={**json.loads(jose.b64u_decode(t.split(".")[0]))["epk"],
                               "d": b64u(bytes(32))}),
    lambda t: reheader(t, epk={"kty": "OKP", "crv": "X448", "x": b64u(bytes(56))}),
    lambda t: reheader(t, epk={"kty": "OKP", "crv": "X25519", "x": 7}),
    lambda t: reheader(t, apu=5),
    lambda t: part(t, 2, b64u(bytes(16))),  # a 128-bit iv
    lambda t: part(t, 4, t.split(".")[4][:-1] + ("B" if t.endswith("A") else "A")),
    lambda t: part(t, 3, t.split(".")[3] + "="),  # padding is not base64url
], ids=["encrypted key", "private epk", "X448 epk", "epk x not text", "apu not text",
        "long iv", "tag altered", "padded"])
def test_refuses_what_is_not_the_protocols_jwe(brand: Any, mangle: Any) -> None:
    token = jwcrypto_encrypt("inner", jose.public_jwk(brand, "enc"))
    with pytest.raises(TokenInvalid) as caught:
        jose.decrypt(mangle(token), brand, TokenInvalid)
    assert caught.value.reason == "decryption_failed"


def jwcrypto_sign(key: cjwk.JWK, claims: dict[str, Any]) -> str:
    signed = cjws.JWS(json.dumps(claims).encode())
    signed.add_signature(key, alg="EdDSA", protected=json_encode({"alg": "EdDSA", "typ": TYP}))
    return str(signed.serialize(compact=True))


def test_verifies_jwcrypto_signatures_with_either_kind_of_key() -> None:
    key = cjwk.JWK.generate(kty="OKP", crv="Ed25519")
    public = json.loads(key.export_public())
    token = jwcrypto_sign(key, {"hello": "wörld"})
    imported = jose.import_public_key(public, "Ed25519")
    verifying, canonical = jose.ed25519_public_key(public)
    assert canonical == jose.public_jwk(imported)
    for either in (imported, verifying):
        assert jose.verify(token, either, TYP, TokenInvalid)[1] == {"hello": "wörld"}


@pytest.mark.parametrize("index", [1, 2])
def test_refuses_altered_or_non_canonical_segments(index: int) -> None:
    key = cjwk.JWK.generate(kty="OKP", crv="Ed25519")
    verifying, _ = jose.ed25519_public_key(json.loads(key.export_public()))
    token = jwcrypto_sign(key, {"n": 1})
    segment = token.split(".")[index]
    last = segment[-1]
    # The same bytes with non-zero unused bits in the last character: not canonical.
    twin = segment[:-1] + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".index(last) | 1]
    if twin != token.split(".")[index]:
        with pytest.raises(TokenInvalid) as caught:
            jose.verify(part(token, index, twin), verifying, TYP, TokenInvalid)
        assert caught.value.reason == "bad_signature"
    other = cjwk.JWK.generate(kty="OKP", crv="Ed25519")
    with pytest.raises(TokenInvalid):
        jose.verify(token, jose.ed25519_public_key(json.loads(other.export_public()))[0], TYP,
                    TokenInvalid)


def test_a_key_that_is_not_canonical_base64url_is_refused() -> None:
    public = jose.public_jwk(jose.generate_signing_key())
    with pytest.raises(jose.KeyInvalid):
        jose.ed25519_public_key({**public, "x": public["x"] + "="})
