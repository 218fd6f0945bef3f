"""Leak canaries on the Shared page: each grant that carried an email address says which
alias went; revoking a grant whose alias a service made offers to turn it off there (against
a local server that answers as SimpleLogin's API documentation says:
https://github.com/simple-login/app/blob/master/docs/api.md), and revoking one whose alias is
at the person's domain offers to close it, which Shared and the report then say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.leaks.service_apis import ServiceState, served, simplelogin_app
from tests.ui.exchange_session import Answer, cell
from tests.ui.transparency_helpers import GREEDY_ORIGIN
from ui.report.printed import print_html
from ui.review.dialog import ShareReviewDialog
from ui.session import Session
from ui.shared.models import GrantsModel
from ui.shared.page import SharedPage
from ui.words.report import web_page
from vault.cli.report_words import render_html as cli_report
from vault.exchange.transport import HttpTransport
from vault.leaks.alias_services import SimpleLogin, via_transport
from vault.leaks.alias_sources import SourceKind
from vault.leaks.settings import source_settings
from vault.vault import Vault

API_KEY = "sl-key-0123456789abcdef0123456789abcdef"
FIELDS = ["email", "allergies", "religion"]


class Replies(Answer):
    """Answers each question in turn: revoke?, then turn the alias off?"""

    def __init__(self, replies: list[bool]) -> None:
        super().__init__(True)
        self.replies = replies

    def __call__(self, parent: QWidget | None, title: str, text: str, details: str,
                 yes_text: str) -> bool:
        self.reply = self.replies[len(self.asked)]
        return super().__call__(parent, title, text, details, yes_text)


def shared_page(qtbot: QtBot, session: Session) -> SharedPage:
    page = SharedPage(session)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5_000)
    return page


def test_a_grant_that_carried_email_shows_its_alias(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault
) -> None:
    demo_vault.aliases.set_enabled(True)
    demo_vault.leaks.set_source(source_settings(SourceKind.DOMAIN, domain="alex.example"))
    demo_vault.grants.share(GREEDY_ORIGIN, "rewards", fields=FIELDS)
    (given,) = demo_vault.aliases.all()
    page = shared_page(qtbot, demo_session)
    text = str(cell(page.model, 0, GrantsModel.FIELDS))
    assert text.startswith(f"Email address ({given.alias}), ")
    assert re.fullmatch(r"megamart-rewards-[a-z0-9]{4}@alex\.example", given.alias)
    tip = str(page.model.data(page.model.index(0, GrantsModel.FIELDS),
                              Qt.ItemDataRole.ToolTipRole))
    assert f"alias {given.alias}, given only to this brand" in tip


@pytest.mark.parametrize("turn_off", [True, False])
def test_revoking_offers_to_turn_the_services_alias_off(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, turn_off: bool
) -> None:
    with served(simplelogin_app, ServiceState(API_KEY), tmp_path) as service:
        monkeypatch.setenv("ZPV_CA_BUNDLE", service.ca_bundle)
        demo_vault.aliases.set_enabled(True)
        demo_vault.leaks.set_source(source_settings(
            SourceKind.SIMPLELOGIN, api_key=API_KEY, base_url=service.url, local=True))
        transport = HttpTransport(ca_bundle=service.ca_bundle)
        service.clients.append(transport)
        made = demo_vault.leaks.create_service_alias(
            GREEDY_ORIGIN, SimpleLogin(via_transport(transport, local=True), API_KEY,
                                       service.url))
        result = demo_vault.grants.share(GREEDY_ORIGIN, "rewards", fields=FIELDS)
        page = shared_page(qtbot, demo_session)
        assert made.address in str(cell(page.model, 0, GrantsModel.FIELDS))
        page.table.selectRow(0)
        page.confirm = answers = Replies([True, turn_off])
        page.revoke_selected()
        qtbot.waitUntil(lambda: len(answers.asked) == 2, timeout=10_000)
        _title, question, details, yes = answers.asked[1]
        assert question == "Also turn off MegaMart Rewards's alias at your alias service?"
        assert made.address in details and yes == "Turn off"
        (alias,) = service.state.aliases.values()
        if turn_off:
            qtbot.waitUntil(lambda: "Turned off" in page.message.text(), timeout=10_000)
            assert alias["enabled"] is False
            assert demo_vault.leaks.service_aliases(GREEDY_ORIGIN) == []
        else:
            qtbot.wait(500)
            assert alias["enabled"] is True
            assert demo_vault.leaks.service_aliases(GREEDY_ORIGIN) == [made.address]
        assert demo_vault.grants.get(result.grant.id).status == "revoked"


def test_sharing_with_a_service_source_makes_the_brands_alias_there_first(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    with served(simplelogin_app, ServiceState(API_KEY), tmp_path) as service:
        monkeypatch.setenv("ZPV_CA_BUNDLE", service.ca_bundle)
        demo_vault.aliases.set_enabled(True)
        demo_vault.leaks.set_source(source_settings(
            SourceKind.SIMPLELOGIN, api_key=API_KEY, base_url=service.url, local=True))
        dialog = ShareReviewDialog(demo_session, GREEDY_ORIGIN, "rewards")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.findChild(QWidget, "fieldsList") is not None,
                        timeout=5_000)
        assert "• Email address: a new alias at SimpleLogin (your alias for this brand)" in [
            label.text() for label in dialog.findChild(QWidget, "givesList").findChildren(QLabel)
            if label.isVisible()]
        assert service.state.aliases == {}, "nothing made by looking"
        dialog.share_button.click()
        qtbot.waitUntil(lambda: dialog.share_result is not None, timeout=10_000)
        (made,) = service.state.aliases.values()
        (held,) = demo_vault.grants.held_by(GREEDY_ORIGIN)
        assert held.data["email"] == made["email"]
        assert demo_vault.leaks.service_aliases(GREEDY_ORIGIN) == [made["email"]]


def test_a_service_that_refuses_the_alias_shares_nothing(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    with served(simplelogin_app, ServiceState(API_KEY, quota=0), tmp_path) as service:
        monkeypatch.setenv("ZPV_CA_BUNDLE", service.ca_bundle)
        demo_vault.aliases.set_enabled(True)
        demo_vault.leaks.set_source(source_settings(
            SourceKind.SIMPLELOGIN, api_key=API_KEY, base_url=service.url, local=True))
        dialog = ShareReviewDialog(demo_session, GREEDY_ORIGIN, "rewards")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.findChild(QWidget, "fieldsList") is not None,
                        timeout=5_000)
        dialog.share_button.click()
        qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
        assert "The alias service refused. (You have reached the limitation" in \
            dialog.error.text()
        assert demo_vault.grants.held_by(GREEDY_ORIGIN) == []


@pytest.mark.parametrize("close", [True, False])
def test_revoking_offers_to_close_an_alias_at_the_persons_domain(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault, close: bool
) -> None:
    demo_vault.aliases.set_enabled(True)
    demo_vault.leaks.set_source(source_settings(SourceKind.DOMAIN, domain="alex.example"))
    result = demo_vault.grants.share(GREEDY_ORIGIN, "rewards", fields=FIELDS)
    (given,) = demo_vault.aliases.all()
    page = shared_page(qtbot, demo_session)
    page.table.selectRow(0)
    page.confirm = answers = Replies([True, close])
    page.revoke_selected()
    qtbot.waitUntil(lambda: len(answers.asked) == 2, timeout=10_000)
    _title, question, details, yes = answers.asked[1]
    assert question == "Also close MegaMart Rewards's alias?"
    assert given.alias in details and "even from MegaMart Rewards" in details
    assert yes == "Close"
    assert demo_vault.grants.get(result.grant.id).status == "revoked"
    if not close:
        qtbot.wait(500)
        assert demo_vault.aliases.all() == [given]
        return
    qtbot.waitUntil(lambda: page.message.text().startswith(f"Closed: {given.alias}."),
                    timeout=10_000)
    (closed,) = demo_vault.aliases.all()
    assert closed.closed_at is not None
    # The page reloads on the change: the grant's alias is said to be closed.
    qtbot.waitUntil(lambda: "Closed on " in str(page.model.data(
        page.model.index(0, GrantsModel.FIELDS), Qt.ItemDataRole.ToolTipRole)), timeout=5_000)
    page.table.selectRow(0)
    assert f"{given.alias}: closed on " in page.detail.text()


def test_the_transparency_report_says_which_alias_was_closed_and_when(
    qtbot: QtBot, demo_vault: Vault
) -> None:
    demo_vault.aliases.set_enabled(True)
    demo_vault.leaks.set_source(source_settings(SourceKind.DOMAIN, domain="alex.example"))
    result = demo_vault.grants.share(GREEDY_ORIGIN, "rewards", fields=FIELDS)
    demo_vault.grants.revoke(result.grant.id)
    open_report = demo_vault.transparency.report(GREEDY_ORIGIN)
    assert open_report.brands[0].closed_aliases == ()
    assert "closed on" not in web_page(open_report)
    (closed,) = demo_vault.aliases.close(GREEDY_ORIGIN)
    (section,) = demo_vault.transparency.report(GREEDY_ORIGIN).brands
    (kept,) = demo_vault.aliases.all()
    assert section.closed_aliases == ((closed, kept.closed_at),)
    said = f"{closed}: closed on "
    model = demo_vault.transparency.report(GREEDY_ORIGIN)
    assert said in web_page(model) and "now means a leak or an old list" in web_page(model)
    assert said in print_html(model)[0]
    assert said in cli_report(model)
