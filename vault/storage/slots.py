"""Key slots: opening a header with a secret, and building the header around a data key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import WrongRecoveryCode
from . import keys
from .header import FORMAT_VERSION, Header, LegacyRecoverySlot, PassphraseSlot, RecoverySlot


@dataclass(frozen=True)
class RecoveryTarget:
    """What a recovery slot is sealed to: the code's salt and public key. No secret: a
    re-key seals the new data key to it, so the same code keeps working."""

    salt: bytes
    public_key: bytes

    @classmethod
    def for_code(cls, code: str) -> RecoveryTarget:
        salt = keys.new_salt()
        return cls(salt, keys.recovery_public_key(code, salt))

    @classmethod
    def of(cls, header: Header) -> RecoveryTarget | None:
        """The header's own target; None for a format 1 slot (it needs the code itself)."""
        slot = header.recovery
        return cls(slot.salt, slot.public_key) if isinstance(slot, RecoverySlot) else None


@dataclass(frozen=True)
class PassphraseKey:
    """A passphrase's key-encryption key with the salt and cost it was derived with."""

    params: keys.KdfParams
    salt: bytes
    kek: bytes

    @classmethod
    def new(cls, passphrase: str, params: keys.KdfParams) -> PassphraseKey:
        salt = keys.new_salt()
        return cls(params, salt, keys.derive_passphrase_key(passphrase, salt, params))

    @classmethod
    def checked(cls, passphrase: str, header: Header) -> PassphraseKey:
        """The key of the passphrase that opens `header` (WrongPassphrase otherwise)."""
        slot = header.passphrase
        kek = keys.derive_passphrase_key(passphrase, slot.salt, slot.params)
        keys.wipe(
            keys.unwrap_with_passphrase_key(
                kek, slot.nonce, slot.wrapped, header.slot_aad("passphrase")
            )
        )
        return cls(slot.params, slot.salt, kek)


@dataclass
class Opened:
    """A header opened with a secret: the data key, and where the recovery slot of the next
    header is sealed to (None when that is unknown: a format 1 vault opened with its
    passphrase)."""

    data_key: bytearray
    recovery: RecoveryTarget | None


Opener = Callable[[Header], Opened]


def with_passphrase(passphrase: str) -> Opener:
    def open_header(header: Header) -> Opened:
        slot = header.passphrase
        kek = keys.derive_passphrase_key(passphrase, slot.salt, slot.params)
        data_key = keys.unwrap_with_passphrase_key(
            kek, slot.nonce, slot.wrapped, header.slot_aad("passphrase")
        )
        return Opened(data_key, RecoveryTarget.of(header))

    return open_header


def with_recovery_code(code: str) -> Opener:
    def open_header(header: Header) -> Opened:
        slot = header.recovery
        aad = header.slot_aad("recovery")
        if isinstance(slot, LegacyRecoverySlot):
            kek = keys.derive_recovery_key(code, slot.salt)
            data_key = keys.unwrap_with_recovery_key(kek, slot.nonce, slot.wrapped, aad)
            # The code is at hand: the next header seals to it in format 2.
            return Opened(data_key, RecoveryTarget.for_code(code))
        data_key = keys.open_with_recovery_code(
            code, slot.salt, slot.public_key, slot.ephemeral_key, slot.nonce, slot.wrapped, aad
        )
        return Opened(data_key, RecoveryTarget.of(header))

    return open_header


def with_any_secret(secret: str) -> list[Opener]:
    """Openers to try in turn for a secret that may be either (a restore prompt takes
    both): a well-formed recovery code is tried as one first, then as a passphrase."""
    try:
        keys.normalise_recovery_code(secret)
    except WrongRecoveryCode:
        return [with_passphrase(secret)]
    return [with_recovery_code(secret), with_passphrase(secret)]


def build_header(
    *,
    vault_id: str,
    created_at: int,
    passphrase_changed_at: int,
    data_key: bytearray,
    passphrase: PassphraseKey,
    recovery: RecoveryTarget,
) -> Header:
    """A header in the current format whose two slots hold `data_key`, MAC'd under it."""
    def aad(slot: str) -> bytes:
        return f"zpv/v{FORMAT_VERSION}/{slot}/{vault_id}".encode()

    nonce, wrapped = keys.wrap(passphrase.kek, data_key, aad("passphrase"))
    ephemeral, rnonce, rwrapped = keys.seal_for_recovery(
        recovery.public_key, data_key, aad("recovery")
    )
    return Header(
        vault_id=vault_id,
        created_at=created_at,
        passphrase_changed_at=passphrase_changed_at,
        passphrase=PassphraseSlot(passphrase.params, passphrase.salt, nonce, wrapped),
        recovery=RecoverySlot(recovery.salt, recovery.public_key, ephemeral, rnonce, rwrapped),
    ).with_mac(data_key)
