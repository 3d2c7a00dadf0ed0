"""`--takeoff` and scenario take-off times: legs and crossings stamped in UTC, and clear errors."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.commands import H6K_FLIGHT, PLAN_H6K, SCENARIO_HEADER, one_line_error, write
from tests.cli.conftest import Run

PLAN = (*PLAN_H6K, "--via", "40,135")


def test_takeoff_stamps_legs_and_crossings(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(*PLAN, "--takeoff", "2019-07-23T06:00+09:00", "-o", "p.geojson")
    assert result.returncode == 0, result.stderr
    assert "timeline (UTC, at 768 km/h" in result.stdout
    assert "2019-07-22 21:00  takes off from Nanyang-Neixiang" in result.stdout
    features = json.loads((tmp_path / "p.geojson").read_text())["features"]
    legs = [f["properties"] for f in features if f["properties"]["kind"] == "leg"]
    assert legs[0]["departs"] == "2019-07-22T21:00:00Z"
    assert legs[0]["arrives"] == legs[1]["departs"]  # overflown: no time on the ground
    for leg in legs:
        hours = _time(leg["arrives"]) - _time(leg["departs"])
        assert hours / timedelta(hours=1) == pytest.approx(leg["duration_h"], abs=1e-3)
    crossings = [f["properties"] for f in features if f["properties"]["kind"] == "zone-crossing"]
    assert crossings and all(
        _time(legs[0]["departs"]) <= _time(c["time"]) <= _time(legs[-1]["arrives"])
        for c in crossings
    )


def test_takeoff_in_json(rangemap_in_process: Run) -> None:
    result = rangemap_in_process(*PLAN, "--takeoff", "2019-07-22T21:00Z", "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["timeline"]["takeoff"] == "2019-07-22T21:00:00Z"
    assert record["timeline"]["events"][-1]["kind"] == "lands"
    assert record["legs"][0]["departs"] == "2019-07-22T21:00:00Z"
    untimed = json.loads(rangemap_in_process(*PLAN, "--json").stdout)
    assert untimed["timeline"] is None and "departs" not in untimed["legs"][0]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--takeoff", "tomorrow"), "--takeoff 'tomorrow' is not an ISO 8601 time"),
        (("--takeoff", "0999-01-01"), "outside the years 1900 to 2200"),
        (("--takeoff", "2019-07-22", "--turnaround-h", "-1"), "--turnaround-h -1 must be"),
    ],
)
def test_bad_takeoff_is_one_line(
    rangemap_in_process: Run, tmp_path: Path, extra: tuple[str, ...], message: str
) -> None:
    one_line_error(rangemap_in_process(*PLAN, *extra, "-o", "p.html"), 2, message)
    assert not (tmp_path / "p.html").exists()


def test_an_aircraft_without_speed_cannot_be_timed(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    result = rangemap_in_process(
        "plan", "--range-km", "6000", "--from", "neixiang", "--via", "40,135",
        "--takeoff", "2019-07-22", "-o", "p.geojson",
    )  # fmt: skip
    one_line_error(result, 2, "has no cruise speed")
    assert not (tmp_path / "p.geojson").exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"soon"', "takeoff 'soon' is not an ISO 8601 time"),
        ("42", "takeoff '42' must be a date-time"),
        ("2019-07-22T21:00:00Z\nturnaround_h = 100", "turnaround_h 100 must be from 0 to 72"),
        ("1800-01-01", "s.toml, flight 1: takeoff '1800-01-01' is outside the years 1900 to 2200"),
    ],
)
def test_bad_scenario_takeoff_names_the_key(
    rangemap_in_process: Run, tmp_path: Path, value: str, message: str
) -> None:
    text = f'{SCENARIO_HEADER}{H6K_FLIGHT}waypoints = ["40,135"]\ntakeoff = {value}\n'
    one_line_error(rangemap_in_process("scenario", write(tmp_path, "s.toml", text)), 2, message)


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_kml_plays_the_timed_flight_in_google_earth(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    """Legs carry a TimeSpan and zone crossings a TimeStamp, the same times as the GeoJSON's."""
    import xml.etree.ElementTree as ET

    result = rangemap_in_process(
        *PLAN, "--takeoff", "2019-07-22T21:00Z", "-o", "p.kml", "-o", "p.geojson"
    )
    assert result.returncode == 0, result.stderr
    features = json.loads((tmp_path / "p.geojson").read_text())["features"]
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    marks = ET.parse(tmp_path / "p.kml").getroot().iterfind(".//k:Placemark", ns)
    spans, stamps = [], []
    for mark in marks:
        begin, end = mark.find("k:TimeSpan/k:begin", ns), mark.find("k:TimeSpan/k:end", ns)
        when = mark.find("k:TimeStamp/k:when", ns)
        if begin is not None and end is not None:
            spans.append((_time(begin.text or ""), _time(end.text or "")))
        if when is not None:
            stamps.append(_time(when.text or ""))
    kinds = [f["properties"] for f in features]
    legs = [(_time(p["departs"]), _time(p["arrives"])) for p in kinds if p["kind"] == "leg"]
    crossings = [_time(p["time"]) for p in kinds if p["kind"] == "zone-crossing"]
    assert spans == legs and len(legs) == 2
    assert sorted(stamps) == sorted(crossings) and crossings


def test_a_catalog_aircraft_without_speed_says_so(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(*PLAN[:2], "j-16", *PLAN[3:], "--takeoff", "2024-01-01")
    one_line_error(result, 2, "Shenyang J-16 has no cruise speed to time its flight by")
    text = (
        f'{SCENARIO_HEADER}[[flights]]\naircraft = "a-50"\n'
        'origin = "UHKD"\nwaypoints = ["40,135"]\ntakeoff = 2019-07-22T21:00:00Z\n'
    )
    message = "s.toml, flight 1: Beriev A-50 has no cruise speed in the catalog"
    one_line_error(rangemap_in_process("scenario", write(tmp_path, "s.toml", text)), 2, message)


def test_a_late_takeoff_may_land_after_the_last_year(rangemap_in_process: Run) -> None:
    result = rangemap_in_process(*PLAN, "--takeoff", "2200-12-31T23:00Z", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["timeline"]["lands"].startswith("2201-01-01")
