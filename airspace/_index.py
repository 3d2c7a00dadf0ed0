"""Spatial indexes over the zones, built on first use: polygon parts for point look-ups, boundary
pieces for finding where a track crosses a zone's edge."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

from airspace.zones import Zone, zones

__all__ = ["Index", "boundaries", "inside", "parts"]

#: Vertices per boundary piece: small pieces keep the tree's boxes tight.
_PIECE_VERTICES = 32


@dataclass(frozen=True)
class Index:
    """Geometries in an STRtree, each owned by a zone: `zone[i]` is the index in `zones()` of the
    zone that geometry i belongs to."""

    tree: shapely.STRtree
    geometries: NDArray[np.object_]
    zone: NDArray[np.intp]


def _index(found: list[BaseGeometry], owner: list[int]) -> Index:
    geometries = np.array(found, dtype=object)
    return Index(shapely.STRtree(geometries), geometries, np.array(owner, dtype=np.intp))


def inside(geometry: BaseGeometry, lon: Any, lat: Any) -> NDArray[np.bool_]:
    """Which points lie inside a zone's polygons (vectorised). A point on the cut at +/-180 is on
    the edge of the pieces either side of it, not on the zone's edge: it counts as inside when a
    piece touches it."""
    found: NDArray[np.bool_] = shapely.contains_xy(geometry, lon, lat)
    on_cut = np.abs(lon) == 180.0
    if np.any(on_cut):
        found = found | (on_cut & shapely.intersects_xy(geometry, lon, lat))
    return found


@cache
def parts() -> Index:
    """The polygons of every polygon zone, prepared, for point look-ups."""
    found: list[BaseGeometry] = []
    owner: list[int] = []
    for index, zone in enumerate(zones()):
        for part in getattr(zone.geometry, "geoms", [zone.geometry]):
            if isinstance(part, Polygon):
                found.append(part)
                owner.append(index)
    polygons = _index(found, owner)
    shapely.prepare(polygons.geometries)
    return polygons


def _pieces(zone: Zone) -> list[NDArray[np.float64]]:
    """Coordinate runs of a zone's edge: rings cut into pieces, a line into single segments."""
    if zone.inside is not None:
        xy = shapely.get_coordinates(zone.geometry)
        return [xy[i : i + 2] for i in range(len(xy) - 1)]
    runs = []
    for ring in shapely.get_rings(shapely.get_parts(zone.geometry)):
        xy = shapely.get_coordinates(ring)
        # Split where an edge runs along the cut at +/-180.
        on_cut = (np.abs(xy[:-1, 0]) == 180.0) & (xy[:-1, 0] == xy[1:, 0])
        for run in np.split(np.arange(len(xy)), np.flatnonzero(on_cut) + 1):
            if len(run) >= 2:
                step = _PIECE_VERTICES - 1
                runs += [xy[run[i : i + step + 1]] for i in range(0, len(run) - 1, step)]
    return runs


@cache
def boundaries() -> Index:
    """Every zone's edge in short pieces. Pieces of a line zone are single segments (so a hit
    names the segment crossed); edges along the cut at +/-180 are left out (they are no edge of
    the zone)."""
    found: list[BaseGeometry] = []
    owner: list[int] = []
    for index, zone in enumerate(zones()):
        for run in _pieces(zone):
            found.append(LineString(run))
            owner.append(index)
    return _index(found, owner)
