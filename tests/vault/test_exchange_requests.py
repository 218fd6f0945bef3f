"""Importing data requests (PROTOCOL section 2): what the vault accepts, keeps and refuses.

Requests here are built and signed by jwcrypto alone (keys, thumbprints, JWS), so
the vault is shown to accept what any JOSE library produces, and to refuse,
keeping nothing, whatever breaks the contract.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from jwcrypto import jwk

from tests.support.brand_keys import (
    BrandKeys,
    jwcrypto_request,
    jwcrypto_sign,
    request_payload,
    signed_request,
)
from tests.support.clock import DAY, Clock
from tests.support.jose_reading import Json, b64u_json
from tests.support.specs import ORIGIN, fit_ask, news_ask, request_spec
from tests.support.vault_rows import counts
from vault.errors import BrandKeysChanged, UnknownAsk
from vault.exchange.brands import RequestSource
from vault.vault import Vault
from zpd.errors import RequestInvalid


def stored_jws(vault: Vault) -> list[str]:
    return [str(r[0]) for r in vault._store.query("SELECT jws FROM requests ORDER BY id")]


# -- accepted -----------------------------------------------------------------------------


@pytest.mark.parametrize("alg", ["EdDSA", "Ed25519"])
def test_request_made_by_jwcrypto_is_accepted(
    pv: Vault, keys: BrandKeys, clock: Clock, alg: str
) -> None:
    compact = jwcrypto_request(keys, request_spec(), iat=clock.now, exp=clock.now + DAY, alg=alg)
    result = pv.brands.import_request(compact)

    assert result.new_brand and not result.already_known and not result.keys_replaced
    assert result.request.key_ids == (keys.signing_kid, keys.encryption_kid)
    [brand] = pv.brands.all()
    assert (brand.origin, brand.name) == (ORIGIN, "Shoes Example")
    assert (brand.signing_kid, brand.encryption_kid) == (keys.signing_kid, keys.encryption_kid)
    assert [a.id for a in pv.brands.asks(ORIGIN)] == ["fit-advice", "newsletter"]
    fit = pv.brands.asks(ORIGIN)[0]
    assert fit.required_keys == ("shoe_size_eu",)
    assert (fit.duration_days, fit.retention_days, fit.offer.kind) == (90, 180, "discount")
    assert stored_jws(pv) == [compact]


def test_loopback_http_origin_is_accepted_when_fetched_from_it(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    """Only from its own address (tests/vault/test_local_addresses.py: never from a file)."""
    origin = "http://127.0.0.1:8080"
    compact = jwcrypto_request(keys, request_spec(origin), iat=clock.now, exp=clock.now + DAY)
    pv.brands.import_request(compact, RequestSource.WEB, expected_origin=origin)
    assert [b.origin for b in pv.brands.all()] == [origin]


def test_unknown_claims_are_ignored(pv: Vault, keys: BrandKeys, clock: Clock) -> None:
    payload = request_payload(keys, request_spec(), iat=clock.now, exp=clock.now + DAY)
    payload["x-campaign"] = {"anything": [1, 2]}
    header = {"alg": "EdDSA", "typ": "zpd-request+jwt", "kid": keys.signing_kid}
    pv.brands.import_request(jwcrypto_sign(payload, keys.signing, header))
    assert len(pv.brands.all()) == 1


# -- refused, keeping nothing ---------------------------------------------------------


def _header(keys: BrandKeys, **changes: str) -> Json:
    return {"alg": "EdDSA", "typ": "zpd-request+jwt", "kid": keys.signing_kid, **changes}


def _alg_none(keys: BrandKeys, now: int) -> str:
    payload = request_payload(keys, request_spec(), iat=now, exp=now + DAY)
    return f"{b64u_json(_header(keys, alg='none'))}.{b64u_json(payload)}."


def _hs256(keys: BrandKeys, now: int) -> str:
    # The HMAC secret is the brand's public key bytes: the classic confusion attack.
    secret = jwk.JWK(kty="oct", k=keys.signing.export_public(as_dict=True)["x"])
    payload = request_payload(keys, request_spec(), iat=now, exp=now + DAY)
    return jwcrypto_sign(payload, secret, _header(keys, alg="HS256"))


def _wrong_typ(keys: BrandKeys, now: int) -> str:
    payload = request_payload(keys, request_spec(), iat=now, exp=now + DAY)
    return jwcrypto_sign(payload, keys.signing, _header(keys, typ="zpd-grant+jwt"))


def _expired(keys: BrandKeys, now: int) -> str:
    return jwcrypto_request(keys, request_spec(), iat=now - 2 * DAY, exp=now - 1)


def _expires_now(keys: BrandKeys, now: int) -> str:
    return jwcrypto_request(keys, request_spec(), iat=now - DAY, exp=now)


def _endpoint_elsewhere(keys: BrandKeys, now: int) -> str:
    body = request_spec()
    body["endpoints"]["events"] = "https://collector.example/zpd/events"
    return jwcrypto_request(keys, body, iat=now, exp=now + DAY)


def _endpoint_other_port(keys: BrandKeys, now: int) -> str:
    body = request_spec()
    body["endpoints"]["grants"] = ORIGIN + ":8443/zpd/grants"
    return jwcrypto_request(keys, body, iat=now, exp=now + DAY)


def _http_not_loopback(keys: BrandKeys, now: int) -> str:
    return jwcrypto_request(keys, request_spec("http://shoes.example"), iat=now, exp=now + DAY)


def _signed_by_another_key(keys: BrandKeys, now: int) -> str:
    # The header names the brand's published key; another key signs.
    impostor = jwk.JWK.generate(kty="OKP", crv="Ed25519")
    payload = request_payload(keys, request_spec(), iat=now, exp=now + DAY)
    return jwcrypto_sign(payload, impostor, _header(keys))


def _kid_of_unlisted_key(keys: BrandKeys, now: int) -> str:
    # Signed by a key that the header names but jwks does not hold.
    impostor = jwk.JWK.generate(kty="OKP", crv="Ed25519")
    payload = request_payload(keys, request_spec(), iat=now, exp=now + DAY)
    return jwcrypto_sign(payload, impostor, _header(keys, kid=impostor.thumbprint()))


def _tampered_payload(keys: BrandKeys, now: int) -> str:
    good = jwcrypto_request(keys, request_spec(), iat=now, exp=now + DAY)
    head, _, signature = good.split(".")
    payload = request_payload(keys, request_spec(), iat=now, exp=now + 365 * DAY)
    return f"{head}.{b64u_json(payload)}.{signature}"


def _unknown_field(keys: BrandKeys, now: int) -> str:
    ask = fit_ask()
    ask["fields"].append({"key": "mothers_maiden_name", "required": False, "why": "fun"})
    return jwcrypto_request(keys, request_spec(asks=[ask]), iat=now, exp=now + DAY)


def _not_dpv(keys: BrandKeys, now: int) -> str:
    ask = fit_ask(purpose={"iri": "https://shoes.example/purposes#Ads", "description": "ads"})
    return jwcrypto_request(keys, request_spec(asks=[ask]), iat=now, exp=now + DAY)


def _bad_offer(keys: BrandKeys, now: int) -> str:
    ask = news_ask(offer={"kind": "lottery", "description": "maybe"})
    return jwcrypto_request(keys, request_spec(asks=[ask]), iat=now, exp=now + DAY)


def _kid_not_thumbprint(keys: BrandKeys, now: int) -> str:
    payload = request_payload(keys, request_spec(), iat=now, exp=now + DAY)
    payload["jwks"]["keys"][0]["kid"] = "sig-2026"
    return jwcrypto_sign(payload, keys.signing, _header(keys, kid="sig-2026"))


def _private_key_published(keys: BrandKeys, now: int) -> str:
    payload = request_payload(keys, request_spec(), iat=now, exp=now + DAY)
    payload["jwks"]["keys"][1]["d"] = keys.encryption.export_private(as_dict=True)["d"]
    return jwcrypto_sign(payload, keys.signing, _header(keys))


def _too_large(keys: BrandKeys, now: int) -> str:
    payload = request_payload(keys, request_spec(), iat=now, exp=now + DAY)
    payload["padding"] = "x" * (256 * 1024)
    return jwcrypto_sign(payload, keys.signing, _header(keys))


def _issuer_with_a_slash(keys: BrandKeys, now: int) -> str:
    body = request_spec()
    body["iss"] = ORIGIN + "/"  # tokens would carry one spelling, receipts another
    return jwcrypto_request(keys, body, iat=now, exp=now + DAY)


def _issuer_in_capitals(keys: BrandKeys, now: int) -> str:
    body = request_spec()
    body["iss"] = "https://Shoes.Example:443"
    return jwcrypto_request(keys, body, iat=now, exp=now + DAY)


def _issued_an_hour_ahead(keys: BrandKeys, now: int) -> str:
    return jwcrypto_request(keys, request_spec(), iat=now + 3600, exp=now + DAY)


def _without_iat(keys: BrandKeys, now: int) -> str:
    payload = request_payload(keys, request_spec(), iat=now, exp=now + DAY)
    del payload["iat"]
    return jwcrypto_sign(payload, keys.signing, _header(keys))


BAD_REQUESTS: dict[str, tuple[Callable[[BrandKeys, int], str], str]] = {
    "iss with a trailing slash": (_issuer_with_a_slash, "non_canonical_issuer"),
    "iss with capitals and the default port": (_issuer_in_capitals, "non_canonical_issuer"),
    "issued an hour ahead": (_issued_an_hour_ahead, "not_yet_valid"),
    "without iat": (_without_iat, "bad_member"),
    "alg none": (_alg_none, "bad_algorithm"),
    "HS256": (_hs256, "bad_algorithm"),
    "wrong typ": (_wrong_typ, "wrong_type"),
    "expired": (_expired, "expired"),
    "exp is now": (_expires_now, "expired"),
    "endpoint on another origin": (_endpoint_elsewhere, "bad_endpoint"),
    "endpoint on another port": (_endpoint_other_port, "bad_endpoint"),
    "http, not loopback": (_http_not_loopback, "bad_issuer"),
    "signed by another key": (_signed_by_another_key, "bad_signature"),
    "kid of a key not in jwks": (_kid_of_unlisted_key, "unknown_key"),
    "payload changed after signing": (_tampered_payload, "bad_signature"),
    "unknown field key": (_unknown_field, "unknown_field"),
    "purpose not DPV": (_not_dpv, "bad_purpose"),
    "unknown offer kind": (_bad_offer, "bad_offer"),
    "kid not the thumbprint": (_kid_not_thumbprint, "bad_keys"),
    "private key in jwks": (_private_key_published, "bad_keys"),
    "larger than 256 KiB": (_too_large, "too_large"),
}


@pytest.mark.parametrize("case", list(BAD_REQUESTS))
def test_bad_request_is_refused_and_nothing_is_kept(
    pv: Vault, keys: BrandKeys, clock: Clock, case: str
) -> None:
    make, reason = BAD_REQUESTS[case]
    compact = make(keys, clock.now)
    before = counts(pv)
    with pytest.raises(RequestInvalid) as refused:
        pv.brands.import_request(compact)
    assert refused.value.reason == reason
    assert pv.brands.all() == []
    assert counts(pv) == before
    assert pv.audit.verify().ok


# -- key pinning, idempotence, exactly as received ---------------------------------------


def test_other_keys_from_a_pinned_origin_are_refused_until_accepted(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    pv.brands.import_request(jwcrypto_request(keys, request_spec(asks=[fit_ask()]), iat=clock.now,
                                              exp=clock.now + DAY))
    pinned = pv.brands.all()
    before = counts(pv)

    new_keys = BrandKeys.generate()
    clock.advance(60)
    rotated = jwcrypto_request(new_keys, request_spec(name="Shoes Renamed", asks=[news_ask()]),
                               iat=clock.now, exp=clock.now + DAY)
    with pytest.raises(BrandKeysChanged) as changed:
        pv.brands.import_request(rotated)
    assert changed.value.origin == ORIGIN
    assert changed.value.pinned == (keys.signing_kid, keys.encryption_kid)
    assert changed.value.offered == (new_keys.signing_kid, new_keys.encryption_kid)
    assert pv.brands.all() == pinned
    assert counts(pv) == before
    assert [a.id for a in pv.brands.asks(ORIGIN)] == ["fit-advice"]

    result = pv.brands.import_request(rotated, accept_new_keys=True)
    assert result.keys_replaced and not result.new_brand
    [brand] = pv.brands.all()
    assert (brand.signing_kid, brand.encryption_kid) == (
        new_keys.signing_kid, new_keys.encryption_kid)
    assert brand.name == "Shoes Renamed"
    assert [a.id for a in pv.brands.asks(ORIGIN)] == ["newsletter"]
    [entry] = pv.audit.entries(action_prefix="brand.keys_replaced")
    assert entry.details["brand"] == ORIGIN
    assert entry.details["kids"] == [new_keys.signing_kid, new_keys.encryption_kid]
    assert pv.audit.verify().ok


def test_only_one_key_changed_is_a_change_too(pv: Vault, keys: BrandKeys, clock: Clock) -> None:
    pv.brands.import_request(jwcrypto_request(keys, request_spec(), iat=clock.now,
                                              exp=clock.now + DAY))
    half = BrandKeys(keys.signing, jwk.JWK.generate(kty="OKP", crv="X25519"))
    with pytest.raises(BrandKeysChanged):
        pv.brands.import_request(jwcrypto_request(half, request_spec(), iat=clock.now,
                                                  exp=clock.now + DAY))
    assert pv.brands.all()[0].encryption_kid == keys.encryption_kid


def test_same_keys_new_request_is_accepted_without_asking(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    pv.brands.import_request(jwcrypto_request(keys, request_spec(asks=[fit_ask()]), iat=clock.now,
                                              exp=clock.now + DAY))
    clock.advance(10)
    result = pv.brands.import_request(
        jwcrypto_request(keys, request_spec(asks=[news_ask()]), iat=clock.now, exp=clock.now + DAY)
    )
    assert not result.new_brand and not result.keys_replaced and not result.already_known
    assert [a.id for a in pv.brands.asks(ORIGIN)] == ["newsletter"]
    assert counts(pv)["requests"] == 2


def test_importing_the_same_request_twice_is_idempotent(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    compact = signed_request(keys, request_spec(), iat=clock.now, exp=clock.now + DAY)
    first = pv.brands.import_request(compact)
    before = counts(pv)
    brands = pv.brands.all()
    again = pv.brands.import_request("  " + compact + "\n", RequestSource.TEXT)
    assert first.new_brand and not first.already_known
    assert again.already_known and not again.new_brand
    assert pv.brands.all() == brands
    after = counts(pv)
    assert (after["brands"], after["requests"]) == (before["brands"], before["requests"])
    assert stored_jws(pv) == [compact]


def test_the_request_is_kept_exactly_as_received(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    # jwcrypto's own serialisation: `{"alg": "EdDSA", ...}` with spaces, not canonical JSON.
    compact = jwcrypto_request(keys, request_spec(), iat=clock.now, exp=clock.now + DAY)
    pv.brands.import_request("\r\n\t " + compact + " \n\n", RequestSource.TEXT)
    assert stored_jws(pv) == [compact]
    latest = pv.brands.latest_request(ORIGIN)
    assert latest is not None and latest.request.jws == compact
    pv.fields.set("shoe_size_eu", 40)
    pv.grants.share(ORIGIN, "fit-advice")
    [record] = pv.transparency.consent_records()["records"]
    assert record["notice"]["signed_by_controller"] == compact
    assert json.dumps(record).count(compact) == 1


@pytest.mark.parametrize("source", [RequestSource.FILE, RequestSource.TEXT])
def test_domain_is_not_verified_for_files_and_pasted_text(
    pv: Vault, keys: BrandKeys, clock: Clock, source: RequestSource
) -> None:
    compact = signed_request(keys, request_spec(), iat=clock.now, exp=clock.now + DAY)
    result = pv.brands.import_request(compact, source)
    assert result.brand.domain_verified is False
    assert pv.brands.all()[0].domain_verified is False
    latest = pv.brands.latest_request(ORIGIN)
    assert latest is not None and latest.domain_verified is False and latest.source is source
    [entry] = pv.audit.entries(action_prefix="request.imported")
    assert entry.details["domain_verified"] is False and entry.details["source"] == source.value


def test_a_fetch_over_tls_verifies_and_a_later_file_does_not_undo_it(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    compact = signed_request(keys, request_spec(), iat=clock.now, exp=clock.now + DAY)
    pv.brands.import_request(compact, RequestSource.FILE)
    assert pv.brands.all()[0].domain_verified is False
    pv.brands.import_request(compact, RequestSource.WEB)
    assert pv.brands.all()[0].domain_verified is True
    pv.brands.import_request(compact, RequestSource.FILE)
    assert pv.brands.all()[0].domain_verified is True


# -- an older request, and keys that only a file vouched for ------------------------------


def test_an_older_request_from_a_file_does_not_replace_the_asks_on_offer(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    """Last year's request, kept in a file, asked for more: importing it later must not put
    its asks back in place of the ones the brand's site serves now."""
    old = signed_request(keys, request_spec(asks=[fit_ask(), news_ask()]),
                         iat=clock.now - 300 * DAY,
                         exp=clock.now + DAY)
    current = signed_request(keys, request_spec(asks=[fit_ask()]), iat=clock.now - DAY,
                             exp=clock.now + 30 * DAY)
    assert not pv.brands.import_request(current, RequestSource.WEB, expected_origin=ORIGIN).outdated
    result = pv.brands.import_request(old, RequestSource.FILE)
    assert result.outdated and not result.already_known
    assert [a.id for a in pv.brands.asks(ORIGIN)] == ["fit-advice"]
    latest = pv.brands.latest_request(ORIGIN)
    assert latest is not None and latest.request.jws == current and latest.domain_verified
    with pytest.raises(UnknownAsk):
        pv.transparency.balance_for_ask(ORIGIN, "newsletter")
    clock.advance(10)
    newer = signed_request(keys, request_spec(asks=[news_ask()]), iat=clock.now,
                           exp=clock.now + DAY)
    assert not pv.brands.import_request(newer, RequestSource.FILE).outdated
    assert [a.id for a in pv.brands.asks(ORIGIN)] == ["newsletter"]


def test_keys_pinned_from_a_file_give_way_to_a_verified_fetch(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    """Whoever handed over the file chose the keys; the brand's own address outranks it."""
    impostor = BrandKeys.generate()
    # Newer by iat than the one fetched next (within the clock skew a request may have).
    pv.brands.import_request(signed_request(impostor, request_spec(name="Shoes Exampel"),
                                            iat=clock.now + 50, exp=clock.now + 2 * DAY),
                             RequestSource.FILE)
    clock.advance(10)
    served = signed_request(keys, request_spec(), iat=clock.now, exp=clock.now + DAY)
    result = pv.brands.import_request(served, RequestSource.WEB, expected_origin=ORIGIN)
    assert result.keys_replaced and result.unverified_keys_replaced and not result.outdated
    [brand] = pv.brands.all()
    assert brand.domain_verified and brand.name == "Shoes Example"
    assert (brand.signing_kid, brand.encryption_kid) == (keys.signing_kid, keys.encryption_kid)
    latest = pv.brands.latest_request(ORIGIN)  # the file's request, signed by the old key, is not
    assert latest is not None and latest.request.jws == served
    [entry] = pv.audit.entries(action_prefix="brand.keys_replaced")
    assert entry.details == {"brand": ORIGIN, "kids": [keys.signing_kid, keys.encryption_kid],
                             "reason": "domain_verified"}
    assert pv.audit.verify().ok


def test_verified_keys_still_need_acceptance_to_change(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    pv.brands.import_request(signed_request(keys, request_spec(), iat=clock.now,
                                            exp=clock.now + DAY),
                             RequestSource.WEB, expected_origin=ORIGIN)
    other = signed_request(BrandKeys.generate(), request_spec(), iat=clock.now + 1,
                           exp=clock.now + DAY)
    for source in (RequestSource.WEB, RequestSource.FILE):
        with pytest.raises(BrandKeysChanged):
            pv.brands.import_request(
                other, source, expected_origin=ORIGIN if source is RequestSource.WEB else None)
    assert pv.brands.all()[0].signing_kid == keys.signing_kid
