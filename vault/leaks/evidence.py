"""The evidence pack for one leak: a zip a person can hand to a brand's data protection
officer or to a data protection authority, each part checkable without this app.

    summary.txt         the caller's words (the app's language): what happened, in short
    request.jwt         the brand's signed request: what it promised (JWS, key inside)
    grant/NN-<jti>.jwt  the person's signed share tokens, oldest first (JWS, key in header)
    receipts/<jti>.jwt  the brand's signed receipts for them (JWS, the request's key)
    alias.json          the alias, its brand, the grant that carried it and when it was given
    leak.json           who wrote to the alias: From, the authenticated sender, the date
    message.eml         the offending message's full header; its body only when included
    manifest.json       the SHA-256 of every other file

The pack is made in memory and is the same bytes for the same evidence (fixed entry times,
sorted names), so its hash can be quoted in a complaint.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from ..errors import VaultError

MAX_HEADER_BYTES = 256 * 1024
MAX_BODY_BYTES = 20 * 1024 * 1024
MAX_SUMMARY = 20_000
_COMPACT_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
_ENTRY_TIME = (1980, 1, 1, 0, 0, 0)  # zip's earliest: no clock leaks into the pack


class EvidenceProblem(StrEnum):
    NOT_A_JWS = "not_a_jws"  # a request, token or receipt that is not a compact JWS
    TOO_LARGE = "too_large"
    NO_GRANT = "no_grant"  # a pack needs at least one token the person signed


class EvidenceError(VaultError):
    def __init__(self, reason: EvidenceProblem) -> None:
        super().__init__(str(reason))
        self.reason = reason


@dataclass(frozen=True)
class SignedToken:
    jti: str
    signed: str  # the person's JWS (the share token before encryption to the brand)
    issued_at: int


@dataclass(frozen=True)
class Evidence:
    brand_origin: str
    brand_name: str
    request_jws: str
    grant_id: str
    tokens: Sequence[SignedToken]
    receipts: Sequence[tuple[str, str]]  # (the acknowledged token's jti, the receipt JWS)
    alias: str
    alias_given_at: int
    from_address: str
    sender_domain: str  # the authenticated sender ("" when nothing was authenticated)
    authenticated: bool
    received_at: int | None  # when it reached the mailbox (the server's time, else its Date)
    message_id: str
    header: bytes  # the message's full header, as the server gave it
    body: bytes | None = None  # only when the person chose to include it


def build_pack(evidence: Evidence, summary: str) -> bytes:
    """The zip, or EvidenceError (and nothing made) when a part is not what it must be."""
    _check(evidence, summary)
    files: dict[str, bytes] = {
        "summary.txt": summary.encode("utf-8"),
        "request.jwt": evidence.request_jws.encode("ascii"),
        "alias.json": _json({
            "alias": evidence.alias, "brand": evidence.brand_origin,
            "brand_name": evidence.brand_name, "grant": evidence.grant_id,
            "given_at": _iso(evidence.alias_given_at),
        }),
        "leak.json": _json({
            "to": evidence.alias, "from": evidence.from_address,
            "authenticated_sender": evidence.sender_domain or None,
            "authenticated": evidence.authenticated,
            "date": _iso(evidence.received_at) if evidence.received_at is not None else None,
            "message_id": evidence.message_id or None,
            "body_included": evidence.body is not None,
        }),
        "message.eml": _eml(evidence.header, evidence.body),
    }
    ordered = sorted(evidence.tokens, key=lambda t: (t.issued_at, t.jti))
    for number, token in enumerate(ordered, start=1):
        files[f"grant/{number:02d}-{_safe(token.jti)}.jwt"] = token.signed.encode("ascii")
    for jti, receipt in evidence.receipts:
        files[f"receipts/{_safe(jti)}.jwt"] = receipt.encode("ascii")
    files["manifest.json"] = _json({
        "sha256": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}
    })
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as pack:
        for name in sorted(files):
            entry = zipfile.ZipInfo(name, _ENTRY_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            pack.writestr(entry, files[name])
    return buffer.getvalue()


def _check(evidence: Evidence, summary: str) -> None:
    texts = [evidence.request_jws, *(t.signed for t in evidence.tokens),
             *(r for _, r in evidence.receipts)]
    if not all(_COMPACT_JWS.fullmatch(text) for text in texts):
        raise EvidenceError(EvidenceProblem.NOT_A_JWS)
    if not evidence.tokens:
        raise EvidenceError(EvidenceProblem.NO_GRANT)
    if (len(evidence.header) > MAX_HEADER_BYTES or len(summary) > MAX_SUMMARY
            or (evidence.body is not None and len(evidence.body) > MAX_BODY_BYTES)):
        raise EvidenceError(EvidenceProblem.TOO_LARGE)


def _eml(header: bytes, body: bytes | None) -> bytes:
    """The header as given, ending in the blank line that ends a header; the body after it."""
    head = header.rstrip(b"\r\n") + b"\r\n\r\n"
    return head + (body or b"")


def _safe(jti: str) -> str:
    """A jti as a file name: what is not a letter, digit, '-' or '_' becomes '_'."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", jti)[:80] or "_"


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat().replace("+00:00", "Z")


def _json(document: object) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
