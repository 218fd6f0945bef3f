"""The vault killed after the brand stored a token, before the vault recorded the answer:
the token is sent again (after its backoff, or when asked to deliver now), and the brand
stores it once."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.support.brands import real_brand
from tests.support.servers import Received, respond, serving
from tests.support.specs import ask, request_spec
from tests.support.vaults import FAST_KDF, PASSPHRASE, PROJECT_ROOT
from vault.exchange.delivery_summary import DeliveryStatus
from vault.vault import Vault

FLUSH_SCRIPT = """
import sys
from pathlib import Path
from vault.vault import Vault
vault = Vault.unlock(Path(sys.argv[1]), sys.argv[2])
print("flushing", flush=True)
vault.delivery.flush()
print("flushed", flush=True)
"""


def test_killed_after_the_brand_stored_it_the_token_is_resent_and_stored_once(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "vault"
    created, _ = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    created.fields.set("shoe_size_eu", 42)
    state: dict[str, Any] = {"kill": True}

    def brand(conn: socket.socket, received: Received) -> None:
        receipt = state["receiver"].receive_token(received.body)
        if state["kill"]:
            # Stored by the brand; the vault dies before it reads the answer.
            os.kill(state["vault_pid"], signal.SIGKILL)
            return
        respond(conn, 202, receipt.encode(), {"Content-Type": "application/jwt"})

    with serving(brand) as server:
        made = real_brand(server.origin, request_spec(server.origin, asks=[ask()]),
                          database=tmp_path / "brand.sqlite3")
        receiver = state["receiver"] = made.receiver
        server.well_known = made.request
        created.brands.fetch(server.origin)
        grant = created.grants.share(server.origin, "fit-advice").grant
        created.lock()

        process = subprocess.Popen(
            [sys.executable, "-c", FLUSH_SCRIPT, str(directory), PASSPHRASE],
            cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True,
        )
        state["vault_pid"] = process.pid
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "flushing"
        assert process.wait(timeout=30) == -signal.SIGKILL
        assert len(server.received) == 1

        customers = receiver.customers()
        assert len(customers) == 1 and customers[0].grants[0].fields == {"shoe_size_eu": 42}

        state["kill"] = False
        with Vault.unlock(directory, PASSPHRASE) as vault:
            [item] = vault.delivery.waiting()
            assert item.attempts == 1, "the interrupted attempt was counted before sending"
            assert item.next_attempt_at > time.time(), "and the next one put off (backoff)"
            assert vault.delivery.flush().attempted == 0
            report = vault.delivery.deliver_now()
            assert report.delivered == [item.jti]
            summary = vault.delivery.summary(grant.id)
            assert summary is not None and summary.status is DeliveryStatus.CONFIRMED
            assert vault.audit.verify().ok and vault.integrity_problems() == []

    assert len(server.received) == 2, "sent again after the crash"
    [customer] = receiver.customers()
    assert len(customer.grants) == 1 and customer.grants[0].version == 1
    made.close()
