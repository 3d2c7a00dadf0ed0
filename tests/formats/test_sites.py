"""Users' sites files (CSV and GeoJSON): read, merged into the catalog, and validated row by
row."""

from __future__ import annotations

from pathlib import Path

import pytest

from formats.sites import read_sites
from routes import CatalogError, bundled_sites


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
