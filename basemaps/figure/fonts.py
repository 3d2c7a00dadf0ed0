"""Fonts for figures: DejaVu Sans (Latin, Greek, Cyrillic, Hebrew, Arabic) with a Noto CJK font
behind it for Chinese, Japanese and Korean names, when one is installed (Debian: fonts-noto-cjk).

matplotlib keeps a cache of the fonts it found when it first ran, so a font installed later is
missing from it: the font files are looked for once and added.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["CJK_FAMILIES", "font_family"]

#: The first of these that is present backs DejaVu Sans (simplified Chinese forms first).
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans CJK KR")
_CJK_FILES = ("NotoSansCJK", "NotoSansCJKsc", "NotoSansCJKjp")


@cache
def font_family() -> tuple[str, ...]:
    """The font fallback list for every text of a figure: only fonts that are present, so
    matplotlib never warns of a missing family."""
    from matplotlib import font_manager

    present = {entry.name for entry in font_manager.fontManager.ttflist}
    if not present & set(CJK_FAMILIES):
        for path in font_manager.findSystemFonts():
            if Path(path).name.startswith(_CJK_FILES):
                font_manager.fontManager.addfont(path)
        present = {entry.name for entry in font_manager.fontManager.ttflist}
    cjk = [name for name in CJK_FAMILIES if name in present][:1]
    return tuple(name for name in ("DejaVu Sans", *cjk) if name in present)
