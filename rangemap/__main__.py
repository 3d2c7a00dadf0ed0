"""`python -m rangemap`: the same as the `rangemap` command."""

import sys

from rangemap.cli import main

sys.exit(main())
