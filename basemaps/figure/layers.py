"""The layers of a static map, drawn in a frame's projection: land, borders and graticule, reach
bands and launch zones, rings, ADIZ lines, routes with their direction, and site markers on top of
every line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from basemaps import natural_earth
from basemaps.content import BAND_OPACITY, MapContent, MarkedSite, MissileFlight, ShadedArea
from basemaps.frame import Frame
from basemaps.style import ADIZ_COLOUR, ROLE_COLOURS
from routes.legs import Leg
from routes.range_model import RangeRing

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from airspace import Zone

__all__ = [
    "MISSILE_DASH",
    "RADIAL_DASH",
    "RING_LOOKS",
    "DrawnLeg",
    "DrawnMissile",
    "DrawnRing",
    "DrawnSite",
    "Layers",
    "draw_map",
    "fill",
    "lines",
    "outline",
    "parts",
    "role_marker",
    "route_width",
]

OCEAN, LAND, BORDER, GRID = "#e6f0f6", "#f3efe6", "#b9ad95", "#cfd9e1"
#: Marker shape and size (points) per role.
ROLE_MARKERS = {
    "refuel": ("D", 9.0),
    "field": ("d", 7.0),
    "launch": ("X", 9.5),
    "origin": ("o", 7.5),
    "base": ("o", 7.5),
    "final": ("o", 7.5),
    "target": ("^", 8.5),
    "waypoint": ("s", 5.5),
}
#: Fill opacity, line width (points) and dash of a ring by its mode: distance rings are thin
#: lines with no fill, so that concentric ones do not stack into a blot.
RING_LOOKS: dict[str, tuple[float, float, Any]] = {
    "reach": (0.07, 1.5, "-"),
    "combat_radius": (0.04, 1.1, "--"),
    "distance": (0.0, 0.8, "-"),
    "fan": (0.12, 1.3, "-"),
}
#: A radial: long dashes.
RADIAL_DASH = (0, (6, 3))
#: A missile's flight: dots.
MISSILE_DASH = (0, (1.2, 2.2))
#: Drawing order: lines below markers, markers below labels.
Z_LAND, Z_RING, Z_LINE, Z_ROUTE, Z_ARROW, Z_LEADER, Z_MARKER, Z_LABEL = 1, 3, 4, 5, 6, 6.5, 7, 8


@dataclass(frozen=True)
class DrawnSite:
    """A site's marker: where it is (km) and how big (points)."""

    marked: MarkedSite
    xy: tuple[float, float]
    size_pt: float


@dataclass(frozen=True)
class DrawnLeg:
    """A leg as drawn (km, cut to the frame) in its aircraft's colour."""

    leg: Leg
    shape: BaseGeometry
    colour: str


@dataclass(frozen=True)
class DrawnMissile:
    """A missile's flight as drawn (km, cut to the frame)."""

    missile: MissileFlight
    shape: BaseGeometry
    colour: str


@dataclass(frozen=True)
class DrawnRing:
    """A ring's outline as drawn (km, cut to the frame): `clipped` when part of it shows and part
    is outside; `encloses` when none shows and the whole frame lies inside the ring."""

    ring: RangeRing
    shape: BaseGeometry
    colour: str
    clipped: bool
    encloses: bool


@dataclass(frozen=True)
class Layers:
    """What was drawn that labels refer to."""

    sites: list[DrawnSite]
    legs: list[DrawnLeg]
    rings: list[DrawnRing]
    missiles: list[DrawnMissile]
    #: Radials as drawn (km, cut to the frame): labels keep off them.
    radials: list[BaseGeometry] = field(default_factory=list)
    #: The ADIZs whose boundaries are drawn (their sources are cited).
    zones: list[Zone] = field(default_factory=list)


def role_marker(role: str) -> tuple[str, str, float]:
    """Colour, marker and size (points) of a site's role."""
    marker, size = ROLE_MARKERS.get(role, ("o", 5.0))
    return ROLE_COLOURS.get(role, "#555555"), marker, size


def draw_map(axes: Axes, content: MapContent, frame: Frame) -> Layers:
    """Draw `content` in `frame` onto `axes` (km, the frame's limits)."""
    from matplotlib.patches import Rectangle

    axes.add_patch(
        Rectangle((frame.x0, frame.y0), frame.width_km, frame.height_km, facecolor=OCEAN, zorder=0)
    )
    _base_layers(axes, frame)
    for area in content.areas:
        _area(axes, area, content.colour(area.aircraft), frame)
    rings = [_ring(axes, ring, content.colour(ring.aircraft), frame) for ring in content.rings]
    radials = []
    for radial in content.radials:
        shape = frame.shape(radial.path)
        colour = content.colour(radial.aircraft)
        lines(
            axes,
            shape,
            color=colour,
            linewidth=0.7,
            linestyle=RADIAL_DASH,
            zorder=Z_LINE,
            gid="radial",
        )
        radials.append(shape)
    zones = _adiz(axes, frame)
    legs = []
    flying = list(dict.fromkeys(plan.aircraft.id for plan in content.plans))
    for plan in content.plans:
        colour = content.colour(plan.aircraft)
        width = route_width(flying.index(plan.aircraft.id), len(flying))
        # One collection for the plan's legs (drawn in the same order as one each, and as fast
        # for one leg as for thousands), each leg's arrow above the lines.
        shapes = [frame.shape(leg.path) for leg in plan.legs]
        lines(
            axes,
            shapely.GeometryCollection([part for shape in shapes for part in parts(shape)]),
            color=colour,
            linewidth=width,
            zorder=Z_ROUTE,
            capstyle="round",
            gid="route",
        )
        for leg, shape in zip(plan.legs, shapes, strict=True):
            _arrow(axes, shape, colour)
            legs.append(DrawnLeg(leg, shape, colour))
    missiles = []
    for missile in content.missiles:
        colour = content.colour(missile.aircraft)
        shape = frame.shape(missile.path)
        lines(axes, shape, color=colour, linewidth=1.6, linestyle=MISSILE_DASH, zorder=Z_ROUTE)
        edge = frame.shape(outline(missile.reach))
        lines(axes, edge, color=colour, linewidth=0.9, linestyle=MISSILE_DASH, zorder=Z_LINE)
        _arrow(axes, shape, colour)
        missiles.append(DrawnMissile(missile, shape, colour))
    sites = [_site(axes, marked, frame) for marked in content.sites]
    axes.set_xlim(frame.x0, frame.x1)
    axes.set_ylim(frame.y0, frame.y1)
    axes.set_axis_off()
    drawn_sites = [site for site in sites if site is not None]
    return Layers(drawn_sites, legs, rings, missiles, radials, zones)


def route_width(number: int, count: int) -> float:
    """Line width of the routes of the `number`th of `count` aircraft: each drawn narrower than
    the one before, so where two fly the same track both colours show."""
    return 2.0 if count == 1 else max(0.8, 2.8 - 1.3 * number)


def _base_layers(axes: Axes, frame: Frame) -> None:
    fill(
        axes,
        frame.shape(natural_earth.land("50m")),
        facecolor=LAND,
        edgecolor="none",
        zorder=Z_LAND,
    )
    borders = frame.shape(natural_earth.borders("50m"))
    lines(axes, borders, color=BORDER, linewidth=0.4, zorder=Z_LAND + 1)
    lines(
        axes,
        frame.shape(graticule(_graticule_step(frame))),
        color=GRID,
        linewidth=0.5,
        zorder=Z_LAND + 1,
    )


def _graticule_step(frame: Frame) -> int:
    span = max(frame.width_km, frame.height_km)
    return 5 if span < 3000 else 10 if span < 9000 else 30


def graticule(step: int) -> MultiLineString:
    """Meridians and parallels every `step` degrees (lon/lat)."""
    meridians = [LineString([(lon, -90.0), (lon, 90.0)]) for lon in range(-180, 180, step)]
    parallels = [LineString([(-180.0, lat), (180.0, lat)]) for lat in range(-90 + step, 90, step)]
    return MultiLineString(meridians + parallels)


def _ring(axes: Axes, ring: RangeRing, colour: str, frame: Frame) -> DrawnRing:
    """The ring's outline, and its area where the outline shows (a ring round the whole frame
    would only tint the map: its extent is told in the caption and on the globe)."""
    alpha, width, dash = RING_LOOKS.get(ring.mode, RING_LOOKS["reach"])
    edge = outline(ring.geometry)
    whole = frame.projection.shape(edge)
    shape = frame.shape(edge)
    if not shape.is_empty and alpha > 0.0:
        area = frame.shape(ring.geometry)
        fill(axes, area, facecolor=colour, alpha=alpha, edgecolor="none", zorder=Z_RING)
    lines(axes, shape, color=colour, linewidth=width, linestyle=dash, zorder=Z_LINE, gid="ring")
    ((lon, lat),) = frame.projection.inverse(np.array(frame.centre_km))
    return DrawnRing(
        ring,
        shape,
        colour,
        clipped=not shape.is_empty and not np.isclose(shape.length, whole.length),
        encloses=shape.is_empty and ring.geometry.covers(Point(lon, lat)),
    )


def _area(axes: Axes, area: ShadedArea, colour: str, frame: Frame) -> None:
    """A reach band (a fill that stacks, darker inwards) or a launch zone (hatched)."""
    drawn = area.geometry.simplify(area.tolerance_deg)
    if area.kind == "launch-zone":
        style: dict[str, Any] = {"facecolor": "none", "edgecolor": colour, "hatch": "///"}
        style["linewidth"] = 0
    else:
        style = {"facecolor": colour, "alpha": BAND_OPACITY, "edgecolor": "none"}
    fill(axes, frame.shape(drawn), zorder=Z_RING, **style)
    lines(axes, frame.shape(outline(drawn)), color=colour, linewidth=0.8, zorder=Z_LINE)


def _adiz(axes: Axes, frame: Frame) -> list[Zone]:
    """Every ADIZ's boundary as a dashed line (a zone known in part is a line already); returns
    the zones seen in the frame."""
    import airspace

    drawn = []
    for zone in airspace.zones():
        if zone.kind != "adiz":
            continue
        edge = frame.shape(zone.geometry.boundary if zone.complete else zone.geometry)
        if edge.is_empty:
            continue
        drawn.append(zone)
        lines(
            axes,
            edge,
            color=ADIZ_COLOUR,
            linewidth=0.8,
            linestyle=(0, (5, 3)),
            alpha=0.8,
            zorder=Z_LINE,
        )
    return drawn


def _site(axes: Axes, marked: MarkedSite, frame: Frame) -> DrawnSite | None:
    xy = frame.projection.forward(np.array([[marked.site.lon, marked.site.lat]]))
    if not frame.holds(xy).all():
        return None
    ((x, y),) = xy
    colour, marker, size = role_marker(marked.role)
    axes.plot(
        [x],
        [y],
        marker=marker,
        color=colour,
        markersize=size,
        markeredgecolor="white",
        markeredgewidth=1.2,
        linestyle="none",
        zorder=Z_MARKER,
        gid="site",
    )
    return DrawnSite(marked, (float(x), float(y)), size)


def outline(ring: BaseGeometry) -> MultiLineString:
    """A ring's real boundary: its edges less those along the antimeridian or a pole."""
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


def parts(geometry: BaseGeometry) -> Iterable[BaseGeometry]:
    """The single geometries of a collection (or the geometry itself)."""
    found: Iterable[BaseGeometry] = getattr(geometry, "geoms", [geometry])
    return found


def fill(axes: Axes, geometry: BaseGeometry, **style: Any) -> None:
    """Fill the polygons of projected `geometry` as one patch."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    vertices: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for part in parts(geometry):
        if not isinstance(part, Polygon) or part.is_empty:
            continue
        for ring in [part.exterior, *part.interiors]:
            xy = np.asarray(ring.coords)
            ring_codes = np.full(len(xy), MplPath.LINETO)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    if vertices:
        # add_artist, not add_patch: the limits are the frame's, so no time goes on updating them.
        axes.add_artist(
            PathPatch(MplPath(np.concatenate(vertices), np.concatenate(codes)), **style)
        )


def lines(axes: Axes, geometry: BaseGeometry, **style: Any) -> None:
    """Draw the lines (and polygon edges) of projected `geometry` as one collection."""
    from matplotlib.collections import LineCollection

    drawn = [
        np.asarray(part.coords)
        for part in parts(geometry)
        if isinstance(part, LineString) and not part.is_empty
    ]
    if drawn:
        axes.add_collection(LineCollection(drawn, **style), autolim=False)


def _arrow(axes: Axes, path: BaseGeometry, colour: str) -> None:
    """An arrowhead 40% along the drawn leg (off the middle, for out-and-back pairs), pointing the way
    it is flown."""
    from matplotlib.patches import FancyArrowPatch

    pieces = [part for part in parts(path) if isinstance(part, LineString) and part.length > 0]
    if not pieces:
        return
    longest = max(pieces, key=lambda part: part.length)
    tip = longest.interpolate(0.4, normalized=True)
    tail = longest.interpolate(0.39, normalized=True)
    if tip.equals(tail):
        return
    # add_artist, not add_patch: the limits are the frame's (see fill).
    axes.add_artist(
        FancyArrowPatch(
            (tail.x, tail.y),
            (tip.x, tip.y),
            arrowstyle="-|>",
            mutation_scale=15,
            color=colour,
            linewidth=0,
            shrinkA=0,
            shrinkB=0,
            zorder=Z_ARROW,
        )
    )
