"""Standard Webhooks signatures (https://www.standardwebhooks.com/, version 1).

Each delivery carries `webhook-id` (the event's id, the same on every attempt, for the
subscriber to de-duplicate on), `webhook-timestamp` (the attempt's time, in seconds) and
`webhook-signature`: `v1,` and the base64 of HMAC-SHA256 under the subscriber's secret
of `<id>.<timestamp>.<body>`. A subscriber checks it with any Standard Webhooks library
and refuses a timestamp more than a few minutes off.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

JSON = "application/json"


def signature(secret: bytes, event_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{event_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def headers(secret: bytes, event_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The headers of one delivery attempt of `body`."""
    return {
        "Content-Type": JSON,
        "webhook-id": event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, event_id, timestamp, body),
    }
