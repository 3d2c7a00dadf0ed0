"""Ring labels sit on their rings (issue 23, item 2): measured on the drawn figure, every point of
a label's middle line, end to end, lies within a text height or two of its own ring's outline."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.text import Text

from basemaps.content import content_of
from basemaps.figure.map_labels import RING_HUG
from basemaps.figure.static import static_figure
from routes import bundled_sites, find_aircraft
from routes.range_model import range_rings


def _outlines_px(axes: Axes, text: Text) -> shapely.MultiLineString:
    """The drawn outlines (pixels) of the rings the label may belong to: its colour, dashed for a
    combat radius (one ring per base; an aircraft's rings from two bases look alike)."""
    dashed = "combat radius" in text.get_text()
    found = [
        c
        for c in axes.collections
        if isinstance(c, LineCollection)
        and c.get_gid() == "ring"
        and np.allclose(c.get_colors()[0], to_rgba(text.get_color()))
        and (c.get_linestyle()[0][1] is not None) == dashed
    ]
    to_pixels = axes.transData.transform
    return shapely.MultiLineString([to_pixels(s) for c in found for s in c.get_segments()])


def _middle_line_px(text: Text) -> tuple[np.ndarray, float]:
    """The label's start, middle and end (pixels), measured from the drawn text."""
    renderer = text.figure.canvas.get_renderer()  # type: ignore[union-attr]
    box = text.get_window_extent(renderer)
    turned = text.get_rotation()
    text.set_rotation(0.0)
    level = text.get_window_extent(renderer)
    text.set_rotation(turned)
    middle = np.array([(box.x0 + box.x1) / 2.0, (box.y0 + box.y1) / 2.0])
    half = level.width / 2.0 * np.array([np.cos(np.radians(turned)), np.sin(np.radians(turned))])
    return np.array([middle - half, middle, middle + half]), level.height


@pytest.mark.parametrize("bases", [("neixiang",), ("neixiang", "UHBU")])
def test_each_ring_label_sits_on_its_ring(bases: tuple[str, ...]) -> None:
    sites = bundled_sites()
    rings = [
        ring
        for plane in ("h-6k", "tu-95ms")
        for ring in range_rings(find_aircraft(plane), [sites[base] for base in bases])
    ]
    figure = static_figure(content_of("rings", rings=rings))
    (axes,) = [axes for axes in figure.axes if axes.get_label() == "map"]
    labels = [text for text in axes.texts if text.get_gid() == "ring-label"]
    assert len(labels) == len(rings)
    area = axes.get_window_extent()
    for text in labels:
        ends, height = _middle_line_px(text)
        off = shapely.distance(_outlines_px(axes, text), shapely.points(ends)) / height
        assert off.max() <= RING_HUG, (text.get_text(), off)
        assert area.x0 <= ends[:, 0].min() and ends[:, 0].max() <= area.x1
        assert area.y0 <= ends[:, 1].min() and ends[:, 1].max() <= area.y1
