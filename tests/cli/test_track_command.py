"""`rangemap track FILE` (issue 14): a flown track's length, zones and landings; careless and
hostile track files refused in one line naming the file and the row, with no file written."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli.commands import refused_track_file
from tests.cli.conftest import Run
from tests.routes.tracks import PATROL, TAKE_OFF, points_along, write_csv

XXE = """<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&secret;</name>
<LineString><coordinates>130,40 131,41</coordinates></LineString></Placemark></kml>
"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&d;</name>
<LineString><coordinates>130,40 131,41</coordinates></LineString></Placemark></kml>
"""
KML_LINE = (
    '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><LineString><coordinates>'
    "{}</coordinates></LineString></Placemark></kml>"
)
LINE = '{{"type": "Feature", "properties": {{}}, "geometry": {{"type": "LineString", "coordinates": {}}}}}'


def test_a_10000_point_track_through_the_command_line(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    write_csv(tmp_path / "patrol.csv", *points_along(PATROL, 10_000))
    result = rangemap_in_process(
        "track", "patrol.csv", "--aircraft", "h-6k", "--refuel-at", "ru-far-east",
        "--overfly", "any", "--json", "-o", "patrol.geojson", "-o", "patrol.html",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["points"] == 10_000 and len(record["legs_km"]) == 9_999
    assert record["unrefuelled"] is False
    assert [landing["field"] for landing in record["landings"]] == ["UHSS"]
    assert "breaks off the track" in record["landing_model"]
    assert {"adiz-KR", "adiz-JP", "adiz-CN-ECS"} <= {e["zone"] for e in record["events"]}
    features = json.loads((tmp_path / "patrol.geojson").read_text())["features"]
    legs = [f["properties"] for f in features if f["properties"]["kind"] == "leg"]
    assert legs[0]["departs"] == "2019-07-23T00:00:00Z" and all(leg["arrives"] for leg in legs)
    # The map plays the track back with its own times.
    page = (tmp_path / "patrol.html").read_text(encoding="utf-8")
    start = page.index('<script id="rangemap-data" type="application/json">')
    data = page[page.index(">", start) + 1 : page.index("</script>", start)]
    (flight,) = json.loads(data)["timeline"]["flights"]
    assert flight["times"][0] == TAKE_OFF * 1000 and flight["name"] == "Xian H-6K"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("t.csv", "lat,lon\n40,130\n95,131\n", "latitude 95 is outside [-90, 90] in row 3 of"),
        ("t.csv", "lat,lon\n40,130\nforty,131\n", "latitude 'forty' is not a number in row 3"),
        ("t.csv", "lat,lon\n40,130\nnan,131\n", "latitude 'nan' is not a finite number in row 3"),
        ("t.csv", "lat,lon\n40,130\n41,200\n", "longitude 200 is outside [-180, 180] in row 3"),
        ("t.csv", "lat,lon,time\n40,130,2019-07-23T01:00Z\n41,131,noon\n", "time 'noon' is not"),
        (
            "t.csv",
            "lat,lon,time\n40,130,2019-07-23T01:00Z\n41,131,2019-07-23T00:59Z\n",
            "time 2019-07-23T00:59:00Z comes before 2019-07-23T01:00:00Z, the time of the point "
            "before in row 3 of",
        ),
        (
            "t.csv",
            "lat,lon,time\n40,130,2019-07-23T01:00Z\n41,131,\n",
            "a time is missing (give one for every point or for none) in row 3",
        ),
        ("t.csv", "lat,lon\n", "holds no point: a track needs two or more"),
        ("t.csv", "lat,lon\n40,130\n", "holds a single point"),
        ("t.csv", "lat,lon\n40,130\n40,130\n", "never leaves its first point"),
        ("t.csv", "lat,lon\n10,180\n10,-180\n", "never leaves its first point"),
        ("t.txt", "lat,lon\n40,130\n41,131\n", "is of an unknown format"),
        ("t.gpx", "<gpx/>", "holds no point"),
        ("t.geojson", "{", "is not JSON"),
        ("t.geojson", LINE.format("[[130, 40], [131, NaN]]"), "is not JSON"),
        ("t.geojson", LINE.format('[[130, 40], [131, "x"]]'), "in feature 1, position 2 of"),
        ("t.geojson", LINE.format("[[130, 40], [131]]"), "no [lon, lat] position in feature 1"),
        ("t.geojson", LINE.format(f"[[1{'0' * 400}, 40], [131, 41]]"), "integer overflow"),
        ("t.csv", "lat,lon\n40,180.0000004\n41,131\n", "longitude 180.0000004 is outside"),
        ("t.kml", "<kml><Placemark>", "is not well-formed XML (line 1, column 16)"),
        ("t.kml", XXE, "declares a DTD or entities, which are refused"),
        ("t.kml", LAUGHS, "declares a DTD or entities, which are refused"),
        ("t.kml", KML_LINE.format("130,40 131;41"), "in LineString 1, coordinate 2 of"),
        ("t.kml", KML_LINE.format("130,40 131,-91"), "latitude -91 is outside [-90, 90]"),
    ],
)
def test_careless_and_hostile_track_files_are_one_line_and_exit_2(
    tmp_path: Path, name: str, data: str, message: str
) -> None:
    error = refused_track_file(tmp_path, name, data, message)
    assert "root:" not in error  # nothing of /etc/passwd


def test_a_track_too_long_without_fields_is_reported_then_exit_3(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    (tmp_path / "t.csv").write_text("lat,lon\n40,130\n40,150\n40,170\n", encoding="utf-8")
    result = rangemap_in_process("track", str(tmp_path / "t.csv"), "--range-km", "2000")
    assert result.returncode == 3
    out, error = result.stdout, result.stderr
    assert "unrefuelled: no" in out and "crosses the known JADIZ line inbound" in out
    assert "enters ADIZ JP" not in out and "in ADIZ" not in out
    assert error.startswith("rangemap: no plan:") and "no field is allowed" in error


def test_the_help_states_the_landing_model(rangemap_in_process: Run) -> None:
    result = rangemap_in_process("track", "--help")
    assert result.returncode == 0, result.stderr
    assert "breaks off the track" in " ".join(result.stdout.split())


def test_the_track_file_cannot_be_an_output(rangemap_in_process: Run, tmp_path: Path) -> None:
    (tmp_path / "t.geojson").write_text(LINE.format("[[130, 40], [131, 41]]"), encoding="utf-8")
    result: subprocess.CompletedProcess[str] = rangemap_in_process(
        "track", "t.geojson", "--range-km", "3000", "-o", "t.geojson"
    )
    assert result.returncode == 2 and "it is an input of this run" in result.stderr
