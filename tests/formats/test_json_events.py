"""formats.json_events: ijson's fast parser, with lone surrogate escapes refused wherever they fall
in the blocks it reads (yajl would turn them into "?"), and pairs, split or not, kept."""

from __future__ import annotations

import io
import itertools

import pytest

from formats.json_events import json_events

BLOCK = 65_536  # what ijson reads at a time


class RefusedError(Exception):
    pass


def first_string(data: bytes) -> str:
    events = json_events(io.BufferedReader(io.BytesIO(data)), RefusedError)
    return str(next(value for event, value in itertools.islice(events, 3) if event == "string"))


@pytest.mark.parametrize("before", range(BLOCK - 16, BLOCK + 2))
def test_a_pair_split_between_blocks_is_one_character(before: int) -> None:
    text = first_string(b'["' + b"a" * (before - 2) + b'\\ud83d\\ude00"]')
    assert text.endswith("\U0001f600")


@pytest.mark.parametrize("escape", [b"\\ud800", b"\\udc00", b"\\ud800\\u0041", b"\\ude00\\ud83d"])
@pytest.mark.parametrize("before", [10, BLOCK - 7, BLOCK - 3, BLOCK])
def test_a_lone_surrogate_anywhere_is_refused(escape: bytes, before: int) -> None:
    with pytest.raises(RefusedError, match="lone surrogate escape"):
        first_string(b'["' + b"a" * (before - 2) + escape + b'"]')


def test_an_escaped_backslash_before_u_is_text_and_a_bom_is_skipped() -> None:
    assert first_string(b'\xef\xbb\xbf["\\\\ud800"]') == "\\ud800"
