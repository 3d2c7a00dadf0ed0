"""Catalogs: bundled rows agree with airportsdata, lookups, and users' files validated row by row."""

from __future__ import annotations

from pathlib import Path

import airportsdata
import pytest

from formats.frames import rings_frame, sites_frame
from formats.sites import read_sites
from routes import (
    CatalogError,
    Site,
    UnknownSiteError,
    bundled_aircraft,
    bundled_sites,
    find_aircraft,
)
from routes.range_model import range_rings
from tests.geo.rfc7946 import check_rfc7946

REQUIRED_TAGS = {"ru-far-east", "ru-long-range-aviation", "cn-bomber-base", "target"}


def test_the_aircraft_of_the_source_analysis_are_there_with_sources() -> None:
    aircraft = bundled_aircraft()
    assert aircraft["tu-95ms"].range_km == 10_300 and aircraft["h-6k"].range_km == 6000
    for plane in aircraft.values():
        assert plane.source and plane.figure in ("range", "ferry_range", "combat_radius")


def test_catalog_coordinates_with_an_icao_code_agree_with_airportsdata() -> None:
    airports = airportsdata.load("ICAO")
    checked = 0
    for site in bundled_sites().values():
        if site.id in airports:
            airport = airports[site.id]
            assert abs(site.lat - airport["lat"]) < 1e-6, site.id
            assert abs(site.lon - airport["lon"]) < 1e-6, site.id
            assert site.country == airport["country"], site.id
            checked += 1
    assert checked >= 20


def test_every_site_has_a_source_and_the_tags_the_planner_uses() -> None:
    sites = bundled_sites()
    assert all(site.source for site in sites.values())
    assert {tag for site in sites.values() for tag in site.tags} >= REQUIRED_TAGS
    assert len(sites.tagged("ru-far-east")) >= 10


@pytest.mark.parametrize(
    ("query", "expected"),
    [("UHMA", "UHMA"), ("uhma", "UHMA"), ("Khabarovsk Novy", "UHHH"), ("NEIXIANG", "neixiang")],
)
def test_lookup_by_id_or_name_ignores_case(query: str, expected: str) -> None:
    assert bundled_sites().resolve(query).id == expected


def test_any_icao_code_resolves_through_airportsdata() -> None:
    narita = bundled_sites().resolve("rjaa")
    assert narita.id == "RJAA" and narita.country == "JP"
    assert abs(narita.lat - 35.76) < 0.01


def test_lat_lon_resolves_to_a_point_with_its_own_id() -> None:
    point = bundled_sites().resolve(" 45.7 , 142 ")
    assert (point.id, point.lat, point.lon) == ("45.7N142E", 45.7, 142.0)
    assert bundled_sites().resolve("-33.9,-151").id == "33.9S151W"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("Anadir", "unknown site 'Anadir'"),
        ("95,10", "latitude 95 is outside [-90, 90] in '95,10'"),
        ("", "a site name is empty"),
    ],
)
def test_unknown_sites_fail_with_a_message(query: str, message: str) -> None:
    with pytest.raises(UnknownSiteError) as caught:
        bundled_sites().resolve(query)
    assert str(caught.value).startswith(message)


def test_unknown_site_suggests_the_closest_names() -> None:
    with pytest.raises(UnknownSiteError, match=r"did you mean UHMA \(Anadyr Ugolny, Chukotka\)"):
        bundled_sites().resolve("Anadir")
    with pytest.raises(UnknownSiteError, match="did you mean h-6k"):
        find_aircraft("h6k")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_users_csv_sites_are_read_and_merged(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mine.csv",
        "id,name,lat,lon,tags\nshemya,Eareckson Air Station,52.7123,174.1136,us-base;aleutians\n",
    )
    sites = read_sites(path)
    catalog = bundled_sites().merged(sites)
    assert catalog.resolve("shemya").tags == frozenset({"us-base", "aleutians"})
    assert catalog.resolve("shemya").source == "mine.csv"


def test_users_geojson_sites_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mine.geojson",
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"geometry": {"type": "Point", "coordinates": [174.1136, 52.7123]}, '
        '"properties": {"id": "shemya", "name": "<b>Shemya</b>"}}]}',
    )
    (site,) = read_sites(path)
    assert (site.id, site.name, site.lat, site.lon) == (
        "shemya",
        "<b>Shemya</b>",
        52.7123,
        174.1136,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "mine.csv is empty: it needs a header row with id, name, lat, lon"),
        ("id,name,lat\nx,X,10\n", "mine.csv has no column lon (it has id, name, lat)"),
        ("id,name,lat,lon\n", "sites file mine.csv holds no sites"),
        ("id,name,lat,lon\na,A,95,10\n", "latitude 95 is outside [-90, 90] in row 2 of mine.csv"),
        # Regression (issue 25.6): longitudes past 180 were wrapped (540 became -180).
        ("id,name,lat,lon\na,A,1,540\n", "longitude 540 is outside [-180, 180] in row 2 of mine"),
        ("id,name,lat,lon\na,A,1,1209.5\n", "longitude 1209.5 is outside [-180, 180] in row 2"),
        ("id,name,lat,lon\na,A,1,-180.5\n", "longitude -180.5 is outside [-180, 180] in row 2"),
        ("id,name,lat,lon\na,A,1,2\nb,B,north,2\n", "latitude 'north' is not a number in row 3"),
        ("id,name,lat,lon\na,A,nan,2\n", "latitude 'nan' is not a finite number in row 2"),
        ("id,name,lat,lon\na,A,1,2\nA,B,3,4\n", "site id 'A' appears twice"),
        ("id,name,lat,lon\n<b>,A,1,2\n", "site id '<b>' may hold only letters"),
        ("id,name,lat,lon\na,A,1,2,extra\n", "row 2 of mine.csv has more fields than the header"),
    ],
)
def test_broken_csv_files_fail_naming_the_row(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CatalogError) as caught:
        read_sites(write(tmp_path, "mine.csv", text))
    assert message in str(caught.value)


def test_missing_file_fails_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"cannot read sites file .*nope.csv': No such file"):
        read_sites(tmp_path / "nope.csv")


def test_catalogs_and_rings_become_geodataframes() -> None:
    sites = bundled_sites()
    frame = sites_frame(sites.values())
    assert len(frame) == len(sites) and frame.crs.to_epsg() == 4326
    assert frame.set_index("id").loc["UHMA"].geometry.x == 177.741
    rings = rings_frame(range_rings(find_aircraft("tu-95ms"), [sites["UHBU"]]))
    assert list(rings["mode"]) == ["reach", "combat_radius"]
    assert list(rings["radius_km"]) == [10_300, 5150]


def test_dokdo_is_where_its_source_says() -> None:
    """Regression: 131.865 E where the quoted source says 131 deg 52 min (131.8667)."""
    dokdo = bundled_sites()["dokdo"]
    assert (
        abs(dokdo.lon - (131 + 52 / 60)) < 1e-4
        and abs(dokdo.lat - (37 + 14 / 60 + 30 / 3600)) < 1e-4
    )
    assert "target" not in dokdo.tags and "incident" in dokdo.tags


def test_bases_standing_in_say_so() -> None:
    for base in ("neixiang", "luan", "guiping"):
        site = bundled_sites()[base]
        assert "stand-in" in site.tags and "standing in" in site.source


def test_ring_frames_written_by_gdal_wind_as_rfc7946_asks(tmp_path: Path) -> None:
    """A notebook's `frame.to_file(...)` writes the frame's geometries as they are: rings round
    a pole, round both (Tu-95MS from the Equator), across 180 and in the south."""
    sites = bundled_sites()
    equator = Site(id="eq", name="Equator", lat=0.0, lon=170.0)
    south = Site(id="s", name="South", lat=-70.0, lon=170.0)
    rings = range_rings(find_aircraft("tu-95ms"), [sites["UHBU"], sites["UHMA"], equator, south])
    path = tmp_path / "rings.geojson"
    rings_frame(rings).to_file(path, driver="GeoJSON")
    assert len(check_rfc7946(path)["features"]) == len(rings) == 8
