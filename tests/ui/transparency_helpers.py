"""Fixtures for the transparency features in the GUI: a real vault with the demo's fair and
greedy brands (signed with the brand kit), the sample profile, and a Session on it."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from brandkit.issuing import sign_spec
from brandkit.keys import generate_keys
from demo.brands import SampleBrand
from vault.exchange.brands import RequestSource
from vault.vault import Vault

T = TypeVar("T", bound=QWidget)


FAIR_ORIGIN = "https://trailworks.example"
GREEDY_ORIGIN = "https://megamart.example"


def import_sample(vault: Vault, sample: SampleBrand, origin: str, *,
                  name: str | None = None) -> str:
    """Sign the sample brand's request with fresh keys and import it; returns the origin."""
    if name is not None:
        sample = replace(sample, name=name)
    request = sign_spec(sample.spec(origin), generate_keys(), now=int(time.time()) - 60)
    vault.brands.import_request(request, RequestSource.WEB)
    return origin


def child(parent: QWidget, kind: type[T], name: str) -> T:
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found
