"""A reader that stops early (`zpv audit | head -3`) closes the pipe: `zpv` then ends
quietly, as Unix tools do, with the status a shell shows for them (128 + SIGPIPE)."""

from __future__ import annotations

import os
import signal
import sys

CLOSED_PIPE = 128 + signal.SIGPIPE


def flush_output() -> None:
    """Flush standard output now, so that a pipe closed after the last write is noticed
    here (BrokenPipeError) rather than by Python at exit, with a message."""
    sys.stdout.flush()


def closed_pipe() -> int:
    """After a BrokenPipeError on standard output: point it at the null device (what is
    still buffered would fail again when Python flushes at exit) and say nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)
    return CLOSED_PIPE
