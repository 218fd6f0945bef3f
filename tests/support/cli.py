"""The vault's CLI in a subprocess, as a person's shell would run it, and any of our
commands writing into a pipe whose reader has gone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.vaults import PASSPHRASE, PROJECT_ROOT

CLOSED_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `yes | head -1`
PRIVATE_FOLDERS = ("ZPV_STATE_DIR", "ZPV_LOG_DIR")


def clean_environment() -> dict[str, str]:
    """This process's environment without the person's vault settings (ZPV_*), but with
    the test run's private state and log folders."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith("ZPV_") or k in PRIVATE_FOLDERS}


def run_cli(
    *args: str, vault_dir: Path | None = None, passphrase: str | None = PASSPHRASE,
    env: dict[str, str] | None = None, timeout: float = 60, stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m vault ARGS` as a person's shell would, with no terminal attached
    (fed `stdin` when given)."""
    environment = clean_environment()
    if vault_dir is not None:
        environment["ZPV_VAULT"] = str(vault_dir)
    if passphrase is not None:
        environment["ZPV_PASSPHRASE"] = passphrase
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "vault", *args], capture_output=True, text=True,
        env=environment, timeout=timeout, cwd=PROJECT_ROOT,
        input=stdin, stdin=subprocess.DEVNULL if stdin is None else None,
    )


def into_closed_pipe(module: str, *args: str, env: dict[str, str] | None = None
                     ) -> tuple[int, str]:
    """Run `python -m MODULE ARGS` with standard output a pipe whose reader has gone."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        process = subprocess.run(
            [sys.executable, "-m", module, *args], stdout=writer, stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL, text=True, cwd=PROJECT_ROOT, timeout=60,
            env={**clean_environment(), **(env or {})},
        )
    finally:
        os.close(writer)
    return process.returncode, process.stderr
