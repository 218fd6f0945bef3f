"""`zpv-brand serve --api-token-file --sample-shop` and `zpv-brand customers` with visits, in
subprocesses as a brand runs them: the token is never logged, the reference is listed."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from tests.support.people import Person
from zpd.links import parse_link
from zpd.request import verify_request

from .live import TIMEOUT, zpv_brand_serve
from .test_server_cli import Brand, brand, post_token, zpv_brand  # noqa: F401 (a fixture)

API_TOKEN = "a-visits-token-nobody-else-knows-0123456789abcdef"


def token_file(directory: Path, text: str = API_TOKEN, mode: int = 0o600) -> Path:
    path = directory / "api-token"
    path.write_text(text + "\n")
    path.chmod(mode)
    return path


def test_visits_over_the_served_api_and_the_reference_in_customers(
    brand: Brand, tmp_path: Path  # noqa: F811
) -> None:
    db = tmp_path / "receiver.sqlite3"
    person = Person()
    with zpv_brand_serve("--keys", str(brand.keys_dir), "--request", str(brand.request_file),
                         "--db", str(db), "--api-token-file", str(token_file(tmp_path)),
                         "--sample-shop", directory=tmp_path) as served:
        auth = {"Authorization": f"Bearer {API_TOKEN}"}
        made = requests.post(served.url + "zpd/visits", json={"reference": "customer-17"},
                             headers=auth, timeout=TIMEOUT)
        assert made.status_code == 201, made.text
        link = parse_link(made.json()["link"])
        path = urlsplit(link.request_uri).path
        request = verify_request(requests.get(served.url + path.lstrip("/"),
                                              timeout=TIMEOUT).text, int(time.time()))
        assert post_token(served.url, person.token(request, iat=int(time.time()))).ok
        state = requests.get(made.json()["status_url"].replace(
            brand.request.iss + "/", served.url), headers=auth, timeout=TIMEOUT).json()
        assert state["status"] == "shared" and state["grant"]["pseudonym"] == person.pseudonym
        assert requests.get(served.url + "shop", timeout=TIMEOUT).status_code == 200
        refused = requests.post(served.url + "zpd/visits", json={}, timeout=TIMEOUT,
                                headers={"Authorization": "Bearer " + "x" * 40})
        assert refused.status_code == 401
        shop_line = "the sample shop of Shoes Example is at " + served.url + "shop"
    assert shop_line in served.stderr
    assert API_TOKEN not in served.stderr and "x" * 40 not in served.stderr
    assert "POST /zpd/visits" in served.stderr  # the access log was on

    listed = zpv_brand("customers", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    assert f"{person.pseudonym}  reference customer-17  first seen" in listed.stdout
    assert "    visit reference customer-17" in listed.stdout
    as_json = json.loads(zpv_brand("customers", "--db", str(db), "--json").stdout)
    assert as_json[0]["references"] == ["customer-17"]
    assert as_json[0]["grants"][0]["reference"] == "customer-17"


@pytest.mark.parametrize("text", ["short", "", "has spaces in it but is long enough 0123"])
def test_a_token_file_that_holds_no_usable_token_is_a_usage_error(
    brand: Brand, tmp_path: Path, text: str  # noqa: F811
) -> None:
    done = zpv_brand("serve", "--keys", str(brand.keys_dir), "--request",
                     str(brand.request_file), "--api-token-file",
                     str(token_file(tmp_path, text)), "--port", "0")
    assert done.returncode == 2 and "--api-token-file" in done.stderr
    assert text.strip() == "" or text not in done.stderr


def test_a_token_file_others_can_read_is_warned_about(
    brand: Brand, tmp_path: Path  # noqa: F811
) -> None:
    with zpv_brand_serve("--keys", str(brand.keys_dir), "--request", str(brand.request_file),
                         "--db", str(tmp_path / "r.sqlite3"), "--api-token-file",
                         str(token_file(tmp_path, mode=0o644)), directory=tmp_path) as served:
        assert served.line.startswith("Serving ")
    assert "can be read by other users" in served.stderr
