"""The `rangemap` command's entry point: small, so that Ctrl-C and SIGTERM are one line from the
first moment, even while the rest of the program is still loading."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

__all__ = ["Terminated", "main", "terminate"]

#: The exit code of a run stopped by Ctrl-C.
INTERRUPTED = 130


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
    """Load the command line and run it. A signal that arrives while the program loads is kept
    until it has loaded (a library may swallow an exception raised inside its import), then
    ends the run in one line; during the run, the command line handles it."""
    caught: list[int] = []
    loading = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    for signum in loading:
        signal.signal(signum, lambda received, frame: caught.append(received))
    from rangemap.cli import main as run

    signal.signal(signal.SIGINT, signal.default_int_handler)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, terminate)
    if caught:
        return _stopped(caught[0])
    try:
        code = run(argv)
    except KeyboardInterrupt:
        return _stopped(signal.SIGINT)
    except Terminated as received:
        return _stopped(received.signum)
    if code == INTERRUPTED:
        _exit_now(code)
    return code


def _stopped(signum: int) -> int:
    """Say the run was stopped, and leave: 130 for Ctrl-C, 128 + n for SIGTERM or SIGHUP."""
    if signum == signal.SIGINT:
        print("rangemap: interrupted", file=sys.stderr)
        _exit_now(INTERRUPTED)
    print("rangemap: terminated", file=sys.stderr)
    return 128 + signum


def _exit_now(code: int) -> NoReturn:
    """Leave with `code` at once. CPython takes a Ctrl-C that landed in code run by exec() (the
    dataclasses and named tuples made while modules load) for unhandled even once it is handled,
    and would end the process by the signal instead (exit -2, not 130)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)
