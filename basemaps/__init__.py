"""basemaps: what a result looks like. The map's content (rings, plans, sites, reach bands and
strikes, with their colours and sources), drawn as an interactive web map (`web/`, Folium and
Leaflet, usable offline), a static figure (`figure/`, matplotlib) or KML for Google Earth.

Notebooks and other programs use these names; folium and matplotlib load only when a map or a
figure is first asked for:

    >>> import basemaps, routes
    >>> sites = routes.bundled_sites()
    >>> rings = routes.range_rings(routes.find_aircraft("tu-95ms"), [sites.resolve("UHMA")])
    >>> content = basemaps.content_of("Tu-95MS from Anadyr", rings=rings)
    >>> fmap = basemaps.interactive_map(content)    # a folium.Map: show it, or save it
    >>> basemaps.map_html(fmap).startswith("<!DOCTYPE html>")
    True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from basemaps.content import (
    MapContent,
    MarkedSite,
    content_of,
    merged,
    reach_content,
    strike_content,
)
from basemaps.frame import Extent
from basemaps.kml import kml_bytes, kmz_bytes

if TYPE_CHECKING:
    from basemaps.figure.static import figure_bytes, save_figure, static_figure
    from basemaps.web.interactive import interactive_map, map_html, save_html

#: The renderers, loaded on first use (they import folium or matplotlib).
_LAZY = {
    "interactive_map": "basemaps.web.interactive",
    "map_html": "basemaps.web.interactive",
    "save_html": "basemaps.web.interactive",
    "static_figure": "basemaps.figure.static",
    "save_figure": "basemaps.figure.static",
    "figure_bytes": "basemaps.figure.static",
}

__all__ = [
    "Extent",
    "MapContent",
    "MarkedSite",
    "content_of",
    "figure_bytes",
    "interactive_map",
    "kml_bytes",
    "kmz_bytes",
    "map_html",
    "merged",
    "reach_content",
    "save_figure",
    "save_html",
    "static_figure",
    "strike_content",
]


def __getattr__(name: str) -> Any:
    """A renderer, imported the first time it is named."""
    if name not in _LAZY:
        raise AttributeError(f"module 'basemaps' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
