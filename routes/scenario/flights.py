"""A scenario's flights and their results: each flight planned (fewest landings, then distance),
beside the answer along straight geodesics and under each other published range."""

from __future__ import annotations

from dataclasses import dataclass, replace

from routes.airspace_rule import STRAIGHT_GEODESICS
from routes.bundled import range_sources, with_range_source
from routes.errors import NoPlanError
from routes.planning.mission import Mission, Plan
from routes.planning.policy import band_with_policy, plan_with_policy
from routes.planning.reached import FallsShortError
from routes.planning.rules import FlightRules
from routes.scenario.tasks import ReachTask, StrikeTask

__all__ = ["Flight", "FlightResult", "Scenario", "run_scenario"]


@dataclass(frozen=True)
class Flight:
    """One aircraft's mission in a scenario, under its flight rules; `refuel_at` names the
    refuelling fields as the scenario file does."""

    rules: FlightRules
    mission: Mission
    refuel_at: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    description: str
    source: str
    flights: tuple[Flight, ...]
    strikes: tuple[StrikeTask, ...] = ()
    reaches: tuple[ReachTask, ...] = ()


@dataclass(frozen=True)
class FlightResult:
    """A flight's best plan, or why there is none; and, where the flight keeps out of some
    airspace, the answer along straight geodesics beside it (what airspace changes)."""

    flight: Flight
    plan: Plan | None
    problem: str = ""
    straight: FlightResult | None = None
    #: The answer under each other published range of the aircraft, by its label.
    others: tuple[tuple[str, FlightResult], ...] = ()
    #: With no plan: the plan as far as the flight gets (None: not known, or not even that).
    reached: Plan | None = None
    #: With no plan: by how much the usable range falls short, where that is known.
    short_km: float | None = None


def run_scenario(scenario: Scenario) -> list[FlightResult]:
    """Plan every flight: the plan with the fewest refuelling landings, or why there is none."""
    results = []
    for flight in scenario.flights:
        result = _result(flight)
        if not flight.rules.overfly.anywhere:
            straight = replace(flight.rules, airspace_rule=STRAIGHT_GEODESICS)
            result = replace(result, straight=_result(replace(flight, rules=straight)))
        others = tuple(
            (label, _result(_flown_by(flight, label), with_band=False))
            for label in range_sources(flight.rules.aircraft.id)
            if label != flight.rules.aircraft.range_source
        )
        results.append(replace(result, others=others))
    return results


def _flown_by(flight: Flight, range_source: str) -> Flight:
    """The flight with its aircraft's range taken from another published figure."""
    aircraft = with_range_source(flight.rules.aircraft, range_source)
    return replace(flight, rules=replace(flight.rules, aircraft=aircraft))


def _result(flight: Flight, *, with_band: bool = True) -> FlightResult:
    """The flight's plan (with its band unless `with_band` is False), or why there is none."""
    try:
        plan = plan_with_policy(flight.rules, flight.mission)
    except FallsShortError as error:
        return FlightResult(
            flight, None, str(error), reached=error.reached, short_km=error.short_km
        )
    except NoPlanError as error:
        return FlightResult(flight, None, str(error), short_km=error.short_km)
    if not with_band:
        return FlightResult(flight, plan)
    band = band_with_policy(flight.rules, flight.mission)
    return FlightResult(flight, replace(plan, band=band))
