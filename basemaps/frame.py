"""A figure's frame: the rectangle it shows and the projection it is drawn in.

The frame holds the story (see basemaps.story) or a given lat/lon extent, with a margin. It is
azimuthal equidistant round the base when the map has one base (every ring from it a true circle),
otherwise azimuthal equidistant round the frame's own centre (distances from the middle of the map
true; at the pole that is the polar aspect).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

import geo
from basemaps.content import MapContent
from basemaps.projection import Projection
from basemaps.story import framed_shapes
from routes.catalog import Site

__all__ = ["Extent", "Frame", "choose_frame"]

#: Room round what is framed, as a share of its span on each side.
MARGIN = 0.1
#: The smallest span shown (km), so a lone site is seen in its surroundings.
MIN_SPAN_KM = 800.0
#: Half the frame's width or height at most (km): its corners stay well short of the antipode.
MAX_HALF_KM = 13_500.0
#: Height over width, kept within these bounds (a strip of a map is no figure).
ASPECT_BOUNDS = (0.45, 1.1)
_EDGE_STEP_DEG = 0.5


@dataclass(frozen=True)
class Extent:
    """A lat/lon box running east from `west` to `east` (continuous longitudes: east > west, so a
    box over the Pacific may have east beyond 180)."""

    south: float
    west: float
    north: float
    east: float

    @classmethod
    def from_corners(cls, *, lat0: float, lon0: float, lat1: float, lon1: float) -> Extent:
        """The box between two corners, running east from lon0 to lon1.

        >>> Extent.from_corners(lat0=20, lon0=120, lat1=60, lon1=-150)
        Extent(south=20.0, west=120.0, north=60.0, east=210.0)
        """
        for name, value, limit in (("lat0", lat0, 90), ("lat1", lat1, 90)):
            if not -limit <= value <= limit:
                raise ValueError(f"{name} {value:g} is outside [-{limit}, {limit}]")
        for name, value in (("lon0", lon0), ("lon1", lon1)):
            if not -180 <= value <= 180:
                raise ValueError(f"{name} {value:g} is outside [-180, 180]")
        if lat0 == lat1 or lon0 == lon1:
            raise ValueError("the two corners must differ in latitude and in longitude")
        east = lon1 if lon1 > lon0 else lon1 + 360.0
        return cls(float(min(lat0, lat1)), float(lon0), float(max(lat0, lat1)), float(east))

    def outline(self) -> np.ndarray:
        """Points along the box's edges (lon, lat), every half degree."""
        lons = np.linspace(self.west, self.east, _steps(self.east - self.west))
        lats = np.linspace(self.south, self.north, _steps(self.north - self.south))
        edges = [
            np.column_stack([lons, np.full_like(lons, self.south)]),
            np.column_stack([lons, np.full_like(lons, self.north)]),
            np.column_stack([np.full_like(lats, self.west), lats]),
            np.column_stack([np.full_like(lats, self.east), lats]),
        ]
        return np.concatenate(edges)


def _steps(span_deg: float) -> int:
    return max(2, int(np.ceil(span_deg / _EDGE_STEP_DEG)) + 1)


@dataclass(frozen=True)
class Frame:
    """The rectangle [x0, x1] x [y0, y1] (km) of an azimuthal equidistant projection centred on
    (lat, lon), the base's name when it is centred on one."""

    lat: float
    lon: float
    x0: float
    y0: float
    x1: float
    y1: float
    base: str | None = None

    @cached_property
    def projection(self) -> Projection:
        corner_km = float(np.hypot(max(-self.x0, self.x1), max(-self.y0, self.y1)))
        disc = min(geo.HALF_MERIDIAN_KM - 400.0, corner_km * 1.02 + 50.0)
        return Projection("aeqd", lat=self.lat, lon=self.lon, disc_km=disc)

    @property
    def width_km(self) -> float:
        return self.x1 - self.x0

    @property
    def height_km(self) -> float:
        return self.y1 - self.y0

    @property
    def aspect(self) -> float:
        """Height over width."""
        return self.height_km / self.width_km

    @property
    def centre_km(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0

    def shape(self, geometry: BaseGeometry) -> BaseGeometry:
        """`geometry` (lon/lat) projected and cut to the frame (km)."""
        projected = self.projection.shape(geometry)
        if projected.is_empty:
            return projected
        return shapely.clip_by_rect(projected, self.x0, self.y0, self.x1, self.y1)

    def holds(self, xy_km: np.ndarray) -> np.ndarray:
        """Which projected points lie inside the frame."""
        x, y = np.asarray(xy_km, dtype=float).reshape(-1, 2).T
        return (self.x0 <= x) & (x <= self.x1) & (self.y0 <= y) & (y <= self.y1)

    def km_per_km_at_centre(self) -> float:
        """True km per projected km across the frame's centre (the scale bar's length)."""
        cx, cy = self.centre_km
        half = self.width_km / 200.0
        (lon0, lat0), (lon1, lat1) = self.projection.inverse(
            np.array([[cx - half, cy], [cx + half, cy]])
        )
        true_km = float(geo.distance_km(lat1=lat0, lon1=lon0, lat2=lat1, lon2=lon1))
        return true_km / (2.0 * half)

    def note(self) -> str:
        """What the projection keeps true, in a line."""
        if self.base is not None:
            return (
                f"Azimuthal equidistant projection centred on {self.base} (WGS84): distances and "
                "directions from it are true, so its range rings are true circles."
            )
        return (
            f"Azimuthal equidistant projection centred on the map's middle ({_position(self)}; "
            "WGS84): distances and directions from that point are true; rings are geodesic."
        )


def _position(frame: Frame) -> str:
    ns = "N" if frame.lat >= 0 else "S"
    ew = "E" if frame.lon >= 0 else "W"
    return f"{abs(frame.lat):.1f}°{ns} {abs(frame.lon):.1f}°{ew}"


def choose_frame(
    content: MapContent, *, frame: str = "story", extent: Extent | None = None
) -> Frame:
    """The frame of a figure of `content`: round its story (or its rings, with frame="rings"), or
    round `extent` when one is given."""
    points = extent.outline() if extent is not None else _points(framed_shapes(content, frame))
    base = _single_base(content)
    if base is not None:
        lat, lon = base.lat, base.lon
    else:
        lat, lon = _middle(points)
        for _ in range(2):  # centre the projection on the middle of the frame
            projection = Projection("aeqd", lat=lat, lon=lon)
            xy = _finite(projection.forward(points))
            ((lon, lat),) = projection.inverse((xy.min(axis=0) + xy.max(axis=0)) / 2.0)
    xy = _finite(Projection("aeqd", lat=lat, lon=lon).forward(points))
    margin = 0.0 if extent is not None else MARGIN
    x0, y0, x1, y1 = _rectangle(xy.min(axis=0), xy.max(axis=0), margin)
    name = None if base is None else base.name
    return Frame(lat=float(lat), lon=float(lon), x0=x0, y0=y0, x1=x1, y1=y1, base=name)


def _single_base(content: MapContent) -> Site | None:
    """The one base or take-off site of the map's rings and routes, if there is exactly one."""
    centres = {ring.site.id: ring.site for ring in content.rings}
    centres.update({plan.mission.origin.id: plan.mission.origin for plan in content.plans})
    return next(iter(centres.values())) if len(centres) == 1 else None


def _points(shapes: list[BaseGeometry]) -> np.ndarray:
    """Every vertex of `shapes` (lon, lat); the globe's centre point when there is none."""
    coordinates = [shapely.get_coordinates(shape) for shape in shapes if not shape.is_empty]
    if not coordinates:
        return np.array([[0.0, 0.0]])
    return np.concatenate(coordinates)


def _middle(points: np.ndarray) -> tuple[float, float]:
    """The direction of the mean of the points' unit vectors (lat, lon): a start for the centre."""
    lon, lat = np.radians(points[:, 0]), np.radians(points[:, 1])
    x, y, z = (
        (np.cos(lat) * np.cos(lon)).mean(),
        (np.cos(lat) * np.sin(lon)).mean(),
        np.sin(lat).mean(),
    )
    if np.hypot(np.hypot(x, y), z) < 1e-9:
        return float(points[0, 1]), float(points[0, 0])
    return float(np.degrees(np.arctan2(z, np.hypot(x, y)))), float(np.degrees(np.arctan2(y, x)))


def _finite(xy: np.ndarray) -> np.ndarray:
    kept = xy[np.isfinite(xy).all(axis=1)]
    return kept if len(kept) else np.zeros((1, 2))


def _rectangle(
    low: np.ndarray, high: np.ndarray, margin: float
) -> tuple[float, float, float, float]:
    """The box round low..high, with a margin, at least MIN_SPAN_KM, within ASPECT_BOUNDS and
    MAX_HALF_KM (km)."""
    centre = (low + high) / 2.0
    width, height = np.maximum(high - low, MIN_SPAN_KM) * (1.0 + 2.0 * margin)
    lowest, highest = ASPECT_BOUNDS
    height = max(height, width * lowest)
    width = max(width, height / highest)
    half_w, half_h = min(width / 2.0, MAX_HALF_KM), min(height / 2.0, MAX_HALF_KM)
    cx, cy = float(centre[0]), float(centre[1])
    return cx - half_w, cy - half_h, cx + half_w, cy + half_h
