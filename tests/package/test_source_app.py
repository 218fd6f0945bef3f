"""The app from a checkout, as a process: it reaches the unlock screen of an existing vault
and shuts down cleanly on SIGTERM; where Qt's X11 plugin cannot load, it says which
packages to install, in one line, instead of Qt's generic abort."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.vaults import PROJECT_ROOT, MadeVault
from ui.qt_platform import xcb_plugin

from .launch import app_environment, launch
from .requirements import need_root, need_tool

pytestmark = pytest.mark.slow

MAIN = PROJECT_ROOT / "main.py"


def test_reaches_the_unlock_screen_and_exits_cleanly_on_sigterm(
        made_vault: MadeVault, tmp_path: Path) -> None:
    app = launch([sys.executable, MAIN, "--vault", made_vault.directory],
                 app_environment(tmp_path / "home"), cwd=tmp_path)
    try:
        assert app.wait_ready().screen == "UnlockPage"
        code, errors = app.terminate()
    finally:
        app.kill()
    assert code == 0, errors  # not -15: the handler quit the event loop and locked


HIDDEN = ("libxcb-cursor.so.0", "libxcb-icccm.so.4")  # two of the libraries Qt's xcb needs


def hide_libraries_and_run(names: tuple[str, ...], command: list[str], env: dict[str, str],
                           scratch: Path) -> subprocess.CompletedProcess[str]:
    """Run `command` in a mount namespace of its own where the system's library folder is an
    overlay in which `names` are deleted (whited out): as on a system that lacks them.
    Nothing outside the namespace sees a change."""
    libdir = Path(subprocess.run(["gcc", "-print-multiarch"], capture_output=True, text=True,
                                 check=True).stdout.strip())
    lib = Path("/usr/lib") / libdir
    upper, work = scratch / "upper", scratch / "work"
    upper.mkdir()
    work.mkdir()
    whiteouts = " && ".join(f"mknod {upper / name} c 0 0" for name in names)
    script = (f"{whiteouts} && mount -t overlay overlay -o lowerdir={lib},upperdir={upper},"
              f"workdir={work} {lib} && exec \"$@\"")
    return subprocess.run(["unshare", "--mount", "sh", "-c", script, "sh", *command],
                          capture_output=True, text=True, env=env, timeout=120)


def test_without_xcb_libraries_it_names_the_packages_to_install(
        made_vault: MadeVault, tmp_path: Path) -> None:
    need_root("hiding libraries in a mount namespace")
    need_tool("unshare", "util-linux")
    need_tool("gcc", "gcc")
    assert xcb_plugin({}) is not None, "PySide6 ships its xcb plugin"
    env = app_environment(tmp_path / "home", DISPLAY=":93")  # no X server: the check runs first
    del env["QT_QPA_PLATFORM"]
    result = hide_libraries_and_run(
        HIDDEN, [sys.executable, str(MAIN), "--vault", str(made_vault.directory)], env,
        tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "could not load the Qt platform plugin" not in result.stderr
    line = lines[0]
    for soname in HIDDEN:
        assert soname in line
    assert line.endswith("sudo apt-get install libxcb-cursor0 libxcb-icccm4")
    assert shutil.which("ldd")  # ... which found both, not only the loader's first


def test_in_the_namespace_the_libraries_are_gone_and_outside_they_stay(tmp_path: Path) -> None:
    """The check above means something: inside the namespace the loader misses the hidden
    libraries (ldd says so of Qt's plugin); outside, nothing changed."""
    need_root("hiding libraries in a mount namespace")
    need_tool("unshare", "util-linux")
    need_tool("gcc", "gcc")
    plugin = xcb_plugin({})
    assert plugin is not None
    inside = hide_libraries_and_run(HIDDEN, ["ldd", str(plugin)], {"PATH": "/usr/bin:/bin"},
                                    tmp_path)
    for soname in HIDDEN:
        assert f"{soname} => not found" in inside.stdout
    outside = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True)
    for soname in HIDDEN:
        assert f"{soname} => not found" not in outside.stdout


@pytest.mark.parametrize("platform", ["offscreen", "wayland"])
def test_other_platforms_are_not_held_back_by_missing_xcb_libraries(
        platform: str, made_vault: MadeVault, tmp_path: Path) -> None:
    """Only the xcb plugin needs those libraries: on another platform the app starts (here
    offscreen; Wayland is asked for, and without a compositor Qt's own error is left)."""
    need_root("hiding libraries in a mount namespace")
    need_tool("unshare", "util-linux")
    need_tool("gcc", "gcc")
    env = app_environment(tmp_path / "home", DISPLAY=":93", QT_QPA_PLATFORM=platform,
                          ZPV_REPORT_STARTUP="quit")
    result = hide_libraries_and_run(
        HIDDEN, [sys.executable, str(MAIN), "--vault", str(made_vault.directory)], env,
        tmp_path)
    assert "apt-get install" not in result.stderr
    if platform == "offscreen":
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("ready UnlockPage"), result.stdout
