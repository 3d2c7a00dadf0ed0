"""Interactive maps without a browser: display geometry stays within 100 m, text is escaped, size."""

from __future__ import annotations

import json
import re
from pathlib import Path

import shapely
from shapely.geometry import shape

from basemaps.content import content_of
from basemaps.web.interactive import (
    DISPLAY_TOLERANCE_DEG,
    _geojson,
    interactive_map,
    map_html,
    save_html,
)
from basemaps.web.view import center_longitude, for_leaflet
from formats.scenario.file import load_scenario
from routes import FlightRules, bundled_sites, find_aircraft
from routes.planning.planner import Mission, plan_mission
from routes.range_model import range_rings
from routes.scenario.flights import run_scenario

METRES_PER_DEGREE = 111_320.0  # of latitude; a degree of longitude is never longer


def test_display_geometry_stays_within_100_m_of_the_exact_ring() -> None:
    sites = bundled_sites()
    for ring in range_rings(find_aircraft("tu-95ms"), [sites["UHBU"], sites["UHMA"]]):
        exact = for_leaflet(ring.geometry, 150.0)
        shown = shape(_geojson(exact)["geometry"])
        assert shapely.hausdorff_distance(exact, shown) * METRES_PER_DEGREE <= 100.0
        assert shapely.get_num_coordinates(shown) < shapely.get_num_coordinates(exact)
    assert DISPLAY_TOLERANCE_DEG * METRES_PER_DEGREE <= 100.0


PAYLOAD = "{{ 6*7 }} {% raw %} </script><b> C:\\xdata `${1}` \u2028 &amp;"


def page_data(html: str) -> dict[str, object]:
    """The JSON data block that carries every piece of text of a map."""
    found = re.search(
        r'<script id="rangemap-data" type="application/json">(.*?)</script>', html, re.DOTALL
    )
    assert found, "the page has no data block"
    data: dict[str, object] = json.loads(found[1])
    return data


def test_text_reaches_the_page_as_data_only(tmp_path: Path) -> None:
    """Regression: branca rendered user text through Jinja twice, so '{{ 6*7 }}' became '42'."""
    sites = bundled_sites()
    rings = range_rings(find_aircraft("h-6k"), [sites["neixiang"]])
    html = save_html(
        interactive_map(content_of(PAYLOAD, rings=rings)), tmp_path / "m.html"
    ).read_text(encoding="utf-8")
    data = page_data(html)
    assert data["title"] == PAYLOAD
    assert data["legend"]["title"] == PAYLOAD  # type: ignore[index]
    # Outside the data block the text appears once, escaped for HTML, in <title>.
    outside = html.replace(html[html.index('<script id="rangemap-data"') :], "")
    assert "6*7" not in outside.replace("<title>{{ 6*7 }}", "")
    assert "</script><b>" not in html and "{% raw %}" in outside
    blobs = re.findall(r"geo_json_\w+_add\((\{.*?\})\);", html)
    assert blobs
    for blob in blobs:
        geometry = json.loads(blob)
        for feature in geometry.get("features", [geometry]):
            assert set(feature.get("properties", {})) <= {"id"} and set(feature) <= {
                "type",
                "geometry",
                "properties",
                "bbox",
                "id",
            }


def test_every_scenario_map_is_within_2_mb(tmp_path: Path) -> None:
    scenario = load_scenario("arctic-alaska")  # rings round both poles and routes across 180
    results = run_scenario(scenario)
    rings = range_rings(find_aircraft("tu-95ms"), [bundled_sites()["UHMA"]])
    content = content_of(scenario.title, rings=rings, plans=[r.plan for r in results if r.plan])
    html = save_html(interactive_map(content), tmp_path / "m.html")
    assert html.stat().st_size <= 2_000_000


def test_center_longitude_takes_the_short_way_round() -> None:
    assert center_longitude([170.0, -170.0]) in (180.0, -180.0)
    assert abs(center_longitude([-10.0, 10.0])) < 1e-9
    assert center_longitude([]) == 0.0


def opening_view(html: str) -> tuple[float, float, float, float]:
    """The bounds the map opens on: south, west, north, east (longitudes as given to Leaflet)."""
    found = re.findall(r"\.fitBounds\(\s*(\[\[.*?\]\]),\s*\{", html)
    assert found, "the map sets no view"
    (south, west), (north, east) = json.loads(found[-1])  # the map's own, after Leaflet's code
    return south, west, north, east


def test_map_opens_on_the_story_in_one_piece_across_180() -> None:
    """Issue 15: the map opens framed on the route and its sites (Anadyr to Elmendorf, across
    180), not on the 10,300 km rings; its longitudes run on past 180."""
    sites = bundled_sites()
    tu95 = find_aircraft("tu-95ms")
    plan = plan_mission(
        FlightRules(tu95), Mission(origin=sites["UHMA"], waypoints=(sites["PAED"],))
    )
    content = content_of("x", rings=range_rings(tu95, [sites["UHMA"]]), plans=[plan])
    south, west, north, east = opening_view(map_html(interactive_map(content)))
    assert west < -180.0 < east or west < 180.0 < east  # across 180, in one box
    span = (sites["PAED"].lon - sites["UHMA"].lon) % 360.0
    assert span <= east - west < span + 5.0 and north - south < 10.0
    south, west, north, east = opening_view(map_html(interactive_map(content, frame="rings")))
    assert east - west > 180.0 and north > 85.0  # the rings, round the pole
