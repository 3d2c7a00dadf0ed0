"""Static figures: the PNG written is a real picture, and the right artists were drawn."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from PIL import Image

from basemaps.content import MarkedSite, content_of
from basemaps.figure.static import save_figure, static_figure
from basemaps.frame import Extent
from routes import FlightRules, Site, bundled_sites, find_aircraft
from routes.planning.planner import Mission, plan_mission
from routes.planning.policy import refuel_fields
from routes.range_model import range_rings
from tests.basemaps.browser import ARTIFACTS, distinct_colours


def axes_named(figure: Figure, label: str) -> Axes:
    (found,) = [axes for axes in figure.axes if axes.get_label() == label]
    return found


def legend_texts(figure: Figure) -> list[str]:
    return [text.get_text() for legend in figure.legends for text in legend.get_texts()]


def test_rings_from_one_base_are_true_circles(tmp_path: Path) -> None:
    sites = bundled_sites()
    rings = range_rings(find_aircraft("tu-95ms"), [sites["UHBU"]])
    figure = static_figure(content_of("Tu-95MS from Ukrainka", rings=rings))
    axes = axes_named(figure, "map")
    # Ring outlines: every vertex at the ring's radius from the centre (km on the projection).
    outlines = [c for c in axes.collections if c.get_gid() == "ring"]
    assert all(isinstance(c, LineCollection) for c in outlines)
    radii = sorted(
        {
            round(float(np.hypot(*segment.T).mean()))
            for c in outlines
            for segment in c.get_segments()  # type: ignore[attr-defined]
        }
    )
    assert radii == [5150, 10300]
    for collection in outlines:
        for segment in collection.get_segments():  # type: ignore[attr-defined]
            assert np.ptp(np.hypot(*segment.T)) < 1.0  # within a kilometre of a circle
    # With nothing but rings to show, the figure frames them whole: no ring is cut.
    x0, x1 = axes.get_xlim()
    y0, y1 = axes.get_ylim()
    assert min(-x0, x1, -y0, y1) > 10300
    fills = [p for p in axes.patches if isinstance(p, PathPatch)]
    assert len(fills) >= 3  # land and the two rings
    assert "Tupolev Tu-95MS: range 10,300 km" in legend_texts(figure)
    assert "base" in legend_texts(figure)
    labels = [t.get_text() for t in axes.texts if t.get_gid() == "ring-label"]
    # On the ring: a text this long cannot follow the curve, so the base (the only one) is left out.
    assert "Tupolev Tu-95MS: 10,300 km" in labels
    path = save_figure(figure, tmp_path / "rings.png")
    with Image.open(path) as image:
        width, height = image.size
    assert width == 1210 and 700 < height < 1400
    assert distinct_colours(path) > 100
    save_figure(figure, ARTIFACTS / "figure-rings.png")


def test_several_bases_centre_the_projection_on_the_frame(tmp_path: Path) -> None:
    sites = bundled_sites()
    rings = range_rings(find_aircraft("tu-95ms"), [sites["UHBU"]]) + range_rings(
        find_aircraft("h-6k"), [sites["neixiang"]]
    )
    figure = static_figure(content_of("Both bombers", rings=rings))
    axes = axes_named(figure, "map")
    x0, x1 = axes.get_xlim()
    y0, y1 = axes.get_ylim()
    assert abs(x0 + x1) < 1.0 and abs(y0 + y1) < 1.0  # the projection's centre is the frame's
    names = [t.get_text() for t in axes.texts if t.get_gid() == "site-label"]
    assert "Ukrainka (Seryshevo),\nAmur" in names and "Nanyang-Neixiang, Henan" in names
    caption = " ".join(t.get_text() for t in figure.texts).replace("\n", " ")
    assert "centred on the map's middle" in caption
    path = save_figure(figure, tmp_path / "world.svg")
    assert path.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_route_figure_marks_refuelling_and_escapes_nothing_as_maths(tmp_path: Path) -> None:
    sites = bundled_sites()
    plan = plan_mission(
        FlightRules(find_aircraft("h-6k"), refuel_fields(sites, ["ru-far-east"])),
        Mission(origin=sites["neixiang"], waypoints=(sites["PAED"],)),
    )
    odd = Site(id="odd", name="$x^2$ <b>", lat=45.0, lon=135.0)
    content = content_of("H-6K to Alaska", plans=[plan], extra_sites=[MarkedSite(odd, "target")])
    figure = static_figure(content)
    axes = axes_named(figure, "map")
    texts = {t.get_text(): t for t in axes.texts}
    assert "$x^2$ <b>" in texts and not texts["$x^2$ <b>"].get_parse_math()
    assert "refuelling stop" in legend_texts(figure)
    stops = [t.get_text() for t in axes.texts if t.get_text().endswith("\nrefuelling stop")]
    assert len(stops) == len(plan.refuel_stops) >= 1
    # Every leg's distance along it, in km and NM.
    legs = [t.get_text() for t in axes.texts if t.get_gid() == "leg-label"]
    assert f"{plan.legs[0].distance_km:,.0f} km · {plan.legs[0].distance_nm:,.0f} NM" in legs
    assert len(legs) == len(plan.legs)
    path = save_figure(figure, tmp_path / "plan.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    save_figure(figure, ARTIFACTS / "figure-plan.png")


def test_extent_and_frame_choose_what_is_shown() -> None:
    sites = bundled_sites()
    rings = range_rings(find_aircraft("h-6k"), [sites["neixiang"]], modes=("reach",))
    plan = plan_mission(
        FlightRules(find_aircraft("h-6k")),
        Mission(origin=sites["neixiang"], waypoints=(sites["luan"],)),
    )
    content = content_of("x", rings=rings, plans=[plan])
    story = axes_named(static_figure(content), "map")
    whole = axes_named(static_figure(content, frame="rings"), "map")
    assert np.ptp(story.get_xlim()) < 2000 < 12000 < np.ptp(whole.get_xlim())
    # A box over the Pacific, across 180: 150 E to 150 W is 60 degrees of longitude.
    pacific = Extent.from_corners(lat0=10, lon0=150, lat1=50, lon1=-150)
    framed = axes_named(static_figure(content, extent=pacific), "map")
    assert 5000 < np.ptp(framed.get_xlim()) < 9000


def test_png_resolution_follows_dpi(tmp_path: Path) -> None:
    rings = range_rings(find_aircraft("h-6k"), [bundled_sites()["neixiang"]], modes=("reach",))
    content = content_of("x", rings=rings)
    low = save_figure(static_figure(content), tmp_path / "low.png")
    high = save_figure(static_figure(content, dpi=300), tmp_path / "high.png")
    with Image.open(low) as small, Image.open(high) as large:
        assert small.size[0] == 1210 and large.size[0] == 3300
        assert abs(large.size[1] / small.size[1] - 300 / 110) < 0.01


def test_failed_figure_write_leaves_no_file(tmp_path: Path) -> None:
    rings = range_rings(find_aircraft("h-6k"), [bundled_sites()["neixiang"]])
    figure = static_figure(content_of("x", rings=rings))
    with pytest.raises(ValueError, match="Format 'bmpx' is not supported"):
        save_figure(figure, tmp_path / "x.bmpx")
    assert list(tmp_path.iterdir()) == []
