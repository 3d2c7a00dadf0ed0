"""The point of a zone's boundary nearest a place, on the WGS84 ellipsoid.

A zone's boundary is its edges as stored: straight in (lon, lat) between vertices, as the
crossings are found (airspace.crossings). The cuts of a polygon along the antimeridian are not
boundary. Every edge is sampled every _SAMPLE_KM or closer, the nearest sample found by WGS84
geodesic distance, and the point refined on the edges beside it by golden-section search, to a
millimetre.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from airspace.errors import AirspaceError
from airspace.zones import Zone
from geo import FloatArray, Position, check_position
from geo.geodesic import wgs84

__all__ = ["nearest_edge_point"]

#: Edges are sampled at least this densely (km) before the nearest point is refined.
_SAMPLE_KM = 2.0
_KM_PER_DEGREE = 111.0
_GOLDEN = (math.sqrt(5.0) - 1.0) / 2.0
#: Golden-section steps: the bracket shrinks to 0.618^n of a sample spacing (well under 1 mm).
_STEPS = 40


def nearest_edge_point(zone: Zone, *, lat: float, lon: float) -> tuple[Position, float]:
    """The point of `zone`'s boundary nearest (lat, lon) and its distance in km.

    >>> from airspace.zones import find_zone
    >>> point, km = nearest_edge_point(find_zone("adiz-US-GU"), lat=13.48, lon=144.8)
    >>> round(km, 3), round(point.lat, 4), round(point.lon, 4)  # the hole round Guam's airspace
    (86.029, 13.1827, 145.5337)
    """
    here = check_position(lat=lat, lon=lon)
    starts, ends = _edges(zone.geometry)
    if not len(starts):
        raise AirspaceError(f"zone {zone.id} has no boundary")
    pieces = np.maximum(
        np.ceil(np.hypot(*(ends - starts).T) * _KM_PER_DEGREE / _SAMPLE_KM), 1
    ).astype(int)
    edge = np.repeat(np.arange(len(starts)), pieces + 1)
    t = np.concatenate([np.linspace(0.0, 1.0, n + 1) for n in pieces])
    km = _km_to(here, _along(starts[edge], ends[edge], t))
    best = int(np.argmin(km))
    chosen, chosen_km = _refined(here, starts, ends, int(edge[best]), float(t[best]), pieces)
    lon_at, lat_at = chosen
    return Position(float(lat_at), float(lon_at)), chosen_km


def _edges(geometry: BaseGeometry) -> tuple[FloatArray, FloatArray]:
    """The boundary's edges as (lon, lat) start and end points, less the antimeridian cuts."""
    boundary = (
        geometry if geometry.geom_type in ("LineString", "MultiLineString") else geometry.boundary
    )
    starts, ends = [], []
    for part in shapely.get_parts(boundary):
        coords = shapely.get_coordinates(part)
        starts.append(coords[:-1])
        ends.append(coords[1:])
    if not starts:
        return np.empty((0, 2)), np.empty((0, 2))
    start, end = np.concatenate(starts), np.concatenate(ends)
    on_cut = (np.abs(start[:, 0]) == 180.0) & (start[:, 0] == end[:, 0])
    moved = np.any(start != end, axis=1)
    keep = moved & ~on_cut
    return start[keep], end[keep]


def _along(start: FloatArray, end: FloatArray, t: FloatArray) -> FloatArray:
    return start + (end - start) * np.asarray(t)[..., None]


def _km_to(here: Position, points: FloatArray) -> FloatArray:
    count = len(points)
    _, _, metres = wgs84().inv(
        np.full(count, here.lon), np.full(count, here.lat), points[:, 0], points[:, 1]
    )
    return np.asarray(metres, dtype=np.float64) / 1000.0


def _refined(
    here: Position,
    starts: FloatArray,
    ends: FloatArray,
    edge: int,
    t: float,
    pieces: np.ndarray,
) -> tuple[FloatArray, float]:
    """The nearest point on `edge` within a sample spacing of parameter `t`, and on the edges
    that meet it there (the nearest point may lie just round a vertex)."""
    step = 1.0 / pieces[edge]
    candidates = [(edge, max(0.0, t - step), min(1.0, t + step))]
    if t <= step and edge > 0:
        candidates.append((edge - 1, 1.0 - 1.0 / pieces[edge - 1], 1.0))
    if t >= 1.0 - step and edge + 1 < len(starts):
        candidates.append((edge + 1, 0.0, 1.0 / pieces[edge + 1]))
    best: tuple[FloatArray, float] | None = None
    for index, low, high in candidates:
        point, km = _golden(here, starts[index], ends[index], low, high)
        if best is None or km < best[1]:
            best = (point, km)
    assert best is not None
    return best


def _golden(
    here: Position, start: FloatArray, end: FloatArray, low: float, high: float
) -> tuple[FloatArray, float]:
    def km_at(t: float) -> float:
        return float(_km_to(here, _along(start, end, np.array([t])))[0])

    a, b = low, high
    c, d = b - _GOLDEN * (b - a), a + _GOLDEN * (b - a)
    kc, kd = km_at(c), km_at(d)
    for _ in range(_STEPS):
        if kc < kd:
            b, d, kd = d, c, kc
            c = b - _GOLDEN * (b - a)
            kc = km_at(c)
        else:
            a, c, kc = c, d, kd
            d = a + _GOLDEN * (b - a)
            kd = km_at(d)
    ends = [(low, km_at(low)), (high, km_at(high)), ((a + b) / 2.0, km_at((a + b) / 2.0))]
    t, km = min(ends, key=lambda pair: pair[1])
    return _along(start, end, np.array([t]))[0], km
