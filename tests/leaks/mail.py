"""Test messages as a person's mail server would store them: its Authentication-Results on
top, then the sender's fields."""

from __future__ import annotations

import email.utils
import uuid

from .dovecot import AUTHSERV_ID


def message(*, sender: str, to: str, dkim: str | None = None, spf: str | None = None,
            dmarc_from: str | None = None, subject: str = "Offers this week",
            when: float | None = None, authserv_id: str = AUTHSERV_ID,
            body: str = "Hello\r\n") -> bytes:
    """`dkim`/`spf` are the domains that passed (None: that check failed)."""
    results = [f"dkim=pass header.d={dkim}" if dkim else "dkim=none",
               f"spf=pass smtp.mailfrom=bounce@{spf}" if spf else "spf=fail",
               f"dmarc=pass header.from={dmarc_from}" if dmarc_from else "dmarc=none"]
    lines = [
        f"Authentication-Results: {authserv_id};\r\n\t" + ";\r\n\t".join(results),
        "Received: from mx.sender.example by mx.person.example",
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {subject}",
        f"Date: {email.utils.formatdate(when)}",
        f"Message-ID: <{uuid.uuid4().hex}@test.example>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()
