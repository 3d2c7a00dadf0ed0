"""GeoJSON features of rings, fans, sites, legs, zone crossings, reach bands and strikes (RFC
7946; kinds ring, fan, radial, site, leg, zone-crossing, reach, launch-zone and missile), and the
airspace record of a leg for JSON."""

from __future__ import annotations

from typing import Any

from shapely.geometry import Point

from formats.geojson import feature
from routes.catalog import Site
from routes.clock import iso_utc
from routes.legs import Leg
from routes.planning.planner import Plan
from routes.range_model import Radial, RangeRing
from routes.reach_bands.bands import Reach
from routes.standoff.strike import Strike
from routes.timeline import Timeline, timeline

__all__ = [
    "crossing_features",
    "fan_feature",
    "leg_airspace",
    "leg_feature",
    "leg_features",
    "leg_line_crossings",
    "plan_features",
    "radial_feature",
    "reach_features",
    "ring_feature",
    "site_feature",
    "strike_features",
]


def ring_feature(ring: RangeRing) -> dict[str, Any]:
    """A `ring` feature: aircraft, site, radius, mode and the source of the range figure; a range
    fan is a `fan` feature (its sector and distances instead of radius and mode)."""
    if ring.mode == "fan" and ring.sector is not None:
        return fan_feature(ring, ring.sector)
    return feature(
        ring.geometry,
        {
            "kind": "ring",
            "aircraft": ring.aircraft.id,
            "aircraft_name": ring.aircraft.name,
            "site": ring.site.id,
            "site_name": ring.site.name,
            "radius_km": round(ring.radius_km, 3),
            "mode": ring.mode,
            "reserve": ring.reserve,
            "range_km": ring.aircraft.range_km,
            "figure": ring.aircraft.figure,
            "source": ring.aircraft.source,
        },
    )


def fan_feature(fan: RangeRing, sector: tuple[float, float]) -> dict[str, Any]:
    """A `fan` feature: aircraft, site, the sector (clockwise from `from_azimuth_deg` to
    `to_azimuth_deg`), `min_km` and `max_km`, and the source of the range figure."""
    start, end = sector
    return feature(
        fan.geometry,
        {
            "kind": "fan",
            "aircraft": fan.aircraft.id,
            "aircraft_name": fan.aircraft.name,
            "site": fan.site.id,
            "site_name": fan.site.name,
            "from_azimuth_deg": start,
            "to_azimuth_deg": end,
            "min_km": round(fan.min_km, 3),
            "max_km": round(fan.radius_km, 3),
            "reserve": fan.reserve,
            "range_km": fan.aircraft.range_km,
            "figure": fan.aircraft.figure,
            "source": fan.aircraft.source,
        },
    )


def radial_feature(radial: Radial) -> dict[str, Any]:
    """A `radial` feature: the geodesic from a site at an azimuth, out to its outermost ring."""
    return feature(
        radial.path,
        {
            "kind": "radial",
            "aircraft": radial.aircraft.id,
            "aircraft_name": radial.aircraft.name,
            "site": radial.site.id,
            "site_name": radial.site.name,
            "azimuth_deg": round(radial.azimuth_deg, 6),
            "length_km": round(radial.length_km, 3),
        },
    )


def site_feature(site: Site, role: str) -> dict[str, Any]:
    """A `site` feature: id, name, role in the result (base, target, refuel, waypoint...)."""
    return feature(
        Point(site.lon, site.lat),
        {
            "kind": "site",
            "id": site.id,
            "name": site.name,
            "role": role,
            "country": site.country,
            "tags": sorted(site.tags),
            "approximate": site.approximate,
            "source": site.source,
        },
    )


def leg_feature(leg: Leg, aircraft_id: str) -> dict[str, Any]:
    """A `leg` feature: its track (cut at 180), distances (the track's and the straight one),
    bearing, duration, refuelling, and the km flown in each state's airspace."""
    return feature(
        leg.path,
        {
            "kind": "leg",
            "aircraft": aircraft_id,
            "from": leg.start.id,
            "to": leg.end.id,
            "distance_km": round(leg.distance_km, 3),
            "straight_km": round(leg.straight_km, 3),
            "distance_nm": round(leg.distance_nm, 3),
            "bearing_deg": round(leg.initial_bearing_deg, 3),
            "duration_h": None if leg.duration_h is None else round(leg.duration_h, 3),
            "cumulative_km": round(leg.cumulative_km, 3),
            "ends_with_refuel": leg.ends_with_refuel,
            "bends": len(leg.track.points) - 2,
            "km_by_airspace": {
                key: round(km, 3) for key, km in leg.crossings.km_by_airspace.items()
            },
        },
    )


def leg_airspace(leg: Leg) -> list[dict[str, Any]]:
    """The closed zones a leg enters, in order: zone, kind, state, where it enters and leaves
    ([lat, lon], null where the leg starts or ends inside) and how far along the leg."""
    return [
        {
            "zone": visit.zone.id,
            "kind": visit.zone.kind,
            "state": visit.zone.state,
            "enter": None if visit.enter is None else [visit.enter.lat, visit.enter.lon],
            "exit": None if visit.exit is None else [visit.exit.lat, visit.exit.lon],
            "enter_km": None if visit.enter is None else round(visit.enter_km, 3),
            "exit_km": None if visit.exit is None else round(visit.exit_km, 3),
        }
        for visit in leg.crossings.visits
    ]


def leg_line_crossings(leg: Leg) -> list[dict[str, Any]]:
    """The crossings of the known lines of zones known only in part along a leg, in order: zone,
    kind, state, direction (inbound or outbound), where ([lat, lon]) and how far along the leg."""
    return [
        {
            "zone": crossing.zone.id,
            "kind": crossing.zone.kind,
            "state": crossing.zone.state,
            "direction": "inbound" if crossing.inbound else "outbound",
            "at": [crossing.at.lat, crossing.at.lon],
            "km": round(crossing.km, 3),
        }
        for crossing in leg.crossings.line_crossings
    ]


def crossing_features(leg: Leg, aircraft_id: str) -> list[dict[str, Any]]:
    """A `zone-crossing` point for every entry into and exit from a closed zone along a leg
    (`event` enter or exit) and every crossing of a known line (`event` inbound or outbound)."""
    return [
        feature(
            Point(event.at.lon, event.at.lat),
            {
                "kind": "zone-crossing",
                "aircraft": aircraft_id,
                "zone": event.zone.id,
                "zone_kind": event.zone.kind,
                "state": event.zone.state,
                "event": event.what,
                "from": leg.start.id,
                "to": leg.end.id,
                "km_from_leg_start": round(event.km, 3),
            },
        )
        for event in leg.crossings.events()
    ]


def plan_features(plan: Plan) -> list[dict[str, Any]]:
    """Legs, the zone crossings along them, then each site once with its role: origin, waypoint,
    refuel or final. A timed flight's legs say when they depart and arrive, and its crossings
    when they happen (ISO 8601, UTC)."""
    timed = timeline(plan)
    legs = leg_features(plan, timed)
    crossings = [crossing_features(leg, plan.aircraft.id) for leg in plan.legs]
    if timed is not None:
        for leg, marks, times in zip(plan.legs, crossings, timed.legs, strict=True):
            for mark in marks:
                share = mark["properties"]["km_from_leg_start"] / leg.distance_km
                moment = times.departs + (times.arrives - times.departs) * share
                mark["properties"]["time"] = iso_utc(moment)
    features = legs + [mark for marks in crossings for mark in marks]
    roles: dict[str, tuple[Site, str]] = {plan.mission.origin.id: (plan.mission.origin, "origin")}
    for site in plan.mission.waypoints:
        roles.setdefault(site.id, (site, "waypoint"))
    for site in plan.refuel_stops:
        roles.setdefault(site.id, (site, "refuel"))
    final = plan.mission.landing_site
    roles.setdefault(final.id, (final, "final"))
    return features + [site_feature(site, role) for site, role in roles.values()]


def leg_features(plan: Plan, timed: Timeline | None) -> list[dict[str, Any]]:
    """The plan's `leg` features; flown on `timed` (its timeline), they say when each leg departs
    and arrives."""
    features = [leg_feature(leg, plan.aircraft.id) for leg in plan.legs]
    if timed is not None:
        for feature, times in zip(features, timed.legs, strict=True):
            feature["properties"]["departs"] = iso_utc(times.departs)
            feature["properties"]["arrives"] = iso_utc(times.arrives)
    return features


def reach_features(reach: Reach) -> list[dict[str, Any]]:
    """One `reach` feature per band (the area with at most `landings` landings, holding the bands
    before it), then the origin and the fields as sites."""
    bands = [
        feature(
            band.area,
            {
                "kind": "reach",
                "aircraft": reach.aircraft.id,
                "aircraft_name": reach.aircraft.name,
                "origin": reach.origin.id,
                "landings": band.landings,
                "mode": reach.mode,
                "fields": list(band.fields),
                "label": band.describe(),
                "usable_km": round(reach.usable_km, 3),
                "reserve": reach.reserve,
                "range_km": reach.aircraft.range_km,
                "figure": reach.aircraft.figure,
                "source": reach.aircraft.source,
                "method": reach.method,
                "accuracy_km": reach.accuracy_km,
            },
        )
        for band in reach.bands
    ]
    sites = [site_feature(reach.origin, "origin")]
    sites += [site_feature(field, "refuel") for field in reach.fields]
    return [*bands, *sites]


def strike_features(strike: Strike) -> list[dict[str, Any]]:
    """The `launch-zone` area, the `missile` flight from the launch point to the target, the plan
    there and back (when the base is not in the zone itself), and the target and launch point."""
    escort = strike.escort
    zone = feature(
        strike.zone,
        {
            "kind": "launch-zone",
            "aircraft": strike.aircraft.id,
            "weapon": strike.weapon.id,
            "weapon_name": strike.weapon.name,
            "weapon_range_km": strike.weapon.range_km,
            "weapon_source": strike.weapon.source,
            "target": strike.target.id,
            "launch_rule": strike.rule.record(),
            "escort": None if escort is None else escort.fighter.id,
            "escort_radius_km": None if escort is None else escort.radius_km,
            "escort_bases": [] if escort is None else [base.id for base in escort.bases],
            "label": strike.describe(),
        },
    )
    missile = feature(
        strike.missile_path,
        {
            "kind": "missile",
            "aircraft": strike.aircraft.id,
            "weapon": strike.weapon.id,
            "from": strike.launch.id,
            "to": strike.target.id,
            "launch_lat": strike.launch.lat,
            "launch_lon": strike.launch.lon,
            "distance_km": round(strike.missile_km, 3),
        },
    )
    flight = plan_features(strike.plan) if strike.plan is not None else []
    flight = [f for f in flight if f["properties"].get("id") != strike.launch.id]
    sites = [site_feature(strike.target, "target"), site_feature(strike.launch, "launch")]
    if strike.plan is None:
        sites.insert(0, site_feature(strike.origin, "origin"))
    return [zone, missile, *flight, *sites]
