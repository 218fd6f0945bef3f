"""What the brand holds shows each answer with its question's label, as the brand asked
it: `zpv-brand customers` (text and JSON) and the receiver's page, escaped as all text."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from brandkit import page
from brandkit.display import customer_lines
from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from tests.support.people import DAY, NOW, ORIGIN, Person, spec
from zpd.example_specs import RUN_SURFACE
from zpd.request import DataRequest, verify_request

from .test_cli import zpv_brand

LABEL = "Where do you run most?"


def asking_spec(label: str = LABEL) -> dict[str, Any]:
    document = spec()
    question = copy.deepcopy(RUN_SURFACE)
    question["question"]["label"] = label
    document["asks"][0]["fields"].append(question)
    return document


def stored(receiver: Receiver, keys: BrandKeys, person: Person, label: str = LABEL) -> None:
    compact = sign_spec(asking_spec(label), keys, now=NOW - DAY)
    receiver.register_issued_request(compact, now=NOW)
    request: DataRequest = verify_request(compact, NOW)
    receiver.receive_token(person.token(request, data={
        "shoe_size_eu": 42, "q:run-surface": ["trail", "road"]}), NOW)


def test_customers_name_an_answer_by_its_question(
    receiver: Receiver, keys: BrandKeys, alice: Person
) -> None:
    stored(receiver, keys, alice)
    customer = receiver.customer(alice.pseudonym, NOW)
    assert customer is not None
    [grant] = customer.grants
    assert grant.questions == {"q:run-surface": LABEL}
    assert grant.to_json()["questions"] == {"q:run-surface": LABEL}
    lines = customer_lines(customer)
    assert f"    {LABEL} (q:run-surface): road, trail" in lines
    assert "    shoe_size_eu: 42" in lines


def test_the_page_shows_the_label_escaped_beside_the_key(
    receiver: Receiver, keys: BrandKeys, alice: Person
) -> None:
    stored(receiver, keys, alice, label='Trails & "roads" <3 \u202eevil')
    recent = receiver.recent_customers(NOW)
    html = page.render("Shoes", ORIGIN, recent, NOW, page.View(1, 1, show_values=True),
                       lambda n, show: f"/?page={n}")
    assert ("<dt>Trails &amp; &quot;roads&quot; &lt;3 \\u202eevil "
            '<code class="key">q:run-surface</code></dt><dd>road, trail</dd>') in html
    assert "\u202e" not in html
    assert "<dt>shoe_size_eu</dt>" in html


def test_zpv_brand_customers_prints_the_label(
    keys: BrandKeys, alice: Person, tmp_path: Path
) -> None:
    database = tmp_path / "receiver.sqlite3"
    storage = SqliteStorage(database)
    try:
        stored(Receiver(keys, storage, ORIGIN), keys, alice)
    finally:
        storage.close()
    listed = zpv_brand("customers", "--db", str(database))
    assert listed.returncode == 0, listed.stderr
    assert f"    {LABEL} (q:run-surface): road, trail\n" in listed.stdout
    as_json = json.loads(zpv_brand("customers", "--db", str(database), "--json").stdout)
    assert as_json[0]["grants"][0]["questions"] == {"q:run-surface": LABEL}


def test_a_revoked_grant_shows_no_labels_for_what_it_no_longer_holds(
    receiver: Receiver, keys: BrandKeys, alice: Person
) -> None:
    stored(receiver, keys, alice)
    customer = receiver.customer(alice.pseudonym, NOW)
    assert customer is not None
    grant_id = customer.grants[0].grant_id
    receiver.receive_event(alice.revocation(grant_id, iat=NOW + 60), NOW + 60)
    after = receiver.customer(alice.pseudonym, NOW + 60)
    assert after is not None and after.grants[0].questions == {}
