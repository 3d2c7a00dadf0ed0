"""Numbers and coordinates as users give them, read by one strict rule wherever they come from:
the command line, site and track files (CSV, GeoJSON, KML, GPX) and scenario files (TOML).

A number is written with ASCII digits (Python's float() and int() also take "1_000" and the digits
of other scripts, such as "١٢"); it is finite. A latitude is in [-90, 90] and a longitude in
[-180, 180]: a longitude of 540 or 1400 is refused, never wrapped, since it is far more often a
typing error (1400 for 140.0) than a way of saying -180 or -40.

>>> number_in("1e3", "range")
1000.0
>>> longitude_in("540")
Traceback (most recent call last):
...
routes.errors.RoutesError: longitude 540 is outside [-180, 180]
"""

from __future__ import annotations

import math
import re

from routes.errors import RoutesError, shown

__all__ = ["latitude_in", "longitude_in", "number_in", "whole_number_in"]

_WHOLE = re.compile(r"[-+]?[0-9]+", re.ASCII)


def number_in(text: str, what: str) -> float:
    """A finite number written with ASCII digits ("nan" and "inf" are numbers, but not finite)."""
    try:
        if not text.isascii() or "_" in text:
            raise ValueError(text)
        value = float(text)
    except ValueError:
        raise RoutesError(f"{what} {shown(text)} is not a number") from None
    if not math.isfinite(value):
        raise RoutesError(f"{what} {shown(text)} is not a finite number")
    return value


def whole_number_in(text: str, what: str) -> int:
    """A whole number written with ASCII digits (and an optional sign)."""
    if not _WHOLE.fullmatch(text.strip()) or len(text) > 100:
        raise RoutesError(f"{what} {shown(text)} is not a whole number")
    return int(text)


def latitude_in(value: object, what: str = "latitude") -> float:
    """A latitude from text (as number_in) or a JSON/TOML number, in [-90, 90]."""
    return _coordinate(value, what, 90.0)


def longitude_in(value: object, what: str = "longitude") -> float:
    """A longitude from text (as number_in) or a JSON/TOML number, in [-180, 180] (not wrapped)."""
    return _coordinate(value, what, 180.0)


def _coordinate(value: object, what: str, limit: float) -> float:
    if isinstance(value, str):
        number = number_in(value, what)
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RoutesError(f"{what} {shown(value)} is not a number")
    else:
        try:
            number = float(value)
        except OverflowError:  # an integer of 400 digits (JSON and TOML allow them)
            raise RoutesError(f"{what} is an integer outside [{-limit:g}, {limit:g}]") from None
        if not math.isfinite(number):
            raise RoutesError(f"{what} {number!r} is not a finite number")
    if not -limit <= number <= limit:
        raise RoutesError(f"{what} {number:.10g} is outside [{-limit:g}, {limit:g}]")
    return number + 0.0  # no -0
