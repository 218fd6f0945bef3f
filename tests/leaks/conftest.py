"""A real Dovecot for the mailbox tests (tests/leaks/dovecot.py); skipped, with the reason,
only where Debian's dovecot-imapd is not installed (.ci/run installs it)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from . import dovecot


@pytest.fixture
def imap_server() -> Iterator[dovecot.Dovecot]:
    if not dovecot.available():
        if os.environ.get("ZPV_REQUIRE_DOVECOT"):
            pytest.fail(dovecot.MISSING)
        pytest.skip(dovecot.MISSING)
    server = dovecot.start()
    try:
        yield server
    finally:
        server.stop()
