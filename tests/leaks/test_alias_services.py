"""The SimpleLogin and addy.io clients against local servers that answer as each service's
published API documentation says (tests/leaks/service_apis.py cites the pages), over https
from a test authority, through the vault's own transport."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette

from tests.leaks.service_apis import (
    Served,
    ServiceState,
    addy_app,
    impostor_bundle,
    served,
    simplelogin_app,
)
from vault.exchange.transport import HttpTransport as Transport
from vault.leaks.alias_services import (
    Addy,
    AliasServiceError,
    Send,
    ServiceProblem,
    SimpleLogin,
    via_transport,
)

KEY = "sl-key-0123456789abcdef0123456789abcdef"


@pytest.fixture
def simplelogin(tmp_path: Path) -> Iterator[Served]:
    with served(simplelogin_app, ServiceState(KEY), tmp_path) as service:
        yield service


@pytest.fixture
def addy(tmp_path: Path) -> Iterator[Served]:
    with served(addy_app, ServiceState(KEY), tmp_path) as service:
        yield service


def send_to(service: Served, *, bundle: str | None = None, local: bool = True,
            total_timeout: float = 5.0) -> Send:
    transport = Transport(ca_bundle=bundle or service.ca_bundle, total_timeout=total_timeout)
    service.clients.append(transport)
    return via_transport(transport, local=local)


def sl_client(service: Served, key: str = KEY, *, bundle: str | None = None,
              local: bool = True) -> SimpleLogin:
    return SimpleLogin(send_to(service, bundle=bundle, local=local), key, service.url)


def addy_client(service: Served, key: str = KEY, domain: str = "anonaddy.me", *,
                total_timeout: float = 5.0) -> Addy:
    return Addy(send_to(service, total_timeout=total_timeout), key, service.url, domain)


def problem(call: Callable[[], object]) -> AliasServiceError:
    with pytest.raises(AliasServiceError) as caught:
        call()
    return caught.value


# -- SimpleLogin --------------------------------------------------------------------------


def test_simplelogin_makes_a_random_alias_for_the_brands_host(simplelogin: Served) -> None:
    alias = sl_client(simplelogin).create("MegaMart", "shop.megamart.example")
    stored = simplelogin.state.aliases[alias.service_id]
    assert alias.address == stored["email"].lower() and stored["enabled"] is True
    sent = simplelogin.state.seen[-1]
    assert (sent.method, sent.path) == ("POST", "/api/alias/random/new")
    assert sent.query == {"hostname": "shop.megamart.example"}
    assert sent.headers["authentication"] == KEY
    assert sent.headers["content-type"] == "application/json"
    assert json.loads(sent.body) == {"note": "Zero-Party Vault: MegaMart"}


def test_simplelogin_disable_turns_the_alias_off_and_never_back_on(simplelogin: Served) -> None:
    client = sl_client(simplelogin)
    alias = client.create("MegaMart", "megamart.example")
    client.disable(alias.service_id)
    assert simplelogin.state.aliases[alias.service_id]["enabled"] is False
    client.disable(alias.service_id)  # the API only toggles: a second call must not flip it
    assert simplelogin.state.aliases[alias.service_id]["enabled"] is False


def test_simplelogin_checks_the_key(simplelogin: Served) -> None:
    sl_client(simplelogin).check_key()
    error = problem(sl_client(simplelogin, key="wrong-key").check_key)
    assert (error.reason, error.status) == (ServiceProblem.KEY, 401)


def test_a_wrong_key_is_never_in_the_error(simplelogin: Served) -> None:
    secret = "wrong-key-that-must-not-show-0123456789"
    error = problem(lambda: sl_client(simplelogin, key=secret).create("A", "a.example"))
    assert error.reason is ServiceProblem.KEY
    assert secret not in f"{error} {error!r} {error.message} {error.args}"


def test_simplelogin_quota_is_refused_with_the_services_own_words(simplelogin: Served) -> None:
    simplelogin.state.quota = 0
    error = problem(lambda: sl_client(simplelogin).create("MegaMart", "megamart.example"))
    assert (error.reason, error.status) == (ServiceProblem.REFUSED, 400)
    assert error.message.startswith("You have reached the limitation")


def test_simplelogin_unknown_alias_is_not_found(simplelogin: Served) -> None:
    error = problem(lambda: sl_client(simplelogin).disable("999999"))
    assert (error.reason, error.status) == (ServiceProblem.NOT_FOUND, 404)


# -- addy.io ------------------------------------------------------------------------------


def test_addy_makes_an_alias_on_the_chosen_domain(addy: Served) -> None:
    alias = addy_client(addy, domain="alex.anonaddy.com").create("MegaMart", "megamart.example")
    stored = addy.state.aliases[alias.service_id]
    assert alias.address == stored["email"] and alias.address.endswith("@alex.anonaddy.com")
    sent = addy.state.seen[-1]
    assert (sent.method, sent.path) == ("POST", "/api/v1/aliases")
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.headers["x-requested-with"] == "XMLHttpRequest"
    assert json.loads(sent.body) == {"domain": "alex.anonaddy.com", "format": "random_characters",
                                     "description": "Zero-Party Vault: MegaMart"}


def test_addy_disable_deactivates_the_alias(addy: Served) -> None:
    client = addy_client(addy)
    alias = client.create("MegaMart", "megamart.example")
    client.disable(alias.service_id)
    assert addy.state.aliases[alias.service_id]["active"] is False
    assert (addy.state.seen[-1].method, addy.state.seen[-1].path) == (
        "DELETE", f"/api/v1/active-aliases/{alias.service_id}")


def test_addy_checks_the_key(addy: Served) -> None:
    addy_client(addy).check_key()
    error = problem(addy_client(addy, key="wrong").check_key)
    assert (error.reason, error.status, error.message) == (ServiceProblem.KEY, 401,
                                                           "Unauthenticated.")


def test_addy_refuses_a_domain_it_does_not_offer(addy: Served) -> None:
    error = problem(lambda: addy_client(addy, domain="nope.example").create("A", "a.example"))
    assert (error.reason, error.status) == (ServiceProblem.REFUSED, 422)
    assert error.message == "The selected domain is invalid."
    assert not addy.state.aliases


# -- what the transport guards ------------------------------------------------------------


@pytest.mark.parametrize("app", [simplelogin_app, addy_app], ids=["simplelogin", "addy"])
def test_an_answer_unlike_the_documentation_is_unreadable(
        app: Callable[[ServiceState], Starlette], tmp_path: Path) -> None:
    with served(app, ServiceState(KEY, mode="no_email"), tmp_path) as service:
        client: SimpleLogin | Addy = (
            sl_client(service) if app is simplelogin_app else addy_client(service))
        error = problem(lambda: client.create("MegaMart", "megamart.example"))
    assert (error.reason, error.status) == (ServiceProblem.UNREADABLE, 201)


def test_a_certificate_from_another_authority_sends_nothing(simplelogin: Served,
                                                            tmp_path: Path) -> None:
    client = sl_client(simplelogin, bundle=impostor_bundle(tmp_path))
    error = problem(lambda: client.create("MegaMart", "megamart.example"))
    assert (error.reason, error.transport_kind) == (ServiceProblem.UNREACHABLE, "tls")
    assert simplelogin.state.seen == []


def test_a_redirect_is_not_followed(simplelogin: Served) -> None:
    simplelogin.state.mode = "redirect"
    error = problem(lambda: sl_client(simplelogin).create("MegaMart", "megamart.example"))
    assert (error.reason, error.status) == (ServiceProblem.UNREADABLE, 302)
    assert len(simplelogin.state.seen) == 1


def test_an_answer_past_the_size_limit_is_cut_off(addy: Served) -> None:
    addy.state.mode = "huge"
    error = problem(lambda: addy_client(addy).create("MegaMart", "megamart.example"))
    assert (error.reason, error.transport_kind) == (ServiceProblem.UNREACHABLE, "too_large")


def test_a_service_that_stalls_runs_out_of_time(addy: Served) -> None:
    addy.state.mode = "slow"
    client = addy_client(addy, total_timeout=1.0)
    error = problem(lambda: client.create("MegaMart", "megamart.example"))
    assert (error.reason, error.transport_kind) == (ServiceProblem.UNREACHABLE, "timeout")


def test_this_computer_is_reached_only_when_the_person_says_so(simplelogin: Served) -> None:
    client = sl_client(simplelogin, local=False)
    error = problem(lambda: client.create("MegaMart", "megamart.example"))
    assert (error.reason, error.transport_kind) == (ServiceProblem.UNREACHABLE,
                                                    "refused_address")
    assert simplelogin.state.seen == []


@pytest.mark.parametrize("key", ["", "two words", "line\r\nX-Injected: 1", "ключ", "k" * 513])
def test_a_key_that_cannot_be_a_header_is_refused_before_any_call(
        simplelogin: Served, key: str) -> None:
    error = problem(lambda: sl_client(simplelogin, key=key))
    assert error.reason is ServiceProblem.KEY
    assert simplelogin.state.seen == []
