"""JSON read as a stream of events (ijson), for readers that must not build a whole document.

ijson's C backend (yajl) is fast but turns the escape of a lone UTF-16 surrogate ("\\ud800")
into "?", which would let text no UTF-8 can carry pass unseen: such an escape is refused where
it is read, in one line naming the byte, before its text could reach any reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from io import BufferedReader
from typing import Any

__all__ = ["Event", "json_events"]

Event = tuple[str, Any]
ErrorFactory = Callable[[str], Exception]
#: A high surrogate escape with no low one after it, or a low one with no high one before it;
#: an escape only where the backslash before the "u" is not itself escaped ("\\\\ud800" is text).
_LONE_SURROGATE = re.compile(
    rb"(?<!\\)(?:\\\\)*(\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2})"
)
_BOM = b"\xef\xbb\xbf"
#: Bytes of the block before kept in front of the next, so an escape split between them is seen.
_OVERLAP = 24
#: What the start of a low surrogate's escape may look like, cut at the end of a block.
_LOW_START = re.compile(rb"(?:\\(?:u(?:[dD](?:[c-fC-F][0-9a-fA-F]{0,2})?)?)?)?")


def json_events(stream: BufferedReader, error: ErrorFactory) -> Iterator[Event]:
    """The (event, value) pairs of ijson's basic_parse (numbers as int or float) of the JSON in
    `stream` (a byte-order mark skipped); `error("not JSON (why)")` for a document that is not
    JSON or ends early, raised where it is found."""
    import ijson  # type: ignore[import-untyped]

    if stream.peek(3)[:3] == _BOM:
        stream.read(3)
    try:
        yield from ijson.basic_parse(_Checked(stream, error), use_float=True)
    except ijson.JSONError as failure:
        # The parser's first line, e.g. "parse error: integer overflow" (yajl reads no number of
        # 400 digits).
        problem = str(failure).splitlines()[0][:120] if str(failure) else "a syntax error"
        raise error(f"not JSON ({problem})") from None
    raise error("not JSON (it ends early)")  # only if a reader asks for more than there is


class _Checked:
    """A stream whose blocks are searched for lone surrogate escapes as the parser reads them."""

    def __init__(self, stream: BufferedReader, error: ErrorFactory) -> None:
        self._stream, self._error = stream, error
        self._tail, self._offset = b"", 0

    def read(self, size: int = -1) -> bytes:
        block = self._stream.read(size)
        window = self._tail + block
        found = next(
            (m for m in _LONE_SURROGATE.finditer(window) if not (block and _may_pair(window, m))),
            None,
        )
        if found:
            at = self._offset - len(self._tail) + found.start(1)
            raise self._error(
                "text no UTF-8 can carry (the lone surrogate escape "
                f"{found.group(1).decode('ascii')} at byte {at:,})"
            )
        self._offset += len(block)
        self._tail = window[-_OVERLAP:]
        return block


def _may_pair(window: bytes, match: re.Match[bytes]) -> bool:
    """Whether a high surrogate's escape at the end of `window` may yet be followed by a low
    one in the next block (then it is looked at again there)."""
    rest = window[match.end() :]
    return len(rest) < 6 and _LOW_START.fullmatch(rest) is not None
