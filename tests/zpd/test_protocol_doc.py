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

from tests.conftest import PROJECT_ROOT
from zpd import event, jose, receipt, request, token
from zpd.examples import DAY, IAT, ORIGIN, example_keys

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


def test_examples_are_current() -> None:
    """The signed examples are deterministic: regenerate and compare (the JWE aside)."""
    from zpd.examples import render

    fresh = render()
    for title in (REQUEST, EVENT, RECEIPT):
        assert example(title) in fresh, f"{title}: run `make docs`"
