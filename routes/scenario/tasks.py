"""A scenario's stand-off tasks and their results: strikes (`[[strikes]]`) and reach bands
(`[[reach]]`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from routes.airspace_rule import Overfly, overfly_for
from routes.catalog import Aircraft, Site, SiteCatalog
from routes.errors import NoPlanError
from routes.planning.policy import refuel_fields
from routes.planning.rules import FlightRules
from routes.reach_bands.bands import Reach, reach
from routes.standoff.launch import INTERNATIONAL, Escort, LaunchRule, escort_of
from routes.standoff.strike import Strike, plan_strike
from routes.weapons import Weapon

__all__ = [
    "ReachTask",
    "StrikeResult",
    "StrikeTask",
    "escort_from",
    "run_reach",
    "run_strike",
    "strike_overfly",
]


@dataclass(frozen=True)
class StrikeTask:
    """A stand-off strike to plan: who, with what, from where, at what, under which rule."""

    rules: FlightRules
    weapon: Weapon
    origin: Site
    target: Site
    rule: LaunchRule
    escort: Escort | None
    refuel_at: tuple[str, ...]


@dataclass(frozen=True)
class StrikeResult:
    """A strike task's plan, or why there is none."""

    task: StrikeTask
    strike: Strike | None
    problem: str = ""


@dataclass(frozen=True)
class ReachTask:
    """Reach bands to draw: an aircraft from its base with landings at some fields."""

    rules: FlightRules
    origin: Site
    refuel_at: tuple[str, ...]
    landings: int
    mode: str


def escort_from(
    sites: SiteCatalog, fighter: Aircraft, specs: Sequence[str], named_by: str
) -> Escort:
    """The fighter's escort from the bases `specs` name (by the parameter `named_by`), or else from the sites
    tagged with its id."""
    return escort_of(
        fighter, refuel_fields(sites, specs, named_by) if specs else sites.tagged(fighter.id)
    )


def strike_overfly(
    aircraft: Aircraft,
    origin: Site,
    fields: Sequence[Site],
    rule: LaunchRule,
    extra: Sequence[str],
) -> Overfly:
    """A strike's airspace (overfly_for): the operator's, its base's and fields' states, the states
    it may launch over, and `extra` (as --overfly)."""
    launch_states = () if rule.kind == INTERNATIONAL else rule.states
    return overfly_for(
        aircraft, landing_at=[origin, *fields], launch_states=launch_states, extra=extra
    )


def run_strike(task: StrikeTask) -> StrikeResult:
    """Plan the strike, or say why it cannot be flown."""
    try:
        strike = plan_strike(
            task.rules, task.origin, task.target, task.weapon, task.rule, escort=task.escort
        )
    except NoPlanError as error:
        return StrikeResult(task, None, str(error))
    return StrikeResult(task, strike)


def run_reach(task: ReachTask) -> Reach:
    """The task's reach bands."""
    return reach(task.rules, task.origin, landings=task.landings, mode=task.mode)
