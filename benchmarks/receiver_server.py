"""One uvicorn worker in its own process, for the delivery benchmarks.

    python -m benchmarks.receiver_server receiver KEYS_DIR REQUEST_FILE DB_PATH PORT
    python -m benchmarks.receiver_server receiver KEYS_DIR REQUEST_FILE postgresql://... PORT
    python -m benchmarks.receiver_server trivial PORT

`receiver`: the brand kit's real receiver app (`brandkit.server.create_app`
over `SqliteStorage` on a file: WAL, synchronous FULL, as `zpv-brand serve`
runs it), served by `brandkit.serving.running` on 127.0.0.1:PORT.
A PostgreSQL URL instead of the path serves on that database (several of these
processes on one database are several workers); ZPV_BENCH_ORIGIN, when set, is the
origin the request was signed for (a second worker listens on another port).
`trivial`: the same uvicorn configuration answering every POST to
/zpd/grants with an empty 202 after reading the body: what uvicorn itself
costs per request, the floor under any receiver.

Prints `ready` once it accepts connections, and serves until its standard
input closes (the parent closes it), then shuts down gracefully.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

READY = "ready"
HOST = "127.0.0.1"


def receiver_app(keys_dir: Path, request_file: Path, db: str) -> ASGIApp:
    from brandkit.database import open_storage
    from brandkit.keys import load_keys
    from brandkit.quotas import Quotas
    from brandkit.receiver import Receiver
    from brandkit.server import create_app

    request = request_file.read_text()
    keys = load_keys(keys_dir)
    storage = open_storage(db)
    origin = os.environ.get("ZPV_BENCH_ORIGIN") or f"http://{HOST}:{sys.argv[-1]}"
    # One address sends for hundreds of people here: no new-customer rate.
    receiver = Receiver(keys, storage, origin, quotas=Quotas(new_customers_per_minute=None))
    return create_app(receiver, request)


def trivial_app() -> ASGIApp:
    async def accept(request: Request) -> Response:
        await request.body()
        return Response(status_code=202)

    return Starlette(routes=[Route("/zpd/grants", accept, methods=["POST"])])


def main(argv: list[str]) -> int:
    from brandkit.serving import bind, running

    logging.basicConfig(level=logging.WARNING)
    if argv[0] == "receiver":
        app = receiver_app(Path(argv[1]), Path(argv[2]), argv[3])
    else:
        app = trivial_app()
    sock = bind(HOST, int(argv[-1]))
    with running(app, sock=sock):
        print(READY, flush=True)
        sys.stdin.read()  # until the parent closes it
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
