"""The point of a zone's boundary nearest a place: checked against a dense brute force on WGS84."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from airspace import find_zone, nearest_edge_point
from airspace.edges import _edges
from tests.geo.reference import distance_m

#: Closed polygons (Alaska crosses 180, Guam has a hole) and lines known only in part.
ZONES = ["adiz-US-AK", "adiz-US-GU", "adiz-TW", "adiz-JP", "adiz-KR", "adiz-CN-ECS"]
_GEOD = Geod(ellps="WGS84")


def _dense_boundary(zone_id: str, spacing_km: float = 0.25) -> np.ndarray:
    """Every edge of the zone sampled every `spacing_km` or closer, as (lon, lat) rows."""
    starts, ends = _edges(find_zone(zone_id).geometry)
    pieces = []
    for a, b in zip(starts, ends, strict=True):
        count = int(np.hypot(*(b - a)) * 111.0 / spacing_km) + 2
        pieces.append(a + (b - a) * np.linspace(0.0, 1.0, count)[:, None])
    return np.concatenate(pieces)


@pytest.fixture(scope="module")
def boundaries() -> dict[str, np.ndarray]:
    return {zone_id: _dense_boundary(zone_id) for zone_id in ZONES}


@settings(max_examples=15, deadline=None)
@given(zone_id=st.sampled_from(ZONES), lat=st.floats(-10.0, 75.0), lon=st.floats(-180.0, 180.0))
def test_no_point_of_the_boundary_is_nearer(
    boundaries: dict[str, np.ndarray], zone_id: str, lat: float, lon: float
) -> None:
    """Sampled every 250 m, no boundary point is nearer than the one found (to a millimetre),
    and the one found is as far as GeographicLib says."""
    point, km = nearest_edge_point(find_zone(zone_id), lat=lat, lon=lon)
    dense = boundaries[zone_id]
    count = len(dense)
    _, _, metres = _GEOD.inv(np.full(count, lon), np.full(count, lat), dense[:, 0], dense[:, 1])
    assert km * 1000.0 <= float(np.min(metres)) + 1e-3
    assert km * 1000.0 == pytest.approx(distance_m(lat, lon, point.lat, point.lon), abs=1e-3)


def test_the_antimeridian_cut_is_not_the_alaska_adizs_edge() -> None:
    """The Alaska ADIZ is stored cut at 180. From inside it at 55N 179.99E the cut is 640 m away,
    but the nearest true edge is 376 km off, west of the Aleutians' Near Islands."""
    zone = find_zone("adiz-US-AK")
    assert zone.geometry.covers(shapely.Point(179.99, 55.0))
    point, km = nearest_edge_point(zone, lat=55.0, lon=179.99)
    assert km == pytest.approx(376.04, abs=0.01)
    assert (round(point.lat, 3), round(point.lon, 3)) == (57.198, 175.399)


def test_a_zone_known_only_as_a_line_has_that_line_for_edge() -> None:
    """The JADIZ is known as its outer line only: the edge is on it, not on a closing chord."""
    zone = find_zone("adiz-JP")
    assert not zone.complete
    point, _ = nearest_edge_point(zone, lat=35.0, lon=129.0)
    assert zone.geometry.distance(shapely.Point(point.lon, point.lat)) < 1e-9
