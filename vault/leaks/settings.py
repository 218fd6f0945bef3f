"""The leak canaries' settings kept inside the vault (table `leak_settings`, encrypted with
everything else): where aliases come from (with a service's API key) and the mailbox to
watch (with its password). Neither secret is ever written to the activity log, a log line
or an error."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from ..changes import Changes, mark
from ..errors import VaultError
from ..storage.store import Connection
from .alias_services import ADDY_DEFAULT_DOMAIN, ADDY_URL, MAX_KEY, SIMPLELOGIN_URL
from .alias_sources import (
    AliasSource,
    SourceKind,
    catch_all_source,
    plus_source,
    valid_domain,
)
from .imap import MailboxAccount

SOURCE, MAILBOX = "source", "mailbox"
IMAPS_PORT = 993
MAX_TEXT = 1024


class SettingsProblem(StrEnum):
    NO_KEY = "no_key"  # a service needs its API key
    BAD_URL = "bad_url"  # a service's address must be https
    BAD_MAILBOX = "bad_mailbox"  # host, port, user name or password unusable


class LeakSettingsError(VaultError):
    def __init__(self, reason: SettingsProblem) -> None:
        super().__init__(str(reason))
        self.reason = reason


@dataclass(frozen=True)
class SourceSettings:
    source: AliasSource
    api_key: str = ""  # services only
    base_url: str = ""  # services only: the service's API address
    service_domain: str = ""  # addy.io: the domain its aliases are made on
    local: bool = False  # the service runs on this computer or the local network

    def __repr__(self) -> str:  # the key never in a traceback or a log
        return f"SourceSettings(kind={self.source.kind})"


@dataclass(frozen=True)
class MailboxSettings:
    host: str
    username: str
    password: str
    port: int = IMAPS_PORT
    folder: str = "INBOX"
    trusted_authserv_id: str = ""  # the person's own server's name in Authentication-Results

    def __repr__(self) -> str:
        return f"MailboxSettings(host={self.host!r}, port={self.port})"

    def account(self, ca_bundle: str | None = None) -> MailboxAccount:
        """How the IMAP client logs in; `ca_bundle` replaces the system's authorities."""
        return MailboxAccount(self.host, self.username, self.password, self.port, self.folder,
                              self.trusted_authserv_id, ca_bundle)


def source_settings(kind: SourceKind, *, domain: str = "", address: str = "",
                    api_key: str = "", base_url: str = "", service_domain: str = "",
                    local: bool = False) -> SourceSettings:
    """Checked settings for a source; LeakSettingsError or AliasSourceError otherwise."""
    if kind is SourceKind.DOMAIN:
        return SourceSettings(catch_all_source(domain))
    if kind is SourceKind.PLUS:
        return SourceSettings(plus_source(address))
    if not api_key or len(api_key) > MAX_KEY:
        raise LeakSettingsError(SettingsProblem.NO_KEY)
    default = SIMPLELOGIN_URL if kind is SourceKind.SIMPLELOGIN else ADDY_URL
    url = (base_url or default).rstrip("/")
    if not url.startswith("https://") or len(url) > MAX_TEXT:
        raise LeakSettingsError(SettingsProblem.BAD_URL)
    on = ""
    if kind is SourceKind.ADDY:
        on = valid_domain(service_domain or ADDY_DEFAULT_DOMAIN)
    return SourceSettings(AliasSource(kind), api_key, url, on, local)


def mailbox_settings(host: str, username: str, password: str, *, port: int = IMAPS_PORT,
                     folder: str = "INBOX", trusted_authserv_id: str = "") -> MailboxSettings:
    host = host.strip().lower()
    texts = (host, username, password, folder, trusted_authserv_id)
    if (not host or not username or not password or not 0 < port < 65536
            or any(len(t) > MAX_TEXT or any(c in t for c in "\r\n\0") for t in texts)
            or any(c.isspace() for c in host)):
        raise LeakSettingsError(SettingsProblem.BAD_MAILBOX)
    return MailboxSettings(host, username, password, port, folder or "INBOX",
                           trusted_authserv_id.strip().lower())


def read_source(connection: Connection) -> SourceSettings | None:
    value = _read(connection, SOURCE)
    if value is None:
        return None
    try:
        kind = SourceKind(value["kind"])
        return SourceSettings(AliasSource(kind, str(value.get("domain", "")),
                                          str(value.get("address", ""))),
                              str(value.get("api_key", "")), str(value.get("base_url", "")),
                              str(value.get("service_domain", "")),
                              value.get("local") is True)
    except (KeyError, ValueError, TypeError):
        return None  # written by a later version in a form this one does not know


def write_source(connection: Connection, settings: SourceSettings) -> None:
    source = settings.source
    _write(connection, SOURCE, {"kind": str(source.kind), "domain": source.domain,
                                "address": source.address, "api_key": settings.api_key,
                                "base_url": settings.base_url,
                                "service_domain": settings.service_domain,
                                "local": settings.local})


def read_mailbox(connection: Connection) -> MailboxSettings | None:
    value = _read(connection, MAILBOX)
    if value is None:
        return None
    try:
        return MailboxSettings(**{k: value[k] for k in MailboxSettings.__dataclass_fields__})
    except (KeyError, TypeError):
        return None


def write_mailbox(connection: Connection, settings: MailboxSettings | None) -> None:
    if settings is None:
        mark(Changes.SETTINGS)
        connection.execute("DELETE FROM leak_settings WHERE name = ?", (MAILBOX,))
    else:
        _write(connection, MAILBOX, asdict(settings))


def _read(connection: Connection, name: str) -> dict[str, Any] | None:
    row = connection.execute("SELECT value FROM leak_settings WHERE name = ?",
                             (name,)).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(str(row[0]))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _write(connection: Connection, name: str, value: dict[str, Any]) -> None:
    mark(Changes.SETTINGS)
    connection.execute(
        "INSERT INTO leak_settings (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (name, json.dumps(value, sort_keys=True)),
    )

