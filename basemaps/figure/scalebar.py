"""A scale bar in kilometres and nautical miles, true across the middle of the map."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from routes.legs import KM_PER_NM

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["nice_length", "scale_bar"]

_STEPS = (1.0, 1.5, 2.0, 2.5, 3.0, 5.0, 10.0)
_TEXT: dict[str, Any] = {"fontsize": 7.0, "color": "#333333", "parse_math": False}


def nice_length(most: float) -> float:
    """The largest of 1, 1.5, 2, 2.5, 3 and 5 times a power of ten not above `most`.

    >>> nice_length(1730.0), nice_length(480.0), nice_length(26.0)
    (1500.0, 300.0, 25.0)
    """
    power = 10.0 ** math.floor(math.log10(most))
    return max(step * power for step in _STEPS if step * power <= most)


def scale_bar(axes: Axes, *, km_per_inch: float, width_in: float, height_in: float) -> None:
    """Draw on `axes` (which spans width_in x height_in inches, axis off) a km bar above a NM bar,
    each at most 60% of the width, `km_per_inch` true kilometres to the inch."""
    axes.set_xlim(0.0, width_in)
    axes.set_ylim(0.0, height_in)
    axes.set_axis_off()
    longest_in = 0.6 * width_in
    km = nice_length(longest_in * km_per_inch)
    nm = nice_length(longest_in * km_per_inch / KM_PER_NM)
    _bar(axes, km / km_per_inch, km, "km", height_in * 0.62, above=True)
    _bar(axes, nm * KM_PER_NM / km_per_inch, nm, "NM", height_in * 0.38, above=False)


def _bar(axes: Axes, length_in: float, value: float, unit: str, y: float, *, above: bool) -> None:
    from matplotlib.patches import Rectangle

    start, thick = 0.06, 0.05
    for half in (0, 1):
        axes.add_patch(
            Rectangle(
                (start + half * length_in / 2.0, y - thick / 2.0),
                length_in / 2.0,
                thick,
                facecolor="#333333" if half == 0 else "white",
                edgecolor="#333333",
                linewidth=0.6,
            )
        )
    offset, va = (thick / 2.0 + 0.03, "bottom") if above else (-thick / 2.0 - 0.03, "top")
    for fraction in (0.0, 0.5, 1.0):
        axes.text(
            start + fraction * length_in,
            y + offset,
            f"{value * fraction:,g}",
            ha="center",
            va=va,
            **_TEXT,
        )
    axes.text(start + length_in + 0.12, y, unit, ha="left", va="center", **_TEXT)
