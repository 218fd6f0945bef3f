"""What a screen reader is given: the QAccessibleInterface tree of every page of the main
window and of the main dialogs, walked as assistive technology walks it; every control that
can take the focus must have a name."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.support.in_process import in_process_brand
from tests.support.vaults import MadeVault
from ui.main_window import SLOTS, MainWindow
from ui.review.dialog import ShareReviewDialog
from vault.exchange.brands import RequestSource

ORIGIN = "https://shoes.example"


def unnamed_focusable(root: QWidget) -> list[str]:
    """Every focusable, visible control under `root` without an accessible name."""
    found: list[str] = []

    def walk(node: QAccessibleInterface | None, depth: int) -> None:
        if node is None or not node.isValid() or depth > 40:
            return
        state = node.state()
        # A table's cells are read with their column's header; an empty one is no control.
        item = node.role() in (QAccessible.Role.Cell, QAccessible.Role.ListItem,
                               QAccessible.Role.TreeItem, QAccessible.Role.Row)
        if state.focusable and not state.invisible and not item:
            if not node.text(QAccessible.Text.Name).strip():
                thing = node.object()
                where = (f"{type(thing).__name__} {thing.objectName()!r}" if thing is not None
                         else f"an item of {node.parent().object().objectName()!r}")
                found.append(f"{where} ({node.role().name})")
        for index in range(node.childCount()):
            walk(node.child(index), depth + 1)

    walk(QAccessible.queryAccessibleInterface(root), 0)
    return found


def test_every_page_and_the_review_name_every_focusable_control(
    qtbot: QtBot, made_vault: MadeVault
) -> None:
    vault = made_vault.unlock()
    vault.fields.set("shoe_size_eu", 42)
    vault.brands.import_request(in_process_brand(ORIGIN, "Shoes Example").request(),
                                RequestSource.TEXT)
    vault.lock()
    window = MainWindow(made_vault.directory)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    assert unnamed_focusable(window) == [], "unlock screen"
    window.welcome.unlock_page.secret.setText(made_vault.passphrase)
    window.welcome.unlock_page.unlock_button.click()
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)
    problems = {}
    for slot in range(SLOTS):
        window.area.show_slot(slot)
        qtbot.wait(300)  # its rows loaded
        page = window.area.stack.currentWidget()
        problems[page.objectName() or type(page).__name__] = unnamed_focusable(window)

    window.area.show_page(window.brands_page)
    qtbot.waitUntil(lambda: window.brands_page.selected_origin() == ORIGIN, timeout=10_000)
    window.brands_page.open_import()
    dialog = window.brands_page.import_dialog
    assert dialog is not None
    problems["import dialog"] = unnamed_focusable(dialog)
    dialog.reject()

    review = ShareReviewDialog(window.session, ORIGIN, "fit-advice", window)
    qtbot.addWidget(review)
    review.show()
    qtbot.waitUntil(lambda: review.findChild(QWidget, "fieldsList") is not None,
                    timeout=10_000)
    problems["share review"] = unnamed_focusable(review)
    review.reject()
    QApplication.processEvents()
    assert {k: v for k, v in problems.items() if v} == {}
