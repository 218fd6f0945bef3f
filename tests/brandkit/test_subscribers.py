"""The webhooks file (`--webhooks FILE`): what it may say, and a clear error for anything
else, naming the subscriber and the member, before the receiver takes a message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from brandkit.subscribers import (
    EVENT_TYPES,
    WebhookConfigError,
    load_subscribers,
    new_secret,
    parse_subscribers,
)

SECRET = new_secret()
GOOD = {"name": "crm", "url": "https://crm.internal.example/hooks/zpd", "secret": SECRET,
        "events": ["grant.stored", "grant.revoked"], "confirms_deletion": True}


def test_the_issue_s_example_is_read_with_its_defaults() -> None:
    subscribers = parse_subscribers({"subscribers": [GOOD, {
        "name": "mail", "url": "http://127.0.0.1:9000/hook", "secret": SECRET, "events": ["*"],
        "timeout": 2.5, "concurrency": 1, "ack_token": "a" * 32}]})
    crm, mail = subscribers
    assert crm.events == {"grant.stored", "grant.revoked"} and crm.confirms_deletion
    assert (crm.timeout, crm.concurrency, crm.ack_token) == (10.0, 4, None)
    assert mail.events == set(EVENT_TYPES) and not mail.confirms_deletion
    assert (mail.timeout, mail.concurrency) == (2.5, 1)
    assert [s.name for s in subscribers.confirming()] == ["crm"]
    assert SECRET not in repr(crm) and "whsec" not in repr(subscribers)


def entry(**changes: Any) -> dict[str, Any]:
    document = {**GOOD, **changes}
    return {key: value for key, value in document.items() if value is not None}


@pytest.mark.parametrize(("document", "message"), [
    ([GOOD], 'one object with one member, "subscribers"'),
    ({"subscribers": [GOOD], "extra": 1}, 'one member, "subscribers"'),
    ({"subscribers": [GOOD, GOOD]}, "subscriber 'crm': the name is used twice"),
    ({"subscribers": ["crm"]}, "subscriber 1: not an object"),
    ({"subscribers": [entry(name="a b")]}, "subscriber 1: name must be"),
    ({"subscribers": [entry(url="http://crm.example/hook")]},
     "subscriber 'crm': url may be plain http only to a loopback host"),
    ({"subscribers": [entry(url="ftp://crm.example/hook")]}, "url must be an https URL"),
    ({"subscribers": [entry(url="https://u:p@crm.example/hook")]}, "url must not carry user"),
    ({"subscribers": [entry(url="https://crm.example:99999/")]}, "url is malformed"),
    ({"subscribers": [entry(secret="not-a-secret")]}, "secret must be a Standard Webhooks"),
    ({"subscribers": [entry(secret="whsec_!!!")]}, "secret is not base64"),
    ({"subscribers": [entry(secret="whsec_c2hvcnQ=")]}, "secret must encode 24 to 64"),
    ({"subscribers": [entry(events=[])]}, "events must be a non-empty list"),
    ({"subscribers": [entry(events=["grant.deleted"])]}, "events names 'grant.deleted'"),
    ({"subscribers": [entry(events=["grant.stored"])]},
     "events must include grant.revoked when it confirms deletion"),
    ({"subscribers": [entry(confirms_deletion="yes")]}, "confirms_deletion must be true"),
    ({"subscribers": [entry(ack_token="short")]}, "ack_token must be 32 to 256"),
    ({"subscribers": [entry(timeout=0)]}, "timeout must be a number from 1 to 60"),
    ({"subscribers": [entry(concurrency=2.5)]}, "concurrency must be a whole number"),
    ({"subscribers": [entry(colour="blue")]}, "colour is not a member a subscriber has"),
    ({"subscribers": [entry(url=None)]}, "url must be a URL"),
])
def test_a_bad_file_is_refused_naming_what_is_wrong(document: Any, message: str) -> None:
    with pytest.raises(WebhookConfigError, match=message.replace("(", r"\(")):
        parse_subscribers(document)


def test_an_unreadable_or_non_json_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WebhookConfigError, match="cannot read"):
        load_subscribers(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(WebhookConfigError, match="bad.json: not JSON"):
        load_subscribers(tmp_path / "bad.json")
    (tmp_path / "huge.json").write_text(" " * (300 * 1024))
    with pytest.raises(WebhookConfigError, match="more than"):
        load_subscribers(tmp_path / "huge.json")
    (tmp_path / "good.json").write_text(json.dumps({"subscribers": [GOOD]}))
    assert [s.name for s in load_subscribers(tmp_path / "good.json")] == ["crm"]
