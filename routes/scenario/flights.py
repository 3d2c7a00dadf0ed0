"""A scenario's flights and their results: each flight planned (fewest landings, then distance),
beside the answer along straight geodesics and under each other published range."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from routes.airspace_rule import ANYWHERE, AirspaceRule, Overfly
from routes.bundled import range_sources, with_range_source
from routes.catalog import Aircraft
from routes.errors import NoPlanError
from routes.planning.fields import FieldSet
from routes.planning.mission import Mission, Plan
from routes.planning.policy import band_with_policy, plan_with_policy
from routes.scenario.tasks import ReachTask, StrikeTask

__all__ = ["Flight", "FlightResult", "Scenario", "run_scenario"]


@dataclass(frozen=True)
class Flight:
    """One aircraft's mission in a scenario, with where it may refuel."""

    aircraft: Aircraft
    mission: Mission
    refuel_at: tuple[str, ...]
    refuel_fields: FieldSet
    reserve: float
    overfly: Overfly = ANYWHERE


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


def run_scenario(scenario: Scenario) -> list[FlightResult]:
    """Plan every flight: the plan with the fewest refuelling landings, or why there is none."""
    results = []
    for flight in scenario.flights:
        airways = AirspaceRule(flight.overfly)
        result = _result(flight, airways)
        if not flight.overfly.anywhere:
            result = dataclasses.replace(result, straight=_result(flight, AirspaceRule(ANYWHERE)))
        others = tuple(
            (label, _result(_flown_by(flight, label), airways, with_band=False))
            for label in range_sources(flight.aircraft.id)
            if label != flight.aircraft.range_source
        )
        results.append(dataclasses.replace(result, others=others))
    return results


def _flown_by(flight: Flight, range_source: str) -> Flight:
    """The flight with its aircraft's range taken from another published figure."""
    return dataclasses.replace(flight, aircraft=with_range_source(flight.aircraft, range_source))


def _result(flight: Flight, airways: AirspaceRule, *, with_band: bool = True) -> FlightResult:
    """The flight's plan along `airways` (with its band unless `with_band` is False), or why
    there is none."""
    asked = (flight.aircraft, flight.mission, flight.refuel_fields)
    try:
        plan = plan_with_policy(*asked, reserve=flight.reserve, airways=airways)
    except NoPlanError as error:
        return FlightResult(flight, None, str(error))
    if not with_band:
        return FlightResult(flight, plan)
    band = band_with_policy(*asked, reserve=flight.reserve, airways=airways)
    return FlightResult(flight, dataclasses.replace(plan, band=band))
