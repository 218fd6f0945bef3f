"""Zero-Party Vault desktop app: python main.py [--vault DIR]."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
