"""Independent checks of geo's results: GeographicLib (pure Python), areas by pieces."""

from __future__ import annotations

import math

import numpy as np
import shapely
from geographiclib.geodesic import Geodesic
from geographiclib.polygonarea import PolygonArea
from pyproj import Geod
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

GEODESIC = Geodesic.WGS84
EARTH_AREA_M2 = PolygonArea(GEODESIC).area0
QUADRANTS = [box(w, s, w + 180.0, s + 90.0) for w in (-180.0, 0.0) for s in (-90.0, 0.0)]


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Shortest distance by GeographicLib's own inverse solution."""
    return float(GEODESIC.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"])


def disc_area_m2(lat: float, lon: float, radius_km: float, vertices: int = 3600) -> float:
    """Area within radius of a centre, from a dense ring of GeographicLib direct solutions.

    Traversed counter-clockwise and without sign, GeographicLib reports the area on the left, which
    is the disc even when it is larger than half the Earth. Valid while forward geodesics are
    shortest (radius below 19,900 km); beyond, the disc is the globe within 0.02%.
    """
    if radius_km > 19900.0:
        return EARTH_AREA_M2
    polygon = PolygonArea(GEODESIC)
    for azimuth in np.linspace(0.0, -360.0, vertices, endpoint=False):
        end = GEODESIC.Direct(lat, lon, float(azimuth), radius_km * 1000.0)
        polygon.AddPoint(end["lat2"], end["lon2"])
    _, _, area = polygon.Compute(False, False)
    return float(area)


def area_by_pieces_m2(geometry: BaseGeometry) -> float:
    """Geodesic area of a lon/lat geometry, summed over its parts in each quadrant of the globe.

    Signed geodesic areas are ambiguous above half the Earth; no quadrant piece is that large.
    Quadrant edges run along the equator and meridians (geodesics), densified to 1 degree.
    """
    geod = Geod(ellps="WGS84")
    total = 0.0
    for quadrant in QUADRANTS:
        piece = shapely.segmentize(geometry.intersection(quadrant), 1.0)
        for part in getattr(piece, "geoms", [piece]):
            if part.geom_type == "Polygon" and part.area > 0.0:
                area, _ = geod.geometry_area_perimeter(part)
                total += abs(area)
    return total


def polygon_area_m2(geometry: BaseGeometry) -> float:
    """Geodesic area of a lon/lat geometry by GeographicLib's PolygonArea (pure Python, no pyproj),
    summed over its parts in each quadrant, each ring traversed with its orientation in the plane:
    exteriors counter-clockwise add, holes clockwise subtract. Edges are the geometry's own
    (taken as geodesics), but those 180 degrees long along the Equator, which would be
    antipodal: these are cut in three."""
    total = 0.0
    for quadrant in QUADRANTS:
        piece = shapely.orient_polygons(shapely.segmentize(geometry.intersection(quadrant), 60.0))
        for part in getattr(piece, "geoms", [piece]):
            if part.geom_type != "Polygon" or part.is_empty:
                continue
            for ring in (part.exterior, *part.interiors):
                polygon = PolygonArea(GEODESIC)
                for lon, lat in ring.coords[:-1]:
                    polygon.AddPoint(lat, lon)
                total += float(polygon.Compute(False, True)[2])
    return total


def on_pole(lat: float) -> bool:
    return math.isclose(abs(lat), 90.0, rel_tol=0.0, abs_tol=0.0)
