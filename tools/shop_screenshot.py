"""The sample shop page in Debian's headless Chromium, for the README:
python -m tools.shop_screenshot [OUT_DIR] writes OUT_DIR/en/shop-page.png.

A real `zpv-brand serve --sample-shop` (the shoe shop of the tests) on 127.0.0.1, the
browser and its driver as the browser tests use them (tests/browser/chromium.py:
nothing downloaded). Skipped, with the reason, where they are missing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.browser.chromium import chromium, skip_reason
from tests.browser.shop_brand import shop_brand


def main(out: Path) -> int:
    reason = skip_reason()
    if reason is not None:
        print(f"shop page not rendered: {reason}", file=sys.stderr)
        return 0
    target = out / "en" / "shop-page.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, shop_brand(Path(tmp)) as brand, \
            chromium(width=1000, height=960) as browser:
        browser.get(brand.shop)  # type: ignore[attr-defined]
        if not browser.save_screenshot(str(target)):  # type: ignore[attr-defined]
            raise OSError(f"could not write {target}")
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")))
