"""Tracks as analysts have them (issue 21.3): the `traffic` library's own exports, OpenSky-style
CSV, bare GeoJSON geometries, RFC 3339 times in any case, epoch seconds, GPX, rangemap's own plan
GeoJSON with its times; and files of several flights, or lines with a gap (issue 25.10), read as
separate flights, never one track with a leg nobody flew."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from formats.tracks.read import TrackFileError, read_track
from tests.cli.commands import refused_track_file
from tests.cli.conftest import run_in_process
from tests.routes.tracks import PATROL, points_along, write_csv

TRAFFIC = Path(__file__).resolve().parent.parent / "data" / "traffic"
KML = (
    '<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">'
    "<Document>{}</Document></kml>"
)
GPX = '<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1">{}</gpx>'


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def line(coordinates: object, **properties: object) -> dict[str, object]:
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {
            "type": "MultiLineString"
            if isinstance(coordinates, list) and isinstance(coordinates[0][0], list)
            else "LineString",
            "coordinates": coordinates,
        },
    }


def collection(*features: dict[str, object]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


# -- the traffic library's own exports (scripts/traffic_samples.py) ---------------------------


def test_a_flight_exported_by_traffic_to_csv_is_read_with_its_times() -> None:
    path = TRAFFIC / "belevingsvlucht.csv"
    expected = rows(path)
    track = read_track(path)
    assert len(track) == len(expected) == 905
    assert track.lat.tolist() == [float(row["latitude"]) for row in expected]
    assert track.lon.tolist() == [float(row["longitude"]) for row in expected]
    assert track.times is not None
    assert track.times.tolist() == [
        datetime.fromisoformat(row["timestamp"]).timestamp() for row in expected
    ]


def test_the_geometry_traffic_gives_a_flight_is_a_track() -> None:
    track = read_track(TRAFFIC / "belevingsvlucht-geometry.json")
    expected = rows(TRAFFIC / "belevingsvlucht.csv")
    assert track.times is None and len(track) == 905
    assert np.allclose(track.lat, [float(row["latitude"]) for row in expected], atol=1e-9)


def test_three_flights_exported_by_traffic_are_named_not_joined() -> None:
    path = TRAFFIC / "quickstart-three-flights.csv"
    with pytest.raises(TrackFileError) as caught:
        read_track(path)
    message = str(caught.value)
    # In the order they first appear in the file.
    assert "holds 3 flights ('MSR799 0101de', 'TAR722 02a195', 'QQE940 06a133')" in message
    assert "never joined into one: pick one with flight NAME (or its number, 1 to 3)" in message
    worded = caught.value.worded(lambda name: f"--{name}")
    assert "pick one with --flight NAME" in worded
    by_callsign = read_track(path, flight="qqe940")
    assert len(by_callsign) == 14 and by_callsign.flight == "QQE940 06a133"
    assert read_track(path, flight="2").flight == "TAR722 02a195"
    assert read_track(path, flight="0101de").lat.tolist() == [
        float(row["latitude"]) for row in rows(path) if row["callsign"] == "MSR799"
    ]


# -- OpenSky-style CSV, column names, times ----------------------------------------------------


def test_opensky_state_vectors_interleaved_with_epoch_seconds(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "states.csv",
        "time,icao24,lat,lon,callsign\n"
        "1563840000,780a3b,40.0,130.0,CCA101  \n"
        "1563840000,4b1805,50.0,10.0,SWR12\n"
        "1563840010,780a3b,,,CCA101\n"  # no position: skipped, as OpenSky rows often are
        "1563840020,780a3b,40.1,130.2,CCA101\n"
        "1563840020,4b1805,50.1,10.1,SWR12\n",
    )
    with pytest.raises(TrackFileError, match="holds 2 flights \\('CCA101 780a3b', 'SWR12 4b1805'"):
        read_track(path)
    track = read_track(path, flight="CCA101")
    assert track.lat.tolist() == [40.0, 40.1] and track.lon.tolist() == [130.0, 130.2]
    assert track.times is not None and track.times.tolist() == [1563840000.0, 1563840020.0]


@pytest.mark.parametrize(
    "header", ["latitude,longitude,timestamp", "lat,lng,time", "lat,long,time", "lat,lon,time"]
)
def test_the_column_names_analysts_use(tmp_path: Path, header: str) -> None:
    path = write(
        tmp_path, "t.csv", f"{header}\n40,130,2019-07-23t01:00:00z\n41,131,2019-07-23t01:10z\n"
    )
    track = read_track(path)
    assert track.times is not None
    assert track.times.tolist() == [1563843600.0, 1563844200.0]


def test_a_flight_id_column_tells_flights_apart(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f.csv",
        "flight_id,callsign,lat,lon\nA_1,X,40,130\nA_1,X,41,131\nA_2,X,10,100\nA_2,X,11,101\n",
    )
    with pytest.raises(TrackFileError, match="holds 2 flights \\('A_1', 'A_2'\\)"):
        read_track(path)
    assert read_track(path, flight="A_2").lat.tolist() == [10.0, 11.0]


def test_a_flightradar24_csv_with_its_position_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "fr24.csv",
        "Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction\n"
        '1563843600,2019-07-23T01:00:00Z,CCA101,"40.0,130.0",30000,450,90\n'
        '1563847200,2019-07-23T02:00:00Z,CCA101,"40.5,135.0",30000,450,90\n',
    )
    track = read_track(path)
    assert track.lat.tolist() == [40.0, 40.5] and track.lon.tolist() == [130.0, 135.0]
    assert track.times is not None and track.times.tolist() == [1563843600.0, 1563847200.0]


# -- GeoJSON --------------------------------------------------------------------------------


def test_lower_case_rfc_3339_times_and_epoch_numbers_in_geojson(tmp_path: Path) -> None:
    text = collection(
        line(
            [[130, 40], [131, 41], [132, 42]],
            times=["2019-07-23t01:00:00z", 1563847200, "1563850800"],
        )
    )
    track = read_track(write(tmp_path, "t.geojson", text))
    assert track.times is not None
    assert track.times.tolist() == [1563843600.0, 1563847200.0, 1563850800.0]


def test_a_bare_multilinestring_cut_at_180_is_one_track(tmp_path: Path) -> None:
    geometry = {
        "type": "MultiLineString",
        "coordinates": [[[170, 50], [180, 51]], [[-180, 51], [-170, 52]]],
    }
    track = read_track(write(tmp_path, "t.geojson", json.dumps(geometry)))
    # The point where the parts meet is given once: no leg of zero length at 180.
    assert track.lon.tolist() == [170.0, 180.0, -170.0] and track.flight == ""


def test_parts_with_a_gap_are_separate_flights(tmp_path: Path) -> None:
    """Regression (issue 25.10): the parts were joined by a geodesic leg across the gap."""
    path = write(
        tmp_path, "t.geojson", collection(line([[[130, 40], [131, 41]], [[150, 40], [151, 41]]]))
    )
    with pytest.raises(TrackFileError) as caught:
        read_track(path)
    assert "holds 2 flights ('feature 1 part 1', 'feature 1 part 2'), never joined" in str(
        caught.value
    )
    assert read_track(path, flight="feature 1 part 2").lon.tolist() == [150.0, 151.0]


def test_rangemap_plan_geojson_is_read_with_its_times(tmp_path: Path) -> None:
    plans = []
    for aircraft, origin in (("h-6k", "neixiang"), ("tu-95ms", "UHBU")):
        output = tmp_path / f"{aircraft}.geojson"
        result = run_in_process(
            tmp_path,
            *("plan", "--aircraft", aircraft, "--from", origin, "--via", "40,135"),
            *("--overfly", "any", "--takeoff", "2019-07-23T00:00Z", "-o", str(output)),
        )
        assert result.returncode == 0, result.stderr
        plans.append(json.loads(output.read_text(encoding="utf-8"))["features"])
    legs = [f["properties"] for f in plans[0] if f["properties"]["kind"] == "leg"]
    track = read_track(tmp_path / "h-6k.geojson")
    assert track.times is not None
    assert track.times[0] == datetime.fromisoformat(legs[0]["departs"]).timestamp()
    assert track.times[-1] == datetime.fromisoformat(legs[-1]["arrives"]).timestamp()
    assert np.all(np.diff(track.times) >= 0.0)
    # Two aircraft's plans in one file are two flights.
    both = write(tmp_path, "both.geojson", collection(*plans[0], *plans[1]))
    with pytest.raises(TrackFileError, match="holds 2 flights \\('h-6k', 'tu-95ms'\\)"):
        read_track(both)
    assert read_track(both, flight="tu-95ms").lat[0] == pytest.approx(51.17, abs=0.01)


def test_rangemap_track_output_read_back_is_the_track_without_its_diverts(tmp_path: Path) -> None:
    write_csv(tmp_path / "p.csv", *points_along(PATROL, 500))
    output = tmp_path / "out.geojson"
    args = ["--aircraft", "h-6k", "--refuel-at", "ru-far-east", "--overfly", "any"]
    result = run_in_process(tmp_path, "track", str(tmp_path / "p.csv"), *args, "-o", str(output))
    assert result.returncode == 0, result.stderr
    flown, back = read_track(tmp_path / "p.csv"), read_track(output)
    diverts = [
        f
        for f in json.loads(output.read_text())["features"]
        if f["properties"].get("flown") is False
    ]
    # The track cut at each divert point, that point given twice (leaving and rejoining the
    # track, the time between spent on the divert), and no divert leg.
    assert len(back) == len(flown) + len(diverts) and diverts
    # (GeoJSON is written to 6 decimals.)
    assert (
        np.isin(flown.lon.round(6), back.lon).all() and np.isin(flown.lat.round(6), back.lat).all()
    )
    assert back.times is not None and np.all(np.diff(back.times) >= 0.0)


# -- KML and GPX ------------------------------------------------------------------------------


def test_kml_line_strings_with_a_gap_are_separate_flights(tmp_path: Path) -> None:
    marks = (
        "<Placemark><name>out</name><LineString><coordinates>130,40 131,41</coordinates>"
        "</LineString></Placemark><Placemark><name>back</name><LineString><coordinates>"
        "140,40 141,41</coordinates></LineString></Placemark>"
    )
    path = write(tmp_path, "t.kml", KML.format(marks))
    with pytest.raises(TrackFileError, match="holds 2 flights \\('out', 'back'\\)"):
        read_track(path)
    assert read_track(path, flight="back").lon.tolist() == [140.0, 141.0]


def test_gx_tracks_that_touch_are_one_flight_and_those_apart_two(tmp_path: Path) -> None:
    def track(*points: tuple[str, str]) -> str:
        whens = "".join(f"<when>{time}</when>" for time, _ in points)
        coords = "".join(f"<gx:coord>{coord} 9000</gx:coord>" for _, coord in points)
        return f"<gx:Track>{whens}{coords}</gx:Track>"

    first = track(("2019-07-23t01:00z", "130 40"), ("2019-07-23T02:00Z", "131 41"))
    touching = track(("2019-07-23T03:00Z", "131 41"), ("2019-07-23T04:00Z", "132 42"))
    apart = track(("2019-07-23T05:00Z", "150 42"), ("2019-07-23T06:00Z", "151 42"))
    joined = read_track(
        write(tmp_path, "a.kml", KML.format(f"<Placemark>{first}{touching}</Placemark>"))
    )
    # Landed at 02:00, left at 03:00: both points are kept, with their times.
    assert joined.lon.tolist() == [130.0, 131.0, 131.0, 132.0]
    path = write(tmp_path, "b.kml", KML.format(f"<Placemark>{first}{apart}</Placemark>"))
    with pytest.raises(TrackFileError, match="holds 2 flights \\('gx:Track 1', 'gx:Track 2'\\)"):
        read_track(path)


def test_gpx_tracks_and_segments(tmp_path: Path) -> None:
    def segment(*points: tuple[float, float, str]) -> str:
        return (
            "<trkseg>"
            + "".join(
                f'<trkpt lat="{lat}" lon="{lon}"><ele>9000</ele><time>{time}</time></trkpt>'
                for lat, lon, time in points
            )
            + "</trkseg>"
        )

    out = segment((40, 130, "2019-07-23T01:00:00Z"), (41, 131, "2019-07-23T02:00:00.5Z"))
    on = segment((41, 131, "2019-07-23T02:00:00.5Z"), (42, 132, "2019-07-23t03:00:00z"))
    one = read_track(write(tmp_path, "a.gpx", GPX.format(f"<trk><name>B-52</name>{out}{on}</trk>")))
    assert one.lat.tolist() == [40.0, 41.0, 42.0] and one.times is not None
    assert one.times[1] == 1563847200.5
    two = write(
        tmp_path,
        "b.gpx",
        GPX.format(f"<trk><name>B-52</name>{out}</trk><trk><name>KC-135</name>{on}</trk>"),
    )
    with pytest.raises(TrackFileError, match="holds 2 flights \\('B-52', 'KC-135'\\)"):
        read_track(two)
    assert read_track(two, flight="kc-135").lat.tolist() == [41.0, 42.0]


# -- careless and hostile files: one line, exit 2, no file written ----------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "t.csv",
            "latitude,lat,lon\n1,1,1\n",
            "has two latitude columns (latitude, lat): keep one",
        ),
        (
            "t.csv",
            "x,y\n1,2\n",
            "has no latitude column (name it lat or latitude, or give one position",
        ),
        ("t.csv", "Lat,lat,lon\n1,1,1\n", "has two latitude columns (Lat, lat)"),
        ("t.csv", 'position,lat\n"1,2",1\n', "has both a position column and a lat column"),
        (
            "t.csv",
            'Position\n"40,130"\n"41,131,9"\n',
            "position '41,131,9' is not 'lat,lon' in row 3",
        ),
        ("t.csv", "lat,lon,time\n40,130,99999999999999\n41,131,1\n", "outside the years 1900"),
        ("t.csv", "lat,lon,time\n40,130,0\n41,131,4\n", "time '0' is too small for seconds"),
        ("t.csv", "lat,lon,time\n40,130,20190723\n41,131,20190724\n", "a date without dashes"),
        ("t.csv", "lat,lon\n40,130\n40,\n", "longitude '' is not a number in row 3"),
        ("t.geojson", collection(line([[130, 40], [131, 41]], times="noon")), "times that are not"),
        (
            "t.geojson",
            collection(line([[130, 40], [131, 41]], departs="2019-07-23T02:00Z", arrives="x")),
            "arrives 'x' is not an ISO 8601 time",
        ),
        ("t.geojson", '{"type": "Polygon", "coordinates": []}', "is not a GeoJSON Feature"),
        ("t.geojson", "[" * 100_000, "is not a GeoJSON Feature"),
        (
            "t.geojson",
            collection(line([[130, 40], [131, 41]], callsign="CCA\u0007")),
            "the flight's name 'CCA\\x07' holds control characters",
        ),
        (
            "t.geojson",
            collection(line([[130, 40], [131, 41]], callsign="CCA\ud800")),
            "is text no UTF-8 can carry (the lone surrogate escape \\ud800 at byte",
        ),
        ("t.geojson", '{"type": "Feature", "properties": {"a": ' + "[" * 100_000, "is not JSON"),
        ("t.geojson", '{"type": "FeatureCollection", "features": [' + "{}," * 1000, "is not JSON"),
        (
            "t.kml",
            KML.format(
                "<Placemark><gx:Track><when>2019-07-23T01:00Z</when><gx:coord>1 2 3"
                "</gx:coord><gx:coord>2 3 4</gx:coord></gx:Track></Placemark>"
            ),
            "1 <when> for 2 <gx:coord> in gx:Track 1",
        ),
        (
            "t.gpx",
            GPX.format('<trk><trkseg><trkpt lat="1" lon="2"/><trkpt lon="3"/></trkseg></trk>'),
            "latitude '' is not a number in trk 1 segment 1, trkpt 2",
        ),
        ("t.gpx", '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "b">]><gpx/>', "declares a DTD"),
        ("t.gpx", KML.format(""), "is not GPX (its root is not <gpx>)"),
        (
            "t.gpx",
            GPX.format(
                '<trk><trkseg><trkpt lat="1" lon="2"><time>2019-07-23T01:00Z</time>'
                '</trkpt><trkpt lat="2" lon="3"/></trkseg></trk>'
            ),
            "a time is missing (give one for every point or for none) in trk 1 segment 1, trkpt 2",
        ),
    ],
)
def test_careless_and_hostile_files_are_one_line_and_exit_2(
    tmp_path: Path, name: str, data: str, message: str
) -> None:
    refused_track_file(tmp_path, name, data, message)


def test_an_unknown_flight_names_those_there_are(tmp_path: Path) -> None:
    output = tmp_path / "out.geojson"
    path = str(TRAFFIC / "quickstart-three-flights.csv")
    for flight, message in [
        ("AFR1", "has no flight 'AFR1'; its flights are 'MSR799 0101de', 'TAR722 02a195'"),
        ("4", "has no flight '4'"),
        (None, "holds 3 flights"),
    ]:
        extra = [] if flight is None else ["--flight", flight]
        result = run_in_process(
            tmp_path, "track", path, "--range-km", "3000", *extra, "-o", str(output)
        )
        assert result.returncode == 2, result.stderr
        error = result.stderr
        assert error.count("\n") == 1 and message in error, error
        assert not output.exists()


def test_the_flight_picked_is_named_in_the_report(tmp_path: Path) -> None:
    path = str(TRAFFIC / "quickstart-three-flights.csv")
    picked = run_in_process(
        tmp_path, "track", path, "--range-km", "3000", "--flight", "TAR722", "--json"
    )
    assert picked.returncode == 0, picked.stderr
    record = json.loads(picked.stdout)
    assert record["flight"] == "TAR722 02a195" and record["points"] == 37
    second = run_in_process(tmp_path, "track", path, "--range-km", "3000", "--flight", "2")
    assert second.returncode == 0, second.stderr
    assert "flight 'TAR722 02a195': 37 points" in second.stdout
