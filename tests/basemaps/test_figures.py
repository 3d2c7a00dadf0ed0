"""Static figures: the PNG written is a real picture, and the right artists were drawn."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.patches import PathPatch
from PIL import Image

from basemaps.content import MarkedSite, content_of
from basemaps.figure import save_figure, static_figure
from routes import Site, bundled_sites, find_aircraft
from routes.planner import Mission, plan_mission
from routes.policy import refuel_fields
from routes.range_model import range_rings
from tests.basemaps.browser import ARTIFACTS, distinct_colours


def test_rings_from_one_base_are_true_circles(tmp_path: Path) -> None:
    sites = bundled_sites()
    rings = range_rings(find_aircraft("tu-95ms"), [sites["UHBU"]])
    figure = static_figure(content_of("Tu-95MS from Ukrainka", rings=rings))
    axes = figure.axes[0]
    # Ring outlines: every vertex at the ring's radius from the centre (km on the projection).
    outlines = [
        c for c in axes.collections if isinstance(c, LineCollection) and c.get_linewidth()[0] >= 1.2
    ]
    radii = sorted(
        {
            round(float(np.hypot(*segment.T).mean()))
            for c in outlines
            for segment in c.get_segments()
        }
    )
    assert radii == [5150, 10300]
    for collection in outlines:
        for segment in collection.get_segments():
            assert np.ptp(np.hypot(*segment.T)) < 1.0  # within a kilometre of a circle
    fills = [p for p in axes.patches if isinstance(p, PathPatch)]
    assert len(fills) >= 3  # land and the two rings
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert "Tupolev Tu-95MS: range 10,300 km" in legend and "base" in legend
    path = save_figure(figure, tmp_path / "rings.png")
    with Image.open(path) as image:
        assert image.size == (1100, 990)
    assert distinct_colours(path) > 100
    ARTIFACTS.mkdir(exist_ok=True)
    save_figure(figure, ARTIFACTS / "figure-rings.png")


def test_several_bases_give_a_pacific_world_view(tmp_path: Path) -> None:
    sites = bundled_sites()
    rings = range_rings(find_aircraft("tu-95ms"), [sites["UHBU"]]) + range_rings(
        find_aircraft("h-6k"), [sites["neixiang"]]
    )
    figure = static_figure(content_of("Both bombers", rings=rings))
    axes = figure.axes[0]
    assert axes.get_xlim() == (-30.0, 330.0)
    names = [t.get_text() for t in axes.texts]
    assert "Ukrainka (Seryshevo), Amur" in names and "Nanyang-Neixiang, Henan" in names
    path = save_figure(figure, tmp_path / "world.svg")
    assert path.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_route_figure_marks_refuelling_and_escapes_nothing_as_maths(tmp_path: Path) -> None:
    sites = bundled_sites()
    plan = plan_mission(
        find_aircraft("h-6k"),
        Mission(origin=sites["neixiang"], waypoints=(sites["PAED"],)),
        refuel_fields=refuel_fields(sites, ["ru-far-east"]),
    )
    odd = Site(id="odd", name="$x^2$ <b>", lat=45.0, lon=135.0)
    content = content_of("H-6K to Alaska", plans=[plan], extra_sites=[MarkedSite(odd, "target")])
    figure = static_figure(content)
    axes = figure.axes[0]
    texts = {t.get_text(): t for t in axes.texts}
    assert "$x^2$ <b>" in texts and not texts["$x^2$ <b>"].get_parse_math()
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert "refuel" in legend
    path = save_figure(figure, tmp_path / "plan.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    save_figure(figure, ARTIFACTS / "figure-plan.png")


def test_failed_figure_write_leaves_no_file(tmp_path: Path) -> None:
    rings = range_rings(find_aircraft("h-6k"), [bundled_sites()["neixiang"]])
    figure = static_figure(content_of("x", rings=rings))
    with pytest.raises(ValueError, match="Format 'bmpx' is not supported"):
        save_figure(figure, tmp_path / "x.bmpx")
    assert list(tmp_path.iterdir()) == []
