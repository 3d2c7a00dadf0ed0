"""The refuelling planner: fewest refuelling landings, then shortest distance, exact for a catalog.

A mission starts at an origin, overflies waypoints in order and lands at a final site. Between them
the aircraft may land only at allowed fields; a landing restores the full usable range.

A state is (field landed at, index of the next waypoint). A stretch between two landings either hops
from field to field (the index stays) or overflies waypoints i .. j-1 (the index moves on to j), so
the states stand in columns by index, joined forward only. Sweeping the columns in order, with the
hops inside each column relaxed landing by landing, finds the best cost (landings, then km) of every
state exactly. Stretches into a column come from a Pareto front of the earlier states, kept by how
far each one's take-off lies from its first waypoint: the sweep is linear in the waypoints, so a
mission of thousands of them plans in seconds.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

import geo
from routes.airspace_rule import ANYWHERE, Airways, Overfly, airways_or_straight
from routes.catalog import Aircraft, Site
from routes.errors import NoPlanError, RoutesError
from routes.legs import Leg, legs_through
from routes.range_model import usable_range_km

__all__ = [
    "KNIFE_EDGE",
    "TOLERANCE_KM",
    "Mission",
    "Plan",
    "RangeBand",
    "Stretch",
    "build_plan",
    "plan_mission",
    "plan_or_none",
    "range_band",
]

#: Distances within this many km of the usable range count as flyable (GeographicLib is exact to nm).
TOLERANCE_KM = 1e-6
#: The search for the longest stretch a failing mission must fly stops this close to it (km).
_BOTTLENECK_PRECISION_KM = 0.5
#: Ranges (as multiples of the usable range) at which a mission that fails only along tracks is
#: planned again, to find its longest stretch; beyond the last, the answer gives a lower bound
#: ("at least": each track search grows with its length bound).
_BOTTLENECK_SEARCH_FACTORS = (1.1, 1.25, 1.5, 2.0)
#: A mission that fails even in straight lines needing up to this multiple of the usable range is
#: a close call: its tracks are sought (10% beyond), so the shortfall is given to the km.
_CLOSE_CALL = 1.25


@dataclass(frozen=True)
class Mission:
    """Where to go: take off at origin, overfly waypoints in order, land at final (default: origin)."""

    origin: Site
    waypoints: tuple[Site, ...] = ()
    final: Site | None = None
    #: When it takes off (an aware UTC time), so its flight can be timed; None: not timed.
    takeoff: datetime | None = None
    #: Hours on the ground at each refuelling field (assumed: no published figure was found).
    turnaround_h: float = 2.0

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


#: A published figure within this fraction of either end of its band makes a knife-edge answer.
KNIFE_EDGE = 0.05
#: Break-even ranges are found to this many km of published range.
_BAND_PRECISION_KM = 1.0
#: The top of a band is sought up to this multiple of the usable range (tracks are searched that
#: far), and said to lie beyond it otherwise.
_BAND_SEARCH_FACTOR = 3.0


@dataclass(frozen=True)
class RangeBand:
    """The published ranges over which a plan's number of landings holds: from `low_km` (below
    it, more landings or none possible) up to `high_km` (from there, one landing fewer; None when
    there is no landing to save)."""

    landings: int
    low_km: float
    high_km: float | None
    published_km: float
    #: Where high_km is None with landings to save: no fewer landings up to this range (the
    #: search stops there).
    beyond_km: float | None = None

    @property
    def knife_edge(self) -> bool:
        """Whether the published figure lies within 5% of either end of the band."""
        near_low = self.published_km <= self.low_km * (1.0 + KNIFE_EDGE)
        near_high = self.high_km is not None and self.published_km >= self.high_km * (
            1.0 - KNIFE_EDGE
        )
        return near_low or near_high

    def describe(self) -> str:
        """E.g. "1 landing for a range of 5,711 to 6,892 km (knife-edge)"."""
        count = f"{self.landings} landing{'' if self.landings == 1 else 's'}"
        if self.high_km is not None:
            upper = f" to {self.high_km:,.0f} km"
        elif self.beyond_km is not None:
            upper = f" to beyond {self.beyond_km:,.0f} km"
        else:
            upper = " km or more"
        edge = " (knife-edge)" if self.knife_edge else ""
        return f"{count} for a range of {self.low_km:,.0f}{upper}{edge}"


@dataclass(frozen=True)
class Plan:
    """A feasible way to fly a mission, with its refuelling landings."""

    aircraft: Aircraft
    mission: Mission
    reserve: float
    usable_range_km: float
    stretches: tuple[Stretch, ...]
    legs: tuple[Leg, ...]
    overfly: Overfly = ANYWHERE
    #: The published ranges over which its number of landings holds, where worked out.
    band: RangeBand | None = None

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


State = tuple[int, int]  # (index of the field landed at, index of the next waypoint)
Cost = tuple[int, float]  # (refuelling landings, km flown)


class _Network:
    """Distances among the fields (origin, allowed landings, final site) and the waypoints along the
    flight's airways.

    Between consecutive waypoints they are always track lengths. Elsewhere a distance starts as
    the straight geodesic, a lower bound of the track, and becomes the track's length when a best
    plan uses it: a plan that is best on lower bounds and flies only exact distances is best.
    """

    def __init__(
        self, mission: Mission, fields: Sequence[Site], airways: Airways, usable_km: float
    ) -> None:
        final = mission.landing_site
        unique: dict[str, Site] = {}
        for site in [mission.origin, *fields, final]:
            other = unique.setdefault(site.id, site)
            if (other.lat, other.lon) != (site.lat, site.lon):
                raise RoutesError(
                    f"two places are both called {site.id}: ({other.lat:g}, {other.lon:g}) and "
                    f"({site.lat:g}, {site.lon:g})"
                )
        self.fields = list(unique.values())
        self.origin = self.fields.index(unique[mission.origin.id])
        self.final = self.fields.index(unique[final.id])
        allowed = {site.id for site in fields}
        #: Where a refuelling landing may be made: the allowed fields only (not the origin or the
        #: final site unless they are allowed too).
        self.landable = np.array([site.id in allowed for site in self.fields])
        self.waypoints = list(mission.waypoints)
        self.airways = airways
        steps = [_step_km(airways, a, b, usable_km) for a, b in itertools.pairwise(self.waypoints)]
        #: prefix[m]: km along the waypoints from the first to waypoint m.
        self.prefix = np.concatenate([[0.0], np.cumsum(steps)])
        self.hop = _straight(self.fields, self.fields)
        self.out = _straight(self.fields, self.waypoints)
        exact = airways.overfly.anywhere
        self.hop_exact = np.full(self.hop.shape, exact)
        self.out_exact = np.full(self.out.shape, exact)

    @property
    def n(self) -> int:
        return len(self.waypoints)

    @property
    def goal(self) -> State:
        return (self.final, self.n)

    def stretch_km(self, before: State, after: State) -> float:
        """The km of the stretch from state `before` to state `after`."""
        (f, i), (g, j) = before, after
        if i == j:
            return float(self.hop[f, g])
        over = float(self.prefix[j - 1] - self.prefix[i])
        return float(self.out[f, i]) + over + float(self.out[g, j - 1])

    def sites_of(self, before: State, after: State) -> tuple[Site, ...]:
        """The sites of a stretch: take-off field, waypoints overflown, landing field."""
        (f, i), (g, j) = before, after
        return (self.fields[f], *self.waypoints[i:j], self.fields[g])

    def make_exact(self, chain: Sequence[State], *, within_km: float) -> bool:
        """Replace the lower bounds a chain of states flies by track lengths, looking only for
        tracks short enough for their stretch to be at most `within_km` (a longer one makes the
        stretch too long anyway: its lower bound is raised to what was searched); False if it flew
        exact distances only (then nothing changed)."""
        changed = False
        for (f, i), (g, j) in itertools.pairwise(chain):
            if i == j:
                changed |= self._exact(self.hop, self.hop_exact, f, g, self.fields[g], within_km)
                continue
            over = float(self.prefix[j - 1] - self.prefix[i])
            for row, column, (other_row, other_column) in (
                (f, i, (g, j - 1)),
                (g, j - 1, (f, i)),
            ):
                # What the rest of the stretch already takes (at least) is not left for this part.
                budget = within_km - over - float(self.out[other_row, other_column])
                if budget < self.out[row, column]:  # the other part made the stretch too long
                    continue
                changed |= self._exact(
                    self.out, self.out_exact, row, column, self.waypoints[column], budget
                )
        return changed

    def _exact(
        self,
        km: NDArray[np.float64],
        exact: NDArray[np.bool_],
        row: int,
        column: int,
        to: Site,
        within_km: float,
    ) -> bool:
        if exact[row, column]:
            return False
        start = self.fields[row]
        if (start.lat, start.lon) == (to.lat, to.lon):
            km[row, column], exact[row, column] = 0.0, True
            return True
        try:
            km[row, column] = self.airways.distance_km(start, to, within_km=within_km)
            exact[row, column] = True
        except (
            NoPlanError
        ):  # no track that short: it is longer, and may be found with a longer limit
            km[row, column] = max(km[row, column], within_km + 2.0 * TOLERANCE_KM)
        return True

    def flies_exact(self, before: State, after: State) -> bool:
        """Whether the stretch from `before` to `after` is known along its tracks (not only as a
        lower bound)."""
        (f, i), (g, j) = before, after
        if i == j:
            return bool(self.hop_exact[f, g])
        return bool(self.out_exact[f, i] and self.out_exact[g, j - 1])


def _step_km(airways: Airways, start: Site, end: Site, usable_km: float) -> float:
    """The track between two consecutive waypoints, which are overflown in one stretch: one longer
    than the usable range is never flown, so none is sought (NoPlanError says so)."""
    try:
        return airways.distance_km(start, end, within_km=usable_km)
    except NoPlanError as error:
        short = max(airways.straight_km(start, end), usable_km) - usable_km
        raise NoPlanError(
            f"{error}; waypoints are overflown without landing, so no plan flies it within the "
            f"usable range of {usable_km:,.0f} km",
            short_km=short if short > 0.0 else None,
        ) from None


def _straight(starts: Sequence[Site], ends: Sequence[Site]) -> NDArray[np.float64]:
    if not starts or not ends:
        return np.zeros((len(starts), len(ends)))
    lat1, lat2 = np.meshgrid([s.lat for s in starts], [s.lat for s in ends], indexing="ij")
    lon1, lon2 = np.meshgrid([s.lon for s in starts], [s.lon for s in ends], indexing="ij")
    return np.asarray(geo.distance_km(lat1=lat1, lon1=lon1, lat2=lat2, lon2=lon2))


#: What a front ranks its candidates by: a cost, or a longest stretch (km).
_Value = TypeVar("_Value", tuple[int, float], float)
#: What a candidate carries along.
_Payload = TypeVar("_Payload")


class _ParetoFront(Generic[_Value, _Payload]):
    """Candidates (key, value, payload) with keys rising and values falling: a candidate with a
    larger key and a value no better than another's can never be chosen, so it is dropped."""

    def __init__(self) -> None:
        self.keys: list[float] = []
        self.values: list[_Value] = []
        self.payloads: list[_Payload] = []

    def add(self, key: float, value: _Value, payload: _Payload) -> None:
        at = bisect.bisect_left(self.keys, key)
        if at > 0 and self.values[at - 1] <= value:
            return
        if at < len(self.keys) and self.keys[at] == key and self.values[at] <= value:
            return
        end = at
        while end < len(self.keys) and self.values[end] >= value:
            end += 1
        self.keys[at:end] = [key]
        self.values[at:end] = [value]
        self.payloads[at:end] = [payload]


class _Front(_ParetoFront[Cost, State]):
    """Earlier states as take-off candidates: (key, value, state).

    key = km from the take-off field to its first waypoint less the km along the waypoints up to
    it; value = (landings, km so far + key). A stretch to a later column is flyable when the key is
    at most a limit, and its cost is the value plus what the target adds: among the candidates under
    a limit, the last one on the front is the best.
    """

    def best_within(self, limit: float) -> tuple[Cost, State] | None:
        at = bisect.bisect_right(self.keys, limit) - 1
        return None if at < 0 else (self.values[at], self.payloads[at])

    def drop_beyond(self, limit: float) -> None:
        """Forget candidates whose key exceeds `limit`: later limits are never larger."""
        at = bisect.bisect_right(self.keys, limit)
        del self.keys[at:], self.values[at:], self.payloads[at:]


@dataclass
class _Sweep:
    """Best cost of every state, and where it came from (-1: not reached)."""

    landings: NDArray[np.int64]
    km: NDArray[np.float64]
    from_field: NDArray[np.int64]
    from_index: NDArray[np.int64]

    def reached(self, state: State) -> bool:
        return bool(self.landings[state] >= 0)

    def chain_to(self, state: State) -> list[State]:
        chain = [state]
        while self.from_field[chain[-1]] >= 0:
            field, index = chain[-1]
            chain.append((int(self.from_field[field, index]), int(self.from_index[field, index])))
        return chain[::-1]


def _sweep(network: _Network, usable_km: float, most: int | None = None) -> _Sweep:
    """The best cost of every state, with stretches of at most `usable_km` and, with `most`, at
    most that many landings (a state that needs more is left unreached: costs only grow along a
    flight, so every state with at most `most` landings keeps the cost and the way it had)."""
    size, n = len(network.fields), network.n
    # A best plan lands at a state at most once: no cap where `most` is None.
    cap = size * (n + 1) if most is None else most
    reach = usable_km + TOLERANCE_KM
    sweep = _Sweep(
        landings=np.full((size, n + 1), -1, dtype=np.int64),
        km=np.full((size, n + 1), np.inf),
        from_field=np.full((size, n + 1), -1, dtype=np.int64),
        from_index=np.full((size, n + 1), -1, dtype=np.int64),
    )
    hops = np.where(network.hop <= reach, network.hop, np.inf)
    np.fill_diagonal(hops, np.inf)
    front = _Front()
    for j in range(n + 1):
        column = _column_costs(network, sweep, front, j, reach, cap)
        _relax_hops(network, sweep, hops, j, column, cap)
        if j < n:
            for g in np.flatnonzero(sweep.landings[:, j] >= 0).tolist():
                key = float(network.out[g, j] - network.prefix[j])
                value = (int(sweep.landings[g, j]), float(sweep.km[g, j]) + key)
                front.add(key, value, (g, j))
    return sweep


def _landing_cost(network: _Network, field: int, index: int) -> int | None:
    """Landings a landing at (field, index) adds: 0 for the goal, 1 at an allowed field, else None."""
    if (field, index) == network.goal:
        return 0
    return 1 if network.landable[field] else None


def _column_costs(
    network: _Network, sweep: _Sweep, front: _Front, j: int, reach: float, cap: int
) -> list[int]:
    """Costs of column j from stretches over waypoints into it; returns the fields reached."""
    if j == 0:
        sweep.landings[network.origin, 0] = 0
        sweep.km[network.origin, 0] = 0.0
        return [network.origin]
    over = float(network.prefix[j - 1])
    front.drop_beyond(reach - over)
    reached = []
    for g in range(len(network.fields)):
        added = _landing_cost(network, g, j)
        if added is None:
            continue
        to_field = float(network.out[g, j - 1])
        found = front.best_within(reach - over - to_field)
        if found is None:
            continue
        (landings, km), (f, i) = found
        if landings + added > cap:  # the best candidate lands least often: none fits the cap
            continue
        sweep.landings[g, j] = landings + added
        sweep.km[g, j] = km + over + to_field
        sweep.from_field[g, j], sweep.from_index[g, j] = f, i
        reached.append(g)
    return reached


def _relax_hops(
    network: _Network,
    sweep: _Sweep,
    hops: NDArray[np.float64],
    j: int,
    reached: list[int],
    cap: int,
) -> None:
    """Field-to-field hops inside column j, one landing level at a time (each hop is a landing, so
    the states with the fewest landings are final first)."""
    if not reached:
        return
    landings, km = sweep.landings[:, j], sweep.km[:, j]
    # Landings each field adds as a hop's end: 1 where allowed, 0 for the goal, -1: not allowed.
    added = np.where(network.landable, 1, -1)
    if j == network.n:
        added[network.final] = 0
    # The goal only ends the flight: nothing takes off from it, and a hop into it adds no landing,
    # so it stays open to the end (it is never settled).
    takes_off = np.ones(len(network.fields), dtype=bool)
    if j == network.n:
        takes_off[network.final] = False
    settled = np.zeros(len(network.fields), dtype=bool)
    while True:
        open_states = (landings >= 0) & ~settled & takes_off
        if not open_states.any():
            return
        level = int(landings[open_states].min())
        if level > cap or (level == cap and j < network.n):  # every hop from here lands once more
            return
        members = np.flatnonzero(open_states & (landings == level))
        settled[members] = True
        through = km[members][:, None] + hops[members]
        best = np.argmin(through, axis=0)
        offered_km = through[best, np.arange(len(network.fields))]
        offered_landings = level + added
        better = (
            np.isfinite(offered_km)
            & (added >= 0)
            & (offered_landings <= cap)
            & ~settled
            & (
                (landings < 0)
                | (offered_landings < landings)
                | ((offered_landings == landings) & (offered_km < km))
            )
        )
        for g in np.flatnonzero(better).tolist():
            landings[g], km[g] = offered_landings[g], offered_km[g]
            sweep.from_field[g, j], sweep.from_index[g, j] = int(members[best[g]]), j


def plan_mission(
    aircraft: Aircraft,
    mission: Mission,
    *,
    refuel_fields: Sequence[Site] = (),
    reserve: float = 0.0,
    airways: Airways | None = None,
) -> Plan:
    """The plan with the fewest refuelling landings, then the shortest distance, along `airways`
    (straight geodesics by default).

    Landings are made only at `refuel_fields` (the origin too only if it is one of them). Raises
    ForbiddenSiteError for a waypoint in airspace the flight may not enter, and NoPlanError naming
    the stretch that cannot be flown, by how much, and what would fix it.
    """
    plan, network = _planned(aircraft, mission, refuel_fields, reserve, airways)
    if plan is None:
        message, short = _why_no_plan(
            aircraft, network, usable_range_km(aircraft, reserve), reserve
        )
        raise NoPlanError(message, short_km=short)
    return plan


def plan_or_none(
    aircraft: Aircraft,
    mission: Mission,
    *,
    refuel_fields: Sequence[Site] = (),
    reserve: float = 0.0,
    airways: Airways | None = None,
) -> Plan | None:
    """plan_mission's plan, or None where it would say why there is none (which takes longer)."""
    return _planned(aircraft, mission, refuel_fields, reserve, airways)[0]


def _planned(
    aircraft: Aircraft,
    mission: Mission,
    refuel_fields: Sequence[Site],
    reserve: float,
    airways: Airways | None,
) -> tuple[Plan | None, _Network]:
    usable = usable_range_km(aircraft, reserve)
    mission.check_goes_somewhere()
    routes = airways_or_straight(airways)
    routes.check_sites(mission.waypoints, "waypoint")
    network = _Network(mission, refuel_fields, routes, usable)
    chain = _best_chain(network, usable)
    if chain is None:
        return None, network
    return build_plan(aircraft, mission, reserve, _stretches(network, chain), routes), network


def _best_chain(network: _Network, usable_km: float, most: int | None = None) -> list[State] | None:
    """The states of the best plan with stretches of at most `usable_km` (and with `most`, at most
    that many landings), on exact distances: sweep on what is known, make the winner's distances
    exact, and again until it flew exact ones."""
    while True:
        sweep = _sweep(network, usable_km, most)
        if not sweep.reached(network.goal):
            return None
        chain = sweep.chain_to(network.goal)
        if not network.make_exact(chain, within_km=usable_km):
            return chain


def _stretches(network: _Network, chain: Sequence[State]) -> list[Stretch]:
    return [
        Stretch(network.sites_of(before, after), network.stretch_km(before, after))
        for before, after in itertools.pairwise(chain)
    ]


def build_plan(
    aircraft: Aircraft,
    mission: Mission,
    reserve: float,
    stretches: Sequence[Stretch],
    airways: Airways | None = None,
) -> Plan:
    """A Plan from its stretches between landings, with its legs along `airways`."""
    stretches = tuple(stretches)
    routes = airways_or_straight(airways)
    return Plan(
        aircraft,
        mission,
        reserve,
        usable_range_km(aircraft, reserve),
        stretches,
        _legs(aircraft, stretches, routes),
        routes.overfly,
    )


def _legs(aircraft: Aircraft, stretches: Sequence[Stretch], airways: Airways) -> tuple[Leg, ...]:
    sites = [stretches[0].sites[0]]
    refuel_after: list[bool] = []
    for number, stretch in enumerate(stretches):
        for site in stretch.sites[1:]:
            sites.append(site)
            refuel_after.append(False)
        refuel_after[-1] = number < len(stretches) - 1
    return tuple(
        legs_through(
            sites, cruise_kmh=aircraft.cruise_kmh, refuel_after=refuel_after, airways=airways
        )
    )


def _why_no_plan(
    aircraft: Aircraft, network: _Network, usable: float, reserve: float
) -> tuple[str, float | None]:
    """Name the stretch that fails in the plan whose longest stretch is shortest, and by how much.

    Straight geodesics are lower bounds of the tracks. Where the mission fails even on them by far,
    the failing stretch is named from them ("at least") and no track is sought; where it fails
    narrowly, or only along tracks, it is planned again at a few longer ranges (each track search
    bounded by that range) and its longest stretch found by bisection, to the km.
    """
    low = usable
    if _chain_on_bounds(network, usable):
        ranges = [usable * factor for factor in _BOTTLENECK_SEARCH_FACTORS]
    else:
        least = _least_range(network, usable, _one_stretch_km(network), _chain_on_bounds)
        if least > usable * _CLOSE_CALL:  # far off: the straight lines say enough
            return _failing_on_bounds(aircraft, network, least, usable, reserve)
        ranges = [least * _BOTTLENECK_SEARCH_FACTORS[0]]
    for high in ranges:
        if _best_chain(network, high) is not None:
            high = _least_range(network, low, high, _plans_on_tracks)
            chain = _best_chain(network, high)
            if chain is None:  # pragma: no cover - a plan at `high` was found just now
                raise RoutesError("the mission has no route at all")
            return _failing_stretch(aircraft, network, chain, usable, reserve)
        low = high
    # What the lower bounds (straight lines, raised by the searches made) say.
    high = _least_range(network, low, _one_stretch_km(network), _chain_on_bounds)
    return _failing_on_bounds(aircraft, network, high, usable, reserve)


def _failing_on_bounds(
    aircraft: Aircraft, network: _Network, least_km: float, usable: float, reserve: float
) -> tuple[str, float | None]:
    """The failing stretch of the plan found on lower bounds at `least_km`, the least range at
    which they allow one."""
    chain = _sweep(network, least_km).chain_to(network.goal)
    return _failing_stretch(aircraft, network, chain, usable, reserve)


def _plans_on_tracks(network: _Network, usable_km: float) -> bool:
    return _best_chain(network, usable_km) is not None


def _chain_on_bounds(network: _Network, usable_km: float) -> bool:
    """Whether the mission has a plan on what is known of its distances (tracks where searched,
    straight lower bounds elsewhere): if not, it has none along tracks either."""
    return _sweep(network, usable_km).reached(network.goal)


def _one_stretch_km(network: _Network) -> float:
    """The whole mission in one stretch, on what is known (always a plan at that range)."""
    return network.stretch_km((network.origin, 0), network.goal)


def _least_range(
    network: _Network,
    low: float,
    high: float,
    plans: Callable[[_Network, float], bool],
    precision_km: float = _BOTTLENECK_PRECISION_KM,
) -> float:
    """The least range in (low, high] at which `plans` finds a plan, to `precision_km` (there is
    none at `low`, one at `high`)."""
    while high - low > precision_km:
        middle = (low + high) / 2.0
        if plans(network, middle):
            high = middle
        else:
            low = middle
    return high


def _failing_stretch(
    aircraft: Aircraft, network: _Network, chain: Sequence[State], usable: float, reserve: float
) -> tuple[str, float | None]:
    """The message and shortfall for the longest stretch of `chain` (the best plan's at the least
    range that has one): "at least" where that stretch is known only as a lower bound."""
    states = list(itertools.pairwise(chain))
    before, after = max(states, key=lambda pair: network.stretch_km(*pair))
    if not network.flies_exact(before, after):
        # Parts whose straight line is clear are flown straight: a search bounded by the straight
        # line finds that at once (and nothing longer).
        network.make_exact([before, after], within_km=network.stretch_km(before, after))
    failing = Stretch(network.sites_of(before, after), network.stretch_km(before, after))
    exact = network.flies_exact(before, after)
    if not exact:
        for start, end in itertools.pairwise(failing.sites):
            enclosed = network.airways.enclosure(start, end)
            if enclosed is not None:
                return enclosed, None
    at_least = "" if exact else "at least "
    bound = (
        ""
        if exact
        else " (a lower bound: the shortest way round the airspace it may not enter was not sought)"
    )
    range_needed = failing.distance_km / (1.0 - reserve)
    if aircraft.figure == "combat_radius":
        range_needed /= 2.0
    return (
        f"{aircraft.name} cannot fly {failing.describe()}: {at_least}{failing.distance_km:,.0f} km "
        f"without landing{bound} is {failing.distance_km - usable:,.0f} km more than its usable "
        f"range of {usable:,.0f} km; it needs a {aircraft.figure.replace('_', ' ')} of at least "
        f"{range_needed:,.0f} km at {reserve:.0%} reserve, or an allowed field nearer that stretch"
    ), failing.distance_km - usable


#: What may separate a sum of geodesics from the same way in fewer of them (rounding), in km.
_ROUNDING_KM = 1e-3


def _straight_km(network: _Network) -> float:
    """The whole mission in straight geodesics, landing nowhere: no plan flies less in all (tracks
    are no shorter than geodesics, and a detour to land only adds to the way)."""
    points = [network.fields[network.origin], *network.waypoints, network.fields[network.final]]
    lat = np.array([site.lat for site in points])
    lon = np.array([site.lon for site in points])
    steps = geo.distance_km(lat1=lat[:-1], lon1=lon[:-1], lat2=lat[1:], lon2=lon[1:])
    return float(np.sum(steps))


def _band_edge(
    network: _Network, low: float, high: float, most: int, precision_km: float, straight_km: float
) -> float:
    """The least range in (low, high] with a plan of at most `most` landings, to `precision_km`
    (there is none at `low`, one at `high`): the bisection _least_range makes, step for step and
    to the same answer, planning again only at the steps that what is known leaves open.

    - A plan of at most `most` landings has at most most + 1 stretches, together no shorter than
      the whole mission in straight lines (`straight_km`), so it needs a range of at least
      straight_km / (most + 1).
    - Nor can it fly a range below the least longest stretch of such plans on what is known of
      the distances (lower bounds of the tracks): that plan flies from there on where they are
      all exact.
    - A plan found at one step flies every step from its longest stretch on.

    Only steps within a metre of a bound are planned (rounding might tell them apart).
    """
    least = _least_longest_km(network, most)
    floor = max(straight_km / (most + 1), least) - _ROUNDING_KM
    # Where every distance is known exactly (no airspace rule), the plan with the least longest
    # stretch flies from there on.
    known = bool(network.hop_exact.all() and network.out_exact.all())
    flies_from = least + _ROUNDING_KM if known else math.inf
    while high - low > precision_km:
        middle = (low + high) / 2.0
        if middle >= flies_from:
            found = True
        elif middle + TOLERANCE_KM < floor:
            found = False
        else:
            chain = _best_chain(network, middle, most)
            found = chain is not None
            if chain is not None:
                longest = max(network.stretch_km(*pair) for pair in itertools.pairwise(chain))
                flies_from = min(flies_from, longest)
        if found:
            high = middle
        else:
            low = middle
    return high


class _LongestFront(_ParetoFront[float, float]):
    """Earlier states as take-off candidates, for the least longest stretch: (key, longest,
    key - longest) with keys rising and longest falling, so key - longest rises (key as in
    _Front; longest: the longest stretch flown to the state). A stretch from a candidate to a
    later state is key + what the target adds; flown from it, the longest stretch is the larger of
    the two."""

    def least(self, added: float) -> float:
        """The least, over the candidates, of the larger of their longest stretch and key + added:
        where the stretch outgrows the longest, or just before."""
        at = bisect.bisect_left(self.payloads, -added)
        best = math.inf
        if at < len(self.keys):
            best = self.keys[at] + added
        if at > 0:
            best = min(best, self.values[at - 1])
        return best


def _least_longest_km(network: _Network, most: int) -> float:
    """The least longest stretch of the plans with at most `most` landings, on what is known of
    the distances (inf: no such plan): the least range at which one flies. A sweep as _sweep's,
    over states (field, next waypoint, landings so far) and taking the longest stretch for cost."""
    size, n = len(network.fields), network.n
    final, prefix = network.final, network.prefix.tolist()
    by_waypoint = network.out.T.tolist()
    hops = network.hop.copy()
    np.fill_diagonal(hops, np.inf)
    fronts = [_LongestFront() for _ in range(most + 1)]
    for j in range(n + 1):
        # Landings a landing at each field adds: 1 where allowed, 0 for the goal, -1: not allowed.
        adds = np.where(network.landable, 1, -1)
        if j == n:
            adds[final] = 0
        longest = np.full((most + 1, size), np.inf)
        if j == 0:
            longest[0, network.origin] = 0.0
        else:
            over, column = prefix[j - 1], by_waypoint[j - 1]
            for g in np.flatnonzero(adds >= 0).tolist():
                added, extra = over + column[g], int(adds[g])
                for k in range(extra, most + 1):
                    longest[k, g] = min(longest[k, g], fronts[k - extra].least(added))
        # Hops inside the column, fewest landings first (each lands once more; into the goal, not).
        for k in range(most + 1):
            takes_off = np.isfinite(longest[k])
            if j == n:
                takes_off[final] = False
            if not takes_off.any():
                continue
            offered = np.maximum(longest[k][takes_off][:, None], hops[takes_off]).min(axis=0)
            if k < most:
                lands = adds == 1
                longest[k + 1][lands] = np.minimum(longest[k + 1][lands], offered[lands])
            if j == n:
                longest[k, final] = min(longest[k, final], offered[final])
        if j < n:
            for k in range(most + 1):
                for g in np.flatnonzero(np.isfinite(longest[k])).tolist():
                    key, flown = by_waypoint[j][g] - prefix[j], float(longest[k, g])
                    fronts[k].add(key, flown, key - flown)
    return float(longest[:, final].min())


def range_band(
    aircraft: Aircraft,
    mission: Mission,
    *,
    refuel_fields: Sequence[Site] = (),
    reserve: float = 0.0,
    airways: Airways | None = None,
) -> RangeBand | None:
    """The band of published ranges over which the best plan's number of landings holds (to 1 km),
    found by re-planning at other ranges; None when there is no plan at the published figure."""
    routes = airways_or_straight(airways)
    usable = usable_range_km(aircraft, reserve)
    network = _Network(mission, refuel_fields, routes, usable)
    per_km = usable / aircraft.range_km  # usable km per km of published figure
    chain = _best_chain(network, usable)
    if chain is None:
        return None
    landings = len(chain) - 2

    precision = _BAND_PRECISION_KM * per_km
    straight = _straight_km(network)
    low_km = _band_edge(network, 0.0, usable, landings, precision, straight) / per_km
    high_km = beyond_km = None
    if landings:
        # Flying the whole mission in one stretch needs no landing: the band ends below that, or
        # beyond the longest range searched.
        top = usable * _BAND_SEARCH_FACTOR
        network.make_exact([(network.origin, 0), network.goal], within_km=top)
        top = max(min(network.stretch_km((network.origin, 0), network.goal), top), usable)
        if _best_chain(network, top, landings - 1) is not None:
            high_km = _band_edge(network, usable, top, landings - 1, precision, straight) / per_km
        else:
            beyond_km = top / per_km
    return RangeBand(landings, low_km, high_km, aircraft.range_km, beyond_km)
