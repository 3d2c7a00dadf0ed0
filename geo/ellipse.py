"""Geodesic ellipses: the points whose distances to two foci add up to at most a length.

The set d(A, P) + d(P, B) <= s is where an aircraft can fly from A, over P, to B on a usable range
s: the round-trip reach between two landings. Along each geodesic leaving A the sum only grows
(moving on by x changes the distance to B by at most x), so the ellipse is star-shaped from A and
its boundary can be solved ray by ray, like a ring's, as long as the rays stay shortest paths.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from geo._trace import Curve
from geo._validate import distances_km, latitudes, longitudes, scalar
from geo.area import polygonal
from geo.arrays import FloatArray
from geo.errors import GeoError, InvalidCoordinateError, InvalidDistanceError
from geo.geodesic import HALF_MERIDIAN_KM, wgs84
from geo.ring import DEFAULT_MAX_SEGMENT_KM, WORLD, range_ring, region_within

__all__ = ["range_ellipse"]

_AUTHALIC_RADIUS_KM = 6371.0072
_MIN_VERTICES = 128
#: Rounds of halving the azimuth steps where vertices lie too far apart (2**40 is ample).
_REFINE_ROUNDS = 40
#: Rays from a focus stay shortest paths this far (the cut locus comes no nearer, see geo.ring).
_FORWARD_LIMIT_KM = HALF_MERIDIAN_KM - 40.0
#: Each ray's solution puts the sum within a micrometre of the length asked for.
_SUM_TOLERANCE_M = 1e-6
#: Halving the bracket this often alone brings it under a micrometre for any ray on Earth.
_MAX_STEPS = 60
#: How far inside the bracket (as a share of it) a Newton step that would leave it is put.
_INSET = 0.01


def range_ellipse(
    *,
    lat1: Any,
    lon1: Any,
    lat2: Any,
    lon2: Any,
    sum_km: Any,
    max_segment_km: Any = DEFAULT_MAX_SEGMENT_KM,
) -> Polygon | MultiPolygon:
    """All points P with d(focus 1, P) + d(P, focus 2) <= `sum_km` on WGS84, as a lon/lat polygon.

    Like range_ring (which it is when the foci coincide, with radius sum_km / 2): RFC 7946, cut at
    +/-180, closed along a pole it holds, the globe less a hole when it holds both, the globe from
    twice the half meridian. Vertices lie on the ellipse (to a micrometre) every `max_segment_km`
    at most.

    >>> # An H-6K's round trip on 6,000 km between Neixiang and Vladivostok Knevichi
    >>> shape = range_ellipse(lat1=32.97, lon1=111.88, lat2=43.4, lon2=132.15, sum_km=6000)
    >>> shape.geom_type, shape.is_valid
    ('Polygon', True)
    """
    a_lat = scalar(latitudes(lat1, "lat1"), "lat1", InvalidCoordinateError)
    a_lon = scalar(longitudes(lon1, "lon1"), "lon1", InvalidCoordinateError)
    b_lat = scalar(latitudes(lat2, "lat2"), "lat2", InvalidCoordinateError)
    b_lon = scalar(longitudes(lon2, "lon2"), "lon2", InvalidCoordinateError)
    total = scalar(distances_km(sum_km, "sum"), "sum", InvalidDistanceError)
    segment = scalar(
        distances_km(max_segment_km, "max_segment_km"), "max_segment_km", InvalidDistanceError
    )
    geod = wgs84()
    between = float(geod.inv(a_lon, a_lat, b_lon, b_lat)[2]) / 1000.0
    if between == 0.0:
        return range_ring(lat=a_lat, lon=a_lon, radius_km=total / 2.0, max_segment_km=segment)
    if total >= 2.0 * HALF_MERIDIAN_KM:
        return WORLD
    if total <= between:
        raise GeoError(
            f"sum {total!r} km must exceed the {between:,.3f} km between the foci "
            "(no point is nearer to both)"
        )
    farthest = (total + between) / 2.0
    if farthest > _FORWARD_LIMIT_KM:
        raise GeoError(
            f"an ellipse reaching {farthest:,.0f} km from a focus passes where geodesics stop "
            f"being shortest (beyond {_FORWARD_LIMIT_KM:,.0f} km): sum {total:,.0f} km with foci "
            f"{between:,.0f} km apart is too large to solve"
        )
    curve = _remembering(_boundary(a_lat, a_lon, b_lat, b_lon, total))
    length = (
        2.0
        * math.pi
        * _AUTHALIC_RADIUS_KM
        * math.sin(min(farthest / _AUTHALIC_RADIUS_KM, math.pi / 2.0))
    )
    count = max(_MIN_VERTICES, math.ceil(1.25 * length / segment))
    azimuths = _refined(curve, np.linspace(0.0, -360.0, count + 1), segment)  # counter-clockwise
    _, _, to_poles_a = geod.inv([a_lon, a_lon], [a_lat, a_lat], [a_lon, a_lon], [90.0, -90.0])
    _, _, to_poles_b = geod.inv([b_lon, b_lon], [b_lat, b_lat], [b_lon, b_lon], [90.0, -90.0])
    sums = (np.asarray(to_poles_a) + np.asarray(to_poles_b)) / 1000.0
    region = region_within(curve, azimuths, bool(np.all(sums <= total)))
    # A sum within micrometres of the foci's distance leaves a sliver whose sides cross in
    # rounding: GEOS makes it valid (a line of zero area, or nothing).
    return region if region.is_valid else polygonal(shapely.make_valid(region))


def _remembering(curve: Curve) -> Curve:
    """The curve, answering a second call with the same parameters from the first: the vertices
    found while refining are traced as they are."""
    last: dict[bytes, tuple[FloatArray, FloatArray]] = {}

    def remembered(t: FloatArray) -> tuple[FloatArray, FloatArray]:
        key = np.ascontiguousarray(t).tobytes()
        if key not in last:
            last.clear()
            last[key] = curve(t)
        lon, lat = last[key]
        return lon.copy(), lat.copy()

    return remembered


def _refined(curve: Curve, azimuths: FloatArray, segment_km: float) -> FloatArray:
    """Azimuths halved where the vertices they give lie more than `segment_km` apart: a thin
    ellipse turns at its far end within a sliver of azimuth, which even sampling steps over."""
    geod = wgs84()
    for _ in range(_REFINE_ROUNDS):
        lon, lat = curve(azimuths)
        apart = np.asarray(geod.inv(lon[:-1], lat[:-1], lon[1:], lat[1:])[2]) / 1000.0
        far = np.flatnonzero(apart > segment_km)
        if not far.size:
            break
        middles = (azimuths[far] + azimuths[far + 1]) / 2.0
        azimuths = np.insert(azimuths, far + 1, middles)
    return azimuths


def _boundary(a_lat: float, a_lon: float, b_lat: float, b_lon: float, total_km: float) -> Curve:
    """The ellipse as a curve of the azimuth at focus A: along each ray, the distance r at which
    f(r) = r + d(P(r), B) - total reaches 0, by Newton's method kept inside a shrinking bracket (f never
    falls along the ray; its slope is 1 - cos of the angle at P between the ray and B)."""
    geod = wgs84()
    total_m = total_km * 1000.0
    between_m = float(geod.inv(a_lon, a_lat, b_lon, b_lat)[2])
    reach_m = (total_m + between_m) / 2.0  # by the triangle inequality, the sum is met by here
    toward_b = float(geod.inv(a_lon, a_lat, b_lon, b_lat)[0])

    def point(azimuth: FloatArray, along: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        size = azimuth.shape
        lons, lats, back = geod.fwd(np.full(size, a_lon), np.full(size, a_lat), azimuth, along)
        return np.asarray(lons), np.asarray(lats), np.asarray(back)

    def excess(azimuth: FloatArray, along: FloatArray) -> tuple[FloatArray, FloatArray]:
        """f at `along` on each ray, and its slope there."""
        lons, lats, back = point(azimuth, along)
        size = azimuth.shape
        to_b_azimuth, _, to_b = geod.inv(lons, lats, np.full(size, b_lon), np.full(size, b_lat))
        turn = np.radians(np.asarray(back) + 180.0 - np.asarray(to_b_azimuth))
        return along + np.asarray(to_b) - total_m, 1.0 - np.cos(turn)

    def curve(azimuth: FloatArray) -> tuple[FloatArray, FloatArray]:
        low = np.zeros_like(azimuth)
        high = np.full_like(azimuth, reach_m)
        inset = reach_m * _INSET
        along = np.clip(_on_sphere(azimuth - toward_b, between_m, total_m), inset, reach_m - inset)
        for _ in range(_MAX_STEPS):
            value, slope = excess(azimuth, along)
            over = value >= 0.0
            high = np.where(over, along, high)
            low = np.where(over, low, along)
            if np.all((np.abs(value) <= _SUM_TOLERANCE_M) | (high - low <= _SUM_TOLERANCE_M)):
                break
            with np.errstate(divide="ignore", invalid="ignore"):
                newton = along - value / slope
            # A step that leaves the bracket lands just inside it: the root is near that end.
            inner = (high - low) * _INSET
            stepped = np.clip(newton, low + inner, high - inner)
            along = np.where(np.isfinite(newton), stepped, (low + high) / 2.0)
        lons, lats, _ = point(azimuth, along)
        return lons, lats

    return curve


def _on_sphere(angle_deg: FloatArray, between_m: float, total_m: float) -> FloatArray:
    """The ellipse's distance from focus A on a sphere, at `angle_deg` from the direction of B: a
    first guess for the ellipsoid's. From cos(s - r) = cos r cos c + sin r sin c cos(angle),
    tan r = (cos c - cos s) / (sin s - sin c cos(angle)), distances as angles."""
    c = between_m / 1000.0 / _AUTHALIC_RADIUS_KM
    total = total_m / 1000.0 / _AUTHALIC_RADIUS_KM
    across = math.sin(total) - math.sin(c) * np.cos(np.radians(angle_deg))
    r = np.arctan2(math.cos(c) - math.cos(total), across)
    guess: FloatArray = r * _AUTHALIC_RADIUS_KM * 1000.0
    return guess
