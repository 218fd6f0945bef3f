"""Key hierarchy: passphrase and recovery-code slots around one random data key.

data key (32 random bytes, the SQLCipher raw key; a new one at every re-key)
  wrapped by AES-256-GCM under Argon2id(NFC passphrase, salt)   -> passphrase slot
  sealed to X25519(HKDF(recovery code, salt)): an ephemeral X25519 key agreement,
    HKDF, AES-256-GCM                                           -> recovery slot
  HKDF(data key, "zpv/v1/header-mac")                           -> header MAC key

The recovery code carries 150 random bits, so a fast KDF is enough for it; the
passphrase is chosen by a person and gets the memory-hard one. The recovery slot
is sealed to the code's public key so that a re-key (a passphrase change) can
seal the new data key for the same code without knowing it. Format 1 headers
wrapped the key under HKDF(recovery code, salt) directly; they are still read.
"""

from __future__ import annotations

import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from hashlib import sha256

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..errors import WrongPassphrase, WrongRecoveryCode

DATA_KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
X25519_BYTES = 32

# Crockford's base32: no I, L, O or U, so a code read aloud or retyped survives.
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS = 6
RECOVERY_GROUP_LEN = 5
RECOVERY_CHARS = RECOVERY_GROUPS * RECOVERY_GROUP_LEN  # 30 chars = 150 bits
_RECOVERY_READ_AS = {"I": "1", "L": "1", "O": "0", "U": "V"}


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; stored in the header with the salt."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    # Bounds a header must respect, so an edited header cannot ask for 1 TiB.
    MIN_MEMORY_KIB = 8
    MAX_MEMORY_KIB = 4 * 1024 * 1024
    MAX_ITERATIONS = 64
    MAX_LANES = 64

    def is_within_bounds(self) -> bool:
        return (
            1 <= self.lanes <= self.MAX_LANES
            and 1 <= self.iterations <= self.MAX_ITERATIONS
            and max(self.MIN_MEMORY_KIB, 8 * self.lanes) <= self.memory_kib <= self.MAX_MEMORY_KIB
        )


DEFAULT_KDF = KdfParams()


def new_data_key() -> bytearray:
    return bytearray(secrets.token_bytes(DATA_KEY_BYTES))


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC, so the same passphrase typed on any keyboard or OS gives the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_passphrase_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(normalise_passphrase(passphrase))


def derive_recovery_key(code: str, salt: bytes) -> bytes:
    """The key that wraps the data key in a format 1 recovery slot."""
    normalised = normalise_recovery_code(code)
    return _hkdf(normalised.encode("ascii"), salt, b"zpv/v1/recovery-slot")


def recovery_public_key(code: str, salt: bytes) -> bytes:
    """The public half of the key pair a recovery code stands for (with its salt)."""
    return _recovery_private_key(code, salt).public_key().public_bytes_raw()


def seal_for_recovery(
    public_key: bytes, data_key: bytes | bytearray, aad: bytes
) -> tuple[bytes, bytes, bytes]:
    """Seal the data key to a recovery code's public key; returns (ephemeral key, nonce,
    ciphertext with tag). Needs no secret: a re-key uses it to keep the same code."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    kek = _hkdf(shared, ephemeral_public + public_key, b"zpv/v2/recovery-slot")
    nonce, wrapped = wrap(kek, data_key, aad)
    return ephemeral_public, nonce, wrapped


def open_with_recovery_code(
    code: str, salt: bytes, public_key: bytes, ephemeral_key: bytes, nonce: bytes,
    wrapped: bytes, aad: bytes,
) -> bytearray:
    private = _recovery_private_key(code, salt)
    if not hmac.compare_digest(private.public_key().public_bytes_raw(), public_key):
        raise WrongRecoveryCode()
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_key))
    except ValueError:  # a low-order point: only an edited header holds one
        raise WrongRecoveryCode() from None
    kek = _hkdf(shared, ephemeral_key + public_key, b"zpv/v2/recovery-slot")
    return unwrap_with_recovery_key(kek, nonce, wrapped, aad)


def _recovery_private_key(code: str, salt: bytes) -> X25519PrivateKey:
    seed = _hkdf(normalise_recovery_code(code).encode("ascii"), salt, b"zpv/v2/recovery-key")
    return X25519PrivateKey.from_private_bytes(seed)


def header_mac_key(data_key: bytes | bytearray) -> bytes:
    return _hkdf(bytes(data_key), b"", b"zpv/v1/header-mac")


def mac(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, sha256).digest()


def mac_matches(key: bytes, message: bytes, tag: bytes) -> bool:
    return hmac.compare_digest(mac(key, message), tag)


def wrap(kek: bytes, data_key: bytes | bytearray, aad: bytes) -> tuple[bytes, bytes]:
    """Encrypt the data key; returns (nonce, ciphertext with tag)."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce, AESGCM(kek).encrypt(nonce, bytes(data_key), aad)


def unwrap_with_passphrase_key(kek: bytes, nonce: bytes, wrapped: bytes, aad: bytes) -> bytearray:
    try:
        return bytearray(AESGCM(kek).decrypt(nonce, wrapped, aad))
    except InvalidTag:
        raise WrongPassphrase() from None


def unwrap_with_recovery_key(kek: bytes, nonce: bytes, wrapped: bytes, aad: bytes) -> bytearray:
    try:
        return bytearray(AESGCM(kek).decrypt(nonce, wrapped, aad))
    except InvalidTag:
        raise WrongRecoveryCode() from None


def new_recovery_code() -> str:
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CHARS))
    return format_recovery_code(chars)


def format_recovery_code(chars: str) -> str:
    step = RECOVERY_GROUP_LEN
    return "-".join(chars[i : i + step] for i in range(0, len(chars), step))


def normalise_recovery_code(code: str) -> str:
    """Accept any case, spaces and dashes, and the usual misreadings (O for 0...)."""
    cleaned = "".join(ch for ch in code.upper() if ch not in " -\t\n\r")
    cleaned = "".join(_RECOVERY_READ_AS.get(ch, ch) for ch in cleaned)
    if len(cleaned) != RECOVERY_CHARS or any(ch not in RECOVERY_ALPHABET for ch in cleaned):
        raise WrongRecoveryCode()
    return cleaned


def wipe(secret: bytearray | None) -> None:
    """Best effort: overwrite a mutable secret before dropping it."""
    if secret is not None:
        for i in range(len(secret)):
            secret[i] = 0


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt or None, info=info).derive(ikm)
