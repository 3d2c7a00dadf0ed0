"""Static figures (matplotlib, Agg): azimuthal equidistant round one base, or a Pacific world view.

On the azimuthal equidistant projection (on the WGS84 ellipsoid) every point keeps its true geodesic
distance from the centre, so each ring from that base is drawn as a true circle.
"""

from __future__ import annotations

import io
import os
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Polygon, box
from shapely.geometry.base import BaseGeometry

import geo
from basemaps import natural_earth
from basemaps.content import BAND_OPACITY, MapContent, MarkedSite, area_opacity
from routes.catalog import Site

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

__all__ = ["figure_bytes", "save_figure", "static_figure"]

ROLE_STYLE = {
    "refuel": ("#E69F00", "D", 8),
    "origin": ("#000000", "o", 6),
    "base": ("#000000", "o", 6),
    "final": ("#000000", "o", 6),
    "target": ("#CC0000", "^", 7),
    "waypoint": ("#555555", "s", 5),
}
OCEAN, LAND, BORDER, GRID = "#e6f0f6", "#f3efe6", "#b9ad95", "#c8d3dc"
ADIZ_COLOUR = "#6a3d9a"
_MIN_VIEW_KM, _MAX_VIEW_KM, _MARGIN = 1500.0, 15000.0, 1.12
_PACIFIC = 150.0

Project = Callable[[np.ndarray], np.ndarray]


def static_figure(content: MapContent, *, width_in: float = 10.0) -> Figure:
    """Draw `content`; one base or origin gives an azimuthal equidistant map round it, several a
    Pacific-centred world map. Returns the figure (Agg; nothing is shown)."""
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    centres = {ring.site.id: ring.site for ring in content.rings}
    centres.update({plan.mission.origin.id: plan.mission.origin for plan in content.plans})
    azimuthal = len(centres) == 1
    figure = Figure(
        figsize=(width_in, width_in * (0.9 if azimuthal else 0.62)),
        dpi=110,
        layout=ConstrainedLayoutEngine(rect=(0.0, 0.045, 1.0, 0.955)),  # room for the source line
    )
    axes = figure.add_subplot()
    if azimuthal:
        (centre,) = centres.values()
        subtitle = f"azimuthal equidistant round {centre.name}: every ring from it is a true circle"
        _draw_azimuthal(axes, content, centre)
    else:
        subtitle = "world, centred on the Pacific (longitude and latitude)"
        _draw_world(axes, content)
    axes.set_title(f"{content.title}\n", fontsize=13, loc="left", parse_math=False)
    axes.text(
        0.0, 1.01, subtitle, transform=axes.transAxes, fontsize=9, color="#555555", parse_math=False
    )
    _legend(axes, content)
    sources = "; ".join(
        [*content.sources(), "land and borders: Natural Earth", "geodesics: WGS84 (pyproj)"]
    )
    figure.text(
        0.01,
        0.005,
        textwrap.fill("Sources: " + sources, 160),
        fontsize=7,
        color="#555555",
        va="bottom",
        parse_math=False,
    )
    return figure


def save_figure(figure: Figure, path: str | os.PathLike[str]) -> Path:
    """Write the figure in the format its suffix names (png, svg, pdf), atomically."""
    target = Path(path)
    return geo.atomic_write_bytes(target, figure_bytes(figure, target.suffix))


def figure_bytes(figure: Figure, suffix: str) -> bytes:
    """The figure as a file of the format `suffix` names (.png, .svg, .pdf)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format=suffix.lstrip(".").lower(), facecolor="white")
    return buffer.getvalue()


# -- azimuthal equidistant ------------------------------------------------------------------------


def _draw_azimuthal(axes: Axes, content: MapContent, centre: Site) -> None:
    from pyproj import CRS, Transformer

    crs = CRS.from_dict(
        {"proj": "aeqd", "lat_0": centre.lat, "lon_0": centre.lon, "ellps": "WGS84"}
    )
    forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)

    def project(xy: np.ndarray) -> np.ndarray:
        x, y = forward.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y]) / 1000.0  # km

    view_km = _view_radius_km(content, centre)
    view = geo.range_ring(lat=centre.lat, lon=centre.lon, radius_km=view_km, max_segment_km=50)
    axes.add_patch(_circle(view_km, facecolor=OCEAN, edgecolor="#888888", linewidth=0.8, zorder=0))
    _draw_base_layers(axes, view, project)
    _draw_content(axes, content, view, project)
    axes.set_xlim(-view_km * 1.02, view_km * 1.02)
    axes.set_ylim(-view_km * 1.02, view_km * 1.02)
    axes.set_aspect("equal")
    axes.set_axis_off()
    axes.text(
        0.99,
        0.01,
        f"radius of the view: {view_km:,.0f} km",
        transform=axes.transAxes,
        ha="right",
        fontsize=8,
        color="#555555",
    )


def _view_radius_km(content: MapContent, centre: Site) -> float:
    def away(site: Site) -> float:
        return float(
            geo.distance_km(lat1=centre.lat, lon1=centre.lon, lat2=site.lat, lon2=site.lon)
        )

    reach = [away(ring.site) + ring.radius_km for ring in content.rings]
    reach += [away(marked.site) for marked in content.sites]
    for plan in content.plans:
        for leg in plan.legs:
            xy = shapely.get_coordinates(leg.path)
            reach += list(
                np.asarray(
                    geo.distance_km(lat1=centre.lat, lon1=centre.lon, lat2=xy[:, 1], lon2=xy[:, 0])
                )
            )
    return float(min(_MAX_VIEW_KM, max(_MIN_VIEW_KM, _MARGIN * max(reach, default=0.0))))


def _circle(radius: float, **style: Any) -> Patch:
    from matplotlib.patches import Circle

    return Circle((0.0, 0.0), radius, **style)


# -- Pacific world view ---------------------------------------------------------------------------


def _draw_world(axes: Axes, content: MapContent) -> None:
    window = box(_PACIFIC - 180.0, -90.0, _PACIFIC + 180.0, 90.0)

    def project(xy: np.ndarray) -> np.ndarray:
        return xy

    axes.add_patch(
        _rectangle(window, facecolor=OCEAN, edgecolor="#888888", linewidth=0.8, zorder=0)
    )
    _draw_base_layers(axes, window, project, unwrap=True)
    _draw_content(axes, content, window, project, unwrap=True)
    axes.set_xlim(_PACIFIC - 180.0, _PACIFIC + 180.0)
    axes.set_ylim(-90.0, 90.0)
    axes.set_aspect("equal")
    ticks = np.arange(_PACIFIC - 180.0, _PACIFIC + 181.0, 60.0)
    axes.set_xticks(ticks, [_lon_label(t) for t in ticks])
    axes.set_yticks(
        np.arange(-90, 91, 30),
        [f"{abs(v)}°{'N' if v > 0 else 'S' if v < 0 else ''}" for v in range(-90, 91, 30)],
    )
    axes.tick_params(labelsize=8, colors="#555555")


def _rectangle(shape: Polygon, **style: Any) -> Patch:
    from matplotlib.patches import Rectangle

    west, south, east, north = shape.bounds
    return Rectangle((west, south), east - west, north - south, **style)


def _lon_label(lon: float) -> str:
    wrapped = (lon + 180.0) % 360.0 - 180.0
    return f"{abs(wrapped):.0f}°{'E' if 0 < wrapped < 180 else 'W' if wrapped < 0 else ''}"


# -- shared drawing -------------------------------------------------------------------------------


def _prepare(geometry: BaseGeometry, view: BaseGeometry, unwrap: bool) -> BaseGeometry:
    """Clip to the view (in lon/lat, where both are RFC 7946 shapes) and densify to 0.5 degree."""
    shape = geo.unwrap(geometry, center_lon=_PACIFIC) if unwrap else geometry
    return shapely.segmentize(shape.intersection(view), 0.5)


def _draw_base_layers(
    axes: Axes, view: BaseGeometry, project: Project, *, unwrap: bool = False
) -> None:
    land = natural_earth.land("50m")
    _fill(axes, _prepare(land, view, unwrap), project, facecolor=LAND, edgecolor="none", zorder=1)
    borders = natural_earth.borders("50m")
    _lines(axes, _prepare(borders, view, unwrap), project, color=BORDER, linewidth=0.4, zorder=2)
    graticule = [LineString([(lon, -90.0), (lon, 90.0)]) for lon in range(-180, 181, 30)]
    graticule += [LineString([(-180.0, lat), (180.0, lat)]) for lat in range(-60, 61, 30)]
    lines = MultiLineString(graticule)
    _lines(axes, _prepare(lines, view, unwrap), project, color=GRID, linewidth=0.5, zorder=2)


def _draw_content(
    axes: Axes, content: MapContent, view: BaseGeometry, project: Project, *, unwrap: bool = False
) -> None:
    _draw_areas(axes, content, view, project, unwrap)
    for ring in content.rings:
        colour = content.colour(ring.aircraft)
        reach = ring.mode == "reach"
        shape = _prepare(ring.geometry, view, unwrap)
        _fill(
            axes,
            shape,
            project,
            facecolor=colour,
            alpha=0.13 if reach else 0.07,
            edgecolor="none",
            zorder=3,
        )
        outline = _prepare(_outline(ring.geometry), view, unwrap)
        _lines(
            axes,
            outline,
            project,
            color=colour,
            linewidth=1.6 if reach else 1.2,
            linestyle="-" if reach else "--",
            zorder=4,
        )
    _draw_adiz(axes, view, project, unwrap)
    for plan in content.plans:
        colour = content.colour(plan.aircraft)
        for leg in plan.legs:
            path = _prepare(leg.path, view, unwrap)
            _lines(axes, path, project, color=colour, linewidth=2.2, zorder=5)
            _arrow(axes, path, project, colour)
    for marked in content.sites:
        _site(axes, marked, view, project, unwrap)


def _draw_areas(
    axes: Axes, content: MapContent, view: BaseGeometry, project: Project, unwrap: bool
) -> None:
    """Reach bands (stacked fills, darker inwards) and launch zones (hatched), in order."""
    for area in content.areas:
        colour = content.colour(area.aircraft)
        shape = _prepare(area.geometry.simplify(area.tolerance_deg), view, unwrap)
        if area.kind == "launch-zone":
            style = {"facecolor": "none", "edgecolor": colour, "hatch": "///", "linewidth": 0}
        else:
            style = {"facecolor": colour, "alpha": BAND_OPACITY, "edgecolor": "none"}
        _fill(axes, shape, project, zorder=3, **style)
        outline = _prepare(_outline(area.geometry.simplify(area.tolerance_deg)), view, unwrap)
        _lines(axes, outline, project, color=colour, linewidth=0.8, zorder=4)


def _draw_adiz(axes: Axes, view: BaseGeometry, project: Project, unwrap: bool) -> None:
    """Every ADIZ's boundary as a dashed line (a zone known in part is a line already)."""
    import airspace

    for zone in airspace.zones():
        if zone.kind != "adiz":
            continue
        edge = zone.geometry.boundary if zone.complete else zone.geometry
        _lines(
            axes,
            _prepare(edge, view, unwrap),
            project,
            color=ADIZ_COLOUR,
            linewidth=0.9,
            linestyle=(0, (5, 3)),
            zorder=4,
        )


def _outline(ring: BaseGeometry) -> MultiLineString:
    """The ring's real boundary: its edges less those along the antimeridian or a pole."""
    segments = []
    for polygon in getattr(ring, "geoms", [ring]):
        for boundary in [polygon.exterior, *polygon.interiors]:
            xy = np.asarray(boundary.coords)
            artificial = ((np.abs(xy[:-1, 0]) == 180.0) & (xy[:-1, 0] == xy[1:, 0])) | (
                (np.abs(xy[:-1, 1]) == 90.0) & (xy[:-1, 1] == xy[1:, 1])
            )
            start = 0
            for index in [*np.flatnonzero(artificial).tolist(), len(xy) - 1]:
                if index - start >= 1:
                    segments.append(LineString(xy[start : index + 1]))
                start = index + 1
    return MultiLineString(segments)


def _parts(geometry: BaseGeometry) -> Iterable[BaseGeometry]:
    parts: Iterable[BaseGeometry] = getattr(geometry, "geoms", [geometry])
    return parts


def _fill(axes: Axes, geometry: BaseGeometry, project: Project, **style: Any) -> None:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    vertices: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for part in _parts(geometry):
        if not isinstance(part, Polygon) or part.is_empty:
            continue
        for ring in [part.exterior, *part.interiors]:
            xy = project(np.asarray(ring.coords))
            ring_codes = np.full(len(xy), MplPath.LINETO)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    if vertices:
        axes.add_patch(PathPatch(MplPath(np.concatenate(vertices), np.concatenate(codes)), **style))


def _lines(axes: Axes, geometry: BaseGeometry, project: Project, **style: Any) -> None:
    from matplotlib.collections import LineCollection

    lines = [
        project(np.asarray(part.coords))
        for part in _parts(geometry)
        if isinstance(part, LineString) and not part.is_empty
    ]
    if lines:
        axes.add_collection(LineCollection(lines, **style))


def _arrow(axes: Axes, path: BaseGeometry, project: Project, colour: str) -> None:
    """An arrowhead 40% along the drawn leg (off the middle, for out-and-back pairs), pointing the way
    it is flown."""
    parts = [part for part in _parts(path) if isinstance(part, LineString) and part.length > 0]
    if not parts:
        return
    longest = max(parts, key=lambda part: part.length)
    xy = project(np.asarray(longest.coords))
    middle = (len(xy) * 2) // 5
    if middle == 0 or middle >= len(xy):
        return
    axes.annotate(
        "",
        xy=tuple(xy[middle]),
        xytext=tuple(xy[middle - 1]),
        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 0, "mutation_scale": 16},
        zorder=6,
    )


def _site(
    axes: Axes, marked: MarkedSite, view: BaseGeometry, project: Project, unwrap: bool
) -> None:
    from shapely.geometry import Point

    point = (
        geo.unwrap(Point(marked.site.lon, marked.site.lat), center_lon=_PACIFIC)
        if unwrap
        else Point(marked.site.lon, marked.site.lat)
    )
    if not view.covers(point):
        return
    ((x, y),) = project(np.asarray(point.coords))
    colour, marker, size = ROLE_STYLE.get(marked.role, ("#555555", "o", 5))
    axes.plot(
        [x],
        [y],
        marker=marker,
        color=colour,
        markersize=size,
        markeredgecolor="white",
        zorder=7,
        linestyle="none",
    )
    axes.annotate(
        _label(marked.site.name),
        (x, y),
        xytext=(5, 4),
        textcoords="offset points",
        fontsize=7.5,
        zorder=8,
        parse_math=False,
        bbox={
            "boxstyle": "round,pad=0.15",
            "facecolor": "white",
            "edgecolor": "none",
            "alpha": 0.7,
        },
    )


def _label(name: str) -> str:
    """A site's name as a figure label: whole, wrapped at 28 characters; the Unicode line and
    paragraph separators (which matplotlib would drop the rest of the text at) as line breaks."""
    lines = name.replace("\u2028", "\n").replace("\u2029", "\n").split("\n")
    return "\n".join(wrapped for line in lines for wrapped in textwrap.wrap(line, 28) or [""])


def _legend(axes: Axes, content: MapContent) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[object] = []
    for aircraft in content.aircraft():
        colour = content.colour(aircraft)
        label = f"{aircraft.name}: {aircraft.figure.replace('_', ' ')} {aircraft.range_km:,.0f} km"
        handles.append(Patch(facecolor=colour, edgecolor=colour, alpha=0.5, label=label))
    for area in reversed(content.areas):
        colour = content.colour(area.aircraft)
        label = f"{area.aircraft.name}: {area.label}"
        if area.kind == "launch-zone":
            handles.append(Patch(facecolor="none", edgecolor=colour, hatch="///", label=label))
        else:
            handles.append(Patch(facecolor=colour, alpha=area_opacity(area), label=label))
    handles.append(Line2D([], [], color=ADIZ_COLOUR, linestyle=(0, (5, 3)), label="ADIZ boundary"))
    if any(ring.mode == "combat_radius" for ring in content.rings):
        handles.append(
            Line2D([], [], color="#444444", linestyle="--", label="combat radius (out and back)")
        )
    for role in sorted({marked.role for marked in content.sites}):
        colour, marker, size = ROLE_STYLE.get(role, ("#555555", "o", 5))
        handles.append(
            Line2D(
                [], [], color=colour, marker=marker, markersize=size, linestyle="none", label=role
            )
        )
    if handles:
        legend = axes.legend(handles=handles, loc="lower left", fontsize=8, framealpha=0.92)
        for text in legend.get_texts():
            text.set_parse_math(False)
