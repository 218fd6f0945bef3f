"""What one sender may make the receiver keep: grants per customer, new customers per minute.

Anyone can make a pairwise key and so a new customer pseudonym, and a
pseudonym can give any number of grants: without a bound, one anonymous
sender fills the database and the page. Two quotas, both answered with 429
and `Retry-After` (the vault waits that long and sends again, so nothing
acknowledged is lost):

- `grants_per_customer`: grants (tombstones included) one pseudonym may have;
  a new grant beyond it is refused until the brand raises the quota.
- `new_customers_per_minute`: pseudonyms first seen from one client address
  in any 60 seconds (an IPv6 address counts by its /64, what one host
  usually has). Tokens of known customers are never throttled.

The rate is kept in memory, per worker process. None turns a quota off.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

GRANTS_PER_CUSTOMER = 1000
NEW_CUSTOMERS_PER_MINUTE = 60
WINDOW_SECONDS = 60.0
GRANTS_RETRY_SECONDS = 3600  # a full quota frees no room by itself: ask again in an hour
MAX_TRACKED_CLIENTS = 10_000  # beyond, clients idle for a whole window are forgotten


@dataclass(frozen=True)
class Quotas:
    grants_per_customer: int | None = GRANTS_PER_CUSTOMER
    new_customers_per_minute: int | None = NEW_CUSTOMERS_PER_MINUTE

    def __post_init__(self) -> None:
        for name in ("grants_per_customer", "new_customers_per_minute"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"{name} must be at least 1 (or None for no quota)")


UNLIMITED = Quotas(None, None)


class QuotaExceeded(Exception):
    """A message the receiver will not take now; the sender may try again after `retry_after` s.

    Not a refusal (nothing is wrong with the message): answered 429, not 400.
    """

    def __init__(self, reason: str, detail: str, retry_after: int) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.retry_after = max(1, retry_after)


def client_key(address: str) -> str:
    """What a client address counts as: itself, or for IPv6 its /64."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


class NewCustomerRate:
    """A sliding 60-second window of new pseudonyms per client; safe across threads."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, deque[tuple[float, str | None]]] = {}  # when, and whom
        self._lock = threading.Lock()

    def admit(self, client: str, customer: str | None = None) -> None:
        """Count one new customer from `client`, or raise QuotaExceeded if its window is full.
        A `customer` already counted in the window is not counted again (a transaction run
        again, after its batch failed for another token, admits its new customers again)."""
        key = client_key(client)
        with self._lock:
            now = self._clock()
            recent = self._seen.get(key)
            if recent is None:
                if len(self._seen) >= MAX_TRACKED_CLIENTS:
                    self._forget_idle(now)
                recent = self._seen[key] = deque(maxlen=self.per_minute)
            while recent and recent[0][0] <= now - WINDOW_SECONDS:
                recent.popleft()
            if customer is not None and any(whom == customer for _, whom in recent):
                return
            if len(recent) >= self.per_minute:
                wait = math.ceil(recent[0][0] + WINDOW_SECONDS - now)
                raise QuotaExceeded(
                    "too_many_new_customers",
                    f"at most {self.per_minute} new customers a minute from one address",
                    wait,
                )
            recent.append((now, customer))

    def _forget_idle(self, now: float) -> None:
        since = now - WINDOW_SECONDS
        idle = [key for key, times in self._seen.items() if not times or times[-1][0] <= since]
        for key in idle:
            del self._seen[key]


def check_grant_count(held: int, quotas: Quotas) -> None:
    """QuotaExceeded if a customer holding `held` grants may not add another."""
    limit = quotas.grants_per_customer
    if limit is not None and held >= limit:
        raise QuotaExceeded(
            "too_many_grants", f"a customer may have at most {limit} grants here",
            GRANTS_RETRY_SECONDS,
        )
