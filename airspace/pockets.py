"""Pockets: waters (or allowed airspace) enclosed on every side by airspace a flight may not enter.

A pocket is a hole in the union of the forbidden zones: a flight inside it cannot get out, and one
outside cannot get in, so no track search is needed to say so (it would try every corner in
reach). Holes are taken in lon/lat, where each is a region the forbidden zones enclose on the
sphere too; a pocket across the antimeridian is cut there and not seen (the search then decides).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import shapely
from shapely.geometry import Point, Polygon

from airspace.zones import sovereign_zone
from geo import Position

__all__ = ["Pockets", "pockets"]


@dataclass(frozen=True)
class Pockets:
    """The pockets left by one set of forbidden states."""

    forbidden: frozenset[str]
    areas: tuple[Polygon, ...]
    tree: shapely.STRtree

    def of(self, point: Position) -> int | None:
        """The index of the pocket holding `point`, or None if it is in open airspace."""
        spot = Point(point.lon, point.lat)
        for index in self.tree.query(spot).tolist():
            if self.areas[index].covers(spot):
                return int(index)
        return None

    def walls(self, index: int) -> list[str]:
        """The forbidden states whose airspace encloses pocket `index`."""
        edge = self.areas[index].exterior
        return [
            state
            for state in sorted(self.forbidden)
            if sovereign_zone(state).geometry.distance(edge) < 1e-9
        ]

    def separation(self, start: Position, end: Position) -> str | None:
        """Why no track joins `start` and `end` (one is in a pocket the other is not), or None."""
        first, second = self.of(start), self.of(end)
        if first == second:
            return None
        inside, pocket = (end, second) if second is not None else (start, first)
        assert pocket is not None  # they differ, so one is in a pocket
        return (
            f"{inside.lat:.4f}, {inside.lon:.4f} lies in waters enclosed by the sovereign airspace of "
            f"{', '.join(self.walls(pocket))}, which the flight may not enter"
        )


@lru_cache(maxsize=16)
def pockets(forbidden: frozenset[str]) -> Pockets:
    """The pockets of the union of the forbidden states' airspace."""
    union = shapely.union_all([sovereign_zone(state).geometry for state in sorted(forbidden)])
    areas = tuple(
        Polygon(hole) for part in getattr(union, "geoms", [union]) for hole in part.interiors
    )
    return Pockets(forbidden, areas, shapely.STRtree(areas))
