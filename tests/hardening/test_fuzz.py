"""Fuzzing the parsers a brand or a network can reach: requests, tokens, events, receipts,
and web addresses. Nothing but typed errors, and no hang.

Three kinds of input: raw garbage (any text or bytes); compact-shaped garbage (random
base64url segments of random JSON); and, to reach the claim checks behind the signature,
documents mutated from valid ones and then properly signed (and encrypted) with the real
keys. Each example has a deadline, and each test a hard alarm against a hang.
"""

from __future__ import annotations

import copy
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from joserfc import jwe
from joserfc.errors import JoseError

from brandkit.issuing import sign_spec
from brandkit.keys import generate_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from tests.hardening.samples import NOW, ORIGIN, spec
from tests.support.children import FULL, subprocess_env
from tests.support.vaults import PROJECT_ROOT
from vault.errors import TransportError
from vault.exchange import delivery
from vault.exchange.transport import HttpTransport, LocalRule, Response, never_local
from zpd import event, jose, receipt, token
from zpd.errors import ProtocolError
from zpd.origin import canonical_origin, is_loopback_host, origin_of
from zpd.pairwise import pairwise_key
from zpd.processors import domain_problem
from zpd.request import REQUEST_TYP, verify_request

EXAMPLES = 1000 if FULL else 150
FUZZ = settings(max_examples=EXAMPLES, deadline=1000,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HANG_SECONDS = 600 if FULL else 120


class Hang(Exception):
    pass


@pytest.fixture(autouse=True)
def alarm() -> Iterator[None]:
    """A hard limit: a parser that hangs fails the test instead of the whole run."""

    def fire(signum: int, frame: object) -> None:
        raise Hang(f"no result within {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.alarm(HANG_SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# -- the keys and valid documents the mutations start from ---------------------------------

BRAND = generate_keys()
REQUEST_TEXT = sign_spec(spec(), BRAND, now=NOW - 60)
REQUEST = verify_request(REQUEST_TEXT, NOW)
PAYLOAD = json.loads(jose.b64u_decode(REQUEST_TEXT.split(".")[1]))
PAIRWISE = pairwise_key(bytes(range(32)), ORIGIN)
PSEUDONYM = jose.thumbprint_uri(PAIRWISE)
PAIRWISE_JWK = jose.public_jwk(PAIRWISE)
ENCRYPTION_JWK = jose.public_jwk(BRAND.encryption, "enc")
BRAND_SIGNING_JWK = jose.public_jwk(BRAND.signing, "sig")
GRANT_CLAIMS = token.GrantClaims(
    pseudonym=PSEUDONYM, audience=ORIGIN, iat=NOW, nbf=NOW, exp=NOW + 86400, jti="t-1",
    grant_id="g-1", version=1, request_jti=REQUEST.jti, ask_id="fit-advice",
    request_sha256=REQUEST.sha256, purpose_iri="https://w3id.org/dpv#ServicePersonalisation",
    purpose_description="Recommend shoes that fit you", retention_days=180,
    data={"shoe_size_eu": 42},
).to_claims()
EVENT_CLAIMS = {
    "iss": PSEUDONYM, "aud": ORIGIN, "iat": NOW, "jti": "e-1", "toe": NOW,
    "events": {event.GRANT_REVOKED: {"grant": "g-1", "reason": "person"}},
}
PAUSE_CLAIMS = {**EVENT_CLAIMS, "events": {event.GRANT_PAUSED: {"grant": "g-1"}}}
RECEIVER = Receiver(BRAND, SqliteStorage(), ORIGIN)  # in memory, for this module
RECEIVER.register_issued_request(REQUEST_TEXT)
RECEIPT_CLAIMS = {
    "iss": ORIGIN, "aud": PSEUDONYM, "iat": NOW, "jti": "r-1",
    "ack": {"jti": "t-1", "status": "deletion_pending", "downstream": [
        {"system": "esp.example", "status": "pending", "at": None},
        {"system": "crm", "status": "deleted", "at": NOW}]},
}

# -- strategies ------------------------------------------------------------------------------

scalars = (st.none() | st.booleans() | st.integers(-(2**70), 2**70)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=40)
           | st.sampled_from(["", " ", "https://shoes.example", "http://evil.example", "EdDSA",
                              "none", "HS256", "x" * 3000, "\u202e", "-1", "1e400"]))
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=12,
)


def mutated(document: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    """The document with a few members deleted, replaced or added, at any depth."""
    result = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        node: Any = result
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = data.draw(st.sampled_from(keys), label="key")
            child = node[key]
            if isinstance(child, dict | list) and child and data.draw(st.booleans(), label="in"):
                node = child
                continue
            action = data.draw(st.sampled_from(["delete", "replace", "add"]), label="action")
            if action == "delete":
                del node[key]
            elif action == "replace":
                node[key] = data.draw(json_values, label="value")
            elif isinstance(node, dict):
                node[data.draw(st.text(max_size=10), label="name")] = data.draw(json_values)
            break
    return result


def compact_shaped(segments: int) -> st.SearchStrategy[str]:
    segment = st.one_of(
        st.binary(max_size=80).map(jose.b64u),
        json_values.map(lambda v: jose.b64u(json.dumps(v).encode())),
        st.text(max_size=30),
    )
    return st.lists(segment, min_size=segments, max_size=segments).map(".".join)


garbage = st.one_of(
    st.text(max_size=400),
    st.binary(max_size=400).map(lambda b: b.decode("latin-1")),
    compact_shaped(3),
    compact_shaped(5),
    st.integers().map(str),
)


def only_typed(parse: Callable[[], object]) -> object | None:
    """Run a parser: a ProtocolError is an answer, anything else propagates (a failure).
    (`--hypothesis-show-statistics` lists the reasons met, to see how deep the inputs go.)"""
    try:
        result = parse()
    except ProtocolError as error:
        hypothesis.event(f"{type(error).__name__}: {error.reason}")
        return None
    hypothesis.event("accepted")
    return result


def sign_with(key: Any, header: dict[str, Any], claims: Any) -> str:
    """A compact JWS signed by hand (Ed25519 over the signing input), so any header, even one
    no JOSE library would produce, reaches the verifier with a valid signature."""
    protected = jose.b64u(json.dumps({"alg": "EdDSA", **header}).encode())
    payload = jose.b64u(json.dumps(claims).encode())
    signature = key.private_key.sign(f"{protected}.{payload}".encode())
    return f"{protected}.{payload}.{jose.b64u(signature)}"


# -- requests ----------------------------------------------------------------------------------


@FUZZ
@given(garbage)
def test_request_garbage(text: str) -> None:
    only_typed(lambda: verify_request(text, NOW))


@FUZZ
@given(st.data())
def test_signed_mutated_requests(data: st.DataObject) -> None:
    header = {"typ": REQUEST_TYP, "kid": jose.thumbprint(BRAND.signing)}
    if data.draw(st.booleans(), label="mutate header"):
        header = mutated(header, data)
    text = sign_with(BRAND.signing, header, mutated(PAYLOAD, data))
    request = only_typed(lambda: verify_request(text, NOW))
    if request is not None:  # accepted: the rules still hold
        assert isinstance(request, type(REQUEST))
        assert request.exp > NOW
        assert canonical_origin(request.iss) == request.iss
        for url in (request.body.grants_endpoint, request.body.events_endpoint,
                    request.body.receipts_endpoint, request.return_uri):
            assert url is None or origin_of(url) == request.iss
        assert all(domain_problem(name) == "" for name in request.processors)
        for ask in request.body.asks:
            assert len(ask.fields) <= 100
            for question in ask.questions:
                assert question.key.startswith("q:") and 0 < len(question.label) <= 200


# -- tokens --------------------------------------------------------------------------------------


def open_as_brand(text: str) -> object:
    return token.open_token(text, BRAND.encryption, ORIGIN, NOW)


@FUZZ
@given(garbage)
def test_token_garbage(text: str) -> None:
    only_typed(lambda: open_as_brand(text))


@pytest.mark.slow
@FUZZ
@given(st.data())
def test_signed_encrypted_mutated_tokens(data: st.DataObject) -> None:
    header = {"typ": token.GRANT_TYP, "kid": jose.thumbprint(PAIRWISE), "jwk": PAIRWISE_JWK}
    if data.draw(st.booleans(), label="mutate header"):
        header = mutated(header, data)
    inner = sign_with(PAIRWISE, header, mutated(GRANT_CLAIMS, data))
    outer = {"alg": "ECDH-ES", "enc": "A256GCM", "kid": ENCRYPTION_JWK["kid"], "cty": "JWT"}
    if data.draw(st.booleans(), label="mutate jwe header"):
        outer = mutated(outer, data)
    try:
        text = jwe.encrypt_compact(outer, inner.encode(), BRAND.encryption,
                                   algorithms=["ECDH-ES", "A256GCM", "A128GCM", "dir",
                                               "ECDH-ES+A128KW"])
    except (JoseError, ValueError, TypeError, KeyError):
        text = token.encrypt_to_brand(inner, ENCRYPTION_JWK)
    opened = only_typed(lambda: open_as_brand(text))
    if opened is not None:
        assert isinstance(opened, token.OpenedToken)
        assert opened.claims.pseudonym == PSEUDONYM
        assert isinstance(opened.claims.data, dict) and opened.claims.data
    # The brand kit's receiver runs its own checks (the request, the ask, the fields) too.
    only_typed(lambda: RECEIVER.receive_token(text, NOW))


# -- events and receipts ------------------------------------------------------------------------


@FUZZ
@given(garbage)
def test_event_and_receipt_garbage(text: str) -> None:
    only_typed(lambda: event.unverified_issuer(text))
    assert event.unverified_grant(text) is None or isinstance(event.unverified_grant(text), str)
    only_typed(lambda: event.verify(text, PAIRWISE_JWK, ORIGIN, NOW))
    only_typed(lambda: receipt.verify(text, BRAND_SIGNING_JWK, issuer=ORIGIN,
                                      audience=PSEUDONYM, ack_jti="t-1",
                                      status=receipt.STATUSES, now=NOW))


@FUZZ
@given(st.data())
def test_signed_mutated_events(data: st.DataObject) -> None:
    header = {"typ": event.SET_TYP, "kid": jose.thumbprint(PAIRWISE)}
    if data.draw(st.booleans(), label="mutate header"):
        header = mutated(header, data)
    claims = data.draw(st.sampled_from([EVENT_CLAIMS, PAUSE_CLAIMS]), label="event")
    text = sign_with(PAIRWISE, header, mutated(claims, data))
    only_typed(lambda: event.unverified_issuer(text))
    locked = event.unverified_grant(text)  # never raises: what the receiver locks
    verified = only_typed(lambda: event.verify(text, PAIRWISE_JWK, ORIGIN, NOW))
    if verified is not None:
        assert isinstance(verified, event.GrantEvent) and verified.issuer == PSEUDONYM
        assert verified.type in event.EVENT_TYPES
        assert locked == verified.grant_id


@FUZZ
@given(st.data())
def test_signed_mutated_receipts(data: st.DataObject) -> None:
    header = {"typ": receipt.RECEIPT_TYP, "kid": jose.thumbprint(BRAND.signing)}
    if data.draw(st.booleans(), label="mutate header"):
        header = mutated(header, data)
    text = sign_with(BRAND.signing, header, mutated(RECEIPT_CLAIMS, data))
    verified = only_typed(lambda: receipt.verify(
        text, BRAND_SIGNING_JWK, issuer=ORIGIN, audience=PSEUDONYM, ack_jti="t-1",
        status=receipt.STATUSES, now=NOW))
    if verified is not None:
        assert isinstance(verified, receipt.Receipt) and verified.ack_jti == "t-1"
        assert verified.iat <= NOW + 60 and verified.status in receipt.STATUSES


# -- the brand's receiver, fed the same ------------------------------------------------------


@FUZZ
@given(body=st.one_of(garbage, st.binary(max_size=400)))
def test_the_receiver_answers_garbage_with_typed_refusals(body: str | bytes) -> None:
    only_typed(lambda: RECEIVER.receive_token(body, NOW))
    only_typed(lambda: RECEIVER.receive_event(body, NOW))


# -- web addresses -------------------------------------------------------------------------------

hosts = st.one_of(
    st.text(max_size=30),
    st.text(st.sampled_from("abcxyz019.-_[]:%@~\u0430\u00e9\u202e\u200b "), max_size=30),
    st.sampled_from(["localhost", "127.0.0.1", "[::1]", "::1", "127.1", "0x7f.1", "localhost.",
                     "a.localhost", "[::ffff:127.0.0.1]", "shoes.example", "xn--pypal-4ve.example",
                     "LOCALHOST", "127.0.0.1.nip.io", "[", "]", "", "[fe80::1%25eth0]"]),
)
urls = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda scheme, sep, user, host, port, rest: f"{scheme}{sep}{user}{host}{port}{rest}",
        st.sampled_from(["https", "http", "HTTPS", "hTTp", "ftp", "javascript", "file", ""]),
        st.sampled_from(["://", ":/", ":", "//", ":///"]),
        st.sampled_from(["", "user@", "user:pw@", "@", "a@b@"]),
        hosts,
        st.one_of(st.just(""), st.integers(-5, 70000).map(lambda p: f":{p}"),
                  st.text(max_size=6).map(lambda t: ":" + t)),
        st.sampled_from(["", "/", "/zpd/grants", "?q=1", "#f", "/../x", "/%2e%2e/", "\\x"]),
    ),
)


@FUZZ
@given(urls)
def test_origin_of_answers_a_canonical_origin_or_value_error(url: str) -> None:
    for parse in (origin_of, canonical_origin):
        try:
            origin = parse(url)
        except ValueError:
            continue
        assert origin_of(origin) == origin == canonical_origin(origin)
        scheme, _, rest = origin.partition("://")
        assert scheme in ("https", "http") and "@" not in rest and "/" not in rest
        assert not any(ord(ch) < 33 for ch in origin)
        host = rest.rsplit(":", 1)[0] if not rest.endswith("]") else rest
        if scheme == "http":
            assert is_loopback_host(host.strip("[]")) or is_loopback_host(host), origin


class NoNetwork(HttpTransport):
    """A transport that fails the test if it ever tries to connect."""

    def __post_init__(self) -> None:
        super().__post_init__()

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError(f"tried to connect: {args}")

        self._session.request = refuse  # type: ignore[method-assign, assignment]


NO_NETWORK = NoNetwork()


@FUZZ
@given(urls)
def test_the_transport_refuses_bad_addresses_before_any_connection(url: str) -> None:
    try:
        origin_of(url)
    except ValueError:
        with pytest.raises(TransportError) as caught:
            NO_NETWORK.post(url, "application/jwt", "x")
        assert caught.value.kind == "refused_url"
        with pytest.raises(TransportError):
            NO_NETWORK.get(url, "application/jwt")
        return
    assume(False)  # an acceptable address: connecting is the transport's job


@FUZZ
@given(host=hosts, port=st.one_of(st.just(""), st.integers(1, 65535).map(lambda p: f":{p}")))
def test_plain_http_goes_to_loopback_only(host: str, port: str) -> None:
    url = f"http://{host}{port}/zpd/grants"
    try:
        origin = origin_of(url)
    except ValueError:
        with pytest.raises(TransportError):
            NO_NETWORK.post(url, "application/jwt", "x")
        return
    assert is_loopback_host(origin.removeprefix("http://").rsplit(":", 1)[0].strip("[]")) or \
        is_loopback_host(origin.removeprefix("http://").strip("[]")), origin


class Recorder:
    """A fake transport for fetch_request: records the address it is asked for."""

    may_reach_local: LocalRule = never_local

    def __init__(self, status: int, body: bytes) -> None:
        self.asked: list[str] = []
        self.status, self.body = status, body

    def get(self, url: str, accept: str) -> Response:
        self.asked.append(url)
        return Response(self.status, {}, self.body)

    def post(self, url: str, content_type: str, body: str) -> Response:
        raise AssertionError("fetch_request only fetches")


@FUZZ
@given(address=st.one_of(urls, hosts), status=st.sampled_from([200, 301, 404, 500]),
       body=st.binary(max_size=50))
def test_fetch_request_asks_only_the_well_known_address_of_a_canonical_origin(
    address: str, status: int, body: bytes
) -> None:
    transport = Recorder(status, body)
    try:
        origin, text = delivery.fetch_request(transport, address)
    except TransportError as error:
        assert error.kind in ("refused_url", "protocol"), error
        origin = None
    for url in transport.asked:
        assert url.endswith(delivery.WELL_KNOWN_PATH)
        base = url.removesuffix(delivery.WELL_KNOWN_PATH)
        assert canonical_origin(base) == base
    if origin is not None:
        assert transport.asked == [origin + delivery.WELL_KNOWN_PATH]
        assert status == 200 and text == body.decode("utf-8")


def test_a_slow_parser_would_be_caught() -> None:
    """The alarm works: a deliberately hanging call is cut off with Hang."""
    signal.alarm(1)
    with pytest.raises(Hang):
        time.sleep(5)


# -- a bounded libFuzzer (atheris) run per parser -----------------------------------------------

ATHERIS_TARGETS = ["request", "token", "token-inner", "event", "event-pause", "receipt",
                   "origin", "link"]
# Seconds of fuzzing per target: 20 in CI (under three minutes in all), 120 with
# ZPV_HARDENING_FULL=1.
FUZZ_SECONDS = int(os.environ.get("ZPV_FUZZ_SECONDS", 120 if FULL else 20))


def run_atheris(name: str, tmp_path: Path, seconds: int) -> subprocess.CompletedProcess[str]:
    from tests.hardening.atheris_target import seed

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed").write_bytes(seed(name))
    return subprocess.run(
        [sys.executable, "-m", "tests.hardening.atheris_target", name,
         f"-max_total_time={seconds}", "-timeout=10", "-rss_limit_mb=2048",
         f"-artifact_prefix={tmp_path}/", str(corpus)],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=seconds + 120,
        env=subprocess_env(tmp_path / "state"),
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", ATHERIS_TARGETS)
def test_atheris_finds_no_untyped_error(name: str, tmp_path: Path) -> None:
    """Coverage-guided fuzzing from a valid message of each format, for FUZZ_SECONDS."""
    import atheris  # noqa: F401  (a test dependency: missing, this fails rather than skips)

    result = run_atheris(name, tmp_path, FUZZ_SECONDS)
    assert result.returncode == 0, result.stderr[-3000:]
    done = re.search(r"Done (\d+) runs in (\d+) second", result.stderr)
    assert done, result.stderr[-2000:]
    print(f"\natheris {name}: {done.group(1)} inputs in {done.group(2)} s")
    assert int(done.group(1)) > 1000


@pytest.mark.slow
def test_atheris_reports_an_untyped_error(tmp_path: Path) -> None:
    """Control: a parser raising anything but a typed error makes the run fail, with the
    exception named."""
    result = run_atheris("crash-control", tmp_path, 30)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Uncaught Python exception" in output and "RuntimeError: an untyped error" in output
