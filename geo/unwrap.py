"""Unwrapping RFC 7946 geometry to continuous longitudes around a centre, for web maps."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPoint, Point, box
from shapely.geometry.base import BaseGeometry

from geo._validate import finite, scalar
from geo.errors import GeoError, InvalidCoordinateError

__all__ = ["unwrap"]


def unwrap(geometry: BaseGeometry, *, center_lon: Any) -> BaseGeometry:
    """Return `geometry` with longitudes in [center_lon - 180, center_lon + 180], pieces rejoined.

    A route cut at +/-180 becomes one line, a ring cut there one polygon, so Leaflet draws them
    continuously across the Pacific. Latitudes are unchanged.

    >>> from shapely.geometry import MultiLineString
    >>> cut = MultiLineString([[(170, 10), (180, 12)], [(-180, 12), (-170, 14)]])
    >>> unwrap(cut, center_lon=180).wkt
    'LINESTRING (170 10, 180 12, 190 14)'
    """
    center = scalar(
        finite(center_lon, "center_lon", InvalidCoordinateError),
        "center_lon",
        InvalidCoordinateError,
    )
    west, east = center - 180.0, center + 180.0
    if isinstance(geometry, (Point, MultiPoint)):
        return shapely.transform(geometry, lambda xy: _into_window(xy, west))
    window = _window(west, east)
    min_lon, _, max_lon, _ = geometry.bounds
    sheets = range(math.floor((west - max_lon) / 360.0), math.ceil((east - min_lon) / 360.0) + 1)
    if isinstance(geometry, (LineString, MultiLineString)):
        # Piece by piece in order, so the route keeps its direction.
        lines = [
            part
            for line in getattr(geometry, "geoms", [geometry])
            for sheet in sheets
            for part in _parts(_shifted(line, 360.0 * sheet).intersection(window))
            if isinstance(part, LineString) and part.length > 0.0
        ]
        return shapely.line_merge(MultiLineString(lines), directed=True)
    pieces = [_shifted(geometry, 360.0 * sheet).intersection(window) for sheet in sheets]
    joined = shapely.union_all([piece for piece in pieces if not piece.is_empty])
    if joined.is_empty:
        raise GeoError(f"cannot unwrap an empty {geometry.geom_type}")
    return joined


@lru_cache(maxsize=64)
def _window(west: float, east: float) -> BaseGeometry:
    """The box of longitudes west..east (made once per window: a map unwraps thousands of legs
    into the same one)."""
    return box(west, -90.0, east, 90.0)


def _parts(geometry: BaseGeometry) -> list[BaseGeometry]:
    return list(getattr(geometry, "geoms", [geometry]))


def _shifted(geometry: BaseGeometry, offset: float) -> BaseGeometry:
    return shapely.transform(geometry, lambda xy: xy + np.array([offset, 0.0]))


def _into_window(xy: np.ndarray, west: float) -> np.ndarray:
    shifted = xy.copy()
    shifted[:, 0] = west + np.mod(xy[:, 0] - west, 360.0)
    return shifted
