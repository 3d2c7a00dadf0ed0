"""Static figures (matplotlib, Agg): the story framed, in a projection that suits it, with a
locator inset, a legend, a scale bar and labels that never overlap.

Layout, in inches: the title; the map on the left with what its projection keeps true and a scale
bar beneath it; on the right the locator globe above the legend; the sources at the foot. The
figure's height follows the frame's shape, so the map fills its axes.
"""

from __future__ import annotations

import io
import os
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from basemaps.content import MapContent, area_opacity, radial_words
from basemaps.figure.fonts import font_family
from basemaps.figure.inset import FRAME_COLOUR, locator
from basemaps.figure.layers import MISSILE_DASH, RADIAL_DASH, Layers, draw_map, role_marker
from basemaps.figure.map_labels import label_map, ring_text, wrapped
from basemaps.figure.scalebar import scale_bar
from basemaps.figure.svg_text import svg_bytes
from basemaps.frame import Extent, Frame, choose_frame
from basemaps.style import ADIZ_COLOUR, ROLE_NAMES, legend_roles
from formats.files import atomic_write_bytes

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.text import Text

__all__ = ["DPI", "LabelsLeftOut", "figure_bytes", "save_figure", "static_figure"]

#: Default resolution of PNG figures (dots per inch).
DPI = 110.0
_PAD, _GAP, _PANEL, _SCALE = 0.22, 0.3, 2.45, (2.4, 0.5)
_GREY = "#444444"


class LabelsLeftOut(UserWarning):
    """Some labels found no room on the figure. Silence with
    ``warnings.simplefilter("ignore", LabelsLeftOut)``."""


@dataclass(frozen=True)
class _Block:
    """A text or legend laid out by its height (inches)."""

    artist: Text | Legend
    height: float


def static_figure(
    content: MapContent,
    *,
    frame: str = "story",
    extent: Extent | None = None,
    dpi: float = DPI,
    width_in: float = 11.0,
) -> Figure:
    """Draw `content` framed on its story (or its rings, frame="rings", or `extent`). Returns the
    figure (Agg; nothing is shown)."""
    from matplotlib import rc_context

    with rc_context({"font.family": list(font_family())}):
        return _compose(content, choose_frame(content, frame=frame, extent=extent), dpi, width_in)


def save_figure(figure: Figure, path: str | os.PathLike[str]) -> Path:
    """Write the figure in the format its suffix names (png, svg, pdf), atomically."""
    target = Path(path)
    return atomic_write_bytes(target, figure_bytes(figure, target.suffix))


def figure_bytes(figure: Figure, suffix: str) -> bytes:
    """The figure as a file of the format `suffix` names (.png, .svg, .pdf); an SVG's texts stay
    text (see basemaps.figure.svg_text)."""
    kind = suffix.lstrip(".").lower()
    if kind == "svg":
        return svg_bytes(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=kind, facecolor="white")
    return buffer.getvalue()


def _compose(content: MapContent, frame: Frame, dpi: float, width_in: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    map_w = width_in - 2 * _PAD - _GAP - _PANEL
    map_h = map_w * frame.aspect
    figure = Figure(figsize=(width_in, map_h + 3.0), dpi=dpi)
    FigureCanvasAgg(figure)
    map_axes = figure.add_axes((0.0, 0.0, 1.0, 1.0), label="map")
    layers = draw_map(map_axes, content, frame)
    inset = figure.add_axes((0.0, 0.0, 1.0, 1.0), label="locator")
    framed = locator(inset, content, frame)
    scale = figure.add_axes((0.0, 0.0, 1.0, 1.0), label="scale")

    sources = [
        *content.sources(),
        *(f"{zone.name}: {zone.authority}" for zone in layers.zones),
        "land and borders: Natural Earth",
        "geodesics: WGS84 (pyproj)",
    ]
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]

    def block(artist: Text | Legend) -> _Block:
        return _Block(artist, artist.get_window_extent(renderer).height / dpi)

    title = block(_figure_text(figure, wrapped(content.title, 80), size=15, weight="bold"))
    answer = block(
        _figure_text(
            figure,
            "\n".join(textwrap.fill(line, 150) for line in content.answers),
            size=8.5,
        )
    )
    caption_w = map_w - _SCALE[0] - 0.2
    caption = block(_fitted(figure, _caption(frame, layers), caption_w, renderer))
    foot = block(
        _figure_text(
            figure, textwrap.fill("Sources: " + "; ".join(sources), 190), size=6.5, color=_GREY
        )
    )
    legend_box = _legend(figure, content, layers, framed)
    legend = block(legend_box)

    body = max(map_h + 0.1 + max(caption.height, _SCALE[1]), _PANEL + 0.25 + legend.height)
    said = answer.height + 0.15 if content.answers else 0.0
    height = 2 * _PAD + title.height + 0.2 + said + body + 0.2 + foot.height
    figure.set_size_inches(width_in, height)
    inches = figure.dpi_scale_trans
    answer.artist.set(x=_PAD, y=height - _PAD - title.height - 0.12, transform=inches, va="top")
    top = height - _PAD - title.height - 0.2 - said  # the top of the map and of the panel
    panel_x = _PAD + map_w + _GAP

    title.artist.set(x=_PAD, y=height - _PAD, transform=inches, va="top")
    _place(map_axes, (_PAD, top - map_h, map_w, map_h), width_in, height)
    _place(inset, (panel_x, top - _PANEL, _PANEL, _PANEL), width_in, height)
    legend_box.set_bbox_to_anchor((panel_x, top - _PANEL - 0.25), transform=inches)
    caption.artist.set(x=_PAD, y=top - map_h - 0.1, transform=inches, va="top")
    scale_w, scale_h = _SCALE
    _place(
        scale,
        (_PAD + map_w - scale_w, top - map_h - 0.1 - scale_h, scale_w, scale_h),
        width_in,
        height,
    )
    foot.artist.set(x=_PAD, y=_PAD, transform=inches, va="bottom")

    km_per_inch = frame.width_km / map_w * frame.km_per_km_at_centre()
    scale_bar(scale, km_per_inch=km_per_inch, width_in=scale_w, height_in=scale_h)
    left_out = label_map(map_axes, layers, figure.canvas.get_renderer())  # type: ignore[attr-defined]
    if left_out:
        warnings.warn(
            f"{len(left_out)} label(s) found no room on the figure and were left out: "
            + "; ".join(repr(text) for text in left_out[:5])
            + " (a wider --extent or fewer sites makes room)",
            LabelsLeftOut,
            stacklevel=3,
        )
    return figure


def _caption(frame: Frame, layers: Layers) -> str:
    """What the projection keeps true, and where the rings are that the map does not show whole."""
    words = [frame.note()]
    around = [ring_text(ring) for ring in layers.rings if ring.encloses]
    if around:
        plural = "s" if len(around) > 1 else ""
        words.append(f"The whole map lies inside the ring{plural} of " + "; ".join(around) + ".")
    if any(ring.clipped for ring in layers.rings):
        words.append("Rings are cut at the map's edge; the globe shows them whole.")
    return " ".join(words)


def _fitted(figure: Figure, words: str, width_in: float, renderer: RendererBase) -> Text:
    """A caption wrapped to fit `width_in`."""
    text = _figure_text(figure, words, size=7.5, color=_GREY)
    for width in range(130, 30, -5):
        text.set_text(textwrap.fill(words, width))
        if text.get_window_extent(renderer).width <= width_in * figure.dpi:
            break
    return text


def _place(
    axes: Axes, box_in: tuple[float, float, float, float], width: float, height: float
) -> None:
    x, y, w, h = box_in
    axes.set_position((x / width, y / height, w / width, h / height))


def _figure_text(figure: Figure, words: str, *, size: float, **style: Any) -> Text:
    return figure.text(0.0, 0.0, words, fontsize=size, parse_math=False, **style)


def _legend(figure: Figure, content: MapContent, layers: Layers, framed: bool) -> Legend:
    """The legend: an entry per thing drawn, once each (`framed`: the globe shows this map's
    outline)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Patch | Line2D] = []
    ringed = {ring.aircraft.id for ring in content.rings}
    flown = {plan.aircraft.id for plan in content.plans}
    for aircraft in content.aircraft():
        colour = content.colour(aircraft)
        figure_words = f"{aircraft.figure.replace('_', ' ')} {aircraft.range_km:,.0f} km"
        if aircraft.id in ringed:
            label = wrapped(f"{aircraft.name}: {figure_words}", 34)
            handles.append(Patch(facecolor=colour, edgecolor=colour, alpha=0.55, label=label))
        if aircraft.id in flown:
            label = wrapped(f"{aircraft.name}: route ({figure_words})", 34)
            handles.append(Line2D([], [], color=colour, linewidth=2.0, label=label))
    for area in reversed(content.areas):
        colour = content.colour(area.aircraft)
        label = wrapped(f"{area.aircraft.name}: {area.label}", 34)
        if area.kind == "launch-zone":
            handles.append(Patch(facecolor="none", edgecolor=colour, hatch="///", label=label))
        else:
            handles.append(Patch(facecolor=colour, alpha=area_opacity(area), label=label))
    for missile in content.missiles:
        label = wrapped(f"{missile.weapon}: flight to the target, range round it", 34)
        colour = content.colour(missile.aircraft)
        handles.append(Line2D([], [], color=colour, linestyle=MISSILE_DASH, label=label))
    if any(ring.mode == "combat_radius" for ring in content.rings):
        handles.append(
            Line2D([], [], color=_GREY, linestyle="--", label="combat radius (out and back)")
        )
    if content.radials:
        handles.append(
            Line2D(
                [],
                [],
                color=_GREY,
                linewidth=0.7,
                linestyle=RADIAL_DASH,
                label=wrapped(radial_words(content.radials), 34),
            )
        )
    if any(ring.mode == "distance" for ring in content.rings):
        handles.append(
            Line2D([], [], color=_GREY, linewidth=0.8, label="thin: rings at the distances marked")
        )
    if layers.zones:
        label = (
            "ADIZ boundary (known part)"
            if any(not z.complete for z in layers.zones)
            else "ADIZ boundary"
        )
        handles.append(Line2D([], [], color=ADIZ_COLOUR, linestyle=(0, (5, 3)), label=label))
    for role in legend_roles(marked.role for marked in content.sites):
        colour, marker, size = role_marker(role)
        handles.append(
            Line2D(
                [],
                [],
                color=colour,
                marker=marker,
                markersize=size * 0.85,
                markeredgecolor="white",
                linestyle="none",
                label=ROLE_NAMES[role],
            )
        )
    if framed:
        handles.append(
            Line2D([], [], color=FRAME_COLOUR, linewidth=1.3, label="this map (on the globe)")
        )
    labels = [handle.get_label() for handle in handles]
    once = [handle for n, handle in enumerate(handles) if labels.index(labels[n]) == n]
    legend = figure.legend(
        handles=once,
        loc="upper left",
        fontsize=7.5,
        frameon=False,
        borderaxespad=0.0,
        borderpad=0.0,
        handlelength=1.8,
        labelspacing=0.55,
    )
    for text in legend.get_texts():
        text.set_parse_math(False)
    return legend
