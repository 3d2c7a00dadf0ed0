"""Labels that never overlap: each text in turn takes the best free spot among its candidates (a
greedy placement, in display pixels, measured by matplotlib's renderer).

A spot is free when the text's box, grown by a small pad, stays inside the map and meets no
marker, no text placed before it and nothing else blocked. Among free spots the one with the lowest
rank plus a cost for each line point it covers wins. A text with no free spot is taken off the
figure and reported, never drawn over another.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from basemaps.figure.layers import Z_LEADER

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.text import Text

__all__ = ["Placer", "Spot", "along", "around", "middle_line"]

#: What covering one sampled line point costs, against a rank step of 1.
LINE_COST = 0.6
#: Where a level text's box starts, in its widths (heights), for each alignment.
_ALIGNED = {"left": 0.0, "bottom": 0.0, "center": -0.5, "right": -1.0, "top": -1.0}
#: How much a text's box is taken smaller than measured (pixels), against rounding.
_HAIR_PX = 1e-3
#: The eight directions round a marker, best first: right, then left, then above and below.
_DIRECTIONS = (
    (1.0, 0.0, "left", "center"),
    (0.7, 0.7, "left", "bottom"),
    (0.7, -0.7, "left", "top"),
    (-1.0, 0.0, "right", "center"),
    (-0.7, 0.7, "right", "bottom"),
    (-0.7, -0.7, "right", "top"),
    (0.0, 1.0, "center", "bottom"),
    (0.0, -1.0, "center", "top"),
)


@dataclass(frozen=True)
class Spot:
    """Where a text's anchor may go (display pixels), turned and aligned how, and how much it is
    wanted (lower first). `leader` is the marker a line is drawn from when the text stands off."""

    x: float
    y: float
    rank: float
    rotation: float = 0.0
    ha: str = "center"
    va: str = "center"
    leader: tuple[float, float] | None = None


class Placer:
    """Places texts one by one on `axes`, each clear of markers and of the texts before it."""

    def __init__(self, axes: Axes, renderer: RendererBase, *, pad_px: float) -> None:
        self.axes, self.renderer, self.pad = axes, renderer, pad_px
        area = axes.get_window_extent(renderer)
        self.area = (area.x0 + pad_px, area.y0 + pad_px, area.x1 - pad_px, area.y1 - pad_px)
        self.blocked = np.empty((0, 4))
        self.lines = np.empty((0, 2))
        self.left_out: list[str] = []
        # Keyed by the text itself, not its id: a text left out is freed, and the next one made
        # could take its id (and so its boxes, of another text).
        self._extents: dict[tuple[Text, str, float, str, str], np.ndarray] = {}

    def block(self, boxes: np.ndarray) -> None:
        """Keep texts off these boxes ((n, 4) x0, y0, x1, y1 in pixels)."""
        self.blocked = np.vstack([self.blocked, np.asarray(boxes, dtype=float).reshape(-1, 4)])

    def avoid(self, points: np.ndarray) -> None:
        """Points (pixels) of lines that texts had better not cover."""
        self.lines = np.vstack([self.lines, np.asarray(points, dtype=float).reshape(-1, 2)])

    def place(self, text: Text, spots: Iterable[Spot]) -> bool:
        """Put `text` at its best free spot; False when none is free (the text is not moved)."""
        best: tuple[float, Spot, np.ndarray] | None = None
        for spot in spots:
            box = self._extent(text, spot) + np.array([spot.x, spot.y, spot.x, spot.y])
            grown = box + np.array([-self.pad, -self.pad, self.pad, self.pad])
            if not self._inside(grown) or self._hits(grown):
                continue
            score = spot.rank + LINE_COST * self._covered(text, spot)
            if best is None or score < best[0]:
                best = (score, spot, grown)
        if best is None:
            return False
        _, spot, grown = best
        self._put(text, spot)
        self.block(grown)
        if spot.leader is not None:
            self._leader(spot.leader, grown, text.get_color())
        return True

    def place_or_leave_out(self, text: Text, spots: Iterable[Spot]) -> bool:
        """place, or else leave_out: the same, faster where many spots are blocked. A text's box
        holds its anchor and the pad round that, so a spot whose anchor lies off the map or in a
        blocked box is never free; nor, for level text, is one whose box less a hair (the text's
        size measured once, placed as each spot aligns it) is. Those spots are not measured."""
        spots = list(spots)
        if self.pad > 0.0 and spots:
            anchors = np.array([[spot.x, spot.y, spot.x, spot.y] for spot in spots], dtype=float)
            near = self.blocked
            free = self._boxes_free(anchors, near, closed=True)
            if all(spot.rotation == 0.0 for spot in spots) and any(free):
                x0, y0, x1, y1 = self._extent(text, Spot(0.0, 0.0, 0.0, 0.0, "left", "bottom"))
                width, height = x1 - x0, y1 - y0
                if width > 2.0 * _HAIR_PX and height > 2.0 * _HAIR_PX:
                    left = [x0 + _ALIGNED[spot.ha] * width + _HAIR_PX for spot in spots]
                    low = [y0 + _ALIGNED[spot.va] * height + _HAIR_PX for spot in spots]
                    boxes = anchors + np.column_stack([left, low, left, low])
                    boxes[:, 2] += width - 2.0 * _HAIR_PX
                    boxes[:, 3] += height - 2.0 * _HAIR_PX
                    grown = boxes + np.array([-self.pad, -self.pad, self.pad, self.pad])
                    boxed = self._boxes_free(grown, near)
                    free = [a and b for a, b in zip(free, boxed, strict=True)]
            spots = [spot for spot, ok in zip(spots, free, strict=True) if ok]
        if self.place(text, spots):
            return True
        self.leave_out(text)
        return False

    def _boxes_free(
        self, boxes: np.ndarray, blocked: np.ndarray, *, closed: bool = False
    ) -> list[bool]:
        """Whether each box lies inside the map and meets none of the `blocked` boxes: as _inside
        and _hits, or with `closed` (for points) touching a blocked box's edge counts as meeting
        it."""
        x0, y0, x1, y1 = self.area
        free = (boxes[:, 0] >= x0) & (boxes[:, 1] >= y0) & (boxes[:, 2] <= x1) & (boxes[:, 3] <= y1)
        if free.any():
            low, high = boxes[free, :2].min(axis=0), boxes[free, 2:].max(axis=0)
            b = blocked
            b = b[
                (b[:, 0] <= high[0])
                & (b[:, 2] >= low[0])
                & (b[:, 1] <= high[1])
                & (b[:, 3] >= low[1])
            ]
            x0s, y0s, x1s, y1s = (boxes[:, k, None] for k in range(4))
            if closed:
                meets = (b[:, 0] <= x1s) & (b[:, 2] >= x0s) & (b[:, 1] <= y1s) & (b[:, 3] >= y0s)
            else:
                meets = (b[:, 0] < x1s) & (b[:, 2] > x0s) & (b[:, 1] < y1s) & (b[:, 3] > y0s)
            free &= ~meets.any(axis=1)
        return [bool(value) for value in free]

    def leave_out(self, text: Text) -> None:
        """Take `text` off the figure, noting it: it found no room."""
        self.left_out.append(text.get_text())
        text.remove()

    def _extent(self, text: Text, spot: Spot) -> np.ndarray:
        """The text's box relative to its anchor, for this rotation and alignment (cached)."""
        key = (text, text.get_text(), round(spot.rotation, 1), spot.ha, spot.va)
        if key not in self._extents:
            x0, y0, x1, y1 = self.area
            middle = ((x0 + x1) / 2.0, (y0 + y1) / 2.0)
            self._put(text, Spot(*middle, 0.0, spot.rotation, spot.ha, spot.va))
            box = text.get_window_extent(self.renderer)
            self._extents[key] = np.array(
                [box.x0 - middle[0], box.y0 - middle[1], box.x1 - middle[0], box.y1 - middle[1]]
            )
        return self._extents[key]

    def _put(self, text: Text, spot: Spot) -> None:
        x, y = self.axes.transData.inverted().transform((spot.x, spot.y))
        text.set(x=x, y=y, rotation=spot.rotation, ha=spot.ha, va=spot.va)

    def _inside(self, box: np.ndarray) -> bool:
        x0, y0, x1, y1 = self.area
        return bool(box[0] >= x0 and box[1] >= y0 and box[2] <= x1 and box[3] <= y1)

    def _hits(self, box: np.ndarray) -> bool:
        b = self.blocked
        return bool(
            np.any(
                (b[:, 0] < box[2]) & (b[:, 2] > box[0]) & (b[:, 1] < box[3]) & (b[:, 3] > box[1])
            )
        )

    def _covered(self, text: Text, spot: Spot) -> int:
        """How many line points the text covers: counted in the text's own turned box, not the
        level box round it."""
        x0, y0, x1, y1 = self._extent(text, dataclasses.replace(spot, rotation=0.0))
        turn = np.radians(spot.rotation)
        dx, dy = (self.lines - np.array([spot.x, spot.y])).T
        along = np.cos(turn) * dx + np.sin(turn) * dy
        across = -np.sin(turn) * dx + np.cos(turn) * dy
        return int(((along > x0) & (along < x1) & (across > y0) & (across < y1)).sum())

    def _leader(self, start: tuple[float, float], box: np.ndarray, colour: object) -> None:
        """A thin line from the marker to the near edge of the text's box."""
        centre = np.array([(box[0] + box[2]) / 2.0, (box[1] + box[3]) / 2.0])
        origin = np.asarray(start)
        end = origin + (centre - origin) * _entry(origin, centre, box)
        xy = self.axes.transData.inverted().transform(np.array([origin, end]))
        self.axes.plot(xy[:, 0], xy[:, 1], color="#6b6b6b", linewidth=0.6, zorder=Z_LEADER)


def _entry(origin: np.ndarray, target: np.ndarray, box: np.ndarray) -> float:
    """How far (0..1) along origin -> target the segment enters `box` (target lies inside)."""
    step = target - origin
    entry = 0.0
    for axis in (0, 1):
        if abs(step[axis]) > 1e-9:
            low, high = box[axis], box[axis + 2]
            near = (low if step[axis] > 0 else high) - origin[axis]
            entry = max(entry, near / step[axis])
    return float(min(1.0, max(0.0, entry)))


def around(x: float, y: float, radii_px: Iterable[float]) -> list[Spot]:
    """Spots round a marker at (x, y): the eight directions at each radius, nearest first; those
    off the first radius draw a leader line."""
    spots = []
    for ring, radius in enumerate(radii_px):
        for order, (dx, dy, ha, va) in enumerate(_DIRECTIONS):
            spots.append(
                Spot(
                    x + dx * radius,
                    y + dy * radius,
                    rank=ring * 4.0 + order * 0.3,
                    ha=ha,
                    va=va,
                    leader=(x, y) if ring else None,
                )
            )
    return spots


def along(
    line: np.ndarray,
    distances_px: Iterable[float],
    offset_px: float,
    *,
    upright: bool = False,
) -> list[Spot]:
    """Spots along a polyline (pixels) at these distances from its start, ranked in that order, set
    off to either side by `offset_px`: turned along the line (upright text: within -90..90
    degrees), or with `upright` level text beside it."""
    steps = np.diff(line, axis=0)
    lengths = np.hypot(steps[:, 0], steps[:, 1])
    cumulative = np.concatenate([[0.0], np.cumsum(lengths)])
    wanted = np.asarray(list(distances_px), dtype=float).reshape(-1)
    if cumulative[-1] == 0.0 or not len(wanted) or not len(lengths):
        return []
    # All distances at once (the same arithmetic, element by element, as one at a time).
    on_line = (wanted >= 0.0) & (wanted <= cumulative[-1])
    index = np.clip(np.searchsorted(cumulative, wanted) - 1, 0, len(lengths) - 1)
    on_line &= lengths[index] != 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        direction = steps[index] / lengths[index][:, None]
    point = line[index] + direction * (wanted - cumulative[index])[:, None]
    angles = np.degrees(np.arctan2(direction[:, 1], direction[:, 0]))
    spots = []
    for order in np.flatnonzero(on_line).tolist():
        (dx, dy), (px, py) = direction[order], point[order]
        angle = (float(angles[order]) + 90.0) % 180.0 - 90.0
        for side in (1.0, -1.0):
            normal = np.array([-dy, dx]) * side
            x, y = float(px + normal[0] * offset_px), float(py + normal[1] * offset_px)
            if upright:
                ha, va = _beside(normal)
                spots.append(Spot(x, y, rank=order, ha=ha, va=va))
            else:
                spots.append(Spot(x, y, rank=order, rotation=angle))
    return spots


def middle_line(spot: Spot, width: float, height: float) -> np.ndarray:
    """The start, middle and end (pixels) of the line through the middle of a text `width` by
    `height` (unturned) set at `spot`, along its rotation."""
    turn = np.radians(spot.rotation)
    along_x, across = (
        np.array([np.cos(turn), np.sin(turn)]),
        np.array([-np.sin(turn), np.cos(turn)]),
    )
    shift = (_ALIGNED[spot.ha] + 0.5) * width * along_x + (
        _ALIGNED[spot.va] + 0.5
    ) * height * across
    middle = np.array([spot.x, spot.y]) + shift
    return np.array([middle - along_x * width / 2.0, middle, middle + along_x * width / 2.0])


def _beside(normal: np.ndarray) -> tuple[str, str]:
    """The alignment that puts level text on the side of a point that `normal` points to."""
    ha = "left" if normal[0] > 0.35 else "right" if normal[0] < -0.35 else "center"
    va = "bottom" if normal[1] > 0.35 else "top" if normal[1] < -0.35 else "center"
    return ha, va
