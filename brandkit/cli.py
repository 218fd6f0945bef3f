"""`zpv-brand` (or `python -m brandkit`): keys, requests, token checks, the receiver."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from zpd import event as zpd_event
from zpd import jose
from zpd.errors import KeyInvalid, ProtocolError, RequestInvalid
from zpd.origin import canonical_origin
from zpd.request import MAX_DAYS, DataRequest
from zpd.text import undecodable_argument

from . import clipipe, display, fsutil, offline, version
from .clicommon import (
    DB_HELP,
    EPILOG,
    EXIT_LOCAL,
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_USAGE,
    UsageError,
    open_db,
    own_request,
)
from .customers import all_customers
from .errors import BrandKitError, EventRefused, TokenRefused, description, rfc8935_code
from .issuing import DEFAULT_DAYS, open_own_request, read_spec, sign_spec
from .keys import BrandKeys, create_keys, load_keys
from .servecmd import add_serve_parser
from .storage import Storage
from .webhookcmd import add_webhooks_parser

VERIFY_HELP = """\
Decrypt and verify a share token (a compact JWE), or verify a grant event (a
revocation, a pause or a resume: a compact JWS), and print what was verified as
JSON. Nothing is stored.

A token's audience is the brand's origin, the iss of the request it answers:
give it with --origin, or give --request FILE, the request as this brand signed
it, which also checks that the token names that request and fits its ask
(fields, required fields, purpose, each answer to a brand question). With --db
instead, a token is checked against the request it names among those registered
in a receiver database.

A grant event is verified with the person's pairwise key pinned at their
first grant: --pinned JWK_FILE (a public JWK), or --db FILE, a receiver
database, which holds the key pinned for the event's issuer.
"""

CUSTOMERS_HELP = """\
List what the brand holds, per customer pseudonym (in pseudonym order): each
grant's version, status, expiry, ask, purpose, retention and fields, and when a
revoked grant's data was deleted. --json prints a JSON array, one object per
customer. The database is only read.
"""


class Rejected(Exception):
    """A token, event or spec was refused (exit code 1); says why in one line."""

    def __init__(self, what: str, error: ProtocolError, *, with_code: bool = True) -> None:
        code = f" [{rfc8935_code(error)}]" if with_code else ""
        super().__init__(f"{what} rejected: {description(error)}{code}")


# -- commands -------------------------------------------------------------------------


def cmd_keygen(args: argparse.Namespace) -> int:
    keys = create_keys(Path(args.keys))
    print_json(keys.public_jwks())
    return EXIT_OK


def cmd_request(args: argparse.Namespace) -> int:
    if not 1 <= args.days <= MAX_DAYS:
        raise UsageError(f"--days must be between 1 and {MAX_DAYS}")
    keys = load_keys(Path(args.keys))
    spec_path = Path(args.spec)
    try:
        spec = read_spec(spec_path)
        compact = sign_spec(spec, keys, now=int(time.time()), days=args.days)
    except OSError as exc:
        raise UsageError(f"cannot read {spec_path}: {exc.strerror}") from None
    except RequestInvalid as exc:
        raise Rejected(f"request spec {spec_path}", exc, with_code=False) from None
    data = (compact + "\n").encode("ascii")
    if args.out == "-":
        sys.stdout.write(compact + "\n")
    else:
        try:
            fsutil.replace(Path(args.out), data, fsutil.PUBLIC_FILE)
        except OSError as exc:
            raise BrandKitError(f"cannot write {args.out}: {exc.strerror}") from None
        print(f"signed request written to {args.out} (expires in {args.days} days)")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    keys = load_keys(Path(args.keys))
    now = int(time.time()) if args.now is None else args.now
    text = read_input(args.file)
    request = own_request(Path(args.request), keys) if args.request else None
    audience = request.iss if request is not None else origin(args.origin)
    try:
        kind = offline.message_kind(text)
    except ProtocolError as exc:
        raise Rejected("input", exc) from None
    if kind == offline.REVOCATION and not (args.pinned or args.db):
        raise UsageError("a grant event needs --pinned JWK_FILE or --db FILE")
    pinned = pinned_from_file(Path(args.pinned)) if args.pinned else None
    with receiver_database(args.db) as storage:
        try:
            if kind == offline.SHARE_TOKEN:
                opened = offline.open_token(text, keys, audience, now)
                if request is None and storage is not None:
                    request = registered_request(storage, opened.claims.request_sha256, keys)
                summary = offline.token_summary(opened, request)
            else:
                if pinned is None and storage is not None:
                    pinned = pinned_in_db(storage, text)
                assert pinned is not None
                summary = offline.verify_event(text, pinned, audience, now)
        except ProtocolError as exc:
            what = "share token" if kind == offline.SHARE_TOKEN else offline.event_name(text)
            raise Rejected(what, exc) from None
    print_json(summary)
    return EXIT_OK


def cmd_customers(args: argparse.Namespace) -> int:
    storage = open_db(args.db, readonly=True)
    try:
        customers = all_customers(storage, int(time.time()))
        if args.json:
            sys.stdout.write("[")
            for index, customer in enumerate(customers):
                sys.stdout.write(",\n" if index else "\n")
                sys.stdout.write(json.dumps(customer.to_json(), ensure_ascii=False))
            sys.stdout.write("\n]\n")
            return EXIT_OK
        count = 0
        for count, customer in enumerate(customers, 1):
            if count > 1:
                print()
            print("\n".join(display.customer_lines(customer)))
        print("no customer has shared anything yet" if count == 0 else
              f"\n{count} customer{'' if count == 1 else 's'}")
    finally:
        storage.close()
    return EXIT_OK


# -- helpers --------------------------------------------------------------------------


def read_input(name: str) -> str:
    limit = jose.MAX_COMPACT_BYTES + 1  # more is refused as too large, without reading it all
    try:
        if name == "-":
            raw = sys.stdin.buffer.read(limit)
        else:
            with open(name, "rb") as handle:
                raw = handle.read(limit)
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror}") from None
    return raw.decode("utf-8", errors="replace")


def origin(text: str) -> str:
    try:
        return canonical_origin(text)
    except ValueError as exc:
        raise UsageError(f"--origin {text!r}: {exc}") from None


def registered_request(storage: Storage, sha256: str, keys: BrandKeys) -> DataRequest:
    """The issued request a token names, from a receiver database."""
    with storage.transaction(write=False) as transaction:
        issued = transaction.issued_request(sha256)
    if issued is None:
        raise TokenRefused("unknown_request", "request.sha256 names no request in the database")
    return open_own_request(issued.jws, keys)


def pinned_from_file(path: Path) -> dict[str, Any]:
    try:
        jwk = json.loads(path.read_text(encoding="utf-8"))
        jose.import_public_key(jwk, "Ed25519")
    except (OSError, UnicodeDecodeError, ValueError, KeyInvalid) as exc:
        raise UsageError(f"--pinned {path}: not a readable public Ed25519 JWK ({exc})") from None
    assert isinstance(jwk, dict)
    return jwk


def pinned_in_db(storage: Storage, text: str) -> dict[str, Any]:
    issuer = zpd_event.unverified_issuer(text)
    with storage.transaction(write=False) as transaction:
        pinned = transaction.pinned_key(issuer)
    if pinned is None:
        raise EventRefused("unknown_issuer", "the database pinned no key for this iss")
    return pinned


@contextmanager
def receiver_database(location: str | None) -> Iterator[Storage | None]:
    """The receiver database named by --db, opened read-only, or None."""
    if location is None:
        yield None
        return
    storage = open_db(location, readonly=True)
    try:
        yield storage
    finally:
        storage.close()


def print_json(document: object) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# -- parser ---------------------------------------------------------------------------

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zpv-brand", description="A brand's side of Zero-Party Vault: keys, data requests, "
        "and verification of share tokens and grant events.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=version.ShowVersion,
                        help="show the version, the storage libraries' versions and the licence")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    keygen = commands.add_parser(
        "keygen", help="make a signing and an encryption key; print the public JWKS",
        description="Write signing.jwk and encryption.jwk (private, mode 0600) and jwks.json "
        "(public) into DIR, and print the public JWKS. Existing keys are never overwritten.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    keygen.add_argument("--keys", required=True, metavar="DIR", help="the key directory")
    keygen.set_defaults(handler=cmd_keygen)

    request = commands.add_parser(
        "request", help="sign a data request from a spec",
        description="Validate SPEC.json (a request payload without iat, exp, jti and jwks), "
        "fill those in and sign it with the brand's key.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    request.add_argument("--keys", required=True, metavar="DIR", help="the key directory")
    request.add_argument("spec", metavar="SPEC.json", help="the request spec")
    request.add_argument("--out", required=True, metavar="FILE",
                         help="where to write the compact JWS ('-' for standard output)")
    request.add_argument("--days", type=int, default=DEFAULT_DAYS, metavar="N",
                         help=f"the request expires N days from now (default {DEFAULT_DAYS})")
    request.set_defaults(handler=cmd_request)

    verify = commands.add_parser(
        "verify", help="verify a share token or a grant event", description=VERIFY_HELP,
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    verify.add_argument("--keys", required=True, metavar="DIR", help="the key directory")
    verify.add_argument("file", metavar="FILE", help="the token or event ('-' for standard input)")
    audience = verify.add_mutually_exclusive_group(required=True)
    audience.add_argument("--origin", metavar="ORIGIN",
                          help="the brand's origin, e.g. https://shoes.example")
    audience.add_argument("--request", metavar="FILE",
                          help="the brand's signed request: its iss is the audience, and a "
                          "token is checked against it")
    pinned = verify.add_mutually_exclusive_group()
    pinned.add_argument("--pinned", metavar="JWK_FILE",
                        help="the pairwise public key pinned for the event's issuer")
    pinned.add_argument("--db", metavar="URL",
                        help="a receiver database, whose pinned keys and issued requests are "
                        "used: " + DB_HELP)
    verify.add_argument("--now", type=int, metavar="NUMERICDATE",
                        help="verify as at this time (seconds since the epoch; default now)")
    verify.set_defaults(handler=cmd_verify)

    add_serve_parser(commands)

    customers = commands.add_parser(
        "customers", help="list what the brand holds, per customer",
        description=CUSTOMERS_HELP, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    customers.add_argument("--db", required=True, metavar="URL",
                           help=f"the receiver database: {DB_HELP}")
    customers.add_argument("--json", action="store_true", help="print JSON")
    customers.set_defaults(handler=cmd_customers)

    add_webhooks_parser(commands)
    return parser


# Arguments that name a file or folder: any bytes will do (the others must be UTF-8 text).
# --db too: a SQLite file's name; a PostgreSQL URL is checked where it is opened.
PATH_ARGUMENTS = frozenset({
    "keys", "out", "spec", "file", "request", "pinned", "retired_keys", "api_token_file",
    "webhooks", "db",
})


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    undecodable = undecodable_argument(vars(args), PATH_ARGUMENTS)
    if undecodable is not None:
        return fail(f"the {undecodable.replace('_', ' ')} argument is not UTF-8 text", EXIT_USAGE)
    handler: Handler = args.handler
    try:
        code = handler(args)
        clipipe.flush_output()
        return code
    except BrokenPipeError:  # the reader went away (`| head`): not an error to report
        return clipipe.closed_pipe()
    except Rejected as error:
        return fail(str(error), EXIT_REJECTED)
    except UsageError as error:
        return fail(str(error), EXIT_USAGE)
    except BrandKitError as error:
        return fail(str(error), EXIT_LOCAL)
    except OSError as error:
        return fail(f"{error.filename or ''}: {error.strerror or error}", EXIT_LOCAL)
    except KeyboardInterrupt:
        return fail("interrupted", 130)


def fail(message: str, code: int) -> int:
    print(f"zpv-brand: {' '.join(message.split())}", file=sys.stderr)
    return code
