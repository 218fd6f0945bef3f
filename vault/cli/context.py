"""Which vault a command works on, and how it is unlocked."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..errors import NotAVault
from ..exchange.transport import HttpTransport
from ..storage.locations import default_vault_dir
from ..vault import Vault
from .terminal import SecretSource


def vault_dir(args: argparse.Namespace) -> Path:
    if args.vault:
        return Path(args.vault)
    if os.environ.get("ZPV_VAULT"):
        return Path(os.environ["ZPV_VAULT"])
    return default_vault_dir()


def secrets_for(args: argparse.Namespace) -> SecretSource:
    return SecretSource(Path(args.passphrase_file) if args.passphrase_file else None)


def unlocked(args: argparse.Namespace, *, reads_grants: bool = False) -> Vault:
    """The vault, unlocked with the passphrase the options name. A command that shows
    grants (`reads_grants`) first marks those past their end as expired: reading never
    does."""
    directory = vault_dir(args)
    if not Vault.exists(directory):
        raise NotAVault(str(directory))
    vault = Vault.unlock(
        directory, secrets_for(args).passphrase(),
        accept_rollback=getattr(args, "accept_rollback", False),
    )
    # A private certificate authority for a brand's test server (or a company's).
    ca_bundle = os.environ.get("ZPV_CA_BUNDLE")
    if ca_bundle:
        vault.delivery.transport = HttpTransport(ca_bundle=ca_bundle)
    if reads_grants:
        try:
            vault.grants.expire_due()
        except BaseException:
            vault.lock()
            raise
    return vault
