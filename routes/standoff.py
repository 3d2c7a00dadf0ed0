"""Stand-off tasks of a scenario: strikes (`[[strikes]]`) and reach bands (`[[reach]]`), read from
the scenario's TOML tables and run.

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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from routes.airways import Airways, Overfly, overfly_for
from routes.catalog import Aircraft, Site, SiteCatalog, find_aircraft
from routes.errors import NoPlanError, RoutesError
from routes.inputs import shown
from routes.launch import INTERNATIONAL, Escort, LaunchRule, escort_of, launch_rule
from routes.policy import refuel_fields
from routes.reach import MAX_LANDINGS, ONE_WAY, ROUND_TRIP, Reach, reach
from routes.strike import Strike, plan_strike
from routes.table_fields import overfly_in, reserve_in, strings_in, text_in
from routes.weapons import Weapon, check_carried, find_weapon

__all__ = [
    "REACH_KEYS",
    "STRIKE_KEYS",
    "ReachTask",
    "StrikeResult",
    "StrikeTask",
    "escort_from",
    "reach_task",
    "run_reach",
    "run_strike",
    "strike_overfly",
    "strike_task",
]

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


@dataclass(frozen=True)
class StrikeTask:
    """A stand-off strike to plan: who, with what, from where, at what, under which rule."""

    aircraft: Aircraft
    weapon: Weapon
    origin: Site
    target: Site
    rule: LaunchRule
    escort: Escort | None
    fields: tuple[Site, ...]
    refuel_at: tuple[str, ...]
    reserve: float
    overfly: Overfly


@dataclass(frozen=True)
class StrikeResult:
    """A strike task's plan, or why there is none."""

    task: StrikeTask
    strike: Strike | None
    problem: str = ""


@dataclass(frozen=True)
class ReachTask:
    """Reach bands to draw: an aircraft from its base with landings at some fields."""

    aircraft: Aircraft
    origin: Site
    fields: tuple[Site, ...]
    refuel_at: tuple[str, ...]
    landings: int
    mode: str
    reserve: float
    overfly: Overfly


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
    return StrikeTask(
        aircraft,
        weapon,
        origin,
        target,
        rule,
        escort,
        fields,
        tuple(refuel_at),
        reserve_in(data),
        overfly,
    )


def escort_from(sites: SiteCatalog, fighter: Aircraft, specs: Sequence[str], option: str) -> Escort:
    """The fighter's escort from the bases `specs` name (by `option`), or else from the sites
    tagged with its id."""
    return escort_of(
        fighter, refuel_fields(sites, specs, option) if specs else sites.tagged(fighter.id)
    )


def strike_overfly(
    aircraft: Aircraft,
    origin: Site,
    fields: Sequence[Site],
    rule: LaunchRule,
    extra: Sequence[str],
) -> Overfly:
    """A strike's airspace: the operator's, its base's and fields' states, the states it may launch
    over, and `extra` (as --overfly)."""
    states = [] if rule.kind == INTERNATIONAL else list(rule.states)
    countries = [origin.country, *(field.country for field in fields), *states]
    return overfly_for(aircraft, landing_countries=countries, extra=extra)


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
    countries = [origin.country, *(field.country for field in fields)]
    overfly = overfly_for(aircraft, landing_countries=countries, extra=overfly_in(data))
    return ReachTask(
        aircraft,
        origin,
        fields,
        tuple(refuel_at),
        landings,
        ONE_WAY if one_way else ROUND_TRIP,
        reserve_in(data),
        overfly,
    )


def run_strike(task: StrikeTask) -> StrikeResult:
    """Plan the strike, or say why it cannot be flown."""
    try:
        strike = plan_strike(
            task.aircraft,
            task.origin,
            task.target,
            task.weapon,
            task.rule,
            escort=task.escort,
            fields=task.fields,
            reserve=task.reserve,
            airways=Airways(task.overfly),
        )
    except NoPlanError as error:
        return StrikeResult(task, None, str(error))
    return StrikeResult(task, strike)


def run_reach(task: ReachTask) -> Reach:
    """The task's reach bands."""
    return reach(
        task.aircraft,
        task.origin,
        task.fields,
        landings=task.landings,
        mode=task.mode,
        reserve=task.reserve,
        airways=Airways(task.overfly),
    )
