"""docs/protocol.md: the contract's text, and worked examples that really verify, with our code
and with an independent library (jwcrypto) that knows only what the page says."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from jwcrypto import jwe as cjwe
from jwcrypto import jwk as cjwk
from jwcrypto import jws as cjws

from tests.support.vaults import PROJECT_ROOT
from zpd import event, jose, receipt, request, token
from zpd.examples import DAY, IAT, ORIGIN, VISIT_AT, VISIT_URI, example_keys
from zpd.links import check_fetched_request, parse_link
from zpd.questions import check_answer

DOC = PROJECT_ROOT / "docs" / "protocol.md"
SHARED_CONTRACT = PROJECT_ROOT.parent / "shared" / "PROTOCOL.md"
THUMBPRINT_URI = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:"

REQUEST = "Data request (JWS compact)"
TOKEN = "Share token (JWE compact, encrypted to the brand)"
INNER = "The share token's inner JWS, once decrypted"
EVENT = "Revocation event (SET, JWS compact)"
RECEIPT = "Receipt for the share token"
KEYS = "Brand keys (public JWKS, as published in the request)"
SHOWN = "Its header and payload"


def blocks() -> list[tuple[str, str]]:
    """Every example on the page, in order: (its bold title, the code block under it)."""
    return re.findall(r"\*\*([^*\n]+)\*\*\n\n```[a-z]*\n(.*?)\n```", DOC.read_text(), re.S)


def example(title: str) -> str:
    found = [text for name, text in blocks() if name == title]
    assert len(found) == 1, title
    return found[0]


def shown_after(title: str) -> list[Any]:
    """The decoded [header, payload] the page shows right after the example `title`."""
    names = [name for name, _ in blocks()]
    index = names.index(title)
    assert names[index + 1] == SHOWN, title
    shown: list[Any] = json.loads(blocks()[index + 1][1])
    return shown


def test_doc_carries_the_contract_verbatim() -> None:
    """Fails when the contract is beside this checkout and the page does not start with it;
    skipped (saying so) only when the contract is not there to compare with."""
    if not SHARED_CONTRACT.is_file():
        pytest.skip(f"the shared contract {SHARED_CONTRACT} is absent: nothing to compare with")
    contract, page = SHARED_CONTRACT.read_text(), DOC.read_text()
    if page.startswith(contract):
        return
    for number, (wanted, found) in enumerate(
        zip(contract.splitlines(), page.splitlines(), strict=False), start=1
    ):
        if wanted != found:
            pytest.fail(f"docs/protocol.md line {number} differs from the contract:\n"
                        f"  contract: {wanted!r}\n  page:     {found!r}")
    pytest.fail("docs/protocol.md stops before the end of the contract")


def test_examples_verify_with_our_code() -> None:
    signing, encryption, seed = example_keys()
    verified = request.verify_request(example(REQUEST), IAT)
    assert verified.iss == ORIGIN and verified.key_ids[0] == jose.thumbprint(signing)

    opened = token.open_token(example(TOKEN), encryption, ORIGIN, IAT + DAY)
    assert opened.inner_jws == example(INNER)
    assert opened.claims.request_sha256 == verified.sha256
    assert opened.claims.data == {"shoe_size_eu": 42, "favourite_colours": ["navy", "green"]}

    revoked = event.verify(example(EVENT), opened.pairwise_jwk, ORIGIN, IAT + 30 * DAY)
    assert revoked.grant_id == opened.claims.grant_id
    ack = receipt.verify(
        example(RECEIPT), verified.signing_jwk, issuer=ORIGIN,
        audience=opened.claims.pseudonym, ack_jti=opened.claims.jti, status="stored", now=IAT + DAY,
    )
    assert ack.status == "stored"


def jws_checked_by_jwcrypto(compact: str, key: cjwk.JWK, typ: str) -> tuple[dict[str, Any],
                                                                           dict[str, Any]]:
    """jwcrypto verifies the signature (EdDSA only) and reads the header and payload."""
    signed = cjws.JWS()
    signed.deserialize(compact)
    signed.verify(key, alg="EdDSA")
    header = signed.jose_header
    assert header["alg"] == "EdDSA" and header["typ"] == typ, header
    return header, json.loads(signed.payload)


def test_every_example_is_read_by_jwcrypto_from_the_page_alone() -> None:
    """Request, share token (and its inner JWS), revocation event and receipt, each verified
    by jwcrypto with keys taken from the page: the brand's published JWKS, the brand's
    example private key rebuilt as the page says (SHA-256 of `zpd example key: brand enc`),
    and the pairwise key the share token carries. Each decoded header and payload is the one
    the page shows."""
    published = cjwk.JWKSet.from_json(example(KEYS))
    [signing] = [k for k in published if k.get("use") == "sig"]
    [encryption] = [k for k in published if k.get("use") == "enc"]
    for key in (signing, encryption):
        assert key.thumbprint() == key.get("kid")

    header, payload = jws_checked_by_jwcrypto(example(REQUEST), signing, "zpd-request+jwt")
    assert header["kid"] == signing.get("kid")
    assert [header, payload] == shown_after(REQUEST)
    assert payload["iss"] == ORIGIN and payload["jwks"] == json.loads(example(KEYS))

    seed = hashlib.sha256(b"zpd example key: brand enc").digest()
    brand_private = cjwk.JWK.from_pyca(X25519PrivateKey.from_private_bytes(seed))
    assert brand_private.thumbprint() == encryption.thumbprint()
    sealed = cjwe.JWE()
    sealed.deserialize(example(TOKEN), key=brand_private)
    outer = sealed.jose_header
    assert (outer["alg"], outer["enc"], outer["cty"], outer["kid"]) == (
        "ECDH-ES", "A256GCM", "JWT", encryption.get("kid"))
    inner = sealed.payload.decode()
    assert inner == example(INNER)

    unverified = cjws.JWS()
    unverified.deserialize(inner)
    pairwise = cjwk.JWK(**unverified.jose_header["jwk"])
    header, grant = jws_checked_by_jwcrypto(inner, pairwise, "zpd-grant+jwt")
    assert [header, grant] == shown_after(INNER)
    pseudonym = THUMBPRINT_URI + pairwise.thumbprint()
    assert header["kid"] == pairwise.thumbprint()
    assert grant["iss"] == grant["sub"] == pseudonym and grant["aud"] == ORIGIN
    assert grant["request"]["sha256"] == jose.b64u(hashlib.sha256(
        example(REQUEST).encode()).digest())

    header, revocation = jws_checked_by_jwcrypto(example(EVENT), pairwise, "secevent+jwt")
    assert [header, revocation] == shown_after(EVENT)
    assert header["kid"] == pairwise.thumbprint()
    assert revocation["iss"] == pseudonym and revocation["aud"] == ORIGIN
    [(_, revoked)] = revocation["events"].items()
    assert revoked["grant"] == grant["grant"]["id"]

    header, ack = jws_checked_by_jwcrypto(example(RECEIPT), signing, "zpd-receipt+jwt")
    assert [header, ack] == shown_after(RECEIPT)
    assert header["kid"] == signing.get("kid")
    assert (ack["iss"], ack["aud"], ack["ack"]) == (
        ORIGIN, pseudonym, {"jti": grant["jti"], "status": "stored"})


def test_jwcrypto_refuses_an_example_with_one_byte_changed() -> None:
    """Control: the independent checks above can fail (a changed signature byte)."""
    compact = example(RECEIPT)
    changed = compact[:-2] + ("A" if compact[-2] != "A" else "B") + compact[-1]
    signing = [k for k in cjwk.JWKSet.from_json(example(KEYS)) if k.get("use") == "sig"][0]
    with pytest.raises(cjws.InvalidJWSSignature):
        jws_checked_by_jwcrypto(changed, signing, "zpd-receipt+jwt")




# -- version 1.1 --------------------------------------------------------------------------

REQUEST_V11 = "Data request v1.1 (JWS compact)"
VISIT = "Per-visit request (JWS compact)"
LINK = "Share link to the per-visit request, served at " + VISIT_URI
ANSWERS = "Share token with an answer (JWE compact)"
ANSWERS_INNER = "The answering token's inner JWS, once decrypted"
PAUSE = "Pause event (SET, JWS compact)"
PAUSE_RECEIPT = "Receipt for the pause"
RESUME = "Resume event (SET, JWS compact)"
RESUME_RECEIPT = "Receipt for the resume"
REVOKE_V11 = "Revocation event of the answering grant (SET, JWS compact)"
PENDING = "Receipt while deletion waits downstream"
FINAL = "Final receipt once every system deleted"
FAILED = "Or, had one system failed to delete, the final receipt"
DETERMINISTIC = (REQUEST, EVENT, RECEIPT, REQUEST_V11, VISIT, LINK, ANSWERS_INNER, PAUSE,
                 PAUSE_RECEIPT, RESUME, RESUME_RECEIPT, REVOKE_V11, PENDING, FINAL, FAILED)


def test_v11_examples_verify_with_our_code() -> None:
    signing, encryption, _ = example_keys()
    full = request.verify_request(example(REQUEST_V11), IAT)
    assert full.return_uri == ORIGIN + "/thanks" and full.processors == ("esp.example",)
    assert full.body.receipts_endpoint == ORIGIN + "/zpd/receipts"
    [question] = full.body.asks[0].questions
    visit = request.verify_request(example(VISIT), VISIT_AT)
    assert visit.exp - visit.iat <= request.PER_VISIT_MAX_SECONDS
    link = parse_link(example(LINK))
    assert (link.request_uri, link.ask) == (VISIT_URI, "fit-advice")
    check_fetched_request(link, visit)

    opened = token.open_token(example(ANSWERS), encryption, ORIGIN, VISIT_AT + 120)
    assert opened.inner_jws == example(ANSWERS_INNER)
    assert (opened.claims.request_jti, opened.claims.request_sha256) == (visit.jti, visit.sha256)
    answer = opened.claims.data[question.key]
    assert check_answer(question, answer) == answer == ["road", "trail"]

    pinned = opened.pairwise_jwk
    checks = ((PAUSE, event.GRANT_PAUSED, IAT + 10 * DAY), (RESUME, event.GRANT_RESUMED,
              IAT + 12 * DAY), (REVOKE_V11, event.GRANT_REVOKED, IAT + 20 * DAY))
    jtis = {}
    for title, kind, at in checks:
        verified = event.verify(example(title), pinned, ORIGIN, at)
        assert (verified.type, verified.grant_id) == (kind, opened.claims.grant_id)
        jtis[kind] = verified.jti
    for title, kind, status, at in (
        (PAUSE_RECEIPT, event.GRANT_PAUSED, "paused", IAT + 10 * DAY),
        (RESUME_RECEIPT, event.GRANT_RESUMED, "resumed", IAT + 12 * DAY),
        (PENDING, event.GRANT_REVOKED, "deletion_pending", IAT + 20 * DAY),
        (FINAL, event.GRANT_REVOKED, "deleted", IAT + 22 * DAY),
        (FAILED, event.GRANT_REVOKED, "deletion_failed", IAT + 22 * DAY),
    ):
        ack = receipt.verify(example(title), full.signing_jwk, issuer=ORIGIN,
                             audience=opened.claims.pseudonym, ack_jti=jtis[kind],
                             status=receipt.EXPECTED[kind], now=at)
        assert ack.status == status and ack.final == (status != "deletion_pending")
    assert signing is not None


def test_v11_examples_are_read_by_jwcrypto_from_the_page_alone() -> None:
    published = cjwk.JWKSet.from_json(example(KEYS))
    [signing] = [k for k in published if k.get("use") == "sig"]
    for title in (REQUEST_V11, VISIT):
        header, payload = jws_checked_by_jwcrypto(example(title), signing, "zpd-request+jwt")
        assert [header, payload] == shown_after(title)
        assert payload["jwks"] == json.loads(example(KEYS))
    questions = [f for f in shown_after(REQUEST_V11)[1]["asks"][0]["fields"] if "question" in f]
    assert [q["key"] for q in questions] == ["q:run-surface"]

    seed = hashlib.sha256(b"zpd example key: brand enc").digest()
    sealed = cjwe.JWE()
    sealed.deserialize(example(ANSWERS), key=cjwk.JWK.from_pyca(
        X25519PrivateKey.from_private_bytes(seed)))
    inner = sealed.payload.decode()
    assert inner == example(ANSWERS_INNER)
    unverified = cjws.JWS()
    unverified.deserialize(inner)
    pairwise = cjwk.JWK(**unverified.jose_header["jwk"])
    header, grant = jws_checked_by_jwcrypto(inner, pairwise, "zpd-grant+jwt")
    assert [header, grant] == shown_after(ANSWERS_INNER)
    visit_payload = shown_after(VISIT)[1]
    assert grant["request"] == {"jti": visit_payload["jti"], "ask": "fit-advice",
                                "sha256": jose.b64u(hashlib.sha256(
                                    example(VISIT).encode()).digest())}
    assert grant["data"]["q:run-surface"] == ["road", "trail"]

    for title, kind in ((PAUSE, event.GRANT_PAUSED), (RESUME, event.GRANT_RESUMED),
                        (REVOKE_V11, event.GRANT_REVOKED)):
        header, claims = jws_checked_by_jwcrypto(example(title), pairwise, "secevent+jwt")
        assert [header, claims] == shown_after(title)
        assert list(claims["events"]) == [kind]
        assert claims["events"][kind]["grant"] == grant["grant"]["id"]
    for title, status in ((PAUSE_RECEIPT, "paused"), (RESUME_RECEIPT, "resumed"),
                          (PENDING, "deletion_pending"), (FINAL, "deleted"),
                          (FAILED, "deletion_failed")):
        header, claims = jws_checked_by_jwcrypto(example(title), signing, "zpd-receipt+jwt")
        assert [header, claims] == shown_after(title)
        assert claims["ack"]["status"] == status and claims["aud"] == grant["iss"]
    pending, final = shown_after(PENDING)[1], shown_after(FINAL)[1]
    assert {e["status"] for e in pending["ack"]["downstream"]} == {"pending", "deleted"}
    assert {e["status"] for e in final["ack"]["downstream"]} == {"deleted"}
    failed = shown_after(FAILED)[1]
    assert {e["system"]: e["status"] for e in failed["ack"]["downstream"]} == {
        "esp.example": "failed", "crm": "deleted"}


def test_all_examples_are_current() -> None:
    """The signed examples are deterministic: regenerate and compare (the JWEs aside)."""
    from zpd.examples import render

    fresh = render()
    for title in DETERMINISTIC:
        assert example(title) in fresh, f"{title}: run `make docs`"


# -- the project's part --------------------------------------------------------------------


def between(start: str, end: str) -> str:
    text = DOC.read_text()
    return text.split(start, 1)[1].split(end, 1)[0].strip()


def test_the_catalogue_table_is_generated_from_the_code_and_current() -> None:
    from zpd import catalogue_table
    from zpd.catalogue import CATALOGUE

    table = between(catalogue_table.START, catalogue_table.END)
    assert table == catalogue_table.render(), "run `make docs`"
    keys = re.findall(r"^\| `([a-z_]+)` \|", table, re.M)
    assert keys == [f.key for f in CATALOGUE]
    assert "| `shoe_size_eu` | number | 15 to 52 in steps of 0.5 | low |" in table
    assert "| `allergies` | array of strings |" in table and "| special |" in table


def test_the_refusals_table_is_current_and_names_every_reason_a_brand_answers() -> None:
    """Every reason the token and event checks can raise (read off the source of zpd's and
    the brand kit's checks) has its row, with its RFC 8935 code."""
    from brandkit import refusals

    assert between(refusals.START, refusals.END) == refusals.render(), "run `make docs`"
    sources = ["zpd/jose.py", "zpd/claims.py", "zpd/token.py", "zpd/event.py",
               "brandkit/checks.py", "brandkit/receiver.py"]
    raised = set()
    for source in sources:
        text = (PROJECT_ROOT / source).read_text()
        # Not a KeyInvalid (a key's own fault, reported to a brand as bad_key) nor a
        # RequestInvalid (the brand's own request, not a message it received).
        raised |= set(re.findall(
            r'(?:(?<!Key)(?<!Request)Invalid|Refused|error|fail)\(\s*"([a-z_]+)"', text))
    listed = {r.reason for r in refusals.REFUSALS}
    assert raised - listed == set(), "reasons raised without a row in the table"
    assert len(listed) == len(refusals.REFUSALS)


def test_the_jwcrypto_example_opens_the_example_token() -> None:
    """The page's 20-odd lines of plain Python, run as printed, on the page's token."""
    namespace: dict[str, Any] = {}
    exec(compile(example("Verifying a share token with jwcrypto alone"), "page", "exec"),
         namespace)
    opener = namespace["open_share_token"]
    seed = hashlib.sha256(b"zpd example key: brand enc").digest()
    brand_key = cjwk.JWK.from_pyca(X25519PrivateKey.from_private_bytes(seed))
    claims = opener(example(TOKEN), brand_key, ORIGIN, IAT + DAY)
    assert claims["data"] == {"shoe_size_eu": 42, "favourite_colours": ["navy", "green"]}
    answered = opener(example(ANSWERS), brand_key, ORIGIN, VISIT_AT + 120)
    assert answered["data"]["q:run-surface"] == ["road", "trail"]
    with pytest.raises(ValueError, match="wrong_audience"):
        opener(example(TOKEN), brand_key, "https://shop.example", IAT + DAY)
    with pytest.raises(ValueError, match="expired"):
        opener(example(TOKEN), brand_key, ORIGIN, IAT + 200 * DAY)
    with pytest.raises(ValueError, match="not_yet_valid"):
        opener(example(TOKEN), brand_key, ORIGIN, IAT)
    compact = example(TOKEN)
    changed = compact[:-2] + ("A" if compact[-2] != "A" else "B") + compact[-1]
    with pytest.raises(Exception):  # noqa: B017  (jwcrypto's own error for a bad tag)
        opener(changed, brand_key, ORIGIN, IAT + DAY)
    lines = example("Verifying a share token with jwcrypto alone").strip().splitlines()
    assert len([line for line in lines if line.strip()]) <= 30
