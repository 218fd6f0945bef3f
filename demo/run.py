"""Start and stop the demo: a throwaway vault and the sample brands' receivers.

Each brand is a real `zpv-brand serve --page --sample-shop` process (the expired one
has no shop) on 127.0.0.1 with its own
keys, signed request, database and page token, all inside one temporary
directory that `stop()` removes, after the processes are gone. The token is
handed over in the environment, so it is in no file and no log.
"""

from __future__ import annotations

import os
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from brandkit.issuing import sign_spec
from brandkit.keys import create_keys
from brandkit.servecmd import PAGE_TOKEN_ENV
from vault.leaks.alias_sources import SourceKind
from vault.leaks.settings import source_settings
from vault.vault import Vault

from .brands import CATCH_ALL_DOMAIN, DAY, LEAKY, SAMPLE_BRANDS, SAMPLE_PROFILE, SampleBrand
from .partner import Partner

DEMO_PASSPHRASE = "demo vault for a live show"
START_SECONDS = 20.0


@dataclass
class RunningBrand:
    sample: SampleBrand
    origin: str
    process: subprocess.Popen[bytes]
    page_token: str

    @property
    def address(self) -> str:
        """What the vault imports the brand's request from."""
        return self.origin + "/"

    @property
    def page(self) -> str:
        """The page of what the brand holds, with its token (values masked)."""
        return f"{self.origin}/?token={self.page_token}"

    @property
    def shop(self) -> str | None:
        """Its sample shop page with the Share from my vault button; none for the brand
        whose request has expired (its point is the refusal of an expired request)."""
        return None if self.sample.expired else f"{self.origin}/shop"


@dataclass
class Demo:
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="zpv-demo-")))
    brands: list[RunningBrand] = field(default_factory=list)
    vault: Vault | None = None
    partner: Partner | None = None
    _previous_state_dir: tuple[str | None] | None = None

    @property
    def vault_dir(self) -> Path:
        return self.root / "vault"

    @property
    def maildir(self) -> Path:
        """The person's mailbox in the demo: a local Maildir the app watches for leaks."""
        return self.root / "Maildir"

    def start(self) -> Vault:
        """Start every brand, then create the sample vault (unlocked)."""
        # The throwaway vault's rollback record lives and dies with it.
        self._previous_state_dir = (os.environ.get("ZPV_STATE_DIR"),)
        os.environ["ZPV_STATE_DIR"] = str(self.root / "state")
        try:
            for sample in SAMPLE_BRANDS:
                self.brands.append(self._start_brand(sample))
            vault, _ = Vault.create(self.vault_dir, DEMO_PASSPHRASE)
            for key, value in SAMPLE_PROFILE.items():
                vault.fields.set(key, value)
            # Leak canaries on: each brand gets its own alias at the person's domain.
            vault.aliases.set_enabled(True)
            vault.leaks.set_source(source_settings(SourceKind.DOMAIN, domain=CATCH_ALL_DOMAIN))
            self.partner = Partner(self.root / LEAKY.slug / "receiver.sqlite3", self.maildir)
            self.partner.start()
        except BaseException:
            self.stop()
            raise
        self.vault = vault
        return vault

    def _start_brand(self, sample: SampleBrand) -> RunningBrand:
        home = self.root / sample.slug
        keys = create_keys(home / "keys")
        port = _free_port()
        origin = f"http://127.0.0.1:{port}"
        now = int(time.time())
        if sample.expired:
            request = sign_spec(sample.spec(origin), keys, now=now - 400 * DAY, days=365)
        else:
            request = sign_spec(sample.spec(origin), keys, now=now - 60, days=365)
        request_file = home / "request.jws"
        request_file.write_text(request)
        page_token = secrets.token_urlsafe(32)
        log = open(home / "receiver.log", "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            [sys.executable, "-m", "brandkit", "serve", "--keys", str(home / "keys"),
             "--request", str(request_file), "--db", str(home / "receiver.sqlite3"),
             "--port", str(port), "--page", *(() if sample.expired else ("--sample-shop",))],
            stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
            env={**os.environ, PAGE_TOKEN_ENV: page_token}, start_new_session=True,
        )
        log.close()
        _await_line(process, START_SECONDS)
        return RunningBrand(sample, origin, process, page_token)

    def stop(self) -> None:
        """Stop every brand process, lock the vault, remove every demo file."""
        if self.vault is not None and not self.vault.is_locked:
            self.vault.lock()
        if self.partner is not None:
            self.partner.stop()
            self.partner = None
        for brand in self.brands:
            _stop(brand.process)
        self.brands.clear()
        shutil.rmtree(self.root, ignore_errors=True)
        if self._previous_state_dir is not None:  # started: put back what was there
            (previous,) = self._previous_state_dir
            if previous is None:
                os.environ.pop("ZPV_STATE_DIR", None)
            else:
                os.environ["ZPV_STATE_DIR"] = previous
            self._previous_state_dir = None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _await_line(process: subprocess.Popen[bytes], seconds: float) -> str:
    """The receiver's "Serving ... at ..." line, once it listens."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], seconds)
    line = process.stdout.readline().decode() if ready else ""
    if not line.startswith("Serving "):
        _stop(process)
        raise RuntimeError("a demo brand did not start")
    return line


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=5)
    if process.stdout is not None:
        process.stdout.close()
