"""A scenario's stand-off tasks read from its TOML tables, every key checked:

[[strikes]]
aircraft = "h-6k"
weapon = "cj-20"
origin = "neixiang"
target = "PGUA"
launch_from = "international"     # or "domestic", or ["RU", "CN"]
escort = "j-16"                   # optional; escort_from = [...] names its bases
refuel_at = ["ru-far-east"]

[[reach]]
aircraft = "h-6k"
origin = "neixiang"
refuel_at = ["ru-far-east"]
landings = 2
one_way = false
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from formats.scenario.tables import overfly_in, reserve_in, strings_in, text_in
from routes.airspace_rule import AirspaceRule, overfly_for
from routes.bundled import check_carried, find_aircraft, find_weapon
from routes.catalog import SiteCatalog
from routes.errors import RoutesError, shown
from routes.planning.policy import refuel_fields
from routes.planning.rules import FlightRules
from routes.reach_bands.bands import MAX_LANDINGS, ONE_WAY, ROUND_TRIP
from routes.scenario.tasks import ReachTask, StrikeTask, escort_from, strike_overfly
from routes.standoff.launch import INTERNATIONAL, launch_rule

__all__ = ["REACH_KEYS", "STRIKE_KEYS", "reach_task", "strike_task"]

STRIKE_KEYS = {
    "aircraft",
    "weapon",
    "origin",
    "target",
    "launch_from",
    "escort",
    "escort_from",
    "refuel_at",
    "overfly",
    "reserve",
}


REACH_KEYS = {"aircraft", "origin", "refuel_at", "landings", "one_way", "overfly", "reserve"}


def strike_task(data: Mapping[str, Any], sites: SiteCatalog) -> StrikeTask:
    """A strike task from its TOML table (keys checked by the caller); RoutesError if wrong."""
    aircraft = find_aircraft(text_in(data, "aircraft"))
    weapon = find_weapon(text_in(data, "weapon"))
    check_carried(weapon, aircraft)
    origin, target = sites.resolve(text_in(data, "origin")), sites.resolve(text_in(data, "target"))
    rule_value = data.get("launch_from", INTERNATIONAL)
    if isinstance(rule_value, list) and all(isinstance(item, str) for item in rule_value):
        if not rule_value:
            raise RoutesError("launch_from is an empty list: name states, or give a word")
        rule_value = ",".join(rule_value)
    if not isinstance(rule_value, str):
        raise RoutesError('launch_from must be "domestic", "international" or a list of states')
    rule = launch_rule(rule_value, aircraft.operator)
    escort = None
    if "escort" in data:
        fighter = find_aircraft(text_in(data, "escort"))
        escort = escort_from(sites, fighter, strings_in(data, "escort_from"), "escort_from")
    elif "escort_from" in data:
        raise RoutesError("escort_from goes with escort")
    refuel_at = strings_in(data, "refuel_at")
    fields = tuple(refuel_fields(sites, refuel_at, "refuel_at")) if refuel_at else ()
    overfly = strike_overfly(aircraft, origin, fields, rule, overfly_in(data))
    rules = FlightRules(aircraft, fields, reserve_in(data), AirspaceRule(overfly))
    return StrikeTask(rules, weapon, origin, target, rule, escort, tuple(refuel_at))


def reach_task(data: Mapping[str, Any], sites: SiteCatalog) -> ReachTask:
    """A reach task from its TOML table (keys checked by the caller); RoutesError if wrong."""
    aircraft = find_aircraft(text_in(data, "aircraft"))
    origin = sites.resolve(text_in(data, "origin"))
    refuel_at = strings_in(data, "refuel_at")
    fields = tuple(refuel_fields(sites, refuel_at, "refuel_at")) if refuel_at else ()
    landings = data.get("landings", 1)
    if isinstance(landings, bool) or not isinstance(landings, int):
        raise RoutesError(f"landings {shown(landings)} must be a whole number")
    if not 0 <= landings <= MAX_LANDINGS:
        raise RoutesError(f"landings {landings} must be from 0 to {MAX_LANDINGS}")
    one_way = data.get("one_way", False)
    if not isinstance(one_way, bool):
        raise RoutesError("one_way must be true or false")
    overfly = overfly_for(aircraft, landing_at=[origin, *fields], extra=overfly_in(data))
    rules = FlightRules(aircraft, fields, reserve_in(data), AirspaceRule(overfly))
    mode = ONE_WAY if one_way else ROUND_TRIP
    return ReachTask(rules, origin, tuple(refuel_at), landings, mode)
