"""Range fans: the points within an azimuth sector of a centre, between two distances.

A fan is what a launcher at the centre covers when it fires between two bearings (clockwise from
the first to the second) and between a least and a greatest range: on WGS84, the points P whose
shortest geodesic from the centre leaves within the sector and is between `min_km` and `max_km`
long. While geodesics from the centre stay shortest (out to about 19,964 km, see geo.ring), the fan
is the image of that polar rectangle, so its boundary is the outer arc, the two edge geodesics and
the inner arc (or the centre), traced like a ring's and cut at 180 as RFC 7946 asks.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from geo._trace import Trace, trace
from geo._validate import distances_km, finite, latitudes, longitudes, scalar
from geo.arrays import FloatArray
from geo.errors import GeoError, InvalidCoordinateError, InvalidDistanceError
from geo.geodesic import HALF_MERIDIAN_KM, wgs84
from geo.ring import (
    DEFAULT_MAX_SEGMENT_KM,
    WORLD,
    _as_rfc7946,
    _cut_at_antimeridian,
)

__all__ = ["FAN_LIMIT_KM", "range_fan"]

#: The farthest a fan reaches: beyond, geodesics from the centre may pass the cut locus near the
#: antipode, and a sector of azimuths no longer bounds the points it reaches (a ring does).
FAN_LIMIT_KM = HALF_MERIDIAN_KM - 40.0
_AUTHALIC_RADIUS_KM = 6371.0072
#: Vertices on each arc, however short, and on a whole turn however small (a vertex a degree:
#: a short arc's chords then hold 0.005% less area than it).
_MIN_ARC_VERTICES = 4
_VERTICES_PER_TURN = 360
#: Rounds of halving steps whose points lie too far apart (2**40 is ample).
_REFINE_ROUNDS = 40


def range_fan(
    *,
    lat: Any,
    lon: Any,
    min_km: Any,
    max_km: Any,
    from_azimuth: Any,
    to_azimuth: Any,
    max_segment_km: Any = DEFAULT_MAX_SEGMENT_KM,
) -> Polygon | MultiPolygon:
    """The points between `min_km` and `max_km` of (lat, lon) on WGS84 whose shortest geodesic
    from it leaves between `from_azimuth` and `to_azimuth` (degrees clockwise from north; the
    sector runs clockwise from the first to the second), as a lon/lat polygon.

    RFC 7946 like range_ring: cut at +/-180, exteriors counter-clockwise, closed along a pole it
    holds, the globe less a hole when it holds both. `min_km` 0 gives a sector with its apex at
    the centre. Vertices lie on the fan's edges every `max_segment_km` at most.

    >>> # A 2,400 km arc north-east of Neixiang, from 500 km out
    >>> fan = range_fan(lat=32.97, lon=111.88, min_km=500, max_km=2400, from_azimuth=30,
    ...                 to_azimuth=120)
    >>> fan.geom_type, fan.is_valid
    ('Polygon', True)
    """
    center_lat = scalar(latitudes(lat), "latitude", InvalidCoordinateError)
    center_lon = scalar(longitudes(lon), "longitude", InvalidCoordinateError)
    inner = scalar(distances_km(min_km, "min_km", allow_zero=True), "min_km", InvalidDistanceError)
    outer = scalar(distances_km(max_km, "max_km"), "max_km", InvalidDistanceError)
    start = scalar(finite(from_azimuth, "from_azimuth"), "from_azimuth", GeoError)
    end = scalar(finite(to_azimuth, "to_azimuth"), "to_azimuth", GeoError)
    segment = scalar(
        distances_km(max_segment_km, "max_segment_km"), "max_segment_km", InvalidDistanceError
    )
    if inner >= outer:
        raise InvalidDistanceError(f"min_km {inner!r} must be less than max_km {outer!r}")
    if outer > FAN_LIMIT_KM:
        raise InvalidDistanceError(
            f"max_km {outer!r} is beyond {FAN_LIMIT_KM:,.0f} km, where geodesics from the centre "
            "stop being shortest: a fan is solved up to there (a ring goes further)"
        )
    sweep = sweep_deg(start, end)
    curve, t = _boundary(center_lat, center_lon, inner, outer, start, sweep, segment)
    samples = trace(curve, t)
    holds = [_holds_pole(center_lat, center_lon, inner, outer, start, sweep, p) for p in (90, -90)]
    return _region(samples, both_poles=all(holds))


def sweep_deg(from_azimuth: float, to_azimuth: float) -> float:
    """The sector's width, clockwise from `from_azimuth` to `to_azimuth`, in (0, 360): a sector
    of no width, or the whole circle (a ring), is refused.

    >>> sweep_deg(350.0, 10.0), sweep_deg(-90.0, 90.0)
    (20.0, 180.0)
    """
    sweep = math.fmod(to_azimuth - from_azimuth, 360.0)
    sweep = sweep + 360.0 if sweep < 0.0 else sweep
    if sweep == 0.0:
        raise GeoError(
            f"from_azimuth {from_azimuth!r} and to_azimuth {to_azimuth!r} point the same way: a "
            "fan needs a sector between them (a whole circle is a ring)"
        )
    return sweep


def _arc_count(radius_km: float, sweep: float, segment_km: float) -> int:
    circumference = (
        2.0
        * math.pi
        * _AUTHALIC_RADIUS_KM
        * math.sin(min(radius_km / _AUTHALIC_RADIUS_KM, math.pi / 2.0))
    )
    # 25% spare: azimuth steps map to slightly uneven steps along the arc on the ellipsoid.
    by_angle = math.ceil(_VERTICES_PER_TURN * sweep / 360.0)
    return max(
        _MIN_ARC_VERTICES, by_angle, math.ceil(1.25 * circumference * sweep / 360.0 / segment_km)
    )


def _boundary(
    lat: float,
    lon: float,
    inner_km: float,
    outer_km: float,
    start: float,
    sweep: float,
    segment_km: float,
) -> tuple[Any, FloatArray]:
    """The fan's edge counter-clockwise round it, as one curve of t: the outer arc by falling
    azimuth (t 0..1), the first edge inwards (1..2), the inner arc by rising azimuth (2..3) and
    the second edge outwards (3..4); with `inner_km` 0 the edges meet at the centre and the
    second runs over t 2..3."""
    geod = wgs84()
    end = start + sweep
    depth = outer_km - inner_km
    last = 3.0 if inner_km > 0.0 else 2.0

    def curve(t: FloatArray) -> tuple[FloatArray, FloatArray]:
        piece = np.clip(np.floor(t), 0.0, last)
        u = t - piece
        if inner_km == 0.0:
            piece = np.where(piece == 2.0, 3.0, piece)
        azimuth = np.select(
            [piece == 0.0, piece == 1.0, piece == 2.0],
            [end - u * sweep, np.full_like(u, start), start + u * sweep],
            np.full_like(u, end),
        )
        reach = np.select(
            [piece == 0.0, piece == 1.0, piece == 2.0],
            [np.full_like(u, outer_km), outer_km - u * depth, np.full_like(u, inner_km)],
            inner_km + u * depth,
        )
        size = t.shape
        lons, lats, _ = geod.fwd(np.full(size, lon), np.full(size, lat), azimuth, reach * 1000.0)
        # The apex is the centre to the bit.
        at_centre = reach == 0.0
        return np.where(at_centre, lon, lons), np.where(at_centre, lat, lats)

    edge = max(2, math.ceil(1.25 * depth / segment_km) + 1)
    parts = [np.linspace(0.0, 1.0, _arc_count(outer_km, sweep, segment_km) + 1)]
    parts.append(np.linspace(1.0, 2.0, edge)[1:])
    if inner_km > 0.0:
        parts.append(np.linspace(2.0, 3.0, _arc_count(inner_km, sweep, segment_km) + 1)[1:])
    parts.append(np.linspace(last, last + 1.0, edge)[1:])
    return curve, _refined(curve, np.concatenate(parts), segment_km)


def _refined(curve: Any, t: FloatArray, segment_km: float) -> FloatArray:
    """`t` with steps halved where the points they give lie more than `segment_km` apart (the
    arcs' azimuth steps stretch near the antipode)."""
    geod = wgs84()
    for _ in range(_REFINE_ROUNDS):
        lon, lat = curve(t)
        apart = np.asarray(geod.inv(lon[:-1], lat[:-1], lon[1:], lat[1:])[2]) / 1000.0
        far = np.flatnonzero(apart > segment_km)
        if not far.size:
            break
        t = np.insert(t, far + 1, (t[far] + t[far + 1]) / 2.0)
    return t


def _holds_pole(
    lat: float, lon: float, inner_km: float, outer_km: float, start: float, sweep: float, pole: int
) -> bool:
    """Whether the fan holds the pole: within its distances, in its sector."""
    azimuth, _, distance_m = wgs84().inv(lon, lat, lon, float(pole))
    along = math.fmod(float(azimuth) - start, 360.0)
    along = along + 360.0 if along < 0.0 else along
    return inner_km < float(distance_m) / 1000.0 < outer_km and 0.0 < along < sweep


def _region(samples: Trace, *, both_poles: bool) -> Polygon | MultiPolygon:
    """The area a traced edge (counter-clockwise round it, first sample again last) bounds."""
    lon, lat = _through_poles(samples.lon, samples.lat), samples.lat.copy()
    winding = round((lon[-1] - lon[0]) / 360.0)
    lon[-1], lat[-1] = lon[0] + 360.0 * winding, lat[0]
    if winding != 0:
        return _as_rfc7946(shapely.union_all(_cut_at_antimeridian(_cap(lon, lat, winding))))
    pieces = _cut_at_antimeridian(Polygon(np.column_stack([lon, lat])))
    if both_poles:
        return _as_rfc7946(WORLD.difference(shapely.union_all(pieces)))
    return _as_rfc7946(MultiPolygon(pieces) if len(pieces) > 1 else pieces[0])


def _through_poles(lon: FloatArray, lat: FloatArray) -> FloatArray:
    """Lifted longitudes where the edge runs through a pole (an edge geodesic along a meridian,
    as one at azimuth 0 does when it reaches the North Pole): there longitude turns by 180 degrees
    at once, which lifting leaves either way. With the fan on the edge's left, the step goes
    west along the North Pole and east along the South Pole, as round a cap."""
    step = np.diff(lon)
    polar = (np.abs(step) >= 180.0 - 1e-9) & (np.abs(lat[:-1]) > 89.0) & (lat[:-1] * lat[1:] > 0.0)
    if not polar.any():
        return lon.copy()
    wanted = np.where(lat[:-1] > 0.0, -np.abs(step), np.abs(step))
    fix = np.where(polar, wanted - step, 0.0)
    lifted: FloatArray = lon + np.concatenate([[0.0], np.cumsum(fix)])
    return lifted


def _cap(lon: FloatArray, lat: FloatArray, winding: int) -> Polygon:
    """An edge winding once round a pole (+1 the North Pole, -1 the South), closed along that
    pole, in lifted longitudes: the loop runs from its vertex nearest the pole round to the same
    vertex 360 degrees on, so the meridians up to the pole from there cross no edge."""
    pole = 90.0 * winding
    first = int(np.argmax(lat * winding))
    loop_lon = np.concatenate([lon[first:-1], lon[: first + 1] + 360.0 * winding])
    loop_lat = np.concatenate([lat[first:-1], lat[: first + 1]])
    ring = np.column_stack(
        [
            np.append(loop_lon, [loop_lon[-1], loop_lon[0]]),
            np.append(loop_lat, [pole, pole]),
        ]
    )
    return Polygon(ring)
