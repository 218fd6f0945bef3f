"""`zpv` commands for what a person shares with brands: sharing, grants, revocation, what a
brand knows, the outbox of deliveries and the consent records.

`zpv request`, `zpv brands` and `zpv asks` live in request_commands."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from zpd.catalogue import BY_KEY
from zpd.fieldtypes import Sensitivity
from zpd.receipt import DownstreamEntry

from ..errors import ShareRefusal, ShareRefused
from ..exchange.delivery_summary import DeliverySummary
from ..exchange.grants import Grant, GrantStatus
from ..exchange.outbox import DeliveryState, MessageKind
from ..exchange.question_sensitivity import judge
from ..storage.fsutil import atomic_write
from . import answer_commands, exchange_words, terminal, words
from .answer_commands import missing_answer_words
from .context import unlocked
from .leak_commands import turn_off_service_aliases
from .terminal import EXIT_ERROR, EXIT_OK, say, show_value

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def add_commands(command: Command) -> None:
    p = command("share", cmd_share, "share fields with a brand for one of its asks")
    p.add_argument("brand")
    p.add_argument("ask")
    p.add_argument(
        "--fields",
        help="comma-separated fields (default: required ones and "
        "optional ones you filled in, never special-category unless named)",
    )
    p.add_argument("--days", type=int, help="how long (default: what the ask says; only shorter)")
    p.add_argument("--out", metavar="FILE", help="write the token as the brand receives it")
    p = command("grants", cmd_grants, "what you shared, with whom, until when")
    p.add_argument("--brand")
    p.add_argument("--status", choices=[*(s.value for s in GrantStatus), "paused"])
    p = command("revoke", cmd_revoke, "take a grant back; the brand is told to delete")
    p.add_argument("grant", help="grant id (or a unique prefix, at least 4 characters)")
    p.add_argument("--out", metavar="FILE", help="write the revocation event as sent")
    p.add_argument("--disable-alias", action="store_true",
                   help="also turn the brand's email aliases off at your alias service, "
                   "and mark those from your domain or plus-addressing closed (mail to "
                   "them then means a leak)")
    p = command("pause", cmd_pause, "pause a grant: the brand keeps the data but must not "
                "use it until you resume")
    p.add_argument("grant", help="grant id (or a unique prefix, at least 4 characters)")
    p = command("resume", cmd_resume, "resume a paused grant; what changed meanwhile is sent")
    p.add_argument("grant", help="grant id (or a unique prefix, at least 4 characters)")
    answer_commands.add_commands(command)
    p = command("knows", cmd_knows, "what a brand knows about you now")
    p.add_argument("brand")
    p = command("outbox", cmd_outbox, "what waits to be delivered to brands, and why")
    p.add_argument("action", nargs="?", choices=["flush"], help="flush: deliver now")
    p = command("records", cmd_records, "consent records (ISO/IEC TS 27560) with proofs")
    p.add_argument("action", choices=["export"])
    p.add_argument("--out", required=True, metavar="FILE")


def cmd_share(args: argparse.Namespace) -> int:
    fields = [f.strip() for f in args.fields.split(",") if f.strip()] if args.fields else None
    with unlocked(args) as vault:
        brand = vault.brands.find(args.brand)
        try:
            result = vault.grants.share(brand.origin, args.ask, fields=fields, days=args.days)
        except ShareRefused as refused:
            unanswered = refused.reason in (ShareRefusal.NO_VALUE,
                                            ShareRefusal.REQUIRED_LEFT_OUT)
            why = unanswered and missing_answer_words(vault, brand.origin, brand.name,
                                                      refused.fields)
            if not why:
                raise
            print(f"zpv: {why}", file=sys.stderr)
            return terminal.exit_code_for(refused)
        labels = {q.key: q.label for q in vault.brands.questions(brand.origin)}
        judged = {q.key: judge(q).judged for q in vault.brands.questions(brand.origin)}
    if args.out:
        # Exactly the body a brand receives: no newline (jwcrypto refuses one).
        atomic_write(Path(args.out), result.token.compact.encode("ascii"))
    grant = result.grant
    if args.json:
        terminal.print_json(_grant_json(grant))
        return EXIT_OK
    say(
        f"Shared {', '.join(grant.fields)} with {grant.brand_name} until "
        f"{terminal.when(grant.expires_at)}."
    )
    say(f"Grant {grant.id}")
    for key in grant.fields:
        if key in labels:
            say(f"  {key}: your answer to \"{labels[key]}\"")
    special = [
        k for k in grant.fields
        if (judged[k] if k in judged else BY_KEY[k].sensitivity) == Sensitivity.SPECIAL
    ]
    if special:
        say(f"This includes special-category data: {', '.join(special)}.")
    return EXIT_OK


def cmd_grants(args: argparse.Namespace) -> int:
    paused = args.status == "paused"
    status = GrantStatus(args.status) if args.status and not paused else None
    with unlocked(args, reads_grants=True) as vault:
        origin = vault.brands.find(args.brand).origin if args.brand else None
        grants = vault.grants.listing(origin=origin, status=status, paused=paused, limit=None)
        deliveries = vault.delivery.summaries(g.id for g in grants)
        downstream = {g.id: vault.delivery.downstream(g.id) for g in grants
                      if g.status is GrantStatus.REVOKED}
    if args.json:
        terminal.print_json([
            {**_grant_json(g), "delivery": _delivery_json(deliveries[g.id]),
             "downstream": _downstream_json(downstream.get(g.id, ()))} for g in grants
        ])
        return EXIT_OK
    for g in grants:
        systems = downstream.get(g.id, ())
        say(
            f"{g.id[:8]}  {g.state:<7}  {g.brand_name}  {g.ask_id}  "
            f"{', '.join(g.fields)}  until {terminal.when(g.expires_at)}  v{g.version}  "
            f"[{exchange_words.delivery_words(deliveries[g.id])}]"
            + (f"  [{exchange_words.downstream_words(systems)}]" if systems else "")
        )
    return EXIT_OK


def _downstream_json(entries: Sequence[DownstreamEntry]) -> list[dict[str, object]]:
    """Each system the brand passed the data to, and where its deletion stands."""
    return [entry.to_claims() for entry in entries]


def _delivery_json(summary: DeliverySummary | None) -> dict[str, object] | None:
    if summary is None:
        return None
    return {"status": summary.status.value, "detail": summary.detail,
            "attempts": summary.attempts}


def cmd_revoke(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        grant = vault.grants.find(args.grant)
        event = vault.grants.revoke(grant.id)
        if args.out:
            atomic_write(Path(args.out), event.compact.encode("ascii"))
        say(
            f"Revoked grant {grant.id} with {grant.brand_name}; the brand is told to delete "
            f"{', '.join(grant.fields)}."
        )
        if args.disable_alias:
            closed = vault.aliases.close(grant.brand_origin)
            turned_off = turn_off_service_aliases(vault, grant.brand_origin)
            if turned_off or not closed:
                say(f"Turned off {len(turned_off)} email alias(es) of {grant.brand_name} at "
                    "your alias service.")
            for alias in closed:
                say(f"Closed {alias}: mail to it from now on means a leak or an old list.")
    return EXIT_OK


def cmd_pause(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        grant = vault.grants.find(args.grant)
        event = vault.grants.pause(grant.id)
    if args.json:
        terminal.print_json({"grant": grant.id, "status": "paused", "event": event.jti})
        return EXIT_OK
    say(f"Paused grant {grant.id} with {grant.brand_name}; the brand keeps "
        f"{', '.join(grant.fields)} but is told not to use it until you resume.")
    return EXIT_OK


def cmd_resume(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        grant = vault.grants.find(args.grant)
        resumed = vault.grants.resume(grant.id)
        version = vault.grants.get(grant.id).version
    if args.json:
        terminal.print_json({"grant": grant.id, "status": "active", "event": resumed.event.jti,
                             "version": version if resumed.version is not None else None})
        return EXIT_OK
    say(f"Resumed grant {grant.id} with {grant.brand_name}.")
    if resumed.version is not None:
        say(f"What changed while it was paused goes to the brand as version {version}.")
    return EXIT_OK


def cmd_knows(args: argparse.Namespace) -> int:
    with unlocked(args, reads_grants=True) as vault:
        brand = vault.brands.find(args.brand)
        held = vault.grants.held_by(brand.origin)
        downstream = {h.grant.id: vault.delivery.downstream(h.grant.id) for h in held
                      if h.grant.status is GrantStatus.REVOKED}
    if args.json:
        terminal.print_json(
            {
                "brand": brand.origin,
                "name": brand.name,
                "grants": [
                    {**_grant_json(h.grant), "data": h.data,
                     "questions": {k: q.label for k, q in h.questions.items()},
                     "downstream": _downstream_json(downstream.get(h.grant.id, ()))}
                    for h in held
                ],
            }
        )
        return EXIT_OK
    live = [h for h in held if h.grant.status is GrantStatus.ACTIVE]
    say(f"{brand.name} ({brand.origin}) knows, through {len(live)} active grant(s):")
    for h in held:
        g = h.grant
        say(f"  {g.purpose_description} ({g.ask_id}, v{g.version}), "
            f"{exchange_words.grant_state_words(g)}")
        for key, value in h.data.items():
            asked = h.questions.get(key)
            name = f"{asked.label} ({key})" if asked is not None else key
            say(f"    {name}: {show_value(value)}")
        if downstream.get(g.id):
            systems = exchange_words.downstream_words(downstream[g.id])
            say(f"    deletion in the brand's systems: {systems}")
    return EXIT_OK


def cmd_records(args: argparse.Namespace) -> int:
    with unlocked(args, reads_grants=True) as vault:
        document = vault.transparency.consent_records()
    atomic_write(
        Path(args.out), json.dumps(document, ensure_ascii=False, indent=2).encode() + b"\n"
    )
    say(f"Wrote {len(document['records'])} consent record(s) to {args.out}.")
    return EXIT_OK


def cmd_outbox(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        report = vault.delivery.deliver_now() if args.action == "flush" else None
        waiting = vault.delivery.waiting()
        blocked = {item.jti: vault.delivery.is_waiting_for_grant(item) for item in waiting}
    now = int(time.time())
    errors = {} if report is None else report.errors
    brand_of = {i.jti: (i.grant_id, i.brand_origin) for i in waiting}
    if args.json:
        terminal.print_json({
            "flushed": None if report is None else {
                "delivered": len(report.delivered), "failed": len(report.failed),
                "retrying": len(report.retrying),
                "errors": [{"message": jti, "error": name} for jti, name in errors.items()]},
            "waiting": [{"message": i.jti, "grant": i.grant_id, "brand": i.brand_origin,
                         "kind": i.kind, "state": i.state.value, "attempts": i.attempts,
                         "next_attempt_at": i.next_attempt_at, "last_error": i.last_error,
                         "waiting_for_grant": blocked[i.jti]} for i in waiting],
        })
        return EXIT_ERROR if errors else EXIT_OK
    if report is not None:
        say(f"Delivered {len(report.delivered)}, refused {len(report.failed)}, "
              f"will retry {len(report.retrying)}.")
    if not waiting:
        say("Nothing waits: every token and event was delivered.")
    for i in waiting:
        if i.state is DeliveryState.FAILED:
            why = f"refused by the brand: {i.last_error}"
        elif blocked[i.jti]:
            why = f"waits until the brand has the grant it {_EVENT_VERBS[i.kind]}"
        else:
            why = f"next try {terminal.when(i.next_attempt_at)}"
            if i.retry_after_until is not None and i.retry_after_until > now:
                why += " (the brand asked to wait)"
            if i.last_error:
                why += f", last attempt: {words.last_attempt_words(i.last_error)}"
        say(f"{i.grant_id[:8]}  {i.kind:<10}  {i.brand_origin}  {why}")
    for jti, name in errors.items():
        grant_id, origin = brand_of.get(jti, ("", ""))
        print(f"zpv: a message of grant {grant_id[:8]} to {origin} was not delivered: "
              f"unexpected error ({name}); it will be tried again", file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_OK


_EVENT_VERBS = {MessageKind.REVOCATION: "revokes", MessageKind.PAUSE: "pauses",
                MessageKind.RESUME: "resumes", MessageKind.GRANT: "updates"}


def _grant_json(g: Grant) -> dict[str, object]:
    return {
        "id": g.id,
        "brand": g.brand_origin,
        "name": g.brand_name,
        "ask": g.ask_id,
        "purpose": {"iri": g.purpose_iri, "description": g.purpose_description},
        "fields": list(g.fields),
        "offer": {"kind": g.offer_kind, "description": g.offer_description},
        "created_at": g.created_at,
        "expires_at": g.expires_at,
        "status": g.state,
        "version": g.version,
        "paused_at": g.paused_at if g.paused else None,
    }
