"""Run every benchmark, then print one verdict line per target."""

from __future__ import annotations

import platform
import sys

from . import bench_brand_tokens, bench_unlock


def main() -> int:
    print(
        f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
        f"Python {platform.python_version()}"
    )
    verdicts = [bench_unlock.run(), bench_brand_tokens.run()]
    print()
    for verdict in verdicts:
        print(verdict.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
