"""Interactive maps without a browser: display geometry stays within 100 m, text is escaped, size."""

from __future__ import annotations

import json
import re
from pathlib import Path

import shapely
from shapely.geometry import shape

from basemaps.content import content_of
from basemaps.interactive import (
    DISPLAY_TOLERANCE_DEG,
    _geojson,
    escape_text,
    interactive_map,
    save_html,
)
from basemaps.view import center_longitude, for_leaflet
from routes import bundled_sites, find_aircraft
from routes.range_model import range_rings
from routes.scenario import load_scenario, run_scenario

METRES_PER_DEGREE = 111_320.0  # of latitude; a degree of longitude is never longer


def test_display_geometry_stays_within_100_m_of_the_exact_ring() -> None:
    sites = bundled_sites()
    for ring in range_rings(find_aircraft("tu-95ms"), [sites["UHBU"], sites["UHMA"]]):
        exact = for_leaflet(ring.geometry, 150.0)
        shown = shape(_geojson(exact)["geometry"])
        assert shapely.hausdorff_distance(exact, shown) * METRES_PER_DEGREE <= 100.0
        assert shapely.get_num_coordinates(shown) < shapely.get_num_coordinates(exact)
    assert DISPLAY_TOLERANCE_DEG * METRES_PER_DEGREE <= 100.0


def test_escape_text_leaves_no_markup_or_template_syntax() -> None:
    assert escape_text("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert escape_text("`${alert(1)}` & 'x'") == "&#96;&#36;{alert(1)}&#96; &amp; &#x27;x&#x27;"


def test_map_data_carries_no_user_text(tmp_path: Path) -> None:
    sites = bundled_sites()
    rings = range_rings(find_aircraft("h-6k"), [sites["neixiang"]])
    html = save_html(
        interactive_map(content_of("</script><b>", rings=rings), offline=True), tmp_path / "m.html"
    )
    text = html.read_text(encoding="utf-8")
    assert "</script><b>" not in text and "&lt;/script&gt;&lt;b&gt;" in text
    blobs = re.findall(r"geo_json_\w+_add\((\{.*?\})\);", text)
    assert blobs
    for blob in blobs:
        data = json.loads(blob)
        for feature in data.get("features", [data]):
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
    html = save_html(interactive_map(content, offline=True), tmp_path / "m.html")
    assert html.stat().st_size <= 2_000_000


def test_center_longitude_takes_the_short_way_round() -> None:
    assert center_longitude([170.0, -170.0]) in (180.0, -180.0)
    assert abs(center_longitude([-10.0, 10.0])) < 1e-9
    assert center_longitude([]) == 0.0
