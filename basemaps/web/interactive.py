"""Interactive Folium maps of rings, plans and sites: unwrapped across the Pacific, usable offline.

No text from the user's data ever goes through folium's templates (branca renders Jinja output a
second time, so escaped HTML is no defence against ``{{ }}``). Folium draws geometry only; every
name, tooltip, popup, layer name and the legend travel as one JSON document that is put into the
page after rendering, and a fixed script shows them with DOM text nodes.

A page is self-contained: Leaflet and the page's scripts are inlined and the bundled Natural Earth
base is drawn under the tiles, which the page adds only while the browser is online and once a
first tile has come, so it opens anywhere. With ``cdn=True`` Leaflet comes from its CDN instead: a
smaller file that needs the network.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import folium
import numpy as np
import shapely
from branca.element import Element, Figure, MacroElement
from folium.map import CustomPane
from jinja2 import Template
from shapely.geometry import LineString, Point, mapping
from shapely.geometry.base import BaseGeometry

import airspace
import geo
from basemaps import natural_earth
from basemaps.content import (
    BAND_OPACITY,
    MapContent,
    MarkedSite,
    ShadedArea,
    area_opacity,
    fan_words,
)
from basemaps.frame import Extent
from basemaps.story import framed_shapes
from basemaps.style import ADIZ_COLOUR, ROLE_COLOURS, ROLE_NAMES, legend_roles
from basemaps.web.airspace_view import region_of, shown_zones
from basemaps.web.leaflet_assets import LEAFLET_CSS_URL, LEAFLET_JS_URL, inline_css, inline_js
from basemaps.web.page_scripts import page_script, page_tools
from basemaps.web.tiles import NATURAL_EARTH, tile_layer
from basemaps.web.timeline_view import timeline_data
from basemaps.web.view import WEB_MERCATOR_LAT, center_longitude, for_leaflet, tiled_for_leaflet
from formats.files import atomic_write_text
from routes.catalog import Aircraft
from routes.legs import Leg
from routes.planning.planner import Plan
from routes.range_model import Radial, RangeRing

__all__ = ["DISPLAY_TOLERANCE_DEG", "interactive_map", "page_html", "save_html"]

OCEAN, LAND, BORDER = "#d4e4ef", "#efe9dc", "#b9ad95"
#: Display simplification: 1e-4 degree is at most 11 m, far inside the 100 m a map may differ.
DISPLAY_TOLERANCE_DEG = 1e-4
_DISPLAY_DECIMALS = 5
#: Leaflet panes of the Natural Earth base (under the tiles) and of markers (over every shape).
_BASE_PANE, _MARKS_PANE = "rangemap-base", "rangemap-marks"


@dataclass
class PageText:
    """Every piece of text a map shows, kept out of folium's templates: it reaches the page as
    JSON data, after rendering, and is put on screen as text (never as HTML)."""

    title: str = ""
    tooltips: dict[str, dict[str, Any]] = field(default_factory=dict)
    popups: dict[str, dict[str, Any]] = field(default_factory=dict)
    layers: list[dict[str, Any]] = field(default_factory=list)
    legend: dict[str, Any] = field(default_factory=dict)
    #: Names the labels control writes beside their markers, when it is on.
    labels: list[dict[str, str]] = field(default_factory=list)
    #: The tile provider the page adds while online ({name, url, attribution, max_zoom}), or None.
    tiles: dict[str, Any] | None = None
    #: Timed flights for the player (basemaps.web.timeline_view), or None.
    timeline: dict[str, Any] | None = None

    def tooltip(self, element: Any, text: str, *, sticky: bool = True) -> None:
        self.tooltips[element.get_name()] = {"text": text, "sticky": sticky}

    def layer(self, element: Any, name: str) -> None:
        self.layers.append({"variable": element.get_name(), "name": name})


class _PageFigure(Figure):
    """The page of one map: rendered by branca, then given its text as data (see PageText)."""

    def __init__(self, text: PageText, map_name: str) -> None:
        super().__init__()
        self.text = text
        self.map_name = map_name

    def render(self, **kwargs: Any) -> str:
        return page_html(super().render(**kwargs), self.text, self.map_name)


_TITLE_PLACEHOLDER = "<title>rangemap</title>"


def page_html(rendered: str, text: PageText, map_name: str) -> str:
    """Put the page's text into a rendered page: the title escaped for HTML, the rest as JSON in a
    data block that no HTML parser can leave early (``<``, ``>`` and ``&`` are escaped)."""
    data = json.dumps(vars(text), ensure_ascii=False, allow_nan=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        data = data.replace(char, escaped)
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    page = rendered.replace(_TITLE_PLACEHOLDER, f"<title>{html.escape(text.title)}</title>", 1)
    body, end, rest = page.rpartition("</html>")
    tools = page_tools(timeline=text.timeline is not None)
    script = (
        f'<script id="rangemap-data" type="application/json">{data}</script>\n'
        f"{tools}\n{page_script()}\n<script>rangemap.bind({map_name});</script>\n"
    )
    return body + script + end + rest


class _CdnMap(folium.Map):
    """A folium Map that loads Leaflet alone from its CDN: no jQuery, Bootstrap or icon fonts."""

    default_js = [("leaflet", LEAFLET_JS_URL)]  # noqa: RUF012 (folium's own class attribute)
    default_css = [("leaflet_css", LEAFLET_CSS_URL)]  # noqa: RUF012


class _Rendered(Element):
    """Text rendered already, put into the page as it stands.

    Branca puts each element's rendered header, html and script into the page as an element of
    their own, compiled as a template first; for the thousands of legs and markers of a long
    mission that takes most of a map's time. Text with no template syntax comes out of that as it
    went in, less one final line break (Jinja drops it): so does this.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text[:-1] if text.endswith("\n") else text

    def render(self, **kwargs: Any) -> str:
        return self._text


def _as_rendered(text: str) -> Element:
    """`text` as branca would put it into the page: as it stands where it has no template syntax
    (and no carriage return, which Jinja turns into a line feed)."""
    if any(mark in text for mark in ("{{", "{%", "{#", "\r")):
        return Element(text)
    return _Rendered(text)


def _render_macros(element: MacroElement, kwargs: dict[str, Any]) -> None:
    """What branca's MacroElement.render does, with the rendered parts put in as they stand."""
    figure = element.get_root()
    if not isinstance(figure, Figure):  # pragma: no cover - as branca asserts
        raise TypeError("You cannot render this Element if it is not in a Figure.")
    module = element._template.module.__dict__
    for part, section in (("header", figure.header), ("html", figure.html)):
        macro = module.get(part)
        if macro is not None:
            section.add_child(_as_rendered(macro(element, kwargs)), name=element.get_name())
    macro = module.get("script")
    if macro is not None:
        figure.script.add_child(_as_rendered(macro(element, kwargs)), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)


class _PolyLine(folium.PolyLine):
    """A folium PolyLine that renders the same page faster (see _Rendered)."""

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as branca's, None
        _render_macros(self, kwargs)


class _CircleMarker(folium.CircleMarker):
    """A folium CircleMarker in the marks pane, over every shape (folium passes no pane on), that
    renders the same page faster (see _Rendered)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options["pane"] = _MARKS_PANE

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as branca's, None
        if self.location is None or self.icon:  # pragma: no cover - folium's own way
            super().render()
            return
        _render_macros(self, {})  # folium's Marker.render passes no options on


class _SelfContainedMap(_CdnMap):
    """A folium Map that loads nothing: Leaflet is inlined into its page."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium's own class attribute)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


def interactive_map(
    content: MapContent,
    *,
    tiles: str = "light",
    cdn: bool = False,
    frame: str = "story",
    extent: Extent | None = None,
) -> folium.Map:
    """A Folium map of `content`, self-contained unless `cdn` (Leaflet from its CDN); `tiles` names
    a provider drawn over the Natural Earth base while online, or "natural-earth" for none.
    It opens on the same view as the figure: the story, the rings (frame="rings") or `extent`."""
    if extent is not None:
        middle = (extent.west + extent.east) / 2.0
        center = middle - 360.0 if middle > 180.0 else middle
    else:
        center = center_longitude([marked.site.lon for marked in content.sites])
    kind = _CdnMap if cdn else _SelfContainedMap
    fmap = kind(
        location=[20.0, center],
        zoom_start=3,
        tiles=None,
        control_scale=False,
        prefer_canvas=False,
        zoom_snap=0.25,  # so the opening view fits the story closely
    )
    text = PageText(title=content.title)
    root = _PageFigure(text, fmap.get_name())
    root.add_child(fmap)
    root.header.add_child(Element(_TITLE_PLACEHOLDER), name="title")
    if not cdn:
        root.header.add_child(Element(f"<style>{inline_css()}</style>"), name="leaflet_css_inline")
        root.header.add_child(Element(f"<script>{inline_js()}</script>"), name="leaflet_js_inline")
    root.header.add_child(Element(_PAGE_CSS), name="rangemap_css")

    # Natural Earth under the tiles (Leaflet's tile pane is at 200); sites and zone crossings
    # above every shape (the overlay pane is at 400), so they can be hovered.
    CustomPane(_BASE_PANE, z_index=150, pointer_events=False).add_to(fmap)
    CustomPane(_MARKS_PANE, z_index=450, pointer_events=True).add_to(fmap)
    if tiles != NATURAL_EARTH:
        provider = tile_layer(tiles)
        text.tiles = {
            "name": f"{provider.name} tiles (online)",
            "url": provider.url,
            "attribution": provider.attribution,
            "max_zoom": provider.max_zoom,
        }
    _natural_earth_layer(center).add_to(fmap)

    if any(area.kind == "launch-zone" for area in content.areas):
        root.html.add_child(Element(_HATCH_SVG), name="rangemap_hatch")
    for aircraft in content.aircraft():
        colour = content.colour(aircraft)
        _area_layers(fmap, content, aircraft, center, text)
        rings = [ring for ring in content.rings if ring.aircraft.id == aircraft.id]
        if rings:
            group = folium.FeatureGroup(control=False)
            for ring in rings:
                _ring_layer(ring, colour, center, text).add_to(group)
            group.add_to(fmap)
            text.layer(group, f"{aircraft.name}: range rings")
        radials = [radial for radial in content.radials if radial.aircraft.id == aircraft.id]
        if radials:
            group = folium.FeatureGroup(control=False)
            for radial in radials:
                _radial_layer(group, radial, colour, center, text)
            group.add_to(fmap)
            text.layer(group, f"{aircraft.name}: radials")
        for number, plan in enumerate(p for p in content.plans if p.aircraft.id == aircraft.id):
            suffix = f" {number + 1}" if number else ""
            group = folium.FeatureGroup(control=False)
            _add_plan(group, plan, colour, center, text)
            group.add_to(fmap)
            text.layer(group, f"{aircraft.name}: route{suffix}")

    _missile_layer(fmap, content, center, text)
    _airspace_layers(fmap, content, center, text)

    sites = folium.FeatureGroup(control=False)
    for marked in content.sites:
        _site_marker(marked, center, text).add_to(sites)
    sites.add_to(fmap)
    text.layer(sites, "Sites")

    text.legend = _legend(content)
    text.timeline = timeline_data(content, center)
    _FullscreenControl().add_to(fmap)
    _MetricScale().add_to(fmap)
    _Attribution().add_to(fmap)
    # The legend takes the bottom left corner; the layer list is a button until hovered.
    fmap.fit_bounds(
        _bounds(content, center, frame, extent),
        padding_top_left=(50, 40),
        padding_bottom_right=(50, 150),
        max_zoom=7,
    )
    return fmap


def save_html(fmap: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write the map as one HTML file, atomically."""
    return atomic_write_text(path, map_html(fmap))


def map_html(fmap: folium.Map) -> str:
    """The whole page of a map, as text; the shapes' JSON written without spaces (a sixth of an
    offline map's bytes)."""
    environment = fmap._template.environment  # the one folium's templates render in
    environment.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    return str(fmap.get_root().render())


def _geojson(
    geometry: BaseGeometry, tolerance_deg: float = DISPLAY_TOLERANCE_DEG
) -> dict[str, Any]:
    """Geometry only: no property (and so no user text) goes into the page's data. Coordinates
    are written to 1e-5 degree (a metre), a tenth of the drawing tolerance."""
    simple = geometry.simplify(tolerance_deg, preserve_topology=True)
    rounded = shapely.transform(simple, lambda xy: np.round(xy, _DISPLAY_DECIMALS))
    return {"type": "Feature", "properties": {}, "geometry": mapping(rounded)}


def _ring_layer(ring: RangeRing, colour: str, center: float, text: PageText) -> folium.GeoJson:
    shape = for_leaflet(ring.geometry, center)
    weight, dash, opacity = _RING_STYLES.get(ring.mode, _RING_STYLES["reach"])
    style = {
        "color": colour,
        "weight": weight,
        "dashArray": dash,
        "fillColor": colour,
        "fillOpacity": opacity,
        "fill": opacity > 0.0,
        "className": f"rangemap-ring rangemap-ring-{ring.mode}",
    }
    if ring.mode == "distance":
        tip = f"{ring.radius_km:,.0f} km from {ring.site.name} ({ring.aircraft.name})"
    elif ring.mode == "fan":
        tip = f"{ring.aircraft.name} from {ring.site.name}: {fan_words(ring)} (clockwise)"
    else:
        label = "one-way reach" if ring.mode == "reach" else "combat radius"
        tip = f"{ring.aircraft.name} from {ring.site.name}: {label} {ring.radius_km:,.0f} km"
        if ring.reserve:
            tip += f" ({ring.reserve:.0%} reserve)"
    layer = folium.GeoJson(
        _geojson(shape), style_function=lambda _, s=style: s, highlight_function=None
    )
    text.tooltip(layer, tip)
    return layer


def _radial_layer(
    group: folium.FeatureGroup, radial: Radial, colour: str, center: float, text: PageText
) -> None:
    """A radial as dashed lines (one per piece drawn), with its azimuth and length."""
    # A radial over a pole comes down the meridian opposite its base: on the window's edge when
    # the map is centred on the base, where clipping leaves it in many short pieces.
    line = for_leaflet(radial.path, center)
    pieces = [part for part in shapely.get_parts(line) if isinstance(part, LineString)]
    line = shapely.line_merge(shapely.MultiLineString(pieces)) if pieces else line
    tip = (
        f"{radial.aircraft.name} from {radial.site.name}: radial {radial.azimuth_deg:g}\u00b0, "
        f"{radial.length_km:,.0f} km"
    )
    style = {"weight": 1.2, "opacity": 0.8, "dash_array": "8 5", "className": "rangemap-radial"}
    _dashed_lines(group, line, colour, style, tip, text)


def _dashed_lines(
    group: folium.FeatureGroup,
    line: BaseGeometry,
    colour: str,
    style: dict[str, Any],
    tip: str,
    text: PageText,
) -> None:
    """Each piece of a line drawn (already unwrapped for Leaflet) as a polyline in `style`, with
    its tooltip."""
    for part in getattr(line, "geoms", [line]):
        if isinstance(part, LineString) and not part.is_empty:
            polyline = _PolyLine(
                [(lat, lon) for lon, lat in part.simplify(DISPLAY_TOLERANCE_DEG).coords],
                color=colour,
                **style,
            )
            polyline.add_to(group)
            text.tooltip(polyline, tip)


#: Line weight, dashes and fill opacity of rings by mode: distance rings are thin lines, unfilled.
_RING_STYLES: dict[str, tuple[float, str | None, float]] = {
    "reach": (2.0, None, 0.12),
    "combat_radius": (1.5, "6 4", 0.06),
    "distance": (1.0, None, 0.0),
    "fan": (1.5, None, 0.15),
}


#: Layer names and styles of shaded areas, by kind.
_AREA_KINDS = {"reach": "reach bands", "launch-zone": "launch zone"}


def _area_layers(
    fmap: folium.Map, content: MapContent, aircraft: Aircraft, center: float, text: PageText
) -> None:
    """An aircraft's reach bands (graded fills) and launch zones (hatched), a layer per kind."""
    colour = content.colour(aircraft)
    for kind, name in _AREA_KINDS.items():
        areas = [a for a in content.areas if a.aircraft.id == aircraft.id and a.kind == kind]
        if not areas:
            continue
        group = folium.FeatureGroup(control=False)
        for area in areas:
            style = _area_style(area, colour)
            layer = folium.GeoJson(
                _geojson(for_leaflet(area.geometry, center), area.tolerance_deg),
                style_function=lambda _, s=style: s,
                highlight_function=None,
            )
            text.tooltip(layer, area.label)
            layer.add_to(group)
        group.add_to(fmap)
        text.layer(group, f"{aircraft.name}: {name}")


def _area_style(area: ShadedArea, colour: str) -> dict[str, Any]:
    if area.kind == "launch-zone":
        return {
            "color": colour,
            "weight": 2,
            "fillOpacity": 1.0,
            "className": "rangemap-launch-zone",
        }
    return {
        "color": colour,
        "weight": 1,
        "opacity": 0.6,
        "fillColor": colour,
        "fillOpacity": BAND_OPACITY,
        "className": "rangemap-reach",
    }


def _airspace_layers(fmap: folium.Map, content: MapContent, center: float, text: PageText) -> None:
    """ADIZs (dashed outlines) and sovereign airspace (its limit, 12 NM off the coast, and the land
    borders) round what the map shows: both shown on every map, each toggled in the layer list."""
    layers = (
        ("adiz", _ADIZ_STYLE, "ADIZs (air defence identification zones)"),
        ("sovereign", _SOVEREIGN_STYLE, "Sovereign airspace (land and 12 NM)"),
    )
    region = region_of(content, center)  # one for both kinds: it unwraps every leg
    for kind, style, name in layers:
        group = folium.FeatureGroup(control=False)
        for shown in shown_zones(content, center, kind, region=region):
            layer = folium.GeoJson(
                _geojson(shown.geometry),
                style_function=lambda _, s=style: s,
                highlight_function=None,
            )
            layer.add_to(group)
            text.tooltip(layer, shown.label)
        group.add_to(fmap)
        text.layer(group, name)


_ADIZ_STYLE = {
    "color": ADIZ_COLOUR,
    "weight": 1.6,
    "dashArray": "8 5",
    "fill": False,
    "className": "rangemap-adiz",
}
_SOVEREIGN_STYLE = {
    "color": "#b2182b",
    "weight": 1.0,
    "opacity": 0.7,
    "className": "rangemap-sovereign",
}


def _add_plan(
    group: folium.FeatureGroup, plan: Plan, colour: str, center: float, text: PageText
) -> None:
    for leg in plan.legs:
        _crossing_markers(group, leg, colour, center, text)
        line = for_leaflet(leg.path, center)
        tip = _leg_tooltip(leg)
        for part in getattr(line, "geoms", [line]):
            if isinstance(part, LineString) and not part.is_empty:
                simple = part.simplify(DISPLAY_TOLERANCE_DEG)
                polyline = _PolyLine(
                    [(lat, lon) for lon, lat in simple.coords],
                    color=colour,
                    weight=3,
                    opacity=0.9,
                    className="rangemap-leg",
                )
                polyline.add_to(group)
                text.tooltip(polyline, tip)
        _PolyLine(
            _arrowhead(leg, center), color=colour, weight=3, opacity=0.9, className="rangemap-arrow"
        ).add_to(group)


def _missile_layer(fmap: folium.Map, content: MapContent, center: float, text: PageText) -> None:
    """Each missile's flight from its launch point to the target, dotted."""
    if not content.missiles:
        return
    group = folium.FeatureGroup(control=False)
    for missile in content.missiles:
        colour = content.colour(missile.aircraft)
        style = {"color": colour, "weight": 1.2, "dashArray": "2 6", "fill": False}
        reach = folium.GeoJson(
            _geojson(for_leaflet(missile.reach, center)),
            style_function=lambda _, s=style: s,
            highlight_function=None,
        )
        reach.add_to(group)
        text.tooltip(reach, f"{missile.weapon}: its range round {missile.target}")
        dotted = {
            "weight": 2.5,
            "opacity": 0.9,
            "dash_array": "2 7",
            "className": "rangemap-missile",
        }
        _dashed_lines(
            group, for_leaflet(missile.path, center), colour, dotted, missile.describe(), text
        )
    group.add_to(fmap)
    text.layer(group, "Missile flights")


def _crossing_markers(
    group: folium.FeatureGroup, leg: Leg, colour: str, center: float, text: PageText
) -> None:
    """A small mark where the leg enters or leaves a closed ADIZ or crosses an ADIZ's known line,
    with when it happens."""
    for event in leg.crossings.events():
        if event.zone.kind != "adiz":
            continue
        point, km = event.at, event.km
        where = geo.unwrap(Point(point.lon, point.lat), center_lon=center)
        marker = _CircleMarker(
            location=(point.lat, where.x),
            radius=3.5,
            color=colour,
            weight=1.5,
            fill=True,
            fill_color="#ffffff",
            fill_opacity=1.0,
            className="rangemap-crossing",
        )
        marker.add_to(group)
        hours = "" if leg.duration_h is None else f", {km / leg.distance_km * leg.duration_h:.1f} h"
        text.tooltip(
            marker,
            f"{event.describe(event.zone.short_name)} {km:,.0f} km after {leg.start.name}{hours}",
            sticky=False,
        )


def _leg_tooltip(leg: Leg) -> str:
    hours = "" if leg.duration_h is None else f", {leg.duration_h:.1f} h"
    refuel = "; lands to refuel" if leg.ends_with_refuel else ""
    detour = f" ({leg.detour_km:,.0f} km round foreign airspace)" if leg.detour_km >= 0.5 else ""
    return (
        f"{leg.start.name} \u2192 {leg.end.name}: {leg.distance_km:,.0f} km{detour}, "
        f"{leg.distance_nm:,.0f} NM{hours}, bearing {leg.initial_bearing_deg:.0f}\u00b0{refuel}"
    )


def _arrowhead(leg: Leg, center: float) -> list[tuple[float, float]]:
    """Two short wings 40% along the leg, pointing the way it is flown (on the ellipsoid); off the
    middle, so the arrows of an out-and-back pair do not sit on each other."""
    middle, heading = leg.along(0.4)
    wing_km = min(110.0, 0.05 * leg.distance_km)
    wings = [
        geo.destination(
            lat=middle.lat, lon=middle.lon, azimuth_deg=heading + 180.0 + turn, distance_km=wing_km
        )
        for turn in (-28.0, 28.0)
    ]
    head = [wings[0], middle, wings[1]]
    # Each point into the map's window; the wings are short, so they stay beside the middle.
    return [
        (
            max(-WEB_MERCATOR_LAT, min(WEB_MERCATOR_LAT, p.lat)),
            center + (p.lon - center + 180.0) % 360.0 - 180.0,
        )
        for p in head
    ]


def _site_marker(marked: MarkedSite, center: float, text: PageText) -> _CircleMarker:
    site = marked.site
    point = geo.unwrap(Point(site.lon, site.lat), center_lon=center)
    lat = max(-WEB_MERCATOR_LAT, min(WEB_MERCATOR_LAT, site.lat))
    refuel = marked.role == "refuel"
    marker = _CircleMarker(
        location=(lat, point.x),
        radius=8 if refuel else 5,
        color="#ffffff",
        weight=1.5,
        fill=True,
        fill_color=ROLE_COLOURS.get(marked.role, "#555555"),
        fill_opacity=1.0,
        className=f"rangemap-site rangemap-{marked.role}",
    )
    text.tooltip(marker, f"{site.name} ({marked.role})", sticky=False)
    text.labels.append({"variable": marker.get_name(), "text": site.name})
    position = f"{site.lat:.4f}, {site.lon:.4f}" + (" (approximate)" if site.approximate else "")
    text.popups[marker.get_name()] = {
        "title": site.name,
        "rows": [
            ["id", site.id],
            ["role", marked.role],
            ["position", position],
            ["country", site.country or "-"],
            ["tags", ", ".join(sorted(site.tags)) or "-"],
            ["source", site.source or "-"],
        ],
    }
    return marker


def _natural_earth_layer(center: float) -> folium.FeatureGroup:
    """Land and borders, always drawn: the whole map offline, under the tiles online."""
    group = folium.FeatureGroup(control=False)
    land = tiled_for_leaflet(natural_earth.land("110m"), center)
    land_style = {
        "stroke": False,
        "fillColor": LAND,
        "fillOpacity": 1.0,
        "className": "rangemap-land",
    }
    folium.GeoJson(
        _geojson(land), style_function=lambda _: land_style, interactive=False, pane=_BASE_PANE
    ).add_to(group)
    lines = tiled_for_leaflet(natural_earth.borders("110m"), center)
    border_style = {"color": BORDER, "weight": 0.6, "className": "rangemap-border"}
    folium.GeoJson(
        _geojson(lines), style_function=lambda _: border_style, interactive=False, pane=_BASE_PANE
    ).add_to(group)
    return group


def _bounds(
    content: MapContent, center: float, frame: str, extent: Extent | None
) -> list[list[float]]:
    """The view to open on, [[south, west], [north, east]] in longitudes unwrapped round `center`
    (so a Pacific story spans 180 as one box)."""
    if extent is not None:
        west = center + (extent.west - center + 180.0) % 360.0 - 180.0
        south, north = max(extent.south, -WEB_MERCATOR_LAT), min(extent.north, WEB_MERCATOR_LAT)
        return [[south, west], [north, west + extent.east - extent.west]]
    shapes = [for_leaflet(shape, center) for shape in framed_shapes(content, frame)]
    shapes = [shape for shape in shapes if not shape.is_empty]
    if not shapes:
        return [[-60.0, center - 180.0], [75.0, center + 180.0]]
    west, south, east, north = shapely.union_all(shapes).bounds
    return [[south, west], [north, east]]


def _legend(content: MapContent) -> dict[str, Any]:
    """The legend's content, as data: the answers, aircraft with their figures, marker roles,
    notes, and every source the map draws on."""
    entries = [
        {
            "colour": content.colour(aircraft),
            "name": aircraft.name,
            "detail": f"{aircraft.figure.replace('_', ' ')} {aircraft.range_km:,.0f} km",
            "source": aircraft.source or "given by the user",
        }
        for aircraft in content.aircraft()
    ]
    roles = legend_roles(marked.role for marked in content.sites)
    notes = (
        ["solid: one-way reach; dashed: combat radius (out and back). Geodesic (WGS84) rings."]
        if content.rings
        else []
    )
    if any(ring.mode == "distance" for ring in content.rings):
        notes.append("Thin unfilled rings: at the distances their tooltips give.")
    if any(ring.mode == "fan" for ring in content.rings):
        notes.append("Sectors: range fans, clockwise from the first azimuth to the second.")
    if content.radials:
        notes.append("Thin dashed lines: radials, geodesics from each base to its outermost ring.")
    for plan in content.plans:
        rule = (
            "straight geodesics, no airspace rule"
            if plan.overfly.anywhere
            else f"keeps out of sovereign airspace but {plan.overfly.describe()}"
        )
        notes.append(f"{plan.aircraft.name} route: {rule}.")
        if plan.band is not None:
            notes.append(
                f"{plan.aircraft.name}: {plan.band.describe()} (the figure used is "
                f"{plan.band.published_km:,.0f} km)."
            )
    notes += [playback.note for playback in content.playbacks]
    notes += [f"Dotted: {missile.describe()}." for missile in content.missiles]
    notes += content.notes
    notes.append(
        "Dashed purple: ADIZ boundaries (some known only in part). Thin red: the limit of "
        "sovereign airspace, 12 NM from the coast (3 NM in the Japanese and Korean straits), "
        "understated where straight baselines apply."
    )
    areas = [
        {
            "colour": content.colour(area.aircraft),
            "opacity": area_opacity(area),
            "hatched": area.kind == "launch-zone",
            "label": f"{area.aircraft.name}: {area.label}",
        }
        for area in reversed(content.areas)
    ]
    return {
        "title": content.title,
        "entries": entries,
        "areas": areas,
        "markers": [
            {"colour": ROLE_COLOURS.get(role, "#555555"), "label": ROLE_NAMES.get(role, role)}
            for role in roles
        ],
        "notes": notes,
        "answers": content.answers,
        "sources": [*content.sources(), *_zone_sources()],
    }


def _zone_sources() -> list[str]:
    """The sources of the airspace every map draws: each ADIZ's authority, and the coastline the
    sovereign airspace is buffered from."""
    adiz = [f"{zone.name}: {zone.authority}" for zone in airspace.zones() if zone.kind == "adiz"]
    sovereign = airspace.find_zone("sovereign-JP")
    return [*adiz, f"sovereign airspace: {sovereign.source}; {sovereign.edge_rule}"]


class _Attribution(MacroElement):
    """Credits Natural Earth, and Leaflet in plain text (a page that works offline has no link to
    follow)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.setPrefix("Leaflet");
        {{ this._parent.get_name() }}.attributionControl.addAttribution("Natural Earth (public domain)");
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Attribution"


class _MetricScale(MacroElement):
    """Leaflet's scale bar in kilometres (true at the map's centre latitude only, as on any Mercator)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({metric: true, imperial: false, maxWidth: 160}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


class _FullscreenControl(MacroElement):
    """A full-screen button using the browser's Fullscreen API (no plugin to download)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var Control = L.Control.extend({
                options: {position: "topleft"},
                onAdd: function () {
                    var bar = L.DomUtil.create("div", "leaflet-bar");
                    var link = L.DomUtil.create("a", "rangemap-fullscreen", bar);
                    link.href = "#"; link.title = "Full screen"; link.setAttribute("role", "button");
                    link.innerHTML = '<svg width="16" height="16" viewBox="0 0 16 16" style="vertical-align:-3px">'
                        + '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#333" stroke-width="2"/></svg>';
                    L.DomEvent.on(link, "click", function (event) {
                        L.DomEvent.preventDefault(event);
                        if (document.fullscreenElement) { document.exitFullscreen(); }
                        else { map.getContainer().requestFullscreen(); }
                    });
                    return bar;
                }
            });
            new Control().addTo(map);
        })();
        {% endmacro %}
        """
    )


#: The hatching of launch zones, an SVG pattern their paths fill with (see _PAGE_CSS).
_HATCH_SVG = (
    '<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
    '<pattern id="rangemap-hatch" patternUnits="userSpaceOnUse" width="8" height="8" '
    'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff" fill-opacity="0.25"/>'
    '<line x1="0" y1="0" x2="0" y2="8" stroke="#222222" stroke-width="2.5" stroke-opacity="0.6"/>'
    "</pattern></defs></svg>"
)
_PAGE_CSS = f"""<style>
.leaflet-container {{ background: {OCEAN}; font: 13px/1.4 system-ui, sans-serif; }}
.rangemap-legend {{ max-width: 360px; max-height: 60vh; overflow: auto;
  background: rgba(255,255,255,0.92); padding: 8px 10px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 12px/1.4 system-ui, sans-serif; }}
.rangemap-legend .title {{ font-weight: 600; font-size: 13px; margin-bottom: 4px; cursor: pointer; }}
.rangemap-legend .swatch {{ display: inline-block; width: 12px; height: 12px; margin-right: 6px;
  vertical-align: -1px; border-radius: 2px; }}
.rangemap-legend .dot {{ display: inline-block; width: 9px; height: 9px; margin: 0 4px 0 0;
  border-radius: 50%; border: 1px solid #fff; box-shadow: 0 0 0 1px #999; }}
.rangemap-legend .source, .rangemap-legend .note {{ color: #555; font-size: 11px; }}
.rangemap-legend .answer {{ font-size: 12px; margin: 2px 0 4px; }}
.rangemap-legend .markers {{ margin-top: 4px; }}
.rangemap-legend .more {{ color: #555; font-size: 11px; cursor: pointer; margin-top: 4px; }}
.rangemap-popup table {{ border-collapse: collapse; margin-top: 4px; }}
.rangemap-popup th {{ text-align: left; padding-right: 8px; color: #555; font-weight: normal; }}
.rangemap-legend .swatch.hatched {{ background-image: repeating-linear-gradient(45deg,
  rgba(0,0,0,0.55) 0 2px, transparent 2px 6px) !important; }}
path.rangemap-launch-zone {{ fill: url(#rangemap-hatch); }}
.rangemap-fullscreen {{ font-size: 18px; line-height: 30px; text-align: center; }}
</style>"""
