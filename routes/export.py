"""GeoJSON features of rings, sites and legs (RFC 7946; kinds ring, site and leg)."""

from __future__ import annotations

from typing import Any

from shapely.geometry import Point

import geo
from routes.catalog import Site
from routes.legs import Leg
from routes.planner import Plan
from routes.range_model import RangeRing

__all__ = ["leg_feature", "plan_features", "ring_feature", "site_feature"]


def ring_feature(ring: RangeRing) -> dict[str, Any]:
    """A `ring` feature: aircraft, site, radius, mode and the source of the range figure."""
    return geo.feature(
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


def site_feature(site: Site, role: str) -> dict[str, Any]:
    """A `site` feature: id, name, role in the result (base, target, refuel, waypoint...)."""
    return geo.feature(
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
    """A `leg` feature: its path (cut at 180), distances, bearing, duration and refuelling."""
    return geo.feature(
        leg.path,
        {
            "kind": "leg",
            "aircraft": aircraft_id,
            "from": leg.start.id,
            "to": leg.end.id,
            "distance_km": round(leg.distance_km, 3),
            "distance_nm": round(leg.distance_nm, 3),
            "bearing_deg": round(leg.initial_bearing_deg, 3),
            "duration_h": None if leg.duration_h is None else round(leg.duration_h, 3),
            "cumulative_km": round(leg.cumulative_km, 3),
            "ends_with_refuel": leg.ends_with_refuel,
        },
    )


def plan_features(plan: Plan) -> list[dict[str, Any]]:
    """Legs, then each site once with its role: origin, waypoint, refuel or final."""
    features = [leg_feature(leg, plan.aircraft.id) for leg in plan.legs]
    roles: dict[str, tuple[Site, str]] = {plan.mission.origin.id: (plan.mission.origin, "origin")}
    for site in plan.mission.waypoints:
        roles.setdefault(site.id, (site, "waypoint"))
    for site in plan.refuel_stops:
        roles.setdefault(site.id, (site, "refuel"))
    final = plan.mission.landing_site
    roles.setdefault(final.id, (final, "final"))
    return features + [site_feature(site, role) for site, role in roles.values()]
