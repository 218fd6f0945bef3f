"""Per-visit share links over real HTTP: the brand's backend API behind its bearer token, each
visit's request at its request_uri, and the sample shop page (CSP, escaping, its status)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys
from brandkit.receiver import Receiver
from brandkit.server import LinkSettings
from brandkit.shop import NEW_VISITS_PER_MINUTE, PAGE_HEADERS
from brandkit.sqlstorage import SqliteStorage
from brandkit.visitroutes import MAX_BODY_BYTES, ApiToken
from tests.support.people import ORIGIN, Person, spec
from zpd.links import parse_link
from zpd.request import verify_request

from .live import TIMEOUT, Live, live_receiver
from .storage_rows import snapshot

API_TOKEN = "visits-api-token-for-the-tests-0123456789"
AUTH = {"Authorization": f"Bearer {API_TOKEN}"}


def now() -> int:
    return int(time.time())


@pytest.fixture
def live(keys: BrandKeys, storage: SqliteStorage) -> Iterator[Live]:
    request_jws = sign_spec(spec(), keys, now=now() - 60)
    with live_receiver(Receiver(keys, storage, ORIGIN), storage, request_jws,
                       links=LinkSettings(ApiToken(API_TOKEN), shop=True)) as served:
        yield served


def post_visit(live: Live, body: object = None, headers: dict[str, str] | None = None,
               raw: bytes | None = None) -> requests.Response:
    data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
    return live.session.post(live.url("/zpd/visits"), data=data, timeout=TIMEOUT,
                             headers=AUTH if headers is None else headers)


def status(live: Live, visit_id: str) -> dict[str, Any]:
    answer = live.session.get(live.url(f"/zpd/visits/{visit_id}"), headers=AUTH,
                              timeout=TIMEOUT)
    assert answer.status_code == 200
    return dict(answer.json())


def fetch_request(live: Live, request_uri: str) -> str:
    """What the vault fetches at a link's request_uri (on the brand's origin, served here)."""
    answer = live.get(urlsplit(request_uri).path)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/jwt"
    return answer.text


# -- the API ---------------------------------------------------------------------------


def test_a_visit_made_over_http_is_followed_until_revoked(live: Live, alice: Person) -> None:
    made = post_visit(live, {"ask": "fit-advice", "reference": "customer-17",
                             "return_uri": ORIGIN + "/thanks"})
    assert made.status_code == 201, made.text
    visit = made.json()
    assert made.headers["location"] == visit["status_url"] == (
        f"{ORIGIN}/zpd/visits/{visit['id']}")
    link = parse_link(visit["link"])
    assert link.request_uri == visit["request_uri"] == f"{ORIGIN}/zpd/visit/{visit['id']}"
    assert link.ask == "fit-advice" and visit["qr_svg"].startswith("<svg")
    request = verify_request(fetch_request(live, link.request_uri), now())
    assert request.iss == link.origin and request.jti == visit["request_jti"]
    assert request.return_uri == ORIGIN + "/thanks"
    assert request.exp == visit["expires_at"] and request.exp - request.iat == 900
    assert status(live, visit["id"])["status"] == "pending"

    assert live.post_token(alice.token(request, iat=now())).status_code == 202
    shared = status(live, visit["id"])
    assert shared["status"] == "shared" and shared["reference"] == "customer-17"
    assert shared["grant"]["pseudonym"] == alice.pseudonym
    assert (shared["grant"]["id"], shared["grant"]["version"]) == ("grant-1", 1)
    assert shared["grant"]["data"] == {"shoe_size_eu": 42}

    assert live.post_event(alice.revocation(iat=now())).status_code == 202
    revoked = status(live, visit["id"])
    assert revoked["status"] == "revoked" and revoked["grant"]["data"] == {}


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer wrong-token-of-the-right-length-0123456789"},
    {"Authorization": f"Basic {API_TOKEN}"}, {"Authorization": f"Bearer {API_TOKEN}x"},
], ids=["none", "wrong", "not-bearer", "longer"])
def test_the_api_needs_its_bearer_token(
    live: Live, headers: dict[str, str], storage: SqliteStorage
) -> None:
    before = snapshot(storage)
    refused = post_visit(live, {}, headers=headers)
    assert refused.status_code == 401 and "Bearer" in refused.headers["www-authenticate"]
    made = post_visit(live).json()
    assert live.session.get(live.url(f"/zpd/visits/{made['id']}"), headers=headers,
                            timeout=TIMEOUT).status_code == 401
    in_query = live.session.post(live.url("/zpd/visits"), params={"token": API_TOKEN},
                                 timeout=TIMEOUT)
    assert in_query.status_code == 401
    assert len(snapshot(storage)["zpd_visits"]) == len(before["zpd_visits"]) + 1


@pytest.mark.parametrize("body", [
    b"not json", b"[1, 2]", b'"text"', json.dumps({"ask": "fit-advice", "extra": 1}).encode(),
    json.dumps({"ask": 7}).encode(), json.dumps({"seconds": True}).encode(),
    json.dumps({"seconds": 3601}).encode(), json.dumps({"seconds": 0}).encode(),
    json.dumps({"ask": "no-such-ask"}).encode(),
    json.dumps({"return_uri": "https://elsewhere.example/"}).encode(),
    json.dumps({"return_uri": "javascript:alert(1)"}).encode(),
    json.dumps({"reference": "x" * 201}).encode(), b"\xff\xfe",
    json.dumps({"reference": "r" * (MAX_BODY_BYTES + 1)}).encode(),
    # valid JSON, not text: a lone surrogate (cannot be signed) or U+0000 (nor stored)
    json.dumps({"return_uri": ORIGIN + "/thanks\udcff"}).encode(),
    json.dumps({"reference": "order\u0000 42"}).encode(), json.dumps({"\udcff": 1}).encode(),
], ids=lambda body: body[:24].decode("utf-8", "replace"))
def test_a_body_the_api_cannot_take_is_a_400_that_stores_nothing(
    live: Live, body: bytes, storage: SqliteStorage
) -> None:
    before = snapshot(storage)
    refused = post_visit(live, raw=body)
    assert refused.status_code == 400, refused.text
    assert refused.json()["error"] == "invalid_request" and refused.json()["description"]
    assert snapshot(storage) == before


def test_unknown_visits_are_404(live: Live) -> None:
    for path in ("/zpd/visit/nope", "/zpd/visit/..%2F..", "/zpd/visit/" + "a" * 65):
        assert live.get(path).status_code == 404
    assert live.session.get(live.url("/zpd/visits/nope"), headers=AUTH,
                            timeout=TIMEOUT).status_code == 404


def test_without_a_token_only_the_visits_requests_are_served(
    keys: BrandKeys, storage: SqliteStorage
) -> None:
    request_jws = sign_spec(spec(), keys, now=now() - 60)
    with live_receiver(Receiver(keys, storage, ORIGIN), storage, request_jws) as served:
        assert served.post("/zpd/visits", b"{}", "application/json").status_code in (404, 405)
        assert served.get("/shop").status_code == 404
        assert served.get("/zpd/visit/anything").status_code == 404


def test_the_token_must_be_long_enough() -> None:
    with pytest.raises(ValueError, match="32 to 512"):
        ApiToken("short")


# -- the sample shop -----------------------------------------------------------------


class Page(HTMLParser):
    """The tags of a page, with their attributes, and the text of <script> and <style>."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: list[str] = []
        self._in: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_data(self, data: str) -> None:
        if self._in and data.strip():
            self.inline.append(data)

    def by_id(self, element_id: str) -> dict[str, str | None]:
        return next(attrs for _, attrs in self.tags if attrs.get("id") == element_id)


def shop(live: Live, **params: str) -> tuple[requests.Response, Page]:
    answer = live.session.get(live.url("/shop"), params=params, timeout=TIMEOUT)
    return answer, Page(answer.text)


def shop_status(live: Live, page: Page) -> dict[str, str]:
    url = page.by_id("visit-status")["data-status-url"]
    assert url is not None and url.startswith("/shop/status/")
    return dict(live.get(url).json())


def test_the_shop_page_follows_its_visit(live: Live, alice: Person) -> None:
    answer, page = shop(live)
    assert answer.status_code == 200
    for name, value in PAGE_HEADERS.items():
        assert answer.headers[name] == value
    assert "'unsafe-inline'" not in answer.headers["content-security-policy"]
    assert page.inline == []  # no inline script or style
    assert not any(name.startswith("on") or name == "style"
                   for _, attrs in page.tags for name in attrs)
    scripts = [attrs["src"] for tag, attrs in page.tags if tag == "script"]
    assert scripts == ["/shop/shop.js"]
    href = page.by_id("share-button")["href"]
    assert href is not None
    link = parse_link(href)
    assert link.origin == ORIGIN and link.ask == "fit-advice"
    request = verify_request(fetch_request(live, link.request_uri), now())
    assert shop_status(live, page)["state"] == "pending"

    assert live.post_token(alice.token(request, iat=now())).status_code == 202
    assert shop_status(live, page) == {
        "state": "shared", "message": "Thanks, we now know your shoe size (EU): 42."}
    assert live.post_event(alice.revocation(iat=now())).status_code == 202
    revoked = shop_status(live, page)
    assert revoked["state"] == "revoked" and "deleted" in revoked["message"]

    # The request's return_uri brings the person back to this visit, not to a new one.
    assert request.return_uri is not None and request.return_uri.startswith(ORIGIN + "/shop?")
    key = parse_qs(urlsplit(request.return_uri).query)["visit"][0]
    answer, again = shop(live, visit=key)
    assert again.by_id("share-button")["href"] == href
    assert "Your data was deleted" in answer.text


def test_an_unknown_visit_key_starts_a_new_visit_with_a_key_of_its_own(live: Live) -> None:
    _, page = shop(live, visit="chosen-by-someone-else-0123")
    url = page.by_id("visit-status")["data-status-url"]
    assert url is not None and "chosen-by-someone-else" not in url
    assert live.get("/shop/status/chosen-by-someone-else-0123").status_code == 404


def test_the_shop_escapes_every_brand_text(keys: BrandKeys, storage: SqliteStorage) -> None:
    hostile = spec(brand={"name": "<script>alert(1)</script>", "description": '" onmouseover=x',
                          "privacy_policy": f"{ORIGIN}/privacy", "contact": "mailto:a@b.example"})
    hostile["asks"][0]["offer"]["description"] = "<img src=x onerror=alert(2)>"
    request_jws = sign_spec(hostile, keys, now=now() - 60)
    with live_receiver(Receiver(keys, storage, ORIGIN), storage, request_jws,
                       links=LinkSettings(shop=True)) as served:
        text = served.get("/shop").text
    assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<img" not in text and "&lt;img src=x onerror=alert(2)&gt;" in text
    assert '" onmouseover' not in text and "&quot; onmouseover=x" in text


def test_the_shop_script_and_style_are_its_own_files(live: Live) -> None:
    for path, kind in (("/shop/shop.js", "text/javascript"), ("/shop/shop.css", "text/css")):
        answer = live.get(path)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(kind)
        assert answer.headers["x-content-type-options"] == "nosniff"
    script = live.get("/shop/shop.js").text
    assert "textContent" in script and "innerHTML" not in script and "eval(" not in script


def test_new_shop_visits_are_limited_per_address(live: Live) -> None:
    answers = [shop(live)[0].status_code for _ in range(NEW_VISITS_PER_MINUTE + 1)]
    assert answers[:-1] == [200] * NEW_VISITS_PER_MINUTE and answers[-1] == 429

