"""The wheel as people install it (`pip install`, `pipx install`): into a fresh venv, used
from a folder outside the checkout, so nothing can come from the source tree."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import clean_environment
from tests.support.vaults import PROJECT_ROOT, MadeVault

from .launch import app_environment, launch
from .requirements import project_version

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh venv with the wheel installed (its dependencies from the package index)."""
    venv = tmp_path_factory.mktemp("wheel-venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                    str(wheel)], check=True, env=clean_environment(), timeout=900)
    yield venv


def test_the_wheel_carries_compiled_translations_and_the_sdist_their_sources(
        wheel: Path, sdist: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"resources/translations/zpv_el.qm", "resources/translations/qtbase_el.qm",
            "resources/icons/zero-party-vault.svg"} <= names
    assert not any(name.endswith(".ts") for name in names)
    entry_points = zipfile.ZipFile(wheel).read(
        f"zero_party_vault-{project_version()}.dist-info/entry_points.txt").decode()
    assert "[gui_scripts]\nzero-party-vault = ui.launcher:main" in entry_points
    assert "zpv = vault.cli.main:main" in entry_points
    assert "zpv-brand = brandkit.cli:main" in entry_points
    with tarfile.open(sdist) as archive:
        members = {Path(*Path(m).parts[1:]).as_posix() for m in archive.getnames()}
    assert {"resources/translations/zpv_el.ts", "resources/translations/qtbase_el.ts",
            "tools/build_translations.py"} <= members
    assert not any(member.endswith(".qm") for member in members)


def test_the_commands_report_their_version(installed: Path, tmp_path: Path) -> None:
    for command, first in (("zpv", "zpv"), ("zpv-brand", "zpv-brand")):
        result = subprocess.run([str(installed / "bin" / command), "--version"],
                                capture_output=True, text=True, cwd=tmp_path,
                                env=clean_environment(), timeout=60)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"{first} {project_version()} "), result.stdout
        assert "Licence: AGPL-3.0-or-later" in result.stdout


def test_the_installed_code_and_its_greek_catalogue_come_from_the_venv(
        installed: Path, tmp_path: Path) -> None:
    probe = (
        "import ui, resources; from PySide6.QtCore import QCoreApplication as A;"
        "app = A([]); from ui import i18n;"
        "print(ui.__file__); print(i18n.install('el')); print(A.translate('MainWindow', 'Lock'))"
    )
    result = subprocess.run([str(installed / "bin" / "python"), "-c", probe],
                            capture_output=True, text=True, cwd=tmp_path,
                            env=app_environment(tmp_path / "home"), timeout=60)
    assert result.returncode == 0, result.stderr
    where, found, lock = result.stdout.splitlines()
    assert Path(where).is_relative_to(installed) and not Path(where).is_relative_to(PROJECT_ROOT)
    assert found == "True"
    assert lock == "Κλείδωμα"


def test_the_gui_launcher_opens_the_unlock_screen_and_quits_on_sigterm(
        installed: Path, made_vault: MadeVault, tmp_path: Path) -> None:
    app = launch([installed / "bin" / "zero-party-vault", "--vault", made_vault.directory],
                 app_environment(tmp_path / "home"), cwd=tmp_path)
    try:
        assert app.wait_ready().screen == "UnlockPage"
        time.sleep(2)  # running, not merely started
        assert app.process.poll() is None
        code, errors = app.terminate()
    finally:
        app.kill()
    assert code == 0, errors
