"""`zpv desktop install|uninstall` in a throwaway XDG home, checked with the system's own
xdg-mime and desktop-file-validate (.ci/run installs xdg-utils and desktop-file-utils)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.cli import run_cli

# Where apt-get is there, .ci/run installs them: the tests then run (and fail without them).
pytestmark = pytest.mark.skipif(
    shutil.which("apt-get") is None
    and (shutil.which("xdg-mime") is None or shutil.which("desktop-file-validate") is None),
    reason="xdg-utils and desktop-file-utils are not installed and apt-get is not available")

SESSION_VARIABLES = ("XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION",
                     "GNOME_DESKTOP_SESSION_ID", "XDG_SESSION_DESKTOP")


@pytest.fixture
def xdg(tmp_path: Path) -> dict[str, str]:
    """Environment variables of a person with an empty home and no system-wide entries."""
    env = {"HOME": str(tmp_path)}
    for name, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                      ("XDG_DATA_DIRS", "system-data"), ("XDG_CONFIG_DIRS", "system-config")):
        (tmp_path / sub).mkdir()
        env[name] = str(tmp_path / sub)
    return env


def environment(xdg: dict[str, str]) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if k not in SESSION_VARIABLES}, **xdg}


def default_handler(xdg: dict[str, str]) -> str:
    return subprocess.run(["xdg-mime", "query", "default", "x-scheme-handler/zpd"],
                          capture_output=True, text=True, check=True, timeout=30,
                          env=environment(xdg)).stdout.strip()


def zpv_desktop(action: str, xdg: dict[str, str]) -> subprocess.CompletedProcess[str]:
    cleared = {name: "" for name in SESSION_VARIABLES}
    return run_cli("desktop", action, passphrase=None, env={**cleared, **xdg})


def test_install_registers_a_valid_entry_and_uninstall_removes_it(
        xdg: dict[str, str]) -> None:
    assert default_handler(xdg) == ""

    done = zpv_desktop("install", xdg)

    assert done.returncode == 0, done.stderr
    entry = Path(xdg["XDG_DATA_HOME"]) / "applications" / "zero-party-vault.desktop"
    check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                           text=True, timeout=30)
    assert check.returncode == 0, check.stdout
    assert not [line for line in check.stdout.splitlines()
                if "error:" in line or "warning:" in line]  # hints only, as on the package's
    assert default_handler(xdg) == "zero-party-vault.desktop"
    text = entry.read_text()
    assert "MimeType=x-scheme-handler/zpd;\n" in text
    [exec_line] = [line for line in text.splitlines() if line.startswith("Exec=")]
    launcher, field_code = exec_line.removeprefix("Exec=").rsplit(" ", 1)
    assert field_code == "%u" and os.access(launcher, os.X_OK)
    assert Path(launcher).name == "zero-party-vault"  # the launcher that takes bare links

    done = zpv_desktop("uninstall", xdg)

    assert done.returncode == 0, done.stderr
    assert not entry.exists()
    assert default_handler(xdg) == ""
    mimeapps = Path(xdg["XDG_CONFIG_HOME"]) / "mimeapps.list"
    assert "x-scheme-handler/zpd" not in mimeapps.read_text()


def test_an_entry_zpv_did_not_write_is_left_alone(xdg: dict[str, str]) -> None:
    entry = Path(xdg["XDG_DATA_HOME"]) / "applications" / "zero-party-vault.desktop"
    entry.parent.mkdir(parents=True)
    mine = "[Desktop Entry]\nType=Application\nName=Mine\nExec=mine %u\n"
    entry.write_text(mine)
    for action in ("install", "uninstall"):
        done = zpv_desktop(action, xdg)
        assert done.returncode == 1 and "not written by zpv" in done.stderr
        assert "Traceback" not in done.stderr
    assert entry.read_text() == mine
    assert default_handler(xdg) == ""


def test_uninstall_keeps_the_persons_other_defaults(xdg: dict[str, str]) -> None:
    assert zpv_desktop("install", xdg).returncode == 0
    mimeapps = Path(xdg["XDG_CONFIG_HOME"]) / "mimeapps.list"
    with mimeapps.open("a") as handle:
        handle.write("text/html=browser.desktop\n")

    assert zpv_desktop("uninstall", xdg).returncode == 0

    text = mimeapps.read_text()
    assert "x-scheme-handler/zpd" not in text and "text/html=browser.desktop\n" in text
    again = zpv_desktop("uninstall", xdg)
    assert again.returncode == 0 and "No menu entry" in again.stdout
