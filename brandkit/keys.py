"""The brand's key pair set: an Ed25519 signing key and an X25519 encryption key.

On disk, in one directory: `signing.jwk` and `encryption.jwk`, private JWKs
(mode 0600), and `jwks.json`, the public JWK Set to publish. Every `kid` is the
key's RFC 7638 thumbprint.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from joserfc.jwk import OKPKey

from zpd import jose
from zpd.errors import KeyInvalid

from . import fsutil
from .errors import KeysDamaged, KeysExist, KeysMissing

SIGNING_FILE = "signing.jwk"
ENCRYPTION_FILE = "encryption.jwk"
JWKS_FILE = "jwks.json"
MAX_KEY_FILE = 64 * 1024


@dataclass(frozen=True)
class BrandKeys:
    signing: OKPKey  # Ed25519, use "sig"
    encryption: OKPKey  # X25519, use "enc"

    @property
    def signing_kid(self) -> str:
        return jose.thumbprint(self.signing)

    @property
    def encryption_kid(self) -> str:
        return jose.thumbprint(self.encryption)

    def public_jwks(self) -> dict[str, Any]:
        return {"keys": [jose.public_jwk(self.signing, "sig"),
                         jose.public_jwk(self.encryption, "enc")]}


def generate_keys() -> BrandKeys:
    return BrandKeys(jose.generate_signing_key(), jose.generate_encryption_key())


def save_keys(keys: BrandKeys, directory: Path) -> None:
    """Write the key files into `directory` (created 0700 if needed); never overwrites."""
    directory.mkdir(mode=fsutil.PRIVATE_DIR, parents=True, exist_ok=True)
    present = [n for n in (SIGNING_FILE, ENCRYPTION_FILE, JWKS_FILE) if (directory / n).exists()]
    if present:
        raise KeysExist(directory, present)
    files = (
        (SIGNING_FILE, jose.private_jwk(keys.signing, "sig"), fsutil.PRIVATE_FILE),
        (ENCRYPTION_FILE, jose.private_jwk(keys.encryption, "enc"), fsutil.PRIVATE_FILE),
        (JWKS_FILE, keys.public_jwks(), fsutil.PUBLIC_FILE),
    )
    written: list[Path] = []
    try:
        for name, document, mode in files:
            fsutil.write_new(directory / name, _json(document), mode)
            written.append(directory / name)
    except BaseException as exc:
        for path in written:  # all three files or none: a half set is no use
            path.unlink(missing_ok=True)
        if isinstance(exc, FileExistsError):
            raise KeysExist(directory, [Path(str(exc.filename)).name]) from None
        raise


def create_keys(directory: Path) -> BrandKeys:
    """Generate a key pair set and save it into `directory`."""
    keys = generate_keys()
    save_keys(keys, directory)
    return keys


def load_keys(directory: Path) -> BrandKeys:
    """Read the private keys back; KeysMissing or KeysDamaged say what is wrong."""
    if not directory.is_dir():
        raise KeysMissing(directory, [SIGNING_FILE, ENCRYPTION_FILE])
    missing = [n for n in (SIGNING_FILE, ENCRYPTION_FILE) if not (directory / n).is_file()]
    if missing:
        raise KeysMissing(directory, missing)
    return BrandKeys(
        _load_private(directory / SIGNING_FILE, "Ed25519", "sig"),
        _load_private(directory / ENCRYPTION_FILE, "X25519", "enc"),
    )


def _load_private(path: Path, curve: str, use: str) -> OKPKey:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_KEY_FILE + 1)
    except OSError as exc:
        raise KeysDamaged(path, f"cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_KEY_FILE:
        raise KeysDamaged(path, "is too large to be a JWK")
    try:
        jwk = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise KeysDamaged(path, "is not JSON") from None
    if not isinstance(jwk, dict):
        raise KeysDamaged(path, "is not a JWK (a JSON object)")
    if jwk.get("use", use) != use:
        raise KeysDamaged(path, f"holds a key for use {jwk.get('use')!r}, expected {use!r}")
    try:
        key = jose.import_private_key(jwk, curve)
    except KeyInvalid as exc:
        raise KeysDamaged(path, f"is not a private {curve} key ({exc})") from None
    if "kid" in jwk and jwk["kid"] != jose.thumbprint(key):
        raise KeysDamaged(path, "its kid is not the key's RFC 7638 thumbprint")
    return key


def _json(document: object) -> bytes:
    return (json.dumps(document, indent=2) + "\n").encode("utf-8")
