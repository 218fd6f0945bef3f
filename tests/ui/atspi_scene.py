"""An app process for the AT-SPI test: `python -m tests.ui.atspi_scene SCENE FOLDER`.

Run on a real X display (Xvfb) with Qt's AT-SPI bridge on, it builds the sample vault
under FOLDER and shows one scene, prints "ready" once the scene has settled, then runs
until it is terminated, so that a screen reader's library can read it from outside:

- `unlock`: the unlock form of an existing vault;
- `shared`: the unlocked window on the Shared page, and the share review of one brand's
  ask open beside it;
- `lock`: the unlocked window, which locks as its Lock button does when the process gets
  SIGUSR1 (once a screen reader's library listens for what it announces).
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tools.sample_vault import build, close
from tools.screenshots import settle
from ui import i18n
from ui.main_window import MainWindow
from ui.preferences import Settings
from ui.review.dialog import ShareReviewDialog
from vault.storage.keys import KdfParams

SCENES = ("unlock", "shared", "lock")


def main(scene: str, folder: Path) -> int:
    app = QApplication([sys.argv[0]])
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    heartbeat = QTimer()  # lets Python see SIGTERM (SIGUSR1) while Qt's loop runs
    heartbeat.start(100)
    heartbeat.timeout.connect(lambda: None)
    i18n.install("en")
    directory = folder / "vault"
    sample = build(directory, kdf=KdfParams(1024, 1, 1))
    keep: list[object] = []
    if scene == "unlock":
        close(sample)
        window = MainWindow(directory, Settings())
        window.resize(1000, 680)
        window.show()
        settle(lambda: window.welcome.unlock_page.isVisible())
    elif scene == "lock":
        window = MainWindow(directory, Settings())
        window.resize(1000, 680)
        window.show()
        window.open_vault(sample.vault)
        settle(seconds=2)
        signal.signal(signal.SIGUSR1, lambda *_: window.lock_action.trigger())
    else:
        window = MainWindow(directory, Settings())
        window.resize(1000, 680)
        window.show()
        window.open_vault(sample.vault)
        window.area.show_page(window.shared_page)
        settle(lambda: window.shared_page.model.rowCount() >= 3)
        review = ShareReviewDialog(window.session, sample.origins["trailworks"], "fit-advice",
                                   window)
        review.resize(900, 720)
        review.show()
        settle(seconds=2)
        keep.append(review)
    print("ready", flush=True)
    code = app.exec()
    window.close()
    if not sample.vault.is_locked:
        close(sample)
    return code


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in SCENES:
        print(__doc__.splitlines()[0], file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
