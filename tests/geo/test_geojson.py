"""GeoJSON writing: RFC 7946 collections on disk that geopandas reads back, written atomically."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas
import pytest
from shapely.geometry import Point

import geo


def test_written_collection_reads_back_in_geopandas(tmp_path: Path) -> None:
    ring = geo.range_ring(lat=64.7349, lon=177.741, radius_km=1500)
    path = geo.geodesic_path(lat1=32.97, lon1=111.88, lat2=21.32, lon2=-157.92)
    target = geo.write_geojson(
        tmp_path / "out.geojson",
        [
            geo.feature(ring, {"kind": "ring", "name": "Anadyr <1500 km>"}),
            geo.feature(path, {"kind": "leg"}),
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
    data = geo.feature(Point(128.44512345678, 51.17000000049), {})
    assert data["geometry"] == {"type": "Point", "coordinates": [128.445123, 51.17]}


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "out.geojson"
    with pytest.raises(ValueError, match="Out of range float values"):
        geo.write_geojson(target, [geo.feature(Point(0, 0), {"value": float("nan")})])
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_previous_file(tmp_path: Path) -> None:
    target = geo.write_geojson(tmp_path / "out.geojson", [geo.feature(Point(1, 2), {})])
    before = target.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="Out of range float values"):
        geo.write_geojson(target, [geo.feature(Point(0, 0), {"value": float("inf")})])
    assert target.read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.geojson"]


def test_an_area_that_rounding_would_cross_itself_stays_valid() -> None:
    """A vertex 0.4 micro-degree off an edge would land on it when rounded: GEOS snaps the area
    to the grid instead, so QGIS and shapely read a valid (here two-part) area."""
    from shapely.geometry import Polygon, shape

    pinched = Polygon([(0, 0), (2, 0), (2, 1), (1, 4e-7), (0, 1)])
    written = shape(geo.feature(pinched, {})["geometry"])
    assert written.is_valid and written.area == pytest.approx(pinched.area, abs=1e-6)
