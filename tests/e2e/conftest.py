"""The brand of the end-to-end tests: the brand kit's app under uvicorn over TLS, from a
private authority, asking three fields."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from brandkit.serving import TlsFiles
from tests.support.addresses import tls_files
from tests.support.live_brand import TlsBrand, served_brand
from tests.support.specs import ALLERGIES, COLOURS, SHOE_SIZE, ask, request_spec


def three_field_shop(origin: str) -> dict[str, Any]:
    return request_spec(origin, asks=[ask(fields=[SHOE_SIZE, COLOURS, ALLERGIES])])


@pytest.fixture
def tls_brand(tmp_path: Path) -> Iterator[TlsBrand]:
    cert, key, bundle = tls_files(tmp_path, "127.0.0.1")
    tls = TlsFiles(str(cert), str(key))
    with served_brand(tmp_path / "brand.sqlite3", three_field_shop, tls=tls) as brand:
        yield TlsBrand(brand.origin, brand.receiver, str(bundle))
