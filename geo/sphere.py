"""Points on the unit sphere, for spatial indexes and quick angle tests (every distance that
decides anything is then measured on the WGS84 ellipsoid)."""

from __future__ import annotations

import numpy as np

from geo.arrays import FloatArray

__all__ = ["unit_vectors"]


def unit_vectors(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """(n, 3) unit vectors of the points at `lat`, `lon` (degrees) on the unit sphere.

    >>> unit_vectors(np.array([90.0]), np.array([0.0])).round(12).tolist()
    [[0.0, 0.0, 1.0]]
    """
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])
