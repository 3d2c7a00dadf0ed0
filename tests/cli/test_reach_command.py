"""`rangemap reach`: bands as GeoJSON and JSON, and bad input answered in one line."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas
import pytest
from shapely.geometry import Point, shape

from routes import bundled_sites
from tests.cli.commands import H6K_FROM_NEIXIANG
from tests.cli.conftest import Run
from tests.geo.reference import disc_area_m2, polygon_area_m2
from tests.geo.rfc7946 import check_rfc7946

#: The H-6K's reach from Neixiang.
REACH_H6K = ("reach", *H6K_FROM_NEIXIANG)


def test_exact_bands_to_geojson_and_json(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        *REACH_H6K, "--refuel-at", "UHWW,UHHH", "--landings", "2", "--overfly", "any",
        "--json", "-o", "reach.geojson",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["method"] == "exact" and record["mode"] == "round-trip"
    assert [band["landings"] for band in record["bands"]] == [0, 1, 2]
    assert set(record["bands"][1]["fields"]) <= {"UHWW", "UHHH"}
    frame = geopandas.read_file(tmp_path / "reach.geojson")
    bands = frame[frame["kind"] == "reach"].sort_values("landings")
    assert list(bands["landings"]) == [0, 1, 2]
    assert set(bands["mode"]) == {"round-trip"}
    assert all(geometry.is_valid for geometry in bands.geometry)
    # Out and back from Neixiang (6,000 km): Vladivostok's field, 2,111 km off, is in the first
    # band. Petropavlovsk-Kamchatsky is 4,311 km off and 1,720 km from Khabarovsk: over it and
    # on to Khabarovsk is 6,031 km (not band 1); out and back from Khabarovsk is (band 2).
    first, second, third = bands.geometry
    kamchatka = Point(158.65, 53.02)
    assert first.covers(Point(132.15, 43.40))
    assert not second.covers(kamchatka) and third.covers(kamchatka)


def test_one_way_with_airspace_rules(rangemap_in_process: Run) -> None:
    result = rangemap_in_process(*REACH_H6K, "--landings", "0", "--one-way")
    assert result.returncode == 0, result.stderr
    assert "keep out of sovereign airspace but CN" in result.stdout
    assert "edges within 10 km" in result.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--landings", "-1"], "landings -1 must be from 0 to 6"),
        (["--landings", "7"], "landings 7 must be from 0 to 6"),
        (["--landings", "two"], "'two' is not a whole number"),
        (["--landings", "1_0"], "'1_0' is not a whole number"),
        (["--landings", "\u0661"], "is not a whole number"),
        (["--refuel-at", "nowhere-at-all"], "nowhere-at-all"),
    ],
)
def test_bad_input_is_one_line(
    rangemap_in_process: Run, tmp_path: Path, arguments: list[str], message: str
) -> None:
    result = rangemap_in_process(*REACH_H6K, *arguments, "-o", "r.html")
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "r.html").exists()


def test_regression_bands_past_half_the_earth_have_their_area_and_fields(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    """The Tu-95MS's one-way bands from Ukrainka cover more than half the Earth: their signed
    area wrapped, the first read 243 instead of 267 million km2, and the 1-landing band, which
    adds about 60 million, was "no further reach", opened by no field."""
    result = rangemap_in_process(
        "reach", "--aircraft", "tu-95ms", "--from", "UHBU", "--refuel-at", "ru-far-east",
        "--landings", "1", "--one-way", "--overfly", "any", "--json", "-o", "reach.geojson",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    first, second = json.loads(result.stdout)["bands"]
    ukrainka = bundled_sites()["UHBU"]
    ring_km2 = disc_area_m2(ukrainka.lat, ukrainka.lon, 10_300.0) / 1e6
    assert first["area_km2"] == pytest.approx(ring_km2, rel=1e-5)
    assert first["area_km2"] == pytest.approx(266_831_786, rel=1e-6)
    features = check_rfc7946(tmp_path / "reach.geojson")["features"]
    written = [shape(f["geometry"]) for f in features if f["properties"]["kind"] == "reach"]
    for band, geometry in zip((first, second), written, strict=True):
        assert band["area_km2"] == pytest.approx(polygon_area_m2(geometry) / 1e6, rel=1e-6)
    assert second["area_km2"] - first["area_km2"] > 55e6
    assert "UHMA" in second["fields"] and "no further reach" not in second["label"]
