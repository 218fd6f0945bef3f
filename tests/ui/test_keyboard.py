"""The app with the keyboard alone: unlock, import a brand's request, review and share, revoke
and lock, against the brand kit's receiver under uvicorn on loopback. Every step is a key
pressed on the widget that has the focus; no widget is clicked or focused by the test."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTableView, QWidget
from pytestqt.qtbot import QtBot

from tests.support.vaults import MadeVault
from tests.ui.heard import ASSERTIVE, Said, said, texts
from tests.ui.test_end_to_end import LiveBrand, brand
from ui.main_window import MainWindow
from ui.review.dialog import ShareReviewDialog
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.grants import GrantStatus

__all__ = ["brand", "said"]  # fixtures, used by name

WAIT_MS = 15_000
MOST_TABS = 60


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def tab_to(qtbot: QtBot, name: str, *, backwards: bool = False) -> QWidget:
    """Press Tab (or Shift+Tab) until the control named `name` has the focus; fails if it
    takes more than MOST_TABS presses, which is what a keyboard trap looks like."""
    key, modifier = ((Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier) if backwards
                     else (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier))
    path = []
    for _ in range(MOST_TABS):
        if focused().objectName() == name:
            return focused()
        press(qtbot, key, modifier)
        path.append(focused().objectName() or type(focused()).__name__)
    raise AssertionError(f"{name} not reached with Tab; the focus went {path[:20]}...")


def when_modal(kind: type, act: Callable[[QWidget], bool]) -> None:
    """Once a modal dialog of `kind` is up, call `act` on it until it says it is done."""

    def attempt() -> None:
        modal = QApplication.activeModalWidget()
        try:
            if isinstance(modal, kind) and act(modal):
                return
        except BaseException:
            modal.close()  # a failing step must not leave the test waiting on the dialog
            raise
        QTimer.singleShot(50, attempt)

    QTimer.singleShot(50, attempt)


def test_tab_and_shift_tab_leave_every_table_of_the_brands_page(
    qtbot: QtBot, made_vault: MadeVault, brand: LiveBrand
) -> None:
    window = unlocked_on_brands(qtbot, made_vault)
    import_request(qtbot, window, brand.origin)
    brands = tab_to(qtbot, "brandsTable")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().objectName() == "asksTable", "Tab stays inside the brands table"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not window.findChild(QTableView, "asksTable")
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused().objectName() == "asksTable"
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is brands


def test_unlock_import_review_share_revoke_and_lock_with_the_keyboard_alone(
    qtbot: QtBot, made_vault: MadeVault, brand: LiveBrand, said: list[Said]
) -> None:
    vault = made_vault.unlock()
    vault.fields.set("shoe_size_eu", 42)
    vault.lock()
    window = unlocked_on_brands(qtbot, made_vault)
    vault = window.vault
    assert vault is not None

    import_request(qtbot, window, brand.origin)

    # Enter on the brand's row takes the keyboard to what it asks; Enter on the ask
    # opens the review, where Tab reaches Share.
    tab_to(qtbot, "brandsTable")
    press(qtbot, Qt.Key.Key_Return)
    assert focused().objectName() == "asksTable"

    def share(review: QWidget) -> bool:
        button = review.findChild(QWidget, "shareButton")
        if (button is None or not button.isEnabled()
                or QApplication.activeWindow() is not review or focused().window() is not review):
            return False
        assert vault.grants.listing() == [], "nothing is shared before Share is pressed"
        tab_to(qtbot, "shareButton")
        press(qtbot, Qt.Key.Key_Space)
        return True

    when_modal(ShareReviewDialog, share)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(vault.grants.listing()) == 1, timeout=WAIT_MS)
    [grant] = vault.grants.listing()
    assert grant.fields == ("shoe_size_eu",)

    def reached(status: DeliveryStatus) -> Callable[[], bool]:
        def check() -> bool:
            summary = vault.delivery.summary(grant.id)
            return summary is not None and summary.status is status
        return check

    qtbot.waitUntil(reached(DeliveryStatus.CONFIRMED), timeout=WAIT_MS)
    back_to(qtbot, window)
    notice = window.findChild(QLabel, "brandsNotice")
    assert notice.isVisible() and "Shared with Trailworks" in notice.text()
    assert "Imported" not in notice.text(), "the import's message is stale by now"

    # "Review and share..." is reachable by Tab and by its mnemonic too.
    tab_to(qtbot, "reviewShareButton")
    assert "&" in window.findChild(QWidget, "reviewShareButton").text()

    # Shared, from the sidebar: coming to the list chooses the grant; Space on Revoke,
    # then Tab to Yes.
    go_to_page(qtbot, window, "grantsTable")
    grants = window.findChild(QTableView, "grantsTable")
    qtbot.waitUntil(lambda: grants.model().rowCount() == 1, timeout=WAIT_MS)
    tab_to(qtbot, "grantsTable")
    qtbot.waitUntil(lambda: window.shared_page.revoke_button.isEnabled(), timeout=WAIT_MS)

    def say_yes(box: QWidget) -> bool:
        assert isinstance(box, QMessageBox)
        if not box.isAncestorOf(QApplication.focusWidget()):
            return False  # shown but not yet active: a Tab now would go to the window behind
        yes = next(b for b in box.buttons()
                   if box.buttonRole(b) == QMessageBox.ButtonRole.YesRole)
        for _ in range(10):
            if focused() is yes:
                break
            press(qtbot, Qt.Key.Key_Tab)
        assert focused() is yes
        press(qtbot, Qt.Key.Key_Space)
        return True

    when_modal(QMessageBox, say_yes)
    tab_to(qtbot, "revokeButton")
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(reached(DeliveryStatus.DELETION_CONFIRMED), timeout=WAIT_MS)
    back_to(qtbot, window)
    page = window.shared_page
    qtbot.waitUntil(lambda: "Deletion confirmed" in page.detail.text(), timeout=WAIT_MS)
    assert not page.message.isVisible(), "'is being told to delete' beside 'confirmed'"
    assert vault.grants.listing()[0].status is GrantStatus.REVOKED
    qtbot.waitUntil(lambda: "Trailworks confirmed deletion" in texts(said), timeout=WAIT_MS)

    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.vault is None and vault.is_locked
    # What a screen reader said on the way, each once (the brand's answers come when they
    # come: the order of those is not the test's).
    assert sorted(texts(said)) == sorted([
        "Vault unlocked",
        "Shared with Trailworks. Follow its delivery, or take it back, on the Shared page.",
        "Delivered to Trailworks",
        "Revoked. Trailworks is being told to delete your data.",
        "Trailworks confirmed deletion",
        "Vault locked",
    ])
    assert said[-1] == Said("Vault locked", ASSERTIVE, window)


# -- steps --------------------------------------------------------------------------------


def unlocked_on_brands(qtbot: QtBot, made_vault: MadeVault) -> MainWindow:
    window = MainWindow(made_vault.directory)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: focused().objectName() == "unlockSecret", timeout=WAIT_MS)
    qtbot.keyClicks(focused(), made_vault.passphrase)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=WAIT_MS)
    go_to_page(qtbot, window, "importRequestButton")
    return window


def back_to(qtbot: QtBot, window: MainWindow) -> None:
    """What the window manager does when a dialog closes (the offscreen platform does not):
    the window is active again, its focus where it was."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=WAIT_MS)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=WAIT_MS)


def go_to_page(qtbot: QtBot, window: MainWindow, landmark: str) -> None:
    """From wherever the focus is: Tab to the sidebar, then Down until the page holding
    the control named `landmark` is shown."""
    sidebar = tab_to(qtbot, "sidebar")
    for _ in range(sidebar.count()):  # type: ignore[attr-defined]
        shown = window.area.stack.currentWidget()
        if shown is not None and shown.findChild(QWidget, landmark) is not None:
            return
        press(qtbot, Qt.Key.Key_Down)
    raise AssertionError(f"no page holds {landmark}")


def import_request(qtbot: QtBot, window: MainWindow, origin: str) -> None:
    tab_to(qtbot, "importRequestButton")
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.brands_page.import_dialog is not None
                    and QApplication.activeWindow() is window.brands_page.import_dialog,
                    timeout=WAIT_MS)
    tab_to(qtbot, "importAddress")
    qtbot.keyClicks(focused(), origin)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.brands_page.selected_origin() == origin, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.brands_page.import_dialog is None, timeout=WAIT_MS)
    back_to(qtbot, window)
    asks = window.findChild(QTableView, "asksTable")
    qtbot.waitUntil(lambda: asks.model().rowCount() == 1, timeout=WAIT_MS)
