"""Text that every output format can hold: one rule for every writer.

SVG and KML are XML 1.0, which cannot hold most control characters, surrogates, U+FFFE or
U+FFFF; HTML takes the C1 controls and the noncharacters (U+FDD0 to U+FDEF, U+xFFFE and U+xFFFF
of every plane) as parse errors; GeoJSON and GeoPackage are UTF-8, which has no surrogates. So a
result's text holds none of these, and is refused whole where it does, before any file is written:
nothing is replaced silently. Tabs and line breaks are fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any

from routes.errors import RoutesError, shown

__all__ = ["UNWRITABLE", "UnwritableTextError", "check_writable", "unwritable_text"]

_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
#: A character no output format takes (see the module's docstring).
UNWRITABLE = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]"
)


class UnwritableTextError(RoutesError):
    """Text that an output format cannot hold."""


def unwritable_text(value: object) -> str | None:
    """The first string in `value` that holds an UNWRITABLE character, or None.

    `value` is a string, or a dict, list or tuple of values, or a dataclass whose fields are
    values: a result and its GeoJSON features. Anything else (numbers, geometries, arrays) holds
    no text. Each container is looked at once, however often it is shared.
    """
    seen: set[int] = set()
    pending: list[object] = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if UNWRITABLE.search(item):
                return item
            continue
        if id(item) in seen:
            continue
        seen.add(id(item))
        pending.extend(child for child in _children(item) if type(child) not in _TEXTLESS)
    return None


#: Values that hold no text, skipped at once (most of a result is numbers).
_TEXTLESS = frozenset({int, float, bool, type(None)})


def _children(item: object) -> Iterable[object]:
    """The values inside a dict, list, tuple or dataclass (nothing for anything else)."""
    if isinstance(item, dict):
        return [*item.keys(), *item.values()]
    if isinstance(item, list | tuple):
        return item
    if is_dataclass(item) and not isinstance(item, type):
        return [getattr(item, name) for name in _field_names(type(item))]
    return ()


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """The names of a dataclass's fields."""
    return tuple(field.name for field in fields(kind))


def check_writable(value: Any) -> None:
    """Raise UnwritableTextError, naming the text and the character, if `value` holds text that
    an output format cannot hold (see `unwritable_text`)."""
    text = unwritable_text(value) or ""
    found = UNWRITABLE.search(text)
    if found is not None:
        raise UnwritableTextError(
            f"the text {shown(text)} holds U+{ord(found.group()):04X}, which XML (SVG, KML) or"
            " HTML cannot hold, so no output takes it"
        )
