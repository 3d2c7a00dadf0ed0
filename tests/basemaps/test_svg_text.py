"""SVG figures keep their text as text, fonts named (issue 23, item 3): read back with an XML
parser, every label, title, legend entry and footer is a <text> element, non-ASCII names survive,
user text is escaped once, and the PNG is the same picture as before the SVG was written."""

from __future__ import annotations

from collections import Counter

from defusedxml import ElementTree
from matplotlib.figure import Figure
from matplotlib.text import Text

from basemaps.content import MarkedSite, content_of
from basemaps.figure.fonts import font_family
from basemaps.figure.static import figure_bytes, static_figure
from routes import FlightRules, Site, bundled_sites, find_aircraft
from routes.planning.planner import Mission, plan_mission
from routes.planning.policy import refuel_fields

SVG = "{http://www.w3.org/2000/svg}"
ODD = Site(id="odd", name='A&B <i>"q"</i>', lat=45.0, lon=135.0)
RUSSIAN = Site(id="ukrainka-ru", name="Украинка", lat=51.17, lon=128.45)
CHINESE = Site(id="neixiang-zh", name="内乡", lat=32.97, lon=111.88)


def _figure() -> Figure:
    sites = bundled_sites()
    plan = plan_mission(
        FlightRules(find_aircraft("h-6k"), refuel_fields(sites, ["ru-far-east"])),
        Mission(origin=sites["neixiang"], waypoints=(sites["PAED"],)),
    )
    extra = [MarkedSite(site, "target") for site in (ODD, RUSSIAN, CHINESE)]
    return static_figure(content_of("H-6K <&> 轰-6K", plans=[plan], extra_sites=extra))


def _lines(figure: Figure) -> Counter[str]:
    """Every line of every text the figure shows."""
    return Counter(
        line
        for text in figure.findobj(Text)
        if text.get_visible()
        for line in text.get_text().split("\n")
        if line
    )


def test_every_text_of_the_figure_is_an_svg_text_element() -> None:
    figure = _figure()
    raw = figure_bytes(figure, ".svg")
    elements = list(ElementTree.fromstring(raw).iter(f"{SVG}text"))
    assert Counter(element.text for element in elements) == _lines(figure)
    assert len(elements) > 40  # title, answer, labels, legend, scale bar, caption, footer
    assert b"DejaVuSans-" not in raw  # no glyph outlines drawn for any text
    names = "".join(element.text or "" for element in elements)
    for name in (ODD.name, RUSSIAN.name, CHINESE.name, "H-6K <&> 轰-6K"):
        assert name in names
    # Escaped once: the parser gives back the user's text, the file holds no doubled entity.
    assert b"A&amp;B &lt;i&gt;&quot;q&quot;&lt;/i&gt;" in raw or b'A&amp;B &lt;i&gt;"q"' in raw
    assert b"&amp;amp;" not in raw and b"&amp;lt;" not in raw


def test_svg_texts_name_their_fonts_and_keep_the_labels_halo() -> None:
    figure = _figure()
    root = ElementTree.fromstring(figure_bytes(figure, ".svg"))
    families = ", ".join(f"'{name}'" for name in font_family())
    styles = [element.get("style", "") for element in root.iter(f"{SVG}text")]
    assert styles and all(f"font-family: {families}" in style for style in styles)
    labels = [
        text
        for group in root.iter(f"{SVG}g")
        if group.get("id") == "site-label"
        for text in group.iter(f"{SVG}text")
    ]
    assert len(labels) >= 4
    assert all("stroke: white" in text.get("style", "") for text in labels)
    title = next(text for text in root.iter(f"{SVG}text") if text.text == "H-6K <&> 轰-6K")
    assert "stroke" not in title.get("style", "")


def test_writing_the_svg_leaves_the_png_and_the_figure_as_they_were() -> None:
    figure = _figure()
    before = figure_bytes(figure, ".png")
    effects = [text.get_path_effects() for text in figure.findobj(Text)]
    gids = [text.get_gid() for text in figure.findobj(Text)]
    figure_bytes(figure, ".svg")
    assert [text.get_path_effects() for text in figure.findobj(Text)] == effects
    assert [text.get_gid() for text in figure.findobj(Text)] == gids
    assert figure_bytes(figure, ".png") == before
