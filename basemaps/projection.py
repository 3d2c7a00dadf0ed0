"""A map projection round one point (pyproj, on WGS84), with lon/lat geometry brought into it.

Geometry is first cut to a geodesic disc round the centre, where the projection is continuous
(short of the antipode for an azimuthal equidistant map, this side of the horizon for a globe), so
nothing wraps round the edge of the projection.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

import geo

__all__ = ["Projection"]

#: Vertices are added every this many degrees before projecting, so edges keep their shape.
_STEP_DEG = 0.5


class Projection:
    """`proj` ("aeqd", "ortho", ...) centred on (lat, lon); coordinates in km; geometry is kept
    within `disc_km` of the centre."""

    def __init__(
        self, proj: str, *, lat: float, lon: float, disc_km: float = geo.HALF_MERIDIAN_KM
    ) -> None:
        self.proj, self.lat, self.lon, self.disc_km = proj, lat, lon, disc_km

    @cached_property
    def _transformer(self) -> object:
        from pyproj import CRS, Transformer

        crs = CRS.from_dict(
            {"proj": self.proj, "lat_0": self.lat, "lon_0": self.lon, "ellps": "WGS84"}
        )
        return Transformer.from_crs("EPSG:4326", crs, always_xy=True)

    def forward(self, lonlat: np.ndarray) -> np.ndarray:
        """(n, 2) lon/lat degrees to (n, 2) km."""
        xy = np.asarray(lonlat, dtype=float).reshape(-1, 2)
        x, y = self._transformer.transform(xy[:, 0], xy[:, 1])  # type: ignore[attr-defined]
        return np.column_stack([x, y]) / 1000.0

    def inverse(self, xy_km: np.ndarray) -> np.ndarray:
        """(n, 2) km to (n, 2) lon/lat degrees."""
        xy = np.asarray(xy_km, dtype=float).reshape(-1, 2) * 1000.0
        lon, lat = self._transformer.transform(  # type: ignore[attr-defined]
            xy[:, 0], xy[:, 1], direction="INVERSE"
        )
        return np.column_stack([lon, lat])

    @cached_property
    def disc(self) -> BaseGeometry:
        """The lon/lat region drawn: all points within `disc_km` of the centre."""
        return geo.range_ring(lat=self.lat, lon=self.lon, radius_km=self.disc_km, max_segment_km=50)

    def shape(self, geometry: BaseGeometry) -> BaseGeometry:
        """`geometry` (lon/lat, RFC 7946) cut to the disc and projected (km)."""
        kept = shapely.segmentize(geometry.intersection(self.disc), _STEP_DEG)
        if kept.is_empty:
            return kept
        return shapely.transform(kept, self.forward)
