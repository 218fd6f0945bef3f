"""The sample shop in Debian's Chromium: the page of a real `zpv-brand serve --sample-shop`
shows the share button and its QR code, and its status line follows the visit by itself
(no reload) when a grant arrives and when it is revoked; its CSP lets nothing be refused.

The person's side is played here by zpd's token and event builders (`tests/brandkit/
people.py`); tests/browser/test_button_flow.py runs the same page with the desktop app.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import requests

from tests.brandkit.live import TIMEOUT
from tests.support.people import Person
from zpd.links import parse_link
from zpd.request import verify_request

from .chromium import console_errors
from .shop_brand import shop_brand

WAIT_SECONDS = 15


def wait_for_text(driver: Any, element_id: str, words: str) -> str:
    """The element's text once it holds `words` (polling the page, never reloading it)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.2).until(
        lambda d: words in d.find_element("id", element_id).text
    )
    return str(driver.find_element("id", element_id).text)


def test_the_shop_page_follows_the_grant_without_a_reload(browser: Any, tmp_path: Path) -> None:
    person = Person()
    with shop_brand(tmp_path) as brand:
        browser.get(brand.shop)
        assert browser.title == "Shoes Example"
        button = browser.find_element("id", "share-button")
        assert button.text == "Share from my vault" and button.is_displayed()
        link = parse_link(button.get_attribute("href"))
        assert link.origin == brand.origin and link.ask == "fit-advice"
        qr = browser.find_element("css selector", ".qr svg")
        assert qr.size["width"] >= 150 and qr.is_displayed()
        status = browser.find_element("id", "visit-status")
        assert "Waiting for your vault" in status.text
        assert status.get_attribute("role") == "status"
        browser.execute_script("window.sameDocument = 'still here';")

        request = verify_request(requests.get(link.request_uri, timeout=TIMEOUT).text,
                                 int(time.time()))
        person.origin = brand.origin
        assert brand.post("/zpd/grants", person.token(request, iat=int(time.time())),
                          "application/jwt").status_code == 202
        shown = wait_for_text(browser, "visit-status", "Thanks, we now know")
        assert shown == "Thanks, we now know your shoe size (EU): 42."
        assert browser.find_element("tag name", "body").get_attribute("data-visit") == "shared"

        revocation = revoke(person, brand.origin)
        assert brand.post("/zpd/events", revocation, "application/secevent+jwt").status_code == 202
        assert "deleted" in wait_for_text(browser, "visit-status", "deleted")
        assert browser.execute_script("return window.sameDocument;") == "still here"
        assert console_errors(browser) == []


def revoke(person: Person, origin: str) -> str:
    from zpd import event as zpd_event

    moment = int(time.time())
    return zpd_event.issue(zpd_event.RevocationEvent(
        person.pseudonym, origin, moment, f"revoke-{moment}", moment - 1, "grant-1", "person"
    ), person.key)


def test_the_qr_code_and_the_button_carry_the_same_link(browser: Any, tmp_path: Path) -> None:
    with shop_brand(tmp_path) as brand:
        browser.get(brand.shop)
        first = browser.find_element("id", "share-button").get_attribute("href")
        browser.refresh()
        second = browser.find_element("id", "share-button").get_attribute("href")
        assert first != second  # each page visit gets its own request
        assert parse_link(first).origin == parse_link(second).origin == brand.origin
        shot = browser.find_element("css selector", ".qr svg").screenshot_as_png
        assert len(shot) > 500
