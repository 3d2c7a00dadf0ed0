"""The `rangemap` command's entry point: small, so that Ctrl-C and SIGTERM are one line from the
first moment, even while the rest of the program is still loading.

It owns what the command shares with its terminal: the standard streams (text they cannot encode
is escaped, never an error), the one-line messages on stderr, warnings, signals and exit codes.
"""

from __future__ import annotations

import atexit
import codecs
import contextlib
import io
import logging
import os
import re
import signal
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from types import FrameType
from typing import NoReturn, TextIO

__all__ = ["STOP_SIGNALS", "Terminated", "error_line", "main", "note_written"]

#: The exit code of a run stopped by Ctrl-C (others are 128 + the signal's number).
INTERRUPTED = 130
#: The signals that stop a run in one line (an inherited "ignore" is kept: nohup, `&`).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
#: The longest line written to stderr; a longer one is cut.
MAX_LINE = 2000
#: The codec error handler of the standard streams: `\uXXXX` for what they cannot encode.
ESCAPE = "rangemap-escape"
#: What never reaches a terminal raw: control characters, bidirectional overrides, surrogates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

#: The files this run has written (as shown), for the line that says it was stopped.
_written: list[str] = []
#: Warnings already shown: each is shown once.
_warned: set[str] = set()
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
    _keep_standard_descriptors()
    _escape_unencodable()
    _plain_warnings()
    from rangemap.cli import main as run

    try:
        for signum in handled:
            signal.signal(signum, _stop)
        if caught:
            _stopped(caught[0])
        _finish(_exit_code(run, argv))
    except KeyboardInterrupt:
        _stopped(signal.SIGINT)
    except Terminated as received:
        _stopped(received.signum)


def _exit_code(run: Callable[[Sequence[str] | None], int], argv: Sequence[str] | None) -> int:
    """Run the command line; its exit code, also where it leaves by SystemExit (argparse does, for
    --help and for usage errors), so that the end of the run is `_finish`'s in every case."""
    try:
        return run(argv)
    except SystemExit as leaving:
        return leaving.code if isinstance(leaving.code, int) else int(leaving.code is not None)


def error_line(text: str) -> None:
    """Write `text` to stderr as one line: line breaks become spaces, control characters are
    escaped and a line over MAX_LINE characters is cut. A closed or failing stderr (a full disk)
    gets nothing: the exit code still says what happened, and stdout is never used instead."""
    line = _CONTROL.sub(_escaped, " ".join(text.split("\n")))
    if len(line) > MAX_LINE:
        line = line[:MAX_LINE] + "..."
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


def note_written(names: Iterable[str]) -> None:
    """Record files this run has written (as shown to the user)."""
    _written.extend(names)


def _escaped(found: re.Match[str]) -> str:
    """A character as a JSON-style escape, `\\uXXXX` (a surrogate pair above U+FFFF)."""
    return _escape(found.group())


def _escape(text: str) -> str:
    """`text` as JSON-style escapes, which are ASCII and valid inside `--json` strings too."""
    units = text.encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{units[k]:02x}{units[k + 1]:02x}" for k in range(0, len(units), 2))


def _escape_error(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler ESCAPE: what a stream cannot encode is written escaped."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return _escape(error.object[error.start : error.end]), error.end


def _keep_standard_descriptors() -> None:
    """Put the null device on descriptors 0, 1 and 2 where the run started without them (`2>&-`),
    so that no file the run opens takes their place: a library's message to descriptor 2 would
    land in it. (Python's own streams stay closed: writing to them is refused or skipped.)"""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != descriptor:
                os.dup2(opened, descriptor)
                os.close(opened)


def _escape_unencodable() -> None:
    """Let stdout and stderr escape what their encoding cannot hold (`PYTHONIOENCODING=ascii`, a
    Latin-1 terminal) instead of failing."""
    codecs.register_error(ESCAPE, _escape_error)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=ESCAPE)


def _plain_warnings() -> None:
    """Show every warning once, as one line with no file path or source line: Python's warnings
    (a glyph missing from the fonts, labels left out) and library log messages (matplotlib's
    cache folder) alike."""
    warnings.showwarning = _show_warning
    logging.root.addHandler(_WarningLines())


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """warnings.showwarning: the message alone."""
    _warning_line(str(message))


class _WarningLines(logging.Handler):
    """A log handler that shows each record as a warning line."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        """Show the record's message."""
        try:
            _warning_line(self.format(record))
        except Exception:
            self.handleError(record)


def _warning_line(text: str) -> None:
    """Show `text` as "rangemap: warning: ...", unless it was shown already."""
    if text not in _warned:
        _warned.add(text)
        error_line(f"rangemap: warning: {text}")


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
    """Leave with `code` at once, the streams flushed. The interpreter's own shutdown is skipped
    (here and in `_finish`): a Ctrl-C there would print a traceback and exit 0 (or, in code run
    by exec(), end the process by the signal), and its exit functions have run already."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.flush()
    os._exit(code)
