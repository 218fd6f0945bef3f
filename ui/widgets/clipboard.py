"""Copy a secret to the clipboard, marked so clipboard managers leave it alone, and take it back.

The copy carries the markers clipboard managers and the OS look for: on Linux
`x-kde-passwordManagerHint: secret` (Klipper, and the managers that follow it); on
Windows the `ExcludeClipboardContentFromMonitorProcessing`, `CanIncludeInClipboardHistory`
(0) and `CanUploadToCloudClipboard` (0) formats, which keep it out of Win+V history and
the cloud clipboard; on macOS `org.nspasteboard.ConcealedType`, when this Qt lets a type
be named (a QUtiMimeConverter). It is cleared after the delay the person chose
(`CLIPBOARD_CLEAR_SECONDS`), when the vault locks and when the app quits: each time only
if the clipboard still holds what was put there, so something copied since is never lost.
"""

from __future__ import annotations

import struct
import sys
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

KDE_HINT = "x-kde-passwordManagerHint"
MAC_CONCEALED_MIME = "application/x-nspasteboard-concealed-type"
MAC_CONCEALED_UTI = "org.nspasteboard.ConcealedType"
_DWORD_ZERO = struct.pack("<I", 0)
WINDOWS_FORMATS = {
    "ExcludeClipboardContentFromMonitorProcessing": _DWORD_ZERO,
    "CanIncludeInClipboardHistory": _DWORD_ZERO,
    "CanUploadToCloudClipboard": _DWORD_ZERO,
}


def windows_mime(name: str) -> str:
    """How Qt names a Windows clipboard format registered by name."""
    return f'application/x-qt-windows-mime;value="{name}"'


def concealed_mime_data(text: str, platform: str = sys.platform) -> QMimeData:
    """The text, with the markers that ask clipboard managers not to keep it."""
    mime = QMimeData()
    mime.setText(text)
    if platform.startswith("win"):
        for name, value in WINDOWS_FORMATS.items():
            mime.setData(windows_mime(name), QByteArray(value))
    elif platform == "darwin":
        mime.setData(MAC_CONCEALED_MIME, QByteArray(b"1"))
    else:
        mime.setData(KDE_HINT, QByteArray(b"secret"))
    return mime


class SecretClipboard(QObject):
    """The one holder of what the app copied; see the module's description."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._copied: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.aboutToQuit.connect(self.clear)
        self._mac_converter = _mac_concealed_converter()

    @property
    def holds_secret(self) -> bool:
        return self._copied is not None

    def copy(self, text: str, seconds: int) -> None:
        """Put `text` on the clipboard; take it back after `seconds` (0: only at lock or quit)."""
        mime = concealed_mime_data(text)
        QGuiApplication.clipboard().setMimeData(mime, QClipboard.Mode.Clipboard)
        self._copied = text
        self._timer.stop()
        if seconds > 0:
            self._timer.start(seconds * 1000)

    def clear(self) -> None:
        """Empty the clipboard if it still holds the secret copied last; forget it either way."""
        self._timer.stop()
        copied, self._copied = self._copied, None
        if copied is None:
            return
        clipboard = QGuiApplication.clipboard()
        if clipboard.text(QClipboard.Mode.Clipboard) == copied:
            clipboard.clear(QClipboard.Mode.Clipboard)


_instance: SecretClipboard | None = None


def secret_clipboard() -> SecretClipboard:
    """The app's secret clipboard (made on first use, once the application exists)."""
    global _instance
    if _instance is None:
        _instance = SecretClipboard(QGuiApplication.instance())
        _instance.destroyed.connect(_forget)
    return _instance


def _forget() -> None:
    global _instance
    _instance = None


def _mac_concealed_converter() -> Any:
    """On macOS, a converter that names the concealed pasteboard type, if Qt offers one."""
    base = getattr(QtGui, "QUtiMimeConverter", None)
    if sys.platform != "darwin" or base is None:
        return None

    class ConcealedType(base):  # type: ignore[misc, valid-type]
        def canConvert(self, mime: str, uti: str) -> bool:  # noqa: N802
            return mime == MAC_CONCEALED_MIME and uti == MAC_CONCEALED_UTI

        def utiForMime(self, mime: str) -> str:  # noqa: N802
            return MAC_CONCEALED_UTI if mime == MAC_CONCEALED_MIME else ""

        def mimeForUti(self, uti: str) -> str:  # noqa: N802
            return MAC_CONCEALED_MIME if uti == MAC_CONCEALED_UTI else ""

        def convertFromMime(self, mime: str, data: Any, uti: str) -> list[QByteArray]:  # noqa: N802
            return [QByteArray(b"1")]

        def convertToMime(self, mime: str, data: Any, uti: str) -> Any:  # noqa: N802
            return QByteArray(b"1")

    try:
        return ConcealedType()
    except Exception:  # an older binding: the text is still cleared on time, lock and quit
        return None
