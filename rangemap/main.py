"""The `rangemap` command's entry point: small, so that Ctrl-C and SIGTERM are one line from the
first moment, even while the rest of the program is still loading.

It owns the signals and the end of the run: the standard streams are set up (rangemap.terminal)
and the command line is loaded and run (rangemap.commands); a signal stops the run in one line
that says what was written, and the run leaves with its exit code (rangemap.terminal lists them).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType
from typing import NoReturn

from formats.files import HELD_SIGNALS
from rangemap.terminal import (
    error_line,
    escape_unencodable,
    keep_standard_descriptors,
    plain_warnings,
    stopped_code,
    written,
)

__all__ = ["STOP_SIGNALS", "Terminated", "main"]

#: The signals that stop a run in one line (an inherited "ignore" is kept: nohup, `&`): those
#: held back while files are put in place.
STOP_SIGNALS = HELD_SIGNALS

#: Set by the first stopping signal: those that follow while the run stops are ignored.
_stopping = False


class Terminated(BaseException):
    """SIGTERM or SIGHUP, raised where the program is so that temporary files are removed (or put
    back) on the way out; it exits 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Load the command line, run it and leave with its exit code. A signal that arrives while
    the program loads is kept until it has loaded (a library may swallow an exception raised
    inside its import); at any later moment, up to the last, it stops the run in one line."""
    handled = [signum for signum in STOP_SIGNALS if signal.getsignal(signum) != signal.SIG_IGN]
    caught: list[int] = []
    for signum in handled:
        signal.signal(signum, lambda received, frame: caught.append(received))
    keep_standard_descriptors()
    escape_unencodable()
    plain_warnings()
    from rangemap.commands import run

    try:
        for signum in handled:
            signal.signal(signum, _stop)
        if caught:
            _stopped(caught[0])
        _finish(run(argv))
    except KeyboardInterrupt:
        _stopped(signal.SIGINT)
    except Terminated as received:
        _stopped(received.signum)


def _stop(signum: int, frame: FrameType | None) -> None:
    """The handler of Ctrl-C, SIGTERM and SIGHUP during the run: the first raises
    KeyboardInterrupt or Terminated where the program is (so temporary files are removed on the
    way out); those that come while the run stops are ignored, so it stops in one line."""
    global _stopping
    if _stopping:
        return
    _stopping = True
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


def _finish(code: int) -> NoReturn:
    """End a run that was not stopped: flush the streams, run the exit functions (which remove,
    for one, the temporary cache folder matplotlib may have made) with signals held, so that a
    signal meanwhile stops the run like any other, and leave with `code` (see `_exit_now`)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    from formats.files import signals_held

    with signals_held():
        atexit._run_exitfuncs()
    os._exit(code)


def _stopped(signum: int) -> NoReturn:
    """Say the run was stopped and what it wrote, run the exit functions and leave: 130 for
    Ctrl-C, 128 + n for SIGTERM or SIGHUP."""
    global _stopping
    _stopping = True
    what = "interrupted" if signum == signal.SIGINT else "terminated"
    files = written()
    if not files:
        error_line(f"rangemap: {what}; no file was written")
    else:
        shown = ", ".join(files[:3])
        if len(files) > 3:
            shown += f" and {len(files) - 3} more"
        error_line(f"rangemap: {what} after writing {shown}")
    with contextlib.suppress(Exception):
        atexit._run_exitfuncs()
    _exit_now(stopped_code(signum))


def _exit_now(code: int) -> NoReturn:
    """Leave with `code` at once, the streams flushed. The interpreter's own shutdown is skipped
    (here and in `_finish`): a Ctrl-C there would print a traceback and exit 0 (or, in code run
    by exec(), end the process by the signal), and its exit functions have run already."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.flush()
    os._exit(code)
