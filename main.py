"""Zero-Party Vault desktop app: python main.py [--vault DIR] [--open-url LINK]."""

import sys

from vault.process_hardening import disable_core_dumps

disable_core_dumps()  # before anything holds a secret

from ui.app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
