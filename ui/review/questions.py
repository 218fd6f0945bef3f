"""A brand's own question in the share review: its words, and an input of its type inline.

The question is shown in the brand's words (plain text, hidden characters revealed, in the
app's language when the brand wrote it in it); the person answers right there, with the
keyboard alone: a list to pick one choice from, a tick box per choice, a line of text, a
number, yes or no, a date. An answer that fits the question makes the row shareable; the
dialog saves the answers of the ticked rows in the vault just before it shares.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zpd.errors import InvalidValue
from zpd.fieldtypes import MAX_TEXT_LENGTH, JsonValue
from zpd.questions import Question, QuestionType, check_answer

from ..style import Space, TextSize
from ..widgets import named, plain_label
from ..widgets.wrap import WrapLabel, scaled
from ..words import review as say
from ..words.fields import invalid_value_text
from ..words.text import brand_text
from .data import ReviewField
from .parts import FieldRow, RequiredCheck, banner

MULTI_CHOICE_COLUMNS = 2


class QuestionInput(QWidget):
    """The input for one question; `value()` is the answer when one fits, else None."""

    changed = Signal()

    def __init__(self, question: Question, start: JsonValue | None) -> None:
        super().__init__()
        self.question = question
        self.setObjectName(f"questionInput_{question.key}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._combo: QComboBox | None = None
        self._line: QLineEdit | None = None
        self._boxes: list[tuple[str, QCheckBox]] = []
        label = say.question_label(question)
        match question.type:
            case QuestionType.CHOICE | QuestionType.BOOLEAN:
                layout.addWidget(self._build_combo(label, start))
            case QuestionType.MULTI_CHOICE:
                layout.addWidget(self._build_boxes(label, start))
            case QuestionType.TEXT | QuestionType.NUMBER | QuestionType.DATE:
                layout.addWidget(self._build_line(label, start))

    # -- building ------------------------------------------------------------------------

    def _build_combo(self, label: str, start: JsonValue | None) -> QComboBox:
        key = self.question.key
        combo = named(QComboBox(), f"questionChoice_{key}")
        combo.addItem(self.tr("Choose…"), None)
        if self.question.type is QuestionType.BOOLEAN:
            combo.addItem(self.tr("Yes"), True)
            combo.addItem(self.tr("No"), False)
        else:
            for value, text in say.choice_labels(self.question):
                combo.addItem(text, value)
        if start is not None:
            found = combo.findData(start)
            combo.setCurrentIndex(max(found, 0))
        combo.setAccessibleName(self.tr("Your answer: {question}").format(question=label))
        combo.currentIndexChanged.connect(self.changed)
        self._combo = combo
        return combo

    def _build_boxes(self, label: str, start: JsonValue | None) -> QWidget:
        box = named(QWidget(), f"questionChoices_{self.question.key}")
        box.setAccessibleName(self.tr("Your answers: {question}").format(question=label))
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(Space.L)
        chosen = start if isinstance(start, list) else []
        for number, (value, text) in enumerate(say.choice_labels(self.question)):
            check = named(QCheckBox(text), f"questionChoice_{self.question.key}_{value}")
            check.setChecked(value in chosen)
            check.setAccessibleDescription(label)
            check.toggled.connect(self.changed)
            grid.addWidget(check, number // MULTI_CHOICE_COLUMNS, number % MULTI_CHOICE_COLUMNS)
            self._boxes.append((value, check))
        return box

    def _build_line(self, label: str, start: JsonValue | None) -> QLineEdit:
        line = named(QLineEdit(), f"questionText_{self.question.key}")
        match self.question.type:
            case QuestionType.NUMBER:
                line.setPlaceholderText(self.tr("A number"))
                line.setText(say.answer_words(self.question, start))
            case QuestionType.DATE:
                line.setPlaceholderText(self.tr("YYYY-MM-DD"))
                line.setText(str(start) if start is not None else "")
            case _:
                line.setPlaceholderText(self.tr("Your answer"))
                line.setMaxLength(MAX_TEXT_LENGTH)
                line.setText(str(start) if start is not None else "")
        line.setAccessibleName(self.tr("Your answer: {question}").format(question=label))
        line.textChanged.connect(self.changed)
        self._line = line
        return line

    # -- the answer ----------------------------------------------------------------------

    def value(self) -> JsonValue | None:
        try:
            return self._checked()
        except InvalidValue:
            return None

    def problem(self) -> str:
        """Why what was typed is no answer ("" when it is one, or when nothing was typed)."""
        try:
            self._checked()
        except InvalidValue as error:
            return invalid_value_text(error)
        return ""

    def _checked(self) -> JsonValue | None:
        raw = self._raw()
        return None if raw is None else check_answer(self.question, raw)

    def _raw(self) -> object | None:
        """What the person gave, before the question's check; None for nothing at all."""
        if self._combo is not None:
            data: object = self._combo.currentData()
            return data
        if self._boxes:
            chosen = [value for value, box in self._boxes if box.isChecked()]
            return chosen or None
        assert self._line is not None
        text = self._line.text().strip()
        if not text:
            return None
        if self.question.type is QuestionType.NUMBER:
            return _number(text)
        return text

    def set_locked(self, locked: bool) -> None:
        for widget in self.findChildren(QWidget):
            widget.setEnabled(not locked)

    def first_focus(self) -> QWidget:
        if self._combo is not None:
            return self._combo
        if self._boxes:
            return self._boxes[0][1]
        assert self._line is not None
        return self._line


def _number(text: str) -> object:
    """A number as typed: in the app's language (1.234,5 in Greek) or plainly (1234.5)."""
    for reading in (QLocale().toDouble(text), QLocale.c().toDouble(text)):
        number, ok = reading
        if ok:
            return int(number) if number.is_integer() and abs(number) <= 2**53 else number
    return text  # refused by the question's check as not a number


class QuestionRow(QFrame):
    """One question the brand asks: the tick to share it, its words, the input, the brand's
    why; the vault's own judgement when it differs from what the brand declared."""

    toggled = Signal()

    def __init__(self, field: ReviewField, brand_name: str) -> None:
        super().__init__()
        assert field.question is not None
        self.field = field
        question = field.question
        key = field.key
        label = say.question_label(question)
        self.setObjectName(f"fieldRow_{key}")
        self.setProperty("role", "card")
        self.setProperty("special", "true" if field.special else "false")
        grid = QGridLayout(self)
        grid.setContentsMargins(Space.L, Space.M, Space.L, Space.M)
        grid.setHorizontalSpacing(Space.M)
        grid.setVerticalSpacing(Space.S)

        # The tick box has no text of its own: a brand's label may be 200 characters, and
        # only a label beside it wraps. Screen readers get the label as the box's name.
        kind = RequiredCheck if field.required else QCheckBox
        self.check = named(kind(), f"fieldCheck_{key}")
        grid.addWidget(self.check, 0, 0, Qt.AlignmentFlag.AlignTop)
        self.label = scaled(WrapLabel(label, f"questionLabel_{key}"),
                            TextSize.LEAD, bold=True)
        grid.addWidget(self.label, 0, 1)
        grid.addLayout(self._chips(field), 0, 2,
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        indent = self.check.style().pixelMetric(
            self.check.style().PixelMetric.PM_IndicatorWidth) + 10
        grid.setColumnMinimumWidth(0, indent)
        grid.setColumnStretch(1, 1)

        lines: list[QWidget] = []
        judgement = field.judgement
        if judgement is not None and judgement.mismatched:
            lines.append(banner(f"questionMismatch_{key}", "danger",
                                say.mismatch_words(judgement, brand_name)))
        start = field.value if field.value is not None else field.proposal
        self.input = QuestionInput(question, start)
        lines.append(self.input)
        if field.value is None and field.proposal is not None and question.same_as:
            note = WrapLabel(self.tr("Filled in from your value in My data; change it if "
                                     "this brand means something else."),
                             f"questionProposal_{key}")
            note.setProperty("role", "muted")
            lines.append(note)
        self.problem = WrapLabel(name=f"questionProblem_{key}")
        self.problem.setProperty("role", "missing")
        lines.append(self.problem)
        why = WrapLabel(self.tr("Why they ask: {why}").format(why=brand_text(field.why)),
                        f"fieldWhy_{key}")
        why.setProperty("role", "muted")
        lines.append(why)
        for row, widget in enumerate(lines, start=1):
            grid.addWidget(widget, row, 1, 1, 2)

        state = self.tr("Required.") if field.required else self.tr("Optional.")
        if field.special:
            state += " " + self.tr("Special-category data (GDPR Art. 9).")
        self.check.setAccessibleName(self.tr("Share your answer to {question}").format(
            question=label))
        self.check.setAccessibleDescription(" ".join([state, why.text()]))
        self.input.setAccessibleDescription(state)

        self._answered = self.input.value() is not None
        self.check.setChecked(self._answered and (field.required or not field.special))
        self.check.setEnabled(self._answered)
        self.check.toggled.connect(self.toggled)
        self.input.changed.connect(self._input_changed)
        self.problem.hide()

    def _chips(self, field: ReviewField) -> QHBoxLayout:
        chips = QHBoxLayout()
        chips.setSpacing(Space.S)
        if field.special:
            special = plain_label(self.tr("⚠ Special category"), f"specialBadge_{field.key}",
                                  wrap=False)
            special.setProperty("chip", "special")
            chips.addWidget(special)
        question = plain_label(self.tr("Their question"), f"questionBadge_{field.key}",
                               wrap=False)
        question.setProperty("chip", "optional")
        chips.addWidget(question)
        chip = plain_label(self.tr("Required") if field.required else self.tr("Optional"),
                           f"fieldRequirement_{field.key}", wrap=False)
        chip.setProperty("chip", "required" if field.required else "optional")
        chips.addWidget(chip)
        return chips

    def _input_changed(self) -> None:
        answered = self.input.value() is not None
        if answered and not self._answered:  # a first answer: ticked as a value would be
            self.check.setEnabled(True)
            self.check.setChecked(self.field.required or not self.field.special)
        elif not answered:
            self.check.setChecked(False)
            self.check.setEnabled(False)
        self._answered = answered
        problem = self.input.problem()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.toggled.emit()

    @property
    def answer(self) -> JsonValue | None:
        return self.input.value()

    @property
    def ticked(self) -> bool:
        return bool(self.check.isChecked()) and self.answer is not None

    @property
    def answer_to_save(self) -> JsonValue | None:
        """The answer to keep in the vault before the share: a ticked one that is new."""
        answer = self.answer
        return answer if self.ticked and answer != self.field.value else None

    def gives_text(self) -> str:
        assert self.field.question is not None
        return say.answer_words(self.field.question, self.answer)

    def set_locked(self, locked: bool) -> None:
        self.input.set_locked(locked)
        self.check.setEnabled(self._answered and not locked)


def first_focus(row: FieldRow | QuestionRow) -> QWidget | None:
    """Where the keyboard starts in a row: its tick box, or an unanswered question's input."""
    if row.check.isEnabled():
        return row.check
    return row.input.first_focus() if isinstance(row, QuestionRow) else None
