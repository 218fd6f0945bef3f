"""Reading what the vault sends to brands with an independent library (jwcrypto), and the
keys and values it should hold, recomputed with `cryptography`."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from jwcrypto import jwe, jwk, jws

from tests.support.brand_keys import BrandKeys
from vault.vault import Vault

Json = dict[str, Any]
REVOKED_EVENT = "urn:zpd:event:grant-revoked"


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_json(document: object) -> str:
    return b64u(json.dumps(document).encode("utf-8"))


def b64u_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def segment_json(compact: str, index: int) -> Json:
    value = json.loads(b64u_decode(compact.split(".")[index]))
    assert isinstance(value, dict)
    return value


def sha256_b64u(text: str) -> str:
    return b64u(hashlib.sha256(text.strip().encode("utf-8")).digest())


@dataclass(frozen=True)
class OpenedGrant:
    outer_header: Json
    inner_header: Json
    inner: str
    claims: Json
    pairwise: jwk.JWK  # the person's public pairwise key, from the inner header


def open_grant(compact: str, keys: BrandKeys) -> OpenedGrant:
    """Decrypt a share token with the brand's key and verify the inner JWS, as a brand would."""
    outer = jwe.JWE()
    outer.allowed_algs = ["ECDH-ES", "A256GCM"]
    outer.deserialize(compact, key=keys.encryption)
    inner = outer.payload.decode("utf-8")
    inner_header = segment_json(inner, 0)
    pairwise = jwk.JWK(**inner_header["jwk"])
    claims = verify_jws(inner, pairwise)
    return OpenedGrant(segment_json(compact, 0), inner_header, inner, claims, pairwise)


def verify_jws(compact: str, key: jwk.JWK) -> Json:
    """Verify an Ed25519 JWS with jwcrypto (EdDSA only) and return its JSON payload."""
    verifier = jws.JWS()
    verifier.allowed_algs = ["EdDSA"]
    verifier.deserialize(compact)
    verifier.verify(key)
    claims = json.loads(verifier.payload)
    assert isinstance(claims, dict)
    return claims


def expected_pairwise(master_seed: bytes, origin: str) -> jwk.JWK:
    """PROTOCOL section 1, recomputed with cryptography: the public pairwise JWK."""
    seed = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"",
        info=b"zpv/v1/pairwise/Ed25519/" + origin.encode("utf-8"),
    ).derive(master_seed)
    public = Ed25519PrivateKey.from_private_bytes(seed).public_key()
    return jwk.JWK.from_pyca(public)


def master_seed(vault: Vault) -> bytes:
    row = vault._store.query_one("SELECT value FROM meta WHERE key = 'master_seed'")
    assert row is not None
    return bytes(row[0])


def is_uuid(value: object) -> bool:
    try:
        return str(uuid.UUID(str(value))) == value
    except ValueError:
        return False
