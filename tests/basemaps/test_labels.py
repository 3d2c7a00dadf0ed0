"""Label placement: a text takes the best free spot, never one that meets a text placed before it,
a blocked box or the map's edge, and is left out (and reported) when no spot is free."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from basemaps.figure.labels import Placer, Spot, along, around


@pytest.fixture
def axes() -> Iterator[Axes]:
    figure = Figure(figsize=(4.0, 3.0), dpi=100)
    FigureCanvasAgg(figure)
    made = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    made.set_xlim(0.0, 400.0)
    made.set_ylim(0.0, 300.0)  # one data unit to the pixel
    yield made


def placer_for(axes: Axes) -> Placer:
    return Placer(axes, axes.figure.canvas.get_renderer(), pad_px=1.0)  # type: ignore[attr-defined]


def extent(axes: Axes, text: object) -> np.ndarray:
    renderer = axes.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    return np.array(text.get_window_extent(renderer).extents)  # type: ignore[attr-defined]


def apart(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def test_a_taken_spot_is_not_given_twice(axes: Axes) -> None:
    placer = placer_for(axes)
    first, second = axes.text(0, 0, "Neixiang"), axes.text(0, 0, "Lu'an")
    spot = [Spot(200.0, 150.0, 0.0)]
    assert placer.place(first, spot)
    assert not placer.place(second, spot)
    placer.leave_out(second)
    assert placer.left_out == ["Lu'an"] and second not in axes.texts


def test_names_round_crowded_markers_never_overlap(axes: Axes) -> None:
    placer = placer_for(axes)
    markers = np.array([[200.0, 150.0], [212.0, 150.0], [200.0, 162.0], [190.0, 140.0]])
    placer.block(np.column_stack([markers - 4.0, markers + 4.0]))
    names = ["Korea Strait", "Sea of Japan, centre", "Dokdo", "East China Sea"]
    texts = [axes.text(0, 0, name, fontsize=8) for name in names]
    for text, (x, y) in zip(texts, markers, strict=True):
        assert placer.place(text, around(x, y, [6.0, 16.0, 30.0, 50.0]))
    boxes = [extent(axes, text) for text in texts]
    for number, box in enumerate(boxes):
        assert all(apart(box, other) for other in boxes[number + 1 :])
        assert all(apart(box, np.r_[m - 4.0, m + 4.0]) for m in markers)
    # Those that stand off their marker are joined to it by a leader line.
    assert len(axes.lines) == sum(
        1 for text, m in zip(texts, markers, strict=True) if _distance(axes, text, m) > 12.0
    )


def _distance(axes: Axes, text: object, marker: np.ndarray) -> float:
    box = extent(axes, text)
    dx = max(box[0] - marker[0], 0.0, marker[0] - box[2])
    dy = max(box[1] - marker[1], 0.0, marker[1] - box[3])
    return float(np.hypot(dx, dy))


def test_texts_stay_inside_the_map_and_off_lines_when_they_can(axes: Axes) -> None:
    placer = placer_for(axes)
    line = np.column_stack([np.linspace(0.0, 400.0, 101), np.full(101, 150.0)])
    placer.avoid(line)
    text = axes.text(0, 0, "1,641 km · 886 NM", fontsize=7)
    assert placer.place(text, along(line, [200.0], 6.0) + along(line, [5.0], 0.0))
    box = extent(axes, text)
    assert box[1] >= 150.0 or box[3] <= 150.0  # beside the line, not across it
    assert box[0] >= 0.0 and box[2] <= 400.0


def test_spots_along_a_line_keep_text_upright() -> None:
    line = np.array([[0.0, 0.0], [-100.0, -100.0]])  # drawn right to left, downwards
    spots = along(line, [50.0], 5.0)
    assert len(spots) == 2 and all(-90.0 < spot.rotation <= 90.0 for spot in spots)
    assert spots[0].rotation == pytest.approx(45.0)
    level = along(line, [50.0], 5.0, upright=True)
    assert {(spot.ha, spot.va) for spot in level} == {("left", "top"), ("right", "bottom")}
