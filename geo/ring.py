"""Geodesic range rings: the set of points within a distance of a centre, as an RFC 7946 polygon."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.polygon import orient

from geo._trace import Curve, Trace, on_antimeridian, trace
from geo._validate import distances_km, latitudes, longitudes, scalar
from geo.arrays import FloatArray
from geo.errors import InvalidCoordinateError, InvalidDistanceError
from geo.geodesic import HALF_MERIDIAN_KM, wgs84

__all__ = ["DEFAULT_MAX_SEGMENT_KM", "WORLD", "range_ring"]

#: Default greatest spacing of ring and path vertices.
DEFAULT_MAX_SEGMENT_KM = 25.0
#: The whole globe in lon/lat.
WORLD = box(-180.0, -90.0, 180.0, 90.0)

_MIN_VERTICES = 128
_AUTHALIC_RADIUS_KM = 6371.0072
#: Beyond this radius forward geodesics may pass the cut locus near the antipode (about 33 km short
#: of the half meridian at the equator), so the boundary is solved outward from the antipode.
_FORWARD_LIMIT_KM = HALF_MERIDIAN_KM - 40.0
#: Outer bound, beyond the farthest reach of the cut locus, for the search out from the antipode.
_ANTIPODE_SEARCH_KM = 120.0
_BISECTION_STEPS = 64


def range_ring(
    *, lat: Any, lon: Any, radius_km: Any, max_segment_km: Any = DEFAULT_MAX_SEGMENT_KM
) -> Polygon | MultiPolygon:
    """All points within `radius_km` of (lat, lon) on WGS84, as a lon/lat polygon.

    The result follows RFC 7946: cut at +/-180 (a MultiPolygon when the ring crosses it), exterior
    rings counter-clockwise, a cap around a pole closed along that pole. A ring enclosing both poles
    is the globe less a hole around the antipode; a radius of a half meridian or more is the globe.
    Vertices lie on the ring every `max_segment_km` at most.

    >>> ring = range_ring(lat=51.17, lon=128.445, radius_km=10300)  # Tu-95MS from Ukrainka
    >>> ring.geom_type, ring.covers(shapely.Point(0.0, 90.0))
    ('Polygon', True)
    """
    center_lat = scalar(latitudes(lat), "latitude", InvalidCoordinateError)
    center_lon = scalar(longitudes(lon), "longitude", InvalidCoordinateError)
    radius = scalar(distances_km(radius_km, "radius"), "radius", InvalidDistanceError)
    segment = scalar(
        distances_km(max_segment_km, "max_segment_km"), "max_segment_km", InvalidDistanceError
    )
    if radius >= HALF_MERIDIAN_KM:
        return WORLD
    if radius <= _FORWARD_LIMIT_KM:
        curve, t = _forward_boundary(center_lat, center_lon, radius, segment)
    else:
        curve, t = _antipodal_boundary(center_lat, center_lon, radius, segment)
    return region_within(curve, t, _encloses_both_poles(center_lat, center_lon, radius))


def region_within(curve: Curve, t: FloatArray, both_poles: bool) -> Polygon | MultiPolygon:
    """The region a closed boundary curve (sampled at `t`, counter-clockwise round the region)
    encloses, as an RFC 7946 polygon: closed along a pole it winds round, cut at the antimeridian,
    or the globe less a hole when it holds `both_poles`."""
    samples = trace(curve, t)
    winding = round((samples.lon[-1] - samples.lon[0]) / 360.0)
    # The last sample is the first one again: make it so to the bit (lifted by the winding).
    samples.lon[-1] = samples.lon[0] + 360.0 * winding
    samples.lat[-1] = samples.lat[0]
    if winding != 0:
        return _polar_cap(samples, winding)
    pieces = _cut_at_antimeridian(Polygon(np.column_stack([samples.lon, samples.lat])))
    if both_poles:
        return _as_rfc7946(WORLD.difference(shapely.union_all(pieces)))
    return _as_rfc7946(MultiPolygon(pieces) if len(pieces) > 1 else pieces[0])


def _vertex_count(boundary_length_km: float, segment_km: float) -> int:
    # 25% spare: azimuth steps map to slightly uneven steps along the ring on the ellipsoid.
    return max(_MIN_VERTICES, math.ceil(1.25 * boundary_length_km / segment_km))


def _forward_boundary(
    lat: float, lon: float, radius_km: float, segment_km: float
) -> tuple[Curve, FloatArray]:
    """The ring as forward geodesics from the centre, by decreasing azimuth (counter-clockwise)."""
    length = (
        2.0
        * math.pi
        * _AUTHALIC_RADIUS_KM
        * math.sin(min(radius_km / _AUTHALIC_RADIUS_KM, math.pi / 2))
    )
    n = _vertex_count(length, segment_km)
    geod = wgs84()

    def curve(azimuth: FloatArray) -> tuple[FloatArray, FloatArray]:
        size = azimuth.shape
        lons, lats, _ = geod.fwd(
            np.full(size, lon), np.full(size, lat), azimuth, np.full(size, radius_km * 1000.0)
        )
        return np.asarray(lons), np.asarray(lats)

    return curve, np.linspace(0.0, -360.0, n + 1)


def _antipodal_boundary(
    lat: float, lon: float, radius_km: float, segment_km: float
) -> tuple[Curve, FloatArray]:
    """The ring solved outward from the antipode by rising azimuth (counter-clockwise for the disc).

    Near the half meridian, forward geodesics pass the cut locus, so each boundary point is found by
    bisection on the distance from the antipode, with distances to the centre from the inverse
    problem (always a shortest path).
    """
    anti_lat, anti_lon = -lat, lon + 180.0
    n = _vertex_count(
        2.0 * math.pi * (HALF_MERIDIAN_KM - radius_km + _ANTIPODE_SEARCH_KM), segment_km
    )
    geod = wgs84()
    radius_m = radius_km * 1000.0

    def point(
        azimuth: FloatArray, reach_m: FloatArray
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        size = azimuth.shape
        lons, lats, _ = geod.fwd(np.full(size, anti_lon), np.full(size, anti_lat), azimuth, reach_m)
        _, _, to_center = geod.inv(np.full(size, lon), np.full(size, lat), lons, lats)
        return np.asarray(lons), np.asarray(lats), np.asarray(to_center)

    def curve(azimuth: FloatArray) -> tuple[FloatArray, FloatArray]:
        inner = np.zeros_like(azimuth)
        outer = np.full_like(azimuth, (HALF_MERIDIAN_KM - radius_km + _ANTIPODE_SEARCH_KM) * 1000.0)
        for _ in range(_BISECTION_STEPS):
            middle = (inner + outer) / 2.0
            _, _, to_center = point(azimuth, middle)
            beyond = to_center > radius_m
            inner = np.where(beyond, middle, inner)
            outer = np.where(beyond, outer, middle)
        lons, lats, _ = point(azimuth, (inner + outer) / 2.0)
        return lons, lats

    return curve, np.linspace(0.0, 360.0, n + 1)


def _polar_cap(samples: Trace, winding: int) -> Polygon:
    """Close a ring that winds round one pole along that pole, cut at the antimeridian.

    winding +1 (longitude rising, counter-clockwise) encloses the North Pole, -1 the South Pole.
    """
    lon, lat = samples.lon, samples.lat
    seam = int(np.flatnonzero(on_antimeridian(lon))[0])
    # Start the loop on the seam so that it runs from one side of the antimeridian to the other.
    arc_lon = np.concatenate([lon[seam:], lon[1 : seam + 1] + 360.0 * winding])
    arc_lat = np.concatenate([lat[seam:], lat[1 : seam + 1]])
    # Shift the seam onto the antimeridian; clipping removes only the rounding of that shift.
    arc_lon = np.clip(arc_lon - (arc_lon[0] + 180.0 * winding), -180.0, 180.0)
    pole = 90.0 * winding
    cap = np.column_stack(
        [np.append(arc_lon, [arc_lon[-1], arc_lon[0]]), np.append(arc_lat, [pole, pole])]
    )
    return Polygon(cap)


def _cut_at_antimeridian(lifted: Polygon) -> list[Polygon]:
    """Cut a polygon in lifted longitudes into pieces within [-180, 180]."""
    min_lon, _, max_lon, _ = lifted.bounds
    if min_lon >= -180.0 and max_lon <= 180.0:
        return [lifted]
    pieces: list[Polygon] = []
    for sheet in range(
        math.floor((min_lon + 180.0) / 360.0), math.ceil((max_lon - 180.0) / 360.0) + 1
    ):
        shifted = shapely.transform(lifted, lambda xy, k=sheet: xy - np.array([360.0 * k, 0.0]))
        pieces.extend(_polygons(shifted.intersection(WORLD)))
    return pieces


def _polygons(geometry: shapely.Geometry) -> list[Polygon]:
    parts = getattr(geometry, "geoms", [geometry])
    return [part for part in parts if isinstance(part, Polygon) and part.area > 0.0]


def _encloses_both_poles(lat: float, lon: float, radius_km: float) -> bool:
    _, _, to_poles = wgs84().inv([lon, lon], [lat, lat], [lon, lon], [90.0, -90.0])
    return bool(np.all(np.asarray(to_poles) <= radius_km * 1000.0))


def _as_rfc7946(geometry: shapely.Geometry) -> Polygon | MultiPolygon:
    """Orient exteriors counter-clockwise and holes clockwise."""
    parts = [orient(part, sign=1.0) for part in _polygons(geometry)]
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)
