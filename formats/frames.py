"""GeoDataFrames of catalogs, rings and plans: the form notebook and QGIS users work with."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from shapely.geometry import Point

from routes.catalog import Site
from routes.planning.planner import Plan
from routes.range_model import RangeRing

if TYPE_CHECKING:
    import geopandas

__all__ = ["plan_frame", "rings_frame", "sites_frame"]

_CRS = "EPSG:4326"


def sites_frame(sites: Iterable[Site]) -> geopandas.GeoDataFrame:
    """One row per site: id, name, country, tags, source, approximate, point geometry."""
    import geopandas

    rows = [
        {
            "id": s.id,
            "name": s.name,
            "country": s.country,
            "tags": ";".join(sorted(s.tags)),
            "source": s.source,
            "approximate": s.approximate,
            "geometry": Point(s.lon, s.lat),
        }
        for s in sites
    ]
    return geopandas.GeoDataFrame(rows, geometry="geometry", crs=_CRS)


def rings_frame(rings: Iterable[RangeRing]) -> geopandas.GeoDataFrame:
    """One row per ring: aircraft, site, mode, radius and reserve, polygon geometry."""
    import geopandas

    rows = [
        {
            "aircraft": r.aircraft.id,
            "site": r.site.id,
            "mode": r.mode,
            "radius_km": r.radius_km,
            "reserve": r.reserve,
            "geometry": r.geometry,
        }
        for r in rings
    ]
    return geopandas.GeoDataFrame(rows, geometry="geometry", crs=_CRS)


def plan_frame(plan: Plan) -> geopandas.GeoDataFrame:
    """One row per leg: from, to, distances, bearing, duration, refuelling, path geometry."""
    import geopandas

    rows = [
        {
            "from": leg.start.id,
            "to": leg.end.id,
            "distance_km": leg.distance_km,
            "distance_nm": leg.distance_nm,
            "bearing_deg": leg.initial_bearing_deg,
            "duration_h": leg.duration_h,
            "cumulative_km": leg.cumulative_km,
            "ends_with_refuel": leg.ends_with_refuel,
            "geometry": leg.path,
        }
        for leg in plan.legs
    ]
    return geopandas.GeoDataFrame(rows, geometry="geometry", crs=_CRS)
