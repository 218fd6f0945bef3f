"""The app's colours, named by what they say, for a light and a dark palette; its spacing
steps and its type scale.

Every colour a screen sets itself (an error in red, a verdict's badge, a sensitivity, the
balance chart) comes from here, never from a number in the screen's own module
(tests/ui/test_contrast.py holds both: each colour against the palette it is shown on, and
no colour literal elsewhere in ui/). Text meets WCAG's 4.5:1 against the window, the
editors' base and the alternate rows of its palette; a badge's text 4.5:1 against its fill;
a chart's parts 3:1 against the track they are drawn on.

Which set applies is read off the application's palette when a widget asks (a dark window
means the dark set), so a system in dark mode, or a high-contrast palette, gets colours
made for it. `follow_system` gives the app a dark palette when the system asks
for one and the platform gave none.

Margins, spacings and paddings are steps of `Space`, corner radii of `Radius`, and text
sizes steps of `TextSize` times the application's font (so a larger system text size scales
everything); tests/ui/test_spacing.py refuses a literal size anywhere else in ui/.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


class Tone(StrEnum):
    """What a coloured text says."""

    ERROR = "error"  # something failed or was refused
    WARNING = "warning"  # take care
    SUCCESS = "success"  # done, strong, verified
    SPECIAL = "special"  # special-category data
    PERSONAL = "personal"  # personal data
    MUTED = "muted"  # secondary text


class Badge(StrEnum):
    """A filled label: a verdict, or the audit chain's result."""

    FAIR = "fair"
    ASKS_A_LOT = "asks_a_lot"
    GREEDY = "greedy"
    CHAIN_INTACT = "chain_intact"
    CHAIN_BROKEN = "chain_broken"
    SPECIAL_FIELD = "special_field"  # a field's sensitivity, in My data
    PERSONAL_FIELD = "personal_field"


class Part(StrEnum):
    """A segment of the balance chart."""

    EVERYDAY = "everyday"
    PERSONAL = "personal"
    SPECIAL = "special"
    OFFER = "offer"
    OPTIONAL = "optional"  # an optional field's swatch in the legend


@dataclass(frozen=True)
class BadgeColours:
    text: str
    fill: str
    border: str


@dataclass(frozen=True)
class ColourSet:
    name: str
    text: dict[Tone, str]
    parts: dict[Part, str]


WHITE = "#ffffff"
NEAR_BLACK = "#1d1d1f"
# Paper: the printed report is always dark on white, whatever the screen's palette.
PAPER = WHITE
PAPER_TEXT = NEAR_BLACK
PAPER_MUTED = "#555555"
PAPER_TRACK = "#ececec"

LIGHT = ColourSet(
    name="light",
    text={Tone.ERROR: "#b3261e", Tone.WARNING: "#8a5300", Tone.SUCCESS: "#1b6e35",
          Tone.SPECIAL: "#b3261e", Tone.PERSONAL: "#31659c", Tone.MUTED: "#5f5f5f"},
    parts={Part.EVERYDAY: "#2e7d4f", Part.PERSONAL: "#9a6700", Part.SPECIAL: "#b3261e",
           Part.OFFER: "#2767a8", Part.OPTIONAL: "#6e6e6e"},
)
DARK = ColourSet(
    name="dark",
    text={Tone.ERROR: "#ffb4ab", Tone.WARNING: "#f6c26b", Tone.SUCCESS: "#81c995",
          Tone.SPECIAL: "#ffb4ab", Tone.PERSONAL: "#9cc3ff", Tone.MUTED: "#bdbdbd"},
    parts={Part.EVERYDAY: "#81c995", Part.PERSONAL: "#f6c26b", Part.SPECIAL: "#ffb4ab",
           Part.OFFER: "#9cc3ff", Part.OPTIONAL: "#b0b0b0"},
)
# A badge carries its own fill, so one set serves both palettes (and paper).
BADGES = {
    Badge.FAIR: BadgeColours(WHITE, "#1e7a3c", "#1e7a3c"),
    Badge.ASKS_A_LOT: BadgeColours(WHITE, "#8a5300", "#8a5300"),
    Badge.GREEDY: BadgeColours(WHITE, "#b3261e", "#b3261e"),
    Badge.CHAIN_INTACT: BadgeColours("#1b5e20", "#e8f5e9", "#a5d6a7"),
    Badge.CHAIN_BROKEN: BadgeColours("#8c1d18", "#fdecea", "#f1aeb5"),
    Badge.SPECIAL_FIELD: BadgeColours(WHITE, "#b3261e", "#b3261e"),
    # The balance chart's amber for personal data, darker for white text on it.
    Badge.PERSONAL_FIELD: BadgeColours(WHITE, "#8a5300", "#8a5300"),
}
# Translucent boxes over the window, so that one set serves the light and the dark palette:
# a verdict or a warning in the review, and a special-category field's card.
class Tint(StrEnum):
    OK = "ok"
    WARN = "warn"
    DANGER = "danger"
    SPECIAL = "special"


@dataclass(frozen=True)
class TintColours:
    fill: tuple[int, int, int, float]  # red, green, blue, alpha 0..1
    border: tuple[int, int, int, float]


TINTS = {
    Tint.OK: TintColours((46, 160, 67, 0.14), (46, 160, 67, 0.6)),
    Tint.WARN: TintColours((230, 150, 0, 0.16), (200, 130, 0, 0.7)),
    Tint.DANGER: TintColours((210, 50, 40, 0.12), (200, 60, 50, 0.6)),
    Tint.SPECIAL: TintColours((210, 50, 40, 0.14), (200, 60, 50, 0.7)),
}
HATCH_RGBA = (255, 255, 255, 110)  # the stripes over an optional field's part of the chart
# Fusion's dark palette, as Qt's own examples set it, with text a little softer than white.
DARK_PALETTE = {
    QPalette.ColorRole.Window: "#353535", QPalette.ColorRole.WindowText: "#f0f0f0",
    QPalette.ColorRole.Base: "#2a2a2a", QPalette.ColorRole.AlternateBase: "#424242",
    QPalette.ColorRole.ToolTipBase: "#2a2a2a", QPalette.ColorRole.ToolTipText: "#f0f0f0",
    QPalette.ColorRole.Text: "#f0f0f0", QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#f0f0f0", QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Link: "#9cc3ff", QPalette.ColorRole.LinkVisited: "#c9a7ff",
    QPalette.ColorRole.Highlight: "#3d6fb4", QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#a8a8a8", QPalette.ColorRole.Mid: "#4a4a4a",
    QPalette.ColorRole.Midlight: "#505050", QPalette.ColorRole.Dark: "#232323",
    QPalette.ColorRole.Shadow: "#141414", QPalette.ColorRole.Light: "#5a5a5a",
}
DISABLED_DARK = {QPalette.ColorRole.WindowText: "#8a8a8a", QPalette.ColorRole.Text: "#8a8a8a",
                 QPalette.ColorRole.ButtonText: "#8a8a8a"}


class Space:
    """Spacing steps, in pixels: between and around widgets, and inside boxes."""

    HAIR = 2  # the lines of one block: a form's rows, a legend's
    XS = 4
    S = 8  # the usual gap between widgets
    M = 12
    L = 16  # around a dialog's content, between columns
    XL = 24
    XXL = 48  # around a page's content when it has room


class Radius:
    """Corner radii, in pixels."""

    S = 4
    M = 6
    L = 8
    PILL = 9  # a one-line chip: half its height


HAIRLINE = 1  # a border's width
CONTENT_WIDTH = 1200  # the widest a page's content grows, at the usual text size
DIALOG_MARGINS = (Space.XL, Space.L, Space.XL, Space.L)  # left, top, right, bottom


class TextSize:
    """The type scale: factors of the application's font size."""

    SMALL = 0.88  # a chart's legend, secondary lines
    BODY = 1.0
    LEAD = 1.1  # a line that leads its section: a purpose, an offer, a question, the sidebar
    SECTION = 1.15  # a section's heading in a dialog
    TITLE = 1.3  # a brand's name on its page, a dialog's heading
    PAGE = 1.5  # a page's heading: the welcome screens, the review's brand


def sized(font: QFont, factor: float) -> QFont:
    """A copy of `font` at `factor` (a step of TextSize) times its size."""
    result = QFont(font)
    if font.pointSizeF() > 0:
        result.setPointSizeF(font.pointSizeF() * factor)
    else:
        result.setPixelSize(max(1, round(font.pixelSize() * factor)))
    return result


# Paper: the printed report's headings and small print, in points; its body text, its
# charts' and its page footers' in document pixels (96 to the inch, scaled with the page).
PAPER_POINTS = {"h1": 20, "h2": 16, "h3": 12, "small": 8}
PAPER_PIXELS = {"body": 13, "chart": 12, "footer": 10}  # 13 px: about 10 points


def current() -> ColourSet:
    """The set for the palette the app shows now: dark on a dark window."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightnessF() < 0.5 else LIGHT


def colour(tone: Tone) -> QColor:
    return QColor(current().text[tone])


def text_css(tone: Tone, *, bold: bool = False) -> str:
    """A style sheet's declarations for text in `tone`."""
    return f"color: {current().text[tone]};" + (" font-weight: bold;" if bold else "")


def badge_css(badge: Badge) -> str:
    colours = BADGES[badge]
    return (f"color: {colours.text}; background: {colours.fill}; "
            f"border: 1px solid {colours.border};")


def _rgba(channels: tuple[int, int, int, float]) -> str:
    red, green, blue, alpha = channels
    return f"rgba({red}, {green}, {blue}, {alpha})"


def tint_css(tint: Tint, *, fill: bool = True) -> str:
    """A style sheet's background and border for a tinted box (only the border without
    `fill`)."""
    colours = TINTS[tint]
    border = f"border: {HAIRLINE}px solid {_rgba(colours.border)};"
    return f"background: {_rgba(colours.fill)}; {border}" if fill else border


def tint_colour(channels: tuple[int, int, int, float]) -> QColor:
    red, green, blue, alpha = channels
    return QColor(red, green, blue, round(alpha * 255))


def part_colour(part: Part, colours: ColourSet | None = None) -> str:
    return (colours or current()).parts[part]


def readable_on(fill: QColor) -> QColor:
    """The text colour (near black or white) that reads best on `fill`."""
    return QColor(NEAR_BLACK if contrast(fill, QColor(NEAR_BLACK)) >= contrast(
        fill, QColor(WHITE)) else WHITE)


def contrast(first: QColor, second: QColor) -> float:
    """WCAG 2's contrast ratio of two colours, 1 to 21; a translucent `first` is taken as
    it shows over `second`."""
    lighter, darker = sorted((luminance(over(first, second)), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def over(colour: QColor, background: QColor) -> QColor:
    """`colour` as it shows painted over the opaque `background`."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(*(alpha * mine + (1 - alpha) * theirs for mine, theirs in (
        (colour.redF(), background.redF()), (colour.greenF(), background.greenF()),
        (colour.blueF(), background.blueF()))))


def luminance(colour: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, value in DARK_PALETTE.items():
        palette.setColor(role, QColor(value))
    for role, value in DISABLED_DARK.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(value))
    return palette


def follow_system(app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
    """A dark palette when the system is in dark mode (`scheme`: what the system says,
    by default) and the platform gave a light one (Fusion on a desktop without a platform
    theme); the platform's own palette otherwise, high-contrast ones included."""
    if (scheme or app.styleHints().colorScheme()) is not Qt.ColorScheme.Dark:
        return
    if current() is DARK:
        return  # the platform's own dark palette
    app.setPalette(dark_palette())
