"""The app as a first launch sets it up, in the test's process (pytest-qt drives it), and
later launches as the system starts them for a clicked link: `main.py --open-url LINK`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from tests.support.vaults import PROJECT_ROOT
from ui.links.launch import Launch, serve_links
from ui.links.opener import LinkOpener
from ui.links.single_instance import claim, user_place
from ui.main_window import MainWindow


def running_app(qtbot: QtBot, directory: Path, runtime: Path) -> tuple[MainWindow, LinkOpener]:
    """The app as `ui.app.main` sets it up on a first launch, in this process."""
    place = user_place(runtime)
    lock = claim(place)
    assert lock is not None
    window = MainWindow(directory)
    qtbot.addWidget(window)
    window.show()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    opener = serve_links(app, window, Launch(False, place, lock), None)
    return window, opener


def launch_with_link(qtbot: QtBot, runtime: Path, link: str | None,
                     env: dict[str, str] | None = None) -> tuple[int, str, float]:
    """`main.py --open-url LINK` (just `main.py` without a link) as the system starts it,
    while this process's event loop runs (the running app answers from it): exit code,
    stderr, seconds."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "main.py", *(("--open-url", link) if link else ())],
        cwd=PROJECT_ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime), "QT_QPA_PLATFORM": "offscreen",
             **(env or {})},
    )
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=30_000)
    seconds = time.monotonic() - started
    _, stderr = process.communicate()
    return process.returncode, stderr, seconds


def unlock(qtbot: QtBot, window: MainWindow, passphrase: str) -> None:
    secret = window.findChild(QLineEdit, "unlockSecret")
    secret.setText(passphrase)
    window.findChild(QPushButton, "unlockButton").click()
    qtbot.waitUntil(lambda: window.session.is_open, timeout=20_000)
