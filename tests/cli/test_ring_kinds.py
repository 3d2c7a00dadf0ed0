"""`rangemap ring` as desktop defence GIS draws rings: concentric rings every so many km or at
listed distances, range fans and radials, in every output format, bad values refused in one
line with nothing written."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pyogrio
import pytest
import shapely
from shapely.geometry import Point, shape

import geo
from tests.cli.commands import H6K_AT_UHMA, RING, refused_before_any_file
from tests.cli.conftest import Run
from tests.geo.rfc7946 import check_rfc7946


def _kinds(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [f["properties"] for f in data["features"] if f["properties"]["kind"] == kind]


def test_every_adds_rings_out_to_the_reach(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        "ring", "--aircraft", "h-6k", "--at", "neixiang", "--every", "1000", "-o", "r.geojson"
    )
    assert result.returncode == 0, result.stderr
    data = check_rfc7946(tmp_path / "r.geojson")
    rings = _kinds(data, "ring")
    # 3,000 km is the combat radius, drawn once as such.
    assert [(r["mode"], r["radius_km"]) for r in rings] == [
        ("reach", 6000.0),
        ("combat_radius", 3000.0),
        ("distance", 1000.0),
        ("distance", 2000.0),
        ("distance", 4000.0),
        ("distance", 5000.0),
    ]
    assert all(r["reserve"] == 0.0 for r in rings if r["mode"] == "distance")


def test_every_follows_the_reserve(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        "ring",
        *("--aircraft", "h-6k", "--at", "neixiang", "--reserve", "0.1", "--every", "2000"),
        *("--mode", "reach", "-o", "r.geojson"),
    )
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "r.geojson").read_text(encoding="utf-8"))
    assert [r["radius_km"] for r in _kinds(data, "ring")] == [5400.0, 2000.0, 4000.0]


def test_listed_distances_across_180_and_round_the_pole(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    """Anadyr: the 2,500 km ring crosses 180, the 5,000 km one holds the North Pole."""
    result = rangemap_in_process(
        "ring", "--range-km", "5000,2500", "--at", "64.73,177.74", "-o", "r.geojson", "-o", "r.kml"
    )
    assert result.returncode == 0, result.stderr
    data = check_rfc7946(tmp_path / "r.geojson")
    rings = _kinds(data, "ring")
    assert [(r["mode"], r["radius_km"]) for r in rings] == [
        ("distance", 2500.0),
        ("distance", 5000.0),
    ]
    assert rings[0]["aircraft_name"] == "rings at 2,500 km and 5,000 km"
    features = [f for f in data["features"] if f["properties"]["kind"] == "ring"]
    assert features[0]["geometry"]["type"] == "MultiPolygon"  # cut at 180
    cap = shape(features[1]["geometry"])
    assert cap.covers(Point(0.0, 90.0)) and cap.bounds[3] == 90.0  # closed along the pole
    kml = (tmp_path / "r.kml").read_text(encoding="utf-8")
    assert "2,500 km from 64.73,177.74" in kml and "5,000 km from 64.73,177.74" in kml


def test_distance_rings_in_a_geopackage(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process("ring", "--range-km", "1000,3000", "--at", "UHBU", "-o", "r.gpkg")
    assert result.returncode == 0, result.stderr
    frame = pyogrio.read_dataframe(tmp_path / "r.gpkg", layer="rings")
    assert list(zip(frame["mode"], frame["radius_km"], strict=True)) == [
        ("distance", 1000.0),
        ("distance", 3000.0),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([*H6K_AT_UHMA, "--every", "0"], "--every 0 must be a distance"),
        ([*H6K_AT_UHMA, "--every", "-5"], "--every -5 must be a distance"),
        (
            [*H6K_AT_UHMA, "--every", "nan"],
            "argument --every: 'nan' is not a finite number",
        ),
        (
            [*H6K_AT_UHMA, "--every", "10"],
            "--every 10 km gives 599 rings per base out to Xian H-6K's 6,000 km: at most 100",
        ),
        (
            [*H6K_AT_UHMA, "--every", "7000"],
            "--every 7000 km gives no ring: it is beyond every aircraft's one-way reach",
        ),
        (
            [*H6K_AT_UHMA, "--every", "500", "--every", "1000"],
            "--every is given more than once",
        ),
        (
            ["--range-km", "2500,x", "--at", "UHMA"],
            "argument --range-km: 'x' is not a number in '2500,x'",
        ),
        (
            ["--range-km", "2500,,5000", "--at", "UHMA"],
            "argument --range-km: '' is not a number in '2500,,5000'",
        ),
        (
            ["--range-km", "2500,-1", "--at", "UHMA"],
            "--range-km -1 must be a number from 1 to 100,000 km",
        ),
        (
            ["--range-km", "2500,nan", "--at", "UHMA"],
            "argument --range-km: 'nan' is not a finite number in '2500,nan'",
        ),
        (
            ["--range-km", "2500,2500", "--at", "UHMA"],
            "--range-km 2500,2500 lists a distance twice",
        ),
        (
            ["--range-km", "2500,5000", "--at", "UHMA", "--mode", "reach"],
            "--mode goes with an aircraft's range",
        ),
    ],
)
def test_bad_ring_values_are_one_line_exit_2_and_no_file(
    rangemap_in_process: Run, tmp_path: Path, args: list[str], message: str
) -> None:
    result = rangemap_in_process("ring", *args, "-o", "out.geojson", "-o", "out.png")
    refused_before_any_file(result, tmp_path, message)


def test_fans_in_every_format(rangemap_in_process: Run, tmp_path: Path) -> None:
    """A CJ-20-like arc from Neixiang, and a fan from Anadyr across 180 over the North Pole."""
    result = rangemap_in_process(
        "ring",
        *("--aircraft", "h-6k", "--at", "neixiang", "--at", "64.73,177.74", "--mode", "reach"),
        *("--fan", "30,120,1000", "--fan", "-60,60"),
        *("-o", "f.geojson", "-o", "f.kml", "-o", "f.gpkg", "-o", "f.html", "-o", "f.png"),
    )
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()]
    assert [row[-3:] for row in rows if "fan" in row] == [
        ["fan", "30-120", "1,000-6,000"],
        ["fan", "300-60", "0-6,000"],
    ] * 2
    data = check_rfc7946(tmp_path / "f.geojson")
    fans = _kinds(data, "fan")
    assert [(f["site"], f["from_azimuth_deg"], f["to_azimuth_deg"], f["min_km"]) for f in fans] == [
        ("neixiang", 30.0, 120.0, 1000.0),
        ("neixiang", 300.0, 60.0, 0.0),
        ("64.73N177.74E", 30.0, 120.0, 1000.0),
        ("64.73N177.74E", 300.0, 60.0, 0.0),
    ]
    assert {f["max_km"] for f in fans} == {6000.0}
    polar = shape(
        data["features"][[f["properties"] for f in data["features"]].index(fans[3])]["geometry"]
    )
    assert polar.covers(Point(0.0, 90.0))
    frame = pyogrio.read_dataframe(tmp_path / "f.gpkg", layer="fans")
    assert list(frame["from_azimuth_deg"]) == [30.0, 300.0, 30.0, 300.0]
    kml = (tmp_path / "f.kml").read_text(encoding="utf-8")
    assert "Xian H-6K: range fans" in kml
    # GDAL reads the folder as a layer of four areas, the one round the pole by the pole rule
    # (its fill in sectors, its outline a placemark of its own).
    layer = pyogrio.read_dataframe(tmp_path / "f.kml", layer="Xian H-6K: range fans")
    areas = list(layer[layer.geom_type.isin(["Polygon", "MultiPolygon"])].geometry)
    assert len(areas) == 4
    for read, written in zip(areas, fans, strict=True):
        index = [f["properties"] for f in data["features"]].index(written)
        expected = geo.area_km2(shape(data["features"][index]["geometry"]))
        # Sectors meet along meridians, so GEOS calls the pole rule's MultiPolygon invalid:
        # their union is the area.
        pieces = geo.polygonal(shapely.union_all(list(shapely.get_parts(read))))
        whole = geo.polygonal(shapely.union_all([geo.unwrap(pieces, center_lon=0.0)]))
        assert math.isclose(geo.area_km2(whole), expected, rel_tol=1e-3)
    assert (
        "Xian H-6K from Nanyang-Neixiang, Henan: fan 30\u00b0\u2013120\u00b0, 1,000\u20136,000 km"
        in kml
    )
    page = (tmp_path / "f.html").read_text(encoding="utf-8")
    assert "fan 300\u00b0\u201360\u00b0, 0\u20136,000 km (clockwise)" in page


@pytest.mark.parametrize(
    ("fan", "message"),
    [
        ("nan,120", "--fan 'nan,120': FROM_AZ 'nan' is not a finite number"),
        ("30,inf", "--fan '30,inf': TO_AZ 'inf' is not a finite number"),
        ("30,east", "--fan '30,east': TO_AZ 'east' is not a number"),
        ("30", "--fan '30': give FROM_AZ,TO_AZ or FROM_AZ,TO_AZ,MIN_KM"),
        ("30,120,5,7", "--fan '30,120,5,7': give FROM_AZ,TO_AZ"),
        ("30,120,-5", "--fan '30,120,-5': MIN_KM -5 must be at least 0 km"),
        ("30,1200", "--fan '30,1200': TO_AZ 1200 must be from -360 to 360 degrees"),
        ("30,-330", "--fan '30,-330': FROM_AZ and TO_AZ point the same way"),
        ("30,120,7000", "--fan 30,120,7000: MIN_KM 7,000 must be less than Xian H-6K's one-way"),
    ],
)
def test_bad_fans_are_one_line_exit_2_and_no_file(
    rangemap_in_process: Run, tmp_path: Path, fan: str, message: str
) -> None:
    result = rangemap_in_process(*RING, "--fan", fan, "-o", "o.geojson", "-o", "o.png")
    refused_before_any_file(result, tmp_path, message)


def test_a_fan_past_where_geodesics_stay_shortest_is_refused(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    result = rangemap_in_process(
        "ring", "--range-km", "19990", "--at", "UHMA", "--fan", "0,90", "-o", "o.kml"
    )
    assert result.returncode == 2
    assert "one-way reach, 19,990 km, is beyond 19,964 km" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_radials_out_to_the_outermost_ring(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        "ring",
        *("--aircraft", "h-6k", "--at", "64.73,177.74", "--aircraft", "tu-95ms", "--at", "UHBU"),
        *("--radials", "8", "-o", "r.geojson", "-o", "r.kml", "-o", "r.gpkg", "-o", "r.html"),
    )
    assert result.returncode == 0, result.stderr
    data = check_rfc7946(tmp_path / "r.geojson")
    radials = _kinds(data, "radial")
    assert [(r["aircraft"], r["azimuth_deg"], r["length_km"]) for r in radials] == [
        ("h-6k", 45.0 * k, 6000.0) for k in range(8)
    ] + [("tu-95ms", 45.0 * k, 10_300.0) for k in range(8)]
    east = next(f for f in data["features"] if f["properties"] == radials[2])
    assert east["geometry"]["type"] == "MultiLineString"  # cut at 180
    frame = pyogrio.read_dataframe(tmp_path / "r.gpkg", layer="radials")
    assert len(frame) == 16 and set(frame.geom_type) <= {"LineString", "MultiLineString"}
    kml = (tmp_path / "r.kml").read_text(encoding="utf-8")
    assert "Xian H-6K: radials" in kml and "radial 90\u00b0, 6,000 km" in kml
    assert "radial 45\u00b0, 10,300 km" in (tmp_path / "r.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "--radials 0 must be a whole number from 1 to 360"),
        ("2.5", "argument --radials: '2.5' is not a whole number"),
        ("nan", "argument --radials: 'nan' is not a whole number"),
        ("361", "--radials 361 must be a whole number from 1 to 360"),
        ("x", "argument --radials: 'x' is not a whole number"),
    ],
)
def test_bad_radials_are_one_line_exit_2_and_no_file(
    rangemap_in_process: Run, tmp_path: Path, value: str, message: str
) -> None:
    result = rangemap_in_process(*RING, "--radials", value, "-o", "o.kmz")
    refused_before_any_file(result, tmp_path, message)


def test_radials_at_listed_azimuths(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        "ring",
        *("--range-km", "3000", "--at", "-33.9,151.2", "--radials-at", "-45,90,200"),
        *("--radials", "2", "-o", "r.geojson", "-o", "r.png"),
    )
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "r.geojson").read_text(encoding="utf-8"))
    assert [r["azimuth_deg"] for r in _kinds(data, "radial")] == [0.0, 90.0, 180.0, 200.0, 315.0]
    assert {r["length_km"] for r in _kinds(data, "radial")} == {3000.0}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("10,nan", "--radials-at '10,nan': azimuth 'nan' is not a finite number"),
        ("10,x", "--radials-at '10,x': azimuth 'x' is not a number"),
        ("10,-350", "--radials-at '10,-350': azimuth 10 is given twice"),
        # A typo of 400 for 40.0 is refused, never wrapped (issue 25's rule for coordinates).
        ("10,400", "--radials-at '10,400': azimuth 400 must be from -360 to 360 degrees"),
        ("10,", "--radials-at '10,': azimuth '' is not a number"),
    ],
)
def test_bad_radial_azimuths_are_one_line_exit_2_and_no_file(
    rangemap_in_process: Run, tmp_path: Path, value: str, message: str
) -> None:
    result = rangemap_in_process(*RING, "--radials-at", value, "-o", "o.gpkg")
    refused_before_any_file(result, tmp_path, message)
