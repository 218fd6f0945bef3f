"""Alias services over their public HTTP APIs: an alias per brand that the person can turn
off at the service, so a leaked address stops reaching them.

- SimpleLogin, API reference https://github.com/simple-login/app/blob/master/docs/api.md:
  the API key goes in an `Authentication` header; `GET /api/user_info` checks it;
  `POST /api/alias/random/new?hostname=` with `{"note": ...}` makes an alias (201, the alias
  as `GET /api/aliases/:alias_id` shows it, with `id` and `email`); that GET says whether it
  is `enabled`, and `POST /api/aliases/:alias_id/toggle` flips it (200, `{"enabled": ...}`).
  Errors are 4xx with `{"error": "..."}`, "displayed to user as-is"; 401 for a wrong key.
- addy.io, API reference https://app.addy.io/docs: `Authorization: Bearer <key>` with
  `X-Requested-With: XMLHttpRequest`; `GET /api/v1/api-token-details` checks the key;
  `POST /api/v1/aliases` with a `domain` (and `description`, `format`) makes one (201,
  `{"data": {"id", "email", ...}}`); `DELETE /api/v1/active-aliases/{id}` deactivates it
  (204). Errors carry `{"message": "..."}`.

Requests go through the vault's transport (TLS verified, no redirects, no proxies from the
environment, a deadline on the whole exchange, at most 1 MiB read), to this computer or
the local network only for a service the person says they run there. The API key is given
to a client only for its calls; it is never in an error, and a key that could not be a
header value is refused before any call.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol
from urllib.parse import quote, urlencode

from ..errors import TransportError, VaultError
from ..exchange.transport import HttpTransport, Response
from .alias_sources import SourceKind

MAX_ADDRESS = 254
MAX_KEY = 512
MAX_NOTE = 100
SIMPLELOGIN_URL = "https://app.simplelogin.io"
ADDY_URL = "https://app.addy.io"
ADDY_DEFAULT_DOMAIN = "anonaddy.me"


class ServiceProblem(StrEnum):
    KEY = "key"  # the service refused the API key (401), or it cannot be one
    REFUSED = "refused"  # the service said no (a quota, a bad domain...): see `message`
    NOT_FOUND = "not_found"  # 404: the alias is gone at the service
    RATE_LIMITED = "rate_limited"  # 429: try later
    SERVER = "server"  # 5xx
    UNREADABLE = "unreadable"  # an answer that is not what the API documents
    UNREACHABLE = "unreachable"  # no exchange: see `transport_kind`


class AliasServiceError(VaultError):
    def __init__(self, reason: ServiceProblem, status: int = 0, message: str = "",
                 transport_kind: str = "") -> None:
        super().__init__(" ".join(p for p in (str(reason), str(status or ""), transport_kind)
                                  if p))
        self.reason = reason
        self.status = status
        self.message = message[:300]  # the service's own words, shown as plain text
        self.transport_kind = transport_kind


@dataclass(frozen=True)
class ServiceAlias:
    address: str  # lower case
    service_id: str


# (method, url, headers, body) -> the response, or TransportError
Send = Callable[[str, str, dict[str, str], bytes | None], Response]


def via_transport(transport: HttpTransport, *, local: bool = False) -> Send:
    """Exchanges through the vault's transport; to this computer or the local network
    only with `local` (a service the person runs there themselves)."""
    def send(method: str, url: str, headers: dict[str, str], body: bytes | None) -> Response:
        return transport._exchange(method, url, headers, body, local)
    return send


class AliasService(Protocol):
    kind: SourceKind

    def check_key(self) -> None: ...

    def create(self, brand_name: str, brand_host: str) -> ServiceAlias: ...

    def disable(self, service_id: str) -> None: ...


class _Client:
    def __init__(self, send: Send, base_url: str, api_key: str) -> None:
        if (not api_key or len(api_key) > MAX_KEY or not api_key.isascii()
                or not api_key.isprintable() or " " in api_key):
            raise AliasServiceError(ServiceProblem.KEY)
        self._send = send
        self._base = base_url.rstrip("/")

    def _call(self, method: str, path: str, headers: dict[str, str],
              payload: dict[str, Any] | None = None, expect: int = 200) -> Any:
        body = json.dumps(payload).encode() if payload is not None else None
        if body is not None:
            headers = {**headers, "Content-Type": "application/json"}
        try:
            response = self._send(method, self._base + path, headers, body)
        except TransportError as exc:
            raise AliasServiceError(ServiceProblem.UNREACHABLE,
                                    transport_kind=str(exc.kind)) from None
        if response.status != expect:
            raise _refusal(response)
        if expect == 204:
            return None
        try:
            return json.loads(response.body)
        except (ValueError, UnicodeError):
            raise AliasServiceError(ServiceProblem.UNREADABLE, response.status) from None


def _refusal(response: Response) -> AliasServiceError:
    message = ""
    try:
        answer = json.loads(response.body)
        if isinstance(answer, dict):
            text = answer.get("error") or answer.get("message") or ""
            message = text if isinstance(text, str) else ""
    except (ValueError, UnicodeError, RecursionError):
        pass
    status = response.status
    reason = {401: ServiceProblem.KEY, 404: ServiceProblem.NOT_FOUND,
              429: ServiceProblem.RATE_LIMITED}.get(status)
    if reason is None:
        if status >= 500:
            reason = ServiceProblem.SERVER
        elif 400 <= status < 500:
            reason = ServiceProblem.REFUSED
        else:  # 2xx other than documented, or a redirect (never followed)
            reason = ServiceProblem.UNREADABLE
    return AliasServiceError(reason, status, message)


def _address(value: object, status: int) -> str:
    if (not isinstance(value, str) or value.count("@") != 1 or len(value) > MAX_ADDRESS
            or not value.isascii() or any(c.isspace() or not c.isprintable() for c in value)):
        raise AliasServiceError(ServiceProblem.UNREADABLE, status)
    local, _, domain = value.partition("@")
    if not local or "." not in domain.strip("."):
        raise AliasServiceError(ServiceProblem.UNREADABLE, status)
    return value.lower()


def _note(brand_name: str) -> str:
    return f"Zero-Party Vault: {brand_name[:MAX_NOTE]}"


class SimpleLogin(_Client):
    kind = SourceKind.SIMPLELOGIN

    def __init__(self, send: Send, api_key: str, base_url: str = SIMPLELOGIN_URL) -> None:
        super().__init__(send, base_url, api_key)
        self._headers = {"Authentication": api_key, "Accept": "application/json"}

    def check_key(self) -> None:
        answer = self._call("GET", "/api/user_info", self._headers)
        if not isinstance(answer, dict):
            raise AliasServiceError(ServiceProblem.UNREADABLE, 200)

    def create(self, brand_name: str, brand_host: str) -> ServiceAlias:
        query = urlencode({"hostname": brand_host})
        answer = self._call("POST", f"/api/alias/random/new?{query}", self._headers,
                            {"note": _note(brand_name)}, expect=201)
        if not isinstance(answer, dict) or type(answer.get("id")) not in (int, str):
            raise AliasServiceError(ServiceProblem.UNREADABLE, 201)
        return ServiceAlias(_address(answer.get("email"), 201), str(answer["id"]))

    def disable(self, service_id: str) -> None:
        """Off at the service; an alias already off stays off (the API only toggles)."""
        path = f"/api/aliases/{quote(service_id, safe='')}"
        info = self._call("GET", path, self._headers)
        if not isinstance(info, dict) or not isinstance(info.get("enabled"), bool):
            raise AliasServiceError(ServiceProblem.UNREADABLE, 200)
        if not info["enabled"]:
            return
        toggled = self._call("POST", path + "/toggle", self._headers)
        if not isinstance(toggled, dict) or toggled.get("enabled") is not False:
            raise AliasServiceError(ServiceProblem.UNREADABLE, 200)


class Addy(_Client):
    kind = SourceKind.ADDY

    def __init__(self, send: Send, api_key: str, base_url: str = ADDY_URL,
                 domain: str = ADDY_DEFAULT_DOMAIN) -> None:
        super().__init__(send, base_url, api_key)
        self._domain = domain
        self._headers = {"Authorization": f"Bearer {api_key}", "Accept": "application/json",
                         "X-Requested-With": "XMLHttpRequest"}

    def check_key(self) -> None:
        answer = self._call("GET", "/api/v1/api-token-details", self._headers)
        if not isinstance(answer, dict):
            raise AliasServiceError(ServiceProblem.UNREADABLE, 200)

    def create(self, brand_name: str, brand_host: str) -> ServiceAlias:
        answer = self._call("POST", "/api/v1/aliases", self._headers,
                            {"domain": self._domain, "description": _note(brand_name),
                             "format": "random_characters"}, expect=201)
        data = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            raise AliasServiceError(ServiceProblem.UNREADABLE, 201)
        return ServiceAlias(_address(data.get("email"), 201), data["id"])

    def disable(self, service_id: str) -> None:
        self._call("DELETE", f"/api/v1/active-aliases/{quote(service_id, safe='')}",
                   self._headers, expect=204)
