"""GeoJSON writing: RFC 7946 collections on disk that geopandas reads back, written atomically."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas
import pytest
import shapely
from hypothesis import example, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, Polygon, box, shape

import geo
from formats.geojson import feature, write_geojson
from tests.geo.rfc7946 import check_rfc7946


def test_written_collection_reads_back_in_geopandas(tmp_path: Path) -> None:
    ring = geo.range_ring(lat=64.7349, lon=177.741, radius_km=1500)
    path = geo.geodesic_path(lat1=32.97, lon1=111.88, lat2=21.32, lon2=-157.92)
    target = write_geojson(
        tmp_path / "out.geojson",
        [
            feature(ring, {"kind": "ring", "name": "Anadyr <1500 km>"}),
            feature(path, {"kind": "leg"}),
        ],
    )
    frame = geopandas.read_file(target)
    assert list(frame["kind"]) == ["ring", "leg"]
    assert frame.geometry[0].geom_type == "MultiPolygon"
    assert frame.geometry[1].geom_type == "MultiLineString"
    # Rounding to 1e-6 degree moves the boundary by at most 5e-7 degree along a perimeter of ~70.
    assert frame.geometry[0].symmetric_difference(ring).area < 70 * 1e-6
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert data["features"][0]["properties"]["name"] == "Anadyr <1500 km>"


def test_coordinates_are_rounded_to_a_micro_degree() -> None:
    data = feature(Point(128.44512345678, 51.17000000049), {})
    assert data["geometry"] == {"type": "Point", "coordinates": [128.445123, 51.17]}


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "out.geojson"
    with pytest.raises(ValueError, match="Out of range float values"):
        write_geojson(target, [feature(Point(0, 0), {"value": float("nan")})])
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_previous_file(tmp_path: Path) -> None:
    target = write_geojson(tmp_path / "out.geojson", [feature(Point(1, 2), {})])
    before = target.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="Out of range float values"):
        write_geojson(target, [feature(Point(0, 0), {"value": float("inf")})])
    assert target.read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.geojson"]


def test_an_area_that_rounding_would_cross_itself_stays_valid() -> None:
    """A vertex 0.4 micro-degree off an edge would land on it when rounded: GEOS snaps the area
    to the grid instead, so QGIS and shapely read a valid (here two-part) area."""
    pinched = Polygon([(0, 0), (2, 0), (2, 1), (1, 4e-7), (0, 1)])
    written = shape(feature(pinched, {})["geometry"])
    assert written.is_valid and written.area == pytest.approx(pinched.area, abs=1e-6)


@settings(max_examples=12, deadline=None)
@example(lat=64.73, lon=177.74, radius_km=2000.0)  # Anadyr: cut at 180
@example(lat=64.73, lon=177.74, radius_km=6000.0)  # round the North Pole, across 180
@example(lat=-70.0, lon=170.0, radius_km=3000.0)  # round the South Pole
@example(lat=0.0, lon=10.0, radius_km=10300.0)  # both poles: the globe less a hole across 180
@example(lat=10.0, lon=100.0, radius_km=15000.0)  # both poles, the hole clear of 180
@example(lat=0.0, lon=10.0, radius_km=20003.93)  # the globe less a hole of 31 m
@given(
    lat=st.floats(-89.0, 89.0),
    lon=st.floats(-180.0, 180.0),
    radius_km=st.floats(100.0, 19_900.0),
)
def test_regression_written_rings_wind_as_rfc7946_asks(
    tmp_path_factory: pytest.TempPathFactory, lat: float, lon: float, radius_km: float
) -> None:
    """GEOS's snapping to the 1e-6 degree grid wound every written exterior clockwise, so that
    clients trusting winding read the complement of each ring."""
    ring = geo.range_ring(lat=lat, lon=lon, radius_km=radius_km)
    path = tmp_path_factory.mktemp("rings") / "ring.geojson"
    write_geojson(path, [feature(ring, {"kind": "ring"})])
    (written,) = check_rfc7946(path)["features"]
    # Counter-clockwise round the ring itself: the area holds the centre.
    assert shape(written["geometry"]).covers(Point(lon, lat))


def test_holes_are_written_clockwise(tmp_path: Path) -> None:
    square = Polygon([(0, 0), (0, 4), (4, 4), (4, 0)], [[(1, 1), (1, 2), (2, 2), (2, 1)]])
    shapes = [square, square.reverse(), shapely.MultiPolygon([square, box(10, 0, 11, 1)])]
    path = write_geojson(tmp_path / "holes.geojson", [feature(s, {}) for s in shapes])
    assert len(check_rfc7946(path)["features"]) == 3
