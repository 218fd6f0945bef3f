"""Leak canaries in the GUI: the Settings switch and the list of aliases, and the share review
saying that the brand gets its alias, not the real address."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QLabel, QTableView, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.exchange_session import cell
from tests.ui.transparency_helpers import (
    FAIR_ORIGIN,
    GREEDY_ORIGIN,
    child,
)
from ui.preferences import Settings
from ui.review.dialog import ShareReviewDialog
from ui.session import Session
from ui.settings.aliases import AliasesModel
from ui.settings.page import SettingsPage
from vault.vault import Vault

PREVIEW = "alex+megamart-rewards-…@example.org"


def settings_page(qtbot: QtBot, session: Session, tmp_settings: Settings) -> SettingsPage:
    page = SettingsPage(session, tmp_settings)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.aliases.loaded, timeout=5_000)
    return page


def review(qtbot: QtBot, session: Session) -> ShareReviewDialog:
    dialog = ShareReviewDialog(session, GREEDY_ORIGIN, "rewards")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.findChild(QWidget, "fieldsList") is not None, timeout=5_000)
    return dialog


def gives(dialog: QWidget) -> list[str]:
    return [label.text() for label in child(dialog, QWidget, "givesList").findChildren(QLabel)
            if label.isVisible()]


def test_the_switch_turns_aliases_on_and_the_list_says_who_got_which(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault, tmp_path: Path
) -> None:
    backing = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    page = settings_page(qtbot, demo_session, Settings(backing))
    check = child(page, QCheckBox, "emailAliasesCheck")
    table = child(page, QTableView, "aliasesTable")
    assert not check.isChecked() and check.isEnabled()
    assert check.accessibleName() and table.accessibleName()
    assert table.model().rowCount() == 0
    assert "No alias given" in child(page, QLabel, "aliasesEmpty").text()

    check.setFocus()
    check.click()
    qtbot.waitUntil(lambda: check.isEnabled() and demo_vault.aliases.enabled(),
                    timeout=5_000)
    assert check.hasFocus()  # the keyboard stays where it was
    assert "its own alias" in child(page, QLabel, "aliasesMessage").text()

    demo_session.call(  # the share gives the brand its alias: the session says so
        lambda vault: vault.grants.share(GREEDY_ORIGIN, "rewards",
                                         fields=["email", "allergies", "religion"]))
    qtbot.waitUntil(lambda: table.model().rowCount() == 1, timeout=5_000)
    model = table.model()
    assert cell(model, 0, AliasesModel.BRAND) == "MegaMart Rewards"
    alias = cell(model, 0, AliasesModel.ALIAS)
    assert re.fullmatch(r"alex\+megamart-rewards-[a-z0-9]{4}@example\.org", alias)
    assert cell(model, 0, AliasesModel.SINCE)
    assert table.isVisible() and not child(page, QLabel, "aliasesEmpty").isVisible()

    check.click()  # off again: the list of what was given stays
    qtbot.waitUntil(lambda: check.isEnabled() and not demo_vault.aliases.enabled(),
                    timeout=5_000)
    assert table.model().rowCount() == 1


def test_the_review_shows_the_alias_the_brand_will_get(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault
) -> None:
    demo_vault.aliases.set_enabled(True)
    dialog = review(qtbot, demo_session)
    note = child(dialog, QLabel, "aliasNote")
    assert note.isVisible() and PREVIEW in note.text() and "not your real" in note.text()
    assert PREVIEW in child(dialog, QLabel, "fieldAlias_email").text()
    assert "alex@example.org" in child(dialog, QLabel, "fieldValue_email").text()
    assert f"• Email address: {PREVIEW} (your alias for this brand)" in gives(dialog)
    assert not any("alex@example.org" in line for line in gives(dialog))

    # Once the brand has its alias, the review names it exactly.
    demo_vault.grants.share(GREEDY_ORIGIN, "rewards", fields=["email", "allergies", "religion"])
    (given,) = demo_vault.aliases.all()
    again = review(qtbot, demo_session)
    assert f"• Email address: {given.alias} (your alias for this brand)" in gives(again)
    (held,) = demo_vault.grants.held_by(GREEDY_ORIGIN)
    assert held.data["email"] == given.alias


def test_with_aliases_off_the_brand_gets_the_real_address(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault
) -> None:
    dialog = review(qtbot, demo_session)
    assert dialog.findChild(QLabel, "aliasNote") is None
    assert dialog.findChild(QLabel, "fieldAlias_email") is None
    assert "• Email address: alex@example.org" in gives(dialog)
    fair = ShareReviewDialog(demo_session, FAIR_ORIGIN, "fit-advice")  # no email asked
    qtbot.addWidget(fair)
    demo_vault.aliases.set_enabled(True)
    fair.show()
    qtbot.waitUntil(lambda: fair.findChild(QWidget, "fieldsList") is not None, timeout=5_000)
    assert fair.findChild(QLabel, "aliasNote") is None


def test_the_review_shows_the_alias_from_the_chosen_source(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault
) -> None:
    from vault.leaks.alias_sources import SourceKind
    from vault.leaks.settings import source_settings

    demo_vault.aliases.set_enabled(True)
    demo_vault.leaks.set_source(source_settings(SourceKind.DOMAIN, domain="alex.example"))
    dialog = review(qtbot, demo_session)
    assert "• Email address: megamart-rewards-…@alex.example (your alias for this brand)" \
        in gives(dialog)
    assert "megamart-rewards-…@alex.example" in child(dialog, QLabel, "aliasNote").text()
    demo_vault.grants.share(GREEDY_ORIGIN, "rewards", fields=["email", "allergies", "religion"])
    (given,) = demo_vault.aliases.all()
    assert re.fullmatch(r"megamart-rewards-[a-z0-9]{4}@alex\.example", given.alias)
    again = review(qtbot, demo_session)
    assert f"• Email address: {given.alias} (your alias for this brand)" in gives(again)
