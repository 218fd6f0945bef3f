"""The check before Qt starts (ui/qt_platform.py), on real libraries: which sonames a
library misses, and the Debian packages named for them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from ui.qt_platform import debian_package, missing_libraries, problem_line, uses_xcb, xcb_plugin

from .requirements import need_tool

TOOLCHAIN = ("libc.so", "libm.so", "libgcc_s.so", "libstdc++.so", "ld-linux")


def shared_library(folder: Path, name: str, soname: str, *, needs: list[Path]) -> Path:
    """Compile a small shared library named `soname` that links each of `needs`, found
    beside it (RUNPATH $ORIGIN, as Qt's plugins find Qt's libraries)."""
    source = folder / f"{name}.c"
    source.write_text(f"int {name.replace('-', '_')}(void) {{ return 1; }}\n")
    output = folder / soname
    links = [f"-l:{library.name}" for library in needs]
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(output), str(source),
                    f"-Wl,-soname,{soname}", "-Wl,--no-as-needed", "-Wl,-rpath,$ORIGIN",
                    f"-L{folder}", *links],
                   check=True, capture_output=True)
    return output


def test_every_missing_library_is_named_not_only_the_first(tmp_path: Path) -> None:
    need_tool("gcc", "gcc")
    gone = [shared_library(tmp_path, "gone", "libzpv-gone.so.3", needs=[]),
            shared_library(tmp_path, "also", "libzpvalso2.so.0", needs=[])]
    plugin = shared_library(tmp_path, "plugin", "libplugin.so", needs=gone)
    found = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True)
    assert "not found" not in found.stdout, "both are found while they exist"
    for library in gone:
        library.unlink()
    assert missing_libraries(plugin) == ["libzpv-gone.so.3", "libzpvalso2.so.0"]
    line = problem_line(missing_libraries(plugin))
    assert "\n" not in line
    assert line.endswith("sudo apt-get install libzpv-gone3 libzpvalso2-0")


def test_a_library_missing_deeper_down_is_named_too(tmp_path: Path) -> None:
    """Qt's xcb plugin misses libxcb-cursor through libQt6XcbQpa, not itself."""
    need_tool("gcc", "gcc")
    deep = shared_library(tmp_path, "deep", "libzpvdeep.so.1", needs=[])
    middle = shared_library(tmp_path, "middle", "libzpvmiddle.so.1", needs=[deep])
    plugin = shared_library(tmp_path, "plugin", "libplugin.so", needs=[middle])
    deep.unlink()
    assert missing_libraries(plugin) == ["libzpvdeep.so.1"]


@pytest.mark.slow
def test_debian_names_match_the_packages_that_hold_qts_libraries() -> None:
    """The naming rule, checked against dpkg for every system library that Qt's xcb plugin
    and the Qt libraries under it name (the ones a minimal system may lack): the line names
    packages that exist, under the right names."""
    need_tool("dpkg", "dpkg")
    need_tool("readelf", "binutils")
    plugin = xcb_plugin({})
    assert plugin is not None
    qt_lib = plugin.parent.parent.parent / "lib"
    named: set[str] = set()
    for library in (plugin, *(qt_lib / f"libQt6{name}.so.6" for name in
                              ("XcbQpa", "Gui", "Core", "DBus"))):
        dynamic = subprocess.run(["readelf", "-d", str(library)], capture_output=True,
                                 text=True, check=True).stdout
        named |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[(\S+)\]", dynamic))
    where = dict(re.findall(r"^\s*(\S+) => (/\S+)", subprocess.run(
        ["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout, re.MULTILINE))
    checked = 0
    for soname in sorted(named):
        if soname.startswith(TOOLCHAIN):
            continue
        path = Path(where[soname])
        if path.resolve().is_relative_to(qt_lib.resolve()):
            continue  # Qt's own (and its ICU), shipped with PySide6
        owner = subprocess.run(["dpkg", "-S", str(path), str(path.resolve())],
                               capture_output=True, text=True, check=False)
        assert owner.stdout, f"no package holds {path}"
        assert debian_package(soname) == owner.stdout.split(":", 1)[0], soname
        checked += 1
    assert checked >= 15, named


@pytest.mark.parametrize(("environ", "expected"), [
    ({"DISPLAY": ":0"}, True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, True),
    ({"QT_QPA_PLATFORM": "xcb:nograb"}, True),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, False),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "x11"}, True),
    ({}, False),
])
def test_the_check_runs_only_where_qt_would_load_its_xcb_plugin(
        environ: dict[str, str], expected: bool) -> None:
    assert uses_xcb(environ) is expected
