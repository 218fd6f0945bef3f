"""Group commit: the share tokens of concurrent requests stored in one transaction.

    tokens = GroupCommit(storage, own_errors=(ProtocolError, QuotaExceeded))
    receipt = tokens.run(lambda transaction: store(transaction, token))   # from any thread
    receipt = await tokens.run_async(store_it, keys, messages=[(TOKEN, jti)])

One durable commit per token bounds a worker by the disk's flush rate. Here the first
caller that finds nobody committing leads: it takes every work item queued so far (up
to MAX_BATCH), runs each in one write transaction, and commits once. Each caller
returns only after that commit, so a 202 still means its own token is durable. An item
that raises one of `own_errors` (a refusal, a quota) before it wrote anything leaves
nothing, as it would alone, and the others are kept. An item that fails otherwise (it
wrote or a statement failed before its refusal, or it raised anything else) rolls the
batch back: it runs alone, and the others again together. (No savepoint per item: that
was two statements a token, round trips to PostgreSQL, where a refusal comes before any
write and a message the database cannot store is refused when it is opened.) If the batch
itself fails (the database could not serialise it, a connection was lost), every item is
run again alone with `Storage.atomically` and its retries, and the next batches are half
as large (then double again with each batch that commits): workers whose batches keep
failing against each other fall back towards one token a transaction. Items that say
what they work on (`storage.Keys`) make a batch that locks all their keys first, so that
on PostgreSQL it need not be serialisable, and then reads at once what they will read
(`Transaction.prefetch`, with the `messages` they answer). While the leader commits,
new callers queue; the first of them leads the next batch.

`run_async` is the same for a coroutine on an event loop, without a thread of its own
waiting: its work joins the queue, and if nobody is committing, the group commit's own
leader thread (one, started once) leads. That leader goes on with the next batch while
the callers queued after it are coroutines, and hands over to a thread that called `run`
when one comes first; a thread that called `run` commits only its own batch, then wakes
the leader thread for the coroutines queued after it (never held leading other callers'
work). The
leader is never a thread of a loop's executor: a loop shutting its executor down (as
`asyncio.run` does on its way out) or never running again would leave the queue with
nobody to lead it, and every caller, from any loop or thread, waiting. The coroutines
of a batch are answered with one call into their loop: one thread hop a batch rather
than two a token (the cost that bound a worker's tokens per second).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .storage import Keys, MessageKey, Storage, Transaction

T = TypeVar("T")
MAX_BATCH = 64
logger = logging.getLogger(__name__)


@dataclass
class _Item(Generic[T]):
    work: Callable[[Transaction], T]
    keys: Keys | None = None  # what it works on (storage.Keys), if it says
    messages: Collection[MessageKey] = ()  # the messages it answers, read ahead with its keys
    wake: threading.Event = field(default_factory=threading.Event)
    leads: bool = False
    done: bool = False
    result: Any = None
    error: BaseException | None = None
    future: asyncio.Future[T] | None = None  # a coroutine's (run_async), else a thread waits


class GroupCommit:
    def __init__(
        self, storage: Storage, *, own_errors: tuple[type[BaseException], ...],
        max_batch: int = MAX_BATCH,
    ) -> None:
        self._storage = storage
        self._own_errors = own_errors
        self._max_batch = max_batch
        self._limit = max_batch  # the size of the next batch, at most
        self._lock = threading.Lock()
        self._queue: list[_Item[Any]] = []
        self._busy = False
        self._leader: threading.Thread | None = None  # leads for coroutines (run_async)
        self._leader_wanted = threading.Event()
        self.batches = 0  # transactions committed for more than one item (for the tests)

    def run(
        self, work: Callable[[Transaction], T], keys: Keys | None = None, *,
        messages: Collection[MessageKey] = (),
    ) -> T:
        item: _Item[T] = _Item(work, keys, messages)
        with self._lock:
            self._queue.append(item)
            if not self._busy:
                self._busy = item.leads = True
        if not item.leads:
            item.wake.wait()  # done, or made the next leader
        if not item.done:
            self._lead(for_caller=True)
        if item.error is not None:
            raise item.error
        return item.result  # type: ignore[no-any-return]

    async def run_async(
        self, work: Callable[[Transaction], T], keys: Keys | None = None, *,
        messages: Collection[MessageKey] = (),
    ) -> T:
        loop = asyncio.get_running_loop()
        item: _Item[T] = _Item(work, keys, messages, future=loop.create_future())
        with self._lock:
            self._queue.append(item)
            leads = not self._busy
            self._busy = True
        if leads and not self._wake_leader():
            self._lead()  # no thread can start (the interpreter is exiting): lead here
        assert item.future is not None
        return await item.future

    def _lead(self, *, for_caller: bool = False) -> None:
        """Commit batches until the queue is empty or another leader takes over. A thread
        that called `run` (`for_caller`) commits one batch, its own, and returns: a leader
        thread it starts leads the coroutines queued after it."""
        while True:
            with self._lock:
                batch = self._queue[:self._limit]
                del self._queue[:self._limit]
            handed_over = True
            try:
                self._commit(batch)
            except BaseException as error:  # each caller raises it, none is told "stored"
                logger.error("a batch of the group commit stopped: %s", type(error).__name__)
                for item in batch:
                    item.result, item.error = None, error
            finally:
                with self._lock:
                    for item in batch:
                        item.done = True
                        item.wake.set()
                    if not self._queue:
                        self._busy = False
                    elif self._queue[0].future is None:  # a thread waits: it leads next
                        self._queue[0].leads = True
                        self._queue[0].wake.set()
                    elif not for_caller or not self._wake_leader():
                        handed_over = False  # this thread leads the coroutines' batch
                _answer_coroutines(batch)
            if handed_over:
                return

    def _wake_leader(self) -> bool:
        """Have the group commit's own leader thread lead now (started the first time, and
        again if it ever died); False if no thread can start (the interpreter is exiting).
        A daemon: at exit, a batch it is committing has answered nobody yet, and a sender
        sends again what was not answered."""
        if self._leader is None or not self._leader.is_alive():
            leader = threading.Thread(target=self._lead_when_wanted, name="group-commit",
                                      daemon=True)
            try:
                leader.start()
            except RuntimeError:
                return False
            self._leader = leader
        self._leader_wanted.set()
        return True

    def _lead_when_wanted(self) -> None:
        while True:
            self._leader_wanted.wait()
            self._leader_wanted.clear()  # before leading: a wish made meanwhile is kept
            self._lead()

    def _commit(self, batch: list[_Item[Any]]) -> None:
        together, alone = batch, []
        while len(together) > 1:
            try:
                self._together(together)
                self._limit = min(self._max_batch, self._limit * 2)
                together = []
            except _ItemFailed as failed:  # that item alone; the others together again
                alone.append(failed.item)
                together = [item for item in together if item is not failed.item]
            except Exception:  # the batch could not commit: each on its own
                self._limit = max(1, len(together) // 2)
                alone, together = batch, []
        for item in alone + together:
            item.result, item.error = None, None
            try:
                item.result = self._storage.atomically(_reading_ahead(item), keys=item.keys)
            except Exception as error:
                item.error = error
            else:
                if len(batch) == 1:  # one at a time commits again: batches may grow again
                    self._limit = min(self._max_batch, self._limit * 2)

    def _together(self, batch: list[_Item[Any]]) -> None:
        keys: Keys | None = Keys()
        for item in batch:  # the batch's keys, if every item said what it works on
            keys = None if keys is None or item.keys is None else keys | item.keys
        with self._storage.transaction(keys=keys) as transaction:
            if keys is not None:
                transaction.prefetch(keys, {m for item in batch for m in item.messages})
            for item in batch:
                writes = transaction.writes
                item.result, item.error = None, None  # of an earlier try of this batch
                try:
                    item.result = item.work(transaction)
                except self._own_errors as error:
                    if transaction.writes != writes:  # nothing undoes half an item
                        raise _ItemFailed(item) from error
                    item.error = error
                except Exception as error:
                    raise _ItemFailed(item) from error
        self.batches += 1


def _reading_ahead(item: _Item[T]) -> Callable[[Transaction], T]:
    """The item's work, after reading what it will read, if it said (one statement fewer)."""
    keys = item.keys
    if keys is None:
        return item.work

    def work(transaction: Transaction) -> T:
        transaction.prefetch(keys, item.messages)
        return item.work(transaction)

    return work


class _ItemFailed(Exception):
    """An item of a batch failed in a way that may have left something behind (it was
    refused after it wrote or after a statement failed, or it raised anything else): the
    batch is rolled back, that item runs alone, and the others together again."""

    def __init__(self, item: _Item[Any]) -> None:
        super().__init__()
        self.item = item


def _answer_coroutines(batch: list[_Item[Any]]) -> None:
    """Each coroutine's result or error, set in its loop: one call per loop."""
    by_loop: dict[asyncio.AbstractEventLoop, list[_Item[Any]]] = {}
    for item in batch:
        if item.future is not None:
            by_loop.setdefault(item.future.get_loop(), []).append(item)
    for loop, items in by_loop.items():
        try:
            loop.call_soon_threadsafe(_settle, items)
        except RuntimeError:  # the loop closed: nobody is waiting any more
            pass


def _settle(items: list[_Item[Any]]) -> None:
    for item in items:
        future = item.future
        if future is None or future.done():  # cancelled: its client went away
            continue
        if item.error is not None:
            future.set_exception(item.error)
        else:
            future.set_result(item.result)
