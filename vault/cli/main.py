"""`zpv`: the person's command line over `vault.vault.Vault` and its managers."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from zpd.fieldtypes import Category, FieldType, Sensitivity
from zpd.text import undecodable_argument

from .. import logs
from ..errors import ProtocolError, TransportError, VaultError
from ..process_hardening import disable_core_dumps
from ..vault import Vault
from . import (
    desktop,
    grant_commands,
    leak_commands,
    leak_words,
    pipe,
    request_commands,
    secret_commands,
    sync_commands,
    terminal,
    transparency_commands,
    version,
    words,
)
from .context import secrets_for, unlocked, vault_dir
from .terminal import EXIT_DAMAGED, EXIT_ERROR, EXIT_OK, EXIT_USAGE, UsageError, show_value, when

Handler = Callable[[argparse.Namespace], int]

# Arguments that name a file or folder: any bytes will do (the others must be UTF-8 text;
# the synced folder too, whose name the vault keeps). `source` may also be a link or a web
# address, which the exchange checks as such.
PATH_ARGUMENTS = frozenset({
    "vault", "passphrase_file", "value_file", "out", "file", "source",
    "recovery_code_file", "new_passphrase_file",
})


# -- commands -------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    directory = vault_dir(args)
    source = secrets_for(args)
    if args.passphrase_file or "ZPV_PASSPHRASE" in os.environ:
        passphrase = source.passphrase()
    else:
        passphrase = source.new_passphrase(None, env_name="ZPV_PASSPHRASE")
    vault, code = Vault.create(directory, passphrase)
    vault.lock()
    if args.json:
        terminal.print_json({"vault": str(directory), "recovery_code": code})
    else:
        print(f"Created a vault at {directory}.")
        print("Your recovery code, shown only this once. Write it down and keep it apart")
        print("from this computer: with it you can open the vault if you forget the passphrase.")
        print()
        print(f"    {code}")
    return EXIT_OK


def cmd_fields(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        rows = [f for f in vault.fields.all() if args.category in (None, f.definition.category)]
    if args.json:
        terminal.print_json(
            [
                {
                    "key": f.definition.key,
                    "label": f.definition.label,
                    "category": f.definition.category.value,
                    "type": f.definition.type.value,
                    "sensitivity": f.definition.sensitivity.value,
                    "choices": list(f.definition.choices),
                    "value": f.value,
                    "updated_at": f.updated_at,
                }
                for f in rows
            ]
        )
        return EXIT_OK
    category = None
    for f in rows:
        if f.definition.category != category:
            category = f.definition.category
            print(f"\n{category.value}")
        mark = "!" if f.definition.sensitivity is Sensitivity.SPECIAL else " "
        print(
            f" {mark} {f.definition.key:<24} {f.definition.sensitivity.value:<9} "
            f"{show_value(f.value)}"
        )
    print("\n ! special category (GDPR Art. 9): always flagged before sharing")
    return EXIT_OK


def cmd_set(args: argparse.Namespace) -> int:
    # Read before the passphrase: a usage error needs nothing unlocked.
    value = terminal.value_from(args.value, args.value_file)
    with unlocked(args) as vault:
        stored = vault.fields.set_from_text(args.field, value)
        linked = [a for a in vault.answers.linked_to(args.field) if a.value != stored]
    print(f"{args.field} = {show_value(stored)}")
    for answer in linked:  # a brand's question that means this field, answered otherwise
        print(f"Your answer to \"{answer.question.label}\" ({answer.key}) of "
              f"{answer.brand_origin} means this field and is {show_value(answer.value)}; "
              f"to change it as well: zpv answer {answer.brand_origin} {answer.key} VALUE")
    return EXIT_OK


def cmd_get(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        value = vault.fields.get(args.field)
    if args.json:
        terminal.print_json({"key": args.field, "value": value})
        return EXIT_OK
    if value is None:
        print(f"zpv: {args.field} has no value", file=sys.stderr)
        return EXIT_ERROR
    print(show_value(value))
    return EXIT_OK


def cmd_clear(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        cleared = vault.fields.clear(args.field)
    print(f"{args.field} cleared" if cleared else f"{args.field} had no value")
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        entries = vault.fields.history(args.field)
    if args.json:
        terminal.print_json([{"changed_at": e.changed_at, "value": e.value} for e in entries])
        return EXIT_OK
    for e in entries:
        shown = show_value(e.value) if e.value is not None else "(cleared)"
        print(f"{when(e.changed_at)}  {shown}")
    return EXIT_OK


def cmd_define(args: argparse.Namespace) -> int:
    choices = tuple(c for c in (args.choices or "").split(",") if c.strip())
    with unlocked(args) as vault:
        field = vault.fields.define(
            args.key, args.label, FieldType(args.type), Sensitivity(args.sensitivity), choices
        )
    print(f"defined {field.key}")
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        if args.verify:
            return _verify(vault, args.json)
        entries = vault.audit.entries(action_prefix=args.action or "", limit=args.limit)
    if args.json:
        terminal.print_json(
            [{"seq": e.seq, "at": e.at, "action": e.action, "details": e.details} for e in entries]
        )
        return EXIT_OK
    for e in entries:
        details = json.dumps(e.details, ensure_ascii=False) if e.details else ""
        print(f"{e.seq:>6}  {when(e.at)}  {e.action:<18} {details}")
    return EXIT_OK


def _verify(vault: Vault, as_json: bool) -> int:
    problems = vault.integrity_problems()
    report = vault.audit.verify()
    if as_json:
        terminal.print_json(
            {
                "ok": report.ok and not problems,
                "entries_checked": report.entries_checked,
                "first_bad_entry": report.first_bad_seq,
                "problem": report.problem.value if report.problem else None,
                "database_problems": problems,
            }
        )
    elif problems:
        print(f"zpv: the database fails its integrity check: {problems[0]}", file=sys.stderr)
    elif not report.ok:
        assert report.problem is not None
        said = words.tamper_words(report.problem)
        print(f"zpv: audit chain broken: entry {report.first_bad_seq} {said}", file=sys.stderr)
    else:
        print(f"Audit chain intact ({report.entries_checked} entries); database integrity ok.")
    return EXIT_OK if report.ok and not problems else EXIT_DAMAGED


def cmd_export(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        vault.transparency.export_to(Path(args.out))
    print(f"Exported to {args.out}. This file is NOT encrypted: keep it safe or delete it.")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        vault.backup_to(Path(args.out))
    print(f"Encrypted backup written to {args.out}. It opens with this vault's passphrase")
    print("or recovery code as they are today.")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    source = secrets_for(args)
    if args.passphrase_file or "ZPV_PASSPHRASE" in os.environ:
        secret = source.passphrase()
    else:
        secret = (
            source.recovery_code(None)
            if "ZPV_RECOVERY_CODE" in os.environ
            else source.passphrase("Passphrase or recovery code of the backup: ")
        )
    directory = vault_dir(args)
    moved = Vault.restore(Path(args.file), directory, secret, replace=args.replace)
    print(f"Restored {args.file} to {directory}.")
    if moved is not None:
        print(f"The vault that was there is kept at {moved}.")
    return EXIT_OK


# -- parser ---------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """A usage error is one line on stderr, like every other error (argparse prints two)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"zpv: {message} (see '{self.prog} --help')\n")


def _common_options(*, top_level: bool) -> _Parser:
    """Options taken before or after the command; only the top level gives them defaults.

    A command's own default would overwrite a value given before the command, so each
    level gets its own actions (parents share theirs: set_defaults on one parser would
    change the defaults of every command built from the same parent).
    """

    def default(value: object) -> object:
        return value if top_level else argparse.SUPPRESS

    options = _Parser(add_help=False)
    options.add_argument(
        "--vault",
        metavar="DIR",
        default=default(None),
        help="vault directory (default: $ZPV_VAULT, else your data folder)",
    )
    options.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=default(None),
        help="read the passphrase from the first line of FILE",
    )
    options.add_argument(
        "--json", action="store_true", default=default(False), help="machine-readable output"
    )
    options.add_argument(
        "-v", "--verbose", action="count", default=default(0),
        help="say what happens on standard error (-vv: in detail)",
    )
    options.add_argument(
        "--accept-rollback",
        action="store_true",
        default=default(False),
        help="open a vault that is older than the copy last seen here (a backup you "
        "restored on purpose)",
    )
    return options


def build_parser() -> argparse.ArgumentParser:
    common = _common_options(top_level=False)
    parser = _Parser(
        prog="zpv",
        parents=[_common_options(top_level=True)],
        description="Zero-Party Vault: your preferences, encrypted, shared on your terms.",
    )
    parser.add_argument("--version", action=version.ShowVersion,
                        help="show the version, the libraries' versions and the licence")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    command("init", cmd_init, "create a new vault")
    p = command("fields", cmd_fields, "list the field catalogue with your values")
    p.add_argument("--category", choices=[c.value for c in Category])
    p = command("set", cmd_set, "set a field (multi-choice values comma separated)")
    p.add_argument("field")
    p.add_argument(
        "value", nargs="?",
        help="the value; - reads it from standard input, so it does not show in the "
        "process list (ps) as a command-line argument does",
    )
    p.add_argument("--value-file", metavar="FILE",
                   help="read the value from FILE (one final line ending is dropped)")
    p = command("get", cmd_get, "print a field's value")
    p.add_argument("field")
    p = command("clear", cmd_clear, "remove a field's value")
    p.add_argument("field")
    p = command("history", cmd_history, "the changes of one field")
    p.add_argument("field")
    p = command("define", cmd_define, "define a custom field")
    p.add_argument("key", help="short name: letters, digits, underscores")
    p.add_argument("label")
    p.add_argument("--type", choices=[t.value for t in FieldType], default="text")
    p.add_argument("--sensitivity", choices=[s.value for s in Sensitivity], default="personal")
    p.add_argument("--choices", help="comma-separated choices for choice fields")
    secret_commands.add_commands(command)
    p = command("audit", cmd_audit, "the activity log")
    p.add_argument("--verify", action="store_true", help="check the hash chain and the database")
    p.add_argument("--action", help="only actions starting with this")
    p.add_argument("--limit", type=int, default=50)
    p = command("export", cmd_export, "everything you hold as one JSON file (not encrypted)")
    p.add_argument("--out", required=True, metavar="FILE")
    p = command("backup", cmd_backup, "an encrypted backup in one file")
    p.add_argument("--out", required=True, metavar="FILE")
    p = command("restore", cmd_restore, "restore a backup into the vault directory")
    p.add_argument("file")
    p.add_argument(
        "--replace", action="store_true", help="move an existing vault aside instead of refusing"
    )
    request_commands.add_commands(command)
    grant_commands.add_commands(command)
    transparency_commands.add_commands(command)
    leak_commands.add_commands(command)
    desktop.add_commands(command)
    sync_commands.add_commands(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    disable_core_dumps()
    with terminal.revealing_output():  # every word printed, a brand's text or not
        code = _run(argv)
        try:
            pipe.flush_output()
        except BrokenPipeError:
            return pipe.closed_pipe()
        return code


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logs.to_stderr(args.verbose)
    undecodable = undecodable_argument(vars(args), PATH_ARGUMENTS)
    if undecodable is not None:
        print(f"zpv: the {undecodable.replace('_', ' ')} argument is not UTF-8 text; "
              "nothing was changed", file=sys.stderr)
        return EXIT_USAGE
    handler: Handler = args.handler
    try:
        return handler(args)
    except (VaultError, ProtocolError, TransportError, UsageError) as error:
        said = leak_words.leak_error_words(error) or words.describe(error)
        print(f"zpv: {said}", file=sys.stderr)
        return terminal.exit_code_for(error)
    except KeyboardInterrupt:
        print("zpv: interrupted; nothing was changed", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader went away (`| head`): not an error to report
        return pipe.closed_pipe()
    except OSError as error:
        print(
            f"zpv: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr
        )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
