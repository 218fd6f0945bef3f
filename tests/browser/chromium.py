"""Debian's Chromium, headless, driven by Selenium through Debian's chromedriver.

Nothing is downloaded: the browser and its driver are the system's (`.ci/run` installs
the `chromium` and `chromium-driver` packages), Selenium Manager is told to stay
offline and is never needed, and Chromium runs with a new empty profile and without
its background networking (this machine's network is closed: its calls home would
only be refused). Where they are missing, `skip_reason` says why, and the tests
skip with that reason (CI requires them: `.ci/check_skips.py` accepts the skip only
where apt-get is not available).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WINDOW = (1280, 900)
FLAGS = (
    "--headless=new", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--no-default-browser-check", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions",
    "--disable-default-apps", "--metrics-recording-only", "--password-store=basic",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
)
NO_APT = "Debian's chromium and chromium-driver are not installed and apt-get is not available"


def skip_reason() -> str | None:
    """Why the browser tests cannot run here, or None."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if not missing:
        try:
            import selenium  # noqa: F401
        except ImportError:
            return "selenium is not installed (pip install -e '.[test]')"
        return None
    if shutil.which("apt-get") is None:
        return f"{NO_APT} ({', '.join(missing)} missing)"
    return (f"{', '.join(missing)} missing: run .ci/run as root, or "
            "apt-get install -y chromium chromium-driver")


@contextmanager
def chromium(*, width: int = WINDOW[0], height: int = WINDOW[1]) -> Iterator[object]:
    """A headless Chromium session (a selenium WebDriver), quit and its profile removed at the
    end."""
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager, were it ever asked, stays offline
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="zpv-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium's sandbox refuses to run as root
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=str(CHROMEDRIVER))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        driver.set_page_load_timeout(30)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver: object) -> list[str]:
    """The browser console's errors and warnings so far (a CSP violation is one)."""
    entries = driver.get_log("browser")  # type: ignore[attr-defined]
    return [str(e["message"]) for e in entries if e.get("level") in ("SEVERE", "WARNING")]
