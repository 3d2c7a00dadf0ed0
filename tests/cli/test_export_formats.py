"""KML, KMZ and GeoPackage from the real command: a route and rings across 180 open as one line and
one shape in Google Earth, other readers (fastkml with the KML schema, GDAL) agree, the GeoPackage
holds the GeoJSON's features, user text is verbatim, and a run that cannot write leaves no file."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import fastkml
import geopandas
import numpy as np
import pyogrio
from fastkml.utils import find_all
from shapely import wkt
from shapely.geometry import shape

import geo
from basemaps.style import aircraft_colours
from routes import bundled_aircraft, bundled_sites
from tests.basemaps.hostile import NASTY
from tests.basemaps.kml_reading import gdal_read, largest_jump_deg, placemarks, styles
from tests.cli.commands import RING
from tests.cli.conftest import Run
from tests.formats.gpkg_reading import check_round_trip
from tests.geo.rfc7946 import check_rfc7946


def test_route_anadyr_elmendorf_is_one_line(rangemap_in_process: Run, tmp_path: Path) -> None:
    outputs = ["-o", "p.kml", "-o", "p.kmz", "-o", "p.gpkg", "-o", "p.geojson"]
    args = ["--aircraft", "h-6k", "--from", "UHMA", "--to", "PAED", "--overfly", "any"]
    result = rangemap_in_process("plan", *args, *outputs)
    assert result.returncode == 0, result.stderr
    document = (tmp_path / "p.kml").read_bytes()
    marks = placemarks(document)
    (leg,) = [mark for mark in marks if mark.data["kind"] == "leg"]
    (line,) = leg.lines
    assert largest_jump_deg(line) < 180.0
    sites = bundled_sites()
    for (lon, lat), site in ((line[0], sites["UHMA"]), (line[-1], sites["PAED"])):
        assert abs(lat - site.lat) < 1e-6
        assert abs((lon - site.lon + 180.0) % 360.0 - 180.0) < 1e-6
    # Across 180 in one piece, not cut there.
    assert any(line[:, 0].min() < edge < line[:, 0].max() for edge in (-180.0, 180.0))
    assert leg.folders == ("Xian H-6K", "Xian H-6K: route")
    # The map's colours: the aircraft's for the route, each role's for the sites.
    colour = aircraft_colours(["h-6k"], list(bundled_aircraft()))["h-6k"].lower()
    looks = styles(document)
    assert looks[leg.style]["LineStyle"] == "e6" + colour[5:7] + colour[3:5] + colour[1:3]
    # The KMZ is that document, zipped with no date.
    with zipfile.ZipFile(tmp_path / "p.kmz") as archive:
        (entry,) = archive.infolist()
        assert (entry.filename, entry.date_time) == ("doc.kml", (1980, 1, 1, 0, 0, 0))
        assert archive.read(entry) == document
    # fastkml reads it against the KML 2.2 schema; GDAL reads a layer per folder.
    parsed = fastkml.KML.parse(tmp_path / "p.kml")
    assert len(list(find_all(parsed, of_type=fastkml.Placemark))) == len(marks)
    route = pyogrio.read_dataframe(tmp_path / "p.kml", layer="Xian H-6K: route")
    assert list(route.geometry.geom_type) == ["LineString"]
    assert (route["from"][0], route["to"][0]) == ("UHMA", "PAED")
    # The GeoPackage holds the GeoJSON's features, the leg cut at 180 as there.
    features = json.loads((tmp_path / "p.geojson").read_text(encoding="utf-8"))["features"]
    check_round_trip(tmp_path / "p.gpkg", features)
    legs = geopandas.read_file(tmp_path / "p.gpkg", layer="legs")
    assert legs.geometry[0].geom_type == "MultiLineString"


def test_rings_across_180_and_round_the_pole(rangemap_in_process: Run, tmp_path: Path) -> None:
    # From Anadyr, 4,000 km holds the North Pole and 2,000 km crosses 180; from 50 N 170 E
    # both cross 180 and neither reaches the pole.
    result = rangemap_in_process(
        "ring", "--range-km", "4000", "--at", "UHMA", "--at", "50,170", "-o", "r.kml"
    )
    assert result.returncode == 0, result.stderr
    document = (tmp_path / "r.kml").read_bytes()
    rings = [mark for mark in placemarks(document) if mark.data["kind"] == "ring"]
    assert len(rings) == 4
    looks = styles(document)
    for ring in rings:
        polar = ring.data["site"] == "UHMA" and ring.data["mode"] == "reach"
        coordinates = [xy for polygon in ring.polygons for xy in polygon] + ring.lines
        assert all(largest_jump_deg(xy) < 180.0 for xy in coordinates)
        if polar:
            assert len(ring.lines) == 1 and len(ring.polygons) == 4
            assert max(xy[:, 1].max() for xy in coordinates) == 90.0
            assert looks[ring.style]["outline"] == "0"
        else:
            (polygon,) = ring.polygons
            west, east = polygon[0][:, 0].min(), polygon[0][:, 0].max()
            assert not ring.lines and any(west < edge < east for edge in (-180.0, 180.0))
            assert np.abs(np.diff(polygon[0], axis=0)).max() <= 0.2 + 1e-6


def test_site_names_are_verbatim(rangemap_in_process: Run, tmp_path: Path) -> None:
    with (tmp_path / "sites.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "name", "lat", "lon", "country", "tags", "source"])
        writer.writerow(["hostile-site", NASTY, "48.5", "135.1", "RU", "a&b", NASTY])
    outputs = ["-o", "h.kml", "-o", "h.gpkg"]
    args = ["--aircraft", "h-6k", "--sites", "sites.csv", "--at", "hostile-site", "--mode", "reach"]
    result = rangemap_in_process("ring", *args, *outputs)
    assert result.returncode == 0, result.stderr
    document = (tmp_path / "h.kml").read_bytes()
    (site,) = [mark for mark in placemarks(document) if mark.data["kind"] == "site"]
    (ring,) = [mark for mark in placemarks(document) if mark.data["kind"] == "ring"]
    assert (site.name, site.data["source"], site.data["tags"]) == (NASTY, NASTY, '["a&b"]')
    assert ring.data["site_name"] == NASTY and NASTY in ring.name
    assert b"<script>" not in document and b"]]>" not in document
    row = geopandas.read_file(tmp_path / "h.gpkg", layer="sites").iloc[0]
    assert (row["name"], row["source"], row["tags"]) == (NASTY, NASTY, '["a&b"]')


def test_a_run_that_cannot_write_leaves_no_file(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(*RING, "-o", "r.kml", "-o", "gone/r.gpkg")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_text_xml_cannot_hold_is_refused_in_one_line(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    # The catalog takes U+FFFF in a name; XML cannot hold it, so no output takes it (one rule).
    (tmp_path / "sites.csv").write_text(
        "id,name,lat,lon\nx,Bad\uffffName,48.5,135.1\n", encoding="utf-8"
    )
    result = rangemap_in_process(
        "ring",
        "--range-km",
        "1000",
        "--sites",
        "sites.csv",
        "--at",
        "x",
        "-o",
        "x.geojson",
        "-o",
        "x.kml",
    )
    assert result.returncode == 2
    assert result.stderr == (
        "rangemap: error: cannot write 'x.geojson': the text 'Bad\\uffffName' holds U+FFFF, which"
        " XML (SVG, KML) or HTML cannot hold, so no output takes it\n"
    )
    assert {path.name for path in tmp_path.iterdir()} == {"sites.csv"}


def test_a_launch_zone_rounding_would_spoil_exports_to_kml(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    """Its rounded outline crossed itself, and the KML's unwrapping failed (an internal error)."""
    result = rangemap_in_process(
        "strike", "--aircraft", "tu-95ms", "--weapon", "kh-101", "--from", "UHBU",
        "--target", "PGUA", "--launch-from", "international", "-o", "s.kml", "-o", "s.geojson",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    features = check_rfc7946(tmp_path / "s.geojson")["features"]
    zones = [shape(f["geometry"]) for f in features if f["properties"]["kind"] == "launch-zone"]
    assert zones and all(zone.is_valid for zone in zones)
    assert (tmp_path / "s.kml").stat().st_size > 0


def test_rings_round_the_poles_read_right_in_every_client(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    """The Tu-95MS from Anadyr (its reach round the North Pole, across 180) and from the Equator
    (round both poles, the hole across 180), written by the command: the GeoJSON passes the
    validator, its winding survives GDAL's reading, each KML ring is one area in both of GDAL's
    drivers, and the GeoPackage holds the GeoJSON's features."""
    outputs = ["-o", "r.geojson", "-o", "r.kml", "-o", "r.gpkg"]
    result = rangemap_in_process(
        "ring", "--aircraft", "tu-95ms", "--at", "UHMA", "--at", "0,170", *outputs
    )
    assert result.returncode == 0, result.stderr
    collection = check_rfc7946(tmp_path / "r.geojson")
    rings = [f for f in collection["features"] if f["properties"]["kind"] == "ring"]
    assert len(rings) == 4
    for geometry in geopandas.read_file(tmp_path / "r.geojson").geometry:
        for part in getattr(geometry, "geoms", [geometry]):
            if part.geom_type == "Polygon":
                assert part.exterior.is_ccw and not any(hole.is_ccw for hole in part.interiors)
    exact = [shape(ring["geometry"]) for ring in rings]
    for driver in ("KML", "LIBKML"):
        read = gdal_read(tmp_path / "r.kml", "Tupolev Tu-95MS: range rings", driver=driver)
        areas = [wkt.loads(text) for text in read["wkt"] if "POLYGON" in text]
        assert len(areas) == len(exact)
        for area, ring in zip(areas, exact, strict=True):
            assert geo.unwrap(area, center_lon=0.0).symmetric_difference(ring).area < 1e-3
    check_round_trip(tmp_path / "r.gpkg", collection["features"])
