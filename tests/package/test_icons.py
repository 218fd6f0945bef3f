"""The app icon: rendered from its SVG at every size desktops ask for, still a shield with a
keyhole at 16 pixels, and the window icon of the running app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from tools.render_icons import SIZES, render_all
from ui.app import app_icon

SHIELD = QColor("#2477a0")  # the lit half; the other half is #17506b


def colours(image: QImage) -> dict[str, int]:
    """How many opaque pixels are white (the keyhole), blue (the shield), and how many are
    transparent (around the shield)."""
    counts = {"white": 0, "blue": 0, "clear": 0}
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() < 40:
                counts["clear"] += 1
            elif pixel.alpha() > 200 and min(pixel.red(), pixel.green(), pixel.blue()) > 220:
                counts["white"] += 1
            elif pixel.alpha() > 200 and pixel.blue() > pixel.red() + 60:
                counts["blue"] += 1
    return counts


def test_every_size_is_rendered_as_a_shield_with_a_keyhole(qtbot: QtBot, tmp_path: Path) -> None:
    written = render_all(tmp_path)
    assert {p.name for p in written} >= {f"zero-party-vault-{s}.png" for s in SIZES} | {
        "zero-party-vault.ico", "zero-party-vault.icns"}
    for size in SIZES:
        image = QImage(str(tmp_path / f"zero-party-vault-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        seen = colours(image)
        area = size * size
        assert seen["blue"] > area * 0.35, (size, seen)  # the shield fills most of it
        assert seen["white"] > area * 0.04, (size, seen)  # the keyhole shows, even at 16 px
        assert seen["clear"] > area * 0.08, (size, seen)  # and the shield's outline too
    for suffix in ("ico", "icns"):
        assert not QImage(str(tmp_path / f"zero-party-vault.{suffix}")).isNull()


def test_the_window_icon_is_the_app_icon(qtbot: QtBot) -> None:
    icon = app_icon()
    assert not icon.isNull()
    image = icon.pixmap(32, 32).toImage()
    assert (image.width(), image.height()) == (32, 32)
    assert colours(image)["white"] > 0 and colours(image)["blue"] > 32 * 32 * 0.35
