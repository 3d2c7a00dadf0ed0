"""Areas: the polygonal part of a shapely result, as one Polygon or MultiPolygon, and its area on
WGS84 (right past half the Earth, where a signed area would read as the complement)."""

from __future__ import annotations

from typing import TypeAlias

import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from geo.geodesic import wgs84

__all__ = ["Area", "area_km2", "polygonal"]

Area: TypeAlias = Polygon | MultiPolygon


def polygonal(shape: shapely.Geometry) -> Area:
    """The polygons of `shape` (a boolean operation may add lines or points where areas touch),
    merged; an empty Polygon when there are none.

    >>> from shapely.geometry import LineString, box
    >>> polygonal(shapely.GeometryCollection([box(0, 0, 1, 1), LineString([(1, 1), (2, 2)])]))
    <POLYGON ((1 0, 1 1, 0 1, 0 0, 1 0))>
    """
    if isinstance(shape, (Polygon, MultiPolygon)):
        return shape
    parts = [p for p in shapely.get_parts(shape) if isinstance(p, (Polygon, MultiPolygon))]
    merged = shapely.union_all(parts) if parts else Polygon()
    return merged if isinstance(merged, (Polygon, MultiPolygon)) else Polygon()


#: The eight octants of the globe (90 degrees of longitude by a hemisphere), bounded by the
#: Equator and meridians: geodesics, so cutting a shape along them leaves its area as it is.
_OCTANTS = tuple(
    box(west, south, west + 90.0, south + 90.0)
    for west in (-180.0, -90.0, 0.0, 90.0)
    for south in (-90.0, 0.0)
)


def area_km2(shape: Area) -> float:
    """Area on WGS84 in km2, its edges taken as geodesics (near enough for lon/lat edges a few
    km long, as rings' and bands' are), right up to the whole globe.

    A signed geodesic area is ambiguous above half the Earth (a ring then reads as its
    complement): a shape that might be that large is summed by its pieces in the octants, each
    at most an eighth of the Earth, wound counter-clockwise round the area they hold.

    >>> round(area_km2(box(-180.0, -90.0, 180.0, 90.0)))  # the whole globe
    510065622
    >>> round(area_km2(box(-180.0, -90.0, 180.0, 90.0).difference(box(0.0, 0.0, 1.0, 1.0))))
    510053313
    """
    if shape.is_empty:
        return 0.0
    pieces = _pieces(shape) if _may_exceed_half(shape) else [shape]
    geod = wgs84()
    signed = (geod.geometry_area_perimeter(shapely.orient_polygons(piece))[0] for piece in pieces)
    return float(sum(signed)) / 1e6


def _may_exceed_half(shape: Area) -> bool:
    """Whether `shape` reaches into both hemispheres and spans more than 180 degrees of
    longitude; otherwise it lies in a hemisphere or a half-globe lune, no larger than half."""
    west, south, east, north = shape.bounds
    return bool(south < 0.0 < north and east - west > 180.0)


def _pieces(shape: Area) -> list[Area]:
    """The polygonal parts of `shape` in each octant."""
    cut = (polygonal(shapely.intersection(shape, octant)) for octant in _OCTANTS)
    return [piece for piece in cut if not piece.is_empty]
