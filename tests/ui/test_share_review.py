"""The share review, driven as a person would: a real vault on disk, real threads, widgets
found by objectName. Every share is checked in the vault itself."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.support.in_process import BrandsInProcess
from tests.support.specs import COLOURS, SHOE_SIZE, ask, ask_field, fit_ask, request_spec
from tests.support.vaults import FAST_KDF, PASSPHRASE, MadeVault
from ui.review.dialog import ShareReviewDialog
from ui.session import Session
from vault.exchange.brands import RequestSource
from vault.vault import Vault
from zpd import jose
from zpd.request import sign_request

DAY = 86400
ORIGIN = "https://shoes.example"
FIT_ASK = fit_ask(fields=[
    SHOE_SIZE, COLOURS, ask_field("allergies", "to leave out materials you react to"),
    ask_field("household_size", "to suggest family packs"),
])
GREEDY_ASK = ask("everything", purpose="Marketing", purpose_description="Marketing", fields=[
    ask_field("email", "offers", required=True), ask_field("religion", "seasonal campaigns"),
], offer={"kind": "points", "description": "5 points"}, retention_days=3650, duration_days=730)

T = TypeVar("T", bound=QWidget)


def signed_request(name: str = "Shoes Example", asks: list[dict[str, Any]] | None = None,
                   origin: str = ORIGIN) -> str:
    spec = request_spec(origin, name, asks if asks is not None else [FIT_ASK],
                        description="Shoes that fit, delivered.")
    now = int(time.time())
    return sign_request(spec, jose.generate_signing_key(), jose.generate_encryption_key(),
                        iat=now - 60, exp=now + 365 * DAY)


@pytest.fixture
def vault(made_vault: MadeVault) -> Iterator[Vault]:
    opened = made_vault.unlock()
    opened.delivery.transport = BrandsInProcess()  # no brand reachable: deliveries wait
    yield opened
    if not opened.is_locked:
        opened.lock()


@pytest.fixture
def session(qtbot: QtBot, vault: Vault) -> Iterator[Session]:
    opened = Session()
    yield opened
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    opened.lock()


def child(parent: QWidget, kind: type[T], name: str) -> T:
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


def open_review(qtbot: QtBot, session: Session, vault: Vault, ask_id: str = "fit-advice",
                origin: str = ORIGIN) -> ShareReviewDialog:
    if session.vault is None:
        session.open(vault)
    dialog = ShareReviewDialog(session, origin, ask_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.findChild(QWidget, "fieldsList") is not None, timeout=5_000)
    return dialog


def check(dialog: QWidget, key: str) -> QCheckBox:
    return child(dialog, QCheckBox, f"fieldCheck_{key}")


def gives(dialog: QWidget) -> list[str]:
    return [label.text() for label in child(dialog, QWidget, "givesList").findChildren(QLabel)
            if label.isVisible()]


def test_busy_then_defaults(qtbot: QtBot, session: Session, vault: Vault) -> None:
    vault.brands.import_request(signed_request(), RequestSource.WEB)
    vault.fields.set("shoe_size_eu", 42)
    vault.fields.set("favourite_colours", ["navy"])
    vault.fields.set("allergies", ["peanuts"])
    session.open(vault)
    dialog = ShareReviewDialog(session, ORIGIN, "fit-advice")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.objectName() == "shareReviewDialog"
    assert child(dialog, QProgressBar, "busyIndicator").isVisible()
    assert not child(dialog, QPushButton, "shareButton").isEnabled()
    qtbot.waitUntil(lambda: dialog.findChild(QWidget, "fieldsList") is not None, timeout=5_000)

    required = check(dialog, "shoe_size_eu")
    assert required.isChecked()
    qtbot.mouseClick(required, Qt.MouseButton.LeftButton)
    assert required.isChecked()  # required: clicks leave it ticked
    assert not check(dialog, "favourite_colours").isChecked()  # optional: the person ticks
    assert check(dialog, "favourite_colours").isEnabled()
    assert not check(dialog, "allergies").isChecked()  # special: never ticked by default
    assert check(dialog, "allergies").isEnabled()
    assert not check(dialog, "household_size").isChecked()
    assert not check(dialog, "household_size").isEnabled()
    assert "No value" in child(dialog, QLabel, "fieldValue_household_size").text()
    assert "42" in child(dialog, QLabel, "fieldValue_shoe_size_eu").text()
    assert "to pick your size" in child(dialog, QLabel, "fieldWhy_shoe_size_eu").text()

    assert child(dialog, QLabel, "specialWarning").isVisible()
    assert "Food allergies" in child(dialog, QLabel, "specialWarning").text()
    assert child(dialog, QLabel, "specialBadge_allergies").isVisible()
    assert dialog.findChild(QLabel, "specialBadge_shoe_size_eu") is None
    assert dialog.findChild(QLabel, "vaguePurposeWarning") is None
    assert dialog.findChild(QLabel, "brandTextWarning") is None
    assert child(dialog, QLabel, "domainBadge").text().startswith("✓ Domain verified")
    assert dialog.findChild(QLabel, "brandHomeWarning") is None  # on the internet
    assert child(dialog, QLabel, "purposeLabel").text() == "Recommend shoes that fit you"
    assert "Service personalisation" in child(dialog, QLabel, "purposeConcept").text()
    assert child(dialog, QLabel, "offerLabel").text() == "A discount: 10% off your next order"
    assert "180 days" in child(dialog, QLabel, "retentionLabel").text()
    spin = child(dialog, QSpinBox, "durationSpin")
    assert (spin.minimum(), spin.value(), spin.maximum()) == (1, 90, 90)
    assert gives(dialog) == ["• Shoe size (EU): 42"]

    share, cancel = child(dialog, QPushButton, "shareButton"), child(dialog, QPushButton,
                                                                      "cancelButton")
    assert share.isEnabled() and not share.isDefault() and cancel.isDefault()
    assert not child(dialog, QLabel, "shareBlockedReason").isVisible()
    # Keyboard: an optional field toggles with Space; gives follows live.
    colours = check(dialog, "favourite_colours")
    colours.setFocus()
    qtbot.keyClick(colours, Qt.Key.Key_Space)
    assert colours.isChecked()
    assert gives(dialog) == ["• Shoe size (EU): 42", "• Favourite colours: navy"]
    assert vault.grants.listing() == []  # nothing shared while reviewing


def test_untick_optional_and_shorten_shares_exactly_that(
    qtbot: QtBot, session: Session, vault: Vault
) -> None:
    vault.brands.import_request(signed_request())
    vault.fields.set("shoe_size_eu", 42)
    vault.fields.set("favourite_colours", ["navy"])
    vault.fields.set("allergies", ["peanuts"])
    dialog = open_review(qtbot, session, vault)
    check(dialog, "favourite_colours").click()  # ticked, then left out after all
    check(dialog, "favourite_colours").click()
    check(dialog, "allergies").click()  # ticked on purpose: shared, as the person chose
    spin = child(dialog, QSpinBox, "durationSpin")
    spin.setValue(30)
    assert "30 days" in child(dialog, QLabel, "givesUntil").text()
    assert gives(dialog) == ["• Shoe size (EU): 42",
                             "• Food allergies: peanuts (special category)"]

    child(dialog, QPushButton, "shareButton").click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5_000)
    assert not dialog.isVisible()
    (grant,) = vault.grants.listing()
    assert grant.fields == ("shoe_size_eu", "allergies")
    assert grant.brand_origin == ORIGIN and grant.ask_id == "fit-advice"
    assert grant.expires_at - grant.created_at == 30 * DAY
    assert dialog.share_result is not None and dialog.share_result.grant.id == grant.id


def test_escape_while_sharing_waits_for_the_outcome(
    qtbot: QtBot, session: Session, vault: Vault
) -> None:
    vault.brands.import_request(signed_request())
    vault.fields.set("shoe_size_eu", 42)
    dialog = open_review(qtbot, session, vault)
    child(dialog, QPushButton, "shareButton").click()
    # The share is being written on the thread pool: the dialog cannot say "not shared" now.
    assert not child(dialog, QPushButton, "cancelButton").isEnabled()
    assert not child(dialog, QPushButton, "shareButton").isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5_000)
    assert [g.fields for g in vault.grants.listing()] == [("shoe_size_eu",)]


def test_required_without_value_blocks_share_with_reason(
    qtbot: QtBot, session: Session, vault: Vault
) -> None:
    vault.brands.import_request(signed_request())
    vault.fields.set("favourite_colours", ["navy"])
    dialog = open_review(qtbot, session, vault)
    required = check(dialog, "shoe_size_eu")
    assert not required.isChecked() and not required.isEnabled()
    share = child(dialog, QPushButton, "shareButton")
    reason = child(dialog, QLabel, "shareBlockedReason")
    assert not share.isEnabled()
    assert reason.isVisible()
    assert "Shoe size (EU)" in reason.text() and "My data" in reason.text()
    share.click()
    assert vault.grants.listing() == []


def test_dont_share_and_escape_share_nothing(
    qtbot: QtBot, session: Session, vault: Vault
) -> None:
    vault.brands.import_request(signed_request())
    vault.fields.set("shoe_size_eu", 42)
    dialog = open_review(qtbot, session, vault)
    child(dialog, QPushButton, "cancelButton").click()
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()

    dialog = open_review(qtbot, session, vault)
    qtbot.keyClick(child(dialog, QSpinBox, "durationSpin"), Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter in the days box never closes, let alone shares
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    assert vault.grants.listing() == []


def test_file_import_is_unverified_and_greedy_ask_is_flagged(
    qtbot: QtBot, session: Session, vault: Vault
) -> None:
    vault.brands.import_request(signed_request(asks=[GREEDY_ASK]), RequestSource.FILE)
    vault.fields.set("email", "eleni@example.org")
    vault.fields.set("religion", "Orthodox")
    dialog = open_review(qtbot, session, vault, "everything")
    badge = child(dialog, QLabel, "domainBadge")
    assert badge.isVisible()
    assert badge.text().startswith("⚠ Not verified") and ORIGIN in badge.text()
    assert child(dialog, QLabel, "vaguePurposeWarning").isVisible()
    assert child(dialog, QLabel, "specialWarning").isVisible()
    assert "Religion or belief" in child(dialog, QLabel, "specialWarning").text()
    assert not check(dialog, "religion").isChecked()
    assert child(dialog, QLabel, "offerLabel").text() == "Loyalty points: 5 points"
    assert "at most 10 years." in child(dialog, QLabel, "retentionLabel").text()


def test_brand_name_with_markup_and_hidden_characters_is_shown_literally(
    qtbot: QtBot, session: Session, vault: Vault
) -> None:
    name = "<b>x</b>\u202eelpmaxe\u200b"
    vault.brands.import_request(signed_request(name=name))
    vault.fields.set("shoe_size_eu", 42)
    dialog = open_review(qtbot, session, vault)
    shown = child(dialog, QLabel, "brandName")
    assert shown.text() == "<b>x</b>⟦U+202E⟧elpmaxe⟦U+200B⟧"
    assert shown.textFormat() == Qt.TextFormat.PlainText
    warning = child(dialog, QLabel, "brandTextWarning")
    assert warning.isVisible() and "U+202E" in warning.text() and "U+200B" in warning.text()
    assert "<b>x</b>⟦U+202E⟧" in child(dialog, QLabel, "retentionLabel").text()
    assert "\u202e" not in dialog.windowTitle() and "<b>x</b>" in dialog.windowTitle()
    for label in dialog.findChildren(QLabel):  # wherever it appears, never rich or hidden
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
        assert "\u202e" not in label.text() and "\u200b" not in label.text()


def test_refused_share_is_worded_and_dialog_stays_open(
    qtbot: QtBot, session: Session, vault: Vault
) -> None:
    vault.brands.import_request(signed_request())
    vault.fields.set("shoe_size_eu", 42)
    vault.fields.set("favourite_colours", ["navy"])
    dialog = open_review(qtbot, session, vault)
    check(dialog, "favourite_colours").click()
    vault.fields.clear("favourite_colours")  # changed elsewhere after the review loaded
    child(dialog, QPushButton, "shareButton").click()
    error = child(dialog, QLabel, "shareError")
    qtbot.waitUntil(error.isVisible, timeout=5_000)
    assert "Favourite colours" in error.text() and "Nothing was shared" in error.text()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert child(dialog, QPushButton, "shareButton").isEnabled()
    assert vault.grants.listing() == []


def test_locking_closes_the_review(qtbot: QtBot, session: Session, vault: Vault) -> None:
    vault.brands.import_request(signed_request())
    vault.fields.set("shoe_size_eu", 42)
    dialog = open_review(qtbot, session, vault)
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    session.lock()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_a_lookalike_domain_is_flagged_in_the_review(qtbot: QtBot, tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", PASSPHRASE, kdf=FAST_KDF)
    vault.fields.set("shoe_size_eu", 42)
    origin = "https://p\u0430ypal.example"  # a Cyrillic "а"
    now = int(time.time())
    request = sign_request(request_spec(origin, "Pаypal", [ask()]), jose.generate_signing_key(),
                           jose.generate_encryption_key(), iat=now, exp=now + 86400)
    vault.brands.import_request(request)
    session = Session()
    session.open(vault)
    dialog = ShareReviewDialog(session, vault.brands.all()[0].origin, "fit-advice")
    qtbot.addWidget(dialog)
    dialog.show()
    warning = None

    def shown() -> bool:
        nonlocal warning
        warning = dialog.findChild(QLabel, "lookalikeWarning")
        return warning is not None and warning.isVisible()

    qtbot.waitUntil(shown, timeout=5_000)
    assert warning is not None and "several alphabets" in warning.text()
    session.lock()


@pytest.mark.parametrize(("origin", "source", "tone", "where"), [
    ("http://127.0.0.1:8080", RequestSource.WEB, "warn", "On this computer"),
    ("https://localhost:8443", RequestSource.WEB, "warn", "On this computer"),
    ("https://printer.local", RequestSource.FILE, "danger", "On the local network"),
])
def test_a_brand_not_on_the_internet_is_said_to_be_where_it_is(
    qtbot: QtBot, session: Session, vault: Vault, origin: str, source: RequestSource,
    tone: str, where: str,
) -> None:
    """Plain http to this computer is no secure connection, and proves no domain."""
    vault.brands.import_request(signed_request(origin=origin), source,
                                expected_origin=origin if source is RequestSource.WEB else None)
    vault.fields.set("shoe_size_eu", 42)
    dialog = open_review(qtbot, session, vault, origin=origin)
    home = child(dialog, QLabel, "brandHomeWarning")
    assert home.text().startswith(f"⚠ {where}: {origin} ")
    assert home.property("tone") == tone and home.isVisible()
    badge = child(dialog, QLabel, "domainBadge").text()
    assert "secure connection" not in badge
    if source is RequestSource.WEB:
        assert badge == f"✓ Fetched from {origin}, a server on this computer."
    else:
        assert badge.startswith("⚠ Not verified")


@pytest.mark.parametrize(("sources", "tone", "says"), [
    ((RequestSource.WEB,), "warn",
     "The vault delivers there because the brand's request was fetched from that address."),
    ((RequestSource.FILE,), "danger",
     "a share would not be delivered: fetch the request from that address instead."),
    # Fetched once, then a newer request from a file: the brand is still delivered to.
    ((RequestSource.WEB, RequestSource.FILE), "warn", "The vault delivers there"),
])
def test_a_brand_on_the_local_network_is_said_to_be_there_and_whether_it_is_reached(
    qtbot: QtBot, session: Session, vault: Vault, sources: tuple[RequestSource, ...],
    tone: str, says: str,
) -> None:
    origin = "https://shop.corp"
    signing, encryption = jose.generate_signing_key(), jose.generate_encryption_key()
    now = int(time.time())
    for age, source in zip(range(len(sources), 0, -1), sources, strict=True):
        spec = request_spec(origin, "Intranet Shop", [FIT_ASK])
        vault.brands.import_request(
            sign_request(spec, signing, encryption, iat=now - 60 * age, exp=now + DAY),
            source, expected_origin=origin if source is RequestSource.WEB else None)
    vault.fields.set("shoe_size_eu", 42)
    dialog = open_review(qtbot, session, vault, origin=origin)
    home = child(dialog, QLabel, "brandHomeWarning")
    assert home.text().startswith(f"⚠ On the local network: {origin} is not a site on the "
                                  "internet")
    assert says in home.text()
    assert home.property("tone") == tone and home.isVisible()
