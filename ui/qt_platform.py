"""Before Qt starts on Linux: can it load its X11 platform plugin (xcb)?

Qt's xcb plugin links libraries that a minimal system lacks (libxcb-cursor0,
libxcb-icccm4, libxcb-keysyms1 and their kin). When one is missing, Qt aborts with a
generic "could not load the Qt platform plugin" message that names no package. This
module loads the plugin first, the way Qt will: if that works, Qt's own load later is
free; if not, it names the missing libraries and the Debian packages that hold them, in
one line, and the app stops before Qt aborts.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

PLUGIN = Path("platforms") / "libqxcb.so"
MISSING = re.compile(r"^\s*(\S+) => not found", re.MULTILINE)
SONAME = re.compile(r"^(lib[\w.+-]+?)\.so\.(\d+)")
# Debian names a library package after its soname (policy section 8.1); these do not.
DEBIAN_EXCEPTIONS = {
    "libz.so.1": "zlib1g",
    "libGLdispatch.so.0": "libglvnd0",
    **{f"lib{name}-2.0.so.0": "libglib2.0-0"
       for name in ("glib", "gobject", "gio", "gmodule", "gthread")},
}


def uses_xcb(environ: Mapping[str, str]) -> bool:
    """Whether Qt will pick its xcb plugin: asked for by name, or by default in an X11
    session (in a Wayland session Qt tries its Wayland plugin first)."""
    asked = environ.get("QT_QPA_PLATFORM", "")
    if asked:
        return asked.split(":")[0].split(";")[0] == "xcb"
    wayland = environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland"
    return bool(environ.get("DISPLAY")) and not wayland


def xcb_plugin(environ: Mapping[str, str]) -> Path | None:
    """The xcb plugin Qt will load: from QT_QPA_PLATFORM_PLUGIN_PATH when set, else from
    PySide6's own plugins (found without importing PySide6); None if there is none."""
    candidates = []
    if environ.get("QT_QPA_PLATFORM_PLUGIN_PATH"):
        candidates.append(Path(environ["QT_QPA_PLATFORM_PLUGIN_PATH"]) / PLUGIN.name)
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            candidates.append(Path(location) / "Qt" / "plugins" / PLUGIN)
    return next((path for path in candidates if path.is_file()), None)


def missing_libraries(library: Path) -> list[str]:
    """The sonames that `library` needs, directly or through its own libraries, and the
    system cannot find; empty when it loads (or fails for another reason, which Qt will
    then report itself)."""
    try:
        ctypes.CDLL(str(library))
        return []
    except OSError as error:
        # The loader names only the first library it misses; ldd lists them all.
        named = re.match(r"(\S+): cannot open shared object file", str(error))
        first = [named.group(1)] if named else []
    ldd = shutil.which("ldd")
    if ldd is None:
        return first
    listing = subprocess.run([ldd, str(library)], capture_output=True, text=True, check=False)
    return list(dict.fromkeys(MISSING.findall(listing.stdout))) or first


def debian_package(soname: str) -> str:
    """The Debian package named for a shared library (policy section 8.1): libfoo.so.1 is in
    libfoo1, and libfoo2.so.1 (a name ending in a digit) in libfoo2-1."""
    if soname in DEBIAN_EXCEPTIONS:
        return DEBIAN_EXCEPTIONS[soname]
    match = SONAME.match(soname)
    if match is None:
        return soname
    name, version = match.group(1).lower(), match.group(2)
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def problem_line(missing: Iterable[str]) -> str:
    libraries = list(missing)
    packages = list(dict.fromkeys(debian_package(soname) for soname in libraries))
    return (
        "Zero-Party Vault cannot open its window: Qt's X11 platform plugin (xcb) needs "
        f"{', '.join(libraries)}, which this system lacks. On Debian or Ubuntu, install "
        f"them with: sudo apt-get install {' '.join(packages)}"
    )


def xcb_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """One line naming what to install when Qt's xcb plugin cannot load; None when it can,
    or when Qt will not use it."""
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or not uses_xcb(environ):
        return None
    plugin = xcb_plugin(environ)
    if plugin is None:
        return None  # no plugin of ours to check: Qt says what it finds
    missing = missing_libraries(plugin)
    return problem_line(missing) if missing else None
