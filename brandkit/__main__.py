"""`python -m brandkit` is `zpv-brand`."""

import sys

from .cli import main

sys.exit(main())
