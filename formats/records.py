"""JSON records of rangemap's answers, for programs (`--json`): plans, need rows, reach bands,
strikes and flown tracks, with every distance in km rounded to the metre."""

from __future__ import annotations

from typing import cast

import geo
from formats.features import leg_airspace, leg_features, leg_line_crossings, ring_feature
from formats.flown_features import leg_extras
from routes.clock import iso_utc
from routes.flown.analysis import DIVERT_SPACING_KM, LANDING_MODEL, FlownAnalysis
from routes.planning.need import NeedRow
from routes.planning.planner import Plan, RangeBand
from routes.range_model import Radial, RangeRing
from routes.reach_bands.bands import Reach
from routes.standoff.strike import Strike
from routes.timeline import Timeline, timeline

__all__ = [
    "band_record",
    "need_record",
    "plan_record",
    "reach_record",
    "ring_record",
    "strike_record",
    "timeline_record",
    "track_record",
]


def ring_record(rings: list[RangeRing], spokes: list[Radial]) -> dict[str, object]:
    """Range rings (and fans) with their bases, aircraft and sources, and the radials' count."""
    return {
        "rings": [
            {
                **ring_feature(ring)["properties"],
                "site_lat": ring.site.lat,
                "site_lon": ring.site.lon,
                "area_km2": round(geo.area_km2(ring.geometry), 1),
            }
            for ring in rings
        ],
        "radials": len(spokes),
    }


def reach_record(found: Reach) -> dict[str, object]:
    return {
        "aircraft": found.aircraft.id,
        "origin": found.origin.id,
        "mode": found.mode,
        "usable_range_km": round(found.usable_km, 3),
        "reserve": found.reserve,
        "overfly": found.overfly.record(),
        "method": found.method,
        "accuracy_km": found.accuracy_km,
        "fields": [field.id for field in found.fields],
        "bands": [
            {
                "landings": band.landings,
                "area_km2": round(geo.area_km2(band.area), 1),
                "fields": list(band.fields),
                "label": band.describe(),
            }
            for band in found.bands
        ],
    }


def plan_record(plan: Plan) -> dict[str, object]:
    timed = timeline(plan)
    return {
        "aircraft": plan.aircraft.id,
        "range_band": band_record(plan.band),
        "usable_range_km": round(plan.usable_range_km, 3),
        "reserve": plan.reserve,
        "overfly": plan.overfly.record(),
        "refuel_stops": [site.id for site in plan.refuel_stops],
        "total_km": round(plan.total_km, 3),
        "min_margin_km": round(plan.min_margin_km, 3),
        "stretches": [
            {"sites": [s.id for s in stretch.sites], "distance_km": round(stretch.distance_km, 3)}
            for stretch in plan.stretches
        ],
        "legs": [
            {
                **feature["properties"],
                "zones": leg_airspace(leg),
                "line_crossings": leg_line_crossings(leg),
            }
            for leg, feature in zip(plan.legs, leg_features(plan, timed), strict=True)
        ],
        "timeline": timeline_record(timed),
    }


def timeline_record(timed: Timeline | None) -> dict[str, object] | None:
    """A timed flight's take-off, landing, turnaround and events (UTC), for JSON."""
    if timed is None:
        return None
    return {
        "takeoff": iso_utc(timed.start),
        "lands": iso_utc(timed.end),
        "turnaround_h": timed.plan.mission.turnaround_h,
        "events": [
            {
                "time": iso_utc(event.time),
                "kind": event.kind,
                "text": event.text,
                "lat": event.lat,
                "lon": event.lon,
            }
            for event in timed.events
        ],
    }


def need_record(row: NeedRow) -> dict[str, object]:
    return {
        "target": row.target.id,
        "origin": row.origin.id,
        "out_and_back_km": round(row.out_and_back_km, 3),
        "out_and_back_exact": row.out_and_back_exact,
        "reachable_unrefuelled": row.reachable_unrefuelled,
        "stops": row.stops,
        "fields": [site.id for site in row.fields],
        "min_margin_km": None if row.plan is None else round(row.plan.min_margin_km, 3),
        "range_band": band_record(row.band),
        "short_km": None if row.short_km is None else round(row.short_km, 3),
        "problem": row.problem or None,
    }


def band_record(band: RangeBand | None) -> dict[str, object] | None:
    """The published ranges over which an answer holds, for JSON."""
    if band is None:
        return None
    return {
        "landings": band.landings,
        "low_km": round(band.low_km, 1),
        "high_km": None if band.high_km is None else round(band.high_km, 1),
        "beyond_km": None if band.beyond_km is None else round(band.beyond_km, 1),
        "published_km": band.published_km,
        "knife_edge": band.knife_edge,
    }


def strike_record(strike: Strike) -> dict[str, object]:
    escort = strike.escort
    return {
        "aircraft": strike.aircraft.id,
        "origin": strike.origin.id,
        "target": strike.target.id,
        "weapon": strike.weapon.id,
        "weapon_range_km": strike.weapon.range_km,
        "launch_rule": strike.rule.record(),
        "escort": None
        if escort is None
        else {
            "fighter": escort.fighter.id,
            "radius_km": escort.radius_km,
            "bases": [base.id for base in escort.bases],
        },
        "zone_area_km2": round(geo.area_km2(strike.zone), 1),
        "launch_point": [round(strike.launch.lat, 6), round(strike.launch.lon, 6)],
        "missile_km": round(strike.missile_km, 3),
        "launch_at_base": strike.plan is None,
        "plan": None if strike.plan is None else plan_record(strike.plan),
    }


def track_record(analysis: FlownAnalysis) -> dict[str, object]:
    """A flown track: its points and geodesic legs, its events (zones entered and left, diverts)
    with km along it and time, whether the aircraft flies it unrefuelled and where it lands."""
    track, times = analysis.track, analysis.track.times
    plan = None
    if analysis.diverts is not None:
        plan = plan_record(analysis.plan)
        legs = cast(list[dict[str, object]], plan["legs"])
        for leg, extra in zip(legs, leg_extras(analysis), strict=True):
            leg.update(extra)
    return {
        "file": track.source,
        "flight": track.flight or None,
        "points": len(track),
        "length_km": round(analysis.length_km, 3),
        "legs_km": [round(km, 6) for km in analysis.legs_km.tolist()],
        "start_time": None if times is None else iso_utc(float(times[0])),
        "end_time": None if times is None else iso_utc(float(times[-1])),
        "aircraft": analysis.aircraft.id,
        "usable_range_km": round(analysis.usable_range_km, 3),
        "reserve": analysis.reserve,
        "overfly": analysis.overfly.record(),
        "unrefuelled": analysis.unrefuelled,
        "landing_model": LANDING_MODEL,
        "divert_spacing_km": DIVERT_SPACING_KM,
        "landings": None
        if analysis.diverts is None
        else [
            {
                "field": divert.field.id,
                "name": divert.field.name,
                "at_km": round(divert.at_km, 3),
                "at": [divert.point.lat, divert.point.lon],
                "time": _time(analysis, divert.at_km),
                "divert_km": round(divert.distance_km, 3),
            }
            for divert in analysis.diverts
        ],
        "farthest_km": round(analysis.farthest_km, 3),
        "events": [
            {
                "km": round(event.km, 3),
                "time": _time(analysis, event.km),
                "event": event.what,
                "at": [event.point.lat, event.point.lon],
                "zone": None if event.zone is None else event.zone.id,
                "kind": None if event.zone is None else event.zone.kind,
                "state": None if event.zone is None else event.zone.state,
                "allowed": event.allowed,
                "field": None if event.divert is None else event.divert.field.id,
            }
            for event in analysis.events
        ],
        "plan": plan,
    }


def _time(analysis: FlownAnalysis, km: float) -> str | None:
    seconds = analysis.time_at(km)
    return None if seconds is None else iso_utc(seconds)
