"""`python -m rangemap`: the same as the `rangemap` command."""

from rangemap.command import main

main()
