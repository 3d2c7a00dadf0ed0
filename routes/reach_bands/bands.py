"""Reach bands: where an aircraft can fly with at most k refuelling landings at allowed fields.

Hops: a field is h landings from the origin when the fewest stretches of at most the usable
range s that reach it number h (stretches between the origin and fields only; distances are
symmetric, so coming back from it takes h landings too, counting its own).

- One way, P is reachable with at most k landings when some field A (or the origin, h = 0) with
  h(A) <= k lies within s of P: the band is the union of the rings of radius s round those fields.
- Out and back, P lies on a stretch from the last landing A before it to the first one B after it:
  d(A, P) + d(P, B) <= s with h(A) + h(B) <= k. The band is the union of those geodesic ellipses
  (a ring of radius s / 2 when A = B).

Both are what the planner finds for a mission over P, exactly (see tests/routes/test_reach.py).
Where the flight must keep out of forbidden airspace, distances are track lengths and the bands
come from a grid instead (routes/reach_bands/grid.py), to within GRID_ACCURACY_KM at their edges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import Polygon

import geo
from routes.airspace_rule import Overfly
from routes.catalog import Aircraft, Site
from routes.errors import RoutesError
from routes.planning.distances import within_range
from routes.planning.hops import MODES, ONE_WAY, ROUND_TRIP, hops_from, pairs_with
from routes.planning.mission import TOLERANCE_KM
from routes.planning.rules import FlightRules
from routes.reach_bands.grid import grid_bands

__all__ = [
    "EXACT",
    "GRID",
    "MAX_REACH_FIELDS",
    "MODES",
    "ONE_WAY",
    "ROUND_TRIP",
    "Reach",
    "ReachBand",
    "reach",
]

EXACT, GRID = "exact", "grid"
#: Out and back, a band is a union over pairs of fields: more than this many would take minutes.
MAX_REACH_FIELDS = 60
#: The most landings a reach map shows (each band is one more shade of the same colour).
MAX_LANDINGS = 6
#: A band's label names this many fields, those opening the most first.
_NAMED_FIELDS = 4
#: A band growing by less than this opens nothing.
_NEW_AREA_KM2 = 1.0
#: A field opens a band when the area its landings add is at least this share of what is new.
_OPENING_SHARE = 0.01

Area = geo.Area


@dataclass(frozen=True)
class ReachBand:
    """Where the aircraft flies with at most `landings` landings (this band holds the ones before
    it), and the fields whose landings open what is new in it."""

    landings: int
    area: Area
    fields: tuple[str, ...]

    def describe(self) -> str:
        if self.landings == 0:
            return "no landing"
        count = f"{self.landings} landing{'s' if self.landings > 1 else ''}"
        if not self.fields:
            return f"{count}: no further reach"
        named = list(self.fields[:_NAMED_FIELDS])
        if len(self.fields) > _NAMED_FIELDS:
            named.append(f"{len(self.fields) - _NAMED_FIELDS} more")
        return (
            f"{count}: via {', '.join(named[:-1])} or {named[-1]}"
            if len(named) > 1
            else (f"{count}: via {named[0]}")
        )


@dataclass(frozen=True)
class Reach:
    """Reach bands of one aircraft from one origin, nested from no landing up."""

    aircraft: Aircraft
    origin: Site
    mode: str
    usable_km: float
    reserve: float
    fields: tuple[Site, ...]
    bands: tuple[ReachBand, ...]
    overfly: Overfly
    #: EXACT (unions of rings and ellipses) or GRID (track lengths on a grid).
    method: str
    #: How far the band edges may lie from the true ones (km).
    accuracy_km: float = 0.0

    def note(self) -> str:
        """How the bands were found, for a map's legend and the command's output."""
        if self.method == EXACT:
            return (
                "Bands are exact: unions of geodesic rings and ellipses on WGS84, flown on "
                "straight geodesics (no airspace rule)."
            )
        return (
            f"Bands keep out of sovereign airspace but {self.overfly.describe()}: track lengths "
            f"from a grid, edges within {self.accuracy_km:,.0f} km of the true ones."
        )

    def describe(self) -> str:
        way = "out and back" if self.mode == ROUND_TRIP else "one way"
        most = self.bands[-1].landings
        return (
            f"{self.aircraft.name} from {self.origin.name}, {way}: up to {most} landing"
            f"{'s' if most != 1 else ''} at {len(self.fields)} field{'s' if len(self.fields) != 1 else ''}"
        )


def reach(
    rules: FlightRules,
    origin: Site,
    *,
    landings: int,
    mode: str = ROUND_TRIP,
    max_segment_km: float = geo.DEFAULT_MAX_SEGMENT_KM,
) -> Reach:
    """Reach bands for 0..`landings` landings at the rules' fields, as the airspace rule allows
    (straight geodesics, and exact bands, by default)."""
    if mode not in MODES:
        raise RoutesError(f"reach mode {mode!r} is not one of {', '.join(MODES)}")
    if isinstance(landings, bool) or not isinstance(landings, int):
        raise RoutesError(f"landings {landings!r} must be a whole number")
    if not 0 <= landings <= MAX_LANDINGS:
        raise RoutesError(f"landings {landings} must be from 0 to {MAX_LANDINGS}")
    others = _other_fields(origin, rules.field_sites("reach"))
    if len(others) > MAX_REACH_FIELDS:
        raise RoutesError(
            f"reach bands take at most {MAX_REACH_FIELDS} fields, not {len(others):,}: "
            "name fewer fields to land at (a tag, countries or ids)"
        )
    usable, rule = rules.usable_km, rules.airspace_rule
    rule.check_sites([origin], "origin")
    nodes = [origin, *others]
    # As the planner counts a hop of the range.
    hops = hops_from(within_range(rule, nodes, usable) <= usable + TOLERANCE_KM)
    accuracy = 0.0
    if rule.overfly.anywhere:
        method, bands = EXACT, _exact_bands(nodes, hops, usable, mode, landings, max_segment_km)
    else:
        allowed = rule.overfly.states or frozenset()
        found, accuracy = grid_bands(
            nodes, hops, usable, mode=mode, landings=landings, allowed=allowed
        )
        method = GRID
        bands = [ReachBand(k, area, fields) for k, (area, fields) in enumerate(found)]
    return Reach(
        rules.aircraft,
        origin,
        mode,
        usable,
        rules.reserve,
        tuple(others),
        tuple(bands),
        rule.overfly,
        method,
        accuracy,
    )


def _exact_bands(
    nodes: Sequence[Site],
    hops: NDArray[np.int64],
    usable: float,
    mode: str,
    landings: int,
    max_segment_km: float,
) -> list[ReachBand]:
    """Bands as unions of exact rings and ellipses."""
    shapes = _Shapes(nodes, usable, mode, max_segment_km)
    bands: list[ReachBand] = []
    area: Area = Polygon()
    for k in range(landings + 1):
        pairs = pairs_with(hops, k, mode)
        pieces = [shapes.of(pair) for pair in pairs]
        grown = geo.polygonal(shapely.union_all([area, *pieces]))
        opening = _opening_fields(
            nodes, pairs, pieces, area, geo.area_km2(grown) - geo.area_km2(area)
        )
        area = grown
        bands.append(ReachBand(k, area, tuple(opening)))
    return bands


def _opening_fields(
    nodes: Sequence[Site],
    pairs: Sequence[tuple[int, int]],
    pieces: Sequence[Area],
    before: Area,
    new_area: float,
) -> tuple[str, ...]:
    """The fields landed at (next to P) in the pairs that open a share of the new area, those
    opening the most first."""
    opened: dict[str, float] = {}
    if new_area <= _NEW_AREA_KM2:
        return ()
    for pair, piece in zip(pairs, pieces, strict=True):
        added = geo.area_km2(piece.difference(before)) if not piece.is_empty else 0.0
        if added >= _OPENING_SHARE * new_area:
            for index in pair:
                if index != 0:
                    opened[nodes[index].id] = max(opened.get(nodes[index].id, 0.0), added)
    return tuple(sorted(opened, key=lambda field_id: (-opened[field_id], field_id)))


def _other_fields(origin: Site, fields: Sequence[Site]) -> list[Site]:
    """The fields, each once, less any at the origin (landing there again adds no reach)."""
    unique = {site.id: site for site in fields}
    return [
        site
        for site in unique.values()
        if site.id != origin.id and (site.lat, site.lon) != (origin.lat, origin.lon)
    ]


@dataclass(frozen=True)
class _Shapes:
    """The area a pair of nodes opens: one way, the ring round a node; out and back, the ellipse
    of a pair (the ring of half the range round a node with itself)."""

    nodes: Sequence[Site]
    usable_km: float
    mode: str
    max_segment_km: float

    def of(self, pair: tuple[int, int]) -> Area:
        a, b = (self.nodes[index] for index in pair)
        if pair[0] == pair[1]:
            radius = self.usable_km if self.mode == ONE_WAY else self.usable_km / 2.0
            return geo.range_ring(
                lat=a.lat, lon=a.lon, radius_km=radius, max_segment_km=self.max_segment_km
            )
        between = float(geo.distance_km(lat1=a.lat, lon1=a.lon, lat2=b.lat, lon2=b.lon))
        if between >= self.usable_km:
            return Polygon()
        return geo.range_ellipse(
            lat1=a.lat,
            lon1=a.lon,
            lat2=b.lat,
            lon2=b.lon,
            sum_km=self.usable_km,
            max_segment_km=self.max_segment_km,
        )
