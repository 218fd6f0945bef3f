"""The parent of `zpv-brand serve --workers` (`brandkit.workers`), with workers that fail
on purpose: one that cannot start stops them all with a message, one that keeps dying
is not started for ever, a worker never runs on into the parent's code, even when its
last flush fails, and a stop signal stops them all (and only them)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from brandkit import workers
from brandkit.serving import Address, bind


def run(count: int, serve: Callable[[socket.socket, Callable[[], None]], None],
        escaped: Path) -> tuple[int, list[Address]]:
    """workers.run with `serve`; a worker that returns here leaves a mark and ends."""
    parent, listening = os.getpid(), []
    code = workers.run(count, bind("127.0.0.1", 0), serve, listening.append)
    if os.getpid() != parent:  # a worker came back: the bug under test
        escaped.write_text("a worker ran on into its parent's code")
        os._exit(0)
    return code, listening


def test_a_worker_that_cannot_start_stops_the_others_with_a_message(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    def serve(sock: socket.socket, ready: Callable[[], None]) -> None:
        raise RuntimeError("the database is not there")

    code, listening = run(2, serve, tmp_path / "escaped")
    err = capfd.readouterr().err
    assert (code, listening) == (workers.EXIT_FAILED, [])
    assert "while starting; stopping the others" in err
    assert "RuntimeError: the database is not there" in err
    assert not (tmp_path / "escaped").exists()


def test_a_worker_whose_last_flush_fails_still_ends_there(tmp_path: Path) -> None:
    def serve(sock: socket.socket, ready: Callable[[], None]) -> None:
        ready()
        sys.stdout = open(os.dup(1), "w")  # noqa: SIM115 (closed under it, below)
        sys.stdout.write("left in the buffer")
        os.close(sys.stdout.fileno())  # so flushing it fails

    code, _ = run(1, serve, tmp_path / "escaped")
    time.sleep(0.5)  # a worker that escaped would have written its mark by now
    assert not (tmp_path / "escaped").exists()
    assert code == workers.EXIT_FAILED, "it kept ending; the parent gave up"


def test_a_worker_that_keeps_dying_is_not_started_for_ever(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    def serve(sock: socket.socket, ready: Callable[[], None]) -> None:
        ready()
        time.sleep(0.2)
        os._exit(3)

    started = time.monotonic()
    code, listening = run(1, serve, tmp_path / "escaped")
    err = capfd.readouterr().err
    assert code == workers.EXIT_FAILED and len(listening) == 1
    assert err.count("worker 1 ended with exit status 3; starting it again") == (
        workers.RESTARTS_PER_MINUTE)
    assert f"{workers.RESTARTS_PER_MINUTE + 1} times in a minute; stopping all" in err
    assert time.monotonic() - started < 30


def test_a_stop_signal_stops_the_workers_and_another_child_is_never_taken_for_one(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    def serve(sock: socket.socket, ready: Callable[[], None]) -> None:
        ready()
        time.sleep(30)  # until the stop signal ends it

    other = subprocess.Popen(["sleep", "0.3"])  # a child of the same parent, not a worker
    stop = threading.Timer(1.5, os.kill, (os.getpid(), signal.SIGTERM))
    stop.start()
    try:
        code, listening = run(2, serve, tmp_path / "escaped")
    finally:
        stop.cancel()
    err = capfd.readouterr().err
    assert (code, len(listening)) == (0, 1), err
    assert "starting it again" not in err and "worker 0" not in err
    assert other.wait(5) == 0
