"""`edge:ZONE` waypoints and targets: "to the edge of the Alaska ADIZ and back" from the command
line and from scenario files, and careless zone names refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from airspace import find_zone, nearest_edge_point
from routes import bundled_sites
from tests.cli.commands import H6K_FLIGHT, PLAN_H6K, SCENARIO_HEADER, one_line_error, write
from tests.cli.conftest import Run
from tests.geo.reference import distance_m

SITES = bundled_sites()


def _sites_written(path: Path) -> dict[str, tuple[float, float]]:
    """(lat, lon) of each site feature of a written GeoJSON file, by id."""
    features = json.loads(path.read_text())["features"]
    return {
        f["properties"]["id"]: (f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0])
        for f in features
        if f["properties"]["kind"] == "site"
    }


def test_plan_to_the_edge_of_the_alaska_adiz_and_back(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    """The waypoint is the ADIZ boundary's point nearest Neixiang; the plan flies there and back,
    landing at Petropavlovsk on the way out."""
    result = rangemap_in_process(
        *PLAN_H6K, "--via", "edge:adiz-US-AK", "--refuel-at", "ru-far-east", "--json",
        "-o", "edge.geojson",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert [leg["to"] for leg in record["legs"]] == ["UHPP", "edge-adiz-US-AK", "neixiang"]
    lat, lon = _sites_written(tmp_path / "edge.geojson")["edge-adiz-US-AK"]
    neixiang = SITES["neixiang"]
    expected, km = nearest_edge_point(find_zone("adiz-US-AK"), lat=neixiang.lat, lon=neixiang.lon)
    assert (lat, lon) == pytest.approx(
        (expected.lat, expected.lon), abs=1e-6
    )  # GeoJSON keeps 6 decimals
    assert record["legs"][-1]["distance_km"] == pytest.approx(km, abs=1e-3)
    assert km == pytest.approx(distance_m(neixiang.lat, neixiang.lon, lat, lon) / 1000, abs=1e-6)


def test_each_edge_is_nearest_the_point_before_it(rangemap_in_process: Run, tmp_path: Path) -> None:
    """Twice the same ADIZ: first nearest the base, then nearest Elmendorf; ids kept apart."""
    result = rangemap_in_process(
        "plan", "--range-km", "20000", "--from", "neixiang", "-o", "two.geojson",
        "--via", "edge:adiz-US-AK", "--via", "PAED", "--via", "edge:adiz-US-AK",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    written = _sites_written(tmp_path / "two.geojson")
    for site_id, before in (("edge-adiz-US-AK", "neixiang"), ("edge-adiz-US-AK-2", "PAED")):
        place = SITES[before]
        expected, _ = nearest_edge_point(find_zone("adiz-US-AK"), lat=place.lat, lon=place.lon)
        assert written[site_id] == pytest.approx(
            (expected.lat, expected.lon), abs=1e-6
        )  # GeoJSON keeps 6 decimals


def test_need_aims_at_a_zones_edge(rangemap_in_process: Run) -> None:
    result = rangemap_in_process(
        "need", "--aircraft", "h-6k", "--from", "neixiang", "--target", "edge:adiz-US-GU", "--json"
    )
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert row["target"] == "edge-adiz-US-GU"
    assert row["short_km"] > 0  # beyond the H-6K unrefuelled, as Guam itself is


def test_a_scenario_waypoint_may_be_a_zones_edge(rangemap_in_process: Run, tmp_path: Path) -> None:
    text = f'{SCENARIO_HEADER}{H6K_FLIGHT}waypoints = ["edge:adiz-JP"]\nrefuel_at = ["none"]\n'
    result = rangemap_in_process("scenario", write(tmp_path, "edge.toml", text), "-o", "e.geojson")
    assert result.returncode == 0, result.stderr
    neixiang = SITES["neixiang"]
    expected, km = nearest_edge_point(find_zone("adiz-JP"), lat=neixiang.lat, lon=neixiang.lon)
    written = _sites_written(tmp_path / "e.geojson")["edge-adiz-JP"]
    assert written == pytest.approx((expected.lat, expected.lon), abs=1e-6)
    assert f"{2 * km:,.0f} km in all" in result.stdout


@pytest.mark.parametrize(
    ("via", "message"),
    [
        ("edge:", "'edge:' names no zone: give edge:ZONE"),
        ("edge:adiz-XX", "unknown zone 'adiz-XX'"),
        ("edge:adiz-us-ak", "did you mean adiz-US-AK?"),
        ("edge:<b>x</b>", "unknown zone '<b>x</b>'"),
    ],
)
def test_a_careless_zone_is_refused_in_one_line(
    rangemap_in_process: Run, tmp_path: Path, via: str, message: str
) -> None:
    result = rangemap_in_process(*PLAN_H6K, "--via", via, "-o", "x.geojson")
    one_line_error(result, 2, message)
    assert not list(tmp_path.iterdir())
