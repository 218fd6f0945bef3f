"""A process around ui.links.single_instance for the tests: the first launch prints `first`, then
`activated TOKENS` and `link URL` for each later launch; a later launch forwards its link
and exits 0, or prints why it could not and exits 1.

    python -m tests.ui.instance_host RUNTIME_DIR [LINK]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ui.links.single_instance import (
    ForwardFailed,
    NoPrivatePlace,
    RunningApp,
    claim_or_forward,
    user_place,
)


def main(argv: list[str]) -> int:
    link = argv[1] if len(argv) > 1 else None
    try:
        place = user_place(Path(argv[0]))
        lock = claim_or_forward(place, link)
    except (ForwardFailed, NoPrivatePlace) as error:
        print(f"refused {error}", flush=True)
        return 1
    if lock is None:
        return 0
    app = QCoreApplication(sys.argv[:1])
    running = RunningApp(place, lock)
    running.activated.connect(lambda tokens: print(f"activated {json.dumps(tokens)}",
                                                   flush=True))
    running.link_received.connect(lambda url: print(f"link {url}", flush=True))
    print(f"first {link or ''}".rstrip(), flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
