"""Entry point for ``python -m timeline``."""

import sys

from timeline.cli.main import main

sys.exit(main())
