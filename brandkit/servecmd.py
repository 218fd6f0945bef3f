"""`zpv-brand serve`: the reference receiver over HTTP, its page, quotas and connection limits."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import display, serving
from .clicommon import (
    DB_HELP,
    EPILOG,
    EXIT_OK,
    UsageError,
    is_loopback,
    open_db,
    own_request,
    warn,
)
from .connections import CONNECTIONS_PER_CLIENT, HEAD_SECONDS, ConnectionLimits
from .database import DEFAULT_SQLITE_NAME
from .dispatch import Dispatcher
from .fanout import DELETION_DEADLINE, Fanout
from .holdings import PageSettings, allowed_host_names, new_token
from .keys import load_keys
from .quotas import GRANTS_PER_CUSTOMER, NEW_CUSTOMERS_PER_MINUTE, Quotas
from .receiver import Receiver
from .server import LinkSettings, create_app
from .sqlstorage import MEMORY, SqlStorage
from .subscribers import NONE, Subscribers, WebhookConfigError, load_subscribers
from .visitroutes import ApiToken

PAGE_TOKEN_ENV = "ZPV_BRAND_PAGE_TOKEN"

SERVE_HELP = f"""\
Serve the brand's reference receiver over HTTP (one worker) until SIGINT or SIGTERM:
the signed request at /.well-known/zero-party-data, share tokens and grant events
(revocations, pauses, resumes) at the paths of the request's endpoints (202 and a
signed receipt, 400 and an RFC 8935 error, or 429 with Retry-After over a quota).

After a key rotation, give each old key directory with --retired-keys: tokens
encrypted to an old key are still opened, and the receipts about a grant are
signed with the key paired with the one its last token was encrypted to, which
is the key the person's vault holds.

Once it listens it prints one line, "Serving <brand name> at http://HOST:PORT/"
(--port 0 picks a free port). The database is created on first use; by default
it is {DEFAULT_SQLITE_NAME} in the keys directory. Several workers behind a load
balancer share one PostgreSQL database (--db postgresql://...). PostgreSQL takes
its password from PGPASSFILE (a ~/.pgpass file) or PGPASSWORD rather than the
URL, which every user of the computer can read in the process list; to a host
that is not loopback or a Unix socket it is reached over TLS (sslmode=require)
unless the URL or PGSSLMODE says otherwise.

With --page, / is a page of what the brand holds, per customer, for whoever has
its token: a random one (or ${PAGE_TOKEN_ENV}), in the address printed on
standard error at start and nowhere else (the access log leaves out query
strings). The page answers only to the host names of --allowed-host (by default
the --host address and the request's origin host), shows 20 customers a page
and masks field values until "Show values" is chosen.

Per-visit share links (docs/protocol.md, section 7): each visit's signed request
is served at /zpd/visit/<id>. With --api-token-file, the brand's own web backend
asks for a link for one page visit with POST /zpd/visits and reads how it stands
with GET /zpd/visits/<id>, both with "Authorization: Bearer <the file's token>"
(at least 32 characters; keep the file private). --sample-shop serves a sample
product page at /shop with a "Share from my vault" button, its QR code, and a
status line that follows the visit.

Quotas: a customer pseudonym may have at most --max-grants-per-customer grants,
and one client address may introduce at most --new-customers-per-minute new
pseudonyms a minute (0 turns either off); over them, 429 and Retry-After, and
the vault sends the message again later. Connections: a request head must arrive
within --head-timeout seconds, and one client address may hold at most
--connections-per-client connections (raise it behind a reverse proxy on the
same host, from which every connection comes).

Webhooks: --webhooks FILE names the brand's systems that hear of every grant
change (stored, updated, revoked, expired, paused, resumed), signed per Standard
Webhooks and sent from an outbox in the database, written with the change, so
nothing is lost if the receiver stops; a bad file is refused at start. A system
with "confirms_deletion" must confirm each revocation (2xx to the event; 202 from
one with an "ack_token" means later, at /zpd/deletions/<event id>/ack): the
person's receipt says "deleted" once every such system did, or "deletion_failed"
if one fails or stays silent past --deletion-deadline (30d by default; s, m, h or
d). `zpv-brand webhooks` lists the events per subscriber and sends failed ones
again.
"""


def cmd_serve(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        raise UsageError("--port must be between 0 and 65535")
    quotas, limits = _quotas(args), _limits(args)
    keys = load_keys(Path(args.keys))
    retired = [load_keys(Path(directory)) for directory in args.retired_keys]
    request = own_request(Path(args.request), keys)
    if request.exp <= time.time():
        warn(f"the request expired {display.time_text(request.exp)}: a vault will not import "
             "it; sign a new one with `zpv-brand request`")
    subscribers = _subscribers(args)
    deadline = deletion_deadline(args.deletion_deadline)
    page = _page_settings(args, request.iss)
    links = LinkSettings(_api_token(args), shop=args.sample_shop)
    if page is not None and not is_loopback(args.host):
        warn(f"the page's token travels unencrypted to {args.host} over plain http: "
             "reach the page through a TLS proxy or an SSH tunnel")
    location = args.db or str(Path(args.keys) / DEFAULT_SQLITE_NAME)
    storage = open_db(location)
    queue: SqlStorage | None = None
    dispatcher: Dispatcher | None = None
    try:
        receiver = Receiver(keys, storage, request.iss, quotas=quotas, retired_keys=retired,
                            fanout=Fanout(subscribers, deadline))
        try:
            app = create_app(receiver, request.jws, page=page, links=links)
        except ValueError as exc:
            raise UsageError(f"--request {args.request}: {exc}") from None
        name = display.clean(" ".join(request.body.brand.name.split()))
        # Deliveries and sweeps on their own connection, so they never wait behind a
        # message. With no subscriber it only sweeps: deletions opened while an earlier
        # configuration named some still fail at their deadline.
        queue = storage if location.endswith(MEMORY) else open_db(location)
        dispatcher = Dispatcher(receiver, queue, subscribers)
        if len(subscribers):
            receiver.on_stored = dispatcher.wake
        dispatcher.start()

        def listening(address: serving.Address) -> None:
            if page is not None:  # before the line that says it is ready, which callers wait for
                _announce_page(name, page, address, from_env=bool(os.environ.get(PAGE_TOKEN_ENV)))
            if links.shop:
                print(f"zpv-brand: the sample shop of {name} is at {address.url}shop",
                      file=sys.stderr, flush=True)
            print(f"Serving {name} at {address.url}", flush=True)

        serving.serve(app, args.host, args.port, listening, limits=limits,
                      verbosity=args.verbose)
    finally:
        if dispatcher is not None:
            dispatcher.stop()
        if queue is not None and queue is not storage:
            queue.close()
        storage.close()
    return EXIT_OK


def _subscribers(args: argparse.Namespace) -> Subscribers:
    if args.webhooks is None:
        return NONE
    try:
        return load_subscribers(Path(args.webhooks))
    except WebhookConfigError as exc:
        raise UsageError(f"--webhooks {exc}") from None


UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def deletion_deadline(text: str) -> int:
    """`30d`, `12h`, `90m`, `45s` or a number of days, as seconds (1 s to 365 days)."""
    value = text.strip().lower()
    unit = UNITS.get(value[-1:], 0)
    number = value[:-1] if unit else value
    try:
        seconds = float(number) * (unit or UNITS["d"])
    except ValueError:
        seconds = -1.0
    if not 1 <= seconds <= 365 * UNITS["d"]:
        raise UsageError("--deletion-deadline must be a duration from 1s to 365d, like 30d")
    return int(seconds)


def _page_settings(args: argparse.Namespace, origin: str) -> PageSettings | None:
    if not args.page:
        return None
    token = os.environ.get(PAGE_TOKEN_ENV) or new_token()
    try:
        return PageSettings(token, allowed_host_names(args.host, origin, args.allowed_host))
    except ValueError as exc:
        raise UsageError(f"--page: {exc} (from {PAGE_TOKEN_ENV}?)") from None


def _api_token(args: argparse.Namespace) -> ApiToken | None:
    if args.api_token_file is None:
        return None
    path = Path(args.api_token_file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--api-token-file {path}: {getattr(exc, 'strerror', exc)}") from None
    try:
        token = ApiToken(text.strip())
    except ValueError as exc:
        raise UsageError(f"--api-token-file {path}: {exc}") from None
    if path.stat().st_mode & 0o077:
        warn(f"--api-token-file {path} can be read by other users: chmod 600 it")
    return token


def _announce_page(
    name: str, page: PageSettings, address: serving.Address, *, from_env: bool
) -> None:
    if from_env:
        print(f"zpv-brand: the page of what {name} holds is at {address.url} with the token "
              f"in {PAGE_TOKEN_ENV}", file=sys.stderr, flush=True)
    else:
        print(f"zpv-brand: the page of what {name} holds (keep this address to yourself): "
              f"{page.address(address.url)}", file=sys.stderr, flush=True)


def _quotas(args: argparse.Namespace) -> Quotas:
    for option, value in (("--max-grants-per-customer", args.max_grants_per_customer),
                          ("--new-customers-per-minute", args.new_customers_per_minute),
                          ("--connections-per-client", args.connections_per_client)):
        if value < 0:
            raise UsageError(f"{option} must be 0 (no limit) or more")
    return Quotas(args.max_grants_per_customer or None, args.new_customers_per_minute or None)


def _limits(args: argparse.Namespace) -> ConnectionLimits:
    if not 0 < args.head_timeout <= 3600:
        raise UsageError("--head-timeout must be more than 0 and at most 3600 seconds")
    return ConnectionLimits(args.head_timeout, args.connections_per_client or None)


def add_serve_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve", help="run the reference receiver (HTTP)", description=SERVE_HELP,
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("--keys", required=True, metavar="DIR", help="the key directory")
    serve.add_argument("--retired-keys", action="append", default=[], metavar="DIR",
                       help="a key directory used before a rotation (repeatable)")
    serve.add_argument("--request", required=True, metavar="FILE",
                       help="the signed request to serve and receive grants for")
    serve.add_argument("--db", metavar="URL", help=f"the receiver database: {DB_HELP} "
                       f"(default: {DEFAULT_SQLITE_NAME} in the keys directory)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, metavar="N",
                       help="the port to listen on (default 8000; 0 picks a free one)")
    serve.add_argument("--page", action="store_true",
                       help="serve the page of what the brand holds at /, with a token")
    serve.add_argument("--no-page", action="store_true", help=argparse.SUPPRESS)  # the default
    serve.add_argument("--api-token-file", metavar="FILE",
                       help="a file holding the bearer token of POST /zpd/visits and "
                       "GET /zpd/visits/<id> (without it, they are not served)")
    serve.add_argument("--sample-shop", action="store_true",
                       help="serve a sample shop page with a share button at /shop")
    serve.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                       help="a host name the page answers to (repeatable; by default the "
                       "--host address and the request's origin host)")
    serve.add_argument("--max-grants-per-customer", type=int, default=GRANTS_PER_CUSTOMER,
                       metavar="N", help="grants one customer pseudonym may have "
                       f"(default {GRANTS_PER_CUSTOMER}; 0: no limit)")
    serve.add_argument("--new-customers-per-minute", type=int, default=NEW_CUSTOMERS_PER_MINUTE,
                       metavar="N", help="new customer pseudonyms one client address may "
                       f"introduce a minute (default {NEW_CUSTOMERS_PER_MINUTE}; 0: no limit)")
    serve.add_argument("--head-timeout", type=float, default=HEAD_SECONDS, metavar="SECONDS",
                       help="a request head must arrive within this long "
                       f"(default {HEAD_SECONDS:g})")
    serve.add_argument("--connections-per-client", type=int, default=CONNECTIONS_PER_CLIENT,
                       metavar="N", help="connections one client address may hold at once "
                       f"(default {CONNECTIONS_PER_CLIENT}; 0: no cap)")
    serve.add_argument("--webhooks", metavar="FILE",
                       help="the brand's systems to send grant changes to (JSON)")
    serve.add_argument("--deletion-deadline", default=f"{DELETION_DEADLINE // 86400}d",
                       metavar="DURATION", help="how long a system that confirms deletion "
                       f"has to confirm one (default {DELETION_DEADLINE // 86400}d)")
    serve.add_argument("-v", "--verbose", action="count", default=0,
                       help="log each request (method, path, status, duration) on "
                       "standard error; -vv: everything, in detail")
    serve.set_defaults(handler=cmd_serve)
