"""The bundle's entry point (PyInstaller freezes this file): the wheel's launcher."""

import sys

from ui.launcher import main

sys.exit(main())
