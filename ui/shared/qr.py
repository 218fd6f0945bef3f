"""A grant's latest share token as a QR code, for a handover in a shop.

The token is read and encoded (segno, through vault/qr.py) on the thread pool;
the SVG is drawn here with QSvgRenderer, on whole pixels per module so a phone
can scan it off the screen.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QSizePolicy, QVBoxLayout, QWidget

from vault.errors import TokenTooLongForQr
from vault.exchange import qr
from vault.exchange.grants import Grant

from .. import style
from ..session import Session
from ..style import Space, TextSize, Tone
from ..widgets.wrap import WrapLabel, scaled
from ..words import fields
from ..words.errors import error_text
from ..words.text import brand_text

PIXELS_PER_MODULE = 4  # preferred; never fewer than MIN_PIXELS_PER_MODULE
MIN_PIXELS_PER_MODULE = 3
TITLE_BAR_LINES = 2  # a window's title bar, about two lines of text high


class QrImage(QWidget):
    """Paints an SVG QR code on white, each module a whole number of pixels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrImage")
        self.renderer: QSvgRenderer | None = None
        self.modules = 0  # across, quiet zone included
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_svg(self, svg: str) -> None:
        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")), self)
        self.renderer = renderer if renderer.isValid() else None
        self.modules = renderer.defaultSize().width() // qr.SCALE if self.renderer else 0
        self.updateGeometry()
        self.update()

    @property
    def is_empty(self) -> bool:
        return self.renderer is None or self.modules == 0

    def sizeHint(self) -> QSize:  # noqa: N802
        side = self.modules * PIXELS_PER_MODULE
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        side = self.modules * MIN_PIXELS_PER_MODULE
        return QSize(side, side)

    def module_pixels(self) -> int:
        if self.is_empty:
            return 0
        return max(1, math.floor(min(self.width(), self.height()) / self.modules))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self.renderer is None or self.is_empty:
            return
        side = self.module_pixels() * self.modules
        box = QRectF((self.width() - side) // 2, (self.height() - side) // 2, side, side)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        # The quiet zone must be light, in dark themes too.
        painter.fillRect(box, QColor(style.PAPER))
        self.renderer.render(painter, box)
        painter.end()


class QrDialog(QDialog):
    def __init__(self, session: Session, grant: Grant, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrDialog")
        self.grant_id = grant.id
        brand = brand_text(grant.brand_name)
        self.setWindowTitle(self.tr("Your signed share with {0} as a QR code").format(brand))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*style.DIALOG_MARGINS)
        layout.setSpacing(Space.S)
        heading = WrapLabel(self.tr("{brand}: {fields}, version {version}").format(
            brand=brand, fields=fields.field_list(grant.fields), version=grant.version),
            "qrHeading")
        layout.addWidget(scaled(heading, TextSize.SECTION, bold=True))
        self.status = WrapLabel(self.tr("Making the code…"), "qrStatus")
        layout.addWidget(self.status)
        self.image = QrImage()
        self.image.setAccessibleName(self.tr("QR code of your signed share"))
        self.image.setToolTip(self.tr("The share token: signed by you, encrypted to the brand "
                                      "(a JWE), exactly as delivered."))
        self.image.hide()
        layout.addWidget(self.image, 1)
        self.note = WrapLabel(self.tr(
            "For a handover in a shop: the brand scans it and verifies it with zpv-brand "
            "verify. It carries exactly the signed share sent to {brand}, which only the "
            "brand's key can read."
        ).format(brand=brand), "qrNote")
        self.note.setStyleSheet(style.text_css(Tone.MUTED))
        layout.addWidget(self.note)
        self.error = WrapLabel(name="qrError")
        self.error.setStyleSheet(style.text_css(Tone.ERROR, bold=True))
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("qrCloseButton")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.loaded = False
        session.closed.connect(self.reject)  # locked: the token is not shown any more
        grant_id = grant.id
        session.call(lambda vault: qr.token_qr_svg(vault.grants.latest_token(grant_id)),
                     self.show_code, failed=self.show_error, owner=self)

    def show_code(self, svg: str) -> None:
        self.image.set_svg(svg)
        self.status.hide()
        self.image.show()
        self.image.setAccessibleDescription(self.tr(
            "A QR code of {modules} by {modules} modules.").format(modules=self.image.modules))
        self.loaded = True
        self._grow()

    def _grow(self) -> None:
        """Large enough for PIXELS_PER_MODULE if the screen allows (adjustSize would stop at
        two thirds of the screen, too small for a dense code), else as large as the screen's
        free area holds with the window's frame around it: the code then shrinks, down to
        MIN_PIXELS_PER_MODULE."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        hint = self.sizeHint()
        room = self.room()
        self.resize(min(max(self.width(), hint.width()), room.width()),
                    min(max(self.height(), hint.height()), room.height()))
        self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        """Grown where it was centred, it may reach past the screen's edge: move it back."""
        screen = self.screen()
        if screen is None or not self.isVisible():
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry()
        x = max(free.left(), min(frame.left(), free.right() + 1 - frame.width()))
        y = max(free.top(), min(frame.top(), free.bottom() + 1 - frame.height()))
        if (x, y) != (frame.left(), frame.top()):
            self.move(x, y)

    def room(self) -> QSize:
        """The screen's free area (without panels and docks) less the window's frame."""
        screen = self.screen()
        if screen is None:
            return self.sizeHint()
        frame = self.frameGeometry().size() - self.geometry().size()
        if frame.height() <= 0:  # no frame drawn yet, or none at all: allow a title bar
            frame = QSize(0, TITLE_BAR_LINES * self.fontMetrics().height())
        return screen.availableGeometry().size() - frame

    def show_error(self, error: BaseException) -> None:
        self.status.hide()
        self.note.hide()
        if isinstance(error, TokenTooLongForQr):
            text = self.tr(
                "This share is too long for a QR code: {length} bytes, and one code "
                "holds at most {limit}. The brand gets it over the network as usual; share "
                "fewer fields for a code you can hand over."
            ).format(length=error.length, limit=error.limit)
        else:
            text = error_text(error)
        self.error.setText(text)
        self.error.show()
        self.loaded = True
