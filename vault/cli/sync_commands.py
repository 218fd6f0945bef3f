"""`zpv sync setup|join|now|status` and `zpv devices [remove NAME]`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import NotAVault
from ..sync.joining import join
from ..vault import Vault
from . import terminal
from .context import secrets_for, unlocked, vault_dir
from .sync_words import refusal_words, state_words
from .terminal import EXIT_ERROR, EXIT_OK, when
from .words import tamper_words

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def cmd_sync(args: argparse.Namespace) -> int:
    match args.action:
        case "setup":
            return _setup(args)
        case "join":
            return _join(args)
        case "now":
            return _now(args)
        case _:
            return _status(args)


def _folder(args: argparse.Namespace) -> Path:
    if not args.sync_folder:
        raise terminal.UsageError(f"'zpv sync {args.action}' needs the FOLDER")
    return Path(args.sync_folder)


def _setup(args: argparse.Namespace) -> int:
    folder = _folder(args)
    directory = vault_dir(args)
    if not Vault.exists(directory):
        raise NotAVault(str(directory))
    passphrase = secrets_for(args).passphrase()  # asked once: it seals the key file too
    with Vault.unlock(directory, passphrase, accept_rollback=args.accept_rollback) as vault:
        vault.sync.setup(folder, passphrase, args.name)
        name = next(d.name for d in vault.sync.devices() if d.this)
    if args.json:
        terminal.print_json({"folder": str(folder), "device": name})
    else:
        print(f"This vault now syncs through {folder} as '{name}'.")
        print("On another computer: zpv sync join FOLDER --vault DIR")
    return EXIT_OK


def _join(args: argparse.Namespace) -> int:
    folder = _folder(args)
    source = secrets_for(args)
    new_passphrase = None
    if args.recovery_code:
        secret = source.recovery_code(None)
        new_passphrase = source.new_passphrase(None, env_name="ZPV_NEW_PASSPHRASE")
    else:
        secret = source.passphrase()
    directory = vault_dir(args)
    vault, code = join(folder, directory, secret, recovery_code=args.recovery_code,
                       new_passphrase=new_passphrase, device_name=args.name)
    with vault:
        name = next(d.name for d in vault.sync.devices() if d.this)
    if args.json:
        terminal.print_json({"vault": str(directory), "device": name, "recovery_code": code})
        return EXIT_OK
    print(f"Joined: this computer's copy of the vault is at {directory}, as '{name}'.")
    if code is not None:
        print("This vault had no recovery code to share; a new one for this computer, shown")
        print(f"only this once:\n\n    {code}")
    return EXIT_OK


def _now(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        report = vault.sync.now()
        status = vault.sync.status()
    if args.json:
        terminal.print_json({
            "written": report.written, "applied": report.applied,
            "refused": [{"file": n, "reason": r.value} for n, r in report.refused],
            "state": status.state.value,
        })
    else:
        print(f"Synced: {report.applied} change(s) from other devices applied, "
              f"{report.written} written; {state_words(status.state)}.")
        for name, reason in report.refused:
            print(f"zpv: refused {name}: {refusal_words(reason)}", file=sys.stderr)
    return EXIT_ERROR if report.refused else EXIT_OK


def _status(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        status = vault.sync.status()
        chains = vault.sync.audit_chains()
    if args.json:
        terminal.print_json({
            "state": status.state.value, "folder": status.folder, "device": status.device_name,
            "waiting_for": list(status.waiting_for), "half_synced_files": status.incomplete,
            "refused": [{"file": n, "reason": r.value} for n, r in status.refused],
            "activity_logs": [
                {"device": c.device, "this": c.this, "entries": c.entries_checked,
                 "last_entry": c.last_seq, "ok": c.ok,
                 "problem": c.problem.value if c.problem else None,
                 "first_bad_entry": c.first_bad_seq}
                for c in chains
            ],
        })
        return EXIT_OK
    print(f"{state_words(status.state).capitalize()}.")
    print(f"This device: {status.device_name}; folder: {status.folder}")
    if status.waiting_for:
        print(f"New files from: {', '.join(status.waiting_for)} (run 'zpv sync now')")
    if status.incomplete:
        print(f"{status.incomplete} file(s) not completely synced yet")
    for name, reason in status.refused:
        print(f"Refused {name}: {refusal_words(reason)}")
    for chain in chains:
        said = "intact" if chain.problem is None else (
            f"broken at entry {chain.first_bad_seq}: {tamper_words(chain.problem)}")
        print(f"Activity of {chain.device}: {chain.entries_checked} entries here, {said}")
    return EXIT_OK


def cmd_devices(args: argparse.Namespace) -> int:
    if args.action == "remove":
        if not args.name:
            raise terminal.UsageError("'zpv devices remove' needs the device's NAME")
        with unlocked(args) as vault:
            vault.sync.remove(args.name)
        print(f"Removed '{args.name}': its later changes are refused, and what the other")
        print("devices write from now on is sealed with a new key it does not have.")
        print("If someone may know this device's passphrase or the recovery code, change the")
        print("passphrase on each remaining device ('zpv passwd') and make a new recovery code")
        print("('zpv recovery-code new').")
        return EXIT_OK
    with unlocked(args) as vault:
        devices = vault.sync.devices()
    if args.json:
        terminal.print_json([
            {"name": d.name, "this": d.this, "last_seen": d.last_seen, "removed": d.removed}
            for d in devices
        ])
        return EXIT_OK
    for d in devices:
        seen = "this device" if d.this else (
            f"last seen {when(d.last_seen)}" if d.last_seen else "not seen yet")
        print(f"{d.name:<24} {'removed' if d.removed else seen}")
    return EXIT_OK


def add_commands(command: Command) -> None:
    p = command("sync", cmd_sync, "keep this vault in step with your other computers "
                "through a synced folder")
    p.add_argument("action", choices=["setup", "join", "now", "status"])
    # Not a path argument (main.PATH_ARGUMENTS): the vault keeps the folder's name as text.
    p.add_argument("sync_folder", nargs="?", metavar="FOLDER",
                   help="the synced folder (setup and join)")
    p.add_argument("--name", help="this device's name (default: the computer's name)")
    p.add_argument("--recovery-code", action="store_true",
                   help="join with the recovery code (then choose this device's passphrase)")
    p = command("devices", cmd_devices, "the devices this vault syncs with; remove a lost one")
    p.add_argument("action", nargs="?", choices=["remove"])
    p.add_argument("name", nargs="?", metavar="NAME")


