"""Delivering the webhook outbox to the brand's subscribers, from any number of workers.

    dispatcher = Dispatcher(receiver, storage, subscribers)   # storage: its own connection
    receiver.on_stored = dispatcher.wake                      # new events go out at once
    dispatcher.start() ... dispatcher.stop()

Each subscriber has its own threads (`Subscriber.concurrency` of them), each with one
keep-alive connection: a subscriber that is down, slow or answering garbage holds up
only its own events. A thread takes a few due events by leasing them (`sqlwebhooks`),
posts each one signed (`whsign`), and records the outcomes in one transaction:

- 2xx: delivered. To a grant.revoked of a subscriber that confirms deletion, any 2xx
  confirms it, but 202 from one with an ack token (202 then means "accepted; confirmed
  later at the ack endpoint"; one without a token could never confirm later).
- anything else, a redirect included (never followed), or no answer in time: tried
  again after the schedule's next delay with jitter, or the answer's Retry-After if
  longer (at most a day); after the last, the event is failed (`zpv-brand webhooks
  retry` sends it again). A subscriber that did not answer at all gets no more of the
  batch: its other events wait as long.

A process killed anywhere loses nothing: an event is only marked delivered after its
answer, and a lease left behind runs out, so the event goes again under the same id
(at least once; subscribers de-duplicate on `webhook-id`). One more thread announces
expired grants and fails deletions nobody confirmed before their deadline.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from functools import partial

from . import deletions, webhookbody, whsign
from .outbound import Answer, DeliveryError, Outbound
from .receiver import Receiver
from .sqlstorage import SqlStorage, SqlTransaction
from .storage import DELIVERED, FAILED, PENDING, SUPERSEDED, GrantState, WebhookEvent
from .subscribers import GRANT_EXPIRED, GRANT_REVOKED, WITH_VALUES, Subscriber, Subscribers

BATCH = 20  # events one thread leases at a time
POLL_SECONDS = 1.0  # how often idle threads look for due events (other workers', retries)
SWEEP_SECONDS = 5.0
LEASE_MARGIN_MS = 5000
MAX_RETRY_AFTER = 86400
EXPIRY_WINDOW = 7 * 86400  # an expiry found later than this is recorded, not announced

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetrySchedule:
    """Seconds to wait after each failed attempt (the Standard Webhooks schedule: 5 s,
    5 min, 30 min, 2 h, 5 h, 10 h, 10 h), each moved by up to `jitter` either way."""

    delays: tuple[float, ...] = (5, 300, 1800, 7200, 18000, 36000, 36000)
    jitter: float = 0.2

    def delay(self, attempts: int) -> float | None:
        """After `attempts` failed attempts: how long until the next, None for no more."""
        if attempts > len(self.delays):
            return None
        base = self.delays[attempts - 1]
        return base * random.uniform(1 - self.jitter, 1 + self.jitter)


@dataclass(frozen=True)
class Leased:
    event: WebhookEvent
    body: bytes
    lease_until_ms: int = 0  # set once the batch is leased


@dataclass(frozen=True)
class Outcome:
    event: WebhookEvent
    status: int | None = None  # the answer's, if one came
    error: str | None = None  # why it failed: no secret, no URL, no body
    retry_after: str = ""
    postponed_ms: int | None = None  # not attempted: wait until then (its subscriber is down)
    lease_until_ms: int | None = None  # the lease it was sent under: recorded only if held

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class Dispatcher:
    def __init__(
        self, receiver: Receiver, storage: SqlStorage, subscribers: Subscribers, *,
        schedule: RetrySchedule | None = None, clock: Callable[[], float] = time.time,
        poll_seconds: float = POLL_SECONDS, sweep_seconds: float = SWEEP_SECONDS,
        batch: int = BATCH,
    ) -> None:
        self._receiver = receiver
        self._storage = storage
        self._subscribers = subscribers
        self._schedule = schedule or RetrySchedule()
        self._clock = clock
        self._poll = poll_seconds
        self._sweep_every = sweep_seconds
        self._batch = batch
        self._stopping = threading.Event()
        self._bells: list[threading.Event] = []
        self._sweeper_bell: threading.Event | None = None
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """A thread per lane of each subscriber, and the sweeper, which runs even with no
        subscriber: deletions opened under an earlier configuration still reach their
        deadline."""
        for subscriber in self._subscribers:
            for lane in range(subscriber.concurrency):
                self._spawn(f"webhooks to {subscriber.name} #{lane + 1}", self._lane,
                            subscriber)
        self._sweeper_bell = self._spawn("webhook sweeps", self._sweeper, woken=False)

    def _spawn(self, name: str, target: Callable[..., None], *args: object,
               woken: bool = True) -> threading.Event:
        bell = threading.Event()  # each thread has its own; rung by wake() if `woken`
        if woken:
            self._bells.append(bell)
        thread = threading.Thread(target=target, args=(bell, *args), name=name, daemon=True)
        self._threads.append(thread)
        thread.start()
        return bell

    def wake(self) -> None:
        """New events were stored: look now rather than at the next poll."""
        for bell in self._bells:
            bell.set()

    def stop(self, timeout: float | None = None) -> None:
        """Stop the threads, waiting for each to finish what it sends (`stop_seconds`)."""
        if timeout is None:
            timeout = stop_seconds(self._subscribers)
        self._stopping.set()
        self.wake()
        if self._sweeper_bell is not None:
            self._sweeper_bell.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    # -- one subscriber's lane

    def _lane(self, bell: threading.Event, subscriber: Subscriber) -> None:
        outbound = Outbound(subscriber.url, timeout=subscriber.timeout)
        try:
            while not self._stopping.is_set():
                bell.clear()
                if not self.deliver_once(subscriber, outbound):
                    bell.wait(self._poll)
        finally:
            outbound.close()

    def deliver_once(self, subscriber: Subscriber, outbound: Outbound) -> int:
        """Lease, send and record one batch of `subscriber`'s due events; how many."""
        try:
            leased = self._storage.in_queue(lambda t: self._lease(t, subscriber))
        except Exception:
            logger.exception("could not read the webhook outbox for %s", subscriber.name)
            self._stopping.wait(self._poll)
            return 0
        if not leased:
            return 0
        outcomes = self._send_all(outbound, subscriber, leased)
        try:
            self._storage.in_queue(lambda t: self._record(t, subscriber, outcomes))
        except Exception:  # the leases run out, and the events go again under their ids
            logger.exception("could not record deliveries to %s", subscriber.name)
        return len(leased)

    def _lease(self, transaction: SqlTransaction, subscriber: Subscriber) -> list[Leased]:
        now = self._clock()
        now_ms = int(now * 1000)
        leased = []
        for event in transaction.due_webhooks(subscriber.name, now_ms, self._batch):
            grant = transaction.read_grant(event.grant_id)
            if grant is None or (event.type in WITH_VALUES
                                 and grant.status_at(int(now)) is not GrantState.ACTIVE):
                # Its values may no longer be passed on; the event that said why follows.
                transaction.finish_webhook(
                    event.event_id, state=SUPERSEDED, attempts=event.attempts,
                    next_attempt_ms=event.next_attempt_ms, last_status=None, last_error=None,
                    done_at=int(now))
                continue
            issued = reference = None
            if grant.request_sha256:
                issued = transaction.issued_request(grant.request_sha256)
                reference = transaction.reference_of_request(grant.request_sha256)
            deadline = None
            if event.type == GRANT_REVOKED and subscriber.confirms_deletion:
                deletion = transaction.deletion(event.event_id)
                deadline = deletion.deadline if deletion else None
            body = webhookbody.body(event, grant, issued.jti if issued else None, int(now),
                                    origin=self._receiver.origin, reference=reference,
                                    deletion_deadline=deadline,
                                    confirms_later=subscriber.confirms_later)
            leased.append(Leased(event, body))
        until_ms = now_ms + _send_ms(subscriber) * max(1, len(leased)) + LEASE_MARGIN_MS
        transaction.lease_webhooks([item.event.event_id for item in leased], until_ms)
        return [replace(item, lease_until_ms=until_ms) for item in leased]

    def _send_all(
        self, outbound: Outbound, subscriber: Subscriber, leased: list[Leased]
    ) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for index, item in enumerate(leased):
            if self._clock() * 1000 + _send_ms(subscriber) > item.lease_until_ms:
                # Sent now, it could outlast its lease and go out from another worker too.
                now_ms = int(self._clock() * 1000)
                outcomes.extend(Outcome(rest.event, postponed_ms=now_ms,
                                        lease_until_ms=rest.lease_until_ms)
                                for rest in leased[index:])
                break
            outcome = replace(self._send(outbound, subscriber, item),
                              lease_until_ms=item.lease_until_ms)
            outcomes.append(outcome)
            if outcome.status is None or self._stopping.is_set():
                # No answer at all: the rest of the batch waits as long as this one.
                wait_ms = int(self._clock() * 1000 + 1000 * (
                    self._schedule.delay(max(1, item.event.attempts + 1)) or 0))
                outcomes.extend(Outcome(rest.event, postponed_ms=wait_ms,
                                        lease_until_ms=rest.lease_until_ms)
                                for rest in leased[index + 1:])
                break
        return outcomes

    def _send(self, outbound: Outbound, subscriber: Subscriber, item: Leased) -> Outcome:
        event = item.event
        headers = whsign.headers(subscriber.secret, event.event_id, int(self._clock()),
                                 item.body)
        try:
            answer: Answer = outbound.post(headers, item.body)
        except DeliveryError as error:
            return Outcome(event, error=error.kind)
        if 300 <= answer.status < 400:
            return Outcome(event, answer.status, "redirect: not followed", answer.retry_after)
        if not 200 <= answer.status < 300:
            return Outcome(event, answer.status, f"HTTP {answer.status}", answer.retry_after)
        return Outcome(event, answer.status)

    def _record(
        self, transaction: SqlTransaction, subscriber: Subscriber, outcomes: list[Outcome]
    ) -> None:
        now = self._clock()
        for outcome in outcomes:
            event = outcome.event
            finish = partial(transaction.finish_webhook, event.event_id,
                             leased_until_ms=outcome.lease_until_ms)
            if outcome.postponed_ms is not None:
                finish(state=PENDING, attempts=event.attempts,
                       next_attempt_ms=outcome.postponed_ms, last_status=event.last_status,
                       last_error=event.last_error, done_at=None)
                continue
            attempts = event.attempts + 1
            if outcome.delivered:
                if not finish(state=DELIVERED, attempts=attempts,
                              next_attempt_ms=event.next_attempt_ms, last_status=outcome.status,
                              last_error=None, done_at=int(now)):
                    logger.info("webhook %s to %s: its lease ran out while it was sent; "
                                "the worker that took it over records it", event.event_id,
                                subscriber.name)
                    continue
                if (event.type == GRANT_REVOKED and subscriber.confirms_deletion
                        and not (outcome.status == 202 and subscriber.confirms_later)):
                    deletions.confirm(transaction, event.event_id, deletions.DELETED, int(now),
                                      None, self._receiver.sign_final_receipt)
                continue
            delay = self._schedule.delay(attempts)
            if delay is None:
                if finish(state=FAILED, attempts=attempts,
                          next_attempt_ms=event.next_attempt_ms, last_status=outcome.status,
                          last_error=outcome.error, done_at=int(now)):
                    logger.warning("webhook %s to %s failed for good: %s", event.event_id,
                                   subscriber.name, outcome.error)
                continue
            wait = max(delay, retry_after_seconds(outcome.retry_after, int(now)) or 0)
            finish(state=PENDING, attempts=attempts, next_attempt_ms=int((now + wait) * 1000),
                   last_status=outcome.status, last_error=outcome.error, done_at=None)

    # -- expiries and deadlines

    def _sweeper(self, bell: threading.Event) -> None:
        while not self._stopping.is_set():
            try:
                self.sweep()
            except Exception:
                logger.exception("could not announce expiries or settle overdue deletions")
            bell.wait(self._sweep_every)
            bell.clear()

    def sweep(self) -> int:
        """Announce grants that expired, fail deletions past their deadline; how many."""
        now = int(self._clock())

        def work(transaction: SqlTransaction) -> int:
            found = 0
            # With no subscriber an expiry stays unannounced, for those configured later.
            expiries = transaction.unannounced_expiries(now, 100) if self._subscribers else []
            for grant_id, expires_at in expiries:
                transaction.mark_expiry_announced(grant_id, now)
                if expires_at >= now - EXPIRY_WINDOW:
                    self._receiver.fanout.announce(transaction, GRANT_EXPIRED, grant_id, None,
                                                   now)
                    found += 1
            return found + deletions.expire_overdue(
                transaction, now, self._receiver.sign_final_receipt)

        found = self._storage.in_queue(work)
        if found:
            self.wake()
        return found


def stop_seconds(subscribers: Subscribers) -> float:
    """How long a dispatcher of `subscribers` may take to stop: its slowest delivery."""
    return max((_send_ms(s) / 1000 for s in subscribers), default=0.0) + 2.0


def _send_ms(subscriber: Subscriber) -> int:
    """The longest one delivery to `subscriber` takes, in ms: twice its time limit
    (connecting, then the exchange: `Outbound.post`) and a second for what comes around."""
    return int((2 * subscriber.timeout + 1) * 1000)


def retry_after_seconds(value: str, now: int) -> int | None:
    """Retry-After as seconds from now (delta-seconds or an HTTP date), at most a day."""
    value = value.strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():  # "²" is a digit to isdigit, not to int
        return min(int(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0, min(int(when.timestamp()) - now, MAX_RETRY_AFTER))
