"""The catalog planner: the plan with the fewest refuelling landings, then the shortest distance."""

from __future__ import annotations

from routes.planning.band import range_band
from routes.planning.mission import TOLERANCE_KM, Mission, Plan, RangeBand, plan_of_chain, prepared
from routes.planning.network import Network
from routes.planning.no_plan import why_no_plan
from routes.planning.reached import FallsShortError, as_far_as_it_gets
from routes.planning.rules import FlightRules
from routes.planning.sweep import best_chain

#: Besides its planners, the mission and plan types its callers have always imported from here.
__all__ = [
    "TOLERANCE_KM",
    "Mission",
    "Plan",
    "RangeBand",
    "plan_mission",
    "plan_or_none",
    "range_band",
]


def plan_mission(rules: FlightRules, mission: Mission) -> Plan:
    """The plan with the fewest refuelling landings, then the shortest distance, as the airspace
    rule allows.

    Landings are made only at the rules' fields (the origin too only if it is one of them).
    Raises ForbiddenSiteError for a waypoint in airspace the flight may not enter, and
    FallsShortError (a NoPlanError) naming the stretch that cannot be flown, by how much and what
    would fix it, with the plan as far as the flight gets.
    """
    plan, network = _planned(rules, mission)
    if plan is None:
        message, short = why_no_plan(rules, network)
        raise FallsShortError(
            message, short_km=short, reach=lambda: as_far_as_it_gets(rules, mission, network)
        )
    return plan


def plan_or_none(rules: FlightRules, mission: Mission) -> Plan | None:
    """plan_mission's plan, or None where it would say why there is none (which takes longer)."""
    return _planned(rules, mission)[0]


def _planned(rules: FlightRules, mission: Mission) -> tuple[Plan | None, Network]:
    usable = prepared(rules, mission)
    network = Network(mission, rules.field_sites("the planner"), rules.airspace_rule, usable)
    chain = best_chain(network, usable)
    if chain is None:
        return None, network
    return plan_of_chain(rules, mission, network, chain), network
