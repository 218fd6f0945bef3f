"""Trim the ICU data that Qt's Linux wheel ships to what the app can use.

    python -m tools.trim_icu BUNDLE_DIR    # replace the bundle's libicudata.so.N in place

Qt's wheel carries ICU with every language's locale data, collation and dictionaries:
libicudata alone is 31 MB, a quarter of the installed package. The app speaks English and
the languages it has a translation for (resources/translations/zpv_*.ts), so the data kept
is: everything that is not tied to one language (time zones, normalisation, properties,
likely subtags, the root locale and the shared pools), the locale, collation and other
per-language bundles of those languages, and the single-byte character converters. Dropped:
other languages' bundles (Qt then falls back to the root locale, as ICU does for any locale
it lacks), the break-iteration dictionaries of Chinese, Japanese, Thai, Lao, Burmese and
Khmer, transliteration, and the multi-byte converters (Shift_JIS, GB18030, EUC, Big5 and
the like), which nothing in the app decodes with: Python reads every mail and file itself.

The data is the one exported symbol of libicudata, `icudtNN_dat`, an ICU common-data
package. It is cut out of the library (its file offset read with binutils), `icupkg`
(Debian's icu-devtools) removes the items, refusing to leave one that depends on a removed
one (those are removed too), and binutils' `as` and `ld` wrap the new package in a library
with the same soname and symbol.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
DATA_LIBRARY = re.compile(r"^libicudata\.so\.(\d+)$")
LOCALE_BUNDLE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")  # el, en_GB, zh_Hant_TW
DROPPED_FOLDERS = ("translit",)
DICTIONARY_SUFFIX = ".dict"
CONVERTER_SUFFIX = ".cnv"
SINGLE_BYTE_LIMIT = 64 * 1024  # every single-byte table is a few KiB; multi-byte ones are 100+
DEPENDENT = re.compile(r"^Item (\S+) depends on missing item \S+$", re.MULTILINE)
SYMBOL = re.compile(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt\d+_dat)$", re.MULTILINE)
SECTION = re.compile(r"^\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)",
                     re.MULTILINE)


class TrimError(RuntimeError):
    pass


@dataclass(frozen=True)
class Trimmed:
    before: int  # bytes of the library
    after: int
    dropped: int  # items


def app_languages() -> set[str]:
    """English, the source language, and each language the app is translated into."""
    return {"en"} | {path.stem.removeprefix("zpv_") for path in TRANSLATIONS.glob("zpv_*.ts")}


def data_library(bundle: Path) -> Path | None:
    found = [path for path in bundle.rglob("libicudata.so.*")  # not PyInstaller's symlinks
             if DATA_LIBRARY.match(path.name) and not path.is_symlink()]
    if len(found) > 1:
        raise TrimError(f"more than one ICU data library: {sorted(map(str, found))}")
    return found[0] if found else None


def read_package(library: Path) -> tuple[str, bytes]:
    """The exported data symbol's name and bytes, read at its file offset."""
    symbols = run("nm", "-D", "--defined-only", "-S", str(library))
    match = SYMBOL.search(symbols)
    if match is None:
        raise TrimError(f"{library.name} exports no icudtNN_dat symbol")
    address, size, name = int(match[1], 16), int(match[2], 16), match[3]
    for section in SECTION.finditer(run("readelf", "-SW", str(library))):
        start, offset, length = (int(section[i], 16) for i in (2, 3, 4))
        if start <= address and address + size <= start + length:
            with library.open("rb") as file:
                file.seek(offset + address - start)
                return name, file.read(size)
    raise TrimError(f"{name} lies in no section of {library.name}")


def items_to_drop(sizes: dict[str, int], languages: set[str]) -> set[str]:
    """The package's items (name -> bytes) that the app cannot use."""
    dropped = set()
    for item, size in sizes.items():
        folder, _, base = item.rpartition("/")
        stem, dot, suffix = base.rpartition(".")
        suffix = dot + suffix
        if folder in DROPPED_FOLDERS or suffix == DICTIONARY_SUFFIX:
            dropped.add(item)
        elif suffix == CONVERTER_SUFFIX and size > SINGLE_BYTE_LIMIT:
            dropped.add(item)
        elif suffix == ".res" and LOCALE_BUNDLE.match(stem) and stem.split("_")[0] not in languages:
            dropped.add(item)
    return dropped


def trimmed_package(package: bytes, package_name: str, languages: set[str], work: Path) -> bytes:
    """The package without the items the app cannot use, nor those that depend on them."""
    source = work / "in" / f"{package_name}.dat"  # icupkg names the items after the file
    source.parent.mkdir()
    source.write_bytes(package)
    extracted = work / "items"
    extracted.mkdir()
    run("icupkg", "-x", "*", "-d", str(extracted), str(source))
    sizes = {str(path.relative_to(extracted)): path.stat().st_size
             for path in extracted.rglob("*") if path.is_file()}
    dropped = items_to_drop(sizes, languages)
    target = work / "out" / f"{package_name}.dat"
    target.parent.mkdir()
    for _ in range(10):  # an extension converter depends on its base table: drop both
        listing = work / "drop.txt"
        listing.write_text("".join(f"{item}\n" for item in sorted(dropped)))
        result = subprocess.run(["icupkg", "-r", str(listing), str(source), str(target)],
                                capture_output=True, text=True, check=False)
        dependents = set(DEPENDENT.findall(result.stdout + result.stderr)) - dropped
        if result.returncode == 0 and not dependents and target.exists():
            return target.read_bytes()
        if not dependents:
            raise TrimError(f"icupkg failed: {(result.stdout + result.stderr)[-2000:]}")
        dropped |= dependents
        target.unlink(missing_ok=True)
    raise TrimError("icupkg kept finding items that depend on removed ones")


def data_library_bytes(package: bytes, symbol: str, soname: str, work: Path) -> bytes:
    """A shared library exporting `symbol` as `package`, as ICU's own data library does."""
    (work / "package.dat").write_bytes(package)
    (work / "package.s").write_text(
        "    .section .rodata\n"
        f"    .globl {symbol}\n"
        f"    .type {symbol}, @object\n"
        "    .balign 16\n"
        f"{symbol}:\n"
        '    .incbin "package.dat"\n'
        f"    .size {symbol}, . - {symbol}\n"
        '    .section .note.GNU-stack,"",@progbits\n')
    run("as", "--64", "-o", "package.o", "package.s", cwd=work)
    run("ld", "-shared", "-soname", soname, "-o", soname, "package.o", cwd=work)
    return (work / soname).read_bytes()


def trim(library: Path, languages: set[str]) -> Trimmed:
    """Replace `library` (libicudata.so.N) with one holding only what the app can use."""
    match = DATA_LIBRARY.match(library.name)
    if match is None:
        raise TrimError(f"{library.name} is not an ICU data library")
    symbol, package = read_package(library)
    before = library.stat().st_size
    with tempfile.TemporaryDirectory(prefix="icu-") as temporary:
        work = Path(temporary)
        package_name = f"icudt{match[1]}l"  # l: little-endian, the only order we build for
        smaller = trimmed_package(package, package_name, languages, work)
        before_items = count_items(package_name, package, work)
        dropped = before_items - count_items(package_name, smaller, work)
        new = data_library_bytes(smaller, symbol, library.name, work)
    staged = library.with_name(library.name + ".trimmed")
    staged.write_bytes(new)
    staged.chmod(library.stat().st_mode)
    staged.replace(library)
    return Trimmed(before=before, after=len(new), dropped=dropped)


def count_items(package_name: str, package: bytes, work: Path) -> int:
    counted = work / "count" / f"{package_name}.dat"
    counted.parent.mkdir(exist_ok=True)
    counted.write_bytes(package)
    return len(run("icupkg", "-l", str(counted)).split())


def run(*command: str, cwd: Path | None = None) -> str:
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False)
    if result.returncode != 0:
        raise TrimError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")
    return result.stdout


def main(arguments: list[str]) -> int:
    if len(arguments) != 1:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    library = data_library(Path(arguments[0]))
    if library is None:
        print("no ICU data library in the bundle: nothing to trim")
        return 0
    result = trim(library, app_languages())
    print(f"ICU data: {result.before / 1e6:.1f} MB -> {result.after / 1e6:.1f} MB "
          f"({result.dropped} items dropped)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
