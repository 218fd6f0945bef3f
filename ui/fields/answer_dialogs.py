"""Dialogs of My data's answers to brands: changing an answer, and an answer's history."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vault.profile.fields import HistoryEntry
from vault.vault import Vault
from zpd.fieldtypes import JsonValue
from zpd.questions import Question

from .. import style
from ..review.questions import QuestionInput
from ..session import Session
from ..style import TextSize, Tone
from ..widgets import named, tab_leaves
from ..widgets.row_model import RowsModel
from ..widgets.wrap import WrapLabel, scaled
from ..words import review as say
from ..words import time
from ..words.errors import field_edit_error
from ..words.fields import key_label
from ..words.text import in_sentence
from .dialogs import error_label

DIALOG_WIDTH = 520


class AnswerDialog(QDialog):
    """The brand's question with its input, filled with the answer kept; Save keeps the new
    one (and the vault re-issues that brand's grants carrying it)."""

    def __init__(self, session: Session, origin: str, brand_name: str, question: Question,
                 value: JsonValue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.origin = origin
        self.question = question
        self.setObjectName("answerDialog")
        label = say.question_label(question)
        self.setWindowTitle(self.tr("Your answer to {brand}").format(
            brand=in_sentence(brand_name)))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(DIALOG_WIDTH)
        layout = QVBoxLayout(self)
        layout.addWidget(scaled(WrapLabel(label, "answerQuestion"), TextSize.LEAD,
                                  bold=True))
        self.input = QuestionInput(question, value)
        layout.addWidget(self.input)
        self.problem = error_label("answerProblem")
        layout.addWidget(self.problem)
        self.also_field: QCheckBox | None = None
        if question.same_as is not None:  # the brand says its question means this field
            self.also_field = named(QCheckBox(self.tr("Also set “{field}” in My data to this")
                                              .format(field=key_label(question.same_as))),
                                    "answerAlsoField")
            layout.addWidget(self.also_field)
        note = WrapLabel(self.tr(
            "If you share this answer with {brand}, it gets the new one as the next version "
            "of what you share. No other brand sees it.").format(brand=in_sentence(brand_name)),
            "answerNote")
        note.setProperty("role", "muted")
        note.setStyleSheet(style.text_css(Tone.MUTED))
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("answerSave")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.input.changed.connect(self._update)
        self._update()
        self.input.first_focus().setFocus()

    def _update(self) -> None:
        problem = self.input.problem()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.save_button.setEnabled(self.input.value() is not None)

    def save(self) -> None:
        value = self.input.value()
        if value is None:
            return
        origin, key = self.origin, self.question.key
        field = self.question.same_as if self.also_field and self.also_field.isChecked() \
            else None

        def save(vault: Vault) -> JsonValue:
            saved = vault.answers.set(origin, key, value)
            if field is not None:
                vault.fields.set(field, saved)
            return saved

        self.save_button.setEnabled(False)
        self.session.call(save, self._saved, failed=self._failed, owner=self)

    def _saved(self, _value: JsonValue) -> None:
        self.session.deliver()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.problem.setText(field_edit_error(say.question_label(self.question), error))
        self.problem.show()
        self._update()


class AnswerHistoryModel(RowsModel):
    def __init__(self, question: Question, entries: list[HistoryEntry]) -> None:
        super().__init__()
        self.question = question
        self.set_rows(list(reversed(entries)))

    def headers(self) -> list[str]:
        return [self.tr("When"), self.tr("Answer")]

    def key(self, row: Any) -> Hashable:
        return id(row)

    def cell(self, row: Any, column: int, role: int) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        entry: HistoryEntry = row
        if column == 0:
            return time.moment(entry.changed_at)
        if entry.value is None:
            return self.tr("(forgotten)")
        return say.answer_words(self.question, entry.value)


class AnswerHistoryDialog(QDialog):
    def __init__(self, brand_name: str, question: Question, entries: list[HistoryEntry],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerHistoryDialog")
        label = say.question_label(question)
        self.setWindowTitle(self.tr("History of your answer to {brand}").format(
            brand=in_sentence(brand_name)))
        self.setAccessibleName(self.windowTitle())
        self.resize(DIALOG_WIDTH, 360)
        layout = QVBoxLayout(self)
        layout.addWidget(WrapLabel(self.tr("Every change to your answer to “{0}”, newest "
                                           "first. Only you can see this.").format(label),
                                   "answerHistoryIntro"))
        self.model = AnswerHistoryModel(question, entries)
        self.table = named(QTableView(), "answerHistoryTable")
        tab_leaves(self.table)
        self.table.setAccessibleName(self.tr("Changes"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName(
            "answerHistoryClose")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
