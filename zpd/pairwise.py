"""The person's pairwise key per brand (PROTOCOL.md section 1)."""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from joserfc.jwk import OKPKey

from . import jose

INFO_PREFIX = b"zpv/v1/pairwise/Ed25519/"


def pairwise_key(master_seed: bytes, brand_origin: str) -> OKPKey:
    """HKDF-SHA256(master seed, salt empty, info prefix + origin) as an Ed25519 private key."""
    if len(master_seed) != 32:
        raise ValueError("master seed must be 32 bytes")
    seed = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None,
        info=INFO_PREFIX + brand_origin.encode("utf-8"),
    ).derive(master_seed)
    return jose.signing_key_from_seed(seed)


def pseudonym(master_seed: bytes, brand_origin: str) -> str:
    return jose.thumbprint_uri(pairwise_key(master_seed, brand_origin))
