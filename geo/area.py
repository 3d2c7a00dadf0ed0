"""Areas: the polygonal part of a shapely result, as one Polygon or MultiPolygon."""

from __future__ import annotations

from typing import TypeAlias

import shapely
from shapely.geometry import MultiPolygon, Polygon

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


def area_km2(shape: Area) -> float:
    """Area on WGS84 in km2, its edges taken as geodesics (near enough for lon/lat edges a few
    km long, as rings' and bands' are)."""
    if shape.is_empty:
        return 0.0
    return abs(float(wgs84().geometry_area_perimeter(shape)[0])) / 1e6
