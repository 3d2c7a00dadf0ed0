"""JSON read as a stream of events (ijson), for readers that must not build a whole document.

ijson's C backend (yajl) is fast but turns a lone surrogate escape ("\\ud800") into "?", which
would let text no UTF-8 can carry pass unseen: a file that may hold one (a pair split between two
blocks read counts too) is read by ijson's Python backend instead, which keeps the text as it is
for the readers' own checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from io import BufferedReader
from typing import Any

__all__ = ["Event", "json_events"]

Event = tuple[str, Any]
#: A high surrogate escape with no low one after it, or a low one with no high one before it.
_LONE_SURROGATE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 20


def json_events(stream: BufferedReader, error: Callable[[str], Exception]) -> Iterator[Event]:
    """The (event, value) pairs of ijson's basic_parse (numbers as int or float) of the JSON in
    `stream` (a byte-order mark skipped); `error("not JSON (why)")` for a document that is not
    JSON or ends early, raised where it is found."""
    import ijson  # type: ignore[import-untyped]

    start = 3 if stream.peek(3)[:3] == _BOM else 0
    backend = ijson.get_backend("python") if _has_lone_surrogate(stream, start) else ijson
    stream.seek(start)
    try:
        yield from backend.basic_parse(stream, use_float=True)
    except ijson.JSONError as failure:
        # The parser's first line, e.g. "parse error: integer overflow" (yajl reads no number of
        # 400 digits) or "Unexpected symbol 'NaN' at 12".
        problem = str(failure).splitlines()[0][:120] if str(failure) else "a syntax error"
        raise error(f"not JSON ({problem})") from None
    raise error("not JSON (it ends early)")  # only if a reader asks for more than there is


def _has_lone_surrogate(stream: BufferedReader, start: int) -> bool:
    """Whether the text from `start` may hold the escape of a lone UTF-16 surrogate (read in
    blocks, each with the end of the one before)."""
    stream.seek(start)
    tail = b""
    while chunk := stream.read(_CHUNK):
        if _LONE_SURROGATE.search(tail + chunk):
            return True
        tail = chunk[-12:]
    return False
