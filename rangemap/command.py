"""The `rangemap` command's entry point: small, so that Ctrl-C and SIGTERM are one line from the
first moment, even while the rest of the program is still loading."""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

__all__ = ["Terminated", "main", "terminate"]


class Terminated(BaseException):
    """SIGTERM or SIGHUP, raised where the program is so that temporary files are removed (or put
    back) on the way out; it exits 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def terminate(signum: int, frame: object) -> NoReturn:
    """The signal handler: raise Terminated."""
    raise Terminated(signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Load the command line and run it; an interrupt while loading (or between the command
    line's own handling) is one line too."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, terminate)
    try:
        from rangemap.cli import main as run

        return run(argv)
    except KeyboardInterrupt:
        print("rangemap: interrupted", file=sys.stderr)
        return 130
    except Terminated as received:
        print("rangemap: terminated", file=sys.stderr)
        return 128 + received.signum
