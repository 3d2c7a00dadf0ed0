"""GeoPackage from the library: a layer per kind that has features, read back by geopandas with the
GeoJSON's geometries (cut at 180) and properties, user text verbatim."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import geopandas
import pandas
import pyogrio
import pytest
from hypothesis import example, given, settings
from shapely.geometry import LineString, Point

import geo
from formats.features import site_feature
from formats.geojson import feature
from formats.gpkg import gpkg_bytes
from routes import Site
from tests.basemaps.hostile import NASTY, hostile
from tests.formats.gpkg_reading import check_round_trip


def every_kind() -> list[dict[str, Any]]:
    """A feature of each kind, with nulls, booleans, lists and objects among the properties;
    the ring and the leg cross 180, so their GeoJSON is cut there."""
    ring = geo.range_ring(lat=64.73, lon=177.74, radius_km=2000.0)
    zone = geo.range_ring(lat=30.0, lon=140.0, radius_km=800.0)
    leg = geo.geodesic_path(lat1=64.73, lon1=177.74, lat2=61.25, lon2=-149.8)
    plane = {"aircraft": "h-6k"}
    return [
        feature(ring, {"kind": "ring", **plane, "radius_km": 2000.0, "mode": "reach"}),
        feature(
            leg,
            {
                "kind": "leg",
                **plane,
                "from": "UHMA",
                "to": "PAED",
                "duration_h": None,
                "ends_with_refuel": False,
                "bends": 0,
                "km_by_airspace": {"RU": 299.5, "international": 1370.4},
                "departs": "2019-07-23T00:00:00Z",
            },
        ),
        feature(leg, {"kind": "leg", **plane, "from": "PAED", "to": "UHMA", "bends": 2}),
        feature(
            Point(-168.97, 65.0),
            {
                "kind": "zone-crossing",
                **plane,
                "zone": "adiz-us-alaska",
                "event": "enter",
                "time": "2019-07-23T01:12:30+09:00",
            },
        ),
        feature(ring, {"kind": "reach", **plane, "landings": 0, "fields": ["UHMA", "UHPP"]}),
        feature(
            zone, {"kind": "launch-zone", **plane, "launch_rule": ["RU", "KP"], "escort": None}
        ),
        feature(
            LineString([(135.0, 35.0), (140.0, 30.0)]),
            {"kind": "missile", **plane, "weapon": "cj-20", "distance_km": 720.5},
        ),
        site_feature(Site(id="UHMA", name="Anadyr", lat=64.73, lon=177.74, country="RU"), "origin"),
    ]


def test_every_kind_round_trips(tmp_path: Path) -> None:
    features = every_kind()
    path = tmp_path / "all.gpkg"
    path.write_bytes(gpkg_bytes(features))
    check_round_trip(path, features)
    # RFC 7946's cut at 180 stays: the ring across it is a MultiPolygon of two parts.
    rings = geopandas.read_file(path, layer="rings")
    assert rings.geometry[0].geom_type == "MultiPolygon" and len(rings.geometry[0].geoms) == 2


def test_regression_times_are_datetimes(tmp_path: Path) -> None:
    """Times were TEXT columns: QGIS and geopandas read them as strings, not as times."""
    path = tmp_path / "timed.gpkg"
    path.write_bytes(gpkg_bytes(every_kind()))
    with sqlite3.connect(path) as database:
        declared = {
            (table, column): kind
            for table in ("legs", "zone_crossings")
            for _, column, kind, *_ in database.execute(f'PRAGMA table_info("{table}")')
        }
    assert declared["legs", "departs"] == declared["zone_crossings", "time"] == "DATETIME"
    legs = geopandas.read_file(path, layer="legs")
    assert str(legs["departs"].dtype) == "datetime64[ms, UTC]"
    assert list(legs["departs"]) == [pandas.Timestamp("2019-07-23T00:00:00Z"), pandas.NaT]
    (crossing,) = geopandas.read_file(path, layer="zone_crossings")["time"]
    assert crossing == pandas.Timestamp("2019-07-22T16:12:30Z")


def test_a_time_without_its_offset_is_refused() -> None:
    leg = LineString([(135.0, 35.0), (140.0, 30.0)])
    with pytest.raises(ValueError, match="arrives '2019-07-23T02:30:00' is not an ISO 8601"):
        gpkg_bytes([feature(leg, {"kind": "leg", "arrives": "2019-07-23T02:30:00"})])


def test_only_layers_with_features_and_an_empty_file_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "sites.gpkg"
    path.write_bytes(gpkg_bytes([every_kind()[-1]]))
    assert [name for name, _ in pyogrio.list_layers(path)] == ["sites"]
    path.write_bytes(gpkg_bytes([]))
    assert len(geopandas.read_file(path, layer="sites")) == 0


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind 'mystery'"):
        gpkg_bytes([feature(Point(0, 0), {"kind": "mystery"})])


@settings(max_examples=10, deadline=None)
@example(name=NASTY, source=NASTY)
@given(name=hostile, source=hostile)
def test_user_text_comes_back_verbatim(name: str, source: str) -> None:
    import tempfile

    site = Site(id="hostile", name=name, lat=48.5, lon=135.1, source=source, tags=frozenset([name]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hostile.gpkg"
        path.write_bytes(gpkg_bytes([site_feature(site, "base")]))
        row = geopandas.read_file(path, layer="sites").iloc[0]
    assert (row["name"], row["source"], json.loads(row["tags"])) == (name, source, [name])
