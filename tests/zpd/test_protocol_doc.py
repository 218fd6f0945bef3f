"""docs/protocol.md: the contract's text, and worked examples that really verify."""

from __future__ import annotations

import json
import re

import pytest
from jwcrypto import jwe as cjwe
from jwcrypto import jwk as cjwk
from jwcrypto import jws as cjws

from tests.conftest import PROJECT_ROOT
from zpd import event, jose, receipt, request, token
from zpd.examples import DAY, IAT, ORIGIN, example_keys

DOC = PROJECT_ROOT / "docs" / "protocol.md"
SHARED_CONTRACT = PROJECT_ROOT.parent / "shared" / "PROTOCOL.md"


def example(title: str) -> str:
    match = re.search(rf"\*\*{re.escape(title)}\*\*\n\n```[a-z]*\n(.*?)\n```", DOC.read_text(),
                      re.S)
    assert match, title
    return match.group(1)


def test_doc_carries_the_contract_verbatim() -> None:
    if not SHARED_CONTRACT.is_file():
        pytest.skip("the shared contract is not beside this checkout")
    assert DOC.read_text().startswith(SHARED_CONTRACT.read_text())


def test_examples_verify_with_our_code_and_with_jwcrypto() -> None:
    signing, encryption, seed = example_keys()
    request_jws = example("Data request (JWS compact)")
    verified = request.verify_request(request_jws, IAT)
    assert verified.iss == ORIGIN and verified.key_ids[0] == jose.thumbprint(signing)

    share = example("Share token (JWE compact, encrypted to the brand)")
    opened = token.open_token(share, encryption, ORIGIN, IAT + DAY)
    assert opened.inner_jws == example("The share token's inner JWS, once decrypted")
    assert opened.claims.request_sha256 == verified.sha256
    assert opened.claims.data == {"shoe_size_eu": 42, "favourite_colours": ["navy", "green"]}

    revoked = event.verify(
        example("Revocation event (SET, JWS compact)"), opened.pairwise_jwk, ORIGIN, IAT + 30 * DAY
    )
    assert revoked.grant_id == opened.claims.grant_id
    ack = receipt.verify(
        example("Receipt for the share token"), verified.signing_jwk, issuer=ORIGIN,
        audience=opened.claims.pseudonym, ack_jti=opened.claims.jti, status="stored",
    )
    assert ack.status == "stored"

    # An independent library reads the same examples.
    brand_key = cjwk.JWK(**jose.private_jwk(encryption, "enc"))
    outer = cjwe.JWE()
    outer.deserialize(share, key=brand_key)
    inner = cjws.JWS()
    inner.deserialize(outer.payload.decode())
    inner.verify(cjwk.JWK(**inner.jose_header["jwk"]), alg="EdDSA")
    assert json.loads(inner.payload)["aud"] == ORIGIN


def test_examples_are_current() -> None:
    """The signed examples are deterministic: regenerate and compare (the JWE aside)."""
    from zpd.examples import render

    fresh = render()
    for title in ("Data request (JWS compact)", "Revocation event (SET, JWS compact)",
                  "Receipt for the share token"):
        assert example(title) in fresh, f"{title}: run `make docs`"

