"""The menu entry and AppStream metadata, checked by the desktops' own validators, and the
names that tie them to the app, the bundle and the Debian package."""

from __future__ import annotations

import configparser
import re
import subprocess
from xml.etree import ElementTree

from tests.support.vaults import PROJECT_ROOT
from tools.build_deb import APPSTREAM_ID, PACKAGE
from ui.app import DESKTOP_ID

from .requirements import need_tool

PACKAGING = PROJECT_ROOT / "packaging"
DESKTOP = PACKAGING / f"{PACKAGE}.desktop"
METAINFO = PACKAGING / f"{PACKAGE}.metainfo.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    validate = need_tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower(), result.stdout


def test_the_desktop_entry_opens_zpd_links_with_the_launcher() -> None:
    entry = desktop_entry()
    assert entry["MimeType"] == "x-scheme-handler/zpd;"
    assert entry["Exec"] == "zero-party-vault %u"  # the launcher takes a bare link (%u)
    assert entry["Icon"] == PACKAGE
    assert DESKTOP.stem == DESKTOP_ID  # the app tells Wayland which entry is its own


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    appstreamcli = need_tool("appstreamcli", "appstream")
    result = subprocess.run([appstreamcli, "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_metainfo_launches_the_desktop_entry_and_names_the_licence() -> None:
    component = ElementTree.parse(METAINFO).getroot()
    assert component.findtext("id") == APPSTREAM_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.findtext("project_license") == "AGPL-3.0-or-later"
    pyproject = (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "AGPL-3.0-or-later"' in pyproject
    version = re.search(r'^version = "(.+)"$', pyproject, re.MULTILINE)
    assert version is not None
    releases = [release.get("version") for release in component.iter("release")]
    assert releases[0] == version.group(1), "the newest release listed is this version"


def test_windows_and_macos_register_the_zpd_scheme() -> None:
    """Not runnable here: what each recipe must say to register the links is there."""
    inno = (PACKAGING / "windows" / f"{PACKAGE}.iss").read_text(encoding="utf-8")
    for line in ('Subkey: "Software\\Classes\\zpd"', '"URL Protocol"',
                 'Subkey: "Software\\Classes\\zpd\\shell\\open\\command"', '""%1""'):
        assert line in inno, line
    spec = (PACKAGING / f"{PACKAGE}.spec").read_text(encoding="utf-8")
    assert '"CFBundleURLSchemes": [URL_SCHEME]' in spec and 'URL_SCHEME = "zpd"' in spec
    assert f'bundle_identifier="{APPSTREAM_ID}"' in spec
