"""A brand with per-visit share links for the vault's and the app's tests: the brand kit's
receiver on http://127.0.0.1:<port> (its request signed for that real origin), with its
visits API behind a bearer token."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from brandkit.issuing import sign_spec
from brandkit.keys import generate_keys
from brandkit.receiver import Receiver
from brandkit.server import LinkSettings, create_app
from brandkit.serving import address_of, bind, running
from brandkit.sqlstorage import SqliteStorage
from brandkit.visitroutes import ApiToken
from tests.support.specs import COLOURS, SHOE_SIZE, ask, request_spec

API_TOKEN = "visits-api-token-for-the-vault-tests-0123"
TIMEOUT = 10


@dataclass
class VisitBrand:
    origin: str
    receiver: Receiver

    def visit(self, **body: Any) -> dict[str, Any]:
        """A new visit's share link and more (POST /zpd/visits)."""
        made = requests.post(self.origin + "/zpd/visits", json=body, timeout=TIMEOUT,
                             headers={"Authorization": f"Bearer {API_TOKEN}"})
        assert made.status_code == 201, made.text
        return dict(made.json())

    def status(self, visit_id: str) -> dict[str, Any]:
        answer = requests.get(f"{self.origin}/zpd/visits/{visit_id}", timeout=TIMEOUT,
                              headers={"Authorization": f"Bearer {API_TOKEN}"})
        assert answer.status_code == 200, answer.text
        return dict(answer.json())


@contextmanager
def visit_brand(directory: Path) -> Iterator[VisitBrand]:
    sock = bind("127.0.0.1", 0)
    origin = f"http://127.0.0.1:{address_of(sock).port}"
    keys = generate_keys()
    request = sign_spec(request_spec(origin, asks=[ask(fields=[SHOE_SIZE, COLOURS])]), keys,
                        now=int(time.time()) - 60)
    storage = SqliteStorage(directory / "brand.sqlite3")
    receiver = Receiver(keys, storage, origin)
    app = create_app(receiver, request, links=LinkSettings(ApiToken(API_TOKEN)))
    try:
        with running(app, sock=sock):
            yield VisitBrand(origin, receiver)
    finally:
        storage.close()
