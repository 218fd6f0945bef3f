"""Files the app ships beside its code: the icon (icons/) and the translations
(translations/: the .ts sources, and the .qm catalogues built from them by `make
translations` in a checkout and by the wheel's build). Found through importlib.resources,
so the same lookup works from a checkout, an installed wheel and a frozen bundle.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path

APP_ICON = ("icons", "zero-party-vault.svg")

_extracted = ExitStack()  # files copied out of an archive, should this package be zipped
atexit.register(_extracted.close)


def path(*parts: str) -> Path:
    """A file of this package on disk (Qt loads files by name). It may not exist: callers
    that can do without it (a translation not built yet) check."""
    return _extracted.enter_context(as_file(files(__name__).joinpath(*parts)))
