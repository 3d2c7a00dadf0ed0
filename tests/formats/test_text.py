"""The one rule for text in every output (formats.text), checked against an XML reader."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from formats.text import UNWRITABLE, UnwritableTextError, check_writable, unwritable_text


def test_every_character_the_rule_lets_through_is_well_formed_xml() -> None:
    """All of them, in one document read by expat (the rule is no looser than XML 1.0)."""
    allowed = "".join(
        chr(code)
        for code in range(sys.maxunicode + 1)
        if not UNWRITABLE.match(chr(code)) and not 0xD800 <= code <= 0xDFFF
    )
    element = ET.fromstring(f"<a>{allowed.replace('&', '').replace('<', '')}</a>".encode())
    assert element.text is not None and len(element.text) > 1_000_000


@pytest.mark.parametrize("code", [0x0, 0x8, 0xB, 0x1F, 0x7F, 0x85, 0xD800, 0xFDD0, 0xFFFE, 0xFFFF])
def test_what_xml_or_html_cannot_hold_is_unwritable(code: int) -> None:
    assert UNWRITABLE.match(chr(code))


@pytest.mark.parametrize("code", [0x1FFFE, 0x10FFFF])
def test_the_noncharacters_of_every_plane_are_unwritable(code: int) -> None:
    assert UNWRITABLE.match(chr(code))


@dataclass(frozen=True)
class _Inner:
    names: tuple[str, ...]


@dataclass(frozen=True)
class _Outer:
    title: str
    inner: _Inner
    properties: dict[str, object]


def test_the_text_is_found_anywhere_in_a_result() -> None:
    good = _Outer("title\twith\nbreaks", _Inner(("a", "\ufffd", "\U0001f600")), {"k": [1.5, "v"]})
    assert unwritable_text(good) is None
    check_writable([good, {"kind": "ring"}])
    assert unwritable_text(_Outer("t", _Inner(("a", "b\uffff")), {})) == "b\uffff"
    assert unwritable_text({"key\ufffe": 1}) == "key\ufffe"
    with pytest.raises(UnwritableTextError, match=r"'x\\ufffe' holds U\+FFFE, which XML"):
        check_writable([{"properties": {"name": "x\ufffe"}}])
