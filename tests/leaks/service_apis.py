"""Local stand-ins for the alias services, answering as their published API documentation
says, served over https (a test authority from trustme) by uvicorn on 127.0.0.1. The real
services cannot be reached from CI, and a test must not depend on a third party's account.

- SimpleLogin: https://github.com/simple-login/app/blob/master/docs/api.md ("Alias
  endpoints": POST /api/alias/random/new, GET /api/aliases/:alias_id, POST
  /api/aliases/:alias_id/toggle; GET /api/user_info; 401 for a wrong key; errors as
  4xx with {"error": "..."}), the alias in the format of its GET /api/aliases/:alias_id
  example.
- addy.io: https://app.addy.io/docs ("Authenticating requests"; "Aliases": Create New
  Alias, POST /api/v1/aliases, 201 {"data": {...}}; Deactivate a Specific Alias, DELETE
  /api/v1/active-aliases/{id}, 204; "API Token": GET /api/v1/api-token-details), errors
  as Laravel writes them, {"message": "..."} (401 "Unauthenticated.", 422 with "errors").

Each app records the requests it was sent, so a test can show what reached it and what
did not.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trustme
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from brandkit.serving import TlsFiles, running
from vault.exchange.transport import HttpTransport as Transport

SLOW_SECONDS = 3.0


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


@dataclass
class ServiceState:
    api_key: str
    aliases: dict[str, dict[str, Any]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    quota: int = 10
    # Misbehaviour on purpose: "" (as documented), "no_email", "redirect", "huge", "slow"
    mode: str = ""


async def _record(state: ServiceState, request: Request) -> None:
    state.seen.append(Seen(request.method, request.url.path, dict(request.query_params),
                           {k.lower(): v for k, v in request.headers.items()},
                           await request.body()))
    if state.mode == "slow":
        await asyncio.sleep(SLOW_SECONDS)


def _misbehaving(state: ServiceState) -> Response | None:
    if state.mode == "redirect":
        return Response(status_code=302, headers={"Location": "https://127.0.0.1:9/"})
    if state.mode == "huge":
        return JSONResponse({"pad": "x" * (2 * 1024 * 1024)}, status_code=201)
    return None


# -- SimpleLogin --------------------------------------------------------------------------

_counter = itertools.count(1)


def _simplelogin_alias(alias_id: int, email: str, note: str | None) -> dict[str, Any]:
    """The alias as the documentation's GET /api/aliases/:alias_id example shows it."""
    return {
        "creation_date": "2020-04-06 17:57:14+00:00", "creation_timestamp": 1586195834,
        "email": email, "name": None, "enabled": True, "id": alias_id,
        "mailbox": {"email": "person@mail.example", "id": 1},
        "mailboxes": [{"email": "person@mail.example", "id": 1}],
        "latest_activity": None, "nb_block": 0, "nb_forward": 0, "nb_reply": 0,
        "note": note, "pinned": False,
    }


def simplelogin_app(state: ServiceState) -> Starlette:
    async def authenticated(request: Request) -> Response | None:
        await _record(state, request)
        if request.headers.get("Authentication") != state.api_key:
            return JSONResponse({"error": "Wrong api key"}, status_code=401)
        return None

    async def user_info(request: Request) -> Response:
        if (refused := await authenticated(request)) is not None:
            return refused
        return JSONResponse({"name": "Alex", "is_premium": False, "email": "alex@mail.example",
                             "in_trial": False, "profile_picture_url": None})

    async def random_new(request: Request) -> Response:
        if (refused := await authenticated(request)) is not None:
            return refused
        if (odd := _misbehaving(state)) is not None:
            return odd
        body = await request.body()
        if not body:
            return JSONResponse({"error": "request body cannot be empty"}, status_code=400)
        if len(state.aliases) >= state.quota:
            return JSONResponse({"error": "You have reached the limitation of a free account "
                                          "with the maximum of 10 aliases"}, status_code=400)
        note = (await request.json()).get("note")
        alias_id = next(_counter)
        email = f"{uuid.uuid4()}@sl.local"
        alias = _simplelogin_alias(alias_id, email, note)
        if state.mode == "no_email":
            del alias["email"]
        state.aliases[str(alias_id)] = alias
        return JSONResponse(alias, status_code=201)

    async def get_alias(request: Request) -> Response:
        if (refused := await authenticated(request)) is not None:
            return refused
        alias = state.aliases.get(request.path_params["alias_id"])
        if alias is None:
            return JSONResponse({"error": "Unknown error"}, status_code=404)
        return JSONResponse(alias)

    async def toggle(request: Request) -> Response:
        if (refused := await authenticated(request)) is not None:
            return refused
        alias = state.aliases.get(request.path_params["alias_id"])
        if alias is None:
            return JSONResponse({"error": "Unknown error"}, status_code=404)
        alias["enabled"] = not alias["enabled"]
        return JSONResponse({"enabled": alias["enabled"]})

    return Starlette(routes=[
        Route("/api/user_info", user_info, methods=["GET"]),
        Route("/api/alias/random/new", random_new, methods=["POST"]),
        Route("/api/aliases/{alias_id}", get_alias, methods=["GET"]),
        Route("/api/aliases/{alias_id}/toggle", toggle, methods=["POST"]),
    ])


# -- addy.io ------------------------------------------------------------------------------

ADDY_DOMAINS = ("anonaddy.me", "alex.anonaddy.com")


def addy_app(state: ServiceState) -> Starlette:
    async def authenticated(request: Request) -> Response | None:
        await _record(state, request)
        if request.headers.get("Authorization") != f"Bearer {state.api_key}":
            return JSONResponse({"message": "Unauthenticated."}, status_code=401)
        return None

    async def token_details(request: Request) -> Response:
        if (refused := await authenticated(request)) is not None:
            return refused
        return JSONResponse({"name": "Zero-Party Vault", "created_at": "2019-10-01 09:00:00",
                             "expires_at": None})

    async def create(request: Request) -> Response:
        if (refused := await authenticated(request)) is not None:
            return refused
        if (odd := _misbehaving(state)) is not None:
            return odd
        given = await request.json()
        domain = given.get("domain")
        if domain not in ADDY_DOMAINS:
            message = "The selected domain is invalid."
            return JSONResponse({"message": message, "errors": {"domain": [message]}},
                                status_code=422)
        alias_id = str(uuid.uuid4())
        local_part = uuid.uuid4().hex[:8]
        alias = {
            "id": alias_id, "user_id": "ca0a4e09-c266-4f6f-845c-958db5090f09",
            "aliasable_id": None, "aliasable_type": None, "local_part": local_part,
            "extension": None, "domain": domain, "email": f"{local_part}@{domain}",
            "active": True, "description": given.get("description"), "from_name": None,
            "emails_forwarded": 0, "emails_blocked": 0, "emails_replied": 0, "emails_sent": 0,
            "recipients": [], "last_forwarded": None, "last_blocked": None,
            "last_replied": None, "last_sent": None,
            "created_at": "2019-10-01 09:00:00", "updated_at": "2019-10-01 09:00:00",
            "deleted_at": None,
        }
        if state.mode == "no_email":
            del alias["email"]
        state.aliases[alias_id] = alias
        return JSONResponse({"data": alias}, status_code=201)

    async def deactivate(request: Request) -> Response:
        if (refused := await authenticated(request)) is not None:
            return refused
        alias = state.aliases.get(request.path_params["alias_id"])
        if alias is None:
            return JSONResponse({"message": "No query results for model [App\\Models\\Alias]."},
                                status_code=404)
        alias["active"] = False
        return Response(status_code=204)

    return Starlette(routes=[
        Route("/api/v1/api-token-details", token_details, methods=["GET"]),
        Route("/api/v1/aliases", create, methods=["POST"]),
        Route("/api/v1/active-aliases/{alias_id}", deactivate, methods=["DELETE"]),
    ])


# -- serving ------------------------------------------------------------------------------


@dataclass
class Served:
    url: str
    state: ServiceState
    ca_bundle: str  # the test authority that issued the server's certificate
    clients: list[Transport] = field(default_factory=list)  # closed before the server stops


@contextmanager
def served(app_for: Callable[[ServiceState], Starlette], state: ServiceState,
           folder: Path) -> Iterator[Served]:
    """`app_for(state)` over https on 127.0.0.1 with a certificate from a fresh test
    authority, until the block ends."""
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1")
    chain, key, bundle = folder / "chain.pem", folder / "key.pem", folder / "ca.pem"
    certificate.private_key_pem.write_to_path(str(key))
    chain.write_bytes(b"".join(blob.bytes() for blob in certificate.cert_chain_pems))
    authority.cert_pem.write_to_path(str(bundle))
    with running(app_for(state), tls=TlsFiles(str(chain), str(key))) as address:
        service = Served(address.url.rstrip("/"), state, str(bundle))
        try:
            yield service
        finally:
            for transport in service.clients:  # kept-alive connections would hold it open
                transport.close()


def impostor_bundle(folder: Path) -> str:
    """A trust store holding another authority: the served certificate does not verify."""
    path = folder / "impostor.pem"
    trustme.CA().cert_pem.write_to_path(str(path))
    return str(path)
