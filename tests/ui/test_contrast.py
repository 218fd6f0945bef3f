"""Contrast (WCAG 2.2 AA, as EN 301 549 asks of software): every colour the app sets
itself, computed against the palette it is shown on, in the light and the dark palette,
and on paper; the widgets built under each palette take that palette's colours; and no
screen keeps a colour of its own outside ui/style.py."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from tests.support.vaults import PROJECT_ROOT
from ui import style
from ui.style import BADGES, DARK, LIGHT, TINTS, Part, Tone
from ui.widgets.balance_view import BalanceView
from vault.transparency import html

TEXT = 4.5  # normal text
PARTS = 3.0  # user-interface parts and graphics
Role = QPalette.ColorRole
BACKGROUNDS = (Role.Window, Role.Base, Role.AlternateBase)
# A colour written in a screen's own module, or text in a palette role made for borders and
# placeholders (too faint for words).
COLOUR_LITERAL = re.compile(r"#[0-9a-fA-F]{3,8}\b|QColor\(\s*[\"'0-9]|rgba?\(|"
                            r"(?<![-\w])color:\s*palette\((mid|placeholder-text|light|midlight)\)")


@pytest.fixture(params=["light", "dark"])
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    before = qapp.palette()
    if request.param == "dark":
        style.follow_system(qapp, Qt.ColorScheme.Dark)
    else:
        qapp.setPalette(qapp.style().standardPalette())
    yield qapp.palette()
    qapp.setPalette(before)


def test_the_set_follows_the_palette_and_a_dark_system_gets_a_dark_palette(
        palette: QPalette) -> None:
    dark = palette.color(Role.Window).lightnessF() < 0.5
    assert style.current() is (DARK if dark else LIGHT)


def test_text_in_every_tone_reads_on_every_background_of_its_palette(palette: QPalette) -> None:
    colours = style.current()
    for background in BACKGROUNDS:
        ground = palette.color(background)
        for tone in Tone:
            ratio = style.contrast(QColor(colours.text[tone]), ground)
            assert ratio >= TEXT, (colours.name, tone, background.name, round(ratio, 2))
        for text in (Role.WindowText, Role.Text):
            assert style.contrast(palette.color(text), ground) >= TEXT, (text, background)


def test_badges_read_on_their_own_fill_and_chart_parts_stand_out_from_their_track(
        palette: QPalette, qtbot: QtBot) -> None:
    for badge, colours in BADGES.items():
        ratio = style.contrast(QColor(colours.text), QColor(colours.fill))
        assert ratio >= TEXT, (badge, round(ratio, 2))
    view = BalanceView()
    qtbot.addWidget(view)
    drawn = view.chart.colours()
    track = style.over(drawn.track, palette.color(Role.Window))
    for part in Part:
        fill = QColor(drawn.parts[part])
        assert style.contrast(fill, track) >= PARTS, (part, round(style.contrast(fill, track), 2))
        # an optional field's part is drawn lighter
        hatched = part in (Part.EVERYDAY, Part.PERSONAL, Part.SPECIAL)
        for shade in (fill, fill.lighter(125)) if hatched else (fill,):
            ink = style.readable_on(shade)
            assert style.contrast(ink, shade) >= TEXT, (part, shade.name())


def test_text_reads_in_every_tinted_box_on_every_background(palette: QPalette) -> None:
    for background in BACKGROUNDS:
        for tint, colours in TINTS.items():
            box = style.over(style.tint_colour(colours.fill), palette.color(background))
            for text in (Role.WindowText, Role.Text):
                ratio = style.contrast(palette.color(text), box)
                assert ratio >= TEXT, (tint, background.name, text.name, round(ratio, 2))


def test_widgets_built_under_a_palette_take_its_colours(palette: QPalette,
                                                        qtbot: QtBot) -> None:
    view = BalanceView()
    qtbot.addWidget(view)
    expected = style.current().text[Tone.MUTED]
    assert expected in view.styleSheet()
    other = (LIGHT if style.current() is DARK else DARK).text[Tone.MUTED]
    assert other not in view.styleSheet()
    label = QLabel("Refused")
    qtbot.addWidget(label)
    label.setStyleSheet(style.text_css(Tone.ERROR))
    label.ensurePolished()
    shown = label.palette().color(label.foregroundRole())
    assert style.contrast(shown, palette.color(Role.Window)) >= TEXT


def test_paper_and_the_web_report_are_dark_on_light() -> None:
    paper = QColor(style.PAPER)
    for ink in (style.PAPER_TEXT, style.PAPER_MUTED,
                LIGHT.text[Tone.SPECIAL], LIGHT.text[Tone.ERROR]):
        assert style.contrast(QColor(ink), paper) >= TEXT, ink
    for fill in html.VERDICT_FILLS.values():  # white text on the web page's verdict badge
        assert style.contrast(QColor(style.WHITE), QColor(fill)) >= TEXT, fill
    track = QColor("#f0f0f0")  # the web page's bar track
    for bar in (*html.SENSITIVITY_COLOURS.values(), html.OFFER_COLOUR):
        assert style.contrast(QColor(bar), track) >= PARTS, bar


def test_no_screen_keeps_a_colour_of_its_own() -> None:
    """Colours live in ui/style.py, where the tests above check them."""
    found = []
    for path in sorted((PROJECT_ROOT / "ui").rglob("*.py")):
        if path.name in ("style.py", "catalogue_strings.py"):
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if COLOUR_LITERAL.search(line):
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{number}: {line.strip()}")
    assert found == []
