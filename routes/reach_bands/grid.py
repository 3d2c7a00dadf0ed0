"""Reach bands that keep out of forbidden airspace: track lengths from a grid (airspace.travel).

With G_j the track distance to the nearest node j landings from the origin, band k out and back
is where min over i + j <= k of G_i + G_j is at most the usable range (the pairs' minimum splits
into one minimum per side), one way where min over j <= k of G_j is. So one fast march per
number of landings gives every band; which fields open a band is read from one coarser march per
field. Out and back, every point of such a track lies within half the range of a node, so the
grid need hold no more.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import Polygon

from airspace.errors import AirspaceError
from airspace.travel import DEFAULT_CELL_KM, TravelGrid, travel_grid
from geo import Area, FloatArray, Position, polygonal
from routes.catalog import Site
from routes.errors import RoutesError
from routes.planning.hops import ONE_WAY, pairs_with

__all__ = ["GRID_ACCURACY_KM", "grid_bands"]


#: How far band edges from the grid may lie from the true ones (measured within 5 km against
#: exact tracks with 7 km cells: tests/airspace/test_travel.py).
GRID_ACCURACY_KM = 10.0
#: Which fields open a band is read from a grid this many times coarser.
_COARSER = 4
#: A field opens a band when its landings hold at least this share of the band's new cells.
_OPENING_SHARE = 0.01


def grid_bands(
    nodes: Sequence[Site],
    hops: NDArray[np.int64],
    usable_km: float,
    *,
    mode: str,
    landings: int,
    allowed: frozenset[str],
) -> tuple[list[tuple[Area, tuple[str, ...]]], float]:
    """Each band (at most k landings, k = 0..landings) with the fields that open it, and how far
    its edges may lie from the true ones (km: more when a wide area needs wider cells)."""
    used = [index for index in range(len(nodes)) if 0 <= hops[index] <= landings]
    radius = usable_km if mode == ONE_WAY else usable_km / 2.0
    try:
        grid = travel_grid(
            around=[_position(nodes[index]) for index in used],
            radius_km=radius,
            allowed=allowed,
            cell_km=DEFAULT_CELL_KM,
        )
    except AirspaceError as error:
        raise RoutesError(
            f"reach keeping out of airspace: {error}; with no airspace rule (overfly any) the "
            "bands are exact at any range"
        ) from None
    by_hops = [
        grid.distances_km([_position(nodes[i]) for i in used if hops[i] == level])
        if any(hops[i] == level for i in used)
        else np.full(grid.walls.shape, np.inf)
        for level in range(landings + 1)
    ]
    coarse = _Attribution(grid.coarsened(_COARSER), nodes, hops, used, usable_km, mode)
    bands: list[tuple[Area, tuple[str, ...]]] = []
    area: Area = Polygon()
    for k in range(landings + 1):
        shape = grid.region_within(_least_total(by_hops, k, mode), usable_km)
        area = polygonal(shapely.union_all([area, shape]))
        bands.append((area, coarse.opening(k)))
    return bands, GRID_ACCURACY_KM * max(1.0, grid.cell_m / 1000.0 / DEFAULT_CELL_KM)


def _least_total(by_hops: Sequence[FloatArray], k: int, mode: str) -> FloatArray:
    """Per cell, the shortest flight over it with at most k landings."""
    if mode == ONE_WAY:
        least: FloatArray = np.minimum.reduce(by_hops[: k + 1])
    else:
        least = np.minimum.reduce(
            [by_hops[i] + by_hops[j] for i in range(k + 1) for j in range(i, k + 1 - i)]
        )
    return least


class _Attribution:
    """Which fields' landings open each band, from a coarse march per node."""

    def __init__(
        self,
        grid: TravelGrid,
        nodes: Sequence[Site],
        hops: NDArray[np.int64],
        used: Sequence[int],
        usable_km: float,
        mode: str,
    ) -> None:
        self.nodes, self.hops, self.usable, self.mode = nodes, hops, usable_km, mode
        self.fields = {index: grid.distances_km([_position(nodes[index])]) for index in used}
        self.before = np.zeros(grid.walls.shape, dtype=bool)

    def opening(self, k: int) -> tuple[str, ...]:
        pairs = [p for p in pairs_with(self.hops, k, self.mode) if p[0] in self.fields]
        covered = {pair: self._covered(pair) & ~self.before for pair in pairs}
        new = np.logical_or.reduce(list(covered.values())) if covered else self.before & False
        self.before = self.before | new
        total = int(new.sum())
        opened: dict[str, int] = {}
        for pair, cells in covered.items():
            count = int(cells.sum())
            if total and count >= _OPENING_SHARE * total:
                for index in pair:
                    if index != 0:
                        field_id = self.nodes[index].id
                        opened[field_id] = max(opened.get(field_id, 0), count)
        return tuple(sorted(opened, key=lambda field_id: (-opened[field_id], field_id)))

    def _covered(self, pair: tuple[int, int]) -> NDArray[np.bool_]:
        a, b = pair
        if self.mode == ONE_WAY:
            within: NDArray[np.bool_] = self.fields[a] <= self.usable
        else:
            within = self.fields[a] + self.fields[b] <= self.usable
        return within


def _position(site: Site) -> Position:
    return Position(site.lat, site.lon)
