"""One spacing and type scale: margins, spacings, paddings, radii and text sizes are steps of
ui/style.py (`Space`, `Radius`, `TextSize`), never a number in a screen's own module (0 and a
1 px border are not sizes of the scale)."""

from __future__ import annotations

import re

from PySide6.QtGui import QFont

from tests.support.vaults import PROJECT_ROOT
from ui import style
from ui.style import Radius, Space, TextSize

# A layout's margin or spacing given as a number other than 0.
LAYOUT_NUMBER = re.compile(
    r"\b(setContentsMargins|setSpacing|setHorizontalSpacing|setVerticalSpacing|addSpacing"
    r"|setMargin)\((?=[^)]*\b[1-9])")
# A font sized by hand, or a factor of the type scale written as a number.
FONT_NUMBER = re.compile(r"\bset(PointSize|PointSizeF|PixelSize)\(\s*\d|\bpointSizeF\(\)\s*\*"
                         r"|\b(scaled|sized)\(.*,\s*\d")
# In a style sheet: a size in pixels past a hairline, or any font size.
SHEET_NUMBER = re.compile(r"(?<![\w{])([2-9]|\d{2,})px\b|font-size:\s*\d|\b\d+pt\b")
CHECKS = (LAYOUT_NUMBER, FONT_NUMBER, SHEET_NUMBER)


def literal_sizes(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()
            if any(check.search(line) for check in CHECKS)]


def test_the_check_finds_literal_sizes_and_lets_the_scale_through() -> None:
    refused = """
        layout.setContentsMargins(22, 18, 22, 18)
        row.addSpacing(12)
        grid.setVerticalSpacing(Space.S + 2)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setPixelSize(13)
        scaled(label, 1.15, bold=True)
        SHEET = "QLabel { padding: 6px 8px; }"
        h1 { font-size: 20pt; }
    """
    allowed = """
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setContentsMargins(Space.L, Space.M, Space.L, Space.M)
        layout.setSpacing(Space.S)
        scaled(label, TextSize.SECTION, bold=True)
        f"QLabel {{ border: 1px solid palette(mid); padding: {Space.S}px; }}"
    """
    assert len(literal_sizes(refused)) == len(refused.strip().splitlines())
    assert literal_sizes(allowed) == []


def test_no_screen_keeps_a_size_of_its_own() -> None:
    found = []
    for path in sorted((PROJECT_ROOT / "ui").rglob("*.py")):
        if path.name == "style.py":
            continue
        for line in literal_sizes(path.read_text()):
            found.append(f"{path.relative_to(PROJECT_ROOT)}: {line}")
    assert found == []


def test_the_scales_rise_step_by_step() -> None:
    spaces = [Space.HAIR, Space.XS, Space.S, Space.M, Space.L, Space.XL, Space.XXL]
    assert spaces == sorted(set(spaces))
    assert [Radius.S, Radius.M, Radius.L, Radius.PILL] == sorted({Radius.S, Radius.M,
                                                                  Radius.L, Radius.PILL})
    sizes = [TextSize.SMALL, TextSize.BODY, TextSize.LEAD, TextSize.SECTION, TextSize.TITLE,
             TextSize.PAGE]
    assert sizes == sorted(set(sizes)) and TextSize.BODY == 1.0


def test_text_sizes_follow_the_application_font() -> None:
    """A larger system text size makes every step larger, in points or in pixels."""
    for base in (9.0, 18.0):
        font = QFont("Sans", 1)
        font.setPointSizeF(base)
        assert style.sized(font, TextSize.TITLE).pointSizeF() == base * TextSize.TITLE
    pixels = QFont("Sans")
    pixels.setPixelSize(20)
    assert style.sized(pixels, TextSize.PAGE).pixelSize() == 30
    assert style.sized(pixels, TextSize.SMALL).pixelSize() == round(20 * TextSize.SMALL)
