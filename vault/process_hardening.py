"""Keep this process's memory (keys, secrets, personal data) out of core dumps.

Called first thing by both entry points (`main.py`/`ui.app.main` and `zpv`): a core
limit of zero, so a crash writes no core file; and, on Linux, PR_SET_DUMPABLE 0: the
kernel then treats the process like a set-user-ID one (no core, even to a crash reporter
that core_pattern pipes to, unless the administrator allows those with fs.suid_dumpable),
and other processes of the same user can no longer attach a debugger or read
/proc/<pid>/mem. Best effort: a platform without these calls (Windows) is left as it is.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def disable_core_dumps() -> None:
    try:
        import resource
    except ImportError:  # not on this platform
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
