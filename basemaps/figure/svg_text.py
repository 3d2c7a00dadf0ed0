"""SVG figures whose text stays text: each label, title, legend entry and footer a <text>
element naming its fonts (the CJK fallback included), so that a graphics desk can edit, search,
translate and restyle it.

matplotlib draws a text that has path effects (the white halo round map labels) as outlines even
with ``svg.fonttype: none``; those texts are drawn plain, and their halo is given back as an SVG
stroke painted under the letters.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from basemaps.figure.fonts import font_family
from basemaps.figure.map_labels import HALO_COLOUR, HALO_PT

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = ["svg_bytes"]

_MARK = "rangemap-halo-"
_GROUP = re.compile(rf'<g id="{_MARK}(\d+)">(.*?)</g>', re.DOTALL)
_HALO_STYLE = (
    f"stroke: {HALO_COLOUR}; stroke-width: {HALO_PT}; stroke-linejoin: round; paint-order: stroke; "
)


def svg_bytes(figure: Figure) -> bytes:
    """The figure as SVG with its texts as <text> elements (haloed ones stroked in white)."""
    from matplotlib import rc_context
    from matplotlib.text import Text

    haloed = [text for text in figure.findobj(Text) if text.get_path_effects()]
    kept = [(text.get_gid(), text.get_path_effects()) for text in haloed]
    buffer = io.BytesIO()
    try:
        for number, text in enumerate(haloed):
            text.set_path_effects([])
            text.set_gid(f"{_MARK}{number}")
        with rc_context({"svg.fonttype": "none", "font.family": list(font_family())}):
            figure.savefig(buffer, format="svg", facecolor="white")
    finally:
        for text, (gid, effects) in zip(haloed, kept, strict=True):
            text.set_gid(gid)
            text.set_path_effects(effects)
    return _stroked(buffer.getvalue().decode("utf-8"), haloed).encode("utf-8")


def _stroked(svg: str, haloed: list[Text]) -> str:
    """`svg` with each marked text group given its own id back and its letters a halo stroke."""

    def group(match: re.Match[str]) -> str:
        gid = haloed[int(match.group(1))].get_gid()
        opening = f'<g id="{gid}">' if gid else "<g>"
        letters = match.group(2).replace('<text style="', f'<text style="{_HALO_STYLE}')
        return f"{opening}{letters}</g>"

    return _GROUP.sub(group, svg)
