"""Brand keys on disk: private files 0600 written atomically, the public JWKS, typed load errors."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from jwcrypto import jwk as cjwk

from brandkit import fsutil
from brandkit.errors import KeysDamaged, KeysExist, KeysMissing
from brandkit.keys import (
    ENCRYPTION_FILE,
    JWKS_FILE,
    SIGNING_FILE,
    BrandKeys,
    create_keys,
    load_keys,
)
from zpd import jose
from zpd.errors import ProtocolError


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, BrandKeys]:
    directory = tmp_path / "keys"
    return directory, create_keys(directory)


def test_private_files_are_0600_and_the_directory_0700(made: tuple[Path, BrandKeys]) -> None:
    directory, _ = made
    assert mode(directory / SIGNING_FILE) == 0o600
    assert mode(directory / ENCRYPTION_FILE) == 0o600
    assert mode(directory / JWKS_FILE) == 0o644
    assert mode(directory) == 0o700
    assert sorted(p.name for p in directory.iterdir()) == sorted(
        [SIGNING_FILE, ENCRYPTION_FILE, JWKS_FILE]
    ), "no temporary file is left behind"


def test_private_files_stay_0600_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        create_keys(tmp_path / "keys")
    finally:
        os.umask(previous)
    assert mode(tmp_path / "keys" / SIGNING_FILE) == 0o600
    assert mode(tmp_path / "keys" / ENCRYPTION_FILE) == 0o600


def test_public_jwks_holds_both_public_keys_with_thumbprint_kids(
    made: tuple[Path, BrandKeys],
) -> None:
    directory, keys = made
    jwks = json.loads((directory / JWKS_FILE).read_text())
    assert jwks == keys.public_jwks()
    signing, encryption = jwks["keys"]
    assert (signing["crv"], signing["use"]) == ("Ed25519", "sig")
    assert (encryption["crv"], encryption["use"]) == ("X25519", "enc")
    for entry in jwks["keys"]:
        assert "d" not in entry
        assert entry["kty"] == "OKP"
        # RFC 7638 thumbprint, computed by an independent library
        assert entry["kid"] == cjwk.JWK(**entry).thumbprint()


def test_private_files_hold_the_private_keys(made: tuple[Path, BrandKeys]) -> None:
    directory, keys = made
    signing = json.loads((directory / SIGNING_FILE).read_text())
    assert signing["kid"] == keys.signing_kid
    assert signing["use"] == "sig"
    private = cjwk.JWK(**signing)
    assert private.has_private
    assert private.thumbprint() == keys.signing_kid


def test_load_returns_the_same_keys(made: tuple[Path, BrandKeys]) -> None:
    directory, keys = made
    loaded = load_keys(directory)
    assert loaded.public_jwks() == keys.public_jwks()
    signed = jose.sign({"typ": "x"}, {"a": 1}, loaded.signing)
    assert jose.verify(signed, keys.signing, "x", ProtocolError)[1] == {"a": 1}


def test_keygen_refuses_to_overwrite(made: tuple[Path, BrandKeys]) -> None:
    directory, keys = made
    before = {p.name: p.read_bytes() for p in directory.iterdir()}
    with pytest.raises(KeysExist) as caught:
        create_keys(directory)
    assert caught.value.present == [SIGNING_FILE, ENCRYPTION_FILE, JWKS_FILE]
    assert {p.name: p.read_bytes() for p in directory.iterdir()} == before
    assert load_keys(directory).public_jwks() == keys.public_jwks()


def test_keygen_refuses_even_if_only_the_public_file_exists(tmp_path: Path) -> None:
    (tmp_path / JWKS_FILE).write_text("{}")
    with pytest.raises(KeysExist):
        create_keys(tmp_path)
    assert not (tmp_path / SIGNING_FILE).exists()


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(KeysMissing) as caught:
        load_keys(tmp_path / "nowhere")
    assert caught.value.missing == [SIGNING_FILE, ENCRYPTION_FILE]
    assert "nowhere" in str(caught.value)


def test_missing_file_is_named(made: tuple[Path, BrandKeys]) -> None:
    directory, _ = made
    (directory / ENCRYPTION_FILE).unlink()
    with pytest.raises(KeysMissing) as caught:
        load_keys(directory)
    assert caught.value.missing == [ENCRYPTION_FILE]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", "is not JSON"),
        (b"\xff\xfe", "is not JSON"),
        (b"[1, 2]", "is not a JWK"),
        (b"x" * 70000, "too large"),
    ],
)
def test_garbled_file(made: tuple[Path, BrandKeys], content: bytes, problem: str) -> None:
    directory, _ = made
    (directory / SIGNING_FILE).write_bytes(content)
    with pytest.raises(KeysDamaged) as caught:
        load_keys(directory)
    assert caught.value.path == directory / SIGNING_FILE
    assert problem in caught.value.problem


def test_swapped_files_are_damaged(made: tuple[Path, BrandKeys]) -> None:
    directory, _ = made
    signing = (directory / SIGNING_FILE).read_bytes()
    (directory / SIGNING_FILE).write_bytes((directory / ENCRYPTION_FILE).read_bytes())
    (directory / ENCRYPTION_FILE).write_bytes(signing)
    with pytest.raises(KeysDamaged) as caught:
        load_keys(directory)
    assert "use 'enc'" in caught.value.problem


def test_public_key_alone_is_damaged(made: tuple[Path, BrandKeys]) -> None:
    directory, keys = made
    (directory / SIGNING_FILE).write_text(json.dumps(keys.public_jwks()["keys"][0]))
    with pytest.raises(KeysDamaged) as caught:
        load_keys(directory)
    assert "not a private Ed25519 key" in caught.value.problem


def test_kid_that_is_not_the_thumbprint_is_damaged(made: tuple[Path, BrandKeys]) -> None:
    directory, _ = made
    jwk = json.loads((directory / SIGNING_FILE).read_text())
    jwk["kid"] = "someone-else"
    (directory / SIGNING_FILE).write_text(json.dumps(jwk))
    with pytest.raises(KeysDamaged) as caught:
        load_keys(directory)
    assert "thumbprint" in caught.value.problem


def test_keys_made_by_jwcrypto_load(tmp_path: Path) -> None:
    signing = cjwk.JWK.generate(kty="OKP", crv="Ed25519")
    encryption = cjwk.JWK.generate(kty="OKP", crv="X25519")
    (tmp_path / SIGNING_FILE).write_text(signing.export_private())
    (tmp_path / ENCRYPTION_FILE).write_text(encryption.export_private())
    loaded = load_keys(tmp_path)
    assert loaded.signing_kid == signing.thumbprint()
    assert loaded.encryption_kid == encryption.thumbprint()


def test_a_failed_keygen_leaves_no_half_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "keys"
    real_write_new = fsutil.write_new

    def racing(path: Path, data: bytes, mode: int = fsutil.PRIVATE_FILE) -> None:
        if path.name == JWKS_FILE:  # another keygen got there after the check
            path.write_text("{}")
        real_write_new(path, data, mode)

    monkeypatch.setattr(fsutil, "write_new", racing)
    with pytest.raises(KeysExist) as caught:
        create_keys(directory)
    assert caught.value.present == [JWKS_FILE]
    assert sorted(p.name for p in directory.iterdir()) == [JWKS_FILE]
    assert (directory / JWKS_FILE).read_text() == "{}"
