"""Interactive Folium maps of rings, plans and sites: unwrapped across the Pacific, usable offline.

Every user-supplied string is escaped before it reaches the page. With ``offline=True`` Leaflet is
inlined and no tile layer is added, so the file opens with no network request at all.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any, cast

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from shapely.geometry import LineString, Point, mapping
from shapely.geometry.base import BaseGeometry

import geo
from basemaps import natural_earth
from basemaps.content import MapContent, MarkedSite
from basemaps.leaflet_assets import LEAFLET_CSS_URL, LEAFLET_JS_URL, inline_css, inline_js
from basemaps.tiles import NATURAL_EARTH, tile_layer
from basemaps.view import WEB_MERCATOR_LAT, center_longitude, for_leaflet
from routes.legs import Leg
from routes.planner import Plan
from routes.range_model import RangeRing

__all__ = ["DISPLAY_TOLERANCE_DEG", "escape_text", "interactive_map", "save_html"]

ROLE_COLOURS = {
    "refuel": "#E69F00",
    "origin": "#000000",
    "base": "#000000",
    "final": "#000000",
    "target": "#CC0000",
    "waypoint": "#555555",
}
OCEAN, LAND, BORDER = "#d4e4ef", "#efe9dc", "#b9ad95"
#: Display simplification: 1e-4 degree is at most 11 m, far inside the 100 m a map may differ.
DISPLAY_TOLERANCE_DEG = 1e-4


def escape_text(text: object) -> str:
    """Text made safe for HTML and for JavaScript template strings (folium uses backticks)."""
    return html.escape(str(text), quote=True).replace("`", "&#96;").replace("$", "&#36;")


class _LeafletOnlyMap(folium.Map):
    """A folium Map that loads Leaflet alone: no jQuery, Bootstrap or icon fonts are needed here."""

    default_js = [("leaflet", LEAFLET_JS_URL)]  # noqa: RUF012 (folium's own class attribute)
    default_css = [("leaflet_css", LEAFLET_CSS_URL)]  # noqa: RUF012


class _OfflineMap(_LeafletOnlyMap):
    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium's own class attribute)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


def interactive_map(
    content: MapContent, *, tiles: str = "light", offline: bool = False
) -> folium.Map:
    """A Folium map of `content`; `tiles` names a provider, or "natural-earth" for no tile server."""
    center = center_longitude([marked.site.lon for marked in content.sites])
    kind = _OfflineMap if offline else _LeafletOnlyMap
    fmap = kind(
        location=[20.0, center], zoom_start=3, tiles=None, control_scale=False, prefer_canvas=False
    )
    root = cast(Figure, fmap.get_root())
    root.header.add_child(Element(f"<title>{escape_text(content.title)}</title>"), name="title")
    if offline:
        root.header.add_child(Element(f"<style>{inline_css()}</style>"), name="leaflet_css_inline")
        root.header.add_child(Element(f"<script>{inline_js()}</script>"), name="leaflet_js_inline")
    root.header.add_child(Element(_PAGE_CSS), name="rangemap_css")

    use_tiles = not offline and tiles != NATURAL_EARTH
    if use_tiles:
        layer = tile_layer(tiles)
        folium.TileLayer(
            tiles=layer.url,
            attr=layer.attribution,
            name=layer.name,
            max_zoom=layer.max_zoom,
            overlay=False,
            control=True,
            show=True,
        ).add_to(fmap)
    _natural_earth_layer(center, show=not use_tiles).add_to(fmap)

    for aircraft in content.aircraft():
        colour = content.colour(aircraft)
        rings = [ring for ring in content.rings if ring.aircraft.id == aircraft.id]
        if rings:
            group = folium.FeatureGroup(name=escape_text(f"{aircraft.name}: range rings"))
            for ring in rings:
                _ring_layer(ring, colour, center).add_to(group)
            group.add_to(fmap)
        for number, plan in enumerate(p for p in content.plans if p.aircraft.id == aircraft.id):
            suffix = f" {number + 1}" if number else ""
            group = folium.FeatureGroup(name=escape_text(f"{aircraft.name}: route{suffix}"))
            _add_plan(group, plan, colour, center)
            group.add_to(fmap)

    sites = folium.FeatureGroup(name="Sites")
    for marked in content.sites:
        _site_marker(marked, center).add_to(sites)
    sites.add_to(fmap)

    _Legend(_legend_html(content)).add_to(fmap)
    _FullscreenControl().add_to(fmap)
    _MetricScale().add_to(fmap)
    _Attribution(offline).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    fmap.fit_bounds(_bounds(content, center), padding=(40, 40))
    return fmap


def save_html(fmap: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write the map as one HTML file, atomically."""
    return geo.atomic_write_text(path, fmap.get_root().render())


def _geojson(geometry: BaseGeometry) -> dict[str, Any]:
    """Geometry only: no property (and so no user text) goes into the page's data."""
    simple = geometry.simplify(DISPLAY_TOLERANCE_DEG, preserve_topology=True)
    return {"type": "Feature", "properties": {}, "geometry": mapping(simple)}


def _ring_layer(ring: RangeRing, colour: str, center: float) -> folium.GeoJson:
    shape = for_leaflet(ring.geometry, center)
    reach = ring.mode == "reach"
    style = {
        "color": colour,
        "weight": 2 if reach else 1.5,
        "dashArray": None if reach else "6 4",
        "fillColor": colour,
        "fillOpacity": 0.12 if reach else 0.06,
        "className": "rangemap-ring",
    }
    label = "one-way reach" if reach else "combat radius"
    tip = f"{ring.aircraft.name} from {ring.site.name}: {label} {ring.radius_km:,.0f} km"
    if ring.reserve:
        tip += f" ({ring.reserve:.0%} reserve)"
    layer = folium.GeoJson(
        _geojson(shape), style_function=lambda _, s=style: s, highlight_function=None
    )
    folium.Tooltip(escape_text(tip), sticky=True).add_to(layer)
    return layer


def _add_plan(group: folium.FeatureGroup, plan: Plan, colour: str, center: float) -> None:
    for leg in plan.legs:
        line = for_leaflet(leg.path, center)
        tip = _leg_tooltip(leg)
        for part in getattr(line, "geoms", [line]):
            if isinstance(part, LineString) and not part.is_empty:
                simple = part.simplify(DISPLAY_TOLERANCE_DEG)
                folium.PolyLine(
                    [(lat, lon) for lon, lat in simple.coords],
                    color=colour,
                    weight=3,
                    opacity=0.9,
                    tooltip=folium.Tooltip(escape_text(tip), sticky=True),
                    className="rangemap-leg",
                ).add_to(group)
        folium.PolyLine(
            _arrowhead(leg, center), color=colour, weight=3, opacity=0.9, className="rangemap-arrow"
        ).add_to(group)


def _leg_tooltip(leg: Leg) -> str:
    hours = "" if leg.duration_h is None else f", {leg.duration_h:.1f} h"
    refuel = "; lands to refuel" if leg.ends_with_refuel else ""
    return (
        f"{leg.start.name} \u2192 {leg.end.name}: {leg.distance_km:,.0f} km, "
        f"{leg.distance_nm:,.0f} NM{hours}, bearing {leg.initial_bearing_deg:.0f}\u00b0{refuel}"
    )


def _arrowhead(leg: Leg, center: float) -> list[tuple[float, float]]:
    """Two short wings 40% along the leg, pointing the way it is flown (on the ellipsoid); off the
    middle, so the arrows of an out-and-back pair do not sit on each other."""
    middle = geo.destination(
        lat=leg.start.lat,
        lon=leg.start.lon,
        azimuth_deg=leg.initial_bearing_deg,
        distance_km=leg.distance_km * 0.4,
    )
    heading = geo.initial_azimuth_deg(
        lat1=middle.lat, lon1=middle.lon, lat2=leg.end.lat, lon2=leg.end.lon
    )
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


def _site_marker(marked: MarkedSite, center: float) -> folium.CircleMarker:
    site = marked.site
    point = geo.unwrap(Point(site.lon, site.lat), center_lon=center)
    lat = max(-WEB_MERCATOR_LAT, min(WEB_MERCATOR_LAT, site.lat))
    refuel = marked.role == "refuel"
    rows = [
        ("id", site.id),
        ("role", marked.role),
        (
            "position",
            f"{site.lat:.4f}, {site.lon:.4f}" + (" (approximate)" if site.approximate else ""),
        ),
        ("country", site.country or "-"),
        ("tags", ", ".join(sorted(site.tags)) or "-"),
        ("source", site.source or "-"),
    ]
    table = "".join(f"<tr><th>{escape_text(k)}</th><td>{escape_text(v)}</td></tr>" for k, v in rows)
    popup = (
        f"<div class='rangemap-popup'><b>{escape_text(site.name)}</b><table>{table}</table></div>"
    )
    marker = folium.CircleMarker(
        location=(lat, point.x),
        radius=8 if refuel else 5,
        color="#ffffff",
        weight=1.5,
        fill=True,
        fill_color=ROLE_COLOURS.get(marked.role, "#555555"),
        fill_opacity=1.0,
        tooltip=folium.Tooltip(escape_text(f"{site.name} ({marked.role})")),
        className=f"rangemap-site rangemap-{marked.role}",
    )
    _Popup(popup).add_to(marker)
    return marker


def _natural_earth_layer(center: float, *, show: bool) -> folium.FeatureGroup:
    group = folium.FeatureGroup(
        name="Natural Earth (offline)", overlay=False, control=True, show=show
    )
    land = for_leaflet(natural_earth.land("110m").geometry.union_all(), center)
    land_style = {
        "color": BORDER,
        "weight": 0.6,
        "fillColor": LAND,
        "fillOpacity": 1.0,
        "className": "rangemap-land",
    }
    folium.GeoJson(_geojson(land), style_function=lambda _: land_style, interactive=False).add_to(
        group
    )
    borders = natural_earth.countries("110m").geometry.boundary.union_all()
    lines = for_leaflet(borders, center)
    border_style = {"color": BORDER, "weight": 0.6, "className": "rangemap-border"}
    folium.GeoJson(
        _geojson(lines), style_function=lambda _: border_style, interactive=False
    ).add_to(group)
    return group


def _bounds(content: MapContent, center: float) -> list[list[float]]:
    # Routes are the subject where there are any; rings (often half the globe) frame the rest.
    shapes: list[BaseGeometry] = [
        for_leaflet(leg.path, center) for plan in content.plans for leg in plan.legs
    ]
    if not shapes:
        shapes = [for_leaflet(ring.geometry, center) for ring in content.rings]
    shapes += [geo.unwrap(Point(m.site.lon, m.site.lat), center_lon=center) for m in content.sites]
    shapes = [shape for shape in shapes if not shape.is_empty]
    if not shapes:
        return [[-60.0, center - 180.0], [75.0, center + 180.0]]
    west = min(shape.bounds[0] for shape in shapes)
    south = min(shape.bounds[1] for shape in shapes)
    east = max(shape.bounds[2] for shape in shapes)
    north = max(shape.bounds[3] for shape in shapes)
    south, north = max(south, -WEB_MERCATOR_LAT), min(north, WEB_MERCATOR_LAT)
    return [[south, west], [north, east]]


def _legend_html(content: MapContent) -> str:
    rows = []
    for aircraft in content.aircraft():
        colour = content.colour(aircraft)
        figure = aircraft.figure.replace("_", " ")
        rows.append(
            f"<div class='entry'><span class='swatch' style='background:{colour}'></span>"
            f"<b>{escape_text(aircraft.name)}</b>: {escape_text(figure)} {aircraft.range_km:,.0f} km"
            f"<div class='source'>source: {escape_text(aircraft.source or 'given by the user')}</div></div>"
        )
    roles = sorted({marked.role for marked in content.sites})
    markers = "".join(
        f"<span class='dot' style='background:{ROLE_COLOURS.get(role, '#555')}'></span>{escape_text(role)} "
        for role in roles
    )
    rings_note = (
        "<div class='note'>solid: one-way reach; dashed: combat radius (out and back). "
        "Geodesic (WGS84) rings.</div>"
        if content.rings
        else ""
    )
    return (
        f"<details open><summary class='title'>{escape_text(content.title)}</summary>{''.join(rows)}"
        f"<div class='markers'>{markers}</div>{rings_note}</details>"
    )


class _Legend(MacroElement):
    """A legend box in the lower left corner (its HTML is escaped before it gets here)."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div id="rangemap-legend" class="rangemap-legend">{{ this.body }}</div>
        {% endmacro %}
        """
    )

    def __init__(self, body: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.body = body


class _Popup(MacroElement):
    """A popup bound with Leaflet alone (folium's needs jQuery); the HTML goes in as a JSON string."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindPopup({{ this.body|tojson }}, {maxWidth: 360});
        {% endmacro %}
        """
    )

    def __init__(self, body: str) -> None:
        super().__init__()
        self._name = "Popup"
        self.body = body


class _Attribution(MacroElement):
    """Credits Natural Earth; offline, Leaflet is credited in plain text (no link to follow)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {% if this.offline %}{{ this._parent.get_name() }}.attributionControl.setPrefix("Leaflet");{% endif %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution("Natural Earth (public domain)");
        {% endmacro %}
        """
    )

    def __init__(self, offline: bool) -> None:
        super().__init__()
        self._name = "Attribution"
        self.offline = offline


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


_PAGE_CSS = f"""<style>
.leaflet-container {{ background: {OCEAN}; font: 13px/1.4 system-ui, sans-serif; }}
.rangemap-legend {{ position: absolute; left: 10px; bottom: 40px; z-index: 1000; max-width: 360px;
  background: rgba(255,255,255,0.92); padding: 8px 10px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 12px/1.4 system-ui, sans-serif; }}
.rangemap-legend .title {{ font-weight: 600; font-size: 13px; margin-bottom: 4px; cursor: pointer; }}
.rangemap-legend .swatch {{ display: inline-block; width: 12px; height: 12px; margin-right: 6px;
  vertical-align: -1px; border-radius: 2px; }}
.rangemap-legend .dot {{ display: inline-block; width: 9px; height: 9px; margin: 0 4px 0 0;
  border-radius: 50%; border: 1px solid #fff; box-shadow: 0 0 0 1px #999; }}
.rangemap-legend .source, .rangemap-legend .note {{ color: #555; font-size: 11px; }}
.rangemap-legend .markers {{ margin-top: 4px; }}
.rangemap-popup table {{ border-collapse: collapse; margin-top: 4px; }}
.rangemap-popup th {{ text-align: left; padding-right: 8px; color: #555; font-weight: normal; }}
.rangemap-fullscreen {{ font-size: 18px; line-height: 30px; text-align: center; }}
</style>"""
