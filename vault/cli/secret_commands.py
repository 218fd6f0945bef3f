"""`zpv passwd`, `zpv recover` and `zpv recovery-code new`: the commands that change a secret.

Each one re-keys the vault (a new data key, the database re-encrypted), so old copies of
the key file and old backups open, with the old secrets, only what they held then.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import NotAVault
from ..vault import Vault
from . import terminal
from .context import secrets_for, unlocked, vault_dir
from .terminal import EXIT_OK

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def cmd_passwd(args: argparse.Namespace) -> int:
    source = secrets_for(args)
    if args.recovery_code:
        directory = vault_dir(args)
        if not Vault.exists(directory):
            raise NotAVault(str(directory))
        code = source.recovery_code(_path(args.recovery_code_file))
        vault = Vault.unlock_with_recovery_code(
            directory, code, accept_rollback=args.accept_rollback
        )
    else:
        vault = unlocked(args)
    with vault:
        new = source.new_passphrase(_path(args.new_passphrase_file), env_name="ZPV_NEW_PASSPHRASE")
        _say_re_encrypting()
        new_code = vault.change_passphrase(new)
    if args.json:
        terminal.print_json({"recovery_code": new_code})
        return EXIT_OK
    print("Passphrase changed; the vault was re-encrypted under a new key. Old copies of its")
    print("key file and old backups open only what they held, and only with the old secrets.")
    if new_code is None:
        print("Your recovery code still works.")
    else:
        print()
        _show_code(new_code, "This vault's old recovery code could not be carried over, so it")
    return EXIT_OK


def cmd_recover(args: argparse.Namespace) -> int:
    args.recovery_code = True
    return cmd_passwd(args)


def cmd_recovery_code(args: argparse.Namespace) -> int:
    directory = vault_dir(args)
    if not Vault.exists(directory):
        raise NotAVault(str(directory))
    passphrase = secrets_for(args).passphrase()
    with Vault.unlock(directory, passphrase, accept_rollback=args.accept_rollback) as vault:
        _say_re_encrypting()
        code = vault.new_recovery_code(passphrase)
    if args.json:
        terminal.print_json({"recovery_code": code})
    else:
        _show_code(code, "The vault was re-encrypted under a new key: your old recovery code")
    return EXIT_OK


def _show_code(code: str, why: str) -> None:
    print(why)
    print("no longer opens it. Your new recovery code, shown only this once. Write it down and")
    print("keep it apart from this computer: with it you can open the vault if you forget the")
    print("passphrase.")
    print()
    print(f"    {code}")


def _say_re_encrypting() -> None:
    """Re-encrypting a large vault takes a while: say so, to a person at a terminal only."""
    if sys.stderr.isatty():
        print("zpv: re-encrypting the vault under a new key...", file=sys.stderr, flush=True)


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def add_commands(command: Command) -> None:
    p = command("passwd", cmd_passwd, "change the passphrase (re-encrypts the vault)")
    p.add_argument(
        "--recovery-code", action="store_true",
        help="open with the recovery code instead of the passphrase (you forgot it)",
    )
    p.add_argument("--recovery-code-file", metavar="FILE")
    p.add_argument("--new-passphrase-file", metavar="FILE")
    p = command("recover", cmd_recover, "set a new passphrase using the recovery code")
    p.add_argument("--recovery-code-file", metavar="FILE")
    p.add_argument("--new-passphrase-file", metavar="FILE")
    p = command(
        "recovery-code", cmd_recovery_code,
        "make a new recovery code; the old one stops working (re-encrypts the vault)",
    )
    p.add_argument("action", choices=["new"])
