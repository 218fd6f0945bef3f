"""What the vault keeps of leak canaries: the aliases to watch (each with its brand, the
brand's declared processors and the senders the person marked as expected), the mailbox's
position, the leaks found, and the evidence a leak calls for. SQL over the caller's
connection; the manager (vault/leaks/managers.py) holds the transactions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zpd.errors import ProtocolError
from zpd.request import read_verified

from ..changes import Changes, mark
from ..storage.store import Connection
from .domains import organisation
from .evidence import Evidence, SignedToken
from .scan import Canary, Position, Sighting
from .verdict import BrandSenders


@dataclass(frozen=True)
class Leak:
    id: int
    alias: str
    brand_origin: str
    brand_name: str
    grant_id: str | None
    from_address: str
    sender_domain: str  # authenticated; "" when nothing was
    authenticated: bool
    received_at: int | None  # when it reached the mailbox (the server's time, else its Date)
    message_id: str
    subject: str
    found_at: int
    expected_at: int | None  # when the person marked it expected
    alias_closed_at: int | None = None  # when the person closed the alias, if they did

    @property
    def expected(self) -> bool:
        return self.expected_at is not None

    @property
    def after_close(self) -> bool:
        """The mail came after the person closed the alias (a leak whoever sent it)."""
        sent = self.received_at if self.received_at is not None else self.found_at
        return self.alias_closed_at is not None and sent >= self.alias_closed_at


_LEAK_COLUMNS = (
    "l.id, l.alias, l.brand_origin, b.name, l.grant_id, l.from_address, l.sender_domain, "
    "l.authenticated, l.received_at, l.message_id, l.subject, l.found_at, l.expected_at, "
    "(SELECT MIN(e.closed_at) FROM email_aliases e WHERE lower(e.alias) = l.alias)"
)


def canaries(connection: Connection) -> dict[str, Canary]:
    """Every alias given to a brand, by lower-case address, with who may write to it."""
    senders: dict[str, BrandSenders] = {}
    rows = connection.execute(
        "SELECT alias, brand_origin, closed_at FROM email_aliases UNION ALL "
        "SELECT alias, brand_origin, NULL FROM service_aliases WHERE disabled_at IS NULL"
    ).fetchall()
    found = {}
    for alias, origin, closed_at in rows:
        origin = str(origin)
        if origin not in senders:
            senders[origin] = BrandSenders(origin, _processors(connection, origin),
                                           _expected(connection, origin))
        found[str(alias).lower()] = Canary(str(alias).lower(), senders[origin],
                                           _grant_of(connection, origin), closed_at)
    return found


def _processors(connection: Connection, origin: str) -> tuple[str, ...]:
    """The processors declared in any request of the brand the vault kept."""
    declared: set[str] = set()
    for (jws,) in connection.execute("SELECT jws FROM requests WHERE brand_origin = ?",
                                     (origin,)):
        try:
            declared.update(read_verified(str(jws)).processors)
        except ProtocolError:
            continue
    return tuple(sorted(declared))


def _expected(connection: Connection, origin: str) -> tuple[str, ...]:
    return tuple(str(d) for (d,) in connection.execute(
        "SELECT domain FROM expected_senders WHERE brand_origin = ? ORDER BY domain",
        (origin,)))


def _grant_of(connection: Connection, origin: str) -> str | None:
    """The brand's newest grant: the one that carried its alias most recently."""
    row = connection.execute(
        "SELECT id FROM grants WHERE brand_origin = ? ORDER BY created_at DESC, id LIMIT 1",
        (origin,)).fetchone()
    return str(row[0]) if row else None


def position(connection: Connection, folder: str) -> Position | None:
    row = connection.execute(
        "SELECT uidvalidity, last_uid FROM mailbox_position WHERE folder = ?", (folder,)
    ).fetchone()
    return Position(int(row[0]), int(row[1])) if row else None


def set_position(connection: Connection, folder: str, at: Position) -> None:
    connection.execute(
        "INSERT INTO mailbox_position (folder, uidvalidity, last_uid) VALUES (?, ?, ?) "
        "ON CONFLICT (folder) DO UPDATE SET uidvalidity = excluded.uidvalidity, "
        "last_uid = excluded.last_uid", (folder, at.uidvalidity, at.last_uid))


def add_leaks(connection: Connection, sightings: Iterable[Sighting], now: int) -> list[int]:
    """Keep each new leak (a message already kept for that alias is not kept twice);
    the ids of the new ones."""
    added = []
    for sighting in sightings:
        headers, verdict = sighting.headers, sighting.verdict
        cursor = connection.execute(
            "INSERT OR IGNORE INTO leaks (fingerprint, alias, brand_origin, grant_id, "
            "from_address, sender_domain, authenticated, received_at, message_id, subject, "
            "header, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (sighting.fingerprint, sighting.canary.alias, sighting.canary.brand_origin,
             sighting.canary.grant_id, verdict.from_address, verdict.sender_domain,
             int(verdict.authenticated), sighting.received_at, headers.message_id,
             headers.subject,
             sighting.full_header or b"", now))
        if cursor.rowcount:
            mark(Changes.ALIASES)
            added.append(int(cursor.lastrowid or 0))
    return added


def leaks(connection: Connection, ids: Iterable[int] | None = None) -> list[Leak]:
    sql = (f"SELECT {_LEAK_COLUMNS} FROM leaks l JOIN brands b ON b.origin = l.brand_origin")
    params: tuple[int, ...] = ()
    if ids is not None:
        params = tuple(ids)
        sql += f" WHERE l.id IN ({','.join('?' * len(params))})" if params else " WHERE 0"
    rows = connection.execute(sql + " ORDER BY l.found_at DESC, l.id DESC", params)
    return [Leak(int(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4], str(r[5]), str(r[6]),
                 bool(r[7]), r[8], str(r[9]), str(r[10]), int(r[11]), r[12], r[13])
            for r in rows]


def mark_expected(connection: Connection, leak: Leak, now: int) -> str:
    """The leak's sender becomes expected for its brand (its organisation, so the brand's
    other mail from it is expected too); the domain marked, "" when the sender was never
    authenticated (nothing to vouch for: only this leak is marked)."""
    mark(Changes.ALIASES)
    connection.execute("UPDATE leaks SET expected_at = ? WHERE id = ?", (now, leak.id))
    domain = organisation(leak.sender_domain) if leak.sender_domain else ""
    if domain:
        connection.execute(
            "INSERT OR IGNORE INTO expected_senders (brand_origin, domain, marked_at) "
            "VALUES (?, ?, ?)", (leak.brand_origin, domain, now))
    return domain


def header_of(connection: Connection, leak_id: int) -> bytes:
    row = connection.execute("SELECT header FROM leaks WHERE id = ?", (leak_id,)).fetchone()
    return bytes(row[0]) if row else b""


@dataclass(frozen=True)
class GrantFacts:
    """What a complaint says of the grant that carried the alias."""

    purpose: str
    brand_contact: str  # from the brand's signed request: mailto: or https:
    given_at: int  # when the alias was first given


def grant_facts(connection: Connection, leak: Leak) -> GrantFacts:
    purpose, contact = "", ""
    if leak.grant_id is not None:
        row = connection.execute(
            "SELECT g.purpose_description, r.jws FROM grants g "
            "JOIN requests r ON r.id = g.request_id WHERE g.id = ?", (leak.grant_id,)
        ).fetchone()
        if row is not None:
            purpose = str(row[0])
            try:
                contact = read_verified(str(row[1])).body.brand.contact
            except ProtocolError:
                contact = ""
    return GrantFacts(purpose, contact, _given_at(connection, leak))


def _given_at(connection: Connection, leak: Leak) -> int:
    row = connection.execute(
        "SELECT MIN(at) FROM (SELECT first_given_at AS at FROM email_aliases WHERE alias = ? "
        "UNION ALL SELECT created_at FROM service_aliases WHERE alias = ?)",
        (leak.alias, leak.alias)).fetchone()
    return int(row[0]) if row and row[0] is not None else leak.found_at


def evidence_for(connection: Connection, leak: Leak, body: bytes | None) -> Evidence | None:
    """What the pack of a leak holds, from the grant that carried the alias; None when
    that grant (or its request) is gone."""
    if leak.grant_id is None:
        return None
    grant = connection.execute(
        "SELECT r.jws FROM grants g JOIN requests r ON r.id = g.request_id WHERE g.id = ?",
        (leak.grant_id,)).fetchone()
    if grant is None:
        return None
    tokens = [SignedToken(str(jti), str(signed), int(at)) for jti, signed, at in
              connection.execute("SELECT jti, signed, issued_at FROM tokens "
                                 "WHERE grant_id = ? AND kind = 'grant'",
                                 (leak.grant_id,))]
    receipts = [(str(jti), str(receipt)) for jti, receipt in connection.execute(
        "SELECT jti, receipt FROM outbox WHERE grant_id = ? AND receipt IS NOT NULL "
        "ORDER BY created_at, jti", (leak.grant_id,))]
    return Evidence(
        brand_origin=leak.brand_origin, brand_name=leak.brand_name, request_jws=str(grant[0]),
        grant_id=leak.grant_id, tokens=tokens, receipts=receipts, alias=leak.alias,
        alias_given_at=_given_at(connection, leak),
        from_address=leak.from_address, sender_domain=leak.sender_domain,
        authenticated=leak.authenticated, received_at=leak.received_at,
        message_id=leak.message_id, header=header_of(connection, leak.id), body=body,
    )
