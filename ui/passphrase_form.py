"""A new passphrase typed twice, with a strength meter and the reasons a weak one is refused."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from vault.profile import passphrase_policy

from . import style
from .style import Tone
from .widgets import named
from .words.errors import weakness

STRONG_BITS = 80.0


def _tr(text: str) -> str:
    # Words first written for the create page: kept in its translation context.
    return QCoreApplication.translate("CreatePage", text)


@dataclass(frozen=True)
class FormNames:
    """Object names of the form's widgets (two forms can share a window)."""

    passphrase: str = "newPassphrase"
    repeat: str = "repeatPassphrase"
    meter: str = "strengthMeter"
    hint: str = "strengthHint"
    show: str = "showPassphrase"


class PassphraseForm(QWidget):
    """The page shows its own error below; `edited` tells it the person changed either box
    (an error about what was there no longer holds)."""

    submitted = Signal()  # Return in the second box
    edited = Signal()

    def __init__(self, names: FormNames = FormNames()) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.form = form = QFormLayout()
        self.passphrase = named(QLineEdit(), names.passphrase)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_tr("New passphrase"))
        self.repeat = named(QLineEdit(), names.repeat)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(_tr("Repeat passphrase"))
        form.addRow(_tr("Passphrase"), self.passphrase)
        form.addRow(_tr("Repeat"), self.repeat)
        column.addLayout(form)
        self.show_box = named(QCheckBox(_tr("S&how passphrase")), names.show)
        self.show_box.setAccessibleName(_tr("Show the passphrase while typing"))
        self.show_box.toggled.connect(self._show_text)
        self.meter = named(QProgressBar(), names.meter)
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.meter.setAccessibleName(_tr("Passphrase strength"))
        column.addWidget(self.meter)
        self.hint = named(QLabel(), names.hint)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        column.addWidget(self.hint)
        column.addWidget(self.show_box)
        self.passphrase.textChanged.connect(self._update_strength)
        self.passphrase.textChanged.connect(self.edited)
        self.repeat.textChanged.connect(self.edited)
        self.repeat.returnPressed.connect(self.submitted)
        self._update_strength()

    def matches(self) -> bool:
        return bool(self.passphrase.text() == self.repeat.text())

    def clear(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self.show_box.setChecked(False)

    def said_weak(self) -> None:
        """The page's error now gives the reasons: the hint does not say them again."""
        self.hint.setText("")

    def _show_text(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.repeat.setEchoMode(mode)

    def focus(self) -> None:
        self.passphrase.setFocus()

    def _update_strength(self) -> None:
        text = self.passphrase.text()
        reasons = passphrase_policy.weaknesses(text)
        bits = passphrase_policy.estimated_bits(text) if text else 0.0
        score = 0 if not text else min(100, int(100 * bits / STRONG_BITS))
        if reasons:
            score = min(score, 30)
        self.meter.setValue(score)
        tone = Tone.ERROR if reasons else (Tone.WARNING if score < 100 else Tone.SUCCESS)
        colour = style.colour(tone).name()
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        if not text:
            self.hint.setText("")
        elif reasons:
            self.hint.setText(" ".join(weakness(r) for r in reasons))
        elif score < 100:
            self.hint.setText(_tr("Good enough. Another word would make it stronger."))
        else:
            self.hint.setText(_tr("Strong."))
