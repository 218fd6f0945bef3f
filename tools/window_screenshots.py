"""The screenshots as real windows: python -m tools.window_screenshots [OUT_DIR].

Starts Xvfb and a window manager (Openbox, Debian's `openbox`), then runs
tools/screenshots.py on that display through Qt's X11 platform, so each picture is the
window as a person's screen shows it, with its frame and title bar: OUT_DIR/en and
OUT_DIR/el (docs/screenshots/windows by default). Offscreen pictures say how a screen is
laid out; these also show what only a real window has (the frame, the title, the window
icon, the platform's fonts and sizes).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREEN = "1280x960x24"


def require(program: str, package: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise SystemExit(f"{program} is not installed: sudo apt-get install {package}")
    return path


def start_display() -> tuple[subprocess.Popen[bytes], str]:
    read_end, write_end = os.pipe()
    server = subprocess.Popen([require("Xvfb", "xvfb"), "-displayfd", str(write_end),
                               "-screen", "0", SCREEN, "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as answer:
        number = answer.readline().strip()
    if not number:
        server.kill()
        raise SystemExit("Xvfb did not start")
    return server, f":{number}"


def main(out: Path) -> int:
    openbox = require("openbox", "openbox")
    server, display = start_display()
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    manager = subprocess.Popen([openbox, "--sm-disable"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)  # Openbox takes the screen before the first window maps
        return subprocess.run([sys.executable, "-m", "tools.screenshots", str(out)], env=env,
                              cwd=ROOT, check=False).returncode
    finally:
        for process in (manager, server):
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/screenshots/windows"))
