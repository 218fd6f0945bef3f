"""Share tokens and revocation events, read by jwcrypto as a brand would (PROTOCOL 1, 3, 4).

Everything goes through a real vault on disk; jwcrypto, not the protocol code,
decrypts and verifies what the vault sends, and the pairwise keys are
recomputed with cryptography's HKDF from the vault's master seed.
"""

from __future__ import annotations

import pytest
from jwcrypto import jwe, jwk, jws

from tests.support.brand_keys import THUMBPRINT_URI, BrandKeys, signed_request
from tests.support.clock import DAY, Clock
from tests.support.jose_reading import (
    REVOKED_EVENT,
    expected_pairwise,
    is_uuid,
    master_seed,
    open_grant,
    segment_json,
    sha256_b64u,
    verify_jws,
)
from tests.support.specs import DPV, ORIGIN, OTHER_ORIGIN, fit_ask, request_spec
from tests.support.vault_rows import grant_tokens
from tests.support.vaults import MadeVault
from vault.vault import Vault


@pytest.fixture
def request_jws(pv: Vault, keys: BrandKeys, clock: Clock) -> str:
    """A shoe brand's request, imported with surrounding whitespace; values set."""
    compact = signed_request(keys, request_spec(), iat=clock.now, exp=clock.now + 365 * DAY)
    pv.brands.import_request("\n  " + compact + " \r\n")
    pv.fields.set("shoe_size_eu", 42)
    pv.fields.set("favourite_colours", ["black", "navy"])
    return compact


def test_share_token_is_a_nested_jwt_jwcrypto_opens_with_every_claim(
    pv: Vault, keys: BrandKeys, clock: Clock, request_jws: str
) -> None:
    result = pv.grants.share(ORIGIN, "fit-advice")
    opened = open_grant(result.token.compact, keys)

    outer = opened.outer_header
    assert (outer["alg"], outer["enc"], outer["cty"]) == ("ECDH-ES", "A256GCM", "JWT")
    assert outer["kid"] == keys.encryption_kid
    assert outer["epk"]["kty"] == "OKP" and outer["epk"]["crv"] == "X25519"
    assert "zip" not in outer

    header = opened.inner_header
    assert set(header) == {"alg", "typ", "kid", "jwk"}
    assert (header["alg"], header["typ"]) == ("EdDSA", "zpd-grant+jwt")
    public = header["jwk"]
    assert public["kty"] == "OKP" and public["crv"] == "Ed25519" and "d" not in public
    assert header["kid"] == opened.pairwise.thumbprint()

    claims = opened.claims
    pseudonym = THUMBPRINT_URI + opened.pairwise.thumbprint()
    assert claims["iss"] == claims["sub"] == pseudonym
    assert claims["aud"] == ORIGIN
    for name in ("iat", "nbf", "exp"):
        assert type(claims[name]) is int, name
    assert claims["iat"] == claims["nbf"] == clock.now
    assert claims["exp"] == clock.now + 90 * DAY
    assert is_uuid(claims["jti"]) and claims["jti"] == result.token.jti
    assert claims["grant"] == {"id": result.grant.id, "version": 1}
    assert claims["request"] == {
        "jti": segment_json(request_jws, 1)["jti"],
        "ask": "fit-advice",
        "sha256": sha256_b64u(request_jws),
    }
    assert claims["purpose"] == {
        "iri": DPV + "ServicePersonalisation",
        "description": "Recommend shoes that fit you",
    }
    assert claims["retention_days"] == 180
    # Required + optional with a value; style has none, allergies is special category.
    assert claims["data"] == {"shoe_size_eu": 42, "favourite_colours": ["black", "navy"]}
    assert set(claims) == {
        "iss", "sub", "aud", "iat", "nbf", "exp", "jti", "grant", "request", "purpose",
        "retention_days", "data",
    }
    assert result.grant.expires_at == claims["exp"]


def test_share_token_passes_jwcrypto_jwt_claim_checks(
    pv: Vault, keys: BrandKeys, request_jws: str
) -> None:
    from jwcrypto import jwt

    compact = pv.grants.share(ORIGIN, "fit-advice").token.compact
    outer = jwt.JWT(jwt=compact, key=keys.encryption, expected_type="JWE",
                    algs=["ECDH-ES", "A256GCM"])
    inner_text = outer.claims
    pairwise = jwk.JWK(**segment_json(inner_text, 0)["jwk"])
    inner = jwt.JWT(
        jwt=inner_text, key=pairwise, expected_type="JWS", algs=["EdDSA"],
        check_claims={"aud": ORIGIN, "iss": THUMBPRINT_URI + pairwise.thumbprint(),
                      "exp": None, "nbf": None},
    )
    assert segment_json(inner.serialize(), 1)["data"]["shoe_size_eu"] == 42


def test_shorter_days_set_exp_and_the_token_is_for_this_brand_only(
    pv: Vault, keys: BrandKeys, clock: Clock, request_jws: str
) -> None:
    result = pv.grants.share(ORIGIN, "fit-advice", days=10)
    claims = open_grant(result.token.compact, keys).claims
    assert claims["exp"] == clock.now + 10 * DAY == result.grant.expires_at
    stranger = BrandKeys.generate()
    with pytest.raises(jwe.InvalidJWEData):
        open_grant(result.token.compact, stranger)


def test_named_fields_are_exactly_the_data(
    pv: Vault, keys: BrandKeys, request_jws: str
) -> None:
    pv.fields.set("allergies", ["peanuts"])
    result = pv.grants.share(ORIGIN, "fit-advice", fields=["allergies", "shoe_size_eu"])
    assert open_grant(result.token.compact, keys).claims["data"] == {
        "shoe_size_eu": 42, "allergies": ["peanuts"],
    }


def test_revocation_event_is_a_set_verified_with_the_grant_tokens_key(
    pv: Vault, keys: BrandKeys, clock: Clock, request_jws: str
) -> None:
    shared = pv.grants.share(ORIGIN, "fit-advice")
    pairwise = open_grant(shared.token.compact, keys).pairwise
    clock.advance(3600)
    event = pv.grants.revoke(shared.grant.id)

    assert event.compact.count(".") == 2
    header = segment_json(event.compact, 0)
    assert header == {"alg": "EdDSA", "typ": "secevent+jwt", "kid": pairwise.thumbprint()}
    claims = verify_jws(event.compact, pairwise)
    assert claims["iss"] == THUMBPRINT_URI + pairwise.thumbprint()
    assert claims["aud"] == ORIGIN
    assert claims["iat"] == clock.now and type(claims["iat"]) is int
    assert type(claims["toe"]) is int and claims["toe"] <= claims["iat"]
    assert claims["toe"] > shared.grant.created_at
    assert is_uuid(claims["jti"]) and claims["jti"] == event.jti != shared.token.jti
    assert claims["events"] == {REVOKED_EVENT: {"grant": shared.grant.id, "reason": "person"}}

    other = jwk.JWK.generate(kty="OKP", crv="Ed25519")
    with pytest.raises(jws.InvalidJWSSignature):
        verify_jws(event.compact, other)


def test_pairwise_keys_follow_protocol_section_1(
    pv: Vault, keys: BrandKeys, clock: Clock, request_jws: str
) -> None:
    books = BrandKeys.generate()
    pv.brands.import_request(
        signed_request(books, request_spec(OTHER_ORIGIN, "Books Example", [fit_ask()]),
                       iat=clock.now, exp=clock.now + DAY)
    )
    shoes_token = open_grant(pv.grants.share(ORIGIN, "fit-advice").token.compact, keys)
    books_token = open_grant(pv.grants.share(OTHER_ORIGIN, "fit-advice").token.compact, books)

    seed = master_seed(pv)
    assert len(seed) == 32
    for origin, opened in ((ORIGIN, shoes_token), (OTHER_ORIGIN, books_token)):
        expected = expected_pairwise(seed, origin)
        assert opened.pairwise.thumbprint() == expected.thumbprint()
        assert opened.inner_header["jwk"]["x"] == expected.export_public(as_dict=True)["x"]
        assert opened.claims["iss"] == THUMBPRINT_URI + expected.thumbprint()

    assert shoes_token.pairwise.thumbprint() != books_token.pairwise.thumbprint()
    assert shoes_token.claims["iss"] != books_token.claims["iss"]


def test_same_brand_same_pseudonym_across_grants_versions_and_unlocks(
    made_vault: MadeVault, pv: Vault, keys: BrandKeys, clock: Clock, request_jws: str
) -> None:
    pv.fields.set("contact_channels", ["email"])
    first = pv.grants.share(ORIGIN, "fit-advice")
    second = pv.grants.share(ORIGIN, "newsletter")
    pv.fields.set("shoe_size_eu", 43)  # a new version of both grants
    revoked = pv.grants.revoke(second.grant.id)
    pv.lock()

    again = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=clock)
    try:
        third = again.grants.share(ORIGIN, "fit-advice")
        compacts = [c for g in (first, second) for _, _, c in grant_tokens(again, g.grant.id)]
    finally:
        again.lock()
    compacts.append(third.token.compact)
    assert len(compacts) == 5

    opened = [open_grant(c, keys) for c in compacts]
    pseudonyms = {o.claims["iss"] for o in opened}
    x_values = {o.inner_header["jwk"]["x"] for o in opened}
    assert len(pseudonyms) == 1 and len(x_values) == 1
    assert segment_json(revoked.compact, 1)["iss"] in pseudonyms
    assert {(o.claims["grant"]["id"], o.claims["grant"]["version"]) for o in opened} == {
        (first.grant.id, 1), (first.grant.id, 2), (second.grant.id, 1), (second.grant.id, 2),
        (third.grant.id, 1),
    }
