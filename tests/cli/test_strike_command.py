"""`rangemap strike` and `rangemap weapons`: launch zones and plans to files and JSON, and bad
input answered in one line."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas
import pytest
from shapely.geometry import Point

import airspace
import geo
from tests.cli.commands import H6K_FROM_NEIXIANG
from tests.cli.conftest import Run

#: The Tu-95MS from Ukrainka (give the weapon and target).
TU95_STRIKE = ("strike", "--aircraft", "tu-95ms", "--from", "UHBU")
#: The H-6K's CJ-20 at Guam, from Neixiang.
H6K_AT_GUAM = ("strike", *H6K_FROM_NEIXIANG, "--weapon", "cj-20", "--target", "PGUA")


def test_kh101_at_tokyo_from_russian_airspace(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        *TU95_STRIKE, "--weapon", "kh-101", "--target", "RJTY", "--launch-from", "domestic",
        "--json", "-o", "strike.geojson",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["launch_rule"] == "domestic" and record["weapon_range_km"] == 4500
    lat, lon = record["launch_point"]
    # Ukrainka lies in Russian airspace within 4,500 km of Tokyo: the bomber launches from home.
    assert record["launch_at_base"] and record["plan"] is None
    assert airspace.sovereign_zone("RU").geometry.covers(Point(lon, lat))
    frame = geopandas.read_file(tmp_path / "strike.geojson")
    zone = frame[frame["kind"] == "launch-zone"].geometry.iloc[0]
    missile = frame[frame["kind"] == "missile"]
    assert zone.is_valid and zone.covers(Point(lon, lat))
    assert float(missile["distance_km"].iloc[0]) == pytest.approx(record["missile_km"])
    assert record["missile_km"] <= 4500


def test_cj20_at_guam_from_international_airspace(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        *H6K_AT_GUAM, "--refuel-at", "ru-far-east", "--json", "-o", "guam.geojson"
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    lat, lon = record["launch_point"]
    assert record["launch_rule"] == "international"
    assert record["missile_km"] == pytest.approx(2400, abs=0.5)
    assert geo.distance_km(lat1=lat, lon1=lon, lat2=13.5839, lon2=144.9301) <= 2400.5
    sovereign = [zone for zone in airspace.zones() if zone.kind == "sovereign"]
    assert not any(zone.geometry.contains(Point(lon, lat)) for zone in sovereign)
    plan = record["plan"]
    assert plan["legs"][0]["to"] == "launch" and plan["legs"][-1]["to"] == "neixiang"
    # The track keeps out of every foreign state's airspace (CN and RU are allowed).
    for leg in plan["legs"]:
        assert set(leg["km_by_airspace"]) <= {"international", "CN", "RU"}
    frame = geopandas.read_file(tmp_path / "guam.geojson")
    assert {"launch-zone", "missile", "leg", "site"} <= set(frame["kind"])
    roles = set(frame[frame["kind"] == "site"]["role"])
    assert {"origin", "target", "launch"} <= roles


def test_regression_the_way_home_crosses_the_chinese_line_without_entering(
    rangemap_in_process: Run,
) -> None:
    """Issue 23: the flight home was said to enter ADIZ CN, a zone known only as a line east of
    China: each leg now lists the known lines it crosses, the way home included."""
    result = rangemap_in_process(*H6K_AT_GUAM)
    assert result.returncode == 0, result.stderr
    out, home = result.stdout.splitlines(), result.stdout.splitlines()[-2]
    assert home.startswith("launch    neixiang") and home.endswith("ADIZ TW; ADIZ CN line")
    assert not [line for line in out if "ADIZ CN" in line and "line" not in line.split("ADIZ")[-1]]


def test_escort_cover_bounds_the_launch_point(rangemap_in_process: Run) -> None:
    result = rangemap_in_process(*H6K_AT_GUAM, "--escort", "j-16", "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["escort"] == {"fighter": "j-16", "radius_km": 2000.0, "bases": ["ZYQQ"]}
    lat, lon = record["launch_point"]
    assert geo.distance_km(lat1=lat, lon1=lon, lat2=47.2396, lon2=123.918) <= 2000.001


def test_empty_zone_is_no_plan(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        *TU95_STRIKE, "--weapon", "kh-55", "--target", "PHNL", "--launch-from", "domestic",
        "-o", "x.html",
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert "no point from its own airspace (RU) lies within 2,500 km (Kh-55)" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--weapon", "kh-1o1"], "unknown weapon 'kh-1o1'; did you mean kh-101"),
        (["--weapon", "cj-20"], "does not carry the CJ-20 (KD-20) (carried by h-6k)"),
        (["--weapon", "kh-101", "--launch-from", "mars"], "--launch-from 'mars' is not"),
        (["--weapon", "kh-101", "--escort-from", "UHKD"], "--escort-from goes with --escort"),
        (["--weapon", "kh-101", "--escort", "a-50"], "no site hosts the Beriev A-50"),
        (
            ["--weapon", "kh-101", "--escort", "su-35s", "--escort-from", ""],
            "--escort-from '' holds an empty name",
        ),
        (["--weapon", "kh-101", "--refuel-at", "any:RU"], "--refuel-at 'any:RU': every airport"),
        (["--weapon", "kh-101", "--target=13.4,504.8"], "longitude 504.8 is outside [-180, 180]"),
        (["--weapon", "kh-101", "--target=UHBU"], "the target UHBU is the base itself"),
    ],
)
def test_bad_input_is_one_line(
    rangemap_in_process: Run, tmp_path: Path, arguments: list[str], message: str
) -> None:
    # A case that names its own target replaces RJTY (an option given twice is refused).
    target = [] if any(a.startswith("--target") for a in arguments) else ["--target", "RJTY"]
    result = rangemap_in_process(*TU95_STRIKE, *target, *arguments, "-o", "s.html")
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "s.html").exists()


def test_weapons_list(rangemap_in_process: Run) -> None:
    table = rangemap_in_process("weapons")
    assert table.returncode == 0 and "kh-101" in table.stdout
    records = json.loads(rangemap_in_process("weapons", "--json").stdout)
    assert {record["id"] for record in records} >= {"kh-101", "kh-55sm", "cj-20"}
    assert all(record["source"] and record["carriers"] for record in records)


def test_an_aircraft_given_by_its_range_carries_any_weapon(rangemap_in_process: Run) -> None:
    result = rangemap_in_process(
        "strike", "--range-km", "8000", "--weapon", "kh-101", "--from", "UHBU",
        "--target", "PGUA", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["aircraft"] == "custom" and record["missile_km"] <= 4500.001
