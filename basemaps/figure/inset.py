"""A locator inset: a globe centred on the map, with the map's frame and every ring whole."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import shapely

from basemaps import natural_earth
from basemaps.content import MapContent
from basemaps.figure.layers import LAND, OCEAN, fill, lines, outline, parts
from basemaps.frame import Frame
from basemaps.projection import Projection

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["FRAME_COLOUR", "locator"]

FRAME_COLOUR = "#b2182b"
#: The globe is drawn to this distance from its centre (km), short of the horizon.
_HORIZON_KM = 9_800.0


def locator(axes: Axes, content: MapContent, frame: Frame) -> bool:
    """Draw on `axes` an orthographic globe round the frame's centre: land, each ring's whole
    outline and each route in its aircraft's colour, and the frame's outline where it is on the
    near side of the globe; returns whether any of that outline was drawn."""
    globe = Projection("ortho", lat=frame.lat, lon=frame.lon, disc_km=_HORIZON_KM)
    disc = globe.shape(globe.disc)
    fill(axes, disc, facecolor=OCEAN, edgecolor="#8a8a8a", linewidth=0.6, zorder=0)
    fill(axes, globe.shape(natural_earth.land("110m")), facecolor=LAND, edgecolor="none", zorder=1)
    for ring in content.rings:
        colour = content.colour(ring.aircraft)
        lines(axes, globe.shape(outline(ring.geometry)), color=colour, linewidth=0.9, zorder=2)
    for radial in content.radials:
        colour = content.colour(radial.aircraft)
        lines(axes, globe.shape(radial.path), color=colour, linewidth=0.4, zorder=2)
    for plan in content.plans:
        colour = content.colour(plan.aircraft)
        # One collection of the plan's legs, in order (as fast for thousands as for one).
        shapes = [globe.shape(leg.path) for leg in plan.legs]
        route = shapely.GeometryCollection([part for shape in shapes for part in parts(shape)])
        lines(axes, route, color=colour, linewidth=0.7, zorder=3)
    edge = globe.forward(frame.projection.inverse(_rectangle(frame)))
    edge[~np.isfinite(edge).all(axis=1)] = np.nan  # beyond the horizon: a gap in the line
    axes.plot(edge[:, 0], edge[:, 1], color=FRAME_COLOUR, linewidth=1.3, zorder=4)
    west, south, east, north = disc.bounds
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect("equal")
    axes.set_axis_off()
    return bool(np.isfinite(edge).all(axis=1).sum() >= 2)


def _rectangle(frame: Frame, count: int = 60) -> np.ndarray:
    """Points round the frame's edge (km), closed."""
    t = np.linspace(0.0, 1.0, count)
    x0, y0, x1, y1 = frame.x0, frame.y0, frame.x1, frame.y1
    sides = [
        np.column_stack([x0 + (x1 - x0) * t, np.full(count, y0)]),
        np.column_stack([np.full(count, x1), y0 + (y1 - y0) * t]),
        np.column_stack([x1 - (x1 - x0) * t, np.full(count, y1)]),
        np.column_stack([np.full(count, x0), y1 - (y1 - y0) * t]),
    ]
    return np.concatenate(sides)
