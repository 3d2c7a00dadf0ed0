"""Geodesic paths: the shortest route between two points, densified and cut at the antimeridian."""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
from shapely.geometry import LineString, MultiLineString

from geo._trace import trace
from geo._validate import FloatArray, distances_km, latitudes, longitudes, scalar
from geo.errors import GeoError, InvalidCoordinateError, InvalidDistanceError
from geo.geodesic import wgs84
from geo.ring import DEFAULT_MAX_SEGMENT_KM

__all__ = ["geodesic_path"]


def geodesic_path(
    *,
    lat1: Any,
    lon1: Any,
    lat2: Any,
    lon2: Any,
    max_segment_km: Any = DEFAULT_MAX_SEGMENT_KM,
) -> LineString | MultiLineString:
    """The shortest geodesic from (lat1, lon1) to (lat2, lon2) as lon/lat vertices on the geodesic.

    Vertices are at most `max_segment_km` apart. A path across +/-180 is a MultiLineString cut
    there, its pieces meeting at the same latitude (RFC 7946).

    >>> # Neixiang to Honolulu
    >>> path = geodesic_path(lat1=32.97, lon1=111.88, lat2=21.32, lon2=-157.92)
    >>> path.geom_type, len(path.geoms)
    ('MultiLineString', 2)
    """
    start_lat = scalar(latitudes(lat1, "lat1"), "lat1", InvalidCoordinateError)
    start_lon = scalar(longitudes(lon1, "lon1"), "lon1", InvalidCoordinateError)
    end_lat = scalar(latitudes(lat2, "lat2"), "lat2", InvalidCoordinateError)
    end_lon = scalar(longitudes(lon2, "lon2"), "lon2", InvalidCoordinateError)
    segment_km = scalar(
        distances_km(max_segment_km, "max_segment_km"), "max_segment_km", InvalidDistanceError
    )
    geod = wgs84()
    azimuth, _, length_m = geod.inv(start_lon, start_lat, end_lon, end_lat)
    if length_m == 0.0:
        raise GeoError(f"the path starts and ends at the same point ({start_lat}, {start_lon})")

    def curve(along_m: FloatArray) -> tuple[FloatArray, FloatArray]:
        size = along_m.shape
        lons, lats, _ = geod.fwd(
            np.full(size, start_lon), np.full(size, start_lat), np.full(size, azimuth), along_m
        )
        return np.asarray(lons), np.asarray(lats)

    steps = max(1, math.ceil(length_m / 1000.0 / segment_km))
    samples = trace(curve, np.linspace(0.0, length_m, steps + 1))
    lon, lat = samples.lon, samples.lat
    # The ends are the caller's points to the bit (a pole keeps the longitude the path arrives on).
    if abs(start_lat) != 90.0:
        lon[0] = start_lon
    if abs(end_lat) != 90.0:
        lon[-1] = end_lon + 360.0 * round((lon[-1] - end_lon) / 360.0)
    lat[0], lat[-1] = start_lat, end_lat
    return _cut_at_antimeridian(lon, lat)


def _cut_at_antimeridian(lon: FloatArray, lat: FloatArray) -> LineString | MultiLineString:
    """Split a lifted line where it crosses 180 + 360 k; bring each piece into [-180, 180].

    A line that only runs along the antimeridian (a meridian path) is not split.
    """
    on_meridian = np.mod(lon[1:-1] - 180.0, 360.0) == 0.0
    crosses = np.sign(lon[:-2] - lon[1:-1]) * np.sign(lon[2:] - lon[1:-1]) < 0.0
    cuts = [0, *(np.flatnonzero(on_meridian & crosses) + 1).tolist(), len(lon) - 1]
    pieces = []
    for first, last in itertools.pairwise(cuts):
        piece_lon = lon[first : last + 1]
        # The middle of the first segment tells the sheet even when the ends lie on a cut.
        sheet = math.floor((float(piece_lon[0] + piece_lon[1]) / 2.0 + 180.0) / 360.0)
        # Each piece lies on one sheet; clipping only removes rounding noise at its ends.
        piece_lon = np.clip(piece_lon - 360.0 * sheet, -180.0, 180.0)
        pieces.append(LineString(np.column_stack([piece_lon, lat[first : last + 1]])))
    return pieces[0] if len(pieces) == 1 else MultiLineString(pieces)
