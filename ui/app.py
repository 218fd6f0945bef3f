"""Start the desktop app."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

NO_DISPLAY = (
    "Zero-Party Vault needs a display: run it in a desktop session, or with "
    "QT_QPA_PLATFORM=offscreen for tests, or use the command line (zpv --help)."
)


def has_display() -> bool:
    """False when Qt would abort for want of a screen (a bare Linux console or SSH)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    from vault.cli_context import default_vault_dir

    parser = argparse.ArgumentParser(prog="main.py", description="Zero-Party Vault desktop app")
    parser.add_argument(
        "--vault",
        metavar="DIR",
        type=Path,
        help="vault directory (default: $ZPV_VAULT, else your data folder)",
    )
    args = parser.parse_args(argv)
    if args.vault is None:
        env = os.environ.get("ZPV_VAULT")
        args.vault = Path(env) if env else default_vault_dir()
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from . import i18n
    from .main_window import MainWindow
    from .settings import LANGUAGE, Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Zero-Party Vault")
    app.setOrganizationName("Zero-Party Vault")
    settings = Settings()
    i18n.install(i18n.resolve(settings.get(LANGUAGE)))
    window = MainWindow(args.vault, settings)
    window.show()
    return app.exec()
