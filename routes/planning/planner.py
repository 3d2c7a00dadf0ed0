"""The catalog planner: the plan with the fewest refuelling landings, then the shortest distance."""

from __future__ import annotations

from collections.abc import Sequence

from routes.airspace_rule import AirspaceRule
from routes.catalog import Aircraft, Site
from routes.errors import NoPlanError
from routes.planning.band import range_band
from routes.planning.mission import TOLERANCE_KM, Mission, Plan, RangeBand, plan_of_chain, prepared
from routes.planning.network import Network
from routes.planning.no_plan import why_no_plan
from routes.planning.sweep import best_chain
from routes.range_model import usable_range_km

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


def plan_mission(
    aircraft: Aircraft,
    mission: Mission,
    *,
    refuel_fields: Sequence[Site] = (),
    reserve: float = 0.0,
    airways: AirspaceRule | None = None,
) -> Plan:
    """The plan with the fewest refuelling landings, then the shortest distance, along `airways`
    (straight geodesics by default).

    Landings are made only at `refuel_fields` (the origin too only if it is one of them). Raises
    ForbiddenSiteError for a waypoint in airspace the flight may not enter, and NoPlanError naming
    the stretch that cannot be flown, by how much, and what would fix it.
    """
    plan, network = _planned(aircraft, mission, refuel_fields, reserve, airways)
    if plan is None:
        message, short = why_no_plan(aircraft, network, usable_range_km(aircraft, reserve), reserve)
        raise NoPlanError(message, short_km=short)
    return plan


def plan_or_none(
    aircraft: Aircraft,
    mission: Mission,
    *,
    refuel_fields: Sequence[Site] = (),
    reserve: float = 0.0,
    airways: AirspaceRule | None = None,
) -> Plan | None:
    """plan_mission's plan, or None where it would say why there is none (which takes longer)."""
    return _planned(aircraft, mission, refuel_fields, reserve, airways)[0]


def _planned(
    aircraft: Aircraft,
    mission: Mission,
    refuel_fields: Sequence[Site],
    reserve: float,
    airways: AirspaceRule | None,
) -> tuple[Plan | None, Network]:
    usable, routes = prepared(aircraft, mission, reserve, airways)
    network = Network(mission, refuel_fields, routes, usable)
    chain = best_chain(network, usable)
    if chain is None:
        return None, network
    return plan_of_chain(aircraft, mission, reserve, network, chain, routes), network
