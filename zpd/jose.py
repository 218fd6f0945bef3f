"""Thin, strict wrappers for the protocol's few JOSE shapes.

Keys are joserfc's, and so is encryption. Signing, verifying and decrypting, which a
receiver does for every message, use `cryptography` directly for the one shape of each
the protocol has (tests/zpd/test_jose_direct.py holds them to jwcrypto and joserfc).

Only Ed25519 signatures (`EdDSA`, or its RFC 9864 name `Ed25519`) and
ECDH-ES + A256GCM encryption are accepted; `none` and HMACs never are.
Payloads must be JSON objects without duplicate member names.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import struct
import warnings
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from joserfc import jwe
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

from .errors import KeyInvalid, ProtocolError

SIGNING_ALGS = ("EdDSA", "Ed25519")
PRODUCER_ALG = "EdDSA"
KEY_WRAP_ALG = "ECDH-ES"
CONTENT_ALG = "A256GCM"
MAX_COMPACT_BYTES = 256 * 1024
THUMBPRINT_URI_PREFIX = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:"

Claims = dict[str, Any]
Header = dict[str, Any]

# joserfc marks EdDSA deprecated in favour of Ed25519 (RFC 9864); the protocol
# produces EdDSA on purpose, because every common library accepts it today.
warnings.filterwarnings("ignore", message=".*EdDSA is deprecated.*")


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sha256_b64u(text: str) -> str:
    return b64u(hashlib.sha256(text.strip().encode("utf-8")).digest())


# -- keys ---------------------------------------------------------------------------


def generate_signing_key() -> OKPKey:
    return OKPKey.generate_key("Ed25519")


def generate_encryption_key() -> OKPKey:
    return OKPKey.generate_key("X25519")


def signing_key_from_seed(seed: bytes) -> OKPKey:
    """An Ed25519 key whose 32-byte private key is `seed`."""
    return OKPKey.import_key(Ed25519PrivateKey.from_private_bytes(seed))


def thumbprint(key: OKPKey) -> str:
    """RFC 7638 thumbprint (SHA-256, b64u) of the public key."""
    public = key.as_dict(private=False)
    return _okp_thumbprint(str(public["crv"]), str(public["x"]))


@functools.lru_cache(maxsize=4096)
def _okp_thumbprint(crv: str, x: str) -> str:
    # RFC 7638 section 3.2: the required members in lexicographic order, no whitespace.
    canonical = json.dumps({"crv": crv, "kty": "OKP", "x": x}, separators=(",", ":"))
    return b64u(hashlib.sha256(canonical.encode("utf-8")).digest())


def _ed25519_thumbprint(x: str) -> str:
    """`_okp_thumbprint("Ed25519", x)` for an `x` already decoded as strict base64url, whose
    characters JSON never escapes: the canonical text written out, with no cache, since a
    receiver meets a new person's key in nearly every token."""
    canonical = '{"crv":"Ed25519","kty":"OKP","x":"' + x + '"}'
    return b64u(hashlib.sha256(canonical.encode("ascii")).digest())


def thumbprint_uri(key: OKPKey) -> str:
    """RFC 9278 URI form: a person's pseudonym towards one brand."""
    return THUMBPRINT_URI_PREFIX + thumbprint(key)


def public_jwk(key: OKPKey, use: str | None = None) -> dict[str, Any]:
    jwk: dict[str, Any] = {k: v for k, v in key.as_dict(private=False).items() if k in (
        "kty", "crv", "x")}
    if use:
        jwk["use"] = use
    jwk["kid"] = thumbprint(key)
    return jwk


def private_jwk(key: OKPKey, use: str) -> dict[str, Any]:
    jwk = dict(key.as_dict(private=True))
    jwk["use"] = use
    jwk["kid"] = thumbprint(key)
    return jwk


def _public_x(jwk: object, curve: str) -> str:
    """The `x` of a public OKP JWK of the given curve; private members are refused, and so
    are points of small order and encodings that are not canonical."""
    if not isinstance(jwk, dict):
        raise KeyInvalid("not_a_jwk")
    if jwk.get("kty") != "OKP" or jwk.get("crv") != curve:
        raise KeyInvalid("wrong_key_type", f"expected OKP {curve}")
    if "d" in jwk:
        raise KeyInvalid("private_key_published")
    x = jwk.get("x")
    raw = b64u_decode_safe(x) if isinstance(x, str) else b""
    if len(raw) != 32:
        raise KeyInvalid("bad_key_material")
    check_public_point(curve, raw)
    return str(x)


# Curve25519's field prime, and the points of small order (RFC 7748 section 6.1 for X25519,
# by u; for Ed25519 by y, whatever the sign bit of x: the eight points of the 8-torsion).
_P = 2**255 - 19
_ED25519_SMALL_ORDER_Y = frozenset({
    0,  # order 4
    1,  # the identity
    _P - 1,  # order 2
    int.from_bytes(bytes.fromhex(
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"), "little"),
    int.from_bytes(bytes.fromhex(
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"), "little"),
})
_X25519_SMALL_ORDER_U = frozenset({
    0, 1, _P - 1,
    int.from_bytes(bytes.fromhex(
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"), "little"),
    int.from_bytes(bytes.fromhex(
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"), "little"),
})


def check_public_point(curve: str, raw: bytes) -> None:
    """Refuse a public key that is a point of small order or not canonically encoded.

    A signature under a small-order Ed25519 key can be made by anyone (the identity point
    verifies R = identity, S = 0 over any message), and ECDH with a small-order X25519 key
    gives a shared secret everyone knows (all zeros, or one of a handful)."""
    value = int.from_bytes(raw, "little")
    coordinate, top_bit = value & (2**255 - 1), value >> 255
    if coordinate >= _P:
        raise KeyInvalid("non_canonical_key", f"the {curve} coordinate is not reduced mod p")
    if curve == "Ed25519":
        if top_bit and coordinate in (1, _P - 1):
            # x = 0 there: a set sign bit is a second encoding of the same point.
            raise KeyInvalid("non_canonical_key", "the sign bit is set on x = 0")
        if coordinate in _ED25519_SMALL_ORDER_Y:
            raise KeyInvalid("small_order_key", "a point of small order")
    elif curve == "X25519":
        if top_bit:
            raise KeyInvalid("non_canonical_key", "the unused top bit of u is set")
        if coordinate in _X25519_SMALL_ORDER_U:
            raise KeyInvalid("small_order_key", "a point of small order")


def import_public_key(jwk: object, curve: str) -> OKPKey:
    """Import a public OKP JWK of the given curve; private members are refused."""
    x = _public_x(jwk, curve)
    try:
        return OKPKey.import_key({"kty": "OKP", "crv": curve, "x": x})
    except (JoseError, ValueError) as exc:
        raise KeyInvalid("bad_key_material", str(exc)) from None


def ed25519_public_key(jwk: object) -> tuple[Ed25519PublicKey, dict[str, Any]]:
    """A public Ed25519 JWK, checked as `import_public_key` checks it, as a verifying key and
    its canonical public JWK (`public_jwk` of the imported key: kty, crv, x, kid), without
    building a joserfc key: a receiver does this for every token it opens."""
    if (isinstance(jwk, dict) and jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519"
            and "d" not in jwk and isinstance(x := jwk.get("x"), str)):
        try:
            raw = _strict_b64u(x)
        except (ValueError, UnicodeError):
            raw = b""
        if len(raw) == 32:  # the usual case: one strict decode, checked as below
            check_public_point("Ed25519", raw)
            key = Ed25519PublicKey.from_public_bytes(raw)
            return key, {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": _ed25519_thumbprint(x)}
    x = _public_x(jwk, "Ed25519")  # anything else: refused for the same reason as before
    try:
        key = Ed25519PublicKey.from_public_bytes(_strict_b64u(x))
    except (ValueError, UnicodeError) as exc:  # x not in strict, canonical base64url
        raise KeyInvalid("bad_key_material", str(exc)) from None
    return key, {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": _ed25519_thumbprint(x)}


def import_private_key(jwk: dict[str, Any], curve: str) -> OKPKey:
    if jwk.get("kty") != "OKP" or jwk.get("crv") != curve or "d" not in jwk:
        raise KeyInvalid("wrong_key_type", f"expected a private OKP {curve} key")
    try:
        return OKPKey.import_key(jwk)
    except (JoseError, ValueError) as exc:
        raise KeyInvalid("bad_key_material", str(exc)) from None


def b64u_decode_safe(text: str) -> bytes:
    try:
        return b64u_decode(text)
    except (ValueError, TypeError):
        return b""


# -- signatures -----------------------------------------------------------------------


def sign(header: Header, claims: Claims, key: OKPKey) -> str:
    """A compact JWS (RFC 7515 section 7.1) with an Ed25519 signature (RFC 8037), signed
    with `cryptography` directly: a receiver signs a receipt for every message."""
    private = key.private_key
    if not isinstance(private, Ed25519PrivateKey):
        raise KeyInvalid("not_ed25519", "a signing key is an Ed25519 private key")
    protected = json.dumps({"alg": PRODUCER_ALG, **header}, separators=(",", ":"))
    payload = json.dumps(claims, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    signing_input = b64u(protected.encode("utf-8")) + "." + b64u(payload)
    return signing_input + "." + b64u(private.sign(signing_input.encode("ascii")))


def unverified_header(token: str, error: type[ProtocolError]) -> Header:
    """The protected header of a compact JWS or JWE, parsed but not yet trusted."""
    if not isinstance(token, str) or len(token) > MAX_COMPACT_BYTES:
        raise error("too_large" if isinstance(token, str) else "not_compact")
    token = token.strip()
    segments = token.split(".")
    if len(segments) not in (3, 5):
        raise error("not_compact", "expected a compact JWS or JWE")
    try:
        header = _strict_json(b64u_decode(segments[0]))
    except (ValueError, TypeError, UnicodeError):
        raise error("bad_header") from None
    if not isinstance(header, dict):
        raise error("bad_header")
    return header


def verify(
    token: str, key: OKPKey | Ed25519PublicKey, typ: str, error: type[ProtocolError], *,
    header: Header | None = None,
) -> tuple[Header, Claims]:
    """Check alg, typ and the Ed25519 signature; return the header and the JSON claims.

    `header` is the token's protected header when the caller already parsed it.
    """
    if header is None:
        header = unverified_header(token, error)
    if header.get("alg") not in SIGNING_ALGS:
        raise error("bad_algorithm", str(header.get("alg")))
    if str(header.get("typ", "")).lower() != typ:
        raise error("wrong_type", f"expected typ {typ}")
    segments = token.strip().split(".")
    if len(segments) != 3:
        raise error("not_compact", "expected a compact JWS")
    if "crit" in header:
        raise error("bad_header", "unsupported critical header")
    header_b64, payload_b64, signature_b64 = segments
    try:
        # The one shape the protocol signs, checked with `cryptography` directly: the same
        # checks joserfc makes for it (strict base64url, an Ed25519 key, the signature over
        # the protected header and payload as sent) at a fraction of the cost per token.
        public = key if isinstance(key, Ed25519PublicKey) else key.public_key
        if not isinstance(public, Ed25519PublicKey):
            raise TypeError("not an Ed25519 key")
        public.verify(_strict_b64u(signature_b64),
                      f"{header_b64}.{payload_b64}".encode("ascii"))
        payload = _strict_b64u(payload_b64)
    except (InvalidSignature, ValueError, TypeError, UnicodeError):
        raise error("bad_signature") from None
    try:
        claims = _strict_json(payload)
    except (ValueError, UnicodeDecodeError):
        raise error("bad_payload", "payload is not JSON") from None
    if not isinstance(claims, dict):
        raise error("bad_payload", "payload is not a JSON object")
    return header, claims


# -- encryption -----------------------------------------------------------------------


def encrypt(plaintext: str, recipient: OKPKey, kid: str) -> str:
    header = {"alg": KEY_WRAP_ALG, "enc": CONTENT_ALG, "kid": kid, "cty": "JWT"}
    public = recipient.public_key
    if isinstance(public, X25519PublicKey):
        check_public_point("X25519", public.public_bytes_raw())
    try:
        return jwe.encrypt_compact(
            header, plaintext.encode("utf-8"), recipient, algorithms=[KEY_WRAP_ALG, CONTENT_ALG]
        )
    except ValueError as exc:
        # OpenSSL refuses an all-zero shared secret (a low-order key that slipped past the
        # list above): never a crash, a typed refusal.
        raise KeyInvalid("small_order_key", str(exc)) from None


def decrypt(
    token: str, recipient: OKPKey, error: type[ProtocolError], *, header: Header | None = None,
) -> tuple[Header, str]:
    if header is None:
        header = unverified_header(token, error)
    if header.get("alg") != KEY_WRAP_ALG or header.get("enc") != CONTENT_ALG:
        raise error("bad_algorithm", f"{header.get('alg')}/{header.get('enc')}")
    segments = token.strip().split(".")
    if len(segments) != 5:
        raise error("not_compact", "expected a compact JWE")
    if "zip" in header or "crit" in header:
        raise error("bad_header", "compression and critical headers are not supported")
    try:
        plaintext = _ecdh_es_a256gcm_decrypt(segments, header, recipient)
    except (InvalidTag, ValueError, KeyError, TypeError, UnicodeError):
        # Bad base64, a key in the encrypted-key segment, a short iv or tag, an epk that is
        # not an X25519 public key, a low-order point, or simply the wrong key.
        raise error("decryption_failed") from None
    try:
        return header, plaintext.decode("utf-8")
    except UnicodeDecodeError:
        raise error("bad_payload") from None


def no_duplicate_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A json `object_pairs_hook` refusing an object that names a member twice."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate member {key!r}")
            seen.add(key)
    return result


def _ecdh_es_a256gcm_decrypt(segments: list[str], header: Header, recipient: OKPKey) -> bytes:
    """RFC 7518 4.6 (ECDH-ES, direct key agreement, X25519) and 5.3 (A256GCM), with
    `cryptography` directly: what `jwe.decrypt_compact` does for the protocol's one shape."""
    header_b64, encrypted_key, iv_b64, ciphertext_b64, tag_b64 = segments
    if encrypted_key:
        raise ValueError("ECDH-ES in direct key agreement carries no encrypted key")
    epk = header.get("epk")
    if not isinstance(epk, dict) or epk.get("kty") != "OKP" or epk.get("crv") != "X25519":
        raise ValueError("epk must be an OKP X25519 key")
    if "d" in epk or not isinstance(epk.get("x"), str):
        raise ValueError("epk must be a public key")
    private = recipient.private_key
    if not isinstance(private, X25519PrivateKey):
        raise TypeError("the recipient must be a private X25519 key")
    shared = private.exchange(X25519PublicKey.from_public_bytes(_strict_b64u(epk["x"])))
    if shared == bytes(32):  # a low-order epk: a key everyone knows (OpenSSL refuses it too)
        raise ValueError("all-zero shared secret")
    # Concat KDF (NIST SP 800-56A) with SHA-256: one round gives the 256-bit key.
    if "apu" in header or "apv" in header:
        other = _length_prefixed(CONTENT_ALG.encode("ascii"))
        for party in ("apu", "apv"):
            value = header.get(party)
            if value is not None and not isinstance(value, str):
                raise TypeError(f"{party} must be a string")
            other += _length_prefixed(_strict_b64u(value) if value else b"")
        other += struct.pack(">I", 256)
    else:
        other = _OTHER_INFO_WITHOUT_PARTIES
    key = hashlib.sha256(b"\x00\x00\x00\x01" + shared + other).digest()
    iv, tag = _strict_b64u(iv_b64), _strict_b64u(tag_b64)
    if len(iv) != 12 or len(tag) != 16:
        raise ValueError("A256GCM takes a 96-bit iv and a 128-bit tag")
    return AESGCM(key).decrypt(
        iv, _strict_b64u(ciphertext_b64) + tag, header_b64.encode("ascii")
    )


def _length_prefixed(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


# The Concat KDF's OtherInfo when the header names no parties (the protocol's tokens).
_OTHER_INFO_WITHOUT_PARTIES = (
    _length_prefixed(CONTENT_ALG.encode("ascii")) + _length_prefixed(b"") * 2
    + struct.pack(">I", 256)
)


# base64url's two letters to standard base64's, and standard base64's own two letters and
# padding to a character that `a2b_base64(strict_mode=True)` refuses: one pass checks both.
_TO_STANDARD_ALPHABET = bytes.maketrans(b"-_+/=", b"+/!!!")
# The last character of unpadded base64url whose unused low bits are zero, by the padding
# it lacks (1 or 2): anything else would decode the same bytes from more than one text.
_CANONICAL_ENDINGS = (b"", b"AEIMQUYcgkosw048", b"AQgw")
_STRICT_JSON = json.JSONDecoder(object_pairs_hook=no_duplicate_members)


def _strict_b64u(text: str) -> bytes:
    """base64url without padding, refusing anything else, exactly as joserfc's
    `urlsafe_b64decode` does (tests/zpd/test_jose_direct.py compares the two)."""
    data = text.encode("ascii")
    missing = -len(data) % 4
    if missing == 3 or (missing and data[-1] not in _CANONICAL_ENDINGS[missing]):
        raise binascii.Error("not canonical base64url")
    return binascii.a2b_base64(data.translate(_TO_STANDARD_ALPHABET) + b"=" * missing,
                               strict_mode=True)


def _strict_json(data: bytes) -> Any:
    """JSON text (UTF-8, no byte-order mark) with no member named twice in an object."""
    text = data.decode("utf-8")
    if text.startswith("\ufeff"):
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    try:
        return _STRICT_JSON.decode(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
