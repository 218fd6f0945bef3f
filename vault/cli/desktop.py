"""`zpv desktop install|uninstall`: this installation as the person's handler of `zpd:`
links on Linux, without root.

`install` writes a menu entry to the person's applications folder ($XDG_DATA_HOME/
applications, by default ~/.local/share/applications) under the same name as the
package's own entry, so the app and its windows are matched to it, pointing at this
installation's launcher, then makes it the default for `x-scheme-handler/zpd` with
`xdg-mime default` (which writes the person's mimeapps.list). `uninstall` removes that
entry (only one `install` wrote: it carries a mark) and that default. A system-wide
package registers itself (its postinst); Windows and macOS installers register the scheme
(docs/packaging.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import terminal
from .terminal import EXIT_ERROR, EXIT_OK

Command = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]

DESKTOP_ID = "zero-party-vault.desktop"  # the package's entry, and the app's desktopFileName
SCHEME_TYPE = "x-scheme-handler/zpd"
LAUNCHER = "zero-party-vault"
MARK = "X-Zero-Party-Vault-Installed-By=zpv desktop install"
TOOL_TIMEOUT = 30


class DesktopError(Exception):
    """Registration is not possible here, or a tool it needs failed; nothing was left
    half done."""


@dataclass(frozen=True)
class Registration:
    entry: Path
    launcher: str


def applications_dir(environ: dict[str, str] | None = None) -> Path:
    environ = dict(os.environ) if environ is None else environ
    data_home = environ.get("XDG_DATA_HOME", "")
    base = Path(data_home) if data_home and os.path.isabs(data_home) else (
        Path.home() / ".local" / "share")
    return base / "applications"


def launcher_path() -> str:
    """This installation's app launcher: the bundle itself, the script beside this Python
    (a venv's or the wheel's), else the one on PATH."""
    if getattr(sys, "frozen", False):
        return sys.executable
    beside = Path(sys.executable).parent / LAUNCHER
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside.absolute())
    found = shutil.which(LAUNCHER)
    if found is None:
        raise DesktopError(f"no {LAUNCHER} launcher in this installation (pip install it)")
    return found


def exec_quoted(argument: str) -> str:
    """An Exec key's argument, quoted as the Desktop Entry Specification says."""
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    if not any(ch in reserved for ch in argument):
        return argument
    escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument)
    return f'"{escaped}"'


def entry_text(launcher: str, icon: str) -> str:
    # A literal % in the path would be read as a field code: doubled, as the spec says.
    exec_line = f"{exec_quoted(launcher).replace('%', '%%')} %u"
    return "\n".join((
        "[Desktop Entry]",
        "Type=Application",
        "Name=Zero-Party Vault",
        "GenericName=Preference Vault",
        "Comment=Keep the preferences you give brands encrypted on this computer, and share "
        "them on your terms",
        f"Exec={exec_line}",
        f"Icon={icon}",
        "Terminal=false",
        "Categories=Utility;Security;",
        f"MimeType={SCHEME_TYPE};",
        "StartupNotify=true",
        MARK,
        "",
    ))


def icon_path() -> str:
    import resources

    return str(resources.path(*resources.APP_ICON))


def _run(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        raise DesktopError(f"{tool} is not installed (Debian: apt-get install "
                           f"{'xdg-utils' if tool.startswith('xdg') else 'desktop-file-utils'})")
    try:
        done = subprocess.run([tool, *args], capture_output=True, text=True,
                              timeout=TOOL_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DesktopError(f"{tool} failed: {error}") from None
    if done.returncode != 0:
        said = [line for line in (done.stderr + done.stdout).splitlines() if "error" in line]
        said = said or (done.stderr + done.stdout).strip().splitlines()
        raise DesktopError(f"{tool} failed: {said[0] if said else f'exit {done.returncode}'}")
    return done.stdout


def install() -> Registration:
    if not sys.platform.startswith("linux"):
        raise DesktopError("only on Linux: on Windows and macOS the installer registers zpd:")
    launcher = launcher_path()
    folder = applications_dir()
    entry = folder / DESKTOP_ID
    if entry.exists() and MARK not in entry.read_text(encoding="utf-8", errors="replace"):
        raise DesktopError(f"{entry} exists and was not written by zpv: left as it is")
    text = entry_text(launcher, icon_path())
    with tempfile.TemporaryDirectory(prefix="zpv-desktop-") as scratch:
        candidate = Path(scratch) / DESKTOP_ID  # the validator wants the real file name
        candidate.write_text(text, encoding="utf-8")
        _run("desktop-file-validate", str(candidate))
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{DESKTOP_ID}.new"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, entry)
    try:
        _run("xdg-mime", "default", DESKTOP_ID, SCHEME_TYPE)
    except DesktopError:
        entry.unlink(missing_ok=True)
        raise
    if shutil.which("update-desktop-database") is not None:
        _run("update-desktop-database", str(folder))
    return Registration(entry, launcher)


def uninstall() -> Path | None:
    """Remove what `install` wrote; the entry removed, or None when there was none."""
    entry = applications_dir() / DESKTOP_ID
    removed = None
    if entry.exists():
        if MARK not in entry.read_text(encoding="utf-8", errors="replace"):
            raise DesktopError(f"{entry} was not written by zpv: left as it is")
        entry.unlink()
        removed = entry
        if shutil.which("update-desktop-database") is not None:
            _run("update-desktop-database", str(entry.parent))
    forget_default()
    return removed


def mimeapps_list(environ: dict[str, str] | None = None) -> Path:
    environ = dict(os.environ) if environ is None else environ
    config_home = environ.get("XDG_CONFIG_HOME", "")
    base = Path(config_home) if config_home and os.path.isabs(config_home) else (
        Path.home() / ".config")
    return base / "mimeapps.list"


def forget_default() -> None:
    """Take our entry out of the person's default for zpd: (xdg-mime has no command for it);
    every other line of mimeapps.list stays as it is."""
    path = mimeapps_list()
    if not path.exists():
        return
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    section = ""
    kept = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped
        elif section in ("[Default Applications]", "[Added Associations]"):
            key, _, value = stripped.partition("=")
            if key.strip() == SCHEME_TYPE:
                others = [v for v in value.split(";") if v.strip() and v.strip() != DESKTOP_ID]
                if others:
                    line = f"{SCHEME_TYPE}={';'.join(others)};\n"
                else:
                    continue
        kept.append(line)
    if kept != lines:
        temporary = path.with_name(f".{path.name}.new")
        temporary.write_text("".join(kept), encoding="utf-8")
        os.replace(temporary, path)


# -- the command -------------------------------------------------------------------------


def add_commands(command: Command) -> None:
    p = command("desktop", cmd_desktop,
                "make this app open zpd: links from your browser (Linux), or stop it")
    p.add_argument("action", choices=["install", "uninstall"])


def cmd_desktop(args: argparse.Namespace) -> int:
    try:
        return _install(args.json) if args.action == "install" else _uninstall(args.json)
    except (DesktopError, OSError) as error:
        print(f"zpv: {error}", file=sys.stderr)
        return EXIT_ERROR


def _install(as_json: bool) -> int:
    done = install()
    if as_json:
        terminal.print_json({"entry": str(done.entry), "launcher": done.launcher,
                             "handler": DESKTOP_ID})
    else:
        print(f"zpd: links now open Zero-Party Vault ({done.launcher}); menu entry: "
              f"{done.entry}. Undo with 'zpv desktop uninstall'.")
    return EXIT_OK


def _uninstall(as_json: bool) -> int:
    removed = uninstall()
    if as_json:
        terminal.print_json({"entry": None if removed is None else str(removed)})
    else:
        print(f"Removed {removed}." if removed else "No menu entry of zpv to remove.",
              "zpd: links no longer open this installation.")
    return EXIT_OK
