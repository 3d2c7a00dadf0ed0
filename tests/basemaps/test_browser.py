"""Generated maps opened in headless Chromium: drawn as expected, safe, and working offline, on a
closed network and online (tiles over the Natural Earth base), and from the CDN when asked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from basemaps.content import MarkedSite, content_of
from basemaps.web.interactive import interactive_map, save_html
from basemaps.web.leaflet_assets import inline_js
from basemaps.web.page_scripts import measure_tool
from routes import FlightRules, Site, bundled_sites, find_aircraft
from routes.planning.planner import Mission, plan_mission
from routes.range_model import range_rings
from tests.basemaps.browser import Browser, distinct_colours, launch, screenshot

pytestmark = pytest.mark.slow

EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch()


def pacific_map(tmp_path: Path, *, cdn: bool = False, tiles: str = "light") -> Path:
    """Rings from Anadyr (across 180), a Tu-95MS route Anadyr - Elmendorf and back, and a site
    whose name is an HTML injection attempt."""
    sites = bundled_sites()
    tu95 = find_aircraft("tu-95ms")
    rings = range_rings(tu95, [sites["UHMA"]])
    plan = plan_mission(
        FlightRules(tu95), Mission(origin=sites["UHMA"], waypoints=(sites["PAED"],))
    )
    evil = Site(id="evil", name=EVIL, lat=60.0, lon=170.0, source=f"a user's file {EVIL}")
    content = content_of(
        f"Pacific test {EVIL}", rings=rings, plans=[plan], extra_sites=[MarkedSite(evil, "target")]
    )
    return save_html(
        interactive_map(content, cdn=cdn, tiles=tiles),
        tmp_path / f"{'cdn' if cdn else 'page'}-{tiles}.html",
    )


def drawn(page: Any) -> dict[str, int]:
    return page.evaluate(
        """() => Object.fromEntries(['ring', 'leg', 'arrow', 'site'].map(
            kind => [kind, document.querySelectorAll('path.rangemap-' + kind).length]))"""
    )


def check_page(page: Any, name: str) -> None:
    # Two rings (reach, combat radius), two legs with an arrow each, three sites.
    assert drawn(page) == {"ring": 2, "leg": 2, "arrow": 2, "site": 3}
    # Each leg crosses 180 yet is one continuous line: one stroke, running straight from the
    # Anadyr marker to the Elmendorf one (a wrapped line would run the long way round the world).
    legs = page.evaluate(
        """() => [...document.querySelectorAll('path.rangemap-leg')].map(p => {
            const box = p.getBoundingClientRect();
            return {moves: (p.getAttribute('d').match(/M/g) || []).length, left: box.left, right: box.right};
        })"""
    )
    ends = page.evaluate(
        """() => ['origin', 'waypoint'].map(role => {
            const box = document.querySelector('path.rangemap-' + role).getBoundingClientRect();
            return (box.left + box.right) / 2;
        })"""
    )
    map_width = page.evaluate(
        "() => document.querySelector('.folium-map').getBoundingClientRect().width"
    )
    west, east = min(ends), max(ends)
    assert 0 < east - west < map_width
    for leg in legs:
        assert leg["moves"] == 1, leg
        assert abs(leg["left"] - west) < 8 and abs(leg["right"] - east) < 8, (leg, ends)
    # The HTML-named site is text: nothing ran, no image element was made.
    assert page.evaluate("() => window.__alerted === undefined")
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0
    page.locator("path.rangemap-target").click()
    popup = page.locator(".leaflet-popup-content")
    assert EVIL in popup.inner_text()
    assert page.evaluate("() => window.__alerted === undefined")
    assert EVIL in page.locator("#rangemap-legend").inner_text()
    page.click(".rangemap-labels-button")  # the names on the map: text too
    assert EVIL in page.locator(".rangemap-label").all_inner_texts()
    assert page.evaluate("() => window.__alerted === undefined")
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0
    shot = screenshot(page, name)
    assert distinct_colours(shot) > 50


def tiles_shown(page: Any) -> int:
    return int(page.evaluate("() => document.querySelectorAll('img.leaflet-tile').length"))


def test_the_default_map_opens_offline_on_its_natural_earth_base(
    browser: Browser, tmp_path: Path
) -> None:
    """Issue 23: a map written without --offline was blank without internet ("L is not
    defined"); now every map carries Leaflet and asks for no tile while the browser is offline."""
    html = pacific_map(tmp_path)
    page, report = browser.open(html, network="offline")
    check_page(page, "map-offline")
    assert page.evaluate("() => document.querySelectorAll('path.rangemap-land').length") > 0
    assert tiles_shown(page) == 0
    assert report.refused == [] and report.answered == [] and report.errors == []
    page.close()


def test_on_a_closed_network_one_tile_is_asked_for_and_the_base_stays(
    browser: Browser, tmp_path: Path
) -> None:
    html = pacific_map(tmp_path)
    page, report = browser.open(html, network="refused")
    check_page(page, "map-closed-network")
    assert len(report.refused) == 1 and "arcgisonline" in report.refused[0]
    assert tiles_shown(page) == 0
    # The refused tile is logged by the browser; no script fails.
    assert report.errors == ["Failed to load resource: net::ERR_FAILED"]
    page.close()


def test_online_the_tiles_load_over_the_natural_earth_base(
    browser: Browser, tmp_path: Path
) -> None:
    html = pacific_map(tmp_path)
    page, report = browser.open(html, network="served")
    page.wait_for_function("() => document.querySelectorAll('img.leaflet-tile-loaded').length > 0")
    check_page(page, "map-online")
    assert not any(url.endswith("leaflet.js") for url in report.answered)  # it is inlined
    assert any("arcgisonline" in url for url in report.answered)
    # The tiles' pane lies over the base's.
    z = page.evaluate(
        """() => ['.leaflet-rangemap-base-pane', '.leaflet-tile-pane'].map(
            s => Number(getComputedStyle(document.querySelector(s)).zIndex))"""
    )
    assert z[0] < z[1]
    # The provider is credited once escaped: "(C) Esri", not "&copy;" spelt out.
    credits = page.locator(".leaflet-control-attribution").inner_text()
    assert "Tiles (C) Esri" in credits and "&" not in credits
    assert report.refused == [] and report.errors == []
    page.close()


def test_a_natural_earth_map_names_no_address(browser: Browser, tmp_path: Path) -> None:
    html = pacific_map(tmp_path, tiles="natural-earth")
    # Apart from the inlined libraries (whose code names their web sites), no address at all.
    text = html.read_text(encoding="utf-8").replace(inline_js(), "").replace(measure_tool(), "")
    assert "http://" not in text and "https://" not in text
    page, report = browser.open(html, network="refused")
    assert drawn(page)["leg"] == 2
    assert report.refused == [] and report.errors == []
    page.close()


def test_the_cdn_map_with_the_cdn_answered_from_disk(browser: Browser, tmp_path: Path) -> None:
    html = pacific_map(tmp_path, cdn=True)
    assert html.stat().st_size < pacific_map(tmp_path).stat().st_size - 100_000
    page, report = browser.open(html, network="served")
    check_page(page, "map-cdn")
    assert report.refused == []
    assert any(url.endswith("leaflet.js") for url in report.answered)
    assert report.errors == []
    page.close()
