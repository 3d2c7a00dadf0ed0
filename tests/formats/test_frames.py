"""Catalogs and rings as GeoDataFrames, and those frames as GDAL writes them."""

from __future__ import annotations

from pathlib import Path

from formats.frames import rings_frame, sites_frame
from routes import Site, bundled_sites, find_aircraft
from routes.range_model import range_rings
from tests.geo.rfc7946 import check_rfc7946


def test_catalogs_and_rings_become_geodataframes() -> None:
    sites = bundled_sites()
    frame = sites_frame(sites.values())
    assert len(frame) == len(sites) and frame.crs.to_epsg() == 4326
    assert frame.set_index("id").loc["UHMA"].geometry.x == 177.741
    rings = rings_frame(range_rings(find_aircraft("tu-95ms"), [sites["UHBU"]]))
    assert list(rings["mode"]) == ["reach", "combat_radius"]
    assert list(rings["radius_km"]) == [10_300, 5150]


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
