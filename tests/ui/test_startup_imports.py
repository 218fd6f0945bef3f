"""The unlock screen comes up without the modules only an unlocked vault needs: JOSE
(joserfc, cryptography's X.509), the exchange and the words for errors load while the
person types the passphrase or at the first error, never before the first paint. An
import-time profile found them at start once (through the style module and the words for
errors), costing a third of the cold start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.vaults import FAST_KDF, PASSPHRASE, PROJECT_ROOT
from vault.vault import Vault

LATER = ("joserfc", "cryptography.x509", "zpd.request", "zpd.jose", "vault.exchange.grants",
         "ui.words.errors")

PROBE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.main_window import MainWindow
from ui.preferences import Settings
window = MainWindow(__import__("pathlib").Path(sys.argv[1]), Settings())
window.show()
app.processEvents()
assert window.welcome.currentWidget() is window.welcome.unlock_page
print("\\n".join(sorted(sys.modules)))
"""


def test_the_unlock_screen_shows_before_jose_and_the_exchange_load(tmp_path: Path) -> None:
    Vault.create(tmp_path / "vault", PASSPHRASE, kdf=FAST_KDF)[0].lock()
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "vault")],
                            cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    assert "ui.unlock_page" in loaded
    assert sorted(m for m in loaded if m.startswith(LATER)) == []
