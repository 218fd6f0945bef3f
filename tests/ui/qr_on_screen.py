"""Open the QR code dialog of the sample vault's Trailworks share on whatever screen this
process was given, and print its geometry as JSON: python -m tests.ui.qr_on_screen DIR.

tests/ui/test_qr_dialog.py runs it in a process of its own, on an offscreen screen of the
size it wants to check (the test process's own offscreen screen is 800x600)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QApplication, QPushButton

from tools.sample_vault import build, close
from ui.main_window import MainWindow
from ui.preferences import Settings
from ui.shared.qr import QrDialog
from vault.storage.keys import KdfParams


def settle(until: Callable[[], bool] | None = None, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        QThreadPool.globalInstance().waitForDone(20)
        QCoreApplication.processEvents()
        if until is not None and until():
            break


def main(directory: Path) -> None:
    app = QApplication(sys.argv[:1])
    window = MainWindow(directory, Settings())
    sample = build(directory, kdf=KdfParams(1024, 1, 1))
    window.show()
    window.open_vault(sample.vault)
    shared = window.shared_page
    window.area.show_page(shared)
    grant = sample.grants["trailworks"]
    settle(lambda: shared.model.find(grant) >= 0)
    shared.table.selectRow(shared.model.find(grant))
    shared.qr_button.click()
    settle(lambda: isinstance(shared.dialog, QrDialog) and shared.dialog.loaded)
    dialog = shared.dialog
    assert isinstance(dialog, QrDialog)
    settle(seconds=0.3)
    close_button = dialog.findChild(QPushButton, "qrCloseButton")
    assert close_button is not None
    screen = dialog.screen().availableGeometry()
    frame = dialog.frameGeometry()
    print(json.dumps({
        "screen": [screen.width(), screen.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "image": [dialog.image.width(), dialog.image.height()],
        "modules": dialog.image.modules, "module_pixels": dialog.image.module_pixels(),
        "close_visible": not close_button.visibleRegion().isEmpty(),
    }))
    dialog.reject()
    window.close()
    close(sample)
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1]))
