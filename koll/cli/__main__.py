"""`python -m koll.cli ...` runs the `koll` command (tests and cron lines without the console script)."""

import sys

from koll.cli import main

sys.exit(main())
