"""What the commands print for people on stdout: a plan with its legs, the airspace they enter
and its timeline; a strike; need's targets; reach bands; range rings. (A flown track's is
rangemap.flown_text's; `--json` gives programs the records of formats.records instead.)"""

from __future__ import annotations

from collections.abc import Sequence

import geo
from rangemap.tables import format_table
from routes import Aircraft
from routes.legs import Leg
from routes.planning.need import NeedRow
from routes.planning.planner import Plan
from routes.range_model import RangeRing
from routes.reach_bands.bands import Reach
from routes.standoff.strike import Strike
from routes.timeline import timeline

__all__ = ["need_report", "plan_report", "reach_report", "ring_report", "strike_report"]


def plan_report(plan: Plan) -> str:
    """A plan: the aircraft and its airspace rule, the stops, a table of the legs, the totals,
    the published ranges it holds over and, for a timed flight, its timeline."""
    band = plan.band
    stops = ", ".join(f"{s.id} ({s.name})" for s in plan.refuel_stops) or "none"
    rows = [
        (
            leg.start.id,
            leg.end.id + (" (refuel)" if leg.ends_with_refuel else ""),
            f"{leg.distance_km:,.0f}",
            f"{leg.distance_nm:,.0f}",
            f"{leg.detour_km:,.0f}",
            "-" if leg.duration_h is None else f"{leg.duration_h:.1f}",
            f"{leg.cumulative_km:,.0f}",
            _airspace_text(leg, plan.aircraft.operator),
        )
        for leg in plan.legs
    ]
    table = format_table(("from", "to", "km", "NM", "detour", "hours", "total_km", "crosses"), rows)
    rule = (
        "straight geodesics (no airspace rule)"
        if plan.overfly.anywhere
        else f"keeps out of all sovereign airspace but {plan.overfly.describe()}"
    )
    return (
        f"{plan.aircraft.name}: usable range {plan.usable_range_km:,.0f} km "
        f"(reserve {plan.reserve:.0%}); {rule}\n"
        f"refuelling stops: {stops}\n{table}\n"
        f"total {plan.total_km:,.0f} km; tightest stretch leaves {plan.min_margin_km:,.0f} km"
        + (
            ""
            if band is None
            else f"\nholds: {band.describe()}; the figure used is {band.published_km:,.0f} km"
        )
        + _timeline_text(plan)
    )


def _timeline_text(plan: Plan) -> str:
    """A timed flight's events, one a line (UTC), after a blank line; nothing if untimed."""
    timed = timeline(plan)
    if timed is None:
        return ""
    lines = [
        f"\ntimeline (UTC, at {plan.aircraft.cruise_kmh:,.0f} km/h, "
        f"{plan.mission.turnaround_h:g} h on the ground at each refuelling field):"
    ]
    lines += [f"  {event.time:%Y-%m-%d %H:%M}  {event.text}" for event in timed.events]
    return "\n".join(lines)


def _airspace_text(leg: Leg, operator: str) -> str:
    """The closed ADIZs a leg enters, the ADIZs whose known line it crosses (either way), and the
    foreign airspace it flies over, e.g. "ADIZ TW; ADIZ KR, JP lines; RU"."""
    adiz = [v.zone.state for v in leg.crossings.visits if v.zone.kind == "adiz" and v.enter]
    lines = [c.zone.state for c in leg.crossings.line_crossings]
    foreign = [
        state
        for state, km in leg.crossings.km_by_airspace.items()
        if state not in ("international", operator) and km >= 0.5
    ]
    parts = (
        ([f"ADIZ {', '.join(dict.fromkeys(adiz))}"] if adiz else [])
        + ([_lines_text(list(dict.fromkeys(lines)))] if lines else [])
        + ([", ".join(foreign)] if foreign else [])
    )
    return "; ".join(parts) or "-"


def _lines_text(states: list[str]) -> str:
    """ADIZs whose known line is crossed: "ADIZ KR line", "ADIZ KR, JP lines"."""
    return f"ADIZ {', '.join(states)} line" + ("s" if len(states) > 1 else "")


def strike_report(strike: Strike) -> str:
    """A strike: what it is, where it launches, and the flight there and back (if it leaves)."""
    launch = strike.launch
    where = (
        f"launch from the base itself ({strike.origin.id}), {strike.missile_km:,.0f} km from the"
        " target"
        if strike.plan is None
        else f"launch point {launch.lat:.3f}, {launch.lon:.3f}: {strike.missile_km:,.0f} km from"
        " the target"
    )
    lines = [strike.describe(), where]
    if strike.plan is not None:
        lines.append(plan_report(strike.plan))
    return "\n".join(lines)


_NEED_HEADERS = (
    "target",
    "from",
    "out_and_back_km",
    "unrefuelled",
    "stops",
    "fields",
    "margin_km",
    "holds",
)


def need_report(plane: Aircraft, rows: Sequence[NeedRow], reserve: float) -> str:
    """Need's answer: the usable range, then a row for each target and origin."""
    return "\n".join(
        [
            f"{plane.name}: usable range {rows[0].usable_range_km:,.0f} km (reserve {reserve:.0%})",
            format_table(_NEED_HEADERS, [_need_cells(row) for row in rows]),
        ]
    )


def _need_cells(row: NeedRow) -> tuple[str, ...]:
    plan = row.plan
    short = "" if row.short_km is None else f": {row.short_km:,.0f} km short"
    return (
        row.target.id,
        row.origin.id,
        f"{'' if row.out_and_back_exact else '> '}{row.out_and_back_km:,.0f}",
        "yes" if row.reachable_unrefuelled else "no",
        "-" if plan is None else str(len(plan.refuel_stops)),
        f"no plan{short}" if plan is None else (", ".join(s.id for s in plan.refuel_stops) or "-"),
        "-" if plan is None else f"{plan.min_margin_km:,.0f}",
        "-" if row.band is None else row.band.describe(),
    )


def reach_report(found: Reach) -> str:
    """Reach bands: what they are, the usable range, the model's note, each band's area and the
    fields that open it."""
    rows = [
        (str(band.landings), f"{geo.area_km2(band.area):,.0f}", band.describe())
        for band in found.bands
    ]
    return "\n".join(
        [
            f"{found.describe()}; usable range {found.usable_km:,.0f} km",
            found.note(),
            format_table(("landings", "area_km2", "opened by"), rows),
        ]
    )


def ring_report(planes: Sequence[Aircraft], rings: Sequence[RangeRing], reserve: float) -> str:
    """Range rings: a line for each aircraft group (`planes`), then a row for each ring (with
    its aircraft's id when there are several groups)."""
    lines = [
        f"{plane.name}: range {plane.range_km:,.0f} km ({plane.figure}), reserve {reserve:.0%}"
        for plane in planes
    ]
    several = len(planes) > 1
    headers = (("aircraft",) if several else ()) + ("site", "name", "ring", "radius_km")
    rows = [((r.aircraft.id,) if several else ()) + _ring_row(r) for r in rings]
    return "\n".join([*lines, format_table(headers, rows)])


def _ring_row(ring: RangeRing) -> tuple[str, ...]:
    """A ring's row: site, name, what it is, its radius (a fan's sector and distances)."""
    if ring.mode == "fan" and ring.sector is not None:
        start, end = ring.sector
        what, radius = f"fan {start:g}-{end:g}", f"{ring.min_km:,.0f}-{ring.radius_km:,.0f}"
    else:
        what, radius = ring.mode, f"{ring.radius_km:,.0f}"
    return (ring.site.id, ring.site.name, what, radius)
