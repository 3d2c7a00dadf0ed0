"""Where a web map looks: its centre longitude, and geometry made ready for Leaflet."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

import geo

__all__ = ["WEB_MERCATOR_LAT", "center_longitude", "for_leaflet"]

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
    window = box(center_lon - 180.0, -WEB_MERCATOR_LAT, center_lon + 180.0, WEB_MERCATOR_LAT)
    return geo.unwrap(geometry, center_lon=center_lon).intersection(window)
