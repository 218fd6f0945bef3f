"""The demo's leak: "Leaky Deals" passes its customers' email addresses to a partner, who then
writes to them. The partner reads the brand's own database (as the brand kit's
`zpv-brand customers` does) every second and puts one offer to each new address into the
person's Maildir, the way the person's mail server would store it: its own
Authentication-Results on top, saying the partner's domain passed DKIM and SPF.

The Maildir stands in for the person's mailbox, so the demo needs no mail server."""

from __future__ import annotations

import email.utils
import os
import threading
import time
import uuid
from pathlib import Path

from brandkit.customers import all_customers
from brandkit.database import open_storage

PARTNER = "partner-ads.example"
MAIL_SERVER = "mx.alex.example"  # the person's own server, as it stamps its checks
EVERY_SECONDS = 1.0


def maildir(root: Path) -> Path:
    for sub in ("new", "cur", "tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    return root


def offer(to: str) -> bytes:
    lines = [
        f"Authentication-Results: {MAIL_SERVER};\r\n\tdkim=pass header.d={PARTNER};\r\n"
        f"\tspf=pass smtp.mailfrom=bounce@{PARTNER};\r\n\tdmarc=pass header.from={PARTNER}",
        f"From: Partner Ads <offers@{PARTNER}>",
        f"To: {to}",
        "Subject: A special offer, just for you",
        f"Date: {email.utils.formatdate(localtime=True)}",
        f"Message-ID: <{uuid.uuid4().hex}@{PARTNER}>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
    ]
    return ("\r\n".join(lines) + "\r\n\r\nWe got your address from a friend.\r\n").encode()


class Partner:
    def __init__(self, brand_db: Path, mailbox: Path) -> None:
        self.brand_db = brand_db
        self.mailbox = maildir(mailbox)
        self.written: set[str] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="demo partner", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(EVERY_SECONDS):
            try:
                addresses = self._addresses()
            except Exception:  # the brand's database not there yet, or busy: next time
                continue
            for address in sorted(addresses - self.written):
                self.deliver(offer(address))
                self.written.add(address)

    def _addresses(self) -> set[str]:
        if not self.brand_db.exists():
            return set()
        storage = open_storage(str(self.brand_db), readonly=True)
        try:
            return {str(grant.fields["email"])
                    for customer in all_customers(storage, int(time.time()))
                    for grant in customer.grants
                    if isinstance(grant.fields.get("email"), str)}
        finally:
            storage.close()

    def deliver(self, message: bytes) -> None:
        """Into tmp/, then renamed into new/, as a delivery agent does."""
        name = f"{time.time_ns()}.{uuid.uuid4().hex}.demo"
        (self.mailbox / "tmp" / name).write_bytes(message)
        os.rename(self.mailbox / "tmp" / name, self.mailbox / "new" / name)
