"""zpd.jose opens the protocol's JWE, checks its JWS and signs with `cryptography` directly.

The receiver decrypts and verifies every share token and signs a receipt for it, so
`jose.decrypt`, `jose.verify` and `jose.sign` do the protocol's one shape of each
without joserfc's general machinery (benchmarks/bench_brand_tokens.py). These tests
hold them to what an independent implementation (jwcrypto) produces and to what
joserfc refuses or writes.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from joserfc.util import urlsafe_b64decode
from jwcrypto import jwe as cjwe
from jwcrypto import jwk as cjwk
from jwcrypto import jws as cjws
from jwcrypto.common import json_encode

from zpd import jose
from zpd.errors import KeyInvalid, TokenInvalid

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


# -- the decoders the receiver runs for every token, held to the reference ones --------

B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def joserfc_decode(text: str) -> bytes | None:
    try:
        return urlsafe_b64decode(text.encode("ascii"))
    except (ValueError, UnicodeError):
        return None


def ours_decode(text: str) -> bytes | None:
    try:
        return jose._strict_b64u(text)
    except (ValueError, UnicodeError):
        return None


@given(st.binary(max_size=80))
def test_strict_base64url_decodes_what_joserfc_decodes(data: bytes) -> None:
    text = b64u(data)
    assert ours_decode(text) == joserfc_decode(text) == data


@settings(max_examples=500)
@given(st.text(alphabet=B64URL + "+/=. \n\té\x00", max_size=40))
def test_strict_base64url_refuses_what_joserfc_refuses(text: str) -> None:
    assert ours_decode(text) == joserfc_decode(text)


def reference_json(data: bytes) -> Any:
    """What the strict JSON reading was: json.loads with a member-by-member hook."""

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"duplicate member {key!r}")
            result[key] = value
        return result

    return json.loads(data.decode("utf-8"), object_pairs_hook=hook)


@pytest.mark.parametrize("text", [
    b'{"a": 1, "b": {"c": [1, {"d": null}]}}', b'{"a": 1, "a": 2}', b'{"a": {"b": 1, "b": 1}}',
    b"[1, 2]", b'"text"', b'\xef\xbb\xbf{"a": 1}', b'{"a": 1} x', b"", b"\xff", b'{"a":1,}',
])
def test_strict_json_reads_and_refuses_as_before(text: bytes) -> None:
    def outcome(read: Any) -> Any:
        try:
            return ("value", read(text))
        except (ValueError, UnicodeError) as exc:
            return ("refused", type(exc), str(exc))

    assert outcome(jose._strict_json) == outcome(reference_json)


@pytest.mark.parametrize("jwk", [
    "not a dict", {}, {"kty": "OKP", "crv": "X25519", "x": "A" * 43},
    {"kty": "EC", "crv": "Ed25519", "x": "A" * 43}, {"kty": "OKP", "crv": "Ed25519"},
    {"kty": "OKP", "crv": "Ed25519", "x": 5}, {"kty": "OKP", "crv": "Ed25519", "x": "AAAA"},
    {"kty": "OKP", "crv": "Ed25519", "x": "A" * 42 + "B"},
    {"kty": "OKP", "crv": "Ed25519", "x": "A" * 43, "d": "A" * 43},
    {"kty": "OKP", "crv": "Ed25519", "x": "A" * 43 + "="},
])
def test_a_bad_signing_key_is_refused_for_the_reason_import_gives(jwk: Any) -> None:
    with pytest.raises(jose.KeyInvalid) as fast:
        jose.ed25519_public_key(jwk)
    with pytest.raises(jose.KeyInvalid) as reference:
        jose.import_public_key(jwk, "Ed25519")
    assert fast.value.reason == reference.value.reason


def test_a_signing_keys_thumbprint_is_rfc_7638s() -> None:
    for _ in range(20):
        public = jose.public_jwk(jose.generate_signing_key())
        _, canonical = jose.ed25519_public_key({"kty": "OKP", "crv": "Ed25519", "x": public["x"]})
        assert canonical["kid"] == public["kid"]
        assert canonical["kid"] == cjwk.JWK(**public).thumbprint()  # jwcrypto's RFC 7638


@settings(max_examples=60, deadline=None)
@given(claims=st.dictionaries(st.text(max_size=8), st.one_of(
    st.text(max_size=20), st.integers(-10**12, 10**12), st.lists(st.text(max_size=5), max_size=3),
), max_size=5))
def test_a_signature_is_what_joserfc_writes_and_jwcrypto_verifies(claims: dict[str, Any]) -> None:
    from joserfc import jws as rfc_jws

    key = jose.generate_signing_key()
    header = {"typ": TYP, "kid": "k1"}
    token = jose.sign(header, claims, key)
    payload = json.dumps(claims, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    # Ed25519 is deterministic: the same header and payload give the same token.
    assert token == rfc_jws.serialize_compact({"alg": "EdDSA", **header}, payload, key,
                                              algorithms=["EdDSA"])
    checker = cjws.JWS()
    checker.deserialize(token)
    checker.verify(cjwk.JWK(**jose.public_jwk(key)))
    assert json.loads(checker.payload) == claims
    assert jose.verify(token, key, TYP, TokenInvalid)[1] == claims


def test_only_an_ed25519_private_key_signs() -> None:
    public_only = jose.import_public_key(jose.public_jwk(jose.generate_signing_key()), "Ed25519")
    with pytest.raises(KeyInvalid, match="private"):
        jose.sign({"typ": TYP}, {"a": 1}, public_only)
