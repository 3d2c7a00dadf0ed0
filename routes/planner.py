"""The refuelling planner: fewest refuelling landings, then shortest distance, exact for a catalog.

A mission starts at an origin, overflies waypoints in order and lands at a final site. Between them the
aircraft may land only at allowed fields; a landing restores the full usable range. The search state is
(last landing site, index of the next waypoint); Dijkstra over it is exact.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

import geo
from routes.catalog import Aircraft, Site
from routes.errors import NoPlanError, RoutesError
from routes.legs import Leg, legs_through
from routes.range_model import usable_range_km

__all__ = ["TOLERANCE_KM", "Mission", "Plan", "Stretch", "build_plan", "plan_mission"]

#: Distances within this many km of the usable range count as flyable (GeographicLib is exact to nm).
TOLERANCE_KM = 1e-6


@dataclass(frozen=True)
class Mission:
    """Where to go: take off at origin, overfly waypoints in order, land at final (default: origin)."""

    origin: Site
    waypoints: tuple[Site, ...] = ()
    final: Site | None = None

    @property
    def landing_site(self) -> Site:
        return self.final if self.final is not None else self.origin

    def check_goes_somewhere(self) -> None:
        """Raise RoutesError for a mission whose every point is the origin."""
        places = {(site.lat, site.lon) for site in (*self.waypoints, self.landing_site)}
        if places <= {(self.origin.lat, self.origin.lon)}:
            raise RoutesError(
                f"the mission from {self.origin.id} goes nowhere: give waypoints or a final site elsewhere"
            )


@dataclass(frozen=True)
class Stretch:
    """A flight between two landings, over the waypoints between them."""

    sites: tuple[Site, ...]
    distance_km: float

    def describe(self) -> str:
        return " -> ".join(site.id for site in self.sites)


@dataclass(frozen=True)
class Plan:
    """A feasible way to fly a mission, with its refuelling landings."""

    aircraft: Aircraft
    mission: Mission
    reserve: float
    usable_range_km: float
    stretches: tuple[Stretch, ...]
    legs: tuple[Leg, ...]

    @property
    def refuel_stops(self) -> list[Site]:
        return [stretch.sites[-1] for stretch in self.stretches[:-1]]

    @property
    def total_km(self) -> float:
        return sum(stretch.distance_km for stretch in self.stretches)

    @property
    def min_margin_km(self) -> float:
        """The fuel left, in km, at the end of the tightest stretch."""
        return min(self.usable_range_km - stretch.distance_km for stretch in self.stretches)


State = tuple[int, int]  # (index of the last landing site among the fields, next waypoint index)


class _Network:
    """Distances among the fields (allowed landings plus the final site) and the waypoints."""

    def __init__(self, mission: Mission, fields: Sequence[Site]) -> None:
        self.mission = mission
        final = mission.landing_site
        unique = {site.id: site for site in [mission.origin, *fields, final]}
        self.fields = list(unique.values())
        self.origin = self.fields.index(unique[mission.origin.id])
        self.final = self.fields.index(unique[final.id])
        self.waypoints = list(mission.waypoints)
        lats = np.array([s.lat for s in self.fields])
        lons = np.array([s.lon for s in self.fields])
        w_lats = np.array([s.lat for s in self.waypoints])
        w_lons = np.array([s.lon for s in self.waypoints])
        self.field_to_field = _distance_matrix(lats, lons, lats, lons)
        self.field_to_waypoint = _distance_matrix(lats, lons, w_lats, w_lons)
        chain = [
            float(geo.distance_km(lat1=a.lat, lon1=a.lon, lat2=b.lat, lon2=b.lon))
            for a, b in zip(self.waypoints[:-1], self.waypoints[1:], strict=True)
        ]
        # overfly[i][j]: the distance flown from waypoint i to waypoint j along the chain.
        self.chain_prefix = np.concatenate([[0.0], np.cumsum(chain)])

    def stretches_from(self, state: State) -> Iterator[tuple[State, float]]:
        """Every next landing: over waypoints i..j-1, then down at a field (j == n: the final too)."""
        landing, i = state
        n = len(self.waypoints)
        for j in range(i, n + 1):
            if j == i:
                distances = self.field_to_field[landing]
            else:
                overfly = (
                    self.field_to_waypoint[landing, i]
                    + self.chain_prefix[j - 1]
                    - self.chain_prefix[i]
                )
                distances = overfly + self.field_to_waypoint[:, j - 1]
            for field, distance in enumerate(distances.tolist()):
                if j == i and field == landing:
                    continue
                yield (field, j), distance

    def is_goal(self, state: State) -> bool:
        return state == (self.final, len(self.waypoints))

    def sites_of(self, state: State, previous: State) -> tuple[Site, ...]:
        """The sites of the stretch from `previous` to `state`: landing, waypoints, landing."""
        (start, i), (end, j) = previous, state
        return (self.fields[start], *self.waypoints[i:j], self.fields[end])


def _distance_matrix(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    if lat1.size == 0 or lat2.size == 0:
        return np.zeros((lat1.size, lat2.size))
    grid_lat1, grid_lat2 = np.meshgrid(lat1, lat2, indexing="ij")
    grid_lon1, grid_lon2 = np.meshgrid(lon1, lon2, indexing="ij")
    return np.asarray(
        geo.distance_km(lat1=grid_lat1, lon1=grid_lon1, lat2=grid_lat2, lon2=grid_lon2)
    )


Cost = tuple[float, ...]


def _search(
    network: _Network, step_cost: Callable[[Cost, State, float], Cost | None]
) -> tuple[Cost, list[State]] | None:
    """Dijkstra from the origin to the goal; `step_cost` extends a cost by a stretch (None: not allowed)."""
    start: State = (network.origin, 0)
    best: dict[State, Cost] = {start: (0.0, 0.0, 0.0)}
    previous: dict[State, State] = {}
    queue: list[tuple[Cost, State]] = [(best[start], start)]
    while queue:
        cost, state = heapq.heappop(queue)
        if cost > best[state]:
            continue
        if network.is_goal(state):
            chain = [state]
            while chain[-1] in previous:
                chain.append(previous[chain[-1]])
            return cost, chain[::-1]
        for following, distance in network.stretches_from(state):
            extended = step_cost(cost, following, distance)
            if extended is not None and extended < best.get(following, (np.inf,)):
                best[following] = extended
                previous[following] = state
                heapq.heappush(queue, (extended, following))
    return None


def plan_mission(
    aircraft: Aircraft,
    mission: Mission,
    *,
    refuel_fields: Sequence[Site] = (),
    reserve: float = 0.0,
) -> Plan:
    """The plan with the fewest refuelling landings, then the shortest distance.

    Raises NoPlanError naming the stretch that cannot be flown, by how much, and what would fix it.
    """
    usable = usable_range_km(aircraft, reserve)
    mission.check_goes_somewhere()
    network = _Network(mission, refuel_fields)

    def fewest_stops(cost: Cost, state: State, distance: float) -> Cost | None:
        if distance > usable + TOLERANCE_KM:
            return None
        stops, total, _ = cost
        return (stops + (0 if network.is_goal(state) else 1), total + distance, 0.0)

    found = _search(network, fewest_stops)
    if found is None:
        raise NoPlanError(_why_no_plan(aircraft, network, usable, reserve))
    _, states = found
    stretches = tuple(
        Stretch(network.sites_of(state, before), _stretch_length(network, before, state))
        for before, state in itertools.pairwise(states)
    )
    return build_plan(aircraft, mission, reserve, stretches)


def build_plan(
    aircraft: Aircraft, mission: Mission, reserve: float, stretches: Sequence[Stretch]
) -> Plan:
    """A Plan from its stretches between landings, with its legs."""
    stretches = tuple(stretches)
    return Plan(
        aircraft,
        mission,
        reserve,
        usable_range_km(aircraft, reserve),
        stretches,
        _legs(aircraft, stretches),
    )


def _stretch_length(network: _Network, before: State, state: State) -> float:
    for following, distance in network.stretches_from(before):
        if following == state:
            return distance
    raise AssertionError("a plan's stretch is not in the network")  # pragma: no cover


def _legs(aircraft: Aircraft, stretches: Sequence[Stretch]) -> tuple[Leg, ...]:
    sites = [stretches[0].sites[0]]
    refuel_after: list[bool] = []
    for number, stretch in enumerate(stretches):
        for site in stretch.sites[1:]:
            sites.append(site)
            refuel_after.append(False)
        refuel_after[-1] = number < len(stretches) - 1
    return tuple(legs_through(sites, cruise_kmh=aircraft.cruise_kmh, refuel_after=refuel_after))


def _why_no_plan(aircraft: Aircraft, network: _Network, usable: float, reserve: float) -> str:
    """Name the stretch that fails in the plan whose longest stretch is shortest (minimax search)."""

    def longest_stretch(cost: Cost, state: State, distance: float) -> Cost:
        longest, stops, total = cost
        return (
            max(longest, distance),
            stops + (0 if network.is_goal(state) else 1),
            total + distance,
        )

    found = _search(network, longest_stretch)
    if found is None:  # pragma: no cover - every state reaches the goal without a range limit
        raise RoutesError("the mission has no route at all")
    (needed, _, _), states = found
    failing = max(
        (
            Stretch(network.sites_of(state, before), _stretch_length(network, before, state))
            for before, state in itertools.pairwise(states)
        ),
        key=lambda stretch: stretch.distance_km,
    )
    range_needed = needed / (1.0 - reserve)
    if aircraft.figure == "combat_radius":
        range_needed /= 2.0
    return (
        f"{aircraft.name} cannot fly {failing.describe()}: {failing.distance_km:,.0f} km without "
        f"landing is {failing.distance_km - usable:,.0f} km more than its usable range of "
        f"{usable:,.0f} km; it needs a {aircraft.figure.replace('_', ' ')} of at least "
        f"{range_needed:,.0f} km at {reserve:.0%} reserve, or an allowed field nearer that stretch"
    )
