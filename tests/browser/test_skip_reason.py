"""CI fails on a skip it does not accept: the browser tests' reasons must match its list."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.vaults import PROJECT_ROOT

from . import chromium


def check_skips() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_skips",
                                                  PROJECT_ROOT / ".ci" / "check_skips.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reason_with(monkeypatch: pytest.MonkeyPatch, apt_get: str | None) -> str:
    monkeypatch.setattr(chromium, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setattr(shutil, "which", lambda name: apt_get)
    reason = chromium.skip_reason()
    assert reason is not None
    return reason


def test_ci_accepts_the_skip_only_where_apt_get_is_missing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    accepts = check_skips().why_accepted
    test_id = "tests.browser.test_shop_page::test_the_shop_page_follows_the_grant_without_a_reload"

    assert accepts(test_id, reason_with(monkeypatch, None)) is not None
    # Where apt-get is there, .ci/run installs Chromium: a skip then is a failure.
    assert accepts(test_id, reason_with(monkeypatch, "/usr/bin/apt-get")) is None


def test_ci_accepts_the_desktop_tests_skip_where_apt_get_is_missing() -> None:
    from tests.vault import test_desktop

    reason = test_desktop.pytestmark.kwargs["reason"]
    test_id = "tests.vault.test_desktop::test_an_entry_zpv_did_not_write_is_left_alone"
    assert check_skips().why_accepted(test_id, reason) is not None
