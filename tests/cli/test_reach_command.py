"""`rangemap reach`: bands as GeoJSON and JSON, and bad input answered in one line."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas
import pytest
from shapely.geometry import Point

from tests.cli.conftest import Run


def test_exact_bands_to_geojson_and_json(rangemap: Run, tmp_path: Path) -> None:
    result = rangemap(
        "reach",
        "--aircraft",
        "h-6k",
        "--from",
        "neixiang",
        "--refuel-at",
        "UHWW,UHHH",
        "--landings",
        "2",
        "--overfly",
        "any",
        "--json",
        "-o",
        "reach.geojson",
    )
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


def test_one_way_with_airspace_rules(rangemap: Run) -> None:
    result = rangemap(
        "reach", "--aircraft", "h-6k", "--from", "neixiang", "--landings", "0", "--one-way"
    )
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
    rangemap: Run, tmp_path: Path, arguments: list[str], message: str
) -> None:
    result = rangemap(
        "reach", "--aircraft", "h-6k", "--from", "neixiang", *arguments, "-o", "r.html"
    )
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "r.html").exists()
