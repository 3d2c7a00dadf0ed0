"""The `rangemap` command's entry point: small, so that Ctrl-C and SIGTERM are one line from the
first moment, even while the rest of the program is still loading.

It owns the one-line messages that end a run, signals and exit codes.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
from collections.abc import Iterable, Sequence
from types import FrameType
from typing import NoReturn

__all__ = ["STOP_SIGNALS", "Terminated", "error_line", "main", "note_written"]

#: The exit code of a run stopped by Ctrl-C (others are 128 + the signal's number).
INTERRUPTED = 130
#: The signals that stop a run in one line (an inherited "ignore" is kept: nohup, `&`).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
#: The longest line written to stderr; a longer one is cut.
MAX_LINE = 2000

#: The files this run has written (as shown), for the line that says it was stopped.
_written: list[str] = []
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
    from rangemap.cli import main as run

    try:
        for signum in handled:
            signal.signal(signum, _stop)
        if caught:
            _stopped(caught[0])
        code = run(argv)
        _finish()
    except KeyboardInterrupt:
        _stopped(signal.SIGINT)
    except Terminated as received:
        _stopped(received.signum)
    _exit_now(code)


def error_line(text: str) -> None:
    """Write `text` to stderr as one line: line breaks become spaces and a line over MAX_LINE
    characters is cut."""
    line = " ".join(text.split("\n"))
    if len(line) > MAX_LINE:
        line = line[:MAX_LINE] + "..."
    print(line, file=sys.stderr)


def note_written(names: Iterable[str]) -> None:
    """Record files this run has written (as shown to the user)."""
    _written.extend(names)


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


def _finish() -> None:
    """End a run that was not stopped: flush the streams, then run the exit functions (which
    remove, for one, the temporary cache folder matplotlib may have made) with signals held, so
    that a signal meanwhile stops the run like any other."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    from geo.files import signals_held

    with signals_held():
        atexit._run_exitfuncs()


def _stopped(signum: int) -> NoReturn:
    """Say the run was stopped and what it wrote, run the exit functions and leave: 130 for
    Ctrl-C, 128 + n for SIGTERM or SIGHUP."""
    global _stopping
    _stopping = True
    what = "interrupted" if signum == signal.SIGINT else "terminated"
    if not _written:
        error_line(f"rangemap: {what}; no file was written")
    else:
        shown = ", ".join(_written[:3])
        if len(_written) > 3:
            shown += f" and {len(_written) - 3} more"
        error_line(f"rangemap: {what} after writing {shown}")
    with contextlib.suppress(Exception):
        atexit._run_exitfuncs()
    _exit_now(INTERRUPTED if signum == signal.SIGINT else 128 + signum)


def _exit_now(code: int) -> NoReturn:
    """Leave with `code` at once, the streams flushed: the interpreter's own shutdown is skipped,
    where a Ctrl-C would print a traceback and exit 0 (or, in code run by exec(), end the process
    by the signal), and its exit functions have run already."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.flush()
    os._exit(code)
