"""The texts on a static map: site names (refuelling stops called out), leg distances along the
legs and ring labels along the rings where they leave the frame, placed so none overlaps another
or covers a marker (see basemaps.figure.labels)."""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry

from basemaps.content import MarkedSite, fan_words
from basemaps.figure.labels import Placer, Spot, along, around, middle_line
from basemaps.figure.layers import Z_LABEL, DrawnLeg, DrawnMissile, DrawnRing, Layers, parts

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.text import Text

__all__ = [
    "HALO_COLOUR",
    "HALO_PT",
    "label_map",
    "leg_texts",
    "ring_text",
    "ring_texts",
    "site_text",
    "wrapped",
]

SITE_POINTS, LEG_POINTS, RING_POINTS = 7.5, 6.5, 7.0
#: The halo round every label (its width in points, its colour), so it reads over any line.
HALO_PT, HALO_COLOUR = 2.6, "white"
#: Site roles in the order their names are placed (the first get the best spots).
_ROLE_PRIORITY = ("refuel", "launch", "origin", "base", "final", "target", "waypoint", "field")
#: Extra distances (points) beyond a marker's edge tried for its name.
_SITE_RADII_PT = (0.0, 10.0, 22.0, 38.0, 58.0, 84.0)
_WRAP = 24
#: How far (text heights) a ring label's middle line, end to end, may stray from its ring.
RING_HUG = 1.6
#: A leg drawn shorter than this (pixels) is not labelled: its label could not be told from its
#: neighbours' (a mission of thousands of waypoints has legs a fraction of a pixel long).
_LEAST_LABELLED_PX = 1.0


def label_map(axes: Axes, layers: Layers, renderer: RendererBase) -> list[str]:
    """Name every site, give every leg its distance and every ring its label, clear of each other
    and of every marker; returns the texts that found no room (none, as a rule)."""
    dpi = axes.figure.dpi
    px = dpi / 72.0
    placer = Placer(axes, renderer, pad_px=1.5 * px)
    to_pixels = axes.transData.transform
    markers = np.array([to_pixels(site.xy) for site in layers.sites]).reshape(-1, 2)
    radii = np.array([site.size_pt / 2.0 * px + 2.0 * px for site in layers.sites])
    placer.block(np.column_stack([markers - radii[:, None], markers + radii[:, None]]))
    lined = [leg.shape for leg in layers.legs] + [ring.shape for ring in layers.rings]
    lined += layers.radials
    for shape in lined + [missile.shape for missile in layers.missiles]:
        placer.avoid(_samples(to_pixels, shape, 4.0 * px))

    order = sorted(
        range(len(layers.sites)),
        key=lambda n: (
            _ROLE_PRIORITY.index(layers.sites[n].marked.role)
            if layers.sites[n].marked.role in _ROLE_PRIORITY
            else len(_ROLE_PRIORITY)
        ),
    )
    for number in order:
        site, (x, y) = layers.sites[number], markers[number]
        style = _site_style(site.marked)
        text = _text(axes, site_text(site.marked), SITE_POINTS, gid="site-label", **style)
        near = radii[number] + 2.0 * px
        placer.place_or_leave_out(text, around(x, y, [near + r * px for r in _SITE_RADII_PT]))
    for ring in [ring for ring in layers.rings if not ring.shape.is_empty]:
        text = _text(axes, "", RING_POINTS, gid="ring-label", color=ring.colour, style="italic")
        spots = partial(_ring_spots, ring.shape, to_pixels, renderer, clipped=ring.clipped)
        _place(placer, text, ring_texts(ring), spots)
    for leg, words in _leg_labels(layers.legs):
        if _drawn_px(to_pixels, leg.shape) < _LEAST_LABELLED_PX:
            placer.left_out.append(words[-1])  # no room along it for any label
            continue
        text = _text(axes, "", LEG_POINTS, gid="leg-label", color=leg.colour)
        _place(placer, text, words, partial(_leg_spots, leg.shape, to_pixels, renderer))
    for missile in [drawn for drawn in layers.missiles if not drawn.shape.is_empty]:
        text = _text(axes, "", LEG_POINTS, gid="missile-label", color=missile.colour)
        spots = partial(_leg_spots, missile.shape, to_pixels, renderer)
        _place(placer, text, missile_texts(missile), spots)
    return placer.left_out


def _place(
    placer: Placer, text: Text, variants: Sequence[str], spots: Callable[[Text], list[Spot]]
) -> None:
    """The first variant of the text (longest first) that finds room, or none."""
    for words in variants:
        text.set_text(words)
        if placer.place(text, spots(text)):
            return
    placer.leave_out(text)


def _size(text: Text, renderer: RendererBase) -> tuple[float, float]:
    """Half the text's length and its height, unturned (pixels): measured level, whichever way a
    spot tried before left it turned."""
    turned = text.get_rotation()
    text.set_rotation(0.0)
    box = text.get_window_extent(renderer)
    text.set_rotation(turned)
    return box.width / 2.0, box.height


def site_text(marked: MarkedSite) -> str:
    """A site's label: its name, wrapped; a refuelling stop says so."""
    name = wrapped(marked.site.name)
    return f"{name}\nrefuelling stop" if marked.role == "refuel" else name


def wrapped(text: str, width: int = _WRAP) -> str:
    """`text` wrapped at `width` characters; the Unicode line and paragraph separators (at which
    matplotlib would drop the rest of the text) as line breaks."""
    lines = text.replace("\u2028", "\n").replace("\u2029", "\n").split("\n")
    return "\n".join(part for line in lines for part in textwrap.wrap(line, width) or [""])


def leg_texts(leg: DrawnLeg, *, each_way: bool = False) -> list[str]:
    """A leg's distance in km and nautical miles, then shorter forms for tight spots."""
    km, nm = leg.leg.distance_km, leg.leg.distance_nm
    both = " each way" if each_way else ""
    return [f"{km:,.0f} km · {nm:,.0f} NM{both}", f"{km:,.0f} km{both}", f"{km:,.0f} km"]


def missile_texts(drawn: DrawnMissile) -> list[str]:
    """A missile's name and flight, then shorter forms."""
    missile = drawn.missile
    return [
        f"{missile.weapon}: {missile.distance_km:,.0f} km",
        f"{missile.distance_km:,.0f} km",
    ]


def ring_texts(ring: DrawnRing) -> list[str]:
    """The ring's label, then a shorter form without the base, then its distance alone (a short
    text can follow a tight ring; its colour and dash tell whose ring and which); a distance
    ring's is its distance alone (concentric ones read as a scale)."""
    km = f"{ring.ring.radius_km:,.0f} km"
    if ring.ring.mode == "distance":
        return [km]
    if ring.ring.mode == "fan":
        return [ring_text(ring), f"{ring.ring.aircraft.name}: {fan_words(ring.ring)}"]
    what = "" if ring.ring.mode == "reach" else " combat radius"
    return [ring_text(ring), f"{ring.ring.aircraft.name}{what}: {km}", f"{km}{what}"]


def ring_text(ring: DrawnRing) -> str:
    """e.g. "Xian H-6K: 6,000 km from Nanyang-Neixiang"."""
    site = ring.ring.site.name.split(",")[0].strip() or ring.ring.site.name
    site = site if len(site) <= 28 else site[:27] + "…"
    if ring.ring.mode == "distance":
        return f"{ring.ring.radius_km:,.0f} km from {site}"
    if ring.ring.mode == "fan":
        return f"{ring.ring.aircraft.name}: {fan_words(ring.ring)} from {site}"
    what = "" if ring.ring.mode == "reach" else " combat radius"
    reserve = f" ({ring.ring.reserve:.0%} reserve)" if ring.ring.reserve else ""
    return f"{ring.ring.aircraft.name}{what}: {ring.ring.radius_km:,.0f} km from {site}{reserve}"


def _site_style(marked: MarkedSite) -> dict[str, Any]:
    if marked.role == "refuel":
        return {"color": "#7a4b00", "weight": "bold"}
    if marked.role == "field":
        return {"color": "#7a4b00"}
    if marked.role in ("origin", "base", "final"):
        return {"color": "#111111", "weight": "bold"}
    return {"color": "#222222"}


def _text(axes: Axes, words: str, size: float, **style: Any) -> Text:
    from matplotlib import patheffects

    return axes.text(
        0.0,
        0.0,
        words,
        fontsize=size,
        zorder=Z_LABEL,
        parse_math=False,
        rotation_mode="anchor",
        linespacing=1.1,
        path_effects=[patheffects.withStroke(linewidth=HALO_PT, foreground=HALO_COLOUR)],
        **style,
    )


def _leg_labels(legs: Sequence[DrawnLeg]) -> list[tuple[DrawnLeg, list[str]]]:
    """Each leg with its label; a leg flown back the same way is labelled once, "each way"."""
    labels: list[tuple[DrawnLeg, list[str]]] = []
    done: set[tuple[frozenset[str], int, str]] = set()
    flown = {
        (other.leg.start.id, other.leg.end.id, round(other.leg.distance_km), other.colour)
        for other in legs
    }
    for drawn in legs:
        if drawn.shape.is_empty:
            continue
        leg = drawn.leg
        key = (frozenset((leg.start.id, leg.end.id)), round(leg.distance_km), drawn.colour)
        if key in done:
            continue
        back = (leg.end.id, leg.start.id, key[1], drawn.colour) in flown
        done.add(key)
        labels.append((drawn, leg_texts(drawn, each_way=back)))
    return labels


def _pixels(to_pixels: Any, shape: BaseGeometry) -> list[np.ndarray]:
    return [
        to_pixels(np.asarray(part.coords))
        for part in parts(shape)
        if isinstance(part, LineString) and len(part.coords) >= 2
    ]


def _samples(to_pixels: Any, shape: BaseGeometry, step_px: float) -> np.ndarray:
    """Points every `step_px` along the lines of a projected shape (pixels)."""
    found = []
    for line in _pixels(to_pixels, shape):
        pieces = LineString(line)
        count = max(2, int(pieces.length / step_px) + 1)
        found.append(
            np.array(
                [pieces.interpolate(d).coords[0] for d in np.linspace(0, pieces.length, count)]
            )
        )
    return np.concatenate(found) if found else np.empty((0, 2))


def _leg_spots(
    shape: BaseGeometry, to_pixels: Any, renderer: RendererBase, text: Text
) -> list[Spot]:
    """Along the drawn leg, middle first, to either side of it, then further off."""
    lines = _pixels(to_pixels, shape)
    if not lines:
        return []
    _, size = _size(text, renderer)
    line = max(lines, key=_length)
    fractions = [0.5, 0.6, 0.4, 0.7, 0.3, 0.8, 0.2, 0.9, 0.1, 0.95, 0.05]
    distances = [f * _length(line) for f in fractions]
    return _off_the_line([line], distances, size, (0.75, 1.8, 3.2))


def _ring_spots(
    shape: BaseGeometry, to_pixels: Any, renderer: RendererBase, text: Text, *, clipped: bool
) -> list[Spot]:
    """Along the ring near where it leaves the frame (from both ends of each piece drawn), or round
    a ring drawn whole; on either side of the line, or a little off it; only where the text sits
    on the ring (see _on_the_ring)."""
    half, size = _size(text, renderer)
    lines = _pixels(to_pixels, shape)
    spots: list[Spot] = []
    for line in lines:
        if clipped:
            distances = [half + size * k for k in (1, 3, 6, 10, 15, 22, 30, 40)]
            spots += _off_the_line([line, line[::-1]], distances, size, (0.75, 1.2))
        else:
            distances = [_length(line) * k / 24.0 for k in range(24)]
            spots += _off_the_line([line], distances, size, (0.75, 1.2))
    return _on_the_ring(spots, MultiLineString(lines), half, size)


def _on_the_ring(
    spots: Sequence[Spot], ring: MultiLineString, half: float, size: float
) -> list[Spot]:
    """The spots where a text (`half` its length, `size` high) sits on the ring: no point of its
    middle line further than RING_HUG text heights from the drawn ring (a straight text along a
    tight curve leaves it at both ends); the nearer ranked the better."""
    if not spots:
        return []
    lines = np.array([middle_line(spot, 2.0 * half, size) for spot in spots])
    far = shapely.distance(ring, shapely.points(lines)).max(axis=1) / size
    return [
        dataclasses.replace(spot, rank=spot.rank + float(off))
        for spot, off in zip(spots, far, strict=True)
        if off <= RING_HUG
    ]


def _off_the_line(
    lines: Sequence[np.ndarray], distances: Sequence[float], size: float, offsets: Sequence[float]
) -> list[Spot]:
    """Spots along each line at these distances, `offsets` text heights off it (the nearer first):
    turned along the line, or else level beside it (a turned text's box is larger)."""
    return [
        Spot(
            spot.x, spot.y, spot.rank + 12.0 * step + 6.0 * upright, spot.rotation, spot.ha, spot.va
        )
        for step, offset in enumerate(offsets)
        for upright in (False, True)
        for line in lines
        for spot in along(
            line, distances, offset * size * (0.5 if upright else 1.0), upright=upright
        )
    ]


def _drawn_px(to_pixels: Any, shape: BaseGeometry) -> float:
    """How long the longest line of a projected shape is drawn (pixels)."""
    return max((_length(line) for line in _pixels(to_pixels, shape)), default=0.0)


def _length(line: np.ndarray) -> float:
    return float(np.hypot(*np.diff(line, axis=0).T).sum())
