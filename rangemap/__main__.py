"""`python -m rangemap`: the same as the `rangemap` command."""

from rangemap.main import main

if __name__ == "__main__":  # not when the explorer's worker processes start (spawn)
    main()
