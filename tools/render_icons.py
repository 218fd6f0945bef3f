"""Render the app icon (resources/icons/zero-party-vault.svg) as PNG files of the sizes
desktops look for, plus Windows' .ico and macOS' .icns, with Qt's own SVG renderer:

    python -m tools.render_icons OUT_DIR

OUT_DIR/zero-party-vault-SIZE.png for each of SIZES, OUT_DIR/zero-party-vault.ico and
OUT_DIR/zero-party-vault.icns. Build output (make package), never committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

import resources  # noqa: E402

NAME = "zero-party-vault"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZE = 256  # Windows scales it down for smaller uses
ICNS_SIZE = 512


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def render_all(out: Path) -> list[Path]:
    renderer = QSvgRenderer(str(resources.path(*resources.APP_ICON)))
    if not renderer.isValid():
        raise RuntimeError("the app icon is not a valid SVG")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        written.append(out / f"{NAME}-{size}.png")
        if not render(renderer, size).save(str(written[-1]), "PNG"):
            raise RuntimeError(f"could not write {written[-1]}")
    for suffix, size in (("ico", ICO_SIZE), ("icns", ICNS_SIZE)):
        written.append(out / f"{NAME}.{suffix}")
        if not render(renderer, size).save(str(written[-1]), suffix.upper()):
            raise RuntimeError(f"could not write {written[-1]} (Qt's {suffix} image plugin)")
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in render_all(Path(argv[0])):
        print(path)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
