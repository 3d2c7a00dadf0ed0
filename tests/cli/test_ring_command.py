"""`rangemap ring`: rings as GeoJSON, and bad input answered in one line with nothing written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas
import pytest

from tests.cli.commands import H6K_AT_UHMA, RING, refused_before_any_file
from tests.cli.conftest import Run


def test_ring_geojson_opens_in_geopandas(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        "ring", "--aircraft", "tu-95ms", "--at", "UHBU", "--at", "UHMA", "-o", "r.geojson"
    )
    assert result.returncode == 0, result.stderr
    assert "wrote r.geojson" in result.stdout
    frame = geopandas.read_file(tmp_path / "r.geojson")
    rings = frame[frame["kind"] == "ring"]
    assert sorted(zip(rings["site"], rings["mode"], rings["radius_km"], strict=True)) == [
        ("UHBU", "combat_radius", 5150.0),
        ("UHBU", "reach", 10300.0),
        ("UHMA", "combat_radius", 5150.0),
        ("UHMA", "reach", 10300.0),
    ]
    assert list(frame[frame["kind"] == "site"]["id"]) == ["UHBU", "UHMA"]


def test_ad_hoc_aircraft_with_reserve(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        "ring",
        "--range-km",
        "2500",
        "--reserve",
        "0.1",
        "--at",
        "21.3,-157.9",
        "--mode",
        "reach",
        "-o",
        "x.geojson",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "x.geojson").read_text(encoding="utf-8"))
    assert [
        f["properties"]["radius_km"] for f in data["features"] if f["properties"]["kind"] == "ring"
    ] == [2250.0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--aircraft", "h-6k", "--at", "nowhere-base"], "unknown site 'nowhere-base'"),
        (["--aircraft", "h-6k", "--at", "95,10"], "latitude 95 is outside [-90, 90] in '95,10'"),
        (
            [*H6K_AT_UHMA, "--reserve", "1.5"],
            "reserve 1.5 must be a fraction from 0 to 0.9",
        ),
        (
            [*H6K_AT_UHMA, "--reserve", "nan"],
            "argument --reserve: 'nan' is not a finite number",
        ),
        (
            ["--range-km", "-10", "--at", "UHMA"],
            "--range-km -10 must be a number from 1 to 100,000 km",
        ),
        (["--aircraft", "b-52", "--at", "UHMA"], "unknown aircraft 'b-52'"),
        (["--at", "UHMA"], "give --aircraft A"),
        (
            [*H6K_AT_UHMA, "--extent", "20,120,60"],
            "--extent '20,120,60': give four numbers: LAT0,LON0,LAT1,LON1",
        ),
        (
            [*H6K_AT_UHMA, "--extent", "-95,120,60,130"],
            "--extent '-95,120,60,130': lat0 -95 is outside [-90, 90]",
        ),
        (
            [*H6K_AT_UHMA, "--extent", "20,x,60,130"],
            "--extent '20,x,60,130': 'x' is not a number",
        ),
        (
            [*H6K_AT_UHMA, "--dpi", "1200"],
            "--dpi 1200 must be a number from 50 to 600 dots per inch",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2_and_no_file(
    rangemap_in_process: Run, tmp_path: Path, args: list[str], message: str
) -> None:
    result = rangemap_in_process("ring", *args, "-o", "out.geojson")
    refused_before_any_file(result, tmp_path, message)
    assert not (tmp_path / "out.geojson").exists()


def test_unknown_output_format_is_refused_before_any_work(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    result = rangemap_in_process("ring", "--aircraft", "h-6k", "--at", "neixiang", "-o", "map.shp")
    assert result.returncode == 2
    assert "cannot write 'map.shp': the format follows the suffix, one of" in result.stderr
    assert ".geojson" in result.stderr and ".kml, .kmz, .gpkg" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "mine.csv is empty"),
        ("id,name,lat\nx,X,10\n", "mine.csv has no column lon"),
        ("id,name,lat,lon\nx,X,1,2\nx,Y,3,4\n", "site id 'x' appears twice"),
        (
            "id,name,lat,lon\nUHMA,Mine,1,2\n",
            "site id 'UHMA' is the ICAO code of",
        ),
        ("id,name,lat,lon\nneixiang,Mine,1,2\n", "site id 'neixiang' appears twice"),
        (
            "id,name,lat,lon\nx,X,95,2\n",
            "latitude 95 is outside [-90, 90] in row 2 of mine.csv",
        ),
    ],
)
def test_broken_sites_files(
    rangemap_in_process: Run, tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "mine.csv").write_text(text, encoding="utf-8")
    result = rangemap_in_process(
        "ring", "--aircraft", "h-6k", "--at", "x", "--sites", "mine.csv", "-o", "o.geojson"
    )
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "o.geojson").exists()


def test_a_name_with_html_stays_text(rangemap_in_process: Run, tmp_path: Path) -> None:
    name = "<img src=x onerror=alert(1)>"
    (tmp_path / "mine.csv").write_text(f'id,name,lat,lon\nodd,"{name}",40,140\n', encoding="utf-8")
    result = rangemap_in_process(
        "ring", "--aircraft", "h-6k", "--at", "odd", "--sites", "mine.csv", "-o", "o.geojson"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "o.geojson").read_text(encoding="utf-8"))
    assert [
        f["properties"]["name"] for f in data["features"] if f["properties"]["kind"] == "site"
    ] == [name]


def test_html_and_png_outputs(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        "ring",
        "--aircraft",
        "h-6k",
        "--at",
        "neixiang",
        "--at",
        "UHMA",
        "-o",
        "map.html",
        "-o",
        "map.png",
        "-o",
        "map.geojson",
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "<title>Xian H-6K: range rings from" in html and "rangemap-ring" in html
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")
    assert "cdn.jsdelivr.net" not in html  # self-contained by default


def test_cdn_writes_the_small_page_and_offline_changes_nothing(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    ring = ("ring", "--aircraft", "h-6k", "--at", "neixiang")
    assert rangemap_in_process(*ring, "-o", "cdn.html", "--cdn").returncode == 0
    assert rangemap_in_process(*ring, "-o", "default.html").returncode == 0
    assert rangemap_in_process(*ring, "-o", "offline.html", "--offline").returncode == 0
    cdn, default, offline = (
        (tmp_path / f"{name}.html").read_text(encoding="utf-8")
        for name in ("cdn", "default", "offline")
    )
    assert 'src="https://cdn.jsdelivr.net/npm/leaflet@' in cdn
    assert len(cdn) < len(default) - 100_000
    # The same page, but for the names folium numbers afresh each time.
    assert re.sub(r"_[0-9a-f]{32}", "", offline) == re.sub(r"_[0-9a-f]{32}", "", default)


def test_unknown_tiles_refused_before_any_work(rangemap_in_process: Run, tmp_path: Path) -> None:
    result = rangemap_in_process(
        "ring", "--aircraft", "h-6k", "--at", "neixiang", "--tiles", "google", "-o", "m.html"
    )
    refused_before_any_file(result, tmp_path, "unknown tiles 'google'; choose one of light, osm")


def test_extent_frame_and_dpi_reach_the_figure_and_the_map(
    rangemap_in_process: Run, tmp_path: Path
) -> None:
    """A box over the Pacific across 180, from a negative latitude, at 300 dpi: the map opens on
    it in continuous longitudes, the PNG has three times the pixels."""
    from PIL import Image

    result = rangemap_in_process(
        *RING, "--extent", "-10,150,60,-150", "--frame", "rings", "--dpi", "300",
        "-o", "r.png", "-o", "r.html",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with Image.open(tmp_path / "r.png") as image:
        assert image.size[0] == 3300
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "fitBounds(\n                [[-10.0,150.0],[60.0,210.0]]," in html
    wrong = rangemap_in_process(*RING, "--frame", "all", "-o", "x.png")
    assert wrong.returncode == 2 and "invalid choice: 'all'" in wrong.stderr
