"""Fields of a scenario's TOML tables, read and checked: each wrong one is a RoutesError naming the
key (the scenario adds the file and table)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from routes.clock import parse_utc
from routes.errors import RoutesError, shown
from routes.range_model import check_reserve
from routes.timeline import TURNAROUND_H_BOUNDS

__all__ = ["overfly_in", "reserve_in", "strings_in", "takeoff_in", "text_in", "turnaround_in"]


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
    for item in value:
        if not all(code.strip() for code in item.split(",")):
            # As on the command line: an empty code is refused, not read as if it were absent.
            raise RoutesError(f"overfly {shown(item)} holds an empty state code")
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


def takeoff_in(data: Mapping[str, Any]) -> datetime | None:
    """`takeoff`: a TOML date-time or date, or an ISO 8601 string; UTC unless it has an offset
    (None if absent)."""
    value = data.get("takeoff")
    if value is None:
        return None
    if isinstance(value, datetime):
        return parse_utc(value.isoformat(), "takeoff")
    if isinstance(value, date):
        return parse_utc(value.isoformat(), "takeoff")
    if not isinstance(value, str):
        raise RoutesError(f"takeoff {shown(value)} must be a date-time like 2019-07-22T19:57:00Z")
    return parse_utc(value, "takeoff")


def turnaround_in(data: Mapping[str, Any], default: float) -> float:
    """`turnaround_h`: hours on the ground at each refuelling field (`default` if absent)."""
    value = data.get("turnaround_h", default)
    low, high = TURNAROUND_H_BOUNDS
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise RoutesError(f"turnaround_h {shown(value)} must be a number of hours")
    if not low <= value <= high:
        raise RoutesError(f"turnaround_h {value:g} must be from {low:g} to {high:g} hours")
    return float(value) + 0.0  # no -0
