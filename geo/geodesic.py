"""Distances, azimuths and destinations on the WGS84 ellipsoid (pyproj.Geod: GeographicLib)."""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

import numpy as np
from pyproj import Geod

from geo._validate import (
    distances_km,
    finite,
    latitudes,
    longitudes,
    plain_position,
    scalar,
)
from geo.arrays import FloatArray
from geo.errors import InvalidCoordinateError

__all__ = [
    "HALF_MERIDIAN_KM",
    "QUARTER_MERIDIAN_KM",
    "Position",
    "check_position",
    "destination",
    "distance_km",
    "initial_azimuth_deg",
    "wgs84",
]

#: Pole-to-pole distance on WGS84: the greatest geodesic distance between two points.
HALF_MERIDIAN_KM = 20003.931458625
#: Equator-to-pole distance on WGS84.
QUARTER_MERIDIAN_KM = HALF_MERIDIAN_KM / 2.0


@cache
def wgs84() -> Geod:
    """The shared WGS84 geodesic solver (created on first use, not at import)."""
    return Geod(ellps="WGS84")


class Position(NamedTuple):
    """A point given as latitude and longitude in degrees (floats, or arrays for many points)."""

    lat: Any
    lon: Any


def check_position(*, lat: Any, lon: Any) -> Position:
    """Validate one point: floats with the longitude normalised to [-180, 180), or a GeoError."""
    if type(lat) in (float, int) and type(lon) in (float, int):
        la, lo = plain_position(lat, lon)
        return Position(lat=la, lon=lo)
    la = scalar(latitudes(lat), "latitude", InvalidCoordinateError)
    lo = scalar(longitudes(lon), "longitude", InvalidCoordinateError)
    return Position(lat=la, lon=lo)


def _result(values: FloatArray, *inputs: Any) -> Any:
    """Plain floats for scalar input, arrays otherwise."""
    if all(np.ndim(value) == 0 for value in inputs):
        return float(values)
    return values


def _inverse(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> tuple[FloatArray, FloatArray]:
    la1, lo1 = latitudes(lat1, "lat1"), longitudes(lon1, "lon1")
    la2, lo2 = latitudes(lat2, "lat2"), longitudes(lon2, "lon2")
    lo1, la1, lo2, la2 = np.broadcast_arrays(lo1, la1, lo2, la2)
    az12, _, dist_m = wgs84().inv(lo1, la1, lo2, la2)
    return np.asarray(az12, dtype=np.float64), np.asarray(dist_m, dtype=np.float64)


def distance_km(*, lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Shortest geodesic distance in km between two points (vectorised over arrays).

    >>> round(distance_km(lat1=-41.32, lon1=174.81, lat2=40.96, lon2=-5.50), 6)
    19959.679267
    """
    _, dist_m = _inverse(lat1, lon1, lat2, lon2)
    return _result(dist_m / 1000.0, lat1, lon1, lat2, lon2)


def initial_azimuth_deg(*, lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Initial bearing in degrees clockwise from north, in [0, 360), of the shortest geodesic."""
    az12, _ = _inverse(lat1, lon1, lat2, lon2)
    return _result(np.mod(az12, 360.0), lat1, lon1, lat2, lon2)


def destination(*, lat: Any, lon: Any, azimuth_deg: Any, distance_km: Any) -> Position:
    """The point reached after `distance_km` along the geodesic leaving at `azimuth_deg`.

    >>> end = destination(lat=-32.06, lon=115.74, azimuth_deg=225, distance_km=20000)
    >>> round(end.lat, 8), round(end.lon, 8)
    (32.11195529, -63.95925278)
    """
    la, lo = latitudes(lat), longitudes(lon)
    az = finite(azimuth_deg, "azimuth")
    dist = distances_km(distance_km, "distance", allow_zero=True)
    lo, la, az, dist = np.broadcast_arrays(lo, la, az, dist)
    lon2, lat2, _ = wgs84().fwd(lo, la, az, dist * 1000.0)
    inputs = (lat, lon, azimuth_deg, distance_km)
    return Position(
        lat=_result(np.asarray(lat2, dtype=np.float64), *inputs),
        lon=_result(np.asarray(lon2, dtype=np.float64), *inputs),
    )
