"""Tile providers by name (through xyzservices) and the offline Natural Earth base layer's name."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["NATURAL_EARTH", "PROVIDERS", "TileLayer", "tile_layer"]

#: The base layer that needs no tile server: bundled Natural Earth land and borders.
NATURAL_EARTH = "natural-earth"

#: Our names for xyzservices providers.
PROVIDERS = {
    "light": "Esri.WorldGrayCanvas",
    "osm": "OpenStreetMap.Mapnik",
    "satellite": "Esri.WorldImagery",
    "topo": "OpenTopoMap",
}


@dataclass(frozen=True)
class TileLayer:
    """What Leaflet needs to draw a tile provider, with its attribution (plain text: the page
    escapes it for Leaflet's control)."""

    name: str
    url: str
    attribution: str
    max_zoom: int


def tile_layer(name: str) -> TileLayer:
    """The provider called `name` (one of PROVIDERS), resolved through xyzservices."""
    import xyzservices.providers as xyz

    if name not in PROVIDERS:
        known = ", ".join([*PROVIDERS, NATURAL_EARTH])
        raise ValueError(f"unknown tiles {name!r}; choose one of {known}")
    provider = xyz.query_name(PROVIDERS[name])
    return TileLayer(
        name=str(provider.get("name", name)),
        url=provider.build_url(),
        attribution=str(provider.get("attribution", "")),
        max_zoom=int(provider.get("max_zoom", 18)),
    )
