"""`python -m rangemap`: the same as the `rangemap` command."""

from rangemap.main import main

main()
