"""What a screen reader gets: the app's accessibility tree read through AT-SPI, the bus
Orca reads, from another process, with Debian's own AT-SPI library (python3-pyatspi), and
what the app announces as it happens (the vault locked), as Orca hears it.

The app runs as a real X11 client on Xvfb, with a private D-Bus session on which the
AT-SPI bus is started the way a desktop starts it (at-spi2-core's activation files).
Where those are not installed the tests skip saying what is missing; .ci/run installs them.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.vaults import PROJECT_ROOT

pytestmark = pytest.mark.slow

SYSTEM_PYTHON = Path("/usr/bin/python3")
READER = Path(__file__).with_name("atspi_reader.py")
BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
NAMED_ANYWAY = {"table cell", "table row header"}  # an empty cell reads as "blank"
ASSERTIVE = 2  # AT-SPI's ATSPI_LIVE_ASSERTIVE: said at once, interrupting


def need(condition: bool, what: str) -> None:
    """Skip without it (CI requires it: .ci/check_skips.py accepts the skip only where
    apt-get is not available to install it)."""
    if condition:
        return
    if shutil.which("apt-get") is None:
        pytest.skip(f"{what} is not installed and apt-get is not available")
    pytest.skip(f"{what} is not installed: run .ci/run as root, or apt-get install -y xvfb "
                "dbus-daemon at-spi2-core python3-pyatspi")


@dataclass
class Desktop:
    """An X display and a D-Bus session, as a person's desktop has them."""

    env: dict[str, str]
    processes: list[subprocess.Popen[bytes]]


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    need(shutil.which("Xvfb") is not None, "Xvfb (Debian's xvfb)")
    need(shutil.which("dbus-daemon") is not None, "dbus-daemon (Debian's dbus-daemon)")
    need(BUS_LAUNCHER.exists(), "the AT-SPI bus (Debian's at-spi2-core)")
    need(SYSTEM_PYTHON.exists() and subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import pyatspi"], capture_output=True).returncode == 0,
        "pyatspi (Debian's python3-pyatspi)")
    home = tmp_path_factory.mktemp("home")
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700)
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "LANG": "C.UTF-8"}
    read_display, write_display = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_display), "-screen", "0",
                             "1280x1024x24", "-nolisten", "tcp"], pass_fds=(write_display,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    os.close(write_display)
    with os.fdopen(read_display) as display:
        number = display.readline().strip()
    assert number, "Xvfb did not say which display it opened"
    env["DISPLAY"] = f":{number}"
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                           start_new_session=True)  # the AT-SPI bus it starts is in its group
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().decode().strip()
    env.update(QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
    started = Desktop(env=env, processes=[bus, xvfb])
    yield started
    for process in started.processes:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def read_scene(desktop: Desktop, scene: str, folder: Path) -> list[dict[str, Any]]:
    """Start the app on `scene`, and read its whole tree through AT-SPI once it is shown."""
    app = subprocess.Popen([sys.executable, "-m", "tests.ui.atspi_scene", scene, str(folder)],
                           cwd=PROJECT_ROOT, env=desktop.env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    try:
        assert app.stdout is not None
        line = app.stdout.readline()
        assert line.strip() == "ready", app.stderr.read() if app.stderr else line
        reader = subprocess.run([str(SYSTEM_PYTHON), str(READER), str(app.pid)],
                                env=desktop.env, capture_output=True, text=True, timeout=120)
        assert reader.returncode == 0, reader.stderr
        return [json.loads(line) for line in reader.stdout.splitlines()]
    finally:
        app.terminate()
        app.wait(timeout=30)


def showing(nodes: list[dict[str, Any]], role: str) -> list[dict[str, Any]]:
    return [node for node in nodes if node["role"] == role and node["showing"]]


def unnamed_controls(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [node for node in nodes
            if node["focusable"] and node["showing"] and node["role"] not in NAMED_ANYWAY
            and not node["name"].strip()]


def test_the_unlock_form_reads_as_a_named_password_field_and_button(
        desktop: Desktop, tmp_path: Path) -> None:
    nodes = read_scene(desktop, "unlock", tmp_path)

    assert [node["name"] for node in showing(nodes, "frame")] == ["Zero-Party Vault"]
    passwords = showing(nodes, "password text")
    assert len(passwords) == 1 and passwords[0]["name"] and passwords[0]["focusable"]
    buttons = {node["name"] for node in showing(nodes, "push button")}
    assert "Unlock" in buttons
    assert unnamed_controls(nodes) == []


def test_the_shared_table_and_the_share_review_read_with_names_and_roles(
        desktop: Desktop, tmp_path: Path) -> None:
    nodes = read_scene(desktop, "shared", tmp_path)

    tables = [node for node in showing(nodes, "table")
              if node["name"] == "What you shared, with whom"]
    assert len(tables) == 1
    inside = [node for node in nodes if node["parent"] == tables[0]["id"] and node["showing"]]
    headers = [node["name"] for node in inside if node["role"] == "table column header"]
    assert headers[:2] == ["Brand", "Purpose"] and "Status" in headers
    cells = {node["name"] for node in inside if node["role"] == "table cell"}
    assert {"Trailworks", "Bistro Nova", "Revoked"} <= cells
    # a brand's name is read as text, its bidi override shown, never obeyed
    assert any("\u27e6U+202E\u27e7" in name for name in cells)

    dialogs = [node for node in showing(nodes, "dialog") if node["name"] == "Share review"]
    assert len(dialogs) == 1
    boxes = {node["name"]: node for node in showing(nodes, "check box")}
    assert "Share Shoe size (EU)" in boxes
    assert boxes["Share Shoe size (EU)"]["description"].startswith("Required.")
    assert boxes["Share Shoe size (EU)"]["checked"]
    assert {"Don't share", "Share the ticked fields"} <= {
        node["name"] for node in showing(nodes, "push button")}
    assert unnamed_controls(nodes) == []


def test_locking_is_announced_to_a_listening_screen_reader(
        desktop: Desktop, tmp_path: Path) -> None:
    app = subprocess.Popen([sys.executable, "-m", "tests.ui.atspi_scene", "lock", str(tmp_path)],
                           cwd=PROJECT_ROOT, env=desktop.env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    try:
        assert app.stdout is not None
        line = app.stdout.readline()
        assert line.strip() == "ready", app.stderr.read() if app.stderr else line
        reader = subprocess.Popen(
            [str(SYSTEM_PYTHON), str(READER), "--announcements", str(app.pid), "Vault locked"],
            env=desktop.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert reader.stdout is not None
        if reader.stdout.readline().strip() != "listening":
            pytest.fail(reader.communicate(timeout=60)[1])
        app.send_signal(signal.SIGUSR1)  # as the Lock button does
        out, err = reader.communicate(timeout=60)
        assert reader.returncode == 0, (out, err)
    finally:
        app.terminate()
        app.wait(timeout=30)

    heard = [json.loads(line) for line in out.splitlines()]
    assert heard[-1] == {"text": "Vault locked", "politeness": ASSERTIVE, "role": "frame",
                         "name": "Zero-Party Vault"}
