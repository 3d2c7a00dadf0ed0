"""The timeline player and the measuring tool in headless Chromium, offline: no request at all."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from basemaps.content import content_of
from basemaps.web.interactive import interactive_map, save_html
from routes import FlightRules, bundled_sites, find_aircraft
from routes.planning.planner import Mission, plan_mission
from routes.timeline import timeline
from tests.basemaps.browser import Browser, launch, screenshot
from tests.geo.reference import GEODESIC, distance_m

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch()


@pytest.fixture(scope="module")
def timed_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Tu-95MS from Anadyr to Elmendorf and back (across 180), taking off at a set time."""
    sites = bundled_sites()
    takeoff = datetime(2024, 7, 24, 0, 0, tzinfo=UTC)
    mission = Mission(origin=sites["UHMA"], waypoints=(sites["PAED"],), takeoff=takeoff)
    plan = plan_mission(FlightRules(find_aircraft("tu-95ms")), mission)
    content = content_of("Timed flight", plans=[plan])
    folder = tmp_path_factory.mktemp("player")
    return save_html(interactive_map(content), folder / "timed.html")


def marker(page: Any) -> dict[str, float]:
    """The centre of the aircraft's marker on screen."""
    return page.evaluate(
        """() => { const box = document.querySelector('path.rangemap-aircraft')
            .getBoundingClientRect(); return {x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2}; }"""
    )


def site(page: Any, role: str) -> dict[str, float]:
    return page.evaluate(
        """(role) => { const box = document.querySelector('path.rangemap-' + role)
            .getBoundingClientRect(); return {x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2}; }""",
        role,
    )


def near(a: dict[str, float], b: dict[str, float], pixels: float = 3.0) -> bool:
    return abs(a["x"] - b["x"]) <= pixels and abs(a["y"] - b["y"]) <= pixels


def test_the_slider_moves_the_aircraft(browser: Browser, timed_map: Path) -> None:
    page, report = browser.open(timed_map)
    # At take-off the aircraft is on its base.
    assert near(marker(page), site(page, "origin"))
    # Dragging the time slider to its middle moves it; at the middle of an out-and-back flight
    # (no landing on the way) it is at the far end, Elmendorf.
    slider = page.locator(".timecontrol-dateslider .slider").bounding_box()
    page.mouse.click(slider["x"] + slider["width"] / 2, slider["y"] + slider["height"] / 2)
    page.wait_for_timeout(400)
    middle = marker(page)
    assert not near(middle, site(page, "origin"), 30.0)
    assert near(middle, site(page, "waypoint"), 25.0), (middle, site(page, "waypoint"))
    # The listed events: take-off, the Alaska ADIZ, Elmendorf, landing; a click on the landing
    # goes there (the aircraft back on its base).
    events = page.locator("#rangemap-events .event")
    texts = events.all_inner_texts()
    assert texts[0].startswith("2024-07-24 00:00") and "takes off from Anadyr" in texts[0]
    assert any("enters Alaska ADIZ" in text for text in texts)
    events.last.click()
    page.wait_for_timeout(400)
    assert near(marker(page), site(page, "origin"))
    assert "Timed flight" in page.locator("#rangemap-legend").inner_text()
    # Issue 23: the speed was "10fps"; it is said as flight time a second.
    speed = page.locator(".timecontrol-speed .speed").inner_text()
    assert re.fullmatch(r"(\d+ h )?\d+ min a second", speed), speed
    screenshot(page, "player-offline")
    assert report.refused == [] and report.answered == [] and report.errors == []
    page.close()


def bearing_words(a: dict[str, float], b: dict[str, float]) -> str:
    """The initial bearing from a to b as the tool writes it ("045°"), by GeographicLib."""
    azimuth = GEODESIC.Inverse(a["lat"], a["lng"], b["lat"], b["lng"])["azi1"]
    return f"{round(azimuth) % 360:03d}°"


def test_the_measuring_tool_measures_geodesics_to_the_metre(
    browser: Browser, timed_map: Path
) -> None:
    page, report = browser.open(timed_map)
    page.click(".rangemap-measure-button")
    # The first click lands a few pixels off Elmendorf's marker: it takes Elmendorf itself.
    elmendorf = site(page, "waypoint")
    clicks = [(elmendorf["x"] + 4.0, elmendorf["y"] + 3.0), (300.0, 300.0), (700.0, 200.0)]
    for x, y in clicks:
        page.mouse.click(x, y)
    page.keyboard.press("Escape")
    shown = page.locator("#rangemap-measure")
    total_m = float(shown.get_attribute("data-total-m") or "nan")
    # Where the clicks landed, as Leaflet reads them (longitudes may be beyond 180 on this map).
    points = page.evaluate(
        """(clicks) => { const map = window[Object.keys(window).find(k => k.startsWith('map_'))];
            const box = map.getContainer().getBoundingClientRect();
            return clicks.map(([x, y]) => map.containerPointToLatLng([x - box.left, y - box.top])); }""",
        clicks,
    )
    paed = bundled_sites()["PAED"]
    points[0] = {"lat": paed.lat, "lng": paed.lon}
    expected = sum(
        distance_m(a["lat"], a["lng"], b["lat"], b["lng"]) for a, b in itertools.pairwise(points)
    )
    assert total_m == pytest.approx(expected, abs=1.0)
    km = expected / 1000.0
    text = shown.inner_text()
    assert f"{km:,.1f} km ({km / 1.852:,.1f} NM)" in text
    # Issue 23: after Escape each leg stays, listed and labelled on the map with its bearing.
    legs = page.locator("#rangemap-measure .leg").all_inner_texts()
    assert len(legs) == 2 and page.locator(".rangemap-measure-label").count() == 2
    for number, (leg, (a, b)) in enumerate(zip(legs, itertools.pairwise(points), strict=True)):
        leg_km = distance_m(a["lat"], a["lng"], b["lat"], b["lng"]) / 1000.0
        expected_leg = (
            f"Leg {number + 1}: {leg_km:,.1f} km ({leg_km / 1.852:,.1f} NM), "
            f"bearing {bearing_words(a, b)}"
        )
        assert leg == expected_leg
    # The ruler again goes on from the last point; "clear" alone removes the legs.
    page.click(".rangemap-measure-button")
    page.mouse.click(500.0, 500.0)
    page.keyboard.press("Escape")
    assert page.locator("#rangemap-measure .leg").count() == 3
    assert page.locator(".rangemap-measure-label").count() == 3
    screenshot(page, "measure-offline")
    page.click("#rangemap-measure .clear")  # (the labels fade out)
    page.wait_for_function("() => !document.querySelector('.rangemap-measure-label')")
    assert not page.locator("#rangemap-measure").is_visible()
    assert report.refused == [] and report.answered == [] and report.errors == []
    page.close()


def test_an_untimed_map_has_the_tool_but_no_player(tmp_path: Path) -> None:
    sites = bundled_sites()
    plan = plan_mission(
        FlightRules(find_aircraft("tu-95ms")), Mission(sites["UHMA"], (sites["PAED"],))
    )
    assert timeline(plan) is None
    html = save_html(interactive_map(content_of("t", plans=[plan])), tmp_path / "m.html")
    text = html.read_text(encoding="utf-8")
    assert "rangemapMeasure(map)" in text and "L.TimeDimension" not in text
    timed = dataclasses.replace(
        plan, mission=dataclasses.replace(plan.mission, takeoff=datetime(2024, 1, 1, tzinfo=UTC))
    )
    html = save_html(interactive_map(content_of("t", plans=[timed])), tmp_path / "t.html")
    assert "L.TimeDimension" in html.read_text(encoding="utf-8")
