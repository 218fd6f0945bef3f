"""`zpv-brand serve --workers N`: N processes serving one listening socket.

    code = run(2, serving.bind(host, port), serve_worker, on_listening)

The caller checks everything it can first, so a mistake is one line at start rather than
one per worker, and binds the socket; `run` then forks the workers before any thread or
database connection exists. Each worker calls `serve_worker(sock, ready)`: it opens its
own connections and serves the socket under uvicorn (the kernel hands each connection to
one of them), and calls `ready()` once it listens. `on_listening` is called once every
worker is ready. A worker that dies is started again, at most RESTARTS_PER_MINUTE times a
minute; SIGINT or SIGTERM stops them all, each letting its open requests finish.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable
from types import FrameType
from typing import NoReturn

from .serving import GRACEFUL_SECONDS, STOP_SIGNALS, Address, address_of

START_SECONDS = 60.0  # for every worker to listen
STOP_LEEWAY = 10.0  # beyond a worker's own stopping time, before it is killed
RESTARTS_PER_MINUTE = 5  # of one worker
POLL_SECONDS = 0.1
EXIT_FAILED = 1

ServeWorker = Callable[[socket.socket, Callable[[], None]], None]


class Supervisor:
    def __init__(self, count: int, sock: socket.socket, serve_worker: ServeWorker,
                 stop_seconds: float) -> None:
        self._count = count
        self._sock = sock
        self._serve_worker = serve_worker
        self._stop_seconds = stop_seconds
        self._ready_in, self._ready_out = os.pipe()
        self._workers: dict[int, int] = {}  # pid -> worker number
        self._restarts: dict[int, list[float]] = {}  # worker number -> when, this minute
        self._stopping = False
        self._stop_by = 0.0
        self._failed = False
        self._killed = False

    def run(self, on_listening: Callable[[Address], None]) -> int:
        previous = {sig: signal.signal(sig, self._on_stop_signal) for sig in STOP_SIGNALS}
        try:
            for number in range(1, self._count + 1):
                self._start(number)
            if self._wait_until_ready():
                on_listening(address_of(self._sock))
            elif not self._stopping:  # not stopped by a signal: a failure
                self._failed = True
                self._stop()
            self._supervise()
            return EXIT_FAILED if self._failed else 0
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            os.close(self._ready_in)
            os.close(self._ready_out)
            self._sock.close()

    def _start(self, number: int) -> None:
        # Stop signals wait until the worker is in the list, or the worker has its own
        # handlers: one arriving in between reaches it either way.
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            if self._stopping:
                return
            parent = os.getpid()
            pid = os.fork()
            if pid == 0:
                self._be_worker(parent)
            self._workers[pid] = number
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)

    def _be_worker(self, parent: int) -> NoReturn:
        code = EXIT_FAILED
        try:
            try:  # never returns into the parent's code
                for sig in STOP_SIGNALS:
                    signal.signal(sig, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
                _stop_with_parent(parent)
                os.close(self._ready_in)

                def ready() -> None:
                    os.write(self._ready_out, b".")

                self._serve_worker(self._sock, ready)
                code = 0
            except BaseException:
                traceback.print_exc()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)

    def _wait_until_ready(self) -> bool:
        """Whether every worker listens; False if one ended first, time ran out, or a
        stop signal came."""
        ready, deadline = 0, time.monotonic() + START_SECONDS
        while ready < self._count:
            if self._stopping:
                return False
            if time.monotonic() > deadline:
                _say(f"the workers did not all listen within {START_SECONDS:g} s; "
                     "stopping them")
                return False
            ready += self._read_ready()
            ended = self._one_ended()
            if ended:
                number, status = ended
                _say(f"worker {number} {_ended(status)} while starting; stopping the others")
                return False
        return True

    def _one_ended(self) -> tuple[int, int] | None:
        """(number, wait status) of a worker that ended, taken off the list; None if none
        did. Only the workers are waited for: any other child is someone else's."""
        for pid in list(self._workers):
            ended, status = os.waitpid(pid, os.WNOHANG)
            if ended:
                return self._workers.pop(pid), status
        return None

    def _read_ready(self) -> int:
        """How many workers said they listen since last asked (waiting up to a poll)."""
        readable, _, _ = select.select([self._ready_in], [], [], POLL_SECONDS)
        return len(os.read(self._ready_in, 4096)) if readable else 0

    def _supervise(self) -> None:
        while self._workers:
            ended = self._one_ended()
            if ended is None:
                if self._stopping and not self._killed and time.monotonic() > self._stop_by:
                    for left in self._workers.values():
                        _say(f"worker {left} did not stop within {self._stop_seconds:g} s; "
                             "killing it")
                    self._kill_all()
                    self._killed = self._failed = True
                self._read_ready()  # drained, and the poll's wait
                continue
            number, status = ended
            if self._stopping:
                if not _stopped_well(status):
                    _say(f"worker {number} {_ended(status)} while stopping")
                    self._failed = True
                continue
            now = time.monotonic()
            times = [at for at in self._restarts.get(number, []) if at > now - 60] + [now]
            self._restarts[number] = times
            if len(times) > RESTARTS_PER_MINUTE:
                _say(f"worker {number} {_ended(status)}, {len(times)} times in a minute; "
                     "stopping all")
                self._failed = True
                self._stop()
                continue
            _say(f"worker {number} {_ended(status)}; starting it again")
            self._start(number)

    def _on_stop_signal(self, signum: int, frame: FrameType | None) -> None:
        self._stop()

    def _stop(self) -> None:
        if not self._stopping:
            self._stopping = True
            self._stop_by = time.monotonic() + self._stop_seconds
        for pid in list(self._workers):
            _signal(pid, signal.SIGTERM)

    def _kill_all(self) -> None:
        for pid in list(self._workers):
            _signal(pid, signal.SIGKILL)


def run(
    count: int, sock: socket.socket, serve_worker: ServeWorker,
    on_listening: Callable[[Address], None], *, stop_seconds: float = 0.0,
) -> int:
    """Serve `sock` with `count` worker processes until SIGINT or SIGTERM; the exit code.
    `stop_seconds`: how long a worker may take to stop beyond uvicorn's graceful
    shutdown (its webhook dispatcher's), before it is killed."""
    return Supervisor(count, sock, serve_worker,
                      GRACEFUL_SECONDS + stop_seconds + STOP_LEEWAY).run(on_listening)


def _say(text: str) -> None:
    print(f"zpv-brand: {text}", file=sys.stderr, flush=True)


def _signal(pid: int, sig: signal.Signals) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def _stopped_well(status: int) -> bool:
    """A worker asked to stop ended well: exit 0, or the stop signal before it could
    handle one."""
    if os.WIFSIGNALED(status):
        return os.WTERMSIG(status) in STOP_SIGNALS
    return os.waitstatus_to_exitcode(status) == 0


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"was stopped by signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"ended with exit status {os.waitstatus_to_exitcode(status)}"


PR_SET_PDEATHSIG = 1


def _stop_with_parent(parent: int) -> None:
    """Linux: the worker gets SIGTERM if the parent dies (killed, say), rather than serving
    on unsupervised."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before that took effect
        os._exit(EXIT_FAILED)
