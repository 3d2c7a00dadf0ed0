"""Waypoints at a zone's edge: ``edge:ZONE`` (ZONE as ``rangemap zones`` lists it) is the point of
that zone's boundary nearest the place flown from just before, on the WGS84 ellipsoid.

"To the edge of the Alaska ADIZ and back" is then a mission like any other:

>>> from routes.bundled import bundled_sites
>>> sites = bundled_sites()
>>> [edge] = waypoints_from(sites, ["edge:adiz-US-AK"], start=sites["UHMA"])
>>> edge.id, round(edge.lat, 3), round(edge.lon, 3)
('edge-adiz-US-AK', 62.195, -175.845)
"""

from __future__ import annotations

from collections.abc import Sequence

import airspace
from routes.catalog import Site, SiteCatalog
from routes.errors import UnknownSiteError, shown

__all__ = ["EDGE", "edge_site", "is_edge", "waypoints_from"]

#: The prefix of a waypoint at a zone's edge.
EDGE = "edge:"


def is_edge(query: str) -> bool:
    """Whether `query` names a zone's edge (``edge:adiz-US-AK``)."""
    return query.strip().casefold().startswith(EDGE)


def edge_site(query: str, after: Site, *, taken: Sequence[str] = ()) -> Site:
    """The point of the edge `query` names (``edge:ZONE``) nearest `after`, as a site whose id
    is not among `taken` (a second edge of one zone is ``edge-ZONE-2``)."""
    zone_id = query.strip()[len(EDGE) :].strip()
    if not zone_id:
        raise UnknownSiteError(
            f"{shown(query)} names no zone: give edge:ZONE, ZONE as rangemap zones lists it"
        )
    try:
        zone = airspace.find_zone(zone_id)
    except airspace.UnknownZoneError as error:
        raise UnknownSiteError(f"{shown(query)}: {error}") from None
    point, _ = airspace.nearest_edge_point(zone, lat=after.lat, lon=after.lon)
    base = f"edge-{zone.id}"
    number = 1
    site_id = base
    while site_id in taken:
        number += 1
        site_id = f"{base}-{number}"
    return Site(
        id=site_id,
        name=f"edge of {zone.name} nearest {after.id}",
        lat=point.lat,
        lon=point.lon,
        source=f"the boundary of {zone.name}: {zone.authority}",
    )


def waypoints_from(
    catalog: SiteCatalog, queries: Sequence[str], *, start: Site
) -> tuple[Site, ...]:
    """The sites `queries` name, in order: catalog sites, airports, "lat,lon" or ``edge:ZONE``
    (the edge nearest the waypoint before it, or `start` for the first)."""
    sites: list[Site] = []
    for query in queries:
        if is_edge(query):
            previous = sites[-1] if sites else start
            sites.append(edge_site(query, previous, taken=[site.id for site in sites]))
        else:
            sites.append(catalog.resolve(query))
    return tuple(sites)
