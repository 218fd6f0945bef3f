"""Both entry points disable core dumps before anything else: the core file size limit is 0 and,
on Linux, the process is not dumpable (PR_GET_DUMPABLE answers 0), as read in a child process
that went through the entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import clean_environment
from tests.support.vaults import PROJECT_ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")

REPORT = """
import ctypes, json, resource, sys
def report():
    limits = open("/proc/self/limits").read()
    core_line = next(line for line in limits.splitlines() if line.startswith("Max core"))
    print(json.dumps({
        "dumpable": ctypes.CDLL(None).prctl(3, 0, 0, 0, 0),
        "rlimit_core": list(resource.getrlimit(resource.RLIMIT_CORE)),
        "proc_limits": core_line.split()[4:6],
    }), flush=True)
"""

ZPV = REPORT + """
from vault.cli.main import main
try:
    main(["--vault", sys.argv[1], "get", "preferred_name"])  # no vault there: exits at once
finally:
    report()
"""

DESKTOP = REPORT + """
import runpy
try:
    runpy.run_path("main.py", run_name="__main__")  # no display: explains and exits
except SystemExit:
    pass
finally:
    report()
"""


def child_report(script: str, *args: str, env: dict[str, str]) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env,
        cwd=PROJECT_ROOT, timeout=60,
    )
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def assert_no_core_dumps(report: dict[str, object]) -> None:
    assert report["dumpable"] == 0, report
    assert report["rlimit_core"] == [0, 0], report
    assert report["proc_limits"] == ["0", "0"], report


def test_zpv_is_not_dumpable(tmp_path: Path) -> None:
    assert_no_core_dumps(child_report(ZPV, str(tmp_path / "none"), env=clean_environment()))


def test_the_desktop_app_is_not_dumpable() -> None:
    env = {k: v for k, v in clean_environment().items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    assert_no_core_dumps(child_report(DESKTOP, env=env))


def test_a_plain_python_child_is_dumpable() -> None:
    """Control: without the entry points, the same report shows dumps allowed."""
    report = child_report(REPORT + "\nreport()\n", env=clean_environment())
    assert report["dumpable"] == 1 and report["proc_limits"] != ["0", "0"], report
