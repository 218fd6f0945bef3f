"""Render the app's screens offscreen to PNG: python -m ui.screenshots [OUT_DIR].

Uses a throwaway sample vault; the README shows the results.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from vault.keys import KdfParams  # noqa: E402
from vault.service import Vault  # noqa: E402

from .main_window import MainWindow  # noqa: E402
from .tasks import use_synchronous_tasks  # noqa: E402

SAMPLE_PASSPHRASE = "sample vault for screenshots 1"
SAMPLE_VALUES: dict[str, object] = {
    "preferred_name": "Eleni",
    "country": "GR",
    "contact_channels": ["email", "push"],
    "contact_frequency": "monthly",
    "shoe_size_eu": 38.5,
    "clothing_size_top": "S",
    "favourite_colours": ["navy", "green"],
    "diet": "pescatarian",
    "favourite_cuisines": ["greek", "japanese"],
    "pets": ["cat"],
    "has_garden": True,
}


def save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    use_synchronous_tasks(True)
    with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
        directory = Path(tmp) / "vault"
        window = MainWindow(directory)
        window.resize(820, 560)
        window.show()
        create = window.welcome.create_page
        create.passphrase.setText("sunflower")
        save(window, out_dir / "create-vault.png")
        create.passphrase.setText(SAMPLE_PASSPHRASE)
        create.repeat.setText(SAMPLE_PASSPHRASE)
        # A cheap KDF keeps screenshot runs quick; it does not change what is drawn.
        vault, code = Vault.create(directory, SAMPLE_PASSPHRASE, kdf=KdfParams(1024, 1, 1))
        window.welcome._on_created(vault, code)
        save(window, out_dir / "recovery-code.png")
        for key, value in SAMPLE_VALUES.items():
            vault.set(key, value)
        page = window.welcome.code_page
        page.check.setText(code.split("-")[page.group_asked - 1])
        window.welcome.code_page.done.click()
        save(window, out_dir / "my-data.png")
        window.lock()
        unlock = window.welcome.unlock_page
        unlock.secret.setText("not the passphrase")
        unlock.unlock_button.click()
        save(window, out_dir / "unlock-wrong-passphrase.png")
        window.close()
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
