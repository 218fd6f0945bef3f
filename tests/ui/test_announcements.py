"""Status changes are said to screen readers, not only shown: the vault locked or unlocked,
a share delivered, a deletion confirmed, a revoke sent, a delivery problem; each once, when
it happens, never again on a refresh that changes nothing (tests/ui/heard.py hears them).
Real vault, real threads, the brand kit's receiver in process."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.support.in_process import in_process_brand
from tests.ui.exchange_session import Answer
from tests.ui.heard import ASSERTIVE, POLITE, Said, said, texts
from tests.ui.test_delivery_problem import Window, window
from ui import tasks
from ui.main_window import MainWindow
from vault.exchange.brands import RequestSource
from vault.exchange.delivery_news import DeliveryNews
from vault.exchange.outbox import DeliveryState, MessageKind

__all__ = ["said", "window"]  # fixtures, used by name
WAIT_MS = 10_000


def settle_flush(qtbot: QtBot, main: MainWindow) -> None:
    """Run a delivery run, and wait until it and whatever followed it off the GUI thread
    (looking up its news, refreshing the pages) have come back."""
    with qtbot.waitSignal(main.session.flushed, timeout=WAIT_MS):
        main.session.deliver()
    qtbot.waitUntil(lambda: not tasks._in_flight, timeout=WAIT_MS)


def test_locking_is_said_at_once_and_unlocking_politely(
        qtbot: QtBot, window: Window, said: list[Said]) -> None:
    main, vault, _, _ = window

    main.open_vault(vault)
    assert said == [Said("Vault unlocked", POLITE, main)]

    main.lock_action.trigger()
    assert said[1:] == [Said("Vault locked", ASSERTIVE, main)]
    main.lock()  # locked already (closing the window does this): nothing new to say
    main.close()
    assert texts(said) == ["Vault unlocked", "Vault locked"]


def test_the_idle_lock_is_said(qtbot: QtBot, window: Window, said: list[Said]) -> None:
    main, vault, _, _ = window
    main.open_vault(vault)

    main.idle.start(50)
    qtbot.waitUntil(lambda: "Vault locked" in texts(said), timeout=WAIT_MS)
    assert said[-1] == Said("Vault locked", ASSERTIVE, main)
    assert main.session.vault is None


def test_a_delivered_share_is_said_once(
        qtbot: QtBot, window: Window, said: list[Said]) -> None:
    main, vault, _, transport = window
    brand = transport.add(in_process_brand("https://shoes.example", "Shoes\u202eExample"))
    vault.brands.import_request(brand.request(), RequestSource.TEXT)
    vault.grants.share(brand.origin, "fit-advice")

    main.open_vault(vault)  # delivers at once

    delivered = "Delivered to Shoes\u27e6U+202E\u27e7Example"  # brand text: shown, not obeyed
    qtbot.waitUntil(lambda: delivered in texts(said), timeout=WAIT_MS)
    assert Said(delivered, POLITE, main) in said
    heard = len(said)
    settle_flush(qtbot, main)  # nothing more to deliver
    main.shared_page.reload()  # a refresh of what shows it
    qtbot.waitUntil(lambda: main.shared_page.model.rowCount() == 1, timeout=WAIT_MS)
    settle_flush(qtbot, main)
    assert texts(said)[heard:] == []


def test_a_revoke_sent_and_the_deletion_confirmed_are_said(
        qtbot: QtBot, window: Window, said: list[Said]) -> None:
    main, vault, _, transport = window
    brand = transport.add(in_process_brand("https://shoes.example", "Shoes Example"))
    vault.brands.import_request(brand.request(), RequestSource.TEXT)
    vault.grants.share(brand.origin, "fit-advice")
    main.open_vault(vault)
    qtbot.waitUntil(lambda: "Delivered to Shoes Example" in texts(said), timeout=WAIT_MS)
    page = main.shared_page
    main.area.show_page(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    page.table.selectRow(0)
    page.confirm = Answer(True)

    page.revoke_selected()  # the page then asks for a delivery run at once

    qtbot.waitUntil(lambda: "Shoes Example confirmed deletion" in texts(said), timeout=WAIT_MS)
    revoked = "Revoked. Shoes Example is being told to delete your data."
    assert Said(revoked, POLITE, page) in said
    assert texts(said).index(revoked) < texts(said).index("Shoes Example confirmed deletion")
    assert Said("Shoes Example confirmed deletion", POLITE, main) in said
    heard = len(said)
    settle_flush(qtbot, main)
    assert texts(said)[heard:] == []


def test_a_delivery_problem_is_said_once_while_it_lasts(
        qtbot: QtBot, window: Window, said: list[Said]) -> None:
    main, vault, _, transport = window
    brand = transport.add(in_process_brand("https://shoes.example", "Shoes Example"))
    vault.brands.import_request(brand.request(), RequestSource.TEXT)
    vault.grants.share(brand.origin, "fit-advice")
    with vault._store.reading() as connection:  # every write refused: each run fails
        connection.execute("PRAGMA query_only = ON")
    problem = ("Could not deliver to brands: This vault is damaged. Restore it from a backup. "
               "Trying again every few seconds.")

    main.open_vault(vault)
    qtbot.waitUntil(lambda: problem in texts(said), timeout=WAIT_MS)
    with qtbot.waitSignal(main.session.flush_failed, timeout=WAIT_MS):
        main.session.deliver()  # the same problem again
    assert texts(said).count(problem) == 1

    with vault._store.reading() as connection:
        connection.execute("PRAGMA query_only = OFF")
    settle_flush(qtbot, main)  # delivered: the problem goes
    qtbot.waitUntil(lambda: "Delivered to Shoes Example" in texts(said), timeout=WAIT_MS)
    with vault._store.reading() as connection:
        connection.execute("PRAGMA query_only = ON")
    with qtbot.waitSignal(main.session.flush_failed, timeout=WAIT_MS):
        main.session.deliver()  # back again: news again
    assert texts(said).count(problem) == 2
    with vault._store.reading() as connection:
        connection.execute("PRAGMA query_only = OFF")


def news(kind: MessageKind, state: DeliveryState, receipt_status: str | None,
         name: str = "Shoes Example") -> DeliveryNews:
    return DeliveryNews("jti", name, kind, state, receipt_status, polled=False)


def test_each_kind_of_news_has_its_sentence_and_brands_share_one(
        window: Window, said: list[Said]) -> None:
    main = window[0]
    grant, revocation = MessageKind.GRANT, MessageKind.REVOCATION
    delivered, refused = DeliveryState.DELIVERED, DeliveryState.FAILED

    main.news.say([
        news(revocation, delivered, "deletion_pending"),
        news(revocation, delivered, "deletion_failed", "Books Example"),
        news(revocation, delivered, None, "Cafe Example"),
        news(grant, refused, None),
        news(revocation, refused, None, "Books Example"),
        news(MessageKind.PAUSE, delivered, "paused"),  # its button said it
        *(news(grant, delivered, "stored", f"Brand {n}") for n in range(5)),
        news(grant, delivered, "stored", "Brand 0"),  # a second version to the same brand
    ])

    assert texts(said) == [
        "Shoes Example deleted your data; its other systems are still deleting it",
        "Deletion failed in one of the systems of Books Example",
        "Cafe Example received the revocation without confirming deletion",
        "Shoes Example refused the share",
        "Books Example refused the revocation",
        "Delivered to Brand 0, Brand 1, Brand 2 and 2 more",
    ]
    assert {s.politeness for s in said} == {POLITE}
