"""What a map shows, independent of how it is drawn: rings, plans and sites, with colours and sources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon

import geo
from basemaps.style import aircraft_colours
from routes.bundled import bundled_aircraft
from routes.catalog import Aircraft, Site
from routes.citations import in_full
from routes.planning.need import NeedRow
from routes.planning.planner import Plan
from routes.range_model import Radial, RangeRing
from routes.reach_bands.bands import Reach
from routes.standoff.launch import Escort, LaunchRule
from routes.standoff.strike import Strike
from routes.timeline import Playback, timeline
from routes.weapons import Weapon

__all__ = [
    "BAND_OPACITY",
    "MapContent",
    "MarkedSite",
    "MissileFlight",
    "ShadedArea",
    "area_opacity",
    "content_of",
    "fan_words",
    "merged",
    "radial_words",
    "reach_areas",
    "reach_content",
    "strike_content",
    "variant_words",
]

Item = TypeVar("Item", "ShadedArea", "MissileFlight")

#: Roles from the most telling: a field a plan lands at is a "refuel" stop, one it only may land
#: at (a reach map's candidates) a "field".
ROLE_ORDER = ("refuel", "launch", "origin", "base", "final", "target", "waypoint", "field")


@dataclass(frozen=True)
class MarkedSite:
    """A site on the map with what it is in the result (base, origin, refuel, target, waypoint...)."""

    site: Site
    role: str


@dataclass(frozen=True)
class ShadedArea:
    """An area filled in one aircraft's colour: a reach band or a launch zone (hatched). Areas
    are drawn in order, each over the ones before: nested reach bands, from the widest, grow
    darker inwards (`layers`: how many are stacked at this one, itself included)."""

    aircraft: Aircraft
    geometry: Polygon | MultiPolygon
    label: str
    kind: str
    layers: int = 1
    #: How far a drawn edge may stray from the true one (degrees): a fraction of the area's own
    #: accuracy, so what is drawn says no more than what is known.
    tolerance_deg: float = 1e-4


@dataclass(frozen=True)
class MissileFlight:
    """A weapon's flight from its launch point to the target: a geodesic, drawn dotted."""

    aircraft: Aircraft
    weapon: str
    path: LineString | MultiLineString
    distance_km: float
    target: str
    #: The weapon's range round the target (its outline is drawn).
    reach: Polygon | MultiPolygon

    def describe(self) -> str:
        return f"{self.weapon}: {self.distance_km:,.0f} km to {self.target}"


@dataclass
class MapContent:
    """Everything one map or figure shows."""

    title: str
    rings: list[RangeRing] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    sites: list[MarkedSite] = field(default_factory=list)
    areas: list[ShadedArea] = field(default_factory=list)
    missiles: list[MissileFlight] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Timed flights, played back on HTML maps.
    playbacks: list[Playback] = field(default_factory=list)
    #: Geodesics from the rings' bases out to their outermost ring.
    radials: list[Radial] = field(default_factory=list)
    #: Sources beyond the aircraft's and the sites': weapons, escorts, a scenario's own.
    cited: list[str] = field(default_factory=list)
    #: The answer in words, a line per flight: its landings, km and margin, or why it has none.
    answers: list[str] = field(default_factory=list)

    def aircraft(self) -> list[Aircraft]:
        """Every aircraft shown, in order of appearance."""
        seen: dict[str, Aircraft] = {}
        items: list[RangeRing | Plan | ShadedArea] = [*self.areas, *self.rings, *self.plans]
        for item in items:
            seen.setdefault(item.aircraft.id, item.aircraft)
        return list(seen.values())

    def colour(self, aircraft: Aircraft) -> str:
        """The aircraft's colour, the same in the HTML map and the figure (see basemaps.style)."""
        shown = [plane.id for plane in self.aircraft()]
        return aircraft_colours(shown, list(bundled_aircraft()))[aircraft.id]

    def sources(self) -> list[str]:
        """Every source what is shown rests on, once each: the aircraft's figures, what is
        cited (weapons, escorts, a scenario's own sources), the sites' positions, and the 2019
        analysis in full where one names it."""
        planes = [f"{plane.name}: {plane.source}" for plane in self.aircraft() if plane.source]
        by_source: dict[str, list[str]] = {}
        for marked in self.sites:
            if marked.site.source:
                by_source.setdefault(marked.site.source, []).append(marked.site.id)
        sites = [f"{', '.join(ids)}: {source}" for source, ids in by_source.items()]
        return in_full([*planes, *self.cited, *sites])


def fan_words(fan: RangeRing) -> str:
    """e.g. "fan 30°-120°, 500-6,000 km": its sector (clockwise) and distances."""
    start, end = fan.sector or (0.0, 360.0)
    return f"fan {start:g}\u00b0\u2013{end:g}\u00b0, {fan.min_km:,.0f}\u2013{fan.radius_km:,.0f} km"


def radial_words(radials: Sequence[Radial]) -> str:
    """e.g. "radials every 30° from north" or "radials at 45°, 135°" (geodesics)."""
    azimuths = sorted({radial.azimuth_deg for radial in radials})
    step = 360.0 / len(azimuths) if azimuths else 360.0
    if len(azimuths) > 1 and all(
        abs(azimuth - step * k) < 1e-9 for k, azimuth in enumerate(azimuths)
    ):
        return f"radials every {step:g}\u00b0 from north (geodesics)"
    listed = ", ".join(f"{azimuth:g}\u00b0" for azimuth in azimuths)
    return f"radial{'s' if len(azimuths) > 1 else ''} at {listed} (geodesics)"


def content_of(
    title: str,
    *,
    rings: Sequence[RangeRing] = (),
    plans: Sequence[Plan] = (),
    need_rows: Sequence[NeedRow] = (),
    extra_sites: Iterable[MarkedSite] = (),
    areas: Sequence[ShadedArea] = (),
    missiles: Sequence[MissileFlight] = (),
    notes: Sequence[str] = (),
    playbacks: Sequence[Playback] | None = None,
    radials: Sequence[Radial] = (),
    cited: Sequence[str] = (),
    answers: Sequence[str] | None = None,
) -> MapContent:
    """Gather rings, plans and need-table rows into one map's content, each site once; the timed
    plans are played back unless `playbacks` are given, and each plan's answer said unless
    `answers` are."""
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
    # One marker per site, with its most telling role (a refuelling stop above all); sites are
    # told apart by place too, as every strike's launch point is "launch".
    best: dict[tuple[str, float, float], MarkedSite] = {}
    for item in marked:
        key = (item.site.id, item.site.lat, item.site.lon)
        current = best.get(key)
        if current is None or ROLE_ORDER.index(item.role) < ROLE_ORDER.index(current.role):
            best[key] = item
        elif current.role == item.role == "launch" and item.site.name not in current.site.name:
            best[key] = _both_launches(current, item)
    return MapContent(
        title=title,
        rings=list(rings),
        plans=all_plans,
        sites=list(best.values()),
        areas=list(areas),
        missiles=list(missiles),
        notes=list(notes),
        playbacks=list(playbacks) if playbacks is not None else _playbacks(all_plans),
        radials=list(radials),
        cited=list(dict.fromkeys(cited)),
        answers=list(dict.fromkeys(_answers(all_plans, need_rows) if answers is None else answers)),
    )


def _both_launches(first: MarkedSite, second: MarkedSite) -> MarkedSite:
    """One launch point of two strikes (a base both launch from): named with both variants, e.g.
    "Ukrainka: launch, Kh-101, ...; launch, Kh-55SM, ..."."""
    variant = second.site.name[second.site.name.find("launch, ") :]
    return MarkedSite(replace(first.site, name=f"{first.site.name}; {variant}"), "launch")


def _answers(plans: Sequence[Plan], need_rows: Sequence[NeedRow]) -> list[str]:
    """Each plan's answer, then each need target's that has none."""
    missing = [
        f"{row.target.name}: no plan: {row.problem.split('; ')[0]}"
        for row in need_rows
        if row.plan is None
    ]
    return [*(plan_answer(plan) for plan in plans), *missing]


def plan_answer(plan: Plan) -> str:
    """A plan's answer in a line: "Xian H-6K from Neixiang: 1 stop: UHSS (Yuzhno-Sakhalinsk);
    8,507 km in all, 982 km to spare on the tightest stretch; ..."."""
    return f"{plan.aircraft.name} from {plan.mission.origin.name}: {plan_words(plan)}"


def plan_words(plan: Plan) -> str:
    """Its landings, km in all and the margin on the tightest stretch, and the band it holds over."""
    stops = plan.refuel_stops
    landing = (
        "no refuelling stop"
        if not stops
        else (
            f"{len(stops)} stop{'s' if len(stops) > 1 else ''}: "
            + ", ".join(f"{s.id} ({s.name})" for s in stops)
        )
    )
    holds = "" if plan.band is None else f"; {plan.band.describe()}"
    return (
        f"{landing}; {plan.total_km:,.0f} km in all, {plan.min_margin_km:,.0f} km to spare on the "
        f"tightest stretch{holds}"
    )


def no_plan_answer(
    aircraft: Aircraft, origin: Site, problem: str, reached: Plan | None = None
) -> str:
    """A flight without a plan in a line: what cannot be flown and by how much (the first clause
    of the planner's explanation), and how far it gets where that is drawn."""
    words = f"{aircraft.name} from {origin.name}: no plan: {problem.split('; ')[0]}"
    if reached is None:
        return words
    end = reached.mission.landing_site
    return f"{words}; drawn as far as it gets, to {end.id} ({end.name}), {reached.total_km:,.0f} km"


def _playbacks(plans: Sequence[Plan]) -> list[Playback]:
    return [timed.playback() for plan in plans if (timed := timeline(plan)) is not None]


#: The fill of one reach band; stacked bands add up.
BAND_OPACITY = 0.16


def area_opacity(area: ShadedArea) -> float:
    """How opaque an area looks where it is drawn over the areas below it."""
    return 1.0 - (1.0 - BAND_OPACITY) ** area.layers


def reach_areas(reach: Reach) -> list[ShadedArea]:
    """The bands from the widest in, each drawn over the ones before (so darker the fewer
    landings it takes)."""
    tolerance = max(1e-4, reach.accuracy_km / 10.0 / 111.0)
    count = len(reach.bands)
    return [
        ShadedArea(
            reach.aircraft, band.area, band.describe(), "reach", count - band.landings, tolerance
        )
        for band in reversed(reach.bands)
        if not band.area.is_empty
    ]


def strike_content(strike: Strike, *, refuel_at: Sequence[str] = ()) -> MapContent:
    """A strike's map: the launch zone (hatched), the flight there and back, the missile's flight
    from the launch point (named by its variant: see variant_words), the target, and the
    escort's bases; `refuel_at`: where the flight may land, as the user named it."""
    escort_bases = () if strike.escort is None else strike.escort.bases
    weapon = strike.weapon
    zone = ShadedArea(strike.aircraft, strike.zone, f"launch zone, {weapon.name}", "launch-zone")
    missile = MissileFlight(
        strike.aircraft,
        weapon.name,
        strike.missile_path,
        strike.missile_km,
        strike.target.name,
        geo.range_ring(lat=strike.target.lat, lon=strike.target.lon, radius_km=weapon.range_km),
    )
    rule = f"Launch {strike.rule.describe()}"
    if strike.escort is not None:
        rule += f" {strike.escort.describe()}"
    return content_of(
        strike.describe(),
        plans=[] if strike.plan is None else [strike.plan],
        extra_sites=[
            MarkedSite(strike.origin, "origin"),
            MarkedSite(strike.target, "target"),
            MarkedSite(_launch_site(strike, refuel_at), "launch"),
            *(MarkedSite(base, "base") for base in escort_bases),
        ],
        areas=[zone],
        missiles=[missile],
        notes=[f"{rule}: the hatched area, within {weapon.range_km:,.0f} km of the target."],
        answers=[strike_answer(strike)],
        cited=[
            f"{weapon.name}: {weapon.source}",
            *([] if strike.escort is None else [_escort_source(strike.escort.fighter)]),
        ],
    )


def strike_answer(strike: Strike) -> str:
    """A strike's answer in a line, naming its variant (weapon, launch rule, escort)."""
    if strike.plan is None:  # the base lies in the launch zone
        return f"{strike.describe()}: launched from {strike.origin.name} itself, no flight needed"
    return f"{strike.describe()}: {strike.launch.name}; {plan_words(strike.plan)}"


def variant_words(
    weapon: Weapon, rule: LaunchRule, escort: Escort | None, refuel_at: Sequence[str] = ()
) -> str:
    """A strike's variant in a few words, e.g. "CJ-20 (KD-20), international airspace, under
    Shenyang J-16 cover" or "..., may land at ru-far-east"."""
    words = [weapon.name, rule.describe().removeprefix("from ")]
    if escort is not None:
        words.append(f"under {escort.fighter.name} cover")
    if refuel_at:
        words.append(f"may land at {', '.join(refuel_at)}")
    return ", ".join(words)


def _launch_site(strike: Strike, refuel_at: Sequence[str]) -> Site:
    """The launch point named by its variant ("launch, CJ-20 (KD-20), international airspace");
    a base that lies in its launch zone keeps its name first."""
    words = f"launch, {variant_words(strike.weapon, strike.rule, strike.escort, refuel_at)}"
    name = words if strike.plan is not None else f"{strike.origin.name}: {words}"
    return replace(strike.launch, name=name)


def _escort_source(fighter: Aircraft) -> str:
    return f"{fighter.name} (escort): {fighter.source or 'given by the user'}"


def reach_content(found: Reach) -> MapContent:
    """A reach map: the bands, the origin and the fields."""
    return content_of(
        found.describe(),
        extra_sites=[
            MarkedSite(found.origin, "origin"),
            *(MarkedSite(field, "field") for field in found.fields),
        ],
        areas=reach_areas(found),
        notes=[found.note()],
    )


def merged(title: str, parts: Sequence[MapContent]) -> MapContent:
    """One map of several: everything each part shows, each site once."""
    return content_of(
        title,
        rings=[ring for part in parts for ring in part.rings],
        plans=[plan for part in parts for plan in part.plans],
        extra_sites=[marked for part in parts for marked in part.sites],
        areas=_once([area for part in parts for area in part.areas]),
        missiles=_once([missile for part in parts for missile in part.missiles]),
        notes=list(dict.fromkeys(note for part in parts for note in part.notes)),
        playbacks=[playback for part in parts for playback in part.playbacks],
        radials=[radial for part in parts for radial in part.radials],
        cited=[source for part in parts for source in part.cited],
        answers=[answer for part in parts for answer in part.answers],
    )


def _once(items: Sequence[Item]) -> list[Item]:
    """Each item once: two strikes on the same target under the same rule share their zone."""
    seen: dict[tuple[str, str, bytes], Item] = {}
    for item in items:
        shape = item.geometry if isinstance(item, ShadedArea) else item.path
        name = item.label if isinstance(item, ShadedArea) else item.weapon
        key = (item.aircraft.id, name, shapely.set_precision(shape, 1e-5).wkb)  # to a metre
        seen.setdefault(key, item)
    return list(seen.values())
