"""Fields of a scenario's TOML tables, read and checked: each wrong one is a RoutesError naming the
key (the scenario adds the file and table)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from routes.errors import RoutesError
from routes.inputs import shown
from routes.range_model import check_reserve

__all__ = ["overfly_in", "reserve_in", "strings_in", "text_in"]


def text_in(data: Mapping[str, Any], key: str) -> str:
    """A non-empty string."""
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RoutesError(f"{key} must be a non-empty string")
    return value


def strings_in(data: Mapping[str, Any], key: str) -> list[str]:
    """A list of tags, country codes or site ids (empty if absent)."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RoutesError(f"{key} must be a list of tags, country codes or site ids")
    return value


def overfly_in(data: Mapping[str, Any]) -> list[str]:
    """`overfly`: "any" or a list of state codes (empty if absent)."""
    value = data.get("overfly", [])
    if value == "any":
        return ["any"]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RoutesError('overfly must be "any" or a list of state codes')
    return value


def reserve_in(data: Mapping[str, Any]) -> float:
    """`reserve`: a fraction from 0 to 0.9 (0 if absent)."""
    reserve = data.get("reserve", 0.0)
    if isinstance(reserve, bool) or not isinstance(reserve, (int, float)):
        raise RoutesError(f"reserve {shown(reserve)} must be a number")
    try:
        return check_reserve(float(reserve))
    except OverflowError:
        raise RoutesError("reserve must be a fraction from 0 to 0.9") from None
