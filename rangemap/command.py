"""The `rangemap` command's entry point: small, so that Ctrl-C is one line from the first moment,
even while the rest of the program is still loading."""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Load the command line and run it; an interrupt while loading exits 130 in one line."""
    try:
        from rangemap.cli import main as run
    except KeyboardInterrupt:
        print("rangemap: interrupted", file=sys.stderr)
        return 130
    return run(argv)
