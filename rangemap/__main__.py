"""`python -m rangemap`: the same as the `rangemap` command."""

import sys

from rangemap.command import main

sys.exit(main())
