"""Allow ``python -m ichseg``."""

import sys

from ichseg.cli import main

sys.exit(main())
