"""Stand-off strike plans: the launch point in a launch zone that needs the fewest landings, then
the shortest flight out from the base and back, with the plan that flies it.

A flight over one point L with i landings before it and j after costs
pre_i(A) + d(A, L) + d(L, B) + pre_j(B) for its last landing A before L and first B after (the
stretch A-L-B within the usable range), pre_i being the shortest way from the base to a field in
i stretches. For a pair A, B the sum d(A, L) + d(L, B) is least on the zone's edge unless the
way from A to B crosses the zone, so the candidates are the zone's edge, sampled, and the points
of those ways inside it. Candidates are costed together (exactly on straight geodesics; on the
airspace grid's track lengths otherwise, then the best few again by the planner itself), and the
edge is sampled again finely round the best.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import LineString, MultiLineString, Point

import geo
from airspace.travel import TravelGrid, travel_grid
from geo import Area, FloatArray
from geo.geodesic import wgs84
from routes.airspace_rule import AirspaceRule
from routes.bundled import check_carried
from routes.catalog import Aircraft, Site
from routes.errors import NoPlanError, RoutesError
from routes.planning.distances import within_range
from routes.planning.mission import Mission, Plan
from routes.planning.planner import plan_mission, plan_or_none
from routes.planning.rules import FlightRules
from routes.standoff.launch import Escort, LaunchRule, launch_zone
from routes.weapons import Weapon

__all__ = ["Strike", "plan_strike"]


#: The zone's edge is sampled this far apart (degrees of arc), then this finely round the best.
_COARSE_DEG = 0.05
_FINE_DEG = 0.004
#: Round the best coarse candidate, the edge is sampled finely this far (km) each way.
_REFINE_KM = 12.0
#: How far (m) a launch point on the zone's edge is moved into it, trying the nearer first.
_NUDGE_M = (100.0, 300.0, 1000.0)
#: Candidates costed at once (memory: fields squared times this many).
_CHUNK = 4000
#: With airspace rules, candidates are first costed on a grid of this cell (within 10 km)...
_GRID_CELL_KM = 14.0
#: ... then the planner re-costs every candidate the grid puts this near the best.
_GRID_WINDOW_KM = 20.0
#: ... and at most this many of them.
_MOST_REPLANNED = 12


@dataclass(frozen=True)
class Strike:
    """A stand-off strike: the launch zone, the launch point, the plan there and back (None when
    the base itself lies in the zone), and the missile's flight to the target."""

    aircraft: Aircraft
    weapon: Weapon
    origin: Site
    target: Site
    rule: LaunchRule
    escort: Escort | None
    zone: Area
    launch: Site
    plan: Plan | None

    @property
    def missile_km(self) -> float:
        return float(
            geo.distance_km(
                lat1=self.launch.lat,
                lon1=self.launch.lon,
                lat2=self.target.lat,
                lon2=self.target.lon,
            )
        )

    @property
    def missile_path(self) -> LineString | MultiLineString:
        """The missile's flight, a geodesic from the launch point to the target (cut at 180)."""
        return geo.geodesic_path(
            lat1=self.launch.lat,
            lon1=self.launch.lon,
            lat2=self.target.lat,
            lon2=self.target.lon,
        )

    def describe(self) -> str:
        cover = f" {self.escort.describe()}" if self.escort is not None else ""
        return (
            f"{self.aircraft.name} with {self.weapon.name} ({self.weapon.range_km:,.0f} km) at "
            f"{self.target.name}, launched {self.rule.describe()}{cover}"
        )


def plan_strike(
    rules: FlightRules,
    origin: Site,
    target: Site,
    weapon: Weapon,
    launch_rule: LaunchRule,
    *,
    escort: Escort | None = None,
) -> Strike:
    """The best launch point (fewest landings, then shortest flight out and back, landing only
    at the rules' fields) and its plan; NoPlanError when the zone is empty or no point of it can
    be flown to and back."""
    aircraft = rules.aircraft
    check_carried(weapon, aircraft)
    if (origin.lat, origin.lon) == (target.lat, target.lon):
        raise RoutesError(f"the target {target.id} is the base itself: nothing to fly")
    zone = launch_zone(target, weapon.range_km, launch_rule, escort)
    cover = f" {escort.describe()}" if escort is not None else ""
    if zone.is_empty:
        raise NoPlanError(
            f"no point {launch_rule.describe()}{cover} lies within {weapon.range_km:,.0f} km "
            f"({weapon.name}) of {target.name}"
        )
    if zone.covers(Point(origin.lon, origin.lat)):
        return Strike(aircraft, weapon, origin, target, launch_rule, escort, zone, origin, None)
    fields = rules.field_sites("strike")
    nodes = [origin, *(f for f in dict.fromkeys(fields) if f.id != origin.id)]
    costs = _Costs(nodes, rules.usable_km, rules.airspace_rule, zone)
    coarse = _edge(zone, nodes, _COARSE_DEG)
    best = costs.best(coarse)
    if best is not None and costs.landings:  # a way between two fields may cross the zone
        best = costs.best(np.vstack([coarse, _ways(zone, nodes, costs, _COARSE_DEG)]))
    if best is None:
        raise NoPlanError(
            f"the {aircraft.name} from {origin.id} cannot fly to any launch point {launch_rule.describe()}"
            f"{cover} within {weapon.range_km:,.0f} km of {target.name} and back, with landings "
            f"at {', '.join(f.id for f in nodes[1:]) or 'no field'}"
        )
    fine = _near(zone, best, _REFINE_KM, _FINE_DEG)
    point = costs.best(np.vstack([best[None, :], fine])) if fine.size else best
    assert point is not None  # the coarse best is among them
    point = _inside(zone, point)
    launch = Site(
        id="launch",
        name=f"launch point {point[1]:.3f}, {point[0]:.3f}",
        lat=float(point[1]),
        lon=float(point[0]),
    )
    plan = plan_mission(rules.with_fields(nodes[1:]), Mission(origin, (launch,), origin))
    return Strike(aircraft, weapon, origin, target, launch_rule, escort, zone, launch, plan)


class _Costs:
    """Candidates' costs (landings, km): exact on straight geodesics; on airspace-grid track
    lengths when the flight keeps out of airspace, the best few then planned exactly. Work is
    done as the number of landings grows: the fields' distances only once some are needed."""

    def __init__(
        self, nodes: Sequence[Site], usable_km: float, airspace_rule: AirspaceRule, zone: Area
    ) -> None:
        self.nodes, self.usable, self.airspace_rule, self.zone = (
            nodes,
            usable_km,
            airspace_rule,
            zone,
        )
        self._fields: dict[int, FloatArray] = {}
        #: The fewest landings the last points costed needed.
        self.landings = 0

    def best(self, points: FloatArray) -> FloatArray | None:
        """The candidate (lon, lat) with the fewest landings, then least km; None if none flies."""
        found = self._fewest(points)
        if found is None:
            return None
        km = found
        order = np.argsort(km)
        if self.airspace_rule.overfly.anywhere:
            chosen: FloatArray = points[order[0]]
            return chosen
        window = [i for i in order[:_MOST_REPLANNED] if km[i] <= km[order[0]] + _GRID_WINDOW_KM]
        # Into the zone: a point on its edge is on the edge of forbidden airspace too.
        nudged = [_inside(self.zone, points[index]) for index in window]
        planned = [(self._planned(point), n) for n, point in enumerate(nudged)]
        flyable = [(cost, n) for cost, n in planned if cost is not None]
        if not flyable:
            return None
        return nudged[min(flyable)[1]]

    @cached_property
    def between(self) -> FloatArray:
        """km between nodes as the airspace rule allows (inf beyond the usable range)."""
        km = within_range(self.airspace_rule, self.nodes, self.usable)
        return np.where(km <= self.usable, km, np.inf)

    @cached_property
    def _pre(self) -> FloatArray:
        return _shortest_by_stretches(self.between, self.usable)

    def _before(self, landings: int) -> FloatArray:
        """The shortest way to each node in `landings` stretches (needs the fields' distances
        only from one landing up)."""
        if landings == 0:
            return np.where(np.arange(len(self.nodes)) == 0, 0.0, np.inf)
        return (
            self._pre[landings]
            if landings < self._pre.shape[0]
            else np.full(len(self.nodes), np.inf)
        )

    def _fewest(self, points: FloatArray) -> FloatArray | None:
        """km per point at the fewest landings any point needs (inf where it needs more)."""
        for k in range(len(self.nodes) + 1):
            km = np.full(points.shape[0], np.inf)
            for i in range(k + 1):
                before, after = self._before(i), self._before(k - i)
                used = np.flatnonzero(np.isfinite(before) | np.isfinite(after))
                if not np.isfinite(before).any() or not np.isfinite(after).any():
                    continue
                distances = np.full((len(self.nodes), points.shape[0]), np.inf)
                distances[used] = self._to(points, used)
                km = np.minimum(km, _over_pairs(distances, before, after, self.usable))
            if np.isfinite(km).any():
                self.landings = k
                return km
        return None

    def _to(self, points: FloatArray, nodes: NDArray[np.intp]) -> FloatArray:
        """km from each of `nodes` to each point: geodesic, or track length on the grid."""
        if self.airspace_rule.overfly.anywhere:
            lat = np.array([self.nodes[n].lat for n in nodes])[:, None]
            lon = np.array([self.nodes[n].lon for n in nodes])[:, None]
            return np.asarray(
                geo.distance_km(
                    lat1=lat, lon1=lon, lat2=points[None, :, 1], lon2=points[None, :, 0]
                )
            )
        rows = []
        for n in nodes.tolist():
            if n not in self._fields:
                node = self.nodes[n]
                self._fields[n] = self._grid.distances_km([geo.Position(node.lat, node.lon)])
            rows.append(self._grid.values_at(self._fields[n], lat=points[:, 1], lon=points[:, 0]))
        return np.array(rows)

    @cached_property
    def _grid(self) -> TravelGrid:
        return travel_grid(
            around=[geo.Position(node.lat, node.lon) for node in self.nodes],
            radius_km=self.usable / 2.0,
            allowed=self.airspace_rule.overfly.states or frozenset(),
            cell_km=_GRID_CELL_KM,
        )

    def _planned(self, point: FloatArray) -> tuple[int, float] | None:
        launch = Site(id="launch", name="launch point", lat=float(point[1]), lon=float(point[0]))
        carrier = Aircraft(id="carrier", name="carrier", range_km=self.usable)
        rules = FlightRules(carrier, self.nodes[1:], airspace_rule=self.airspace_rule)
        plan = plan_or_none(rules, Mission(self.nodes[0], (launch,), self.nodes[0]))
        return None if plan is None else (len(plan.refuel_stops), plan.total_km)


def _shortest_by_stretches(between: FloatArray, usable_km: float) -> FloatArray:
    """pre[i, n]: the shortest way from node 0 to node n in exactly i stretches of at most
    `usable_km`, landing at n (inf where there is none; node 0 is landed at only as the start)."""
    count = between.shape[0]
    hop = np.where(between <= usable_km, between, np.inf)
    np.fill_diagonal(hop, np.inf)
    rows = [np.where(np.arange(count) == 0, 0.0, np.inf)]
    for _ in range(count):
        following = (rows[-1][:, None] + hop).min(axis=0)
        following[0] = np.inf
        rows.append(following)
    return np.array(rows)


def _over_pairs(
    distances: FloatArray, before: FloatArray, after: FloatArray, usable: float
) -> FloatArray:
    """Per point, min over nodes A, B of before[A] + d(A, P) + d(P, B) + after[B] where the
    stretch A-P-B is flyable."""
    least = np.full(distances.shape[1], np.inf)
    out = np.flatnonzero(np.isfinite(before))
    back = np.flatnonzero(np.isfinite(after))
    if not out.size or not back.size:
        return least
    for start in range(0, distances.shape[1], _CHUNK):
        part = distances[:, start : start + _CHUNK]
        stretch = part[out][:, None, :] + part[back][None, :, :]
        total = before[out][:, None, None] + stretch + after[back][None, :, None]
        least[start : start + _CHUNK] = np.where(stretch <= usable, total, np.inf).min(axis=(0, 1))
    return least


def _edge(zone: Area, nodes: Sequence[Site], step_deg: float) -> FloatArray:
    """(lon, lat) points: the zone's edge every `step_deg`, and the nodes inside it."""
    points = [shapely.get_coordinates(shapely.segmentize(zone.boundary, step_deg))]
    points += [
        np.array([[node.lon, node.lat]]) for node in nodes if zone.covers(Point(node.lon, node.lat))
    ]
    return np.unique(np.vstack(points), axis=0)


def _ways(zone: Area, nodes: Sequence[Site], costs: _Costs, step_deg: float) -> FloatArray:
    """(lon, lat) points every `step_deg` of the ways between nodes (one stretch apart) inside
    the zone: there d(A, L) + d(L, B) is as small as it gets."""
    points = [np.zeros((0, 2))]
    for a, b in itertools.combinations(range(len(nodes)), 2):
        if not np.isfinite(costs.between[a, b]):
            continue
        track = costs.airspace_rule.track(
            nodes[a], nodes[b], within_km=float(costs.between[a, b]) + 1.0
        )
        path = geo.chain_path([(p.lat, p.lon) for p in track.points])
        inside = shapely.segmentize(path, step_deg).intersection(zone)
        if not inside.is_empty:
            points.append(shapely.get_coordinates(shapely.segmentize(inside, step_deg)))
    return np.vstack(points)


def _inside(zone: Area, point: FloatArray) -> FloatArray:
    """The point if it lies strictly inside the zone, else the first point _NUDGE_M from it
    that does: a point on the edge may belong to the airspace on its other side as well."""
    if zone.contains(Point(point[0], point[1])):
        return point
    azimuths = np.arange(0.0, 360.0, 15.0)
    for metres in _NUDGE_M:
        lon, lat, _ = wgs84().fwd(
            np.full(azimuths.size, point[0]),
            np.full(azimuths.size, point[1]),
            azimuths,
            np.full(azimuths.size, metres),
        )
        inside = shapely.contains_xy(zone, lon, lat)
        if inside.any():
            index = int(np.flatnonzero(inside)[0])
            return np.array([lon[index], lat[index]])
    return point


def _near(zone: Area, point: FloatArray, radius_km: float, step_deg: float) -> FloatArray:
    """The zone's edge every `step_deg`, where it lies within `radius_km` of `point`."""
    edge = shapely.get_coordinates(shapely.segmentize(zone.boundary, step_deg))
    away = np.asarray(
        geo.distance_km(lat1=point[1], lon1=point[0], lat2=edge[:, 1], lon2=edge[:, 0])
    )
    near: FloatArray = edge[away <= radius_km]
    return near
