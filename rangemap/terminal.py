"""What a run of `rangemap` shares with its terminal: the standard streams (text they cannot
encode is escaped, never an error), the one-line messages on stderr, warnings, the files written
so far (for the line that says a run was stopped) and the exit codes.

Exit codes: 0 ok; 2 bad input, or an output that cannot be written (one line on stderr, no file
written); 3 no feasible plan; 70 an internal error; 130 interrupted (Ctrl-C), 128 + n stopped by
signal n (143 for SIGTERM), no file left half-written.

The entry point (rangemap.main) sets the streams up and owns the signals; the commands and the
writers of their outputs use what is here, and import nothing of the entry point.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import logging
import os
import re
import signal
import sys
import warnings
from collections.abc import Iterable
from typing import Any, TextIO

__all__ = [
    "BAD_INPUT",
    "INTERNAL",
    "INTERRUPTED",
    "NO_PLAN",
    "StdoutError",
    "error_line",
    "escape_unencodable",
    "json_text",
    "keep_standard_descriptors",
    "note_written",
    "plain_warnings",
    "say",
    "stopped_code",
    "written",
]

#: The exit code of bad input, or of an output that cannot be written.
BAD_INPUT = 2
#: The exit code of a mission with no feasible plan.
NO_PLAN = 3
#: The exit code of an internal error (a bug: please report it).
INTERNAL = 70
#: The exit code of a run stopped by Ctrl-C (others are 128 + the signal's number).
INTERRUPTED = 130
#: The longest line written to stderr; a longer one is cut.
MAX_LINE = 2000
#: The codec error handler of the standard streams: `\uXXXX` for what they cannot encode.
ESCAPE = "rangemap-escape"
#: What never reaches a terminal raw: control characters, bidirectional overrides, surrogates.
#: routes.errors.CONTROL_CHARACTERS, spelt again because this module imports only the standard
#: library (a Ctrl-C while the domain loads must still find it); tests/cli/test_signals_and_streams.py checks
#: that the two are one rule.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

#: The files this run has written (as shown), for the line that says it was stopped.
_written: list[str] = []
#: Warnings already shown: each is shown once.
_warned: set[str] = set()


def stopped_code(signum: int) -> int:
    """The exit code of a run stopped by signal `signum`: 130 for Ctrl-C, else 128 + n."""
    return INTERRUPTED if signum == signal.SIGINT else 128 + signum


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


class StdoutError(Exception):
    """Standard output could not be written (closed pipe, full disk)."""


def say(text: str) -> None:
    """Print to stdout; a closed pipe or a full disk raises StdoutError (one line, exit 2)."""
    if sys.stdout is None:  # started with stdout closed (>&-)
        raise StdoutError("cannot write to standard output (it is closed)")
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except OSError as error:
        # Stop Python's own flush at exit from failing again on the same stream.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        reason = error.strerror or type(error).__name__
        raise StdoutError(f"cannot write to standard output ({reason})") from None


def json_text(data: Any) -> str:
    """JSON for programs: RFC 8259 (no NaN or Infinity), UTF-8 text."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


def note_written(names: Iterable[str]) -> None:
    """Record files this run has written (as shown to the user)."""
    _written.extend(names)


def written() -> list[str]:
    """The files this run has written so far (as shown to the user), in order."""
    return list(_written)


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


def keep_standard_descriptors() -> None:
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


def escape_unencodable() -> None:
    """Let stdout and stderr escape what their encoding cannot hold (`PYTHONIOENCODING=ascii`, a
    Latin-1 terminal) instead of failing."""
    codecs.register_error(ESCAPE, _escape_error)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=ESCAPE)


def plain_warnings() -> None:
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
