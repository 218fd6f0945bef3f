"""The key file each device keeps in the folder: what a new device needs to join, sealed
under that device's passphrase and the vault's recovery code (docs/sync.md).

    { format, version, kdf, salt, nonce, wrapped,       K_join under Argon2id(passphrase)
      recovery: { salt, public_key, ephemeral_key, nonce, wrapped } or null,
      body_nonce, body }            AES-256-GCM(K_join, aad = the rest of the document)

The body holds the vault id, the master seed, the epoch keys, and where the recovery
slot is sealed to (so a joining device's header opens with the same code).
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ..errors import NotAVault, WrongCredentials, WrongPassphrase, WrongRecoveryCode
from ..storage import keys
from ..storage.fsutil import atomic_write
from ..storage.slots import PassphraseKey, RecoveryTarget
from .codec import canonical
from .state import Epoch

SUFFIX = ".zpk"
FORMAT_NAME = "zpv-sync-key"
VERSION = 1
MAX_KEY_FILE_BYTES = 256 * 1024
_PASSPHRASE_AAD = b"zpv/sync/v1/key-file/passphrase"
_RECOVERY_AAD = b"zpv/sync/v1/key-file/recovery"


@dataclass(frozen=True)
class Shared:
    """What every device of one vault holds alike."""

    vault_id: str
    master_seed: bytes
    epochs: tuple[Epoch, ...]
    recovery: RecoveryTarget | None
    kdf: keys.KdfParams


def write(path: Path, shared: Shared, passphrase: PassphraseKey) -> None:
    join_key = secrets.token_bytes(32)
    nonce, wrapped = keys.wrap(passphrase.kek, join_key, _PASSPHRASE_AAD)
    recovery: dict[str, str] | None = None
    if shared.recovery is not None:
        ephemeral, rnonce, rwrapped = keys.seal_for_recovery(
            shared.recovery.public_key, join_key, _RECOVERY_AAD
        )
        recovery = {
            "salt": _b64(shared.recovery.salt), "public_key": _b64(shared.recovery.public_key),
            "ephemeral_key": _b64(ephemeral), "nonce": _b64(rnonce), "wrapped": _b64(rwrapped),
        }
    document: dict[str, Any] = {
        "format": FORMAT_NAME, "version": VERSION,
        "kdf": {"memory_kib": passphrase.params.memory_kib,
                "iterations": passphrase.params.iterations, "lanes": passphrase.params.lanes},
        "salt": _b64(passphrase.salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped),
        "recovery": recovery,
    }
    body_nonce = secrets.token_bytes(12)
    body = AESGCM(join_key).encrypt(body_nonce, canonical(_body(shared)), canonical(document))
    document["body_nonce"], document["body"] = _b64(body_nonce), _b64(body)
    atomic_write(path, canonical(document) + b"\n")


def open_folder(folder: Path, secret: str, *, recovery_code: bool) -> Shared:
    """What the first key file in `folder` that opens with `secret` holds.

    NotAVault when the folder holds no key file; WrongPassphrase or WrongRecoveryCode when
    none opens. Reads only: nothing is written anywhere."""
    paths = sorted(p for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith("."))
    if not paths:
        raise NotAVault(str(folder))
    for path in paths:
        try:
            raw = path.read_bytes()
            if len(raw) > MAX_KEY_FILE_BYTES:
                continue
            return _open(json.loads(raw), secret, recovery_code=recovery_code)
        except (WrongCredentials, OSError, ValueError, KeyError, TypeError, binascii.Error):
            continue
    raise WrongRecoveryCode() if recovery_code else WrongPassphrase()


def _open(document: dict[str, Any], secret: str, *, recovery_code: bool) -> Shared:
    if document.get("format") != FORMAT_NAME or document.get("version") != VERSION:
        raise ValueError("not a key file of this version")
    if recovery_code:
        slot = document["recovery"]
        if slot is None:
            raise WrongRecoveryCode()
        join_key = keys.open_with_recovery_code(
            secret, _unb64(slot["salt"]), _unb64(slot["public_key"]),
            _unb64(slot["ephemeral_key"]), _unb64(slot["nonce"]), _unb64(slot["wrapped"]),
            _RECOVERY_AAD,
        )
    else:
        kdf = document["kdf"]
        params = keys.KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]),
                                int(kdf["lanes"]))
        if not params.is_within_bounds():
            raise ValueError("KDF parameters out of bounds")
        kek = keys.derive_passphrase_key(secret, _unb64(document["salt"]), params)
        join_key = keys.unwrap_with_passphrase_key(
            kek, _unb64(document["nonce"]), _unb64(document["wrapped"]), _PASSPHRASE_AAD
        )
    outer = {k: v for k, v in document.items() if k not in ("body", "body_nonce")}
    try:
        plain = AESGCM(bytes(join_key)).decrypt(
            _unb64(document["body_nonce"]), _unb64(document["body"]), canonical(outer)
        )
    except InvalidTag:
        raise ValueError("the key file was changed") from None
    return _shared(json.loads(plain), document)


def _body(shared: Shared) -> dict[str, Any]:
    return {
        "vault_id": shared.vault_id,
        "master_seed": _b64(shared.master_seed),
        "epochs": [[_b64(e.id), e.number, _b64(e.key)] for e in shared.epochs],
    }


def _shared(body: dict[str, Any], document: dict[str, Any]) -> Shared:
    slot = document["recovery"]
    kdf = document["kdf"]
    return Shared(
        vault_id=str(body["vault_id"]),
        master_seed=_unb64(body["master_seed"]),
        epochs=tuple(Epoch(_unb64(i), int(n), _unb64(k)) for i, n, k in body["epochs"]),
        recovery=None if slot is None else RecoveryTarget(
            _unb64(slot["salt"]), _unb64(slot["public_key"])
        ),
        kdf=keys.KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"])),
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise TypeError("expected base64 text")
    return base64.b64decode(text, validate=True)
