"""What a map shows, independent of how it is drawn: rings, plans and sites, with colours and sources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from basemaps.style import aircraft_colours
from routes.catalog import Aircraft, Site, bundled_aircraft
from routes.need import NeedRow
from routes.planner import Plan
from routes.range_model import RangeRing

__all__ = ["MapContent", "MarkedSite", "content_of"]

ROLE_ORDER = ("refuel", "origin", "base", "final", "target", "waypoint")


@dataclass(frozen=True)
class MarkedSite:
    """A site on the map with what it is in the result (base, origin, refuel, target, waypoint...)."""

    site: Site
    role: str


@dataclass
class MapContent:
    """Everything one map or figure shows."""

    title: str
    rings: list[RangeRing] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    sites: list[MarkedSite] = field(default_factory=list)

    def aircraft(self) -> list[Aircraft]:
        """Every aircraft shown, in order of appearance."""
        seen: dict[str, Aircraft] = {}
        items: list[RangeRing | Plan] = [*self.rings, *self.plans]
        for item in items:
            seen.setdefault(item.aircraft.id, item.aircraft)
        return list(seen.values())

    def colour(self, aircraft: Aircraft) -> str:
        """The aircraft's colour, the same in the HTML map and the figure (see basemaps.style)."""
        shown = [plane.id for plane in self.aircraft()]
        return aircraft_colours(shown, list(bundled_aircraft()))[aircraft.id]

    def sources(self) -> list[str]:
        return [f"{plane.name}: {plane.source}" for plane in self.aircraft() if plane.source]


def content_of(
    title: str,
    *,
    rings: Sequence[RangeRing] = (),
    plans: Sequence[Plan] = (),
    need_rows: Sequence[NeedRow] = (),
    extra_sites: Iterable[MarkedSite] = (),
) -> MapContent:
    """Gather rings, plans and need-table rows into one map's content, each site once."""
    all_plans = [*plans, *(row.plan for row in need_rows if row.plan is not None)]
    marked: list[MarkedSite] = [MarkedSite(ring.site, "base") for ring in rings]
    for plan in all_plans:
        marked.append(MarkedSite(plan.mission.origin, "origin"))
        marked += [MarkedSite(site, "waypoint") for site in plan.mission.waypoints]
        marked += [MarkedSite(site, "refuel") for site in plan.refuel_stops]
        marked.append(MarkedSite(plan.mission.landing_site, "final"))
    for row in need_rows:
        marked += [MarkedSite(row.origin, "origin"), MarkedSite(row.target, "target")]
    marked += list(extra_sites)
    # One marker per site, with its most telling role (a refuelling field above all).
    best: dict[str, MarkedSite] = {}
    for item in marked:
        current = best.get(item.site.id)
        if current is None or ROLE_ORDER.index(item.role) < ROLE_ORDER.index(current.role):
            best[item.site.id] = item
    return MapContent(title=title, rings=list(rings), plans=all_plans, sites=list(best.values()))
