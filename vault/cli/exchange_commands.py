"""`zpv` commands for the exchange with brands: requests, sharing, grants, revocation."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from zpd.catalogue import BY_KEY
from zpd.fieldtypes import Sensitivity
from zpd.links import parse_link
from zpd.origin import AddressScope
from zpd.purposes import concept_name
from zpd.request import Ask

from ..errors import ShareRefusal, ShareRefused
from ..exchange.brands import ImportResult, RequestSource
from ..exchange.delivery_summary import DeliverySummary
from ..exchange.grants import Grant, GrantStatus
from ..exchange.links import LinkImport
from ..exchange.outbox import DeliveryState
from ..exchange.question_sensitivity import judge
from ..storage.fsutil import atomic_write
from ..vault import Vault
from . import answer_commands, terminal, words
from .answer_commands import missing_answer_words, question_json, question_lines
from .context import unlocked
from .leak_commands import turn_off_service_aliases
from .terminal import EXIT_ERROR, EXIT_OK, UsageError, show_value

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]

MAX_REQUEST_BYTES = 1024 * 1024


def say(text: str = "") -> None:
    """Print a line for people (terminal.revealing_output reveals any hidden character)."""
    print(text)


def add_commands(command: Command) -> None:
    p = command("request", cmd_request, "import or fetch a brand's signed data request")
    p.add_argument("action", choices=["import", "fetch", "open"])
    p.add_argument(
        "source", metavar="FILE|-|ADDRESS|LINK",
        help="import: a file, or - to read pasted text; fetch: the brand's web address; "
        "open: a zpd://share link from a brand's page",
    )
    p.add_argument(
        "--accept-new-keys",
        action="store_true",
        help="accept that the brand's keys changed since you first imported it",
    )
    command("brands", cmd_brands, "the brands you imported requests from")
    p = command("asks", cmd_asks, "what a brand asks for, and what it offers")
    p.add_argument("brand", help="the brand's origin or a unique prefix of its name")
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
    p.add_argument("--status", choices=[s.value for s in GrantStatus])
    p = command("revoke", cmd_revoke, "take a grant back; the brand is told to delete")
    p.add_argument("grant", help="grant id (or a unique prefix, at least 4 characters)")
    p.add_argument("--out", metavar="FILE", help="write the revocation event as sent")
    p.add_argument("--disable-alias", action="store_true",
                   help="also turn the brand's email aliases off at your alias service")
    answer_commands.add_commands(command)
    p = command("knows", cmd_knows, "what a brand knows about you now")
    p.add_argument("brand")
    p = command("outbox", cmd_outbox, "what waits to be delivered to brands, and why")
    p.add_argument("action", nargs="?", choices=["flush"], help="flush: deliver now")
    p = command("records", cmd_records, "consent records (ISO/IEC TS 27560) with proofs")
    p.add_argument("action", choices=["export"])
    p.add_argument("--out", required=True, metavar="FILE")


def cmd_request(args: argparse.Namespace) -> int:
    if args.action == "open":
        parse_link(args.source)  # a link not followed needs no passphrase
        with unlocked(args) as vault:
            opened = vault.brands.open_link(args.source, accept_new_keys=args.accept_new_keys)
        return _report_import(args, opened.result, opened)
    if args.action == "fetch":
        with unlocked(args) as vault:
            result = vault.brands.fetch(args.source, accept_new_keys=args.accept_new_keys)
        return _report_import(args, result)
    if args.source == "-":
        text, source = sys.stdin.read(MAX_REQUEST_BYTES + 1), RequestSource.TEXT
    else:
        try:
            with open(args.source, encoding="utf-8") as handle:
                text = handle.read(MAX_REQUEST_BYTES + 1)
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {args.source}: {exc}") from None
        source = RequestSource.FILE
    if len(text) > MAX_REQUEST_BYTES:
        raise UsageError("that is too large to be a data request")
    with unlocked(args) as vault:
        result = vault.brands.import_request(text, source, accept_new_keys=args.accept_new_keys)
    return _report_import(args, result)


def _report_import(args: argparse.Namespace, result: ImportResult,
                   opened: LinkImport | None = None) -> int:
    brand = result.brand
    if args.json:
        link = {} if opened is None else {"ask": opened.ask_id, "return_uri": opened.return_uri}
        terminal.print_json(
            {
                **link,
                "brand": brand.origin,
                "name": brand.name,
                "request": result.request.jti,
                "new_brand": result.new_brand,
                "keys_replaced": result.keys_replaced,
                "unverified_keys_replaced": result.unverified_keys_replaced,
                "outdated": result.outdated,
                "domain_verified": brand.domain_verified,
                "home": brand.home.value,
                "asks": [a.id for a in result.request.body.asks],
            }
        )
        return EXIT_OK
    verb = "Already had" if result.already_known else "Imported"
    say(
        f"{verb} a request from {brand.name} ({brand.origin}) with "
        f"{len(result.request.body.asks)} ask(s)."
    )
    if result.unverified_keys_replaced:
        say("The keys trusted until now came from a file or pasted text; the ones its web "
            "address serves replace them.")
    elif result.keys_replaced:
        say("The brand's keys were replaced with the new ones, as you asked.")
    if result.outdated:
        say("This request is older than the one you already have from this brand: its asks "
            "do not replace the ones on offer.")
    say(words.where_words(brand))
    if opened is not None:
        say(f"The link opens its ask '{opened.ask_id}': review it with "
            f"'zpv asks {brand.origin}', share with 'zpv share {brand.origin} "
            f"{opened.ask_id}'.")
    return EXIT_OK


def cmd_brands(args: argparse.Namespace) -> int:
    with unlocked(args, reads_grants=True) as vault:
        brands = vault.brands.all()
        active = {
            b.origin: len(vault.grants.listing(origin=b.origin, status=GrantStatus.ACTIVE))
            for b in brands
        }
    if args.json:
        terminal.print_json(
            [
                {
                    "origin": b.origin,
                    "name": b.name,
                    "domain_verified": b.domain_verified,
                    "home": b.home.value,
                    "active_grants": active[b.origin],
                }
                for b in brands
            ]
        )
        return EXIT_OK
    for b in brands:
        badge = "verified" if b.domain_verified else "unverified"
        badge += {AddressScope.LOOPBACK: ", this computer",
                  AddressScope.LOCAL_NETWORK: ", local network"}.get(b.home, "")
        say(f"{b.name}  {b.origin}  [{badge}]  {active[b.origin]} active grant(s)")
    return EXIT_OK


def cmd_asks(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        brand = vault.brands.find(args.brand)
        asks = vault.brands.asks(brand.origin)
        if args.json:
            terminal.print_json([_ask_json(vault, brand.origin, a) for a in asks])
            return EXIT_OK
        answers = {a.key: a for a in vault.answers.all(brand.origin)}
        proposals = {q.key: vault.answers.proposal(brand.origin, q.key)
                     for q in vault.brands.questions(brand.origin)}
    for a in asks:
        say(f"{a.id}: {a.purpose.description} ({concept_name(a.purpose.iri)})")
        say(f"  offer: {a.offer.kind}: {a.offer.description}")
        say(f"  for {a.duration_days} days; the brand keeps data {a.retention_days} days")
        for f in a.fields:
            need = "required" if f.required else "optional"
            if f.question is not None:
                say(f"  - {f.key} ({need}): {f.why}")
                for line in question_lines(f.question, answers.get(f.key),
                                           proposals.get(f.key)):
                    say(line)
                continue
            special = (
                "  [special category]"
                if BY_KEY[f.key].sensitivity == Sensitivity.SPECIAL else ""
            )
            say(f"  - {f.key} ({need}): {f.why}{special}")
    return EXIT_OK


def _ask_json(vault: Vault, origin: str, ask: Ask) -> dict[str, object]:
    return {
        "id": ask.id,
        "purpose": {"iri": ask.purpose.iri, "description": ask.purpose.description},
        "fields": [
            {"key": f.key, "required": f.required, "why": f.why,
             **({"question": question_json(vault, origin, f.question)}
                if f.question is not None else {})}
            for f in ask.fields
        ],
        "offer": {"kind": ask.offer.kind, "description": ask.offer.description},
        "retention_days": ask.retention_days,
        "duration_days": ask.duration_days,
    }


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
    status = GrantStatus(args.status) if args.status else None
    with unlocked(args, reads_grants=True) as vault:
        origin = vault.brands.find(args.brand).origin if args.brand else None
        grants = vault.grants.listing(origin=origin, status=status)
        deliveries = {g.id: vault.delivery.summary(g.id) for g in grants}
    if args.json:
        terminal.print_json([
            {**_grant_json(g), "delivery": _delivery_json(deliveries[g.id])} for g in grants
        ])
        return EXIT_OK
    for g in grants:
        say(
            f"{g.id[:8]}  {g.status.value:<7}  {g.brand_name}  {g.ask_id}  "
            f"{', '.join(g.fields)}  until {terminal.when(g.expires_at)}  v{g.version}  "
            f"[{words.delivery_words(deliveries[g.id])}]"
        )
    return EXIT_OK


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
            turned_off = turn_off_service_aliases(vault, grant.brand_origin)
            say(f"Turned off {len(turned_off)} email alias(es) of {grant.brand_name} at your "
                "alias service.")
    return EXIT_OK


def cmd_knows(args: argparse.Namespace) -> int:
    with unlocked(args, reads_grants=True) as vault:
        brand = vault.brands.find(args.brand)
        held = vault.grants.held_by(brand.origin)
    if args.json:
        terminal.print_json(
            {
                "brand": brand.origin,
                "name": brand.name,
                "grants": [
                    {**_grant_json(h.grant), "data": h.data,
                     "questions": {k: q.label for k, q in h.questions.items()}}
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
            f"{words.grant_state_words(g)}")
        for key, value in h.data.items():
            asked = h.questions.get(key)
            name = f"{asked.label} ({key})" if asked is not None else key
            say(f"    {name}: {show_value(value)}")
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
            why = "waits until the brand has the grant it revokes"
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
        "status": g.status.value,
        "version": g.version,
    }
