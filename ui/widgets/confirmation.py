"""A yes/no question whose safe answer is the default, in plain text only.

Pages keep the function as a `confirm` attribute, so tests can answer it directly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

Confirm = Callable[[QWidget | None, str, str, str, str], bool]
INFORMATIVE_LABEL = "qt_msgbox_informativelabel"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Confirmation", text)


def question_box(
    parent: QWidget | None, title: str, text: str, details: str, yes_text: str,
    name: str = "confirmDialog",
) -> QMessageBox:
    """A warning box with a "yes" button named by the action and a default "No"."""
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if details:
        box.setInformativeText(details)
        # The informative label guesses its format: make it plain text like the main one.
        for label in box.findChildren(QLabel, INFORMATIVE_LABEL):
            label.setTextFormat(Qt.TextFormat.PlainText)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.YesRole)
    yes.setObjectName("confirmYesButton")
    no = box.addButton(_tr("No"), QMessageBox.ButtonRole.NoRole)
    no.setObjectName("confirmNoButton")
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    no.setFocus()
    return box


def ask(parent: QWidget | None, title: str, text: str, details: str, yes_text: str) -> bool:
    """Ask and wait for the answer; True only when the person chose the "yes" button."""
    box = question_box(parent, title, text, details, yes_text)
    box.exec()
    answer = box.clickedButton()
    said_yes = answer is not None and box.buttonRole(answer) == QMessageBox.ButtonRole.YesRole
    box.deleteLater()
    return said_yes
