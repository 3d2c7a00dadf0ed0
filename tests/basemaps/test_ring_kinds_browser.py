"""Rings at distances, range fans and radials on the HTML map, opened in headless Chromium: each
drawn, a fan across 180 one shape, every radial one line, and no request made offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from basemaps.content import content_of
from basemaps.web.interactive import interactive_map, save_html
from routes import bundled_sites, find_aircraft
from routes.range_model import distance_rings, evenly, radials, range_fans, range_rings
from tests.basemaps.browser import Browser, distinct_colours, launch, screenshot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch()


def test_fans_rings_and_radials_from_anadyr(browser: Browser, tmp_path: Path) -> None:
    plane, base = find_aircraft("h-6k"), bundled_sites()["UHMA"]
    rings = range_rings(plane, [base], modes=("reach",))
    rings += distance_rings(plane, [base], [1000.0, 2000.0])
    rings += range_fans(plane, [base], [(45.0, 135.0, 500.0)])  # east, across 180
    content = content_of("Anadyr", rings=rings, radials=radials(rings, evenly(8)))
    html = save_html(interactive_map(content), tmp_path / "anadyr.html")
    page, report = browser.open(html)
    shapes = page.evaluate(
        """() => Object.fromEntries(
            ['ring-reach', 'ring-distance', 'ring-fan', 'radial'].map(kind => [kind,
            [...document.querySelectorAll('path.rangemap-' + kind)].map(
                p => (p.getAttribute('d').match(/M/g) || []).length)]))"""
    )

    # One shape each, in one piece across 180 (unwrapped round the Pacific); the radial north
    # runs over the pole, so its way down the far side (on the edges of the unwrapped world,
    # 180 degrees from Anadyr) is drawn apart from it: two lines more.
    radial_lines = shapes.pop("radial")
    assert shapes == {"ring-reach": [1], "ring-distance": [1, 1], "ring-fan": [1]}
    assert 8 <= len(radial_lines) <= 10 and set(radial_lines) == {1}
    fan = page.evaluate(
        "() => getComputedStyle(document.querySelector('path.rangemap-ring-fan')).fillOpacity"
    )
    assert float(fan) > 0.0
    distance = page.evaluate(
        "() => document.querySelector('path.rangemap-ring-distance').getAttribute('fill')"
    )
    assert distance == "none"
    # Issue 23: sovereign airspace was shown only where a route entered it, so not on this map;
    # both airspace layers are shown on every map.
    drawn = page.evaluate(
        """() => ['adiz', 'sovereign'].map(
            kind => document.querySelectorAll('path.rangemap-' + kind).length)"""
    )
    assert min(drawn) > 0, drawn
    assert report.refused == [] and report.answered == [] and report.errors == []
    assert distinct_colours(screenshot(page, "map-ring-kinds")) > 50
    page.close()
