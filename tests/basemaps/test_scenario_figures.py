"""Every bundled scenario's figure, as a reader sees it (issue 15): the story fills the map, all of
it inside the frame, and no text overlaps another or covers a marker, as measured by matplotlib's
renderer. Each figure is drawn once per session."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import numpy as np
import pytest
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from basemaps.content import MapContent, content_of, merged
from basemaps.figure.map_labels import site_text
from basemaps.figure.static import static_figure
from basemaps.frame import choose_frame
from formats.scenario.file import load_scenario, scenario_names
from rangemap.scenarios import run_standoff, scenario_content
from routes import FlightRules, bundled_sites, find_aircraft
from routes.planning.planner import Mission, plan_mission
from routes.planning.policy import refuel_fields
from routes.scenario.flights import run_scenario

#: The share of the map's area that the box round the routes and named sites must cover.
MIN_STORY_SHARE = 0.30


@cache
def drawn(name: str) -> tuple[MapContent, Figure]:
    """A scenario's content and its figure, drawn (filterwarnings=error: a label left out for
    want of room, or a glyph missing, fails here)."""
    scenario = load_scenario(name)
    content, _ = scenario_content(scenario, run_scenario(scenario), run_standoff(scenario))
    figure = static_figure(content)
    figure.canvas.draw()
    return content, figure


@pytest.fixture(scope="module", autouse=True)
def _forget() -> Iterator[None]:
    yield
    drawn.cache_clear()


def map_axes(figure: Figure) -> Axes:
    (axes,) = [axes for axes in figure.axes if axes.get_label() == "map"]
    return axes


def story_points(content: MapContent) -> np.ndarray:
    """Every vertex of the routes, missile flights, launch zones and reach bands, and every named
    site (lon, lat)."""
    shapes = [leg.path for plan in content.plans for leg in plan.legs]
    shapes += [missile.path for missile in content.missiles]
    shapes += [area.geometry for area in content.areas]
    shapes += [shapely.Point(m.site.lon, m.site.lat) for m in content.sites]
    return np.concatenate([shapely.get_coordinates(shape) for shape in shapes])


@pytest.mark.parametrize("name", scenario_names())
def test_the_story_fills_the_frame(name: str) -> None:
    content, figure = drawn(name)
    axes = map_axes(figure)
    frame = choose_frame(content)
    xy = frame.projection.forward(story_points(content))
    (x0, x1), (y0, y1) = axes.get_xlim(), axes.get_ylim()
    inside = (x0 <= xy[:, 0]) & (xy[:, 0] <= x1) & (y0 <= xy[:, 1]) & (xy[:, 1] <= y1)
    assert inside.all(), f"{(~inside).sum()} route or site points outside the frame"
    # The box round the story, measured on the figure's own axes, against the axes' area.
    box = axes.transData.transform(np.array([xy.min(axis=0), xy.max(axis=0)]))
    story = float(np.prod(box[1] - box[0]))
    whole = axes.get_window_extent()
    share = story / (whole.width * whole.height)
    assert share >= MIN_STORY_SHARE, f"{name}: the story covers {share:.0%} of the map"


def texts_of(figure: Figure) -> list[Text]:
    """Every text the figure shows: its own, each axes', and the legends'."""
    found = list(figure.texts) + [t for legend in figure.legends for t in legend.get_texts()]
    for axes in figure.axes:
        found += axes.texts
        found += [axes.title, axes._left_title, axes._right_title]  # type: ignore[attr-defined]
    return [text for text in found if text.get_visible() and text.get_text().strip()]


def overlapping(boxes: np.ndarray, others: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (i, j) of boxes (x0, y0, x1, y1) that share some area."""
    hit = (
        (boxes[:, None, 0] < others[None, :, 2])
        & (others[None, :, 0] < boxes[:, None, 2])
        & (boxes[:, None, 1] < others[None, :, 3])
        & (others[None, :, 1] < boxes[:, None, 3])
    )
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(hit), strict=True)]


@pytest.mark.parametrize("name", scenario_names())
def test_no_text_overlaps_another_or_covers_a_marker(name: str) -> None:
    content, figure = drawn(name)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    texts = texts_of(figure)
    boxes = np.array([text.get_window_extent(renderer).extents for text in texts])
    pairs = [(i, j) for i, j in overlapping(boxes, boxes) if i < j]
    assert not pairs, [(texts[i].get_text(), texts[j].get_text()) for i, j in pairs]

    axes = map_axes(figure)
    markers = [line for line in axes.lines if line.get_gid() == "site"]
    assert len(markers) == len(content.sites)
    centres = np.array([axes.transData.transform(line.get_xydata()[0]) for line in markers])
    half = np.array([line.get_markersize() / 2.0 * figure.dpi / 72.0 for line in markers])
    marks = np.column_stack([centres - half[:, None], centres + half[:, None]])
    covered = overlapping(boxes, marks)
    assert not covered, [(texts[i].get_text(), j) for i, j in covered]

    labels = {text.get_text() for text in axes.texts if text.get_gid() == "site-label"}
    assert labels == {site_text(marked) for marked in content.sites}
    legs = [text.get_text() for text in axes.texts if text.get_gid() == "leg-label"]
    for plan in content.plans:
        for leg in plan.legs:
            assert any(words.startswith(f"{leg.distance_km:,.0f} km") for words in legs), leg


def test_reach_figure_calls_candidate_fields_fields_not_stops() -> None:
    """Issue 23: the reach figure called eleven fields it may land at "refuelling stop"."""
    content, figure = drawn("reach-h6k-russian-fields")
    assert not content.plans  # no plan lands anywhere
    fields = [marked for marked in content.sites if marked.role == "field"]
    assert len(fields) == 11
    legend = [text.get_text() for legend in figure.legends for text in legend.get_texts()]
    assert "refuelling field (may land)" in legend
    assert not any("refuelling stop" in words for words in legend)
    axes = map_axes(figure)
    assert not any("refuelling stop" in text.get_text() for text in axes.texts)
    markers = [line.get_marker() for line in axes.lines if line.get_gid() == "site"]
    assert markers.count("d") == len(fields) and "D" not in markers


def test_a_field_a_plan_lands_at_stays_a_refuelling_stop() -> None:
    content, _ = drawn("reach-h6k-russian-fields")
    sites = bundled_sites()
    plan = plan_mission(
        FlightRules(find_aircraft("h-6k"), refuel_fields(sites, ["ru-far-east"])),
        Mission(origin=sites["neixiang"], waypoints=(sites["PAED"],)),
    )
    assert {stop.id for stop in plan.refuel_stops} & {marked.site.id for marked in content.sites}
    both = merged("reach and a plan", [content, content_of("plan", plans=[plan])])
    roles = {marked.site.id: marked.role for marked in both.sites}
    assert plan.refuel_stops and all(roles[stop.id] == "refuel" for stop in plan.refuel_stops)
    assert "field" in roles.values()


def test_strike_figure_labels_each_launch_point_with_its_variant() -> None:
    """Issue 23: strike-guam's four launch points shared one marker, labelled "launch point
    50.692, 140.816", whichever strike it was."""
    content, figure = drawn("strike-guam")
    launches = [marked.site.name for marked in content.sites if marked.role == "launch"]
    h6k = "launch, CJ-20 (KD-20), international airspace"
    assert launches == [
        "launch, Kh-101, international airspace",
        h6k,
        f"{h6k}, may land at ru-far-east",
        f"{h6k}, under Shenyang J-16 cover",
    ]
    axes = map_axes(figure)
    markers = [line.get_marker() for line in axes.lines if line.get_gid() == "site"]
    assert markers.count("X") == len(launches)
    labels = [text.get_text().replace("\n", " ") for text in axes.texts]
    assert sorted(label for label in labels if label.startswith("launch, ")) == sorted(launches)


def test_a_base_two_strikes_launch_from_names_both_variants() -> None:
    content, _ = drawn("strike-japan")
    (base,) = [m.site.name for m in content.sites if m.role == "launch" and m.site.id == "UHBU"]
    assert base == (
        "Ukrainka (Seryshevo), Amur: launch, Kh-101, its own airspace (RU); "
        "launch, Kh-55SM, its own airspace (RU)"
    )
