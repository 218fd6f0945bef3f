"""Keys of small order, and keys not written canonically, are refused wherever a public key
comes in: a brand's request, a receipt, a person's pairwise key in a token, encryption.

Under a small-order Ed25519 key anyone can sign (the identity point verifies R = identity,
S = 0 over any message); ECDH with a small-order X25519 key yields an all-zero secret
(OpenSSL refuses it, which crashed a share). The points are the published lists: the
eight points of Ed25519's 8-torsion with their six alternative encodings (as in C2SP's
CCTV vectors and libsodium's blocklist), and the X25519 points of RFC 7748 section 6.1
with Bernstein's non-canonical forms. Each list is checked here against `cryptography`
(OpenSSL) itself, so the test does not trust the list it tests.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from typing import Any

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from tests.support.specs import ask, request_spec
from zpd import jose, receipt, request, token
from zpd.errors import KeyInvalid, ProtocolError, ReceiptInvalid, RequestInvalid, TokenInvalid

P = 2**255 - 19
ORIGIN = "https://shoes.example"


def le(value: int) -> bytes:
    return value.to_bytes(32, "little")


def with_sign(encoding: bytes) -> bytes:
    return encoding[:31] + bytes([encoding[31] | 0x80])


# -- the published points ---------------------------------------------------------------

Y8A = bytes.fromhex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05")
Y8B = bytes.fromhex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")
# The eight points of small order, canonically encoded.
ED25519_SMALL_ORDER = {
    "identity": le(1),
    "order 2": le(P - 1),
    "order 4": le(0),
    "order 4, other x": with_sign(le(0)),
    "order 8 (a)": Y8A,
    "order 8 (a), other x": with_sign(Y8A),
    "order 8 (b)": Y8B,
    "order 8 (b), other x": with_sign(Y8B),
}
# The six other encodings of those points (y >= p, or the sign bit set on x = 0).
ED25519_NON_CANONICAL = {
    "identity with x sign": with_sign(le(1)),
    "order 2 with x sign": with_sign(le(P - 1)),
    "y = p (0)": le(P),
    "y = p, x sign": with_sign(le(P)),
    "y = p + 1 (1)": le(P + 1),
    "y = p + 1, x sign": with_sign(le(P + 1)),
}
U8A = 325606250916557431795983626356110631294008115727848805560023387167927233504
U8B = 39382357235489614581723060781553021112529911719440698176882885853963445705823
# RFC 7748 section 6.1 / https://cr.yp.to/ecdh.html: the u of small order, and the same
# points written at or above p (which X25519 reduces, or masks the top bit of).
X25519_SMALL_ORDER = {"0": 0, "1": 1, "u of order 8 (a)": U8A, "u of order 8 (b)": U8B,
                      "p - 1": P - 1}
X25519_NON_CANONICAL = {"p": P, "p + 1": P + 1, "p + u8a": P + U8A, "p + u8b": P + U8B,
                        "2p - 1": 2 * P - 1, "2p": 2 * P, "2p + 1": 2 * P + 1}


def test_the_x25519_list_is_what_openssl_calls_low_order() -> None:
    """Every listed u below 2^255 gives OpenSSL an all-zero secret; those above are the
    same points to an implementation that reduces mod p instead of masking the top bit."""
    for u in [*X25519_SMALL_ORDER.values(), *X25519_NON_CANONICAL.values()]:
        if u >= 2**255:
            assert u % P in X25519_SMALL_ORDER.values()
            continue
        with pytest.raises(ValueError):
            X25519PrivateKey.generate().exchange(X25519PublicKey.from_public_bytes(le(u)))


def forged_jws(header: dict[str, Any], payload: dict[str, Any], public: bytes) -> str | None:
    """A JWS that OpenSSL verifies under `public`, made without any private key: S = 0 and
    R one of the small-order points (R = -[k]A holds for one of them often enough)."""
    head = jose.b64u(json.dumps(header).encode())
    body = jose.b64u(json.dumps(payload).encode())
    key = Ed25519PublicKey.from_public_bytes(public)
    for r in ED25519_SMALL_ORDER.values():
        signature = r + bytes(32)
        try:
            key.verify(signature, f"{head}.{body}".encode())
        except InvalidSignature:
            continue
        return f"{head}.{body}.{jose.b64u(signature)}"
    return None


def test_anyone_can_sign_under_each_small_order_key() -> None:
    """What makes such keys dangerous, shown with OpenSSL: a forgery for each of them."""
    for name, public in ED25519_SMALL_ORDER.items():
        forged = None
        for attempt in range(64):
            forged = forged_jws({"alg": "EdDSA"}, {"n": attempt}, public)
            if forged:
                break
        assert forged is not None, name


# -- refused at import ----------------------------------------------------------------


def jwk_of(curve: str, raw: bytes) -> dict[str, Any]:
    return {"kty": "OKP", "crv": curve, "x": jose.b64u(raw)}


def thumbprint(jwk: dict[str, Any]) -> str:
    """RFC 7638, computed here rather than by the code under test."""
    canonical = json.dumps({k: jwk[k] for k in ("crv", "kty", "x")}, separators=(",", ":"))
    return jose.b64u(hashlib.sha256(canonical.encode()).digest())


ED_CASES = {**ED25519_SMALL_ORDER, **ED25519_NON_CANONICAL}
X_CASES = {name: le(u) for name, u in (X25519_SMALL_ORDER | X25519_NON_CANONICAL).items()}


@pytest.mark.parametrize("name", list(ED_CASES))
def test_small_order_and_non_canonical_ed25519_keys_are_refused(name: str) -> None:
    jwk = jwk_of("Ed25519", ED_CASES[name])
    for load in (lambda: jose.import_public_key(jwk, "Ed25519"),
                 lambda: jose.ed25519_public_key(jwk)):
        with pytest.raises(KeyInvalid) as refused:
            load()
        expected = "non_canonical_key" if name in ED25519_NON_CANONICAL else "small_order_key"
        assert refused.value.reason == expected


@pytest.mark.parametrize("name", list(X_CASES))
def test_small_order_and_non_canonical_x25519_keys_are_refused(name: str) -> None:
    with pytest.raises(KeyInvalid) as refused:
        jose.import_public_key(jwk_of("X25519", X_CASES[name]), "X25519")
    expected = "non_canonical_key" if name in X25519_NON_CANONICAL else "small_order_key"
    assert refused.value.reason == expected


def test_ordinary_keys_still_import() -> None:
    for _ in range(50):
        signing, encryption = jose.generate_signing_key(), jose.generate_encryption_key()
        jose.import_public_key(jose.public_jwk(signing), "Ed25519")
        jose.ed25519_public_key(jose.public_jwk(signing))
        jose.import_public_key(jose.public_jwk(encryption), "X25519")


# -- where keys come in ------------------------------------------------------------------


def spec() -> dict[str, Any]:
    return request_spec(ORIGIN, asks=[ask()])


def test_a_request_forged_under_the_identity_key_is_refused() -> None:
    """Nobody holds a private key for it, yet OpenSSL verifies the signature."""
    identity = jwk_of("Ed25519", ED25519_SMALL_ORDER["identity"])
    kid = thumbprint(identity)
    encryption = jose.generate_encryption_key()
    now = int(time.time())
    payload = {**spec(), "iat": now, "exp": now + 3600, "jti": str(uuid.uuid4()),
               "jwks": {"keys": [{**identity, "use": "sig", "kid": kid},
                                 jose.public_jwk(encryption, "enc")]}}
    forged = forged_jws({"alg": "EdDSA", "typ": request.REQUEST_TYP, "kid": kid}, payload,
                        ED25519_SMALL_ORDER["identity"])
    assert forged is not None
    with pytest.raises(RequestInvalid) as refused:
        request.verify_request(forged, now)
    assert refused.value.reason == "small_order_key"


@pytest.mark.parametrize("name", ["0", "u of order 8 (a)", "p - 1"])
def test_a_request_with_a_small_order_encryption_key_is_refused(name: str) -> None:
    """Such a brand used to be imported, and a share to it crashed on OpenSSL's refusal."""
    signing = jose.generate_signing_key()
    weak = jwk_of("X25519", le(X25519_SMALL_ORDER[name]))
    weak_kid = thumbprint(weak)
    now = int(time.time())
    payload = {**spec(), "iat": now, "exp": now + 3600, "jti": str(uuid.uuid4()),
               "jwks": {"keys": [jose.public_jwk(signing, "sig"),
                                 {**weak, "use": "enc", "kid": weak_kid}]}}
    signed = jose.sign({"typ": request.REQUEST_TYP, "kid": jose.thumbprint(signing)},
                       payload, signing)
    with pytest.raises(RequestInvalid) as refused:
        request.verify_request(signed, now)
    assert refused.value.reason == "small_order_key"


def test_encrypting_to_a_small_order_key_is_a_typed_refusal() -> None:
    weak = jose.OKPKey.import_key(jwk_of("X25519", le(0)))
    with pytest.raises(KeyInvalid) as refused:
        jose.encrypt("a.b.c", weak, "kid")
    assert refused.value.reason == "small_order_key"


def test_a_receipt_forged_under_a_small_order_pinned_key_is_refused() -> None:
    claims = {"iss": ORIGIN, "aud": "urn:x", "iat": 1, "jti": "r", "ack": {
        "jti": "t", "status": "stored"}}
    public = ED25519_SMALL_ORDER["identity"]
    forged = forged_jws({"alg": "EdDSA", "typ": receipt.RECEIPT_TYP}, claims, public)
    assert forged is not None
    with pytest.raises(ProtocolError) as refused:
        receipt.verify(forged, jwk_of("Ed25519", public), issuer=ORIGIN, audience="urn:x",
                       ack_jti="t", status="stored", now=0)
    assert isinstance(refused.value, KeyInvalid | ReceiptInvalid)
    assert refused.value.reason == "small_order_key"


def test_a_token_forged_under_a_small_order_pairwise_key_is_refused() -> None:
    """A pseudonym whose key anyone can sign with would let anyone revoke its grants."""
    brand = jose.generate_encryption_key()
    identity = jwk_of("Ed25519", ED25519_SMALL_ORDER["identity"])
    kid = thumbprint(identity)
    pseudonym = jose.THUMBPRINT_URI_PREFIX + kid
    now = int(time.time())
    claims = {"iss": pseudonym, "sub": pseudonym, "aud": ORIGIN, "iat": now, "nbf": now,
              "exp": now + 3600, "jti": str(uuid.uuid4()),
              "grant": {"id": str(uuid.uuid4()), "version": 1},
              "request": {"jti": "r", "ask": "fit-advice", "sha256": jose.b64u(bytes(32))},
              "purpose": {"iri": "https://w3id.org/dpv#ServicePersonalisation",
                          "description": "d"},
              "retention_days": 1, "data": {"shoe_size_eu": 42}}
    inner = forged_jws({"alg": "EdDSA", "typ": token.GRANT_TYP, "kid": kid, "jwk": identity},
                       claims, ED25519_SMALL_ORDER["identity"])
    assert inner is not None
    sealed = jose.encrypt(inner, jose.import_public_key(jose.public_jwk(brand), "X25519"),
                          jose.thumbprint(brand))
    with pytest.raises(TokenInvalid) as refused:
        token.open_token(sealed, brand, ORIGIN, now)
    assert refused.value.reason == "bad_key" and "small_order_key" in refused.value.detail
