"""A share token as a QR code, for a handover in a shop: the brand scans it and gets
exactly the token text (`zpv-brand verify` accepts what a scanner reads).

A token is a compact JWE: base64url and dots, encoded in byte mode. It is long,
so the code is a full QR code (never a Micro QR) at error correction level L,
the lowest, which leaves the most room: at version 40 that is MAX_QR_BYTES.
A longer token raises TokenTooLongForQr rather than being cut.
"""

from __future__ import annotations

import io
from pathlib import Path

import segno

from ..errors import TokenTooLongForQr
from ..storage.fsutil import atomic_write

ERROR_CORRECTION = "L"
MAX_QR_BYTES = 2953  # byte mode, version 40, level L (ISO/IEC 18004 table 7)
SCALE = 4  # pixels (or SVG units) per module
BORDER = 4  # the quiet zone, in modules, as the standard asks


def token_qr(text: str) -> segno.QRCode:
    """The QR code of `text`, exactly as given (no trimming, no re-encoding)."""
    data = text.encode("utf-8")
    if len(data) > MAX_QR_BYTES:
        raise TokenTooLongForQr(len(data), MAX_QR_BYTES)
    try:
        return segno.make(
            text, error=ERROR_CORRECTION, micro=False, mode="byte", boost_error=False
        )
    except segno.DataOverflowError:
        raise TokenTooLongForQr(len(data), MAX_QR_BYTES) from None


def token_qr_svg(text: str) -> str:
    """A standalone SVG document of the token's QR code."""
    out = io.BytesIO()
    token_qr(text).save(out, kind="svg", scale=SCALE, border=BORDER)
    return out.getvalue().decode("utf-8")


def token_qr_png(text: str, path: Path) -> None:
    """Write the token's QR code as a PNG to `path` (mode 0600, atomically)."""
    out = io.BytesIO()
    token_qr(text).save(out, kind="png", scale=SCALE, border=BORDER)
    atomic_write(Path(path), out.getvalue())
