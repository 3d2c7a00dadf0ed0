"""geodesic_path: vertices on the geodesic, cut at +/-180 with pieces meeting at one latitude."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import shapely
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiLineString

import geo
from tests.geo.reference import distance_m

latitudes = st.one_of(st.sampled_from([-90.0, 90.0, 0.0]), st.floats(-90, 90))
longitudes = st.one_of(st.sampled_from([-180.0, 180.0, 0.0]), st.floats(-180, 180))


def pieces(path: LineString | MultiLineString) -> list[LineString]:
    return list(getattr(path, "geoms", [path]))


@given(lat1=latitudes, lon1=longitudes, lat2=latitudes, lon2=longitudes)
# Regressions: a start a hair west of 180 that crosses at once; pole to pole along the cut.
@example(lat1=0.0, lon1=179.99999999999997, lat2=1.0, lon2=-1.0)
@example(lat1=0.0, lon1=1.0, lat2=1.0, lon2=-179.99999999999997)
@example(lat1=-90.0, lon1=-180.0, lat2=90.0, lon2=-180.0)
@example(lat1=-90.0, lon1=4.0, lat2=90.0, lon2=-180.0)
@example(lat1=6.0, lon1=-180.0, lat2=4.0, lon2=2.220446049250313e-16)  # along 180, over the pole
def test_every_vertex_lies_on_the_geodesic(
    lat1: float, lon1: float, lat2: float, lon2: float
) -> None:
    total = distance_m(lat1, lon1, lat2, lon2)
    assume(total > 1.0)
    path = geo.geodesic_path(lat1=lat1, lon1=lon1, lat2=lat2, lon2=lon2, max_segment_km=200)
    assert path.is_valid
    xy = shapely.get_coordinates(path)
    assert np.all(np.abs(xy[:, 0]) <= 180.0) and np.all(np.abs(xy[:, 1]) <= 90.0)
    for lon, lat in xy:
        via = distance_m(lat1, lon1, lat, lon) + distance_m(lat, lon, lat2, lon2)
        assert abs(via - total) <= 1.0
    # Consecutive pieces meet on the antimeridian at the same latitude.
    parts = pieces(path)
    for before, after in itertools.pairwise(parts):
        (end_lon, end_lat), (start_lon, start_lat) = before.coords[-1], after.coords[0]
        assert abs(end_lon) == abs(start_lon) == 180.0 and end_lon == -start_lon
        assert end_lat == start_lat
    # The path starts and ends at the caller's points.
    assert distance_m(lat1, lon1, xy[0, 1], xy[0, 0]) < 1e-6
    assert distance_m(lat2, lon2, xy[-1, 1], xy[-1, 0]) < 1e-6


def test_neixiang_to_honolulu_crosses_180_once() -> None:
    path = geo.geodesic_path(lat1=32.973274, lon1=111.882773, lat2=21.317825, lon2=-157.92025)
    assert isinstance(path, MultiLineString) and len(path.geoms) == 2
    west, east = path.geoms
    assert west.coords[0] == (111.882773, 32.973274)
    assert west.coords[-1][0] == 180.0 and east.coords[0][0] == -180.0
    assert east.coords[-1] == (-157.92025, 21.317825)
    # The great circle bows north of both ends on its way across the Pacific.
    assert max(lat for _, lat in shapely.get_coordinates(path)[:, ::-1][:, ::-1]) > 37.0


def test_vertices_are_at_most_max_segment_apart() -> None:
    path = geo.geodesic_path(lat1=51.17, lon1=128.445, lat2=64.73, lon2=-149.8, max_segment_km=25)
    xy = shapely.get_coordinates(path)
    steps = [distance_m(a[1], a[0], b[1], b[0]) for a, b in itertools.pairwise(xy)]
    assert max(steps) <= 25_000.0


def test_same_start_and_end_is_an_error() -> None:
    with pytest.raises(geo.GeoError, match="starts and ends at the same point"):
        geo.geodesic_path(lat1=10, lon1=10, lat2=10, lon2=10)


def test_bad_latitude_names_the_value() -> None:
    with pytest.raises(geo.InvalidCoordinateError, match=r"lat2 95.0 is outside \[-90, 90\]"):
        geo.geodesic_path(lat1=10, lon1=10, lat2=95, lon2=10)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(latitudes, longitudes), min_size=2, max_size=6))
def test_chain_samples_walk_the_chain(points: list[tuple[float, float]]) -> None:
    """Samples hold every given point, at most a segment apart on the ellipsoid, with the km flown
    to each (GeographicLib's) and longitudes that never jump by more than half a turn."""
    lat, lon, km = geo.chain_samples(points, max_segment_km=500.0)
    lengths = [distance_m(*a, *b) / 1000.0 for a, b in itertools.pairwise(points)]
    assert km[-1] == pytest.approx(sum(lengths), abs=1e-6)
    assert np.all(np.diff(km) >= 0.0)
    for (given_lat, given_lon), at in zip(points, np.cumsum([0.0, *lengths]), strict=True):
        here = int(np.argmin(np.abs(km - at)))
        assert distance_m(lat[here], lon[here], given_lat, given_lon) < 1e-3
    gaps = [distance_m(lat[k], lon[k], lat[k + 1], lon[k + 1]) for k in range(len(lat) - 1)]
    assert max(gaps) <= 500_000.0 + 1e-3
    # Only a geodesic over a pole (along a meridian) turns half a turn at once, at the pole.
    assert np.all(np.abs(np.diff(lon)) <= 180.0 + 1e-9)
