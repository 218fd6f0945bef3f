"""The bundle's ICU data, cut to the app's languages by tools/trim_icu.py, answers exactly
as Qt's full data does for what the app can meet: sorting and upper-casing English and
Greek, time zone names in both, the single-byte character sets. Checked by loading Qt
with the trimmed library in front of the full one, against the full one in the same run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tools import trim_icu

from .requirements import need_tool

PROBE = r"""
import json
from PySide6.QtCore import QCollator, QDateTime, QLocale, QStringDecoder, QTimeZone
words = ["ωμέγα", "Άλφα", "αλφα", "βήτα", "σίγμας", "Ζήτα", "zebra", "Äpfel", "apple",
         "éclair", "Zoo", "Ελλάδα", "ελαιόλαδο"]
answers = {}
for name in ("el_GR", "en_GB", "en_US"):
    collator = QCollator(QLocale(name))
    answers["sorted " + name] = sorted(words, key=collator.sortKey)
answers["upper"] = QLocale("el_GR").toUpper("καλημέρα, ελαιόλαδο")
zone = QTimeZone(b"Europe/Athens")
moment = QDateTime.fromSecsSinceEpoch(1_780_000_000)
for name in ("el_GR", "en_GB"):
    answers["zone " + name] = zone.displayName(moment, QTimeZone.NameType.LongName, QLocale(name))
for charset in ("ISO-8859-1", "ISO-8859-7", "windows-1252", "windows-1253", "Shift_JIS"):
    answers["decodes " + charset] = QStringDecoder(charset).isValid()
print(json.dumps(answers, ensure_ascii=False))
"""


def full_data_library() -> Path:
    import PySide6

    found = list((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 carries no ICU of its own (not Linux)")
    return found[0]


def answers(library_folder: Path | None) -> tuple[dict[str, Any], str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if library_folder is not None:  # ahead of the wheel's RUNPATH, as the bundle's own copy
        env["LD_LIBRARY_PATH"] = str(library_folder)
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            env=env, timeout=120, check=True)
    return json.loads(result.stdout), result.stderr


def test_the_trimmed_data_answers_as_the_full_data_for_the_apps_languages(tmp_path: Path) -> None:
    need_tool("icupkg", "icu-devtools")
    need_tool("as", "binutils")
    full = full_data_library()
    shutil.copy2(full, tmp_path / full.name)

    result = trim_icu.trim(tmp_path / full.name, trim_icu.app_languages())

    assert result.after < 8_000_000 and result.after < result.before / 4, result
    assert result.dropped > 1000
    expected, _ = answers(None)
    trimmed, errors = answers(tmp_path)
    assert "Could not create collator" not in errors
    assert trimmed.pop("decodes Shift_JIS") is False  # multi-byte tables are what is dropped
    assert expected.pop("decodes Shift_JIS") is True
    assert trimmed == expected
    # Greek collation sorts Greek script first and English Latin first: the per-language
    # collation data is really there, not the root order both would fall back to
    assert expected["sorted el_GR"][0].lower().startswith("α")
    assert expected["sorted en_GB"][0] == "Äpfel"
    assert all(expected[f"decodes {name}"] for name in ("ISO-8859-7", "windows-1253"))


def test_what_is_dropped_is_other_languages_dictionaries_and_multi_byte_tables() -> None:
    sizes = {
        "root.res": 100_000, "pool.res": 150_000, "el.res": 40_000, "en_GB.res": 5_000,
        "supplementalData.res": 240_000, "zoneinfo64.res": 150_000, "unames.icu": 290_000,
        "coll/ucadata.icu": 570_000, "coll/root.res": 300_000, "coll/el.res": 2_000,
        "coll/zh.res": 900_000, "de.res": 30_000, "zh_Hant_TW.res": 3_000,
        "curr/fr_CA.res": 4_000, "curr/el.res": 30_000, "brkitr/cjdict.dict": 2_000_000,
        "brkitr/word.brk": 20_000, "translit/root.res": 400_000, "ibm-813_P100-1995.cnv": 2_000,
        "ibm-1390_P110-2003.cnv": 230_000,
    }

    dropped = trim_icu.items_to_drop(sizes, {"en", "el"})

    assert dropped == {"coll/zh.res", "de.res", "zh_Hant_TW.res", "curr/fr_CA.res",
                       "brkitr/cjdict.dict", "translit/root.res", "ibm-1390_P110-2003.cnv"}


def test_a_library_without_icu_data_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    need_tool("nm", "binutils")
    import PySide6

    other = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libQt6Svg.so.*"))
    impostor = tmp_path / "libicudata.so.73"
    shutil.copy2(other, impostor)
    before = impostor.read_bytes()

    with pytest.raises(trim_icu.TrimError, match="exports no icudtNN_dat"):
        trim_icu.trim(impostor, {"en"})
    assert impostor.read_bytes() == before


def test_the_languages_kept_are_english_and_each_translation() -> None:
    assert trim_icu.app_languages() == {"en", "el"}
