"""The explorer's page in headless Chromium, against a real server: pick an aircraft, find a
base, click waypoints, see the table and the legs; drag the base and watch the ring follow; open
a shared address; text from the address is shown as text. No request leaves the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from tests.basemaps.browser import Browser, launch, screenshot
from tests.explorer.server import Served

pytestmark = pytest.mark.slow

SHARED = (
    "?mode=plan&aircraft=h-6k&from=neixiang&via=34.0,129.5&via=45.7,142.0&via=37.5,145.0"
    "&via=25.3,126.0&refuel-at=ru-far-east"
)
READY = "() => document.body.dataset.ready === '1'"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch()


def opened(
    browser: Browser, explorer: Served, query: str = "", size: tuple[int, int] = (1200, 800)
) -> tuple[Any, list[str]]:
    """The page at `query`, once its catalogs are in; what went wrong in it, and any request
    for anything but the server, is listed."""
    page = browser.playwright_browser.new_page(viewport={"width": size[0], "height": size[1]})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request",
        lambda r: None if r.url.startswith(explorer.url) else problems.append("asked " + r.url),
    )
    page.goto(explorer.url + query)
    page.wait_for_function(READY)
    return page, problems


def answered(page: Any, text: str) -> None:
    page.wait_for_function(
        "t => document.getElementById('table').textContent.includes(t)", arg=text, timeout=60_000
    )


def test_choose_aircraft_base_and_waypoints(browser: Browser, explorer: Served) -> None:
    page, problems = opened(browser, explorer)
    page.select_option("#aircraft", "h-6k")
    page.fill("#base-search", "neixiang")
    page.click("#found li >> nth=0")
    page.wait_for_function("() => location.search.includes('from=neixiang')")
    box = page.locator("#map").bounding_box()
    for dx, dy in ((0.62, 0.35), (0.72, 0.5)):
        page.mouse.click(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
        page.wait_for_timeout(300)
    page.wait_for_function(  # the header and three legs (out, on, and back), or an error
        "() => document.querySelectorAll('#table tr').length >= 4"
        " || document.getElementById('answer').classList.contains('error')",
        timeout=60_000,
    )
    assert page.locator("#table tr").count() >= 4, page.text_content("#answer")
    query = parse_qs(urlsplit(page.url).query)
    assert query["aircraft"] == ["h-6k"] and query["from"] == ["neixiang"]
    assert len(query["via"]) == 2
    assert page.locator("path.drawn-leg").count() >= 3
    command = page.text_content("#command")
    assert command.startswith("rangemap plan --aircraft h-6k --from neixiang --via ")
    assert problems == []


def test_the_ring_follows_a_dragged_base(browser: Browser, explorer: Served) -> None:
    page, problems = opened(browser, explorer, "?mode=ring&aircraft=h-6k&at=neixiang")
    page.wait_for_function("() => !!document.querySelector('path.live-ring')")
    answered(page, "reach")  # the first answer may set the view: drag after it
    before = page.get_attribute("path.live-ring >> nth=0", "d")
    pin = page.locator(".pin-base").bounding_box()
    x, y = pin["x"] + pin["width"] / 2, pin["y"] + pin["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y + 20, steps=4)
    page.mouse.move(x + 120, y + 40, steps=4)
    during = page.get_attribute("path.live-ring >> nth=0", "d")
    assert during != before  # drawn in the page while the mouse is still down
    page.mouse.up()
    page.wait_for_function(
        "() => !new URLSearchParams(location.search).get('at').startsWith('neix')"
    )
    answered(page, "reach")
    at = parse_qs(urlsplit(page.url).query)["at"][0]
    lat, lon = (float(part) for part in at.split(","))
    assert 0 < lat < 33 and 111.9 < lon < 180  # south-east of Neixiang (33.0N, 111.9E)
    assert problems == []


def test_a_shared_address_reopens_the_answer(browser: Browser, explorer: Served) -> None:
    for size, name in (((1200, 800), "explorer-1200x800"), ((390, 844), "explorer-390x844")):
        page, problems = opened(browser, explorer, SHARED, size)
        answered(page, "UHSS")
        assert "1 landing(s): UHSS" in page.text_content("#answer")
        assert "holds for published ranges" in page.text_content("#band")
        page.wait_for_timeout(300)
        screenshot(page, name)
        assert problems == []
        page.close()


def test_text_from_the_address_is_shown_as_text(browser: Browser, explorer: Served) -> None:
    hostile = "<img src=x onerror=window.__hit=1>"
    page, problems = opened(
        browser, explorer, "?mode=plan&aircraft=h-6k&via=34.0,129.5&from=" + hostile
    )
    page.wait_for_function("() => document.getElementById('answer').textContent.includes('img')")
    assert hostile in page.text_content("#answer")
    assert page.locator("#panel img").count() == 0
    assert page.evaluate("window.__hit") is None
    assert [p for p in problems if "asked" in p] == []
    template = "{{ 7*191 }}{% raw %}</script>\\"
    page.goto(explorer.url + "?mode=plan&aircraft=h-6k&via=34.0,129.5&from=" + quote(template))
    page.wait_for_function("() => document.getElementById('answer').textContent.includes('{{')")
    assert template in page.text_content("#answer") and "1337" not in page.text_content("#panel")
    assert template in page.text_content("#command")


@pytest.mark.parametrize(
    ("query", "said", "drawn"),
    [
        (
            "?mode=strike&aircraft=h-6k&from=neixiang&weapon=cj-20&target=PGUA",
            "launch at",
            "path.drawn-missile",
        ),
        (
            "?mode=need&aircraft=h-6k&from=neixiang&target=RJAA&overfly=any",
            "RJAA",
            "path.drawn-leg",
        ),
        (
            "?mode=reach&aircraft=h-6k&from=neixiang&refuel-at=ru-far-east&overfly=any",
            "2 band(s)",
            "path.drawn-reach, path.leaflet-interactive",
        ),
    ],
)
def test_each_question_is_answered_and_drawn(
    browser: Browser, explorer: Served, query: str, said: str, drawn: str
) -> None:
    page, problems = opened(browser, explorer, query)
    page.wait_for_function(
        "t => document.getElementById('answer').textContent.includes(t)", arg=said, timeout=60_000
    )
    assert page.locator(drawn).count() >= 1
    assert page.locator("path.airspace-adiz").count() >= 1  # where the ADIZs begin
    assert page.locator("path.airspace-sovereign").count() >= 1
    assert problems == []
    page.close()


def test_a_flown_track_is_uploaded_from_the_page(
    browser: Browser, explorer: Served, tmp_path: Path
) -> None:
    track = tmp_path / "patrol.csv"
    track.write_text("lat,lon\n34.0,113.0\n40.0,125.0\n45.0,140.0\n", encoding="utf-8")
    page, problems = opened(browser, explorer, "?mode=track&aircraft=h-6k")
    page.set_input_files("#track-file", str(track))
    page.wait_for_function(
        "() => document.getElementById('answer').textContent.includes('3 points')", timeout=60_000
    )
    assert page.text_content("#command").startswith("rangemap track patrol.csv --aircraft h-6k")
    assert problems == []
    page.close()


def test_a_published_range_is_chosen(browser: Browser, explorer: Served) -> None:
    page, problems = opened(browser, explorer, "?mode=ring&aircraft=h-6k&at=neixiang")
    answered(page, "6,000")
    page.select_option("#range-source", "china-org-2017")
    page.wait_for_function("() => location.search.includes('range-source=china-org-2017')")
    answered(page, "8,000")
    assert "china.org.cn" in page.text_content("#aircraft-source")
    assert problems == []
    page.close()


def test_a_waypoint_is_moved_and_a_zone_edge_added(browser: Browser, explorer: Served) -> None:
    page, problems = opened(
        browser, explorer, "?mode=plan&aircraft=tu-95ms&from=UHBU&via=45.0,140.0"
    )
    answered(page, "45N140E")
    pin = page.locator(".pin-way").bounding_box()
    x, y = pin["x"] + pin["width"] / 2, pin["y"] + pin["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y + 40, steps=5)
    page.mouse.up()
    page.wait_for_function("() => !location.search.includes('via=45.0%2C140.0')")
    page.select_option("#edge-zone", "adiz-US-AK")
    page.click("#add-edge")
    page.wait_for_function(
        "() => document.getElementById('table').textContent.includes('adiz-US-AK')",
        timeout=60_000,
    )
    vias = parse_qs(urlsplit(page.url).query)["via"]
    assert len(vias) == 2 and vias[0] != "45.0,140.0" and vias[1] == "edge:adiz-US-AK"
    assert problems == []
    page.close()


def test_a_long_question_is_cancelled(browser: Browser, explorer: Served) -> None:
    page, problems = opened(
        browser,
        explorer,
        "?mode=reach&aircraft=h-6k&from=neixiang&refuel-at=ru-far-east&landings=3",
    )
    page.wait_for_function("() => !document.getElementById('cancel').hidden")
    page.wait_for_function(
        "() => document.getElementById('busy').textContent.includes('computing')"
    )
    page.click("#cancel")
    page.wait_for_function("() => document.getElementById('answer').textContent === 'cancelled'")
    assert page.locator("#cancel").is_hidden()
    page.goto(explorer.url + SHARED)  # the server goes on answering
    answered(page, "UHSS")
    assert problems == []
    page.close()


def test_a_very_long_address_still_gets_an_answer(browser: Browser, explorer: Served) -> None:
    """Found by attack: a 100,000-character base in the address broke the page's start."""
    page, problems = opened(
        browser, explorer, "?mode=plan&aircraft=h-6k&via=34,129&from=" + "a" * 100_000
    )
    page.wait_for_function(
        "() => document.getElementById('answer').textContent.includes('too long')", timeout=60_000
    )
    assert [p for p in problems if "Bad Request" not in p] == []
    page.close()
