"""Joining: this computer's copy of a vault that syncs through a folder, opened with the
passphrase or the recovery code (docs/sync.md, "The key file")."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..clock import Clock, system_clock
from ..profile.audit import AuditAction
from ..storage.keys import KdfParams
from ..storage.slots import PassphraseKey
from ..vault import Vault
from . import keyfile, segments
from .devices import default_name, names_announced


def join(
    folder: Path, directory: Path, secret: str, *, recovery_code: bool = False,
    new_passphrase: str | None = None, device_name: str | None = None,
    kdf: KdfParams | None = None, clock: Clock = system_clock,
) -> tuple[Vault, str | None]:
    """A new vault at `directory`, one more device of the vault syncing in `folder`,
    unlocked and synced; with a new recovery code only if the vault had none to share.

    With the recovery code, `new_passphrase` is this device's passphrase; with the
    passphrase, it is that passphrase (or `new_passphrase` if given). A secret that opens
    no key file raises WrongPassphrase or WrongRecoveryCode before anything is written.
    Without `device_name`, the computer's name, numbered if a device already has it."""
    folder, directory = Path(folder), Path(directory)
    shared = keyfile.open_folder(folder, secret, recovery_code=recovery_code)
    passphrase = new_passphrase if new_passphrase is not None else secret
    if recovery_code and new_passphrase is None:
        raise ValueError("joining with the recovery code needs a new passphrase")
    params = kdf or shared.kdf
    if device_name is None:
        view = segments.read_folder(folder, shared.vault_id,
                                    {e.id: e.key for e in shared.epochs})
        device_name = default_name(names_announced(view))
    vault, code = Vault.create_device(
        directory, passphrase, vault_id=shared.vault_id, master_seed=shared.master_seed,
        recovery=shared.recovery, kdf=params, clock=clock,
    )
    try:
        vault.sync.start(folder, shared.epochs, PassphraseKey.new(passphrase, params),
                         device_name, AuditAction.SYNC_JOINED)
        vault.sync.now()
    except BaseException:
        vault.lock()
        shutil.rmtree(directory, ignore_errors=True)
        raise
    return vault, code
