"""Geodesic paths: the shortest route between two points, densified and cut at the antimeridian."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from shapely.geometry import LineString, MultiLineString

from geo._trace import on_antimeridian, trace
from geo._validate import distances_km, finite, latitudes, longitudes, scalar
from geo.arrays import FloatArray
from geo.errors import GeoError, InvalidCoordinateError, InvalidDistanceError
from geo.fan import FAN_LIMIT_KM
from geo.geodesic import wgs84
from geo.ring import DEFAULT_MAX_SEGMENT_KM

__all__ = ["chain_path", "chain_samples", "geodesic_path", "geodesic_ray"]


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
    lon, lat = _lifted_geodesic(start_lat, start_lon, end_lat, end_lon, segment_km)
    return _cut_at_antimeridian(lon, lat)


def geodesic_ray(
    *,
    lat: Any,
    lon: Any,
    azimuth_deg: Any,
    length_km: Any,
    max_segment_km: Any = DEFAULT_MAX_SEGMENT_KM,
) -> LineString | MultiLineString:
    """The geodesic leaving (lat, lon) at `azimuth_deg` (clockwise from north), `length_km` long:
    a radial, as lon/lat vertices on it at most `max_segment_km` apart, cut at +/-180 (RFC 7946).

    Every point of it is at its distance along it from the start (it is the shortest path there)
    up to FAN_LIMIT_KM, beyond which geodesics may pass the cut locus: a longer one is refused.

    >>> ray = geodesic_ray(lat=64.73, lon=177.74, azimuth_deg=90, length_km=1000)  # Anadyr, east
    >>> ray.geom_type, len(ray.geoms)
    ('MultiLineString', 2)
    """
    start_lat = scalar(latitudes(lat), "latitude", InvalidCoordinateError)
    start_lon = scalar(longitudes(lon), "longitude", InvalidCoordinateError)
    azimuth = scalar(finite(azimuth_deg, "azimuth"), "azimuth", GeoError)
    length = scalar(distances_km(length_km, "length"), "length", InvalidDistanceError)
    segment_km = scalar(
        distances_km(max_segment_km, "max_segment_km"), "max_segment_km", InvalidDistanceError
    )
    if length > FAN_LIMIT_KM:
        raise InvalidDistanceError(
            f"length {length!r} km is beyond {FAN_LIMIT_KM:,.0f} km, where a geodesic may stop "
            "being the shortest path"
        )
    geod = wgs84()

    def curve(along_m: FloatArray) -> tuple[FloatArray, FloatArray]:
        size = along_m.shape
        lons, lats, _ = geod.fwd(
            np.full(size, start_lon), np.full(size, start_lat), np.full(size, azimuth), along_m
        )
        at_start = along_m == 0.0
        return np.where(at_start, start_lon, lons), np.where(at_start, start_lat, lats)

    steps = max(1, math.ceil(length / segment_km))
    samples = trace(curve, np.linspace(0.0, length * 1000.0, steps + 1))
    return _cut_at_antimeridian(samples.lon, samples.lat)


def chain_path(
    points: Sequence[tuple[float, float]], *, max_segment_km: Any = DEFAULT_MAX_SEGMENT_KM
) -> LineString | MultiLineString:
    """A chain of shortest geodesics through `points` ((lat, lon) pairs, in order) as one line of
    lon/lat vertices on the geodesics, at most `max_segment_km` apart, cut at +/-180 (RFC 7946).

    >>> path = chain_path([(64.73, 177.74), (62.0, -175.0), (61.25, -149.81)])  # Anadyr, Alaska
    >>> path.geom_type, len(path.geoms)
    ('MultiLineString', 2)
    """
    segment_km = scalar(
        distances_km(max_segment_km, "max_segment_km"), "max_segment_km", InvalidDistanceError
    )
    checked = [
        (
            scalar(latitudes(lat, "latitude"), "latitude", InvalidCoordinateError),
            scalar(longitudes(lon, "longitude"), "longitude", InvalidCoordinateError),
        )
        for lat, lon in points
    ]
    if len(checked) < 2:
        raise GeoError(f"a chain of geodesics needs at least two points, not {len(checked)}")
    plain = _plain_pairs(np.array(checked), segment_km)
    lons: list[FloatArray] = []
    lats: list[FloatArray] = []
    for k, ((lat1, lon1), (lat2, lon2)) in enumerate(itertools.pairwise(checked)):
        if plain[k] is None:
            lon, lat = _lifted_geodesic(lat1, lon1, lat2, lon2, segment_km)
        else:
            lon, lat = np.array([lon1, plain[k]]), np.array([lat1, lat2])
        if lons:
            # Continue on the sheet where the previous geodesic ended.
            lon = lon + 360.0 * round((lons[-1][-1] - lon[0]) / 360.0)
            lon, lat = lon[1:], lat[1:]
        lons.append(lon)
        lats.append(lat)
    return _cut_at_antimeridian(np.concatenate(lons), np.concatenate(lats))


def chain_samples(
    points: Sequence[tuple[float, float]], *, max_segment_km: float = DEFAULT_MAX_SEGMENT_KM
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Points along a chain of geodesics through `points` ((lat, lon) pairs), at most
    `max_segment_km` apart: their latitudes, continuous longitudes (no jump at 180) and the km
    flown to each along the chain. Every given point is among them.

    >>> lat, lon, km = chain_samples([(64.73, 177.74), (61.25, -149.81)], max_segment_km=500)
    >>> bool(lon[-1] > 180), round(float(km[-1]))
    (True, 1670)
    """
    lat0 = np.array([point[0] for point in points], dtype=np.float64)
    lon0 = np.array([point[1] for point in points], dtype=np.float64)
    azimuth, _, length_m = wgs84().inv(lon0[:-1], lat0[:-1], lon0[1:], lat0[1:])
    length_m = np.asarray(length_m, dtype=np.float64)
    steps = np.maximum(1, np.ceil(length_m / 1000.0 / max_segment_km)).astype(np.intp)
    # Sample k = 1 .. steps of each pair, all pairs at once.
    pair = np.repeat(np.arange(len(steps)), steps)
    k = np.arange(steps.sum()) - np.repeat(np.cumsum(steps) - steps, steps) + 1
    along = length_m[pair] * k / steps[pair]
    lon, lat, _ = wgs84().fwd(lon0[pair], lat0[pair], np.asarray(azimuth)[pair], along)
    at_end = k == steps[pair]
    lat = np.where(at_end, lat0[1:][pair], lat)
    lon = np.where(at_end, lon0[1:][pair], lon)
    # Each step turns less than 180 degrees of longitude: add up the wrapped steps.
    step_deg = np.diff(np.concatenate([lon0[:1], lon]))
    lon = lon0[0] + np.cumsum(np.mod(step_deg + 180.0, 360.0) - 180.0)
    done_m = np.concatenate([[0.0], np.cumsum(length_m)])[:-1]
    km = (done_m[pair] + along) / 1000.0
    return (
        np.concatenate([lat0[:1], lat]),
        np.concatenate([lon0[:1], lon]),
        np.concatenate([[0.0], km]),
    )


def _plain_pairs(points: FloatArray, segment_km: float) -> list[float | None]:
    """For each pair of consecutive (lat, lon) points, the lifted longitude of its end when its
    geodesic needs no vertex between the two (shorter than a segment, off the poles, turning
    less than 90 degrees of longitude and clear of the antimeridian), else None.

    Such a pair is what _lifted_geodesic would make of it, without tracing it: a dense chain
    (a flown track of thousands of points) is mostly such pairs.
    """
    lat, lon = points[:, 0], points[:, 1]
    _, _, length_m = wgs84().inv(lon[:-1], lat[:-1], lon[1:], lat[1:])
    # np.unwrap's lifting of the end, as trace does it.
    step = np.diff(lon)
    wrapped = np.mod(step + 180.0, 360.0) - 180.0
    wrapped = np.where((wrapped == -180.0) & (step > 0.0), 180.0, wrapped)
    end = lon[1:] + np.where(np.abs(step) < 180.0, 0.0, wrapped - step)
    clear = 180.0 - 1e-6
    plain = (
        (np.asarray(length_m) > 0.0)
        & (np.asarray(length_m) / 1000.0 <= segment_km)
        & (np.abs(lat[:-1]) < 90.0)
        & (np.abs(lat[1:]) < 90.0)
        & (np.abs(wrapped) <= 90.0)
        & (np.abs(lon[:-1]) < clear)
        & (np.abs(end) < clear)
    )
    return [float(e) if p else None for p, e in zip(plain.tolist(), end.tolist(), strict=True)]


def _lifted_geodesic(
    start_lat: float, start_lon: float, end_lat: float, end_lon: float, segment_km: float
) -> tuple[FloatArray, FloatArray]:
    """Vertices on the geodesic in continuous longitudes, exact where it crosses 180 + 360 k."""
    geod = wgs84()
    azimuth, _, length_m = geod.inv(start_lon, start_lat, end_lon, end_lat)
    if length_m == 0.0:
        raise GeoError(f"the path starts and ends at the same point ({start_lat}, {start_lon})")

    def curve(along_m: FloatArray) -> tuple[FloatArray, FloatArray]:
        size = along_m.shape
        lons, lats, _ = geod.fwd(
            np.full(size, start_lon), np.full(size, start_lat), np.full(size, azimuth), along_m
        )
        # The ends are the caller's points to the bit.
        at_start, at_end = along_m == 0.0, along_m == length_m
        lons = np.where(at_start, start_lon, np.where(at_end, end_lon, lons))
        lats = np.where(at_start, start_lat, np.where(at_end, end_lat, lats))
        return lons, lats

    steps = max(1, math.ceil(length_m / 1000.0 / segment_km))
    samples = trace(curve, np.linspace(0.0, length_m, steps + 1))
    return samples.lon, samples.lat


def _cut_at_antimeridian(lon: FloatArray, lat: FloatArray) -> LineString | MultiLineString:
    """Split a lifted line where it crosses 180 + 360 k; bring each piece into [-180, 180].

    A line that only runs along the antimeridian (a meridian path) is not split.
    """
    on_meridian = on_antimeridian(lon[1:-1])
    crosses = np.sign(lon[:-2] - lon[1:-1]) * np.sign(lon[2:] - lon[1:-1]) < 0.0
    cuts = [0, *(np.flatnonzero(on_meridian & crosses) + 1).tolist(), len(lon) - 1]
    pieces = []
    for first, last in itertools.pairwise(cuts):
        piece_lon = lon[first : last + 1]
        sheet = _sheet(piece_lon)
        # Each piece lies on one sheet; clipping only removes rounding noise at its ends.
        piece_lon = np.clip(piece_lon - 360.0 * sheet, -180.0, 180.0)
        pieces.append(LineString(np.column_stack([piece_lon, lat[first : last + 1]])))
    return pieces[0] if len(pieces) == 1 else MultiLineString(pieces)


def _sheet(lon: FloatArray) -> int:
    """The k such that a piece of lifted line lies within [360 k - 180, 360 k + 180].

    A piece that ends on a cut meridian m = 180 + 360 j lies east of it (sheet j + 1) or west of it
    (sheet j), as its next vertex off m says: exact, where dividing a longitude a hair off m is not.
    """
    on_meridian = on_antimeridian(lon)
    for end, inward in ((0, lon[1:]), (-1, lon[-2::-1])):
        if on_meridian[end]:
            meridian = float(lon[end])
            off = inward[inward != meridian]
            east = off.size > 0 and off[0] > meridian
            return round((meridian + 180.0) / 360.0) if east else round((meridian - 180.0) / 360.0)
    farthest = lon[np.argmax(np.abs(np.mod(lon, 360.0) - 180.0))]
    return math.floor((float(farthest) + 180.0) / 360.0)
