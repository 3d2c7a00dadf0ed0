"""The page as a reader meets it (issue 23): the Arctic map's panels leave its routes in sight at a
desktop and a phone size, zone crossings lie over every shape and can be hovered, the sites'
names can be written on the map; all offline, with no console error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from basemaps.web.interactive import interactive_map, save_html
from formats.scenario.file import load_scenario
from rangemap.scenarios import run_standoff, scenario_content
from routes.scenario.flights import run_scenario
from tests.basemaps.browser import Browser, launch, screenshot

pytestmark = pytest.mark.slow

DESKTOP, PHONE = (1200, 800), (390, 844)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch()


@pytest.fixture(scope="module")
def arctic_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The July 2024 patrol over the Bering and Chukchi Seas: the story the panel used to cover."""
    scenario = load_scenario("arctic-alaska")
    content, _ = scenario_content(scenario, run_scenario(scenario), run_standoff(scenario))
    folder = tmp_path_factory.mktemp("arctic")
    return save_html(interactive_map(content), folder / "arctic-alaska.html")


#: Points every 5 px along each route, and each site's and crossing's centre, on screen.
STORY_POINTS = """() => {
    const points = [];
    for (const path of document.querySelectorAll('path.rangemap-leg')) {
        const matrix = path.getScreenCTM(), length = path.getTotalLength();
        for (let at = 0; at <= length; at += 5) {
            const p = path.getPointAtLength(at);
            const s = new DOMPoint(p.x, p.y).matrixTransform(matrix);
            points.push([s.x, s.y]);
        }
    }
    for (const mark of document.querySelectorAll('path.rangemap-site, path.rangemap-crossing')) {
        const box = mark.getBoundingClientRect();
        points.push([(box.left + box.right) / 2, (box.top + box.bottom) / 2]);
    }
    return points.filter(([x, y]) => x >= 0 && y >= 0 && x <= innerWidth && y <= innerHeight);
}"""

BOXES = """(selector) => [...document.querySelectorAll(selector)].map(e => {
    const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; })"""


def inside(point: list[float], box: list[float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def meet(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_panels_leave_the_story_in_sight(
    browser: Browser, arctic_map: Path, viewport: tuple[int, int]
) -> None:
    """Issue 23: the timeline panel covered the Bering and Chukchi Seas, the whole story."""
    page, report = browser.open(arctic_map, viewport=viewport)
    points = page.evaluate(STORY_POINTS)
    assert len(points) > 200
    (events,) = page.evaluate(BOXES, "#rangemap-events")
    (legend,) = page.evaluate(BOXES, "#rangemap-legend")
    for panel in (events, legend):
        assert not [p for p in points if inside(p, panel)], panel
    # Neither lies over the other, nor over any other control.
    controls = page.evaluate(BOXES, ".leaflet-control:not(#rangemap-events):not(#rangemap-legend)")
    for panel in (events, legend):
        assert not [box for box in controls if meet(panel, box)]
    assert not meet(events, legend)
    # On a phone both start closed; each opens and closes with a click on its title.
    opened = "(s) => document.querySelector(s + ' details').open"
    assert page.evaluate(opened, "#rangemap-events") is (viewport == DESKTOP)
    for panel in ("#rangemap-events", "#rangemap-legend"):
        was = page.evaluate(opened, panel)
        page.click(f"{panel} summary")
        assert page.evaluate(opened, panel) is not was
    page.click("#rangemap-events summary")  # as it was, for the picture
    page.click("#rangemap-legend summary")
    screenshot(page, f"arctic-alaska-{viewport[0]}x{viewport[1]}")
    assert report.refused == [] and report.answered == [] and report.errors == []
    page.close()


def test_crossings_lie_over_every_shape_and_can_be_hovered(
    browser: Browser, arctic_map: Path
) -> None:
    """Issue 23: the zone-crossing markers lay under rings and ADIZ shapes and could not be
    hovered."""
    page, report = browser.open(arctic_map, viewport=DESKTOP)
    centres = page.evaluate(
        """() => [...document.querySelectorAll('path.rangemap-crossing')].map(p => {
            const b = p.getBoundingClientRect(); return [(b.left + b.right) / 2, (b.top + b.bottom) / 2]; })
            .filter(([x, y]) => x > 0 && y > 0 && x < innerWidth && y < innerHeight)"""
    )
    assert centres
    on_top = page.evaluate(
        """(centres) => centres.map(([x, y]) => document.elementFromPoint(x, y).getAttribute('class'))""",
        centres,
    )
    assert all("rangemap-crossing" in name or "rangemap-site" in name for name in on_top), on_top
    x, y = next(c for c, name in zip(centres, on_top, strict=True) if "crossing" in name)
    page.mouse.move(x, y)
    page.wait_for_timeout(200)
    assert "ADIZ" in page.locator(".leaflet-tooltip").inner_text()
    assert report.errors == []
    page.close()


def test_the_names_of_the_sites_can_be_written_on_the_map(
    browser: Browser, arctic_map: Path
) -> None:
    page, report = browser.open(arctic_map, viewport=DESKTOP)
    sites = page.evaluate("() => document.querySelectorAll('path.rangemap-site').length")
    assert page.locator(".rangemap-label").count() == 0
    page.click(".rangemap-labels-button")
    labels = page.locator(".rangemap-label").all_inner_texts()
    assert len(labels) == sites and "Anadyr Ugolny, Chukotka" in labels
    assert page.get_attribute(".rangemap-labels-button", "aria-pressed") == "true"
    screenshot(page, "arctic-alaska-labels")
    page.click(".rangemap-labels-button")  # off again (the labels fade out)
    page.wait_for_function("() => !document.querySelector('.rangemap-label')", timeout=2000)
    assert report.errors == []
    page.close()
