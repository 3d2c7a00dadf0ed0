"""GeoJSON features of rings, sites and legs (RFC 7946; kinds ring, site and leg)."""

from __future__ import annotations

from typing import Any

from shapely.geometry import Point

import geo
from routes.catalog import Site
from routes.range_model import RangeRing

__all__ = ["ring_feature", "site_feature"]


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
