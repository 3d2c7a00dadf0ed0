"""KML for Google Earth from the library: continuous longitudes, densified fills, the pole rule,
the map's colours, TimeSpans on timed legs, and user text written verbatim."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import numpy as np
import pytest
import shapely
from hypothesis import example, given, settings
from hypothesis import strategies as st
from shapely import wkt
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box, shape

import geo
from basemaps.content import content_of
from basemaps.kml import MAX_STEP_DEG, kml_bytes
from basemaps.style import ROLE_COLOURS
from formats.features import ring_feature, site_feature
from formats.geojson import feature
from rangemap.outputs import write_outputs
from routes import Site, bundled_sites, find_aircraft
from routes.range_model import range_rings
from tests.basemaps.hostile import NASTY, hostile
from tests.basemaps.kml_reading import Mark, gdal_read, largest_jump_deg, placemarks, styles


def ring_features(lat: float, lon: float, radius_km: float) -> list[dict[str, Any]]:
    ring = geo.range_ring(lat=lat, lon=lon, radius_km=radius_km)
    properties = {
        "kind": "ring",
        "aircraft": "test",
        "aircraft_name": "Test",
        "site_name": "here",
        "radius_km": radius_km,
        "mode": "reach",
    }
    return [feature(ring, properties)]


def filled(mark: Mark) -> Any:
    """The union of a placemark's polygons, in [-180, 180]."""
    pieces = [geo.unwrap(Polygon(rings[0], rings[1:]), center_lon=0.0) for rings in mark.polygons]
    return shapely.union_all(pieces)


def check_edges(xy: np.ndarray) -> None:
    """Google Earth's flat fill follows the outline: edges at most MAX_STEP_DEG long, but those
    along a meridian or a pole (straight either way)."""
    step = np.abs(np.diff(xy, axis=0)).max(axis=1)
    straight = (np.diff(xy[:, 0]) == 0.0) | (
        (np.abs(xy[:-1, 1]) == 90.0) & (np.diff(xy[:, 1]) == 0.0)
    )
    assert step[~straight].max(initial=0.0) <= MAX_STEP_DEG + 1e-6


@settings(max_examples=8, deadline=None)
@example(lat=64.73, lon=177.74, radius_km=2000.0)  # Anadyr: across 180
@example(lat=64.73, lon=177.74, radius_km=6000.0)  # round the North Pole
@example(lat=-70.0, lon=170.0, radius_km=3000.0)  # round the South Pole
@example(lat=0.0, lon=10.0, radius_km=10300.0)  # both poles, the antipode's hole across 180
@example(lat=0.0, lon=10.0, radius_km=20003.93)  # the whole Earth
@given(
    lat=st.floats(-89.0, 89.0),
    lon=st.floats(-180.0, 180.0),
    radius_km=st.floats(300.0, 19_000.0),
)
def test_rings_are_continuous_and_fill_as_the_geojson(
    lat: float, lon: float, radius_km: float
) -> None:
    features = ring_features(lat, lon, radius_km)
    document = kml_bytes(features, content_of("rings"))
    (mark,) = placemarks(document)
    exact = shape(features[0]["geometry"])
    for line in mark.lines:
        assert largest_jump_deg(line) < 180.0
    for polygon in mark.polygons:
        for ring in polygon:
            assert largest_jump_deg(ring) < 180.0
            check_edges(ring)
    # The fill is the ring, to the 1e-6 degree of the coordinates.
    assert filled(mark).symmetric_difference(exact).area < 1e-4
    looks = styles(document)[mark.style]
    touches_pole = bool(np.any(np.abs(shapely.get_coordinates(exact)[:, 1]) == 90.0))
    if not touches_pole:
        # One shape, drawn with its outline.
        assert len(mark.polygons) == 1 and not mark.lines
        assert looks.get("outline") != "0"
        return
    # Round a pole: the fill in sectors of 90 degrees drawn without outline, and the outline as
    # lines on the ring's true edge (not along the sectors' sides).
    assert looks["outline"] == "0"
    assert mark.lines or exact.area == 360.0 * 180.0  # the whole Earth has no edge
    for polygon in mark.polygons:
        west, east = polygon[0][:, 0].min(), polygon[0][:, 0].max()
        assert west >= -180.0 and east <= 180.0 and east - west <= 90.0
    edge = exact.boundary
    for line in mark.lines:
        on_edge = shapely.distance(
            shapely.points(shapely.get_coordinates(geo.unwrap(LineString(line), center_lon=0.0))),
            edge,
        )
        assert on_edge.max() < 1e-5


def test_regression_a_band_whose_unwrapping_leaves_lines_keeps_its_outline() -> None:
    # A reach band round the pole with an island cut at 180 on one side only: unwrapping it
    # gives polygons and lines, and the outline of a band in sectors was lost.
    band = MultiPolygon([box(-180, 60, 180, 90), box(175, 10, 180, 12)])
    properties = {"kind": "reach", "aircraft": "test", "label": "2 landings", "mode": "reach"}
    (mark,) = placemarks(kml_bytes([feature(band, properties)], content_of("band")))
    outline = MultiLineString([line.tolist() for line in mark.lines])
    assert outline.length == pytest.approx(360.0 + 5.0 + 2.0 + 5.0)
    assert filled(mark).symmetric_difference(band).area < 1e-6


def test_colours_are_the_maps() -> None:
    sites = bundled_sites()
    rings = [
        *range_rings(find_aircraft("tu-95ms"), [sites["UHBU"]], modes=("reach",)),
        *range_rings(find_aircraft("h-6k"), [sites["neixiang"]], modes=("reach",)),
    ]
    content = content_of("two aircraft", rings=rings)
    features = [ring_feature(ring) for ring in rings]
    features += [site_feature(ring.site, "base") for ring in rings]
    features.append(site_feature(sites["UHMA"], "refuel"))
    document = kml_bytes(features, content)
    looks = styles(document)
    by_name = {plane.id: plane for plane in content.aircraft()}
    for mark in placemarks(document):
        if mark.data["kind"] == "ring":
            colour = content.colour(by_name[mark.data["aircraft"]]).lower()
            kml = colour[5:7] + colour[3:5] + colour[1:3]  # KML's bbggrr
            assert looks[mark.style]["LineStyle"] == "ff" + kml
            assert looks[mark.style]["PolyStyle"] == "1f" + kml  # 12 % as the map's fill
            name = by_name[mark.data["aircraft"]].name
            assert mark.folders == (name, f"{name}: range rings")
        else:
            colour = ROLE_COLOURS[mark.data["role"]].lower()
            assert looks[mark.style]["IconStyle"] == "ff" + colour[5:7] + colour[3:5] + colour[1:3]
            assert mark.folders == ("Sites",)


def timed_legs() -> list[dict[str, Any]]:
    line = MultiLineString([[(170.0, 60.0), (180.0, 61.0)], [(-180.0, 61.0), (-170.0, 62.0)]])
    properties = {"kind": "leg", "aircraft": "h-6k", "from": "A", "to": "B", "distance_km": 1.0}
    return [
        feature(
            line,
            {**properties, "departs": "2019-07-23T00:00:00Z", "arrives": "2019-07-23T02:30:00Z"},
        ),
        feature(line, properties),
    ]


def test_timed_legs_carry_a_timespan(tmp_path: Path) -> None:
    import fastkml
    from fastkml.utils import find_all

    document = kml_bytes(timed_legs(), content_of("timed"))
    first, second = placemarks(document)
    assert second.times == {}
    begin, end = (datetime.fromisoformat(first.times[key]) for key in ("begin", "end"))
    assert (begin, end) == (
        datetime(2019, 7, 23, 0, 0, tzinfo=UTC),
        datetime(2019, 7, 23, 2, 30, tzinfo=UTC),
    )
    # A leg across 180 is one line, its longitudes continuous.
    assert len(first.lines) == 1 and largest_jump_deg(first.lines[0]) < 180.0
    path = tmp_path / "timed.kml"
    path.write_bytes(document)
    parsed = fastkml.KML.parse(path)  # validated against the KML 2.2 schema
    spans = [mark.times for mark in find_all(parsed, of_type=fastkml.Placemark)]
    assert spans[0] is not None and spans[0].begin is not None
    assert spans[0].begin.dt == begin and spans[1] is None


@pytest.mark.parametrize("departs", ["23 July 2019", "2019-07-23T00:00:00", 20190723])
def test_a_bad_time_fails_before_any_file_is_written(tmp_path: Path, departs: Any) -> None:
    features = timed_legs()
    features[0]["properties"]["departs"] = departs
    paths = [tmp_path / "legs.geojson", tmp_path / "legs.kml", tmp_path / "legs.gpkg"]
    with pytest.raises(ValueError, match="departs"):
        write_outputs(paths, features, content_of("timed"))
    assert list(tmp_path.iterdir()) == []


@settings(max_examples=25, deadline=None)
@example(name=NASTY, source=NASTY)
@given(name=hostile, source=hostile)
def test_user_text_comes_out_verbatim(name: str, source: str) -> None:
    site = Site(id="hostile", name=name, lat=48.5, lon=135.1, source=source, tags=frozenset([name]))
    document = kml_bytes([site_feature(site, "base")], content_of(name))
    (mark,) = placemarks(document)
    assert mark.name == name
    assert (mark.data["name"], mark.data["source"]) == (name, source)
    assert json.loads(mark.data["tags"]) == [name]
    # Escaped once, as XML text: no markup of the user's gets through, and nothing twice.
    text = document.decode("utf-8")
    assert f"<name>{escape(name)}</name>" in text
    assert "<script>" not in text and "]]>" not in text


def test_regression_gdal_reads_rings_round_a_pole_as_their_areas(tmp_path: Path) -> None:
    """A ring round a pole was one placemark of sector polygons and outline lines, which both of
    GDAL's drivers read as a GeometryCollection: QGIS drew nothing of it. The fill is now a
    MultiPolygon and the outline a placemark of its own."""
    features = [
        *ring_features(64.73, 177.74, 6000.0),  # round the North Pole
        *ring_features(64.73, 177.74, 2000.0),  # across 180
        *ring_features(-70.0, 170.0, 3000.0),  # round the South Pole
    ]
    path = tmp_path / "rings.kml"
    path.write_bytes(kml_bytes(features, content_of("rings")))
    exact = [shape(item["geometry"]) for item in features]
    for driver in ("KML", "LIBKML"):
        read = [
            wkt.loads(text) for text in gdal_read(path, "Test: range rings", driver=driver)["wkt"]
        ]
        kinds = [geometry.geom_type for geometry in read]
        assert kinds == ["MultiPolygon", "LineString", "Polygon", "MultiPolygon", "LineString"]
        areas = [geometry for geometry in read if geometry.geom_type.endswith("Polygon")]
        for area, ring in zip(areas, exact, strict=True):
            assert geo.unwrap(area, center_lon=0.0).symmetric_difference(ring).area < 1e-4
        outlines = [geometry for geometry in read if geometry.geom_type == "LineString"]
        for outline, ring in zip(outlines, (exact[0], exact[2]), strict=True):
            assert outline.length > 360.0 and ring.boundary.buffer(1e-5).covers(
                geo.unwrap(outline, center_lon=0.0)
            )


def test_regression_gdal_keeps_the_properties_typed(tmp_path: Path) -> None:
    """Untyped <Data> read as text in LIBKML; typed SimpleData keep numbers, booleans, nulls."""
    leg = LineString([(170.0, 60.0), (175.0, 61.0)])
    common = {"kind": "leg", "aircraft": "h-6k", "from": "A", "to": "B", "tags": ["x", "y"]}
    features = [
        feature(leg, {**common, "distance_km": 512.25, "bends": 2, "ends_with_refuel": True}),
        feature(leg, {**common, "distance_km": 100.0, "bends": 0, "ends_with_refuel": None}),
    ]
    path = tmp_path / "legs.kml"
    document = kml_bytes(features, content_of("legs"))
    path.write_bytes(document)
    first, _ = placemarks(document)
    assert first.types == {
        "kind": "string",
        "aircraft": "string",
        "from": "string",
        "to": "string",
        "tags": "string",
        "distance_km": "double",
        "bends": "int",
        "ends_with_refuel": "bool",
    }
    read = gdal_read(path, "H-6K: route", driver="LIBKML")
    assert read["types"]["distance_km"] == "float64" and read["types"]["bends"] == "int32"
    assert read["types"]["ends_with_refuel"] == "bool"
    rows = read["rows"]
    assert [row["distance_km"] for row in rows] == [512.25, 100.0]
    assert [row["bends"] for row in rows] == [2, 0]
    assert [row["ends_with_refuel"] for row in rows] == [True, None]
    assert json.loads(rows[0]["tags"]) == ["x", "y"]
    # GDAL's KML driver reads only each placemark's name and description, whatever its data.
    plain = gdal_read(path, "H-6K: route", driver="KML")
    assert [row["Name"] for row in plain["rows"]] == ["A to B: 512 km", "A to B: 100 km"]
