"""Does a verified share token fit the request it names? (PROTOCOL.md section 3)

Pure functions over zpd's parsed forms: the receiver and `zpv-brand verify`
both call `check_grant`. Each failure is a TokenRefused with its own reason.
An answer to a brand question (a `q:` key) is checked against its question,
with the same function the vault uses before it shares (zpd.questions).
"""

from __future__ import annotations

from typing import Any

from zpd.catalogue import BY_KEY
from zpd.errors import InvalidValue
from zpd.questions import check_answer
from zpd.request import Ask, DataRequest
from zpd.token import GrantClaims

from .errors import TokenRefused

DAY = 86400


def check_grant(claims: GrantClaims, request: DataRequest) -> tuple[Ask, dict[str, Any]]:
    """The ask the token was given under, and its data in canonical form.

    The token must name `request` by hash and jti, one of its asks, that ask's
    purpose (IRI and description), a retention no longer than the ask's and a
    grant no longer than its `duration_days` (`exp - nbf`), only fields that
    ask listed and every one it requires, each value valid for its field.
    """
    if claims.request_sha256 != request.sha256:
        raise TokenRefused("unknown_request", "request.sha256 names another request")
    if claims.request_jti != request.jti:
        raise TokenRefused("request_mismatch", "request.jti is not the jti of that request")
    ask = request.body.ask(claims.ask_id)
    if ask is None:
        raise TokenRefused("unknown_ask", f"request.ask: the request has no ask {claims.ask_id!r}")
    _check_terms(claims, ask)
    extra = [key for key in claims.data if key not in ask.keys]
    if extra:
        raise TokenRefused(
            "field_not_asked", f"data.{extra[0]}: ask {ask.id!r} did not list this field"
        )
    missing = [key for key in ask.required_keys if key not in claims.data]
    if missing:
        raise TokenRefused(
            "missing_field", f"data.{missing[0]}: ask {ask.id!r} requires this field"
        )
    return ask, {key: _value(ask, key, value) for key, value in claims.data.items()}


def _check_terms(claims: GrantClaims, ask: Ask) -> None:
    """The token keeps to the ask's purpose, retention and duration (it may choose less)."""
    if claims.purpose_iri != ask.purpose.iri:
        raise TokenRefused(
            "wrong_purpose", f"purpose.iri is not the purpose of ask {ask.id!r} ({ask.purpose.iri})"
        )
    if claims.purpose_description != ask.purpose.description:
        raise TokenRefused(
            "wrong_purpose", f"purpose.description is not the one of ask {ask.id!r}"
        )
    if claims.retention_days > ask.retention_days:
        raise TokenRefused(
            "retention_too_long",
            f"retention_days {claims.retention_days} is over ask {ask.id!r}'s "
            f"{ask.retention_days}",
        )
    if claims.exp - claims.nbf > ask.duration_days * DAY:
        raise TokenRefused(
            "duration_too_long",
            f"exp - nbf is over ask {ask.id!r}'s duration of {ask.duration_days} days",
        )


def _value(ask: Ask, key: str, value: object) -> Any:
    field = ask.field(key)
    try:
        if field is not None and field.question is not None:
            return check_answer(field.question, value)
        return BY_KEY[key].validate(value)
    except InvalidValue as exc:
        raise TokenRefused("bad_value", f"data.{exc}") from None
