"""My data's "Answers to brands": the person's answers to brands' own questions, by brand.

Each answer belongs to one brand (another brand's question with the same key is another
field). It can be changed (the vault then sends that brand's grants carrying it their
next version, and no other brand's), its history read, and forgotten once no active
grant carries it. Questions are the brand's words: plain text, hidden characters revealed.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vault.exchange.question_sensitivity import judge
from vault.vault import Vault
from zpd.fieldtypes import JsonValue, Sensitivity
from zpd.questions import Question

from .. import style
from ..session import Session
from ..style import Space, TextSize, Tone
from ..widgets import confirmation, gridless_rows, named, plain_label, tab_leaves
from ..widgets.row_model import RowsModel
from ..widgets.wrap import scaled
from ..words import review as say
from ..words.errors import field_edit_error
from ..words.fields import key_label, sensitivity_name
from ..words.text import brand_text, in_sentence
from .answer_dialogs import AnswerDialog, AnswerHistoryDialog
from .dialogs import error_label

MOST_ROWS_SHOWN = 6


@dataclass(frozen=True)
class AnswerRow:
    origin: str
    brand_name: str
    question: Question  # as the brand asks it now (as last answered if it asks no more)
    value: JsonValue
    judged: Sensitivity  # the vault's judgement, never the brand's claim


def load_answers(vault: Vault) -> list[AnswerRow]:
    """Every answer kept, by brand name then question (runs on the thread pool)."""
    names = {b.origin: b.name for b in vault.brands.all()}
    rows = []
    for answer in vault.answers.all():
        question = vault.answers.question(answer.brand_origin, answer.key)
        rows.append(AnswerRow(answer.brand_origin,
                              names.get(answer.brand_origin, answer.brand_origin),
                              question, answer.value, judge(question).judged))
    return sorted(rows, key=lambda r: (r.brand_name.casefold(), r.origin, r.question.key))


class AnswersModel(RowsModel):
    def headers(self) -> list[str]:
        return [self.tr("Brand"), self.tr("Their question"), self.tr("Your answer"),
                self.tr("Sensitivity")]

    def key(self, row: Any) -> Hashable:
        return (row.origin, row.question.key)

    def cell(self, row: Any, column: int, role: int) -> object:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        answer: AnswerRow = row
        match column:
            case 0:
                return brand_text(answer.brand_name)
            case 1:
                return say.question_label(answer.question)
            case 2:
                return say.answer_words(answer.question, answer.value)
            case _:
                return sensitivity_name(answer.judged)


class AnswersTable(QTableView):
    """Enter, Return and F2 change the current answer."""

    def __init__(self, edit: Any) -> None:
        super().__init__()
        self._edit = edit

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)
        if event.key() in keys and self.currentIndex().isValid():
            self._edit()
            return
        super().keyPressEvent(event)


class AnswersPanel(QWidget):
    """The answers, under My data's fields; hidden while there are none."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.confirm: confirmation.Confirm = confirmation.ask  # a seam for tests
        self.setObjectName("answersPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, Space.S, 0, 0)
        heading = plain_label(self.tr("Answers to brands"), "answersHeading")
        layout.addWidget(scaled(heading, TextSize.LEAD, bold=True))
        hint = plain_label(self.tr(
            "Your answers to brands' own questions. Each is kept for that brand only; "
            "changing one sends that brand the next version of what you share."),
            "answersHint")
        hint.setStyleSheet(style.text_css(Tone.MUTED))
        layout.addWidget(hint)
        self.model = AnswersModel()
        self.table = named(AnswersTable(self.edit_current), "answersTable")
        self.table.setAccessibleName(self.tr("Your answers to brands"))
        self.table.setModel(self.model)
        gridless_rows(self.table)
        tab_leaves(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        self.error = error_label("answerError")
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.edit_button = named(QPushButton(self.tr("Change &answer…")), "answerEditButton")
        self.history_button = named(QPushButton(self.tr("Answer hi&story…")),
                                    "answerHistoryButton")
        self.forget_button = named(QPushButton(self.tr("&Forget answer")), "answerForgetButton")
        self.edit_button.setAccessibleName(self.tr("Change the answer"))
        self.history_button.setAccessibleName(self.tr("Show the answer's history"))
        self.forget_button.setAccessibleName(self.tr("Forget the answer"))
        for button in (self.edit_button, self.history_button, self.forget_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.edit_button.clicked.connect(self.edit_current)
        self.history_button.clicked.connect(self.show_history)
        self.forget_button.clicked.connect(self.forget_current)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.hide()

    # -- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        self.session.call(load_answers, self.show_answers, owner=self)

    def clear(self) -> None:
        self.show_answers([])
        self.error.hide()

    def show_answers(self, rows: list[AnswerRow]) -> None:
        self.model.set_rows(rows)
        self.setVisible(bool(rows))
        if rows and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        shown = min(len(rows), MOST_ROWS_SHOWN)
        self.table.setFixedHeight(self.table.horizontalHeader().height() + 4
                                  + shown * self.table.verticalHeader().defaultSectionSize())
        self._update_buttons()

    def current(self) -> AnswerRow | None:
        row: AnswerRow | None = self.model.row_at(self.table.currentIndex().row())
        return row

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        for button in (self.edit_button, self.history_button, self.forget_button):
            button.setEnabled(chosen)

    # -- actions ---------------------------------------------------------------------

    def edit_current(self) -> None:
        row = self.current()
        if row is None:
            return
        self.error.hide()
        dialog = AnswerDialog(self.session, row.origin, row.brand_name, row.question,
                              row.value, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_history(self) -> None:
        row = self.current()
        if row is None:
            return
        origin, question = row.origin, row.question

        def show(entries: list[Any]) -> None:
            dialog = AnswerHistoryDialog(row.brand_name, question, entries, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        self.session.call(lambda vault: vault.answers.history(origin, question.key), show,
                          owner=self, failed=self._show_error)

    def forget_current(self) -> None:
        row = self.current()
        if row is None:
            return
        self.error.hide()
        origin, key = row.origin, row.question.key
        self.session.call(lambda vault: vault.answers.clear(origin, key),
                          lambda _forgotten: self.session.deliver(),
                          failed=self._show_error, owner=self)

    def offer_linked(self, field_key: str, value: JsonValue) -> None:
        """A catalogue field was set: offer to give its new value as the answer to the
        questions that say they mean it (`same_as`), where it fits and differs."""

        def differing(vault: Vault) -> list[AnswerRow]:
            return [r for r in load_answers(vault)
                    if r.question.same_as == field_key and r.value != value
                    and vault.answers.proposal(r.origin, r.question.key) == value]

        self.session.call(differing, lambda rows: self._offer(field_key, value, rows),
                          owner=self)

    def _offer(self, field_key: str, value: JsonValue, rows: list[AnswerRow]) -> None:
        if not rows:
            return
        names = ", ".join(dict.fromkeys(in_sentence(r.brand_name) for r in rows))
        field = key_label(field_key)
        if not self.confirm(
            self, self.tr("Update your answers too?"),
            self.tr("{brands} asked a question that means your “{field}”. Give them your new "
                    "value as the answer too?").format(brands=names, field=field),
            "\n".join(f"{brand_text(r.brand_name)}: {say.question_label(r.question)}"
                      for r in rows),
            self.tr("Update answers")):
            return
        keys = [(r.origin, r.question.key) for r in rows]

        def update(vault: Vault) -> None:
            for origin, key in keys:
                vault.answers.set(origin, key, value)

        self.session.call(update, lambda _none: self.session.deliver(),
                          failed=self._show_error, owner=self)

    def _show_error(self, error: BaseException) -> None:
        row = self.current()
        label = say.question_label(row.question) if row is not None else ""
        self.error.setText(field_edit_error(label, error))
        self.error.show()
