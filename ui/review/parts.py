"""Pieces of the share review: labels that never clip, banners, a row per asked field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
)

from .. import style
from ..style import Radius, Space, TextSize, Tint, Tone
from ..widgets import named, plain_label
from ..widgets.wrap import WrapLabel, scaled
from ..words.text import brand_text
from .data import ReviewField

# Works on light and dark palettes alike: tints over the window colour, text in palette
# colours or the palette's own set of ui/style.py.
_STYLE = """
QFrame[role="card"] {
    border: 1px solid palette(mid); border-radius: %(radius_l)spx;
    background: palette(alternate-base);
}
QFrame[role="card"][special="true"] { %(special_border)s }
QLabel[tone] { border-radius: %(radius_m)spx; padding: %(space_s)spx %(space_m)spx; }
QLabel[tone="ok"] { %(ok)s }
QLabel[tone="warn"] { %(warn)s }
QLabel[tone="danger"] { %(danger)s }
QLabel[chip] { border-radius: %(radius_pill)spx; padding: 1px %(space_s)spx; font-weight: bold; }
QLabel[chip="required"] {
    background: palette(highlight); color: palette(highlighted-text);
    border: 1px solid palette(highlight);
}
QLabel[chip="optional"] { border: 1px solid palette(mid); }
QLabel[chip="special"] { %(special)s }
QLabel[role="muted"] { %(muted)s }
QLabel[role="missing"] { %(missing)s font-style: italic; }
QLabel#shareError, QLabel#loadError { %(error)s }
"""


def review_style() -> str:
    """The review's style sheet, in the colours of the palette shown now."""
    return _STYLE % {"missing": style.text_css(Tone.WARNING), "muted": style.text_css(Tone.MUTED),
                     "error": style.text_css(Tone.ERROR, bold=True), "radius_m": Radius.M,
                     "radius_l": Radius.L, "radius_pill": Radius.PILL, "space_s": Space.S,
                     "space_m": Space.M, "ok": style.tint_css(Tint.OK),
                     "warn": style.tint_css(Tint.WARN), "danger": style.tint_css(Tint.DANGER),
                     "special": style.tint_css(Tint.SPECIAL),
                     "special_border": style.tint_css(Tint.SPECIAL, fill=False)}


def brand_wrap(text: str, name: str | None = None) -> WrapLabel:
    """Text a brand wrote: hidden characters revealed, wrapped without ever clipping."""
    return WrapLabel(brand_text(text), name)


def banner(name: str, tone: str, text: str = "") -> WrapLabel:
    """A tinted box for a verdict or a warning; its text may quote the brand."""
    label = WrapLabel(text, name=name)
    label.setProperty("tone", tone)
    return label


def set_tone(label: QLabel, tone: str) -> None:
    label.setProperty("tone", tone)
    label.style().unpolish(label)
    label.style().polish(label)


def heading(text: str, name: str) -> QLabel:
    label = plain_label(text, name)
    font = style.sized(label.font(), TextSize.SECTION)
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, Space.S, 0, 0)
    return label


def card(title: str, name: str) -> tuple[QFrame, QVBoxLayout]:
    """A tinted box with a caption, for one side of the exchange."""
    box = named(QFrame(), name)
    box.setProperty("role", "card")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(Space.L, Space.M, Space.L, Space.M)
    layout.setSpacing(Space.S)
    caption = plain_label(title, f"{name}Title")
    caption.setProperty("role", "muted")
    layout.addWidget(scaled(caption, TextSize.BODY, bold=True))
    return box, layout


class DaysSpin(QSpinBox):
    """A spin box that keeps Enter to itself, so typing a number never closes the dialog."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class RequiredCheck(QCheckBox):
    """Ticked for good: it reads like any tick box (not greyed out) but clicks leave it ticked."""

    def nextCheckState(self) -> None:  # noqa: N802
        self.setChecked(True)


class FieldRow(QFrame):
    """One asked field: tick box and label, required or optional, the value, the brand's why."""

    toggled = Signal()

    def __init__(self, field: ReviewField, label: str, value_text: str,
                 sent_as: str = "") -> None:
        super().__init__()
        self.field = field
        self.setObjectName(f"fieldRow_{field.key}")
        self.setProperty("role", "card")
        self.setProperty("special", "true" if field.special else "false")
        grid = QGridLayout(self)
        grid.setContentsMargins(Space.L, Space.M, Space.L, Space.M)
        grid.setHorizontalSpacing(Space.M)
        grid.setVerticalSpacing(Space.XS)

        kind = RequiredCheck if field.required and field.has_value else QCheckBox
        self.check = named(kind(label), f"fieldCheck_{field.key}")
        scaled(self.check, TextSize.BODY, bold=True)
        self.check.setChecked(field.ticked_by_default)
        self.check.setEnabled(field.has_value)
        self.check.toggled.connect(self.toggled)
        grid.addWidget(self.check, 0, 0, 1, 2)

        chips = QHBoxLayout()
        chips.setSpacing(Space.S)
        if field.special:
            special = plain_label(self.tr("⚠ Special category"), f"specialBadge_{field.key}",
                                  wrap=False)
            special.setProperty("chip", "special")
            special.setToolTip(self.tr(
                "Health, religion or other special-category data (GDPR Art. 9). Share it only "
                "if you are sure."
            ))
            chips.addWidget(special)
        chip = plain_label(
            self.tr("Required") if field.required else self.tr("Optional"),
            f"fieldRequirement_{field.key}", wrap=False,
        )
        chip.setProperty("chip", "required" if field.required else "optional")
        chips.addWidget(chip)
        for badge in self.findChildren(QLabel):
            if badge.property("chip"):  # a chip is never cut short; the row grows instead
                badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        grid.addLayout(chips, 0, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        indent = self.check.style().pixelMetric(
            self.check.style().PixelMetric.PM_IndicatorWidth
        ) + 10
        grid.setColumnMinimumWidth(0, indent)
        grid.setColumnStretch(1, 1)

        if field.has_value:
            value = WrapLabel(self.tr("Your value: {value}").format(value=value_text),
                              f"fieldValue_{field.key}")
        else:
            value = WrapLabel(self.tr("No value: set it in My data"), f"fieldValue_{field.key}")
            value.setProperty("role", "missing")
        grid.addWidget(value, 1, 1, 1, 2)
        described = [value.text()]
        if sent_as:  # leak canaries: the brand gets its own alias, not this value
            alias = WrapLabel(self.tr("The brand gets your alias for it: {alias}").format(
                alias=sent_as), f"fieldAlias_{field.key}")
            grid.addWidget(alias, 2, 1, 1, 2)
            described.append(alias.text())

        why = WrapLabel(
            self.tr("Why they ask: {why}").format(why=brand_text(field.why)),
            f"fieldWhy_{field.key}",
        )
        why.setProperty("role", "muted")
        grid.addWidget(why, 1 + len(described), 1, 1, 2)
        described.append(why.text())

        state = self.tr("Required.") if field.required else self.tr("Optional.")
        if field.special:
            state += " " + self.tr("Special-category data (GDPR Art. 9).")
        self.check.setAccessibleName(self.tr("Share {field}").format(field=label))
        self.check.setAccessibleDescription(" ".join([state, *described]))
        if field.required and field.has_value:
            self.check.setToolTip(self.tr("Required: the brand needs this one to accept a share."))
        elif not field.has_value:
            self.check.setToolTip(self.tr("Nothing to share yet: set a value in My data."))

    @property
    def ticked(self) -> bool:
        return bool(self.check.isChecked())

    def set_locked(self, locked: bool) -> None:
        """While sharing, nothing can change."""
        self.check.setEnabled(self.field.has_value and not locked)

