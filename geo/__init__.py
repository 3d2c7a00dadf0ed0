"""geo: WGS84 geodesics, range rings, geodesic paths and areas, in RFC 7946 geometry.

Pure geometry: shapely, pyproj and numpy only. Public functions take ``lat=``/``lon=`` keywords
and kilometres; geometries are shapely objects in (lon, lat) order. ``FloatArray`` and
``IntArray`` are the numpy array types the packages above share.
"""

from geo.area import Area, area_km2, polygonal
from geo.arrays import FloatArray, IntArray
from geo.ellipse import range_ellipse
from geo.errors import GeoError, InvalidCoordinateError, InvalidDistanceError
from geo.fan import FAN_LIMIT_KM, range_fan
from geo.geodesic import (
    HALF_MERIDIAN_KM,
    QUARTER_MERIDIAN_KM,
    Position,
    check_position,
    destination,
    distance_km,
    initial_azimuth_deg,
)
from geo.path import chain_path, chain_samples, geodesic_path, geodesic_ray
from geo.ring import DEFAULT_MAX_SEGMENT_KM, WORLD, range_ring
from geo.sphere import unit_vectors
from geo.unwrap import unwrap

__all__ = [
    "DEFAULT_MAX_SEGMENT_KM",
    "FAN_LIMIT_KM",
    "HALF_MERIDIAN_KM",
    "QUARTER_MERIDIAN_KM",
    "WORLD",
    "Area",
    "FloatArray",
    "GeoError",
    "IntArray",
    "InvalidCoordinateError",
    "InvalidDistanceError",
    "Position",
    "area_km2",
    "chain_path",
    "chain_samples",
    "check_position",
    "destination",
    "distance_km",
    "geodesic_path",
    "geodesic_ray",
    "initial_azimuth_deg",
    "polygonal",
    "range_ellipse",
    "range_fan",
    "range_ring",
    "unit_vectors",
    "unwrap",
]
