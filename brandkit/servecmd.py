"""`zpv-brand serve`: the reference receiver over HTTP, its page, quotas and connection limits."""

from __future__ import annotations

import argparse
import os
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from zpd.request import DataRequest

from . import display, serving, workers
from .clicommon import (
    DB_HELP,
    EPILOG,
    EXIT_OK,
    UsageError,
    is_loopback,
    own_request,
    warn,
    warn_of_password,
)
from .connections import CONNECTIONS_PER_CLIENT, HEAD_SECONDS, ConnectionLimits
from .database import DEFAULT_SQLITE_NAME, is_postgres, open_storage
from .dispatch import Dispatcher, stop_seconds
from .fanout import DELETION_DEADLINE, Fanout
from .holdings import PageSettings, allowed_host_names, new_token
from .keys import BrandKeys, load_keys
from .quotas import GRANTS_PER_CUSTOMER, NEW_CUSTOMERS_PER_MINUTE, Quotas
from .receiver import Receiver
from .server import LinkSettings, create_app, endpoint_path
from .sqlstorage import MEMORY, SqlStorage
from .subscribers import NONE, Subscribers, WebhookConfigError, load_subscribers
from .visitroutes import ApiToken

PAGE_TOKEN_ENV = "ZPV_BRAND_PAGE_TOKEN"
MAX_WORKERS = 64

SERVE_HELP = f"""\
Serve the brand's reference receiver over HTTP until SIGINT or SIGTERM:
the signed request at /.well-known/zero-party-data, share tokens and grant events
(revocations, pauses, resumes) at the paths of the request's endpoints (202 and a
signed receipt, 400 and an RFC 8935 error, or 429 with Retry-After over a quota).

After a key rotation, give each old key directory with --retired-keys: tokens
encrypted to an old key are still opened, and the receipts about a grant are
signed with the key paired with the one its last token was encrypted to, which
is the key the person's vault holds.

Once it listens it prints one line, "Serving <brand name> at http://HOST:PORT/"
(--port 0 picks a free port). The database is created on first use; by default
it is {DEFAULT_SQLITE_NAME} in the keys directory. Several workers share one
PostgreSQL database (--db postgresql://...): --workers N runs N processes on the
one port (a worker that stops is started again), and more machines can serve
behind a load balancer. PostgreSQL takes its password from PGPASSFILE (a
~/.pgpass file) or PGPASSWORD rather than the URL, which every user of the
computer can read in the process list; to a host that is not loopback or a Unix
socket it is reached over TLS (sslmode=require) unless the URL or PGSSLMODE says
otherwise.

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


@dataclass(frozen=True)
class ServeSettings:
    """Everything `serve` needs, read and checked before anything is opened."""

    keys: BrandKeys
    retired: list[BrandKeys]
    request: DataRequest
    request_file: str
    subscribers: Subscribers
    deadline: int
    page: PageSettings | None
    links: LinkSettings
    quotas: Quotas
    limits: ConnectionLimits
    location: str
    verbosity: int

    @property
    def name(self) -> str:
        return display.clean(" ".join(self.request.body.brand.name.split()))

    def listening(self, address: serving.Address) -> None:
        """Say where it listens: the page and the shop on stderr, then the line callers
        wait for."""
        if self.page is not None:
            _announce_page(self.name, self.page, address,
                           from_env=bool(os.environ.get(PAGE_TOKEN_ENV)))
        if self.links.shop:
            print(f"zpv-brand: the sample shop of {self.name} is at {address.url}shop",
                  file=sys.stderr, flush=True)
        print(f"Serving {self.name} at {address.url}", flush=True)


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.workers == 1:
        _serve_worker(settings, serving.bind(args.host, args.port), settings.listening)
        return EXIT_OK
    # Opened once here, so a database that cannot be used is one line at start; each
    # worker then opens its own connections.
    open_storage(settings.location).close()
    sock = serving.bind(args.host, args.port)
    return workers.run(args.workers, sock,
                       lambda worker_sock, ready: _serve_worker(settings, worker_sock,
                                                                lambda _: ready()),
                       settings.listening, stop_seconds=stop_seconds(settings.subscribers))


def _settings(args: argparse.Namespace) -> ServeSettings:
    if not 0 <= args.port <= 65535:
        raise UsageError("--port must be between 0 and 65535")
    quotas, limits = _quotas(args), _limits(args)
    location = args.db or str(Path(args.keys) / DEFAULT_SQLITE_NAME)
    warn_of_password(location)
    if not 1 <= args.workers <= MAX_WORKERS:
        raise UsageError(f"--workers must be from 1 to {MAX_WORKERS}")
    if args.workers > 1 and not is_postgres(location):
        raise UsageError("--workers above 1 needs --db postgresql://... (SQLite has one "
                         "writer at a time)")
    keys = load_keys(Path(args.keys))
    retired = [load_keys(Path(directory)) for directory in args.retired_keys]
    request = own_request(Path(args.request), keys)
    if request.exp <= time.time():
        warn(f"the request expired {display.time_text(request.exp)}: a vault will not import "
             "it; sign a new one with `zpv-brand request`")
    for endpoint in (request.body.grants_endpoint, request.body.events_endpoint,
                     request.body.receipts_endpoint):
        try:
            endpoint_path(endpoint or "/")
        except ValueError as exc:
            raise UsageError(f"--request {args.request}: {exc}") from None
    subscribers = _subscribers(args)
    deadline = deletion_deadline(args.deletion_deadline)
    page = _page_settings(args, request.iss)
    links = LinkSettings(_api_token(args), shop=args.sample_shop)
    if page is not None and not is_loopback(args.host):
        warn(f"the page's token travels unencrypted to {args.host} over plain http: "
             "reach the page through a TLS proxy or an SSH tunnel")
    return ServeSettings(keys, retired, request, args.request, subscribers, deadline, page,
                         links, quotas, limits, location, args.verbose)


def _serve_worker(
    settings: ServeSettings, sock: socket.socket,
    on_listening: Callable[[serving.Address], None],
) -> None:
    """One receiver on `sock` until SIGINT or SIGTERM: its storage, webhook dispatcher and
    uvicorn."""
    storage = open_storage(settings.location)
    queue: SqlStorage | None = None
    dispatcher: Dispatcher | None = None
    try:
        receiver = Receiver(settings.keys, storage, settings.request.iss,
                            quotas=settings.quotas, retired_keys=settings.retired,
                            fanout=Fanout(settings.subscribers, settings.deadline))
        try:
            app = create_app(receiver, settings.request.jws, page=settings.page,
                             links=settings.links)
        except ValueError as exc:
            raise UsageError(f"--request {settings.request_file}: {exc}") from None
        # Deliveries and sweeps on their own connection, so they never wait behind a
        # message. With no subscriber it only sweeps: deletions opened while an earlier
        # configuration named some still fail at their deadline.
        location = settings.location
        queue = storage if location.endswith(MEMORY) else open_storage(location)
        dispatcher = Dispatcher(receiver, queue, settings.subscribers)
        if len(settings.subscribers):
            receiver.on_stored = dispatcher.wake
        dispatcher.start()
        serving.serve_on(app, sock, on_listening, limits=settings.limits,
                         verbosity=settings.verbosity)
    finally:
        if dispatcher is not None:
            dispatcher.stop()
        if queue is not None and queue is not storage:
            queue.close()
        storage.close()


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
    serve.add_argument("--workers", type=int, default=1, metavar="N",
                       help="worker processes on the port (default 1; above 1 needs "
                       "--db postgresql://...)")
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
