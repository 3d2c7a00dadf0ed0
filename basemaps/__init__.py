"""basemaps: what a map shows and every drawing of it: interactive Folium maps (HTML), matplotlib
figures (PNG, SVG, PDF) and KML for Google Earth, over bundled Natural Earth or tile layers.

This is the face notebooks and other programs use: ``from basemaps import ...`` any name below,
never a module path inside (``basemaps.web.interactive``, ...), which may move. Nothing is loaded
by ``import basemaps``: each name imports its module on first use, so folium and matplotlib load
only when a map or a figure is made.

>>> import routes
>>> from basemaps import content_of
>>> rings = routes.range_rings(routes.find_aircraft("h-6k"), [routes.bundled_sites()["neixiang"]])
>>> content = content_of("H-6K from Neixiang", rings=rings)
>>> [(marked.site.id, marked.role) for marked in content.sites]
[('neixiang', 'base')]

- ``content_of(title, *, rings=, plans=, need_rows=, radials=, ...)``: one map's content;
  ``reach_content(reach)``, ``strike_content(strike)`` and ``merged(title, parts)`` for the rest.
- ``interactive_map(content, *, tiles="light", cdn=False, frame="story", extent=None)``: a
  self-contained folium.Map (``cdn=True``: Leaflet from its CDN), shown by a notebook as it is
  (``save_html(fmap, path)`` writes it);
  ``static_figure(content, ...)``: a matplotlib Figure (``save_figure(figure, path)``).
- ``Extent(south=, west=, north=, east=)``: a box for either, east of ``west`` to ``east``.
- ``kml_bytes(features, content)`` and ``kmz_bytes(document)``: KML of the GeoJSON features
  (formats' feature builders), in the map's colours.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from basemaps.content import (
        MapContent,
        MarkedSite,
        MissileFlight,
        ShadedArea,
        content_of,
        merged,
        reach_areas,
        reach_content,
        strike_content,
    )
    from basemaps.figure.static import LabelsLeftOut, figure_bytes, save_figure, static_figure
    from basemaps.frame import Extent
    from basemaps.kml import kml_bytes, kmz_bytes
    from basemaps.web.interactive import interactive_map, save_html

__all__ = [
    "Extent",
    "LabelsLeftOut",
    "MapContent",
    "MarkedSite",
    "MissileFlight",
    "ShadedArea",
    "content_of",
    "figure_bytes",
    "interactive_map",
    "kml_bytes",
    "kmz_bytes",
    "merged",
    "reach_areas",
    "reach_content",
    "save_figure",
    "save_html",
    "static_figure",
    "strike_content",
]

_CONTENT = frozenset(
    {
        "MapContent",
        "MarkedSite",
        "MissileFlight",
        "ShadedArea",
        "content_of",
        "merged",
        "reach_areas",
        "reach_content",
        "strike_content",
    }
)
_FIGURE = frozenset({"LabelsLeftOut", "figure_bytes", "save_figure", "static_figure"})
_WEB = frozenset({"interactive_map", "save_html"})
_KML = frozenset({"kml_bytes", "kmz_bytes"})

if not TYPE_CHECKING:  # type checkers see the imports above; at run time names load on first use

    def __getattr__(name: str) -> object:
        """Each name of the face from its module, imported on first use (PEP 562)."""
        if name in _CONTENT:
            from basemaps import content as home
        elif name in _FIGURE:
            from basemaps.figure import static as home
        elif name in _WEB:
            from basemaps.web import interactive as home
        elif name in _KML:
            from basemaps import kml as home
        elif name == "Extent":
            from basemaps import frame as home
        else:
            raise AttributeError(f"module 'basemaps' has no attribute {name!r}")
        value = getattr(home, name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
