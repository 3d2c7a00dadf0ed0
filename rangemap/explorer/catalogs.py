"""The catalogs the page chooses from, as the listing commands' --json gives them, and the
site search (name, id, ICAO code or tag), made once and kept."""

from __future__ import annotations

import functools
import json

import routes
from formats.geojson import feature
from rangemap.commands.catalogs import aircraft_records, site_records, weapon_records, zone_records
from rangemap.terminal import json_text

__all__ = ["MAX_FOUND", "catalog_bytes", "found_sites", "land_bytes"]

#: The most sites one search lists.
MAX_FOUND = 25


@functools.cache
def catalog_bytes(name: str) -> bytes:
    """`aircraft`, `weapons`, `zones` or `tags` as JSON bytes."""
    if name == "aircraft":
        data: object = aircraft_records()
    elif name == "weapons":
        data = weapon_records()
    elif name == "zones":
        data = zone_records()
    else:
        data = sorted({tag for site in routes.bundled_sites().values() for tag in site.tags})
    return json_text(data).encode("utf-8")


def found_sites(query: str) -> list[dict[str, object]]:
    """Sites whose id, name or a tag holds `query` (case aside), best first; an ICAO code of
    any airport in the database is found too."""
    text = query.strip().lower()
    if not text or len(text) > 100:
        return []
    catalog = routes.bundled_sites()
    scored = []
    for site in catalog.values():
        fields = [site.id.lower(), site.name.lower(), *(tag.lower() for tag in site.tags)]
        if any(text == field for field in fields):
            scored.append((0, site))
        elif any(field.startswith(text) for field in fields):
            scored.append((1, site))
        elif any(text in field for field in fields):
            scored.append((2, site))
    found = [site for _, site in sorted(scored, key=lambda pair: (pair[0], pair[1].id))]
    if not found and len(text) == 4 and text.isalnum():
        try:
            found = [catalog.resolve(text.upper())]
        except routes.RoutesError:
            found = []
    return site_records(found[:MAX_FOUND])


@functools.cache
def land_bytes() -> bytes:
    """Natural Earth's land and borders (1:110m) as GeoJSON, the page's base map with no network."""
    from basemaps.natural_earth import borders, land

    features = [
        feature(geometry, {"kind": kind})
        for kind, geometry in (("land", land()), ("borders", borders()))
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")


def warm_up() -> None:
    """Make the catalogs and the base map before the first page asks."""
    for name in ("aircraft", "weapons", "zones", "tags"):
        catalog_bytes(name)
    land_bytes()
