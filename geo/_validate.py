"""Input checks at geo's boundary: numbers, finiteness, ranges, longitude normalisation."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from geo.arrays import FloatArray
from geo.errors import GeoError, InvalidCoordinateError, InvalidDistanceError


def _as_float_array(value: Any, name: str, error: type[GeoError]) -> FloatArray:
    if value is None or isinstance(value, (bool, np.bool_, str, bytes)):
        raise error(f"{name} {value!r} is not a number")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise error(f"{name} {value!r} is not a number") from None
    if array.dtype != np.float64:
        raise error(f"{name} {value!r} is not a number")
    bad = ~np.isfinite(array)
    if bad.any():
        raise error(f"{name} {float(array[bad].flat[0])!r} is not a finite number")
    return array


def finite(value: Any, name: str, error: type[GeoError] = GeoError) -> FloatArray:
    """Return `value` as a float array, or raise if any entry is not a finite number."""
    return _as_float_array(value, name, error)


def latitudes(value: Any, name: str = "latitude") -> FloatArray:
    """Return `value` as a float array, or raise if any entry is not in [-90, 90]."""
    array = _as_float_array(value, name, InvalidCoordinateError)
    outside = np.abs(array) > 90.0
    if outside.any():
        raise InvalidCoordinateError(
            f"{name} {float(array[outside].flat[0])!r} is outside [-90, 90]"
        )
    return array


def longitudes(value: Any, name: str = "longitude") -> FloatArray:
    """Return `value` as a float array normalised to [-180, 180)."""
    array = _as_float_array(value, name, InvalidCoordinateError)
    return normalize_lon(array)


def normalize_lon(lon: FloatArray) -> FloatArray:
    """Map longitudes to [-180, 180), leaving values already in range untouched."""
    inside = (lon >= -180.0) & (lon < 180.0)
    return np.where(inside, lon, np.mod(lon + 180.0, 360.0) - 180.0)


def distances_km(value: Any, name: str, *, allow_zero: bool = False) -> FloatArray:
    """Return `value` as a float array of km, or raise if any entry is negative (or zero)."""
    array = _as_float_array(value, name, InvalidDistanceError)
    bad = array < 0.0 if allow_zero else array <= 0.0
    if bad.any():
        bound = "at least 0" if allow_zero else "greater than 0"
        raise InvalidDistanceError(f"{name} {float(array[bad].flat[0])!r} km must be {bound}")
    return array


def plain_position(lat: float, lon: float) -> tuple[float, float]:
    """The fast path of a single point given as Python numbers: the same checks, no arrays."""
    for name, value in (("latitude", lat), ("longitude", lon)):
        if not math.isfinite(value):
            raise InvalidCoordinateError(f"{name} {float(value)!r} is not a finite number")
    if abs(lat) > 90.0:
        raise InvalidCoordinateError(f"latitude {float(lat)!r} is outside [-90, 90]")
    lon = float(lon)
    if not -180.0 <= lon < 180.0:
        lon = math.fmod(lon + 180.0, 360.0)
        lon = (lon + 360.0 if lon < 0.0 else lon) - 180.0
    return float(lat), lon


def scalar(value: FloatArray, name: str, error: type[GeoError]) -> float:
    """Return the single number in `value`, or raise if it holds several."""
    if value.ndim != 0:
        raise error(f"{name} must be a single number, not an array of shape {value.shape}")
    return float(value)
