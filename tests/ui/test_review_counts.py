"""The share review weighs exactly what Share would send: the ticked fields that have a
value, each as its grant will count it; optional fields start unticked (privacy by
default), required ones ticked."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.test_share_review import (
    ORIGIN,
    check,
    child,
    gives,
    open_review,
    session,
    signed_request,
    vault,
)
from ui.session import Session
from vault.exchange.brands import RequestSource
from vault.vault import Vault

__all__ = ["session", "vault"]  # the fixtures, used by name


def test_optional_fields_start_unticked_and_required_ones_ticked(
    qtbot: QtBot, session: Session, vault: Vault
) -> None:
    vault.brands.import_request(signed_request(), RequestSource.WEB)
    vault.fields.set("shoe_size_eu", 42)
    vault.fields.set("favourite_colours", ["navy"])
    dialog = open_review(qtbot, session, vault)
    assert check(dialog, "shoe_size_eu").isChecked()
    assert not check(dialog, "favourite_colours").isChecked()
    assert check(dialog, "favourite_colours").isEnabled()
    assert gives(dialog) == ["• Shoe size (EU): 42"]


def test_the_balance_counts_what_the_share_sends_and_equals_it_after_sharing(
    qtbot: QtBot, session: Session, vault: Vault
) -> None:
    vault.brands.import_request(signed_request(), RequestSource.WEB)
    vault.fields.set("shoe_size_eu", 42)
    vault.fields.set("favourite_colours", ["navy"])  # household_size: asked, no value
    dialog = open_review(qtbot, session, vault)
    view = dialog.balance_view
    assert view is not None and view.balance is not None
    assert [f.key for f in view.balance.fields] == ["shoe_size_eu"]

    colours = check(dialog, "favourite_colours")
    if not colours.isChecked():
        colours.click()
    assert view.balance is not None
    assert [f.key for f in view.balance.fields] == ["shoe_size_eu", "favourite_colours"]
    shown = view.balance.given_score

    child(dialog, QPushButton, "shareButton").click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5_000)
    after = vault.transparency.balance_for_brand(ORIGIN)
    assert after.given_score == shown
    assert [(f.key, f.weight) for f in after.fields] == [
        (f.key, f.weight) for f in view.balance.fields]


def test_the_verdict_comes_before_the_fields_and_the_exchange(
    qtbot: QtBot, session: Session, vault: Vault
) -> None:
    vault.brands.import_request(signed_request(), RequestSource.WEB)
    vault.fields.set("shoe_size_eu", 42)
    dialog = open_review(qtbot, session, vault)
    dialog.resize(900, 700)
    qtbot.wait(50)
    column = child(dialog, QWidget, "reviewColumn")
    view = dialog.balance_view
    assert view is not None and view.verdict.isVisible() and view.verdict.text()

    def top(widget: QWidget) -> int:
        return widget.mapTo(column, widget.rect().topLeft()).y()

    assert top(view.verdict) < top(child(dialog, QWidget, "purposeLabel"))
    assert top(view.verdict) < top(child(dialog, QWidget, "fieldsHeading"))
    assert top(view.verdict) < top(child(dialog, QWidget, "exchangeHeading"))
