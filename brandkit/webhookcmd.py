"""`zpv-brand webhooks`: the webhook outbox per subscriber, and sending failed events again.

    zpv-brand webhooks status --db URL       # per subscriber: events per state, deletions
    zpv-brand webhooks list --db URL [--subscriber NAME] [--state STATE] [--json]
    zpv-brand webhooks retry --db URL [--subscriber NAME] [EVENT_ID ...]

It reads the receiver's database directly (any worker's, while they run); `retry` makes
failed events due again with a fresh count of attempts, and a running receiver sends
them within its poll interval. Nothing here prints a secret or a grant's values.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from . import display
from .clicommon import DB_HELP, EPILOG, EXIT_OK, UsageError, open_db
from .sqlstorage import SqlStorage, SqlTransaction
from .storage import WEBHOOK_STATES, Deletion, WebhookEvent

PAGE = 500  # events read at a time

WEBHOOKS_HELP = """\
The receiver's webhook outbox: `status` counts each subscriber's events per state
(pending, delivered, failed, superseded: it carried values of a grant paused or
ended before it went) and the downstream deletions waiting, confirmed or failed;
`list` prints the events in the order they were made, with their attempts and the
last error; `retry` sends failed events again (all, one subscriber's, or those
named), with a fresh schedule of attempts, under the same webhook-id.
"""


def cmd_webhooks(args: argparse.Namespace) -> int:
    if args.action == "retry":
        return _retry(args)
    storage = open_db(args.db, readonly=True)
    try:
        if args.action == "status":
            return _status(storage, args.json)
        return _list(storage, args)
    finally:
        storage.close()


def _status(storage: SqlStorage, as_json: bool) -> int:
    counts, deletions = storage.atomically(
        lambda t: (t.webhook_counts(), t.deletion_counts()), write=False)
    names = sorted({name for name, _ in counts} | {name for name, _ in deletions})
    document = {name: {
        "events": {state: counts.get((name, state), 0) for state in WEBHOOK_STATES},
        "deletions": {status: deletions.get((name, status), 0)
                      for status in ("pending", "deleted", "failed")},
    } for name in names}
    if as_json:
        json.dump(document, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    if not names:
        print("no webhook event yet")
    for name in names:
        events = ", ".join(f"{n} {s}" for s, n in document[name]["events"].items())
        waiting = ", ".join(f"{n} {s}" for s, n in document[name]["deletions"].items() if n)
        print(f"{display.clean(name)}: {events}" + (f"; deletions: {waiting}" if waiting else ""))
    return EXIT_OK


def _list(storage: SqlStorage, args: argparse.Namespace) -> int:
    if args.state is not None and args.state not in WEBHOOK_STATES:
        raise UsageError(f"--state must be one of {', '.join(WEBHOOK_STATES)}")
    after, count = 0, 0
    while True:
        events, deletions = _page(storage, args, after)
        for event in events:
            count += 1
            deletion = deletions.get(event.event_id)
            if args.json:
                sys.stdout.write(json.dumps(event_json(event, deletion)) + "\n")
            else:
                print(event_line(event, deletion))
        if len(events) < PAGE:
            break
        after = events[-1].seq
    if not args.json and count == 0:
        print("no event")
    return EXIT_OK


def _page(storage: SqlStorage, args: argparse.Namespace,
          after: int) -> tuple[list[WebhookEvent], dict[str, Deletion]]:
    def read(t: SqlTransaction) -> tuple[list[WebhookEvent], dict[str, Deletion]]:
        events = t.webhooks(subscriber=args.subscriber, state=args.state, limit=PAGE,
                            after_seq=after)
        return events, {d.event_id: d for d in t.deletions_for([e.event_id for e in events])}

    return storage.atomically(read, write=False)


def event_json(event: WebhookEvent, deletion: Deletion | None) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": event.event_id, "subscriber": event.subscriber, "type": event.type,
        "grant": event.grant_id, "state": event.state, "attempts": event.attempts,
        "created_at": event.created_at, "next_attempt_at": event.next_attempt_ms // 1000,
        "last_status": event.last_status, "last_error": event.last_error,
        "done_at": event.done_at,
    }
    if deletion is not None:
        document["deletion"] = {"status": deletion.status, "deadline": deletion.deadline,
                                "at": deletion.at}
    return document


def event_line(event: WebhookEvent, deletion: Deletion | None) -> str:
    last = event.last_error or (str(event.last_status) if event.last_status else "")
    when = (f"next {display.time_text(event.next_attempt_ms // 1000)}"
            if event.state == "pending" else display.time_text(event.done_at))
    parts = [event.event_id, display.clean(event.subscriber), event.type,
             display.clean(event.grant_id), event.state, f"{event.attempts} attempts", when]
    if last:
        parts.append(f"last: {display.clean(last)}")
    if deletion is not None:
        parts.append(f"deletion {deletion.status}")
    return "  ".join(parts)


def _retry(args: argparse.Namespace) -> int:
    storage = open_db(args.db)
    try:
        count = storage.atomically(lambda t: t.retry_webhooks(
            subscriber=args.subscriber, event_ids=args.event_ids,
            now_ms=int(time.time() * 1000)))
    finally:
        storage.close()
    print(f"{count} failed event{'' if count == 1 else 's'} to be sent again")
    return EXIT_OK


def add_webhooks_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    webhooks = commands.add_parser(
        "webhooks", help="the webhook outbox: status, list, retry", description=WEBHOOKS_HELP,
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = webhooks.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, summary in (("status", "events per subscriber and state"),
                          ("list", "the events, oldest first"),
                          ("retry", "send failed events again")):
        action = actions.add_parser(name, help=summary, description=summary, epilog=EPILOG)
        action.add_argument("--db", required=True, metavar="URL",
                            help=f"the receiver database: {DB_HELP}")
        if name != "status":
            action.add_argument("--subscriber", metavar="NAME", help="only this subscriber's")
        if name == "list":
            action.add_argument("--state", metavar="STATE",
                                help=f"only events in this state ({', '.join(WEBHOOK_STATES)})")
        if name != "retry":
            action.add_argument("--json", action="store_true",
                                help="print JSON" + (" (one object a line)" if name == "list"
                                                     else ""))
        else:
            action.add_argument("event_ids", nargs="*", metavar="EVENT_ID",
                                help="only these failed events")
        action.set_defaults(handler=cmd_webhooks)
