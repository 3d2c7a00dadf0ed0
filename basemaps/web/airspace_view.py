"""Airspace for maps and figures: the ADIZs and the sovereign airspace around what a map shows,
unwrapped round the map's centre and cut to its region, so the page stays small."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import Point, box, mapping
from shapely.geometry.base import BaseGeometry

import airspace
import geo
from basemaps.content import MapContent
from basemaps.web.view import WEB_MERCATOR_LAT, center_longitude

__all__ = ["ShownZone", "airspace_collection", "region_of", "shown_zones"]

#: How far round the routes and sites the airspace is drawn (degrees).
_MARGIN_DEG = 12.0
#: Without a route, how far round the sites (degrees).
_SITES_ONLY_MARGIN_DEG = 30.0
#: Drawing simplification: 0.002 degree is at most 220 m, a tenth of the narrowest strait corridor.
_SIMPLIFY_DEG = 0.002
#: The grid an explorer's airspace region is widened to (degrees).
_GRID_DEG = 5.0


@dataclass(frozen=True)
class ShownZone:
    """A zone as drawn: its outline unwrapped round the map's centre and cut to the region."""

    zone: airspace.Zone
    geometry: BaseGeometry

    @property
    def label(self) -> str:
        """The zone's name, and what is known of its boundary."""
        if self.zone.kind == "sovereign":
            return f"{self.zone.name}: its limit, 12 NM from the coast"
        notes = []
        if not self.zone.complete:
            notes.append("boundary published in part: drawn as a line")
        elif not self.zone.exact:
            notes.append("approximate")
        return self.zone.name + (f" ({'; '.join(notes)})" if notes else "")


def region_of(content: MapContent, center: float) -> BaseGeometry:
    """The box, in longitudes unwrapped round `center`, round the routes and sites of `content`."""
    shapes: list[BaseGeometry] = [
        geo.unwrap(leg.path, center_lon=center) for plan in content.plans for leg in plan.legs
    ]
    margin = _MARGIN_DEG if shapes else _SITES_ONLY_MARGIN_DEG
    shapes += [geo.unwrap(Point(m.site.lon, m.site.lat), center_lon=center) for m in content.sites]
    if not shapes:
        return box(center - 180.0, -WEB_MERCATOR_LAT, center + 180.0, WEB_MERCATOR_LAT)
    west, south, east, north = shapely.union_all(shapes).bounds
    return box(
        max(center - 180.0, west - margin),
        max(-WEB_MERCATOR_LAT, south - margin),
        min(center + 180.0, east + margin),
        min(WEB_MERCATOR_LAT, north + margin),
    )


def shown_zones(
    content: MapContent, center: float, kind: str, *, region: BaseGeometry | None = None
) -> list[ShownZone]:
    """The zones of `kind` ("adiz" or "sovereign") that meet the region of `content` (`region`,
    where region_of worked it out already)."""
    if region is None:
        region = region_of(content, center)
    native = geo.unwrap(region, center_lon=0.0)  # the same region in longitudes of [-180, 180]
    shown = []
    for zone in airspace.zones():
        if zone.kind != kind or zone.geometry.is_empty or not zone.geometry.intersects(native):
            continue
        unwrapped = geo.unwrap(zone.geometry, center_lon=center)
        if not unwrapped.intersects(region):
            continue
        # Outlines, not areas: cut to the region, an area would gain edges along the region's box.
        edge = unwrapped.boundary if zone.complete else unwrapped
        cut = edge.intersection(region).simplify(_SIMPLIFY_DEG, preserve_topology=True)
        if not cut.is_empty:
            shown.append(ShownZone(zone, cut))
    return shown


def airspace_collection(content: MapContent) -> dict[str, Any]:
    """The ADIZs and sovereign airspace round all that `content` shows (rings and reach bands
    included) as a GeoJSON FeatureCollection, `kind` "adiz" or "sovereign" with the zone's id and label, in
    longitudes unwrapped round the map's centre: for a page that draws them itself. The region
    is widened to whole multiples of 5 degrees, so nearby questions share one (kept) answer."""
    sites_center = center_longitude([marked.site.lon for marked in content.sites])
    center = _GRID_DEG * round(sites_center / _GRID_DEG)
    shapes = [geo.unwrap(ring.geometry, center_lon=center) for ring in content.rings]
    shapes += [geo.unwrap(area.geometry, center_lon=center) for area in content.areas]
    west, south, east, north = shapely.union_all([region_of(content, center), *shapes]).bounds
    if shapes:
        west, south, east, north = (
            west - _MARGIN_DEG,
            south - _MARGIN_DEG,
            east + _MARGIN_DEG,
            north + _MARGIN_DEG,
        )
    snapped = (
        max(center - 180.0, _GRID_DEG * math.floor(west / _GRID_DEG)),
        max(-WEB_MERCATOR_LAT, _GRID_DEG * math.floor(south / _GRID_DEG)),
        min(center + 180.0, _GRID_DEG * math.ceil(east / _GRID_DEG)),
        min(WEB_MERCATOR_LAT, _GRID_DEG * math.ceil(north / _GRID_DEG)),
    )
    features = list(_airspace_in(center, snapped))
    return {"type": "FeatureCollection", "bbox": list(snapped), "features": features}


@functools.lru_cache(maxsize=32)
def _airspace_in(
    center: float, bounds: tuple[float, float, float, float]
) -> tuple[dict[str, Any], ...]:
    region = box(*bounds)
    empty = MapContent(title="")
    return tuple(
        {
            "type": "Feature",
            "geometry": mapping(shown.geometry),
            "properties": {"kind": kind, "zone": shown.zone.id, "label": shown.label},
        }
        for kind in ("adiz", "sovereign")
        for shown in shown_zones(empty, center, kind, region=region)
    )
