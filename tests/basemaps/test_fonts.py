"""Names in Chinese and Russian show in figures as letters, not boxes (issue 15).

matplotlib warns "Glyph ... missing from font(s)" for a character no font has; pytest turns that
warning into a failure. Without a CJK font the test skips, except in CI (the CI variable set),
where .ci/run installs Debian's fonts-noto-cjk and the test must run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from basemaps.content import MarkedSite, content_of
from basemaps.figure.fonts import CJK_FAMILIES, font_family
from basemaps.figure.static import figure_bytes, static_figure
from routes import Site, find_aircraft
from routes.range_model import range_rings

CHINESE = Site(id="neixiang-zh", name="内乡 (南阳)", lat=32.97, lon=111.88)
RUSSIAN = Site(id="ukrainka-ru", name="Украинка (Серышево)", lat=51.17, lon=128.45)


def cjk_family() -> str:
    found = [name for name in font_family() if name in CJK_FAMILIES]
    if not found:
        message = "no Noto CJK font is installed (.ci/run installs Debian's fonts-noto-cjk)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found[0]


def test_only_installed_fonts_are_named() -> None:
    family = font_family()  # adds a CJK font installed after matplotlib's font cache was made
    present = {entry.name for entry in font_manager.fontManager.ttflist}
    assert family[0] == "DejaVu Sans"
    assert set(family) <= present


def test_chinese_and_russian_site_names_render_their_glyphs(tmp_path: Path) -> None:
    family = cjk_family()
    content = content_of(
        "轰-6K и Ту-95МС",  # noqa: RUF001 (Cyrillic letters, meant)
        rings=range_rings(find_aircraft("h-6k"), [CHINESE], modes=("reach",)),
        extra_sites=[MarkedSite(RUSSIAN, "target")],
    )
    figure = static_figure(content)
    for suffix in (".png", ".svg", ".pdf"):  # each backend draws every glyph, or warns
        assert figure_bytes(figure, suffix)
    (axes,) = [axes for axes in figure.axes if axes.get_label() == "map"]
    labels = {text.get_text(): text for text in axes.texts}
    assert CHINESE.name in labels and RUSSIAN.name in labels
    # The font that the Chinese name falls back to holds its characters.
    files = font_manager.fontManager._find_fonts_by_props(labels[CHINESE.name].get_fontproperties())
    cjk = [
        path
        for path in files
        if family in {e.name for e in font_manager.fontManager.ttflist if e.fname == path}
    ]
    assert cjk and all(FT2Font(cjk[0]).get_char_index(ord(char)) for char in "内乡南阳")


def test_without_the_fallback_a_chinese_name_would_fail() -> None:
    """The check above can fail: DejaVu Sans alone has no Chinese, and matplotlib says so."""
    cjk_family()
    figure = Figure()
    figure.text(0.5, 0.5, CHINESE.name, family=["DejaVu Sans"])
    with pytest.warns(UserWarning, match="missing from font"):
        figure_bytes(figure, ".png")
