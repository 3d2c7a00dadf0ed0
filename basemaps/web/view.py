"""Where a web map looks: its centre longitude, and geometry made ready for Leaflet."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

import geo

__all__ = ["WEB_MERCATOR_LAT", "center_longitude", "for_leaflet", "tiled_for_leaflet"]

#: Web Mercator (and so Leaflet) stops at this latitude.
WEB_MERCATOR_LAT = 85.05112878


def center_longitude(lons: Sequence[float]) -> float:
    """The middle of the shortest arc of longitude holding all of `lons` (opposite the widest gap).

    >>> round(center_longitude([111.88, -157.92]), 2)  # Neixiang and Honolulu: the Pacific
    156.98
    """
    if not lons:
        return 0.0
    ordered = np.sort(np.mod(np.asarray(lons, dtype=float) + 180.0, 360.0) - 180.0)
    gaps = np.diff(np.append(ordered, ordered[0] + 360.0))
    widest = int(np.argmax(gaps))
    # The occupied arc runs from just after the widest gap round to just before it.
    start = ordered[(widest + 1) % len(ordered)]
    end = ordered[widest] + (360.0 if widest + 1 < len(ordered) else 0.0)
    middle = (start + end) / 2.0
    return float(np.mod(middle + 180.0, 360.0) - 180.0)


def for_leaflet(geometry: BaseGeometry, center_lon: float) -> BaseGeometry:
    """Unwrap round `center_lon` and clamp to the latitudes Web Mercator can show."""
    return geo.unwrap(geometry, center_lon=center_lon).intersection(_window(center_lon))


@lru_cache(maxsize=64)
def _window(center_lon: float) -> BaseGeometry:
    """What Web Mercator shows round `center_lon` (made once per map, not once per leg)."""
    return box(center_lon - 180.0, -WEB_MERCATOR_LAT, center_lon + 180.0, WEB_MERCATOR_LAT)


def tiled_for_leaflet(geometry: BaseGeometry, center_lon: float) -> BaseGeometry:
    """Like for_leaflet for a base layer of the whole world, faster: the geometry's copies shifted
    by 360 degrees are clipped to the window and kept as pieces, not joined (pieces cut at 180 meet
    along it; draw them without outlines)."""
    west, east = center_lon - 180.0, center_lon + 180.0
    pieces = [
        shapely.clip_by_rect(
            shapely.transform(geometry, lambda xy, k=sheet: xy + np.array([360.0 * k, 0.0])),
            west,
            -WEB_MERCATOR_LAT,
            east,
            WEB_MERCATOR_LAT,
        )
        for sheet in (-1, 0, 1)
    ]
    return shapely.GeometryCollection(
        [part for piece in pieces for part in shapely.get_parts(piece) if not part.is_empty]
    )
