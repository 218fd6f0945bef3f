"""Leak canaries: each brand gets its own alias of the person's email address.

With the setting on (it is off by default), every share token carries, instead
of an email value `name@domain`, the alias `name+<tag>@domain`, where the tag
is `<brand-slug>-<4 random characters>` (plus-addressing: the mail still
reaches `name@domain`). Mail that later arrives at an alias from anyone but its
brand shows who passed the address on.

- A brand's tag is made the first time an email value is shared with it, then
  kept for every grant and every version with that brand. The slug comes from
  the brand's name (its host when the name has no letters or digits); the
  random part tells brands apart even when their slugs look alike.
- Editing the email field re-issues live grants with the alias of the new
  address under the same tag; both aliases stay listed.
- An existing `+tag` on the person's own address is replaced by the brand's.
- The setting applies to every token issued while it holds: turning it on (or
  off) changes what the next version of an existing grant carries too.

The alias source (vault/leaks/settings.py, docs/leaks.md) changes the alias's form: a
domain with catch-all delivery gives `<tag>@<domain>`; a service gives the alias made for
the brand at the service, when one was made; otherwise plus-addressing as above.

Revoking a grant can also close the brand's aliases from a domain or plus-addressing
(`close`): the mail server still delivers them, but mail to a closed alias from anyone,
the brand included, is a leak from then on. A closed alias's tag is retired: the brand's
next share gets a new tag.

The setting lives in the encrypted `meta` table, the aliases in `email_aliases`.
"""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from zpd.catalogue import BY_KEY
from zpd.fieldtypes import TextFormat

from ..changes import Changes, mark
from ..profile import audit
from ..profile.audit import AuditAction
from ..storage.store import Connection, Store

SETTING_KEY = "email_aliases"
ON, OFF = b"on", b"off"
SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
SUFFIX_LENGTH = 4
MAX_SLUG = 20
MAX_LOCAL_PART = 64  # RFC 5321
EMAIL_KEYS = frozenset(f.key for f in BY_KEY.values() if f.text_format is TextFormat.EMAIL)


@dataclass(frozen=True)
class Alias:
    brand_origin: str
    brand_name: str
    alias: str
    first_given_at: int
    closed_at: int | None = None  # when the person closed it (revoking), if they did


def is_enabled(connection: Connection) -> bool:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (SETTING_KEY,)).fetchone()
    return row is not None and bytes(row[0]) == ON


def set_enabled(store: Store, enabled: bool, now: int) -> None:
    with store.transaction() as connection:
        if is_enabled(connection) == enabled:
            return
        mark(Changes.SETTINGS)
        connection.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (SETTING_KEY, ON if enabled else OFF),
        )
        audit.append(connection, now, AuditAction.ALIASES_ENABLED if enabled
                     else AuditAction.ALIASES_DISABLED, {})


def listing(store: Store) -> list[Alias]:
    rows = store.query(
        "SELECT a.brand_origin, b.name, a.alias, a.first_given_at, a.closed_at "
        "FROM email_aliases a JOIN brands b ON b.origin = a.brand_origin "
        "ORDER BY a.first_given_at, a.alias"
    )
    return [Alias(str(o), str(n), str(a), int(t), None if c is None else int(c))
            for o, n, a, t, c in rows]


# A brand's aliases from the person's domain or plus-addressing: an alias a service made is
# listed in email_aliases too (it was given), but it is turned off at the service instead.
_CLOSABLE = ("FROM email_aliases WHERE brand_origin = ? AND closed_at IS NULL "
             "AND alias NOT IN (SELECT alias FROM service_aliases)")


def closable(connection: Connection, origin: str) -> list[str]:
    """The brand's aliases that closing would close: given from the person's domain or by
    plus-addressing, and not closed yet."""
    return [str(row[0]) for row in connection.execute(
        f"SELECT alias {_CLOSABLE} ORDER BY first_given_at, alias", (origin,))]


def close(connection: Connection, origin: str, now: int) -> list[str]:
    """Mark the brand's closable aliases closed at `now` (in the caller's transaction), one
    Activity entry for them; the aliases closed. Mail to them from then on is a leak."""
    found = closable(connection, origin)
    if not found:
        return []
    connection.execute(f"UPDATE email_aliases SET closed_at = ? WHERE alias IN "
                       f"(SELECT alias {_CLOSABLE})", (now, origin))
    mark(Changes.ALIASES)
    audit.append(connection, now, AuditAction.ALIAS_CLOSED,
                 {"brand": origin, "aliases": len(found)})
    return found


def substitute(
    connection: Connection, origin: str, data: dict[str, Any], now: int
) -> dict[str, Any]:
    """`data` as it goes to `origin`: email values replaced by the brand's alias when the
    setting is on (the alias recorded, in the caller's transaction, the first time)."""
    keys = [k for k in data if k in EMAIL_KEYS and isinstance(data[k], str)]
    if not keys or not is_enabled(connection):
        return data
    # The brand's tag is kept even when a service's alias is given, so a later change of
    # source goes on with the same tag.
    tag = _tag_for(connection, origin)
    service_alias = _service_alias(connection, origin)
    domain = _catch_all_domain(connection)
    result = dict(data)
    for key in keys:
        if service_alias is not None:
            alias = service_alias
        else:
            alias = f"{tag}@{domain}" if domain else alias_of(str(data[key]), tag)
        inserted = connection.execute(
            "INSERT OR IGNORE INTO email_aliases (alias, brand_origin, tag, first_given_at) "
            "VALUES (?, ?, ?, ?)",
            (alias, origin, tag, now),
        ).rowcount
        if inserted:
            mark(Changes.ALIASES)
            audit.append(connection, now, AuditAction.ALIAS_CREATED, {"brand": origin})
        result[key] = alias
    return result


def preview(connection: Connection, origin: str, address: str) -> str:
    """The alias `substitute` would give `origin` for `address` now, written nowhere: a
    brand with no tag yet shows its random part as "…" (megamart-…@alex.example); "" when
    the source is an alias service that has no alias for the brand yet (the app makes one
    there before it shares)."""
    service_alias = _service_alias(connection, origin)
    if service_alias is not None:
        return service_alias
    if _leak_source(connection).get("kind") in SERVICES:
        return ""
    row = _live_tag(connection, origin)
    if row is not None:
        tag = str(row[0])
    else:
        name_row = connection.execute("SELECT name FROM brands WHERE origin = ?",
                                      (origin,)).fetchone()
        tag = f"{brand_slug(str(name_row[0]) if name_row else '', origin)}-{PENDING}"
    domain = _catch_all_domain(connection)
    return f"{tag}@{domain}" if domain else alias_of(address, tag)


def _catch_all_domain(connection: Connection) -> str:
    """The domain of the person's catch-all alias source, "" for any other source (plus-
    addressing, or a service with no alias for the brand yet). vault/leaks/settings.py
    writes the source; read here as plain data, so sharing needs nothing of vault/leaks."""
    source = _leak_source(connection)
    if source.get("kind") == "domain" and isinstance(source.get("domain"), str):
        return str(source["domain"])
    return ""


def _service_alias(connection: Connection, origin: str) -> str | None:
    """The brand's alias made at the person's chosen service, if one was made and is on."""
    if _leak_source(connection).get("kind") not in SERVICES:
        return None
    row = connection.execute(
        "SELECT alias FROM service_aliases WHERE brand_origin = ? AND disabled_at IS NULL "
        "ORDER BY created_at DESC LIMIT 1", (origin,)).fetchone()
    return str(row[0]) if row else None


def _leak_source(connection: Connection) -> dict[str, Any]:
    row = connection.execute(
        "SELECT value FROM leak_settings WHERE name = 'source'").fetchone()
    try:
        value = json.loads(str(row[0])) if row else {}
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


SERVICES = ("simplelogin", "addy")  # vault/leaks/alias_sources.py's service kinds
PENDING = "…"  # the random part of a tag not made yet, in a preview


def alias_of(address: str, tag: str) -> str:
    """`name+tag@domain` for `name[+anything]@domain`; the tag's slug is shortened (never
    its random suffix) so the local part stays within RFC 5321's 64 characters."""
    local, _, domain = address.rpartition("@")
    base = local.split("+", 1)[0] or local
    slug, _, suffix = tag.rpartition("-")
    room = MAX_LOCAL_PART - len(base) - len("+-") - len(suffix)
    slug = slug[: max(room, 0)].rstrip("-")
    return f"{base}+{slug}-{suffix}@{domain}" if slug else f"{base}+{suffix}@{domain}"


def _tag_for(connection: Connection, origin: str) -> str:
    row = _live_tag(connection, origin)
    if row is not None:
        return str(row[0])
    name_row = connection.execute("SELECT name FROM brands WHERE origin = ?", (origin,)).fetchone()
    slug = brand_slug(str(name_row[0]) if name_row else "", origin)
    while True:
        suffix = "".join(secrets.choice(SUFFIX_ALPHABET) for _ in range(SUFFIX_LENGTH))
        tag = f"{slug}-{suffix}"
        taken = connection.execute(
            "SELECT 1 FROM email_aliases WHERE tag = ? OR tag LIKE ?",
            (tag, f"%-{suffix}"),
        ).fetchone()
        if taken is None:
            return tag


def _live_tag(connection: Connection, origin: str) -> tuple[str] | None:
    """The brand's tag, unless an alias under it was closed (then the tag is retired and
    the brand's next share makes a new one)."""
    row = connection.execute(
        "SELECT tag FROM email_aliases a WHERE brand_origin = ? AND NOT EXISTS "
        "(SELECT 1 FROM email_aliases c WHERE c.brand_origin = a.brand_origin AND c.tag = a.tag "
        "AND c.closed_at IS NOT NULL) "
        "LIMIT 1", (origin,)).fetchone()
    return (str(row[0]),) if row is not None else None


def brand_slug(name: str, origin: str) -> str:
    """Lower-case ASCII letters and digits in runs joined by '-', from the brand's name,
    else its host; at most MAX_SLUG characters."""
    for text in (name, urlsplit(origin).hostname or ""):
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:MAX_SLUG].strip("-")
        if slug:
            return slug
    return "brand"
