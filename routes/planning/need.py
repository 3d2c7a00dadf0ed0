""" "Where must it refuel?": for each target, the best out-and-back plan from any of the origins."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from routes.airspace_rule import AirspaceRule
from routes.catalog import Site
from routes.errors import NoPlanError
from routes.planning.mission import Mission, Plan, RangeBand
from routes.planning.policy import band_with_policy, plan_with_policy
from routes.planning.rules import FlightRules

__all__ = ["NeedRow", "where_to_refuel"]


@dataclass(frozen=True)
class NeedRow:
    """One target: the nearest origin's out-and-back distance and the best plan (None: none)."""

    target: Site
    origin: Site
    #: Out and back as the airspace rule allows, or (out_and_back_exact False) a lower bound above the usable
    #: range: a track that could never be flown unrefuelled is not sought further.
    out_and_back_km: float
    usable_range_km: float
    plan: Plan | None
    problem: str = ""
    #: By how much the usable range falls short, where there is no plan and that is known.
    short_km: float | None = None
    #: The published ranges over which the plan's number of landings holds.
    band: RangeBand | None = None
    out_and_back_exact: bool = True

    @property
    def reachable_unrefuelled(self) -> bool:
        return self.out_and_back_exact and self.out_and_back_km <= self.usable_range_km

    @property
    def stops(self) -> int | None:
        return None if self.plan is None else len(self.plan.refuel_stops)

    @property
    def fields(self) -> list[Site]:
        return [] if self.plan is None else self.plan.refuel_stops


def where_to_refuel(
    rules: FlightRules, origins: Sequence[Site], targets: Sequence[Site]
) -> list[NeedRow]:
    """For each target, fly out from an origin, overfly the target and return to that origin,
    as the airspace rule allows."""
    usable = rules.usable_km
    rules.airspace_rule.check_sites(targets, "target")
    rows = []
    for target in targets:
        candidates: list[NeedRow] = []
        for origin in origins:
            try:
                out_and_back, exact = _out_and_back_km(rules.airspace_rule, origin, target, usable)
            except NoPlanError as error:
                candidates.append(
                    NeedRow(target, origin, float("inf"), usable, None, str(error), error.short_km)
                )
                continue
            try:
                plan: Plan | None = plan_with_policy(
                    rules, Mission(origin=origin, waypoints=(target,))
                )
                problem, short = "", None
            except NoPlanError as error:
                plan, problem, short = None, str(error), error.short_km
            candidates.append(
                NeedRow(
                    target,
                    origin,
                    out_and_back,
                    usable,
                    plan,
                    problem,
                    short,
                    out_and_back_exact=exact,
                )
            )
        best = min(candidates, key=_rank)
        if best.plan is not None:
            band = band_with_policy(rules, best.plan.mission)
            best = dataclasses.replace(
                best, band=band, plan=dataclasses.replace(best.plan, band=band)
            )
        rows.append(best)
    return rows


def _out_and_back_km(
    airspace_rule: AirspaceRule, origin: Site, target: Site, usable_km: float
) -> tuple[float, bool]:
    """Out to the target and back (the same track both ways), and whether that is exact: a track
    longer than half the usable range is not sought (far ocean targets would take minutes), and
    twice the longest searched is then a lower bound."""
    try:
        return 2.0 * airspace_rule.distance_km(origin, target, within_km=usable_km / 2.0), True
    except NoPlanError:
        straight = airspace_rule.straight_km(origin, target)
        return max(2.0 * straight, usable_km), False


def _rank(row: NeedRow) -> tuple[float, float]:
    if row.plan is None:
        return (float("inf"), row.out_and_back_km)
    return (len(row.plan.refuel_stops), row.plan.total_km)
