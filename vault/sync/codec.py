"""Rows and bodies as canonical JSON: the same row gives the same bytes on every device."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

Row = dict[str, Any]


def encode_value(value: Any) -> Any:
    """A column value as JSON: bytes as {"b": base64}, everything else as it is."""
    if isinstance(value, bytes | bytearray | memoryview):
        return {"b": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def decode_value(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) != {"b"} or not isinstance(value["b"], str):
            raise ValueError("a column value is an object other than bytes")
        return base64.b64decode(value["b"], validate=True)
    if isinstance(value, list):
        raise ValueError("a column value is a list")
    return value


def canonical(document: Any) -> bytes:
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def encode_row(row: Row) -> Row:
    return {name: encode_value(value) for name, value in row.items()}


def decode_row(row: Row) -> Row:
    return {str(name): decode_value(value) for name, value in row.items()}


def row_hash(row: Row | None) -> bytes:
    """What a row is here, in 32 bytes; a deleted row (None) has a hash of its own.

    Compared only with hashes made on this device (the shadow table), so Python's repr
    of the column values will do, and costs a fraction of canonical JSON."""
    if row is None:
        return hashlib.sha256(b"deleted").digest()
    return hashlib.sha256(repr(sorted(row.items())).encode("utf-8")).digest()


def key_text(values: list[Any]) -> str:
    """A row's key as one text (its primary key in the shadow table)."""
    return canonical([encode_value(v) for v in values]).decode("utf-8")
