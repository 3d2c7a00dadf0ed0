"""Launch zones: where a carrier may release a weapon at a target.

The zone is the part of the ring of the weapon's range round the target that satisfies a launch
rule (the carrier's own sovereign airspace, international airspace, or the airspace of named
states) and, with an escort, lies within the escort's combat radius of a base that hosts it.
Each is a boolean operation on lon/lat polygons cut at 180 (the ring's and the shipped
sovereign airspace's), so the zone is exact with respect to them, across 180 too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import shapely

import airspace
import geo
from geo import Area
from routes.catalog import Aircraft, Site
from routes.errors import RoutesError, parameter

__all__ = [
    "DOMESTIC",
    "INTERNATIONAL",
    "Escort",
    "LaunchRule",
    "escort_of",
    "launch_rule",
    "launch_zone",
]

DOMESTIC, INTERNATIONAL, STATES = "domestic", "international", "states"


@dataclass(frozen=True)
class LaunchRule:
    """Where a weapon may be released: DOMESTIC (the carrier's operator's sovereign airspace),
    INTERNATIONAL (outside every state's) or STATES (the sovereign airspace of `states`)."""

    kind: str
    states: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.kind == INTERNATIONAL:
            return "from international airspace"
        owner = "its own" if self.kind == DOMESTIC else "the"
        return f"from {owner} airspace ({', '.join(self.states)})"

    def record(self) -> str | list[str]:
        return list(self.states) if self.kind == STATES else self.kind


@dataclass(frozen=True)
class Escort:
    """Fighters covering the launch: their combat radius round the bases that host them."""

    fighter: Aircraft
    bases: tuple[Site, ...]

    @property
    def radius_km(self) -> float:
        """Combat radius: the published one, or half a published range."""
        return (
            self.fighter.range_km
            if self.fighter.figure == "combat_radius"
            else (self.fighter.range_km / 2.0)
        )

    def describe(self) -> str:
        return (
            f"under {self.fighter.name} cover ({self.radius_km:,.0f} km from "
            f"{', '.join(base.id for base in self.bases)})"
        )


def escort_of(fighter: Aircraft, bases: Sequence[Site]) -> Escort:
    """The fighter's escort from `bases`; refused when it has none."""
    if not bases:
        raise RoutesError(
            f"no site hosts the {fighter.name} (no site is tagged {fighter.id!r}); name its bases"
            f" with {parameter('escort_from')}"
        )
    return Escort(fighter, tuple(bases))


def launch_rule(text: str, operator: str) -> LaunchRule:
    """A launch rule from the command line: domestic, international, or state codes (RU,CN)."""
    word = text.strip().casefold()
    if word == INTERNATIONAL:
        return LaunchRule(INTERNATIONAL)
    if word == DOMESTIC:
        if not operator:
            raise RoutesError(
                f"{parameter('launch_from')} domestic needs an aircraft with an operator; name the "
                f"states instead (e.g. {parameter('launch_from')} RU)"
            )
        return LaunchRule(DOMESTIC, (operator,))
    codes = [part for part in text.split(",") if part.strip()]
    try:
        states = airspace.check_states(codes) if codes else ()
    except airspace.AirspaceError as error:
        raise RoutesError(
            f"{parameter('launch_from')} {text!r} is not domestic, international or state codes: "
            f"{error}"
        ) from None
    if not states:
        raise RoutesError(
            f"{parameter('launch_from')} {text!r} is not domestic, international or state codes "
            "(RU,CN)"
        )
    return LaunchRule(STATES, tuple(dict.fromkeys(states)))


def launch_zone(
    target: Site, range_km: float, rule: LaunchRule, escort: Escort | None = None
) -> Area:
    """The points within `range_km` of `target` that satisfy `rule` (and the escort's cover)."""
    within = geo.range_ring(lat=target.lat, lon=target.lon, radius_km=range_km)
    zone = within.intersection(_rule_area(rule, within))
    if escort is not None:
        zone = zone.intersection(_cover(escort))
    return geo.polygonal(zone)


def _rule_area(rule: LaunchRule, within: Area) -> Area:
    """The part of `within` the rule allows: outside every state's airspace, or inside the named
    states' and no other's (where two states' shipped outlines overlap, at a border river or a
    narrow strait, the airspace is not only theirs)."""
    others = [
        zone.geometry
        for zone in airspace.zones()
        if zone.kind == "sovereign"
        and zone.state not in rule.states
        and zone.geometry.intersects(within)
    ]
    outside_others = within.difference(shapely.union_all(others))
    if rule.kind == INTERNATIONAL:
        return geo.polygonal(outside_others)
    own = shapely.union_all([airspace.sovereign_zone(state).geometry for state in rule.states])
    return geo.polygonal(outside_others.intersection(own))


def _cover(escort: Escort) -> Area:
    rings: Sequence[Area] = [
        geo.range_ring(lat=base.lat, lon=base.lon, radius_km=escort.radius_km)
        for base in escort.bases
    ]
    return geo.polygonal(shapely.union_all(rings))
