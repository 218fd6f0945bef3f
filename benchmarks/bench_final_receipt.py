"""Deletion followed downstream: a revocation with two confirming subscribers reaches the
final `deleted` receipt in the vault within one flush after the last subscriber confirms.

The brand is `zpv-brand serve --webhooks FILE` in its own process (its receipts endpoint
on, SQLite on disk), with two local subscribers that confirm deletion: each answers its
grant.revoked with 202 and confirms later at the deletion ack endpoint, crm first, mail
last. A vault shares, delivers, revokes and delivers (receipt `deletion_pending`); after
crm confirms, a flush still brings `deletion_pending`; after mail confirms, the vault
flushes (its clock at the time its next poll is due, as the app's flush timer would find
it) until its latest receipt is final. Figure: the flushes it took (target 1); beside it,
the time from the last confirmation to the final receipt being kept.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import requests
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from brandkit.issuing import sign_spec
from brandkit.keys import generate_keys, save_keys
from brandkit.serving import bind, running
from brandkit.subscribers import new_secret
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.receipt_polls import POLL_CAP
from vault.exchange.transport import HttpTransport
from vault.storage.keys import KdfParams
from vault.vault import Vault

from .common import Verdict, isolate_state
from .loopback import PROJECT_ROOT, free_port, spec_for
from .receiver_server import HOST

ACK_TOKEN = "bench-ack-token-0123456789-abcdefghijkl-"  # and the subscriber's name
TARGET = 1  # flushes after the last confirmation
MOST = 5  # flushes tried before giving up
PASSPHRASE = "bench final receipt 7"
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)


class Clock:
    def __init__(self) -> None:
        self.now = int(time.time())

    def __call__(self) -> int:
        return self.now


class Confirming:
    """A subscriber that accepts every event (202) and keeps the ids of grant.revoked."""

    def __init__(self) -> None:
        self.revoked: list[str] = []
        self._lock = threading.Lock()

    def app(self) -> Starlette:
        async def hook(request: Request) -> Response:
            body = json.loads(await request.body())
            if body.get("type") == "grant.revoked":
                with self._lock:
                    self.revoked.append(request.headers["webhook-id"])
            return Response(status_code=202)

        return Starlette(routes=[Route("/hook", hook, methods=["POST"])])

    def wait_revoked(self, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if self.revoked:
                    return self.revoked[0]
            time.sleep(0.01)
        raise RuntimeError("the subscriber never heard of the revocation")


@contextmanager
def brand_served(root: Path, subscribers: list[tuple[str, str]]) -> Iterator[str]:
    """`zpv-brand serve --webhooks` for a brand with a receipts endpoint; its origin."""
    keys = generate_keys()
    save_keys(keys, root / "keys")
    port = free_port()
    origin = f"http://{HOST}:{port}"
    spec = spec_for(origin)
    spec["endpoints"]["receipts"] = f"{origin}/zpd/receipts"
    (root / "request.jwt").write_text(sign_spec(spec, keys, now=int(time.time()) - 60))
    (root / "webhooks.json").write_text(json.dumps({"subscribers": [
        {"name": name, "url": url, "secret": new_secret(), "events": ["*"],
         "confirms_deletion": True, "ack_token": ACK_TOKEN + name}
        for name, url in subscribers]}))
    process = subprocess.Popen(
        [sys.executable, "-m", "brandkit", "serve", "--keys", str(root / "keys"),
         "--request", str(root / "request.jwt"), "--db", str(root / "receiver.sqlite3"),
         "--port", str(port), "--webhooks", str(root / "webhooks.json")],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("zpv-brand serve did not start") from None
                time.sleep(0.05)
        yield origin
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def confirm(origin: str, name: str, event_id: str) -> None:
    """The subscriber `name` confirms the deletion it was told of in `event_id`."""
    answer = requests.post(f"{origin}/zpd/deletions/{event_id}/ack", json={"status": "deleted"},
                           headers={"Authorization": f"Bearer {ACK_TOKEN}{name}"}, timeout=10)
    if answer.status_code != 200:
        raise RuntimeError(f"the deletion ack was refused: {answer.status_code}")


def status(vault: Vault, grant_id: str) -> DeliveryStatus | None:
    summary = vault.delivery.summary(grant_id)
    return None if summary is None else summary.status


def run() -> Verdict:
    isolate_state()
    with tempfile.TemporaryDirectory(prefix="zpv-final-receipt-") as tmp, ExitStack() as stack:
        root = Path(tmp)
        crm, mail = Confirming(), Confirming()
        urls = []
        for subscriber in (crm, mail):
            sock = bind(HOST, 0)
            url = f"http://{HOST}:{sock.getsockname()[1]}/hook"
            stack.enter_context(running(subscriber.app(), sock=sock))
            urls.append(url)
        origin = stack.enter_context(brand_served(root / "brand",
                                                  [("crm", urls[0]), ("mail", urls[1])]))
        clock = Clock()
        created, _ = Vault.create(root / "vault", PASSPHRASE, kdf=FAST_KDF)
        created.lock()
        vault = stack.enter_context(Vault.unlock(root / "vault", PASSPHRASE, clock=clock))
        vault.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=5)
        vault.fields.set("shoe_size_eu", 42)
        vault.brands.fetch(origin)
        grant_id = vault.grants.share(origin, "fit-advice").grant.id
        vault.delivery.flush()
        vault.grants.revoke(grant_id)
        vault.delivery.flush()
        if status(vault, grant_id) is not DeliveryStatus.DELETION_PENDING:
            raise RuntimeError(f"the revocation's receipt is {status(vault, grant_id)}")

        confirm(origin, "crm", crm.wait_revoked())
        clock.now += POLL_CAP + 60
        vault.delivery.flush()
        if status(vault, grant_id) is not DeliveryStatus.DELETION_PENDING:
            raise RuntimeError("the receipt was final before every subscriber confirmed")

        confirm(origin, "mail", mail.wait_revoked())  # the last one
        started = time.perf_counter()
        flushes = 0
        while status(vault, grant_id) is not DeliveryStatus.DELETION_CONFIRMED:
            if flushes == MOST:
                break
            clock.now += POLL_CAP + 60  # the next poll is due
            vault.delivery.flush()
            flushes += 1
        elapsed = time.perf_counter() - started
        kept = [s for _, s, _ in vault.delivery.receipts(grant_id)]
    final = kept[-1] == "deleted"
    print(f"receipts kept, in order:     {', '.join(kept)}")
    print(f"after the last confirmation: {flushes} flush(es), {elapsed * 1000:,.0f} ms to the "
          f"final receipt")
    return Verdict("final receipt after the last confirmation", flushes if final else MOST + 1,
                   TARGET, " flush(es)",
                   note=f"{elapsed * 1000:,.0f} ms after the last subscriber confirmed")


if __name__ == "__main__":
    print(run().line())
