"""Start the desktop app."""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .links.launch import Launch
    from .main_window import MainWindow
    from .preferences import Settings

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
DESKTOP_ID = "zero-party-vault"  # the menu entry's file name (packaging/), less ".desktop"
STARTUP_REPORT = "ZPV_REPORT_STARTUP"  # see ui/startup_report.py
NO_DEMO = ("The demo runs from a source checkout (make demo); this installation of "
           "Zero-Party Vault does not include it.")
NO_DISPLAY = (
    "Zero-Party Vault needs a display: run it in a desktop session, or with "
    "QT_QPA_PLATFORM=offscreen for tests, or use the command line (zpv --help)."
)


def app_icon() -> QIcon:
    from PySide6.QtGui import QIcon

    import resources

    return QIcon(str(resources.path(*resources.APP_ICON)))


def has_display() -> bool:
    """False when Qt would abort for want of a screen (a bare Linux console or SSH)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    from vault.storage.locations import default_vault_dir

    parser = argparse.ArgumentParser(prog="main.py", description="Zero-Party Vault desktop app")
    parser.add_argument(
        "--vault",
        metavar="DIR",
        type=Path,
        help="vault directory (default: $ZPV_VAULT, else your data folder)",
    )
    parser.add_argument(
        "--demo", action="store_true",
        help="a throwaway vault and three sample brands on this computer; all removed on exit",
    )
    parser.add_argument(
        "--open-url", metavar="LINK",
        help="a zpd://share link from a brand's page: handed to the app if it is running, "
        "else the app starts with it (the review opens; nothing is shared without you)",
    )
    args = parser.parse_args(argv)
    if args.vault is None:
        env = os.environ.get("ZPV_VAULT")
        args.vault = Path(env) if env else default_vault_dir()
    return args


def main(argv: Sequence[str] | None = None) -> int:
    from vault.process_hardening import disable_core_dumps

    disable_core_dumps()  # main.py did already; here too for any other launcher
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.demo and importlib.util.find_spec("demo") is None:
        print(NO_DEMO, file=sys.stderr)
        return 2
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from .qt_platform import xcb_problem

    problem = xcb_problem()  # Qt would abort, naming no package to install
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    from .links.launch import claim_launch, serve_links

    launch = claim_launch(args.open_url)  # a later launch hands its link over and ends here
    if launch.forwarded:
        return 0
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from . import i18n, style
    from .collector import collect_on_gui_thread
    from .gil import hand_the_gil_over_quickly
    from .main_window import MainWindow
    from .preferences import LANGUAGE, Settings
    from .unix_signals import quit_on_stop_signals

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Zero-Party Vault")
    app.setOrganizationName("Zero-Party Vault")
    app.setDesktopFileName(DESKTOP_ID)  # Wayland matches the window to its menu entry by it
    app.setWindowIcon(app_icon())
    collect_on_gui_thread(app)  # never on a worker: see ui/collector.py
    hand_the_gil_over_quickly()
    style.follow_system(app)
    QTimer.singleShot(0, start_logging)  # once the first window is up
    settings = Settings()
    i18n.install(i18n.resolve(settings.get(LANGUAGE)))
    if args.demo:
        return run_demo(app, settings, launch, args.open_url)
    window = MainWindow(args.vault, settings)
    window.show()
    serve_links(app, window, launch, args.open_url)
    quit_on_stop_signals(app)
    if os.environ.get(STARTUP_REPORT):
        from .startup_report import StartupReport

        StartupReport(window, quit_when_idle=os.environ[STARTUP_REPORT] == "quit")
    try:
        return app.exec()
    finally:
        shut_down(window)


def start_logging() -> None:
    """Log to the rotating file in the platform's log folder (no secret, value or token
    is ever logged); the app runs on without it if the file cannot be opened."""
    from vault import logs

    logs.to_file()


def shut_down(window: MainWindow) -> None:
    """Lock, then let background work finish before Python and Qt tear down: all of a
    re-key under way (cut short, it would leave the old secret in force after the person
    chose a new one), then the lock it deferred."""
    from PySide6.QtCore import QCoreApplication, QThreadPool

    window.lock()
    pool = QThreadPool.globalInstance()
    pool.waitForDone(-1 if window.is_re_keying else 10_000)
    QCoreApplication.processEvents()  # results of finished work: a deferred lock among them
    pool.waitForDone(10_000)  # ... which runs on the pool


def run_demo(app: QApplication, settings: Settings, launch: Launch, link: str | None) -> int:
    """Start the sample brands and vault, show the app, and clean everything up on exit,
    whether the window closes or the process gets SIGINT or SIGTERM."""
    from PySide6.QtCore import QTimer

    from demo.run import DEMO_PASSPHRASE, Demo

    from .links.launch import serve_links
    from .main_window import MainWindow

    demo = Demo()
    previous = {sig: signal.signal(sig, lambda *_: app.quit()) for sig in STOP_SIGNALS}
    window: MainWindow | None = None
    try:
        vault = demo.start()
        window = MainWindow(demo.vault_dir, settings)
        window.leak_watch.maildir = demo.maildir  # the demo's mailbox: no mail server
        window.show()
        window.open_vault(vault)
        serve_links(app, window, launch, link)  # the shops' Share buttons reach this window
        for brand in demo.brands:
            print(f"{brand.address}  {brand.page}  {brand.shop or ''}".rstrip(), flush=True)
        print(f"Demo vault passphrase (after a lock): {DEMO_PASSPHRASE}", file=sys.stderr)
        print(f"Demo files (removed on exit): {demo.root}", file=sys.stderr, flush=True)
        # Python runs signal handlers only between bytecodes: wake it up regularly.
        heartbeat = QTimer()
        heartbeat.start(200)
        heartbeat.timeout.connect(lambda: None)
        app.lastWindowClosed.connect(app.quit)
        return app.exec()
    finally:
        if window is not None:
            shut_down(window)
        demo.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
