"""Natural Earth land and countries, bundled as TopoJSON (world-atlas), behind one cached loader."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

if TYPE_CHECKING:
    import geopandas

__all__ = ["Scale", "countries", "land"]

Scale = Literal["110m", "50m"]
_HALF_MAP_SQ_DEG = 360.0 * 180.0 / 2.0
_READINGS: tuple[dict[str, bool], ...] = (
    {"fix_winding": True},
    {"fix_winding": False},
    {"fix_winding": True, "force_south_pole": True},
    {"fix_winding": True, "force_north_pole": True},
)


@cache
def _layer(name: str, scale: Scale) -> geopandas.GeoDataFrame:
    import geopandas

    path = resources.files("basemaps").joinpath("data", f"{name}-{scale}.json")
    with resources.as_file(path) as file:
        frame = geopandas.read_file(file, layer=name, engine="pyogrio")
    frame = frame.set_crs("EPSG:4326", allow_override=True)
    frame = frame[frame.geometry.notna()].copy()
    frame["geometry"] = [_planar(geometry) for geometry in frame.geometry]
    return frame[~frame.geometry.is_empty].reset_index(drop=True)


def _planar(geometry: BaseGeometry) -> BaseGeometry:
    """world-atlas rings are spherical (as d3 draws them: crossing 180 freely, wound either way):
    cut them at the antimeridian and close polar ones with the antimeridian package, then repair.

    Which side of a ring is the land, and which pole closes a polar ring, the data does not say
    reliably (Antarctica is closed at the North Pole by default); every land part is smaller than
    half the map, so the first reading smaller than that (or else the smallest) is right.
    """
    import antimeridian

    parts = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.is_empty or polygon.area == 0.0:  # a few published parts are single points
            continue
        if not _crosses_antimeridian(polygon):
            parts.append(shapely.make_valid(polygon))
            continue
        readings = []
        for options in _READINGS:
            try:
                fixed = shapely.make_valid(shape(antimeridian.fix_polygon(polygon, **options)))
            except (AssertionError, ValueError):  # it refuses some readings of rings with holes
                continue
            readings.append(fixed)
            if fixed.area < _HALF_MAP_SQ_DEG:
                break
        parts.append(min(readings, key=lambda reading: reading.area))
    return shapely.union_all(parts)


def land(scale: Scale = "110m") -> geopandas.GeoDataFrame:
    """Land polygons in lon/lat (one row, a MultiPolygon). Read once, then cached."""
    return _layer("land", scale)


def countries(scale: Scale = "110m") -> geopandas.GeoDataFrame:
    """Country polygons in lon/lat with `name`. Read once, then cached."""
    return _layer("countries", scale)


def _crosses_antimeridian(polygon: BaseGeometry) -> bool:
    """Whether a ring jumps across +/-180 between two vertices (a spherical edge across it)."""
    rings = [polygon.exterior, *polygon.interiors]
    return any(np.abs(np.diff(np.asarray(ring.coords)[:, 0])).max() > 180.0 for ring in rings)
