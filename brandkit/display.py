"""Words for what the brand holds: times, values, statuses, and `zpv-brand customers` lines.

Every string that came in a token is passed through `clean` before it is
shown: control and format characters (terminal escapes, bidi overrides) are
written as `\\uXXXX`, so a value can neither drive a terminal nor disguise
itself. HTML escaping is the page's business (`page.py`).
"""

from __future__ import annotations

import json
import time
import unicodedata
from typing import Any, assert_never

from .customers import Customer, CustomerGrant
from .storage import GrantState

NOTHING = "-"


def clean(text: str) -> str:
    """`text` with every control or format character written as \\uXXXX."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c).startswith("C") else c for c in text
    )


def time_text(moment: int | None) -> str:
    if moment is None:
        return NOTHING
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(moment))


def value_text(value: Any) -> str:
    """A field's value as a person would write it: lists comma separated, true as yes."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value_text(item) for item in value)
    if value is None:
        return NOTHING
    return clean(json.dumps(value, ensure_ascii=False))


def is_tombstone(grant: CustomerGrant) -> bool:
    """A grant revoked before any version of it arrived: nothing was ever held."""
    return grant.version == 0


def status_text(grant: CustomerGrant) -> str:
    match grant.status:
        case GrantState.REVOKED if is_tombstone(grant):
            return f"revoked {time_text(grant.revoked_at)} before it arrived: nothing held"
        case GrantState.REVOKED:
            return f"revoked {time_text(grant.revoked_at)}: data deleted"
        case GrantState.EXPIRED:
            return f"expired {time_text(grant.expires_at)}"
        case GrantState.PAUSED:
            return (f"paused {time_text(grant.paused_at)} (kept, not to be used) until "
                    f"{time_text(grant.expires_at)}")
        case GrantState.ACTIVE:
            return f"active until {time_text(grant.expires_at)}"
        case _:
            assert_never(grant.status)


def purpose_text(grant: CustomerGrant) -> str:
    if grant.purpose_iri is None:
        return NOTHING
    description = f" ({clean(grant.purpose_description)})" if grant.purpose_description else ""
    return clean(grant.purpose_iri) + description


def field_name(grant: CustomerGrant, key: str) -> str:
    """A catalogue field's key; an answer as its question's label and key."""
    label = grant.label(key)
    return clean(key) if label is None else f"{clean(label)} ({clean(key)})"


def customer_lines(customer: Customer) -> list[str]:
    """What `zpv-brand customers` prints for one customer."""
    references = "".join(f"  reference {clean(r)}" for r in customer.references)
    lines = [f"{clean(customer.pseudonym)}{references}  first seen "
             f"{time_text(customer.first_seen)}"]
    for grant in customer.grants:
        lines.append(
            f"  grant {clean(grant.grant_id)}  version {grant.version}  {status_text(grant)}"
        )
        if grant.reference:
            lines.append(f"    visit reference {clean(grant.reference)}")
        if is_tombstone(grant):
            continue
        lines.append(f"    ask {clean(grant.ask_id or NOTHING)}, purpose {purpose_text(grant)}")
        if grant.retention_days is not None:
            lines.append(f"    retention: {grant.retention_days} days")
        lines.extend(
            f"    {field_name(grant, key)}: {value_text(value)}"
            for key, value in grant.fields.items()
        )
    return lines
