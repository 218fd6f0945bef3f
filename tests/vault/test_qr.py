"""A share token as a QR code: the code carries exactly the token, in one full QR symbol at
level L, and `zpv-brand verify` accepts the text a scanner reads back."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import segno

from brandkit.keys import create_keys
from tests.support.cli import clean_environment
from tests.support.clock import DAY
from tests.support.specs import ORIGIN, fit_ask, request_spec
from tests.support.vaults import PROJECT_ROOT
from vault.errors import TokenTooLongForQr
from vault.exchange import qr
from vault.vault import Vault
from zpd.request import sign_request


@pytest.fixture
def brand_dir(tmp_path: Path) -> Path:
    return tmp_path / "brand-keys"


@pytest.fixture
def token(vault: Vault, brand_dir: Path) -> str:
    """A share token the vault made for a brand whose keys brandkit keeps in `brand_dir`."""
    keys = create_keys(brand_dir)
    now = int(time.time())
    vault.brands.import_request(
        sign_request(request_spec(asks=[fit_ask()]), keys.signing, keys.encryption,
                     iat=now - 60, exp=now + 30 * DAY)
    )
    vault.fields.set("shoe_size_eu", 42)
    vault.fields.set("favourite_colours", ["black", "navy"])
    vault.fields.set("style", ["classic", "sporty"])
    return vault.grants.share(ORIGIN, "fit-advice").token.compact


def modules(version: int) -> int:
    return 17 + 4 * version


def test_the_code_encodes_exactly_the_token_in_byte_mode_at_level_l(token: str) -> None:
    code = qr.token_qr(token)
    assert not code.is_micro
    assert code.mode == "byte"
    assert code.error == "L"
    assert isinstance(code.version, int) and 1 <= code.version <= 40
    assert code.designator == f"{code.version}-L"
    assert code.symbol_size(border=0) == (modules(code.version),) * 2
    # The same symbol segno makes from the token itself, and not from any other text.
    same = segno.make(token, error="L", micro=False, mode="byte", boost_error=False)
    assert code.matrix == same.matrix
    for other in (token + "\n", token[:-1], token.replace(".", "-", 1)):
        assert segno.make(other, error="L", micro=False, boost_error=False).matrix != code.matrix
    # The smallest version that holds the token's bytes: nothing was added or cut.
    if code.version > 1:
        with pytest.raises(segno.DataOverflowError):
            segno.make(token, error="L", version=code.version - 1, mode="byte")


def test_the_longest_token_that_fits_and_one_byte_more(token: str) -> None:
    assert qr.token_qr("a" * qr.MAX_QR_BYTES).designator == "40-L"
    with pytest.raises(TokenTooLongForQr) as caught:
        qr.token_qr("a" * (qr.MAX_QR_BYTES + 1))
    assert (caught.value.length, caught.value.limit) == (qr.MAX_QR_BYTES + 1, qr.MAX_QR_BYTES)
    with pytest.raises(TokenTooLongForQr):
        qr.token_qr_svg("a" * 5000)
    assert len(token) < qr.MAX_QR_BYTES  # a share token of a usual ask fits


def test_svg_is_a_standalone_document_of_the_right_size(token: str) -> None:
    svg = qr.token_qr_svg(token)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    side = (modules(qr.token_qr(token).version) + 2 * qr.BORDER) * qr.SCALE
    assert (root.get("width"), root.get("height")) == (str(side), str(side))
    assert "<script" not in svg


def test_png_is_written_privately(token: str, tmp_path: Path) -> None:
    path = tmp_path / "token.png"
    qr.token_qr_png(token, path)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    side = (modules(qr.token_qr(token).version) + 2 * qr.BORDER) * qr.SCALE
    assert (width, height) == (side, side)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def brand_verify(
    brand_dir: Path, argument: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brandkit", "verify", "--keys", str(brand_dir),
         "--origin", ORIGIN, argument],
        capture_output=True, text=True, input=stdin, timeout=60, cwd=PROJECT_ROOT,
        env=clean_environment(),
    )


@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
def test_zpv_brand_verify_accepts_the_scanned_text(
    token: str, brand_dir: Path, tmp_path: Path, ending: str
) -> None:
    scanned = token + ending  # what a scanner types or saves: the encoded text, maybe a newline
    path = tmp_path / "scanned.txt"
    path.write_bytes(scanned.encode("ascii"))
    from_file = brand_verify(brand_dir, str(path))
    assert from_file.returncode == 0, from_file.stderr
    summary = json.loads(from_file.stdout)
    assert summary["kind"] == "share_token"
    assert summary["data"] == {
        "shoe_size_eu": 42, "favourite_colours": ["black", "navy"], "style": ["classic", "sporty"]
    }
    from_stdin = brand_verify(brand_dir, "-", stdin=scanned)
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert json.loads(from_stdin.stdout)["jti"] == summary["jti"]


def test_zpv_brand_verify_refuses_a_misread_token(token: str, brand_dir: Path) -> None:
    middle = len(token) // 2
    misread = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1:]
    result = brand_verify(brand_dir, "-", stdin=misread + "\n")
    assert result.returncode == 1
    assert result.stderr.startswith("zpv-brand: share token rejected")
