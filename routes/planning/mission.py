"""What a mission asks and a plan gives: the mission, its stretches between landings, its legs."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from routes.airspace_rule import ANYWHERE, AirspaceRule, Overfly
from routes.catalog import Aircraft, Site
from routes.errors import RoutesError
from routes.legs import Leg, legs_through
from routes.planning.rules import FlightRules

__all__ = [
    "KNIFE_EDGE",
    "TOLERANCE_KM",
    "Mission",
    "Plan",
    "RangeBand",
    "Stretch",
    "build_plan",
    "plan_of_chain",
    "prepared",
]

#: Distances within this many km of the usable range count as flyable (GeographicLib is exact to nm).
TOLERANCE_KM = 1e-6


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


def prepared(rules: FlightRules, mission: Mission) -> float:
    """What every planner checks before it searches: a mission that goes somewhere, and
    waypoints the airspace rule lets the flight reach (ForbiddenSiteError names one that it does
    not). Returns the usable range."""
    mission.check_goes_somewhere()
    rules.airspace_rule.check_sites(mission.waypoints, "waypoint")
    return rules.usable_km


#: A planner's state: (index of the field landed at, index of the next waypoint).
_State = tuple[int, int]


class _Stretches(Protocol):
    """What a planner knows of the stretch between two of its states."""

    def sites_of(self, before: _State, after: _State) -> tuple[Site, ...]: ...

    def stretch_km(self, before: _State, after: _State) -> float: ...


def plan_of_chain(
    rules: FlightRules, mission: Mission, network: _Stretches, chain: Sequence[_State]
) -> Plan:
    """The Plan a planner's chain of states flies, with its legs as the airspace rule allows."""
    stretches = [
        Stretch(network.sites_of(before, after), network.stretch_km(before, after))
        for before, after in itertools.pairwise(chain)
    ]
    return build_plan(rules, mission, stretches)


def build_plan(rules: FlightRules, mission: Mission, stretches: Sequence[Stretch]) -> Plan:
    """A Plan from its stretches between landings, with its legs as the airspace rule allows."""
    stretches = tuple(stretches)
    return Plan(
        rules.aircraft,
        mission,
        rules.reserve,
        rules.usable_km,
        stretches,
        _legs(rules.aircraft, stretches, rules.airspace_rule),
        rules.airspace_rule.overfly,
    )


def _legs(
    aircraft: Aircraft, stretches: Sequence[Stretch], airspace_rule: AirspaceRule
) -> tuple[Leg, ...]:
    sites = [stretches[0].sites[0]]
    refuel_after: list[bool] = []
    for number, stretch in enumerate(stretches):
        for site in stretch.sites[1:]:
            sites.append(site)
            refuel_after.append(False)
        refuel_after[-1] = number < len(stretches) - 1
    return tuple(
        legs_through(
            sites,
            cruise_kmh=aircraft.cruise_kmh,
            refuel_after=refuel_after,
            airspace_rule=airspace_rule,
        )
    )
